/**
 * information_schema.columns: SQL-standard type names (`character varying`, `ARRAY` with the
 * element in udt_name `_float4`), lengths, precisions and defaults, as PostgreSQL computes
 * them in information_schema.sql (Metabase and Grafana sync fields from here).
 */
import { PG_TYPE_FACTS } from '../../functions/system/pg-type-facts.js';
import { databaseName } from '../../functions/system/session-identity.js';
import { numericTypmodPrecision } from '../../types/numeric-typmod.js';
import { formatTypeName, typeOid, type SqlType } from '../../types/sql-type.js';
import type { StoredColumn, StoredTable } from '../../storage/storage-api.js';
import type { Value } from '../../types/value.js';
import { ownedSequences } from '../schema-objects.js';
import { listRelations } from './relation-list.js';
import type { SystemTableDef } from './system-table.js';

const VARHDRSZ = 4;
/** character_octet_length of unbounded text: PostgreSQL reports 1 GB. */
const MAX_OCTETS = 1073741824;
/** Server encoding UTF8: up to 4 bytes per character. */
const MAX_BYTES_PER_CHAR = 4;
const BINARY_PRECISION: Readonly<Record<string, number>> = { int2: 16, int4: 32, int8: 64, float4: 24, float8: 53 };
const DATETIME_PRECISION: Readonly<Record<string, number>> = { date: 0, time: 6, timestamp: 6, timestamptz: 6, interval: 6 };

/** data_type: format_type without modifiers, `ARRAY` for arrays. */
function dataType(type: SqlType): string {
  if (type.array) return 'ARRAY';
  if (type.id === 'char' || type.id === 'name') return type.id === 'char' ? '"char"' : 'name';
  return formatTypeName({ ...type, typmod: -1 });
}

function numericFacts(type: SqlType): Record<string, Value> {
  if (type.array) return {};
  const binary = BINARY_PRECISION[type.id];
  if (binary !== undefined) {
    const integer = type.id.startsWith('int');
    return { numeric_precision: binary, numeric_precision_radix: 2, ...(integer ? { numeric_scale: 0 } : {}) };
  }
  if (type.id === 'numeric') {
    if (type.typmod < 0) return { numeric_precision_radix: 10 };
    // PostgreSQL's view reads the scale as 16 unsigned bits, so numeric(3,-3) shows 2045.
    const packedScale = (type.typmod - VARHDRSZ) & 0xffff;
    return { numeric_precision: numericTypmodPrecision(type.typmod), numeric_precision_radix: 10, numeric_scale: packedScale };
  }
  return {};
}

function characterFacts(type: SqlType): Record<string, Value> {
  if (type.array || !['varchar', 'bpchar', 'text'].includes(type.id)) return {};
  if (type.typmod < 0) return { character_octet_length: MAX_OCTETS };
  const length = type.typmod - VARHDRSZ;
  return { character_maximum_length: length, character_octet_length: length * MAX_BYTES_PER_CHAR };
}

/** is_identity … identity_cycle: from the sequence an identity column owns. */
function identityFacts(tables: readonly StoredTable[], table: StoredTable, column: StoredColumn): Record<string, Value> {
  const sequence = column.identity ? ownedSequences(tables, table, column.id)[0]?.sequence : undefined;
  if (!sequence) {
    return {
      is_identity: 'NO', identity_generation: null, identity_start: null, identity_increment: null,
      identity_maximum: null, identity_minimum: null, identity_cycle: 'NO',
    };
  }
  return {
    is_identity: 'YES', identity_generation: column.identity === 'a' ? 'ALWAYS' : 'BY DEFAULT', identity_start: sequence.start,
    identity_increment: sequence.increment, identity_maximum: sequence.max, identity_minimum: sequence.min,
    identity_cycle: sequence.cycle ? 'YES' : 'NO',
  };
}

export const infoColumns: SystemTableDef = {
  schema: 'information_schema', name: 'columns',
  *rows({ txn, setting }) {
    const catalog = databaseName(setting);
    const tables = txn.listTables();
    for (const r of listRelations(txn)) {
      if (r.relkind === 'i' || r.relkind === 'S') continue;
      let position = 0;
      for (const c of r.table.columns) {
        position++;
        const precision = DATETIME_PRECISION[c.type.id];
        yield {
          table_catalog: catalog, table_schema: r.schema, table_name: r.table.name, column_name: c.name,
          ordinal_position: position, column_default: c.identity ? null : c.defaultSql ?? null, is_nullable: c.notNull ? 'NO' : 'YES',
          data_type: dataType(c.type), ...characterFacts(c.type), ...numericFacts(c.type),
          datetime_precision: c.type.array || precision === undefined ? null : precision,
          udt_catalog: catalog, udt_schema: 'pg_catalog', udt_name: PG_TYPE_FACTS.get(typeOid(c.type))?.typname ?? c.type.id,
          dtd_identifier: String(position), is_self_referencing: 'NO', ...identityFacts(tables, r.table, c),
          is_generated: 'NEVER', generation_expression: null,
          is_updatable: r.relkind === 'r' || r.relkind === 'p' ? 'YES' : 'NO',
        };
      }
    }
  },
};
