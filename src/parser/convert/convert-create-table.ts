/**
 * CREATE [TEMP|UNLOGGED] TABLE [IF NOT EXISTS] → CreateTable (columns with NOT NULL, DEFAULT,
 * COLLATE and their own constraints; table constraints in order), and the column definition
 * ALTER TABLE ADD COLUMN shares. CREATE TABLE … AS / SELECT … INTO → CreateTableAs.
 * `LIKE source INCLUDING …` elements are kept for the binder. Partitioning, INHERITS, OF type, ON
 * COMMIT DROP|DELETE ROWS and TABLESPACE are 0A000.
 */
import type { ColumnDef, CreateStmt, CreateTableAsStmt, IntoClause, RangeVar, SelectStmt } from 'libpg-query';
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import type {
  ColumnDef as OurColumnDef, CreateTable, CreateTableAs, CreateTableAsExecute, LikeOption, Query, TableConstraint, TableLike,
} from '../ast.js';
import type { ConvertContext } from './convert-context.js';
import { convertConstraint, isConstraintAttribute } from './convert-constraint.js';
import { checkCollation, convertExpr } from './convert-expr.js';
import { convertExecute } from './convert-prepare.js';
import { convertRelOptions } from './convert-rel-options.js';
import { convertQuery, convertSelectStmt } from './convert-select.js';
import { convertSequenceOptions } from './convert-sequence.js';
import { convertType } from './convert-type.js';
import { notSupported } from './not-supported.js';
import { stringsOf, tagOf } from './pg-node.js';
import { relationName } from './qualified-name.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Convert CREATE TABLE. */
export function convertCreateTable(s: CreateStmt, ctx: ConvertContext): CreateTable {
  if (s.inhRelations) throw notSupported('INHERITS', ctx);
  if (s.partspec || s.partbound) throw notSupported('declarative partitioning', ctx);
  if (s.ofTypename) throw notSupported('CREATE TABLE … OF type', ctx);
  if (s.tablespacename !== undefined) throw notSupported('TABLESPACE', ctx);
  if (s.accessMethod !== undefined && s.accessMethod !== 'heap') throw notSupported(`table access method "${s.accessMethod}"`, ctx);
  if (s.oncommit === 'ONCOMMIT_DROP' || s.oncommit === 'ONCOMMIT_DELETE_ROWS') throw notSupported('ON COMMIT DROP / DELETE ROWS', ctx);
  checkPersistence(s.relation!);
  const options = convertRelOptions(s.options, 'create');
  const columns: OurColumnDef[] = [];
  const constraints: TableConstraint[] = [];
  const like: TableLike[] = [];
  for (const element of s.tableElts ?? []) {
    if ('ColumnDef' in element) columns.push(convertColumnDef(element.ColumnDef, ctx));
    else if ('Constraint' in element) constraints.push(convertConstraint(element.Constraint, ctx));
    else if ('TableLikeClause' in element) {
      const clause = element.TableLikeClause;
      const bits = clause.options ?? 0;
      like.push({ table: relationName(clause.relation!, ctx), at: columns.length, including: LIKE_OPTIONS.filter((_, i) => (bits & (1 << i)) !== 0) });
    } else throw notSupported(`table element ${tagOf(element)}`, ctx);
  }
  return {
    kind: 'CreateTable', name: relationName(s.relation!, ctx), ifNotExists: s.if_not_exists ?? false, columns,
    temporary: s.relation!.relpersistence === 't', ...(constraints.length > 0 ? { constraints } : {}), ...(like.length > 0 ? { like } : {}),
    ...(options.length > 0 ? { options } : {}), ...(s.relation!.relpersistence === 'u' ? { unlogged: true } : {}),
  };
}

/** A temporary table lives in pg_temp and only there (PostgreSQL's RangeVarAdjustRelationPersistence). */
function checkPersistence(rel: RangeVar): void {
  const schema = rel.schemaname;
  if (schema === undefined) return;
  const tempSchema = schema === 'pg_temp' || /^pg_temp_\d+$/.test(schema);
  if (rel.relpersistence === 't' && !tempSchema) {
    throw new SqlError(SQLSTATE.InvalidTableDefinition, 'cannot create temporary relation in non-temporary schema');
  }
  if (rel.relpersistence === 'u' && tempSchema) {
    throw new SqlError(SQLSTATE.InvalidTableDefinition, 'only temporary relations may be created in temporary schemas');
  }
}

/** PostgreSQL's CREATE_TABLE_LIKE_* bits, lowest first (INCLUDING ALL sets them all). */
const LIKE_OPTIONS: readonly LikeOption[] = [
  'comments', 'compression', 'constraints', 'defaults', 'generated', 'identity', 'indexes', 'statistics', 'storage',
];

