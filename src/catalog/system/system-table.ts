/**
 * Virtual catalog tables (pg_catalog.*, information_schema.*): a relation whose rows are
 * computed at scan time from the transaction's tables, the function registry and the
 * session, never stored. A `SystemTable` is a `StoredTable` (so the planner binds it like any
 * table and the Scan node carries it) plus the definition that produces its rows.
 */
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import type { StoredColumn, StoredTable } from '../../storage/storage-api.js';
import { sqlType, vectorType, type ScalarTypeId, type SqlType } from '../../types/sql-type.js';
import type { Value } from '../../types/value.js';
import type { CatalogReader } from '../catalog-transaction.js';
import type { ServerAccess } from '../../functions/index.js';
import { PG15_CATALOG_SHAPES } from './pg15-catalog-shapes.js';

/** What row producers may read: the transaction's tables and the session's settings. */
export interface SystemSource {
  readonly txn: CatalogReader;
  /** Session setting by lower-cased name (database, session_authorization, search_path …). */
  setting(name: string): string | undefined;
  /** Every run-time parameter with its value (pg_settings); absent → a fixed list is read. */
  listSettings?(): readonly SettingInfo[];
  /** The session's open cursors (pg_cursors); absent → none. */
  listCursors?(): readonly CursorInfo[];
  /** Every backend and advisory lock (pg_stat_activity, pg_locks); absent → this session alone. */
  readonly server?: ServerAccess;
}

/** One DECLAREd cursor as pg_cursors shows it. */
export interface CursorInfo {
  readonly name: string;
  /** The query string that declared it. */
  readonly statement: string;
  readonly holdable: boolean;
  readonly binary: boolean;
  readonly scrollable: boolean;
  /** Microseconds since the epoch (timestamptz). */
  readonly created: number;
}

/** One run-time parameter as pg_settings shows it. */
export interface SettingInfo {
  readonly name: string;
  readonly setting: string;
  readonly description: string;
  readonly readOnly: boolean;
  /** What pg_settings shows of a typed parameter (absent: an untyped string). */
  readonly category?: string;
  readonly vartype?: 'bool' | 'integer' | 'real' | 'enum' | 'string';
  readonly unit?: string;
  readonly minVal?: string;
  readonly maxVal?: string;
  readonly enumVals?: readonly string[];
  readonly bootVal?: string;
  readonly resetVal?: string;
}

/** A row by column name; columns left out are NULL. */
export type SystemRow = Readonly<Record<string, Value>>;

export interface SystemTableDef {
  readonly schema: 'pg_catalog' | 'information_schema';
  readonly name: string;
  /** Rows as of this scan; empty catalogs (pg_trigger, pg_policy …) omit it. */
  readonly rows?: (source: SystemSource) => Iterable<SystemRow>;
}

/** A bound system relation: a StoredTable with no row groups and the definition to compute rows. */
export interface SystemTable extends StoredTable {
  readonly schema: 'pg_catalog' | 'information_schema';
  readonly relkind: 'r' | 'v';
  readonly def: SystemTableDef;
}

/** System relations use negative table ids, so they can never collide with stored tables. */
let nextSystemId = -1;

export function isSystemTable(table: StoredTable): table is SystemTable {
  return table.id < 0 && 'def' in table;
}

/** Parses a `"name type, name type[]"` column list (types are pg_type names we support). */
export function parseColumnSpec(spec: string): StoredColumn[] {
  return spec.split(',').map((part, i) => {
    const [name, written] = part.trim().split(/\s+/) as [string, string];
    if (written === 'int2vector' || written === 'oidvector') {
      return { id: i + 1, name, type: vectorType(written === 'int2vector' ? 'int2' : 'oid'), notNull: false };
    }
    const array = written.endsWith('[]');
    const type: SqlType = sqlType((array ? written.slice(0, -2) : written) as ScalarTypeId, { array });
    return { id: i + 1, name, type, notNull: false };
  });
}

/** Builds the relation for a definition, taking OID, relkind and columns from PostgreSQL 15's shape. */
export function systemTable(def: SystemTableDef): SystemTable {
  const shape = PG15_CATALOG_SHAPES[`${def.schema}.${def.name}`];
  if (!shape) throw new SqlError(SQLSTATE.InternalError, `no catalog shape for ${def.schema}.${def.name}`);
  const [oid, relkind, spec] = shape;
  const columns = parseColumnSpec(spec);
  return {
    id: nextSystemId--, oid, name: def.name, columns, rowGroups: [], nextColumnId: columns.length + 1, version: 0,
    schema: def.schema, relkind, def,
  };
}
