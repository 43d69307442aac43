/**
 * Declarative partitioning in the binder: a PARTITION BY key checked over the new table's
 * columns (PostgreSQL's ComputePartitionAttrs errors), and a partition bound bound against
 * its parent's key — each value an expression coerced to the key column's type, evaluated
 * when the statement runs (`execution/commands/partition-bounds.ts` turns it into the
 * catalog's `StoredPartitionBound` and checks it against the other partitions).
 */
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import type { NewColumn } from '../../catalog/catalog-transaction.js';
import { opclassProblem } from '../../catalog/operator-classes.js';
import type { Expr, PartitionBoundSpec, PartitionBy, RangeDatumSpec } from '../../parser/ast.js';
import type { StoredPartitionKey, StoredPartitionKeyPart, StoredTable } from '../../types/stored-table.js';
import { formatTypeName, type SqlType } from '../../types/sql-type.js';
import type { BoundExpr } from '../logical/bound-expr.js';
import type { BoundPartitionBound, BoundRangeDatum, OutputColumn } from '../logical/logical-plan.js';
import { referencedIds, walkExpr } from '../logical/map-expr.js';
import type { BindContext } from './bind-context.js';
import { deparseExpr } from './deparse-expr.js';
import { bindExpr } from './expression/bind-expression.js';
import { coerce } from './expression/coerce.js';
import { Scope } from './scope.js';

/** System columns (PostgreSQL's negative attnums), which a partition key may not use. */
const SYSTEM_COLUMNS = new Set(['ctid', 'xmin', 'cmin', 'xmax', 'cmax', 'tableoid']);
const PSEUDO_TYPES = new Set(['unknown', 'record']);

/** The key of `CREATE TABLE name (columns) PARTITION BY …`; column ids are 1..n in column order. */
export function bindPartitionKey(bind: BindContext, table: string, columns: readonly NewColumn[], spec: PartitionBy): StoredPartitionKey {
  if (spec.strategy === 'list' && spec.parts.length > 1) {
    throw new SqlError(SQLSTATE.InvalidObjectDefinition, 'cannot use "list" partition strategy with more than one column');
  }
  const scoped = columns.map((c, i): OutputColumn => ({ id: bind.newId(), name: c.name, type: c.type, tableOid: 0, attnum: i + 1 }));
  const parts = spec.parts.map((part, i): StoredPartitionKeyPart => {
    const extras = { ...(part.collation !== undefined ? { collation: part.collation } : {}), ...(part.opclass !== undefined ? { opclass: part.opclass } : {}) };
    if (part.column !== undefined) {
      const index = columns.findIndex((c) => c.name === part.column);
      if (index < 0) {
        if (SYSTEM_COLUMNS.has(part.column)) {
          throw new SqlError(SQLSTATE.InvalidObjectDefinition, `cannot use system column "${part.column}" in partition key`,
            { position: bind.positionOf(part.column) });
        }
        throw new SqlError(SQLSTATE.UndefinedColumn, `column "${part.column}" named in partition key does not exist`,
          { position: bind.positionOf(part.column) });
      }
      return checkKeyType({ columnId: index + 1, type: columns[index]!.type, ...extras }, i, spec.strategy);
    }
    const expr = bindKeyExpr(bind, table, scoped, part.expr!.expr);
    // A key written `((a))` is the plain column, as PostgreSQL reads it.
    if (expr.kind === 'ColumnRef') {
      const index = scoped.findIndex((c) => c.id === expr.id);
      return checkKeyType({ columnId: index + 1, type: expr.type, ...extras }, i, spec.strategy);
    }
    const checked = checkKeyType({ exprSql: keyText(part.expr!), type: expr.type, ...extras }, i, spec.strategy);
    if (referencedIds(expr).size === 0) throw new SqlError(SQLSTATE.InvalidObjectDefinition, 'cannot use constant expression as partition key');
    walkExpr(expr, (e) => {
      if (e.kind === 'Call' && e.overload.volatility !== 'immutable') {
        throw new SqlError(SQLSTATE.InvalidObjectDefinition, 'functions in partition key expression must be marked IMMUTABLE');
      }
    });
    return checked;
  });
  return { strategy: spec.strategy, parts };
}

/** A key expression bound over the table's columns, with PostgreSQL's errors for what a key may not hold. */
function bindKeyExpr(bind: BindContext, table: string, columns: readonly OutputColumn[], ast: Expr): BoundExpr {
  const bound = bindExpr(ast, { bind, scope: new Scope([{ alias: table, columns }]), clause: 'partition key expressions' });
  walkExpr(bound, (e) => {
    if (e.kind === 'Subquery') throw new SqlError(SQLSTATE.FeatureNotSupported, 'cannot use subquery in partition key expression');
  });
  return bound;
}