/** `name type [constraints]` (CREATE TABLE, ALTER TABLE ADD COLUMN). */
export function convertColumnDef(def: ColumnDef, ctx: ConvertContext): OurColumnDef {
  const name = def.colname!;
  if (def.collClause) checkCollation(def.collClause.collname, ctx, def.collClause.location);
  const serial = serialType(def);
  const col: Mutable<OurColumnDef> = {
    name, type: serial ?? convertType(def.typeName!, ctx), notNull: false, primaryKey: false, unique: false, ...(serial ? { serial: true } : {}),
  };
  const constraints: TableConstraint[] = [];
  for (const node of def.constraints ?? []) {
    if (!('Constraint' in node)) throw notSupported(`column constraint ${tagOf(node)}`, ctx);
    const c = node.Constraint;
    if (isConstraintAttribute(c)) continue;
    switch (c.contype) {
      case 'CONSTR_NOTNULL': col.notNull = true; break;
      case 'CONSTR_NULL': col.notNull = false; break;
      case 'CONSTR_DEFAULT': col.default = convertExpr(c.raw_expr!, ctx); break;
      case 'CONSTR_IDENTITY':
        col.identity = { always: c.generated_when === 'a', options: convertSequenceOptions(c.options, ctx) };
        break;
      case 'CONSTR_GENERATED': throw notSupported('generated columns', ctx, c.location);
      default: {
        const constraint = convertConstraint(c, ctx, name);
        if (constraint.kind === 'PrimaryKey') { col.primaryKey = true; col.notNull = true; }
        if (constraint.kind === 'Unique') col.unique = true;
        constraints.push(constraint);
      }
    }
  }
  if (constraints.length > 0) col.constraints = constraints;
  return col;
}

/** PostgreSQL's serial pseudo-types and the integer type each stands for. */
const SERIAL_TYPES: Readonly<Record<string, string>> = {
  smallserial: 'int2', serial2: 'int2', serial: 'int4', serial4: 'int4', bigserial: 'int8', serial8: 'int8',
};

/**
 * `serial` & co. written unqualified, without array bounds or modifiers (as PostgreSQL's
 * transformColumnDefinition recognises them): the integer type they stand for.
 */
function serialType(def: ColumnDef): OurColumnDef['type'] | undefined {
  const t = def.typeName!;
  const names = stringsOf(t.names);
  if (names.length !== 1 || t.arrayBounds || t.typmods) return undefined;
  const id = SERIAL_TYPES[names[0]!];
  return id ? { name: id, modifiers: [], arrayDims: 0 } : undefined;
}

/** CREATE TABLE … AS query | EXECUTE name [WITH [NO] DATA]; CREATE MATERIALIZED VIEW is 0A000. */
export function convertCreateTableAs(s: CreateTableAsStmt, ctx: ConvertContext): CreateTableAs | CreateTableAsExecute {
  if (s.objtype === 'OBJECT_MATVIEW') throw notSupported('CREATE MATERIALIZED VIEW', ctx);
  if ('ExecuteStmt' in s.query!) {
    const { kind: _kind, query: _query, ...target } = tableAs(s.into!, EMPTY_QUERY, s.if_not_exists ?? false, ctx);
    return { kind: 'CreateTableAsExecute', target, execute: convertExecute(s.query.ExecuteStmt, ctx) };
  }
  if (!('SelectStmt' in s.query!)) throw notSupported(`CREATE TABLE … AS ${tagOf(s.query!)}`, ctx);
  return tableAs(s.into!, convertQuery(s.query!, ctx), s.if_not_exists ?? false, ctx);
}

/** A placeholder for tableAs when the query comes from a prepared statement. */
const EMPTY_QUERY: Query = { kind: 'Select', distinct: false, columns: [], from: [], groupBy: [], orderBy: [] };

/** `SELECT … INTO [TEMP] t FROM …`: CREATE TABLE t AS the same query without INTO. */
export function convertSelectInto(s: SelectStmt, ctx: ConvertContext): CreateTableAs {
  const { intoClause, ...query } = s;
  return tableAs(intoClause!, convertSelectStmt(query, ctx), false, ctx);
}

function tableAs(into: IntoClause, query: CreateTableAs['query'], ifNotExists: boolean, ctx: ConvertContext): CreateTableAs {
  if (into.tableSpaceName !== undefined) throw notSupported('TABLESPACE', ctx);
  if (into.onCommit === 'ONCOMMIT_DROP' || into.onCommit === 'ONCOMMIT_DELETE_ROWS') throw notSupported('ON COMMIT DROP / DELETE ROWS', ctx);
  if (into.accessMethod !== undefined && into.accessMethod !== 'heap') throw notSupported(`table access method "${into.accessMethod}"`, ctx);
  checkPersistence(into.rel!);
  const options = convertRelOptions(into.options, 'create');
  const columns = into.colNames ? stringsOf(into.colNames) : undefined;
  return {
    kind: 'CreateTableAs', name: relationName(into.rel!, ctx), ifNotExists, ...(columns ? { columns } : {}), query,
    withData: !into.skipData, ...(into.rel!.relpersistence === 't' ? { temporary: true } : {}),
    ...(options.length > 0 ? { options } : {}),
  };
}
