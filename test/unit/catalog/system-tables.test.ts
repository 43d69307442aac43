/**
 * Virtual catalogs without a server: every system relation has PostgreSQL 15's columns and
 * produces rows whose keys are real columns; the relation lookup and the reg* text forms.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CatalogTransaction } from '../../../src/catalog/catalog-transaction.js';
import { createStoredTable } from '../../../src/catalog/index.js';
import { createCatalogLookup, findSystemTable, scanSystemTable, systemTables } from '../../../src/catalog/system/index.js';
import { formatType, regclassOut, regprocIn, regtypeIn, regtypeOut } from '../../../src/functions/system/reg-types.js';
import { parseQualifiedName } from '../../../src/functions/system/qualified-name.js';
import { sizePretty } from '../../../src/functions/system/size-functions.js';
import { T } from '../../../src/types/sql-type.js';

const items = createStoredTable(1, 16384, 'items', [
  { name: 'id', type: T.int4, notNull: true },
  { name: 'emb', type: T.float4Array, notNull: false, defaultSql: "'{}'" },
]);
const withRows = { ...items, rowGroups: [{ id: 1, rowCount: 3, columnIds: [1, 2] }] };
/** Only the methods the catalogs read. */
const txn = {
  listTables: () => [withRows], getTable: (n: string) => (n === 'items' ? withRows : undefined), childrenOf: () => [], listObjects: () => [],
  getTableById: (id: number) => (id === withRows.id ? withRows : undefined),
} as unknown as CatalogTransaction;
const source = { txn, setting: (n: string) => ({ database: 'db1', session_authorization: 'alice' } as Record<string, string>)[n] };

function rows(schema: string | undefined, name: string): Record<string, unknown>[] {
  const table = findSystemTable(schema, name)!;
  const ids = table.columns.map((c) => c.id);
  const out: Record<string, unknown>[] = [];
  for (const batch of scanSystemTable(table, ids, source)) {
    for (let r = 0; r < batch.rowCount; r++) out.push(Object.fromEntries(table.columns.map((c, i) => [c.name, batch.columns[i]![r]])));
  }
  return out;
}

test('every computed row uses only columns the relation has', () => {
  for (const table of systemTables()) {
    const names = new Set(table.columns.map((c) => c.name));
    for (const row of table.def.rows?.(source) ?? []) {
      for (const key of Object.keys(row)) assert.ok(names.has(key), `${table.schema}.${table.name} has no column ${key}`);
    }
  }
});

test('unqualified names find pg_catalog only; information_schema needs its schema', () => {
  assert.equal(findSystemTable(undefined, 'pg_class')?.oid, 1259);
  assert.equal(findSystemTable('pg_catalog', 'pg_type')?.oid, 1247);
  assert.equal(findSystemTable(undefined, 'columns'), undefined);
  assert.equal(findSystemTable('information_schema', 'columns')?.relkind, 'v');
  assert.equal(findSystemTable('public', 'pg_class'), undefined);
});

test('pg_class and pg_attribute describe a user table; real[] is _float4', () => {
  const cls = rows(undefined, 'pg_class').find((r) => r.relname === 'items')!;
  assert.deepEqual([cls.oid, cls.relkind, cls.relnamespace, cls.relnatts, cls.reltuples], [16384, 'r', 2200, 2, 3]);
  const atts = rows(undefined, 'pg_attribute').filter((r) => r.attrelid === 16384);
  assert.deepEqual(atts.map((a) => [a.attnum, a.attname, a.atttypid, a.attnotnull, a.atthasdef]), [[1, 'id', 23, true, false], [2, 'emb', 1021, false, true]]);
  const col = rows('information_schema', 'columns').find((r) => r.table_name === 'items' && r.column_name === 'emb')!;
  assert.deepEqual([col.data_type, col.udt_name, col.column_default, col.table_catalog], ['ARRAY', '_float4', "'{}'", 'db1']);
});

test('pg_database and pg_roles report the session database and user', () => {
  assert.deepEqual(rows(undefined, 'pg_database').map((r) => [r.datname, r.encoding]), [['db1', 6]]);
  assert.deepEqual(rows(undefined, 'pg_roles').map((r) => [r.rolname, r.rolsuper, r.oid]), [['alice', true, 10]]);
});

test('the relation lookup searches pg_catalog then public', () => {
  const lookup = createCatalogLookup(() => txn);
  assert.equal(lookup.relationByName(undefined, 'items')?.oid, 16384);
  assert.equal(lookup.relationByName(undefined, 'pg_class')?.oid, 1259);
  assert.equal(lookup.relationByName('information_schema', 'tables')?.schema, 'information_schema');
  assert.equal(regclassOut(16384, lookup), 'items');
  assert.equal(regclassOut(lookup.relationByName('information_schema', 'tables')!.oid, lookup), 'information_schema.tables');
});

test('regtype, regproc, format_type and qualified names', () => {
  assert.equal(regtypeIn('integer'), 23);
  assert.equal(regtypeIn('_float4'), 1021);
  assert.equal(regtypeIn('pg_catalog.real[]'), 1021);
  assert.equal(regtypeIn('trigger'), 2279);
  assert.throws(() => regtypeIn('nope'), { code: '42704' });
  assert.equal(regtypeOut(1043), 'character varying');
  assert.equal(formatType(1700, (12 << 16 | 2) + 4), 'numeric(12,2)');
  assert.equal(formatType(99999, -1), '???');
  assert.equal(regprocIn('pg_catalog.array_in'), 750);
  assert.deepEqual(parseQualifiedName('Public."My Table"'), { schema: 'public', name: 'My Table' });
});

test('pg_size_pretty rounds like PostgreSQL', () => {
  assert.deepEqual([0n, 10239n, 10240n, 123456789n].map(sizePretty), ['0 bytes', '10239 bytes', '10 kB', '118 MB']);
});
