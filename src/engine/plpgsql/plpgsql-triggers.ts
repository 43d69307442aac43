/**
 * PL/pgSQL trigger functions: one firing runs the body with NEW and OLD (the table's row type;
 * NULL where the event has no such row) and the TG_ variables PostgreSQL 15 declares; the
 * value of RETURN is the row a BEFORE or INSTEAD OF row trigger hands back (NULL: skip the row).
 * A trigger's WHEN condition is evaluated as `SELECT (condition)` with `new` and `old` as
 * record variables, the way PL/pgSQL evaluates its own expressions.
 */
import { SqlError } from '../../common/sql-error.js';
import type { TriggerCall } from '../../functions/function-types.js';
import type { RunContext } from '../../execution/statement-api.js';
import type { PlFunction } from '../../parser/plpgsql/plpgsql-ast.js';
import { recordType, T, type SqlType } from '../../types/sql-type.js';
import type { StoredFunction } from '../../types/stored-table.js';
import { RecordValue, type Value } from '../../types/value.js';
import { PlExecution } from './exec-plpgsql.js';
import { PlScope, type PlVariable } from './plpgsql-scope.js';
import { runSql, type PlHost } from './plpgsql-sql.js';
import { substituteVariables } from './substitute-variables.js';

/**
 * TG_ARGV is subscripted from 0 in PostgreSQL (its lower bound is 0); the vector flag gives
 * that to a text[] here, as it does for int2vector.
 */
const ARGV_TYPE: SqlType = Object.freeze({ ...T.textArray, vector: true });

const TIMING_WORDS = { before: 'BEFORE', after: 'AFTER', instead: 'INSTEAD OF' } as const;

function variable(name: string, type: SqlType, value: Value, constant = false): PlVariable {
  return { name, type, value, constant, notNull: false, anyRecord: false };
}

/** The row type of the trigger's table, and a row of it as a record value. */
function rowVariable(name: string, call: TriggerCall, row: readonly Value[] | null): PlVariable {
  const type = recordType(call.table.columns.map((c) => ({ name: c.name, type: c.type })));
  return variable(name, type, row ? new RecordValue([...row], call.table.columns.map((c) => c.type)) : null);
}

/** NEW and OLD in a scope of their own. */
function rowScope(call: TriggerCall, parent?: PlScope): PlScope {
  const scope = new PlScope(parent, undefined);
  scope.declare(rowVariable('new', call, call.newRow));
  scope.declare(rowVariable('old', call, call.oldRow));
  return scope;
}

/** The outer scope of a trigger function's body: FOUND, NEW, OLD and the TG_ variables. */
function triggerScope(call: TriggerCall, found: PlVariable, fn: StoredFunction): PlScope {
  const root = new PlScope(undefined, fn.name);
  root.declare(found);
  const scope = rowScope(call, root);
  const t = call.trigger;
  const vars: PlVariable[] = [
    variable('tg_name', T.name, t.name), variable('tg_when', T.text, TIMING_WORDS[t.timing]),
    variable('tg_level', T.text, t.level === 'row' ? 'ROW' : 'STATEMENT'), variable('tg_op', T.text, call.event.toUpperCase()),
    variable('tg_relid', T.oid, call.table.oid), variable('tg_relname', T.name, call.tableName),
    variable('tg_table_name', T.name, call.tableName), variable('tg_table_schema', T.name, call.schema),
    variable('tg_nargs', T.int4, t.args.length), variable('tg_argv', ARGV_TYPE, [...t.args]),
  ];
  for (const v of vars) scope.declare(v);
  return scope;
}

/** Runs one firing of trigger function `fn` (parsed as `body`); its RETURN value (a row or NULL). */
export async function runTriggerFunction(host: PlHost, run: RunContext, fn: StoredFunction, body: PlFunction, call: TriggerCall): Promise<Value> {
  const found = variable('found', T.bool, false);
  const returnsRow = call.trigger.level === 'row' && call.trigger.timing !== 'after';
  // A row trigger's RETURN is converted to the table's row type; others' results are ignored.
  const returnType = returnsRow ? recordType(call.table.columns.map((c) => ({ name: c.name, type: c.type }))) : recordType([]);
  const exec = new PlExecution(host, run, { signature: `${fn.name}()`, returnType }, found);
  const flow = await exec.block(body.block, triggerScope(call, found, fn));
  if (flow?.kind !== 'return') {
    throw new SqlError('2F005' as SqlError['code'], 'control reached end of trigger procedure without RETURN',
      { where: `PL/pgSQL function ${fn.name}()` });
  }
  return exec.result?.value ?? null;
}

/** A WHEN condition's verdict for one firing (NULL is false). */
export async function evaluateTriggerWhen(host: PlHost, run: RunContext, whenSql: string, call: TriggerCall): Promise<boolean> {
  const bound = substituteVariables(`SELECT (${whenSql})`, rowScope(call));
  const result = await runSql(host, run, bound, 1);
  return result.rows[0]?.[0] === true;
}