function checkKeyType(part: StoredPartitionKeyPart, index: number, strategy: PartitionBy['strategy']): StoredPartitionKeyPart {
  if ((PSEUDO_TYPES.has(part.type.id) || part.type.fields !== undefined) && !part.type.array) {
    throw new SqlError(SQLSTATE.InvalidTableDefinition, `partition key column ${index + 1} has pseudo-type ${part.type.fields ? 'record' : formatTypeName(part.type)}`);
  }
  const method = strategy === 'hash' ? 'hash' : 'btree';
  switch (opclassProblem(method, part.type, part.opclass)?.kind) {
    case 'missing': throw new SqlError(SQLSTATE.UndefinedObject, `operator class "${part.opclass}" does not exist for access method "${method}"`);
    case 'wrong-type':
      throw new SqlError(SQLSTATE.DatatypeMismatch, `operator class "${part.opclass}" does not accept data type ${formatTypeName(part.type)}`);
    case 'unsupported':
      throw new SqlError(SQLSTATE.FeatureNotSupported, `operator class "${part.opclass}" for data type ${formatTypeName(part.type)} is not supported`);
    case 'no-default':
      throw new SqlError(SQLSTATE.UndefinedObject, `data type ${formatTypeName(part.type)} has no default operator class for access method "${method}"`,
        { hint: `You must specify a ${method} operator class or define a default ${method} operator class for the data type.` });
    default: return part;
  }
}

/** The expression's catalog text: deparsed as PostgreSQL shows it, else as written. */
function keyText(expr: { readonly expr: Expr; readonly text: string }): string {
  try {
    return deparseExpr(expr.expr);
  } catch {
    return expr.text;
  }
}

/**
 * A partition bound for `parent`'s key: strategy and arity checked, each value coerced to its
 * key column's type (42804 when it cannot be), MINVALUE / MAXVALUE kept as words.
 */
export function bindPartitionBound(bind: BindContext, parent: StoredTable, spec: PartitionBoundSpec): BoundPartitionBound {
  const key = parent.partitionKey!;
  if (spec.kind === 'default') {
    if (key.strategy === 'hash') throw new SqlError(SQLSTATE.InvalidTableDefinition, 'a hash-partitioned table may not have a default partition');
    return spec;
  }
  if (spec.kind !== key.strategy) {
    throw new SqlError(SQLSTATE.InvalidTableDefinition, `invalid bound specification for a ${key.strategy} partition`);
  }
  switch (spec.kind) {
    case 'hash':
      if (spec.modulus <= 0) throw new SqlError(SQLSTATE.InvalidTableDefinition, 'modulus for hash partition must be an integer value greater than zero');
      if (spec.remainder < 0) throw new SqlError(SQLSTATE.InvalidTableDefinition, 'remainder for hash partition must be an integer value greater than or equal to zero');
      if (spec.remainder >= spec.modulus) throw new SqlError(SQLSTATE.InvalidTableDefinition, 'remainder for hash partition must be less than modulus');
      return spec;
    case 'list':
      return { kind: 'list', values: spec.values.map((v) => bindBoundValue(bind, parent, 0, v)) };
    case 'range': {
      const side = (datums: readonly RangeDatumSpec[], word: 'FROM' | 'TO'): BoundRangeDatum[] => {
        if (datums.length !== key.parts.length) {
          throw new SqlError(SQLSTATE.InvalidTableDefinition, `${word} must specify exactly one value per partitioning column`);
        }
        return datums.map((d, i) => (d.kind === 'value' ? bindBoundValue(bind, parent, i, d.expr) : d.kind));
      };
      const from = side(spec.from, 'FROM');
      const to = side(spec.to, 'TO');
      checkInfinities(from);
      checkInfinities(to);
      return { kind: 'range', from, to };
    }
  }
}

/** PostgreSQL's rule: after MINVALUE only MINVALUE, after MAXVALUE only MAXVALUE. */
function checkInfinities(datums: readonly BoundRangeDatum[]): void {
  for (let i = 1; i < datums.length; i++) {
    const before = datums[i - 1];
    if ((before === 'minvalue' || before === 'maxvalue') && datums[i] !== before) {
      throw new SqlError(SQLSTATE.InvalidObjectDefinition, `every bound following ${before === 'minvalue' ? 'MINVALUE' : 'MAXVALUE'} must also be ${before === 'minvalue' ? 'MINVALUE' : 'MAXVALUE'}`);
    }
  }
}

/** One bound value: no column references, no subqueries, coerced to key column `index`'s type. */
function bindBoundValue(bind: BindContext, parent: StoredTable, index: number, ast: Expr): BoundExpr {
  if (readsColumns(ast)) throw new SqlError(SQLSTATE.FeatureNotSupported, 'cannot use column reference in partition bound expression');
  const bound = bindExpr(ast, { bind, scope: new Scope([]), clause: 'partition bound' });
  walkExpr(bound, (e) => {
    if (e.kind === 'Subquery') throw new SqlError(SQLSTATE.FeatureNotSupported, 'cannot use subquery in partition bound');
  });
  const part = parent.partitionKey!.parts[index]!;
  const type: SqlType = part.type;
  return coerce(bind, bound, type, 'assignment', () => `specified value cannot be cast to type ${formatTypeName(type)} for column "${keyColumnName(parent, index)}"`);
}

/** The key column's name as PostgreSQL's errors give it (the expression's text for an expression key). */
export function keyColumnName(table: StoredTable, index: number): string {
  const part = table.partitionKey!.parts[index]!;
  return part.columnId !== undefined ? table.columns.find((c) => c.id === part.columnId)?.name ?? '?' : part.exprSql ?? '?';
}

/** True when the expression (outside subqueries) names a column. */
function readsColumns(node: unknown): boolean {
  if (node === null || typeof node !== 'object') return false;
  const kind = (node as { kind?: string }).kind;
  if (kind === 'ColumnRef') return true;
  if (kind === 'ScalarSubquery' || kind === 'Exists' || kind === 'InSubquery') return false;
  return Object.values(node as Record<string, unknown>).some(readsColumns);
}
