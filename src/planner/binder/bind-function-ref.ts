/**
 * Functions in FROM: set-returning functions (a FunctionScan, WITH ORDINALITY numbering its
 * rows), functions returning `record` (json_to_record, json_populate_recordset: their row
 * type from the record argument or the column definition list `AS t(a int, …)`, expanded
 * into columns), and any other scalar function (one row, one column).
 */
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import type { FunctionRef } from '../../parser/ast.js';
import type { ScalarOverload, TableFunctionOverload } from '../../functions/function-types.js';
import { resolveOverload } from '../../functions/resolve-overload.js';
import { formatTypeName, T, type RecordField } from '../../types/sql-type.js';
import { RecordValue, type Value } from '../../types/value.js';
import type { BoundExpr } from '../logical/bound-expr.js';
import type { OutputColumn } from '../logical/logical-plan.js';
import type { BindContext } from './bind-context.js';
import type { BoundFrom } from './bind-from.js';
import { bindExpr } from './expression/bind-expression.js';
import { recordResultFields } from './expression/bind-record-result.js';
import { bindTypeRef } from './expression/bind-type-ref.js';
import { coerce } from './expression/coerce.js';
import { positionalCall } from './expression/positional-call.js';
import { Scope } from './scope.js';
import { bindUserFunctionFrom } from './user-functions/bind-user-function-from.js';

export function bindFunctionRef(bind: BindContext, ref: FunctionRef, parent?: Scope): BoundFrom {
  const user = bindUserFunctionFrom(bind, ref, parent);
  if (user) return user;
  const ctx = { bind, scope: new Scope([], parent), clause: 'functions in FROM' };
  const call = positionalCall(ref.call, (e) => formatTypeName(bindExpr(e, ctx).type));
  const args = call.args.map((a) => bindExpr(a, ctx));
  const alias = ref.alias ?? call.name;
  if (ref.columnDefs && ref.withOrdinality) {
    throw new SqlError(SQLSTATE.SyntaxError, 'WITH ORDINALITY cannot be used with a column definition list',
      { hint: 'Put the column definition list inside ROWS FROM().' });
  }
  const columnDefs = ref.columnDefs?.map((c): RecordField => ({ name: c.name, type: bindTypeRef(c.type) }));
  const overloads = bind.registry.tableFunction(call.name);
  const resolved = overloads && resolveOverload(overloads, args.map((a) => a.type));
  if (resolved) return bindTableFunction(bind, ref, args, resolved.overload, resolved.paramTypes, columnDefs);
  const scalars = bind.registry.scalar(call.name);
  const record = scalars && resolveOverload(scalars, args.map((a) => a.type));
  if (record?.overload.recordResult) {
    return bindTableFunction(bind, ref, args, scalarAsRows(record.overload), record.paramTypes, columnDefs);
  }
  if (columnDefs) throw onlyForRecord(false);
  // A scalar function in FROM yields one row with one column.
  const scalar = bindExpr(call, ctx);
  const column: OutputColumn = { id: bind.newId(), name: ref.columnAliases?.[0] ?? alias, type: scalar.type, tableOid: 0, attnum: 0 };
  return {
    plan: { kind: 'Project', input: { kind: 'Values', rows: [[]], output: [] }, exprs: [scalar], output: [column] },
    relations: [{ alias, columns: [column] }],
  };
}

/** A column definition list on a function not returning `record` (several columns: OUT parameters). */
function onlyForRecord(outParameters: boolean): SqlError {
  return new SqlError(SQLSTATE.SyntaxError, outParameters
    ? 'a column definition list is redundant for a function with OUT parameters'
    : 'a column definition list is only allowed for functions returning "record"');
}

function bindTableFunction(bind: BindContext, ref: FunctionRef, args: readonly BoundExpr[], resolvedOverload: TableFunctionOverload,
  paramTypes: readonly BoundExpr['type'][], columnDefs: readonly RecordField[] | undefined): BoundFrom {
  const call = ref.call;
  const alias = ref.alias ?? call.name;
  const boundArgs = args.map((a, i) => coerce(bind, a, paramTypes[i]!, 'implicit', () => ''));
  const spec = resolvedOverload.recordResult;
  if (!spec && columnDefs) throw onlyForRecord(resolvedOverload.returns(paramTypes).length > 1);
  const fields = spec ? recordResultFields(call.name, spec, paramTypes, { inFrom: true, ...(columnDefs ? { columnDefs } : {}) }) : undefined;
  const base: TableFunctionOverload = fields
    ? { ...resolvedOverload, returns: () => fields.map((f) => f.type), columnNames: fields.map((f) => f.name) }
    : resolvedOverload;
  const overload = ref.withOrdinality ? withOrdinality(base) : base;
  const types = overload.returns(paramTypes);
  const own = ref.withOrdinality ? types.length - 1 : types.length;
  const defaultName = (i: number) => (i === own ? 'ordinality' : own === 1 ? alias : `column${i + 1}`);
  const output: OutputColumn[] = types.map((type, i) => ({
    id: bind.newId(), name: ref.columnAliases?.[i] ?? overload.columnNames?.[i] ?? defaultName(i),
    type, tableOid: 0, attnum: 0,
  }));
  return {
    plan: {
      kind: 'FunctionScan', output,
      fn: { name: call.name, overload, args: boundArgs, argTypes: paramTypes, ...(fields ? { fields } : {}) },
    },
    relations: [{ alias, columns: output }],
  };
}

/**
 * A scalar function returning `record` as the rows of FROM: one row, its fields as columns
 * (all NULL when the function returns NULL, as PostgreSQL expands a NULL composite).
 */
function scalarAsRows(overload: ScalarOverload): TableFunctionOverload {
  return {
    args: overload.args, returns: () => [], strict: false, ...(overload.recordResult ? { recordResult: overload.recordResult } : {}),
    *rows(args, argTypes, fields, ctx) {
      const width = fields!.length;
      const value: Value = overload.strict && args.some((a) => a === null) ? null : overload.callRecord!(args, ctx!, argTypes, fields!);
      yield value instanceof RecordValue ? [...value.values] : new Array<Value>(width).fill(null);
    },
  };
}

/** WITH ORDINALITY: the function's rows numbered from 1 in an extra bigint column `ordinality`. */
function withOrdinality(overload: TableFunctionOverload): TableFunctionOverload {
  return {
    ...overload,
    returns: (args) => [...overload.returns(args), T.int8],
    ...(overload.columnNames ? { columnNames: [...overload.columnNames, 'ordinality'] } : {}),
    *rows(args, argTypes, fields, ctx) {
      let n = 0n;
      for (const row of overload.rows(args, argTypes, fields, ctx)) yield [...row, ++n];
    },
  };
}
