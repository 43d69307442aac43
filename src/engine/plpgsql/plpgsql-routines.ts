/**
 * Entry points of the PL/pgSQL interpreter: a DO block, and the session's RoutineRunner, which
 * the executor calls for each call of a plpgsql function (planner/binder/user-functions/
 * bind-plpgsql-call.ts). Parameters become variables (by name, by `$n`, and qualified by the
 * function's name), OUT parameters variables whose final values are the result.
 */
import { boundedCache } from '../../common/bounded-cache.js';
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import { functionSignatureText, outputParameters } from '../../catalog/user-functions.js';
import type { RoutineRunner } from '../../functions/function-types.js';
import type { CommandResult, PreparedStatement, RunContext } from '../../execution/statement-api.js';
import type { PlFunction } from '../../parser/plpgsql/plpgsql-ast.js';
import { parsePlpgsql } from '../../parser/plpgsql/parse-plpgsql.js';
import { T, type SqlType } from '../../types/sql-type.js';
import type { StoredFunction } from '../../types/stored-table.js';
import { RecordValue, type Row, type Value } from '../../types/value.js';
import { PlExecution, type PlRoutine } from './exec-plpgsql.js';
import { PlScope, type PlVariable } from './plpgsql-scope.js';
import type { PlHost } from './plpgsql-sql.js';
import { evaluateTriggerWhen, runTriggerFunction } from './plpgsql-triggers.js';

/** Parsed bodies kept (by text). */
const MAX_CACHED_BODIES = 500;
const bodies = boundedCache<string, PlFunction>(MAX_CACHED_BODIES);

/** Nested calls of PL/pgSQL functions allowed (PostgreSQL's limit is max_stack_depth). */
const MAX_DEPTH = 200;

function parsed(body: string): PlFunction {
  let fn = bodies.get(body);
  if (!fn) bodies.set(body, fn = parsePlpgsql(body));
  return fn;
}

function variable(name: string, type: SqlType, value: Value): PlVariable {
  return { name, type, value, constant: false, notNull: false, anyRecord: false };
}

function foundVariable(): PlVariable {
  return variable('found', T.bool, false);
}

/** Runs a DO block's body. */
export async function runDoBlock(host: PlHost, run: RunContext, body: string): Promise<void> {
  const found = foundVariable();
  const scope = new PlScope(undefined, undefined);
  scope.declare(found);
  await new PlExecution(host, run, { signature: 'inline_code_block' }, found).block(parsed(body).block, scope);
}

/** The session's runner of PL/pgSQL functions, for statements run with `run()`. */
export function createRoutineRunner(host: PlHost, run: () => RunContext): RoutineRunner {
  let depth = 0;
  let triggerDepth = 0;
  /** Runs `body` one level deeper; past MAX_DEPTH nested calls (triggers firing triggers too) 54001. */
  const nested = async <R>(body: () => Promise<R>): Promise<R> => {
    if (depth >= MAX_DEPTH) {
      throw new SqlError(SQLSTATE.StatementTooComplex, 'stack depth limit exceeded', {
        hint: 'Increase the configuration parameter "max_stack_depth" (currently 2048kB), after ensuring the platform\'s stack depth limit is adequate.',
      });
    }
    depth++;
    try {
      return await body();
    } finally {
      depth--;
    }
  };
  const invoke = async (fn: StoredFunction, args: readonly Value[], argTypes: readonly SqlType[], routine: PlRoutine): Promise<{ exec: PlExecution; scope: PlScope }> => {
    const found = foundVariable();
    const scope = new PlScope(undefined, fn.name);
    scope.declare(found);
    let input = 0;
    const outNames: string[] = [];
    for (const p of fn.params) {
      const isInput = p.mode === 'i' || p.mode === 'b' || p.mode === 'v';
      const v = variable(p.name ?? `$${input + 1}`, isInput ? argTypes[input] ?? p.type : p.type, isInput ? args[input] ?? null : null);
      if (p.name !== undefined) scope.declare(v);
      if (isInput) scope.alias(`$${++input}`, v);
      if (p.mode === 'o' || p.mode === 'b' || p.mode === 't') outNames.push(v.name);
      if (p.name === undefined && !isInput) scope.declare(v);
    }
    const exec = new PlExecution(host, run(), routine, found);
    exec.outNames = outNames;
    await nested(() => exec.block(parsed(fn.body).block, scope));
    return { exec, scope };
  };
  return {
    async call(fn, args, argTypes, returnType) {
      const outs = outputParameters(fn);
      const { exec, scope } = await invoke(fn, args, argTypes, { signature: functionSignatureText(fn), returnType });
      if (exec.result) return exec.result.value;
      if (outs.length === 1) return scope.lookup(exec.outNames![0]!)?.value ?? null;
      if (outs.length > 1) {
        const vars = exec.outNames!.map((n) => scope.lookup(n)!);
        return new RecordValue(vars.map((v) => v.value), vars.map((v) => v.type));
      }
      // A void result prints as an empty string, as PostgreSQL's void_out does.
      if (returnType.id === 'void' && !returnType.fields) return '';
      throw new SqlError('2F005' as SqlError['code'], 'control reached end of function without RETURN',
        { where: `PL/pgSQL function ${functionSignatureText(fn)}` });
    },
    async callSet(fn, args, argTypes, returnType, columns) {
      const { exec } = await invoke(fn, args, argTypes, { signature: functionSignatureText(fn), returnType, setColumns: columns });
      return exec.rows;
    },
    trigger: (fn, call) => nested(async () => {
      triggerDepth++;
      try {
        return await runTriggerFunction(host, run(), fn, parsed(fn.body), call);
      } finally {
        triggerDepth--;
      }
    }),
    triggerDepth: () => triggerDepth,
    triggerWhen: (whenSql, call) => evaluateTriggerWhen(host, run(), whenSql, call),
  };
}

/** DO as a statement: no parameters, no rows, tag DO. */
export function prepareDoBlock(host: PlHost, body: string): PreparedStatement {
  return {
    paramTypes: [], columns: null, mutates: true,
    async *run(ctx: RunContext): AsyncGenerator<readonly Row[], CommandResult, void> {
      await runDoBlock(host, ctx, body);
      return { tag: 'DO' };
    },
    explain: () => [],
  };
}
