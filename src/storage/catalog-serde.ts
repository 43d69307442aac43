/**
 * Converts a CatalogSnapshot to and from the plain object stored under the `snapshot` key
 * (msgpack via lmdb). Plain arrays, not Maps, so the stored form is independent of the
 * serializer's Map support; types are rebuilt through `sqlType` so they are frozen and shared.
 */
import { sqlType, type ScalarTypeId, type SqlType } from '../types/sql-type.js';
import type { CatalogSnapshot, StoredColumn, StoredObject, StoredTable } from './storage-api.js';

/** The first OID PostgreSQL hands to user objects (FirstNormalObjectId). */
export const FIRST_USER_OID = 16384;

export interface StoredSnapshotRecord {
  version: number;
  nextTableId: number;
  nextOid: number;
  tables: StoredTable[];
  /** Absent in records written before user types existed. */
  objects?: StoredObject[];
}

export const EMPTY_SNAPSHOT: CatalogSnapshot = Object.freeze({
  version: 0,
  tables: new Map<string, StoredTable>(),
  objects: new Map<number, StoredObject>(),
  nextTableId: 1,
  nextOid: FIRST_USER_OID,
});

export function snapshotToRecord(s: CatalogSnapshot): StoredSnapshotRecord {
  const tables = [...s.tables.values()].map((t) => stripUndefined({
    ...t,
    // msgpack would keep `defaultSql: undefined` as a key; drop it for a canonical form.
    columns: t.columns.map((c) => stripUndefined(c)),
  }));
  const objects = [...(s.objects?.values() ?? [])].map((o) => stripUndefined(o));
  return { version: s.version, nextTableId: s.nextTableId, nextOid: s.nextOid, tables, ...(objects.length > 0 ? { objects } : {}) };
}

export function recordToSnapshot(r: StoredSnapshotRecord): CatalogSnapshot {
  const tables = new Map<string, StoredTable>();
  for (const t of r.tables) tables.set(t.name, freezeTable(t));
  const objects = new Map<number, StoredObject>((r.objects ?? []).map((o) => [o.id, deepFreeze(o)]));
  return Object.freeze({ version: r.version, tables, objects, nextTableId: r.nextTableId, nextOid: r.nextOid });
}

/** A deep-frozen copy of a table with canonical SqlType instances. */
export function freezeTable(t: StoredTable): StoredTable {
  return Object.freeze({
    id: t.id,
    oid: t.oid,
    name: t.name,
    nextColumnId: t.nextColumnId,
    version: t.version,
    columns: Object.freeze(t.columns.map(freezeColumn)),
    rowGroups: Object.freeze(t.rowGroups.map((g) =>
      Object.freeze({ id: g.id, rowCount: g.rowCount, columnIds: Object.freeze([...g.columnIds]) }))),
    ...freezeSchemaObjects(t),
  });
}

/** Indexes, constraints, triggers, comment and view definition; keys absent when unset (older snapshots). */
function freezeSchemaObjects(t: StoredTable): Partial<StoredTable> {
  return stripUndefined({
    indexes: t.indexes?.length ? deepFreeze(t.indexes) : undefined,
    constraints: t.constraints?.length ? deepFreeze(t.constraints) : undefined,
    comment: t.comment,
    options: t.options?.length ? deepFreeze(t.options) : undefined,
    unlogged: t.unlogged || undefined,
    view: t.view ? deepFreeze(t.view) : undefined,
    sequence: t.sequence ? deepFreeze(t.sequence) : undefined,
    temporary: t.temporary || undefined,
    inherits: t.inherits?.length ? Object.freeze([...t.inherits]) : undefined,
    partitionKey: t.partitionKey ? Object.freeze({
      strategy: t.partitionKey.strategy,
      parts: Object.freeze(t.partitionKey.parts.map((p) => Object.freeze(stripUndefined({ ...p, type: canonicalType(p.type) })))),
    }) : undefined,
    partitionBound: t.partitionBound ? deepFreeze(t.partitionBound) : undefined,
    triggers: t.triggers?.length ? deepFreeze(t.triggers) : undefined,
  });
}

function deepFreeze<T>(value: T): T {
  if (Array.isArray(value)) return Object.freeze(value.map(deepFreeze)) as T;
  if (value !== null && typeof value === 'object') {
    return Object.freeze(Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined).map(([k, v]) => [k, deepFreeze(v)]))) as T;
  }
  return value;
}

/** A built-in type rebuilt from its id; a user type (composite, enum, domain) kept whole: its fields, labels and checks. */
function canonicalType(type: SqlType): SqlType {
  if (type.udt || type.domain || type.fields) return deepFreeze(type);
  return sqlType(type.id as ScalarTypeId, { array: type.array, typmod: type.typmod });
}

function freezeColumn(c: StoredColumn): StoredColumn {
  return Object.freeze(stripUndefined({
    id: c.id, name: c.name, type: canonicalType(c.type), notNull: c.notNull, defaultSql: c.defaultSql, comment: c.comment,
    identity: c.identity, inheritCount: c.inheritCount || undefined, isLocal: c.isLocal === false ? false : undefined,
    statistics: c.statistics, storage: c.storage,
  }));
}

function stripUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
