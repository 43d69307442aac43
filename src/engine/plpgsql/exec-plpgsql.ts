/**
 * The PL/pgSQL interpreter: walks a parsed body (parser/plpgsql/) statement by statement, each
 * embedded expression or statement run through the SQL engine (plpgsql-sql.ts) with the
 * variables as parameters. Control flow is returned, not thrown (`Flow`); errors are
 * SqlErrors carrying PL/pgSQL's CONTEXT line. A block with an EXCEPTION clause is a
 * subtransaction: a savepoint of the caller's transaction, rolled back when a handler catches.
 * Loops check cancellation every iteration and yield to the event loop now and then, so a
 * `LOOP END LOOP` never holds its engine thread.
 */
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { SqlError, SQLSTATE, toSqlError } from '../../common/sql-error.js';
import type { CastOptions } from '../../functions/casts.js';
import type { RunContext } from '../../execution/statement-api.js';
import type { PlBlock, PlSql, PlStatement } from '../../parser/plpgsql/plpgsql-ast.js';
import { elementTypeOf, T, type SqlType } from '../../types/sql-type.js';
import { formatText, textOptionsFromSettings } from '../../types/text-codec.js';
import { RecordValue, type Value } from '../../types/value.js';
import { conditionMatches } from './condition-names.js';
import { PlScope, type PlVariable } from './plpgsql-scope.js';
import { runSql, type PlHost, type SqlResult } from './plpgsql-sql.js';
import { convertValue, rowRecord, storeElement, storeField, storeVariable, type Typed } from './plpgsql-values.js';
import { formatRaise, raiseError, raiseNotice } from './raise-message.js';
import { substituteVariables, type BoundSql } from './substitute-variables.js';
import { resolveDeclaredType } from './resolve-declared-type.js';

/** How a statement ended: normally (undefined), by EXIT / CONTINUE, or by RETURN. */
type Flow = undefined | { readonly kind: 'exit'; readonly label?: string; readonly continue: boolean } | { readonly kind: 'return' };

/** Loop iterations between yields to the event loop (other sessions of the thread run meanwhile). */
const ITERATIONS_PER_YIELD = 256;

/** What PostgreSQL's CONTEXT calls each statement. */
const STATEMENT_NAMES: Readonly<Record<PlStatement['kind'], string>> = {
  Block: 'statement block', Assign: 'assignment', If: 'IF', Case: 'CASE', Loop: 'LOOP', While: 'WHILE',
  ForRange: 'FOR with integer loop variable', ForQuery: 'FOR over SELECT rows', Foreach: 'FOREACH over array',
  Exit: 'EXIT', Return: 'RETURN', ReturnNext: 'RETURN NEXT', ReturnQuery: 'RETURN QUERY', Raise: 'RAISE',
  Assert: 'ASSERT', Perform: 'PERFORM', Sql: 'SQL statement', Execute: 'EXECUTE', GetDiagnostics: 'GET DIAGNOSTICS', Null: 'NULL',
};

/** The routine being run. */
export interface PlRoutine {
  /** `f(integer)`, or `inline_code_block` for DO. */
  readonly signature: string;
  /** The declared result; undefined for DO and procedures. */
  readonly returnType?: SqlType;
  /** SETOF: the types of each result row's columns. */
  readonly setColumns?: readonly SqlType[];
}

export class PlExecution {
  /** RETURN's value (non-SETOF functions). */
  result: Typed | undefined;
  /** RETURN NEXT / RETURN QUERY rows (SETOF functions). */
  readonly rows: Value[][] = [];
  private rowCount = 0;
  private readonly caught: SqlError[] = [];
  private readonly contexted = new WeakSet<SqlError>();
  private iterations = 0;
  private readonly textOptions: CastOptions;

  constructor(private readonly host: PlHost, private readonly run: RunContext, private readonly routine: PlRoutine,
    private readonly found: PlVariable) {
    this.textOptions = textOptionsFromSettings((n) => run.setting(n));
  }

  // ---------------------------------------------------------------- blocks

  async block(b: PlBlock, parent: PlScope): Promise<Flow> {
    const scope = new PlScope(parent, b.label);
    for (const d of b.declarations) {
      if (d.aliasOf !== undefined) {
        const target = scope.lookup(d.aliasOf);
        if (!target) throw new SqlError(SQLSTATE.UndefinedObject, `variable "${d.aliasOf}" does not exist`);
        scope.alias(d.name, target);
        continue;
      }
      const { type, anyRecord } = resolveDeclaredType(this.host, d.type, scope);
      const v: PlVariable = { name: d.name, type, value: null, constant: d.constant, notNull: d.notNull, anyRecord };
      if (d.default) storeVariable(v, await this.evaluate(d.default, scope), this.textOptions);
      scope.declare(v);
    }
    const flow = b.handlers ? await this.protectedBody(b, scope) : await this.statements(b.body, scope);
    if (flow?.kind === 'exit' && !flow.continue && flow.label !== undefined && flow.label === b.label) return undefined;
    return flow;
  }

  /** The body of a block with an EXCEPTION clause, as a subtransaction. */
  private async protectedBody(b: PlBlock, scope: PlScope): Promise<Flow> {
    const txn = this.run.txn;
    const savepoint = txn.savepoint();
    try {
      return await this.statements(b.body, scope);
    } catch (thrown) {
      const err = toSqlError(thrown);
      const handler = b.handlers!.find((h) => h.conditions.some((c) => conditionMatches(c, err.code)));
      if (!handler) throw thrown;
      txn.rollbackTo(savepoint);
      const inHandler = new PlScope(scope, undefined);
      inHandler.declare({ name: 'sqlstate', type: T.text, value: err.code, constant: true, notNull: false, anyRecord: false });
      inHandler.declare({ name: 'sqlerrm', type: T.text, value: err.message, constant: true, notNull: false, anyRecord: false });
      this.caught.push(err);
      try {
        return await this.statements(handler.body, inHandler);
      } finally {
        this.caught.pop();
      }
    } finally {
      txn.releaseSavepoint(savepoint);
    }
  }

  private async statements(list: readonly PlStatement[], scope: PlScope): Promise<Flow> {
    for (const s of list) {
      const flow = await this.statement(s, scope);
      if (flow) return flow;
    }
    return undefined;
  }

  private async statement(s: PlStatement, scope: PlScope): Promise<Flow> {
    try {
      return await this.execute(s, scope);
    } catch (thrown) {
      throw this.withContext(toSqlError(thrown), s);
    }
  }

  /** Adds `PL/pgSQL function f(integer) line 3 at RAISE` to an error once (at its innermost statement). */
  private withContext(err: SqlError, s: PlStatement): SqlError {
    if (this.contexted.has(err) || err.code === SQLSTATE.QueryCanceled) return err;
    const name = s.kind === 'ForQuery' && s.dynamic ? 'FOR over EXECUTE statement' : s.kind === 'Exit' && s.continue ? 'CONTINUE' : STATEMENT_NAMES[s.kind];
    const line = `PL/pgSQL function ${this.routine.signature} line ${s.line} at ${name}`;
    const { position: _position, ...fields } = err.fields;
    const copy = new SqlError(err.code, err.message, { ...fields, where: fields.where ? `${fields.where}\n${line}` : line });
    copy.stack = err.stack;
    this.contexted.add(copy);
    return copy;
  }

  // ---------------------------------------------------------------- expressions and SQL

  /** An expression's value: a lone variable directly, anything else as `SELECT expr`. */
  async evaluate(expr: PlSql, scope: PlScope): Promise<Typed> {
    const name = /^\s*([a-z_][a-z0-9_$]*)\s*$/i.exec(expr.text)?.[1]?.toLowerCase();
    const v = name !== undefined ? scope.lookup(name) : undefined;
    if (v) return { value: v.value, type: v.type };
    const bound = substituteVariables(`SELECT ${expr.text}`, scope);
    const result = await runSql(this.host, this.run, bound, 2);
    if (result.columns.length !== 1) {
      throw new SqlError(SQLSTATE.SyntaxError, `query "SELECT ${expr.text}" returned ${result.columns.length} columns`);
    }
    if (result.rows.length > 1) throw new SqlError(SQLSTATE.CardinalityViolation, `query "SELECT ${expr.text}" returned more than one row`);
    return { value: result.rows[0]?.[0] ?? null, type: result.columns[0]!.type };
  }

  private async condition(expr: PlSql, scope: PlScope): Promise<boolean> {
    const { value, type } = await this.evaluate(expr, scope);
    return convertValue(value, type, T.bool, this.textOptions) === true;
  }

  private async integer(expr: PlSql, scope: PlScope, what: string): Promise<number> {
    const { value, type } = await this.evaluate(expr, scope);
    const n = convertValue(value, type, T.int4, this.textOptions);
    if (n === null) throw new SqlError(SQLSTATE.NullValueNotAllowed, `${what} of FOR loop cannot be null`);
    return n as number;
  }

  private async sql(bound: BoundSql): Promise<SqlResult> {
    const result = await runSql(this.host, this.run, bound);
    this.rowCount = result.rowCount;
    return result;
  }

  /** Checks cancellation; every ITERATIONS_PER_YIELD calls lets the event loop run. */
  private async tick(): Promise<void> {
    this.interrupts();
    if (++this.iterations % ITERATIONS_PER_YIELD === 0) {
      await yieldToEventLoop();
      this.interrupts();
    }
  }

  private interrupts(): void {
    this.run.checkInterrupts?.();
    const { signal } = this.run;
    if (signal.aborted) throw signal.reason instanceof SqlError ? signal.reason : new SqlError(SQLSTATE.QueryCanceled, 'canceling statement due to user request');
  }

  // ---------------------------------------------------------------- assignment

  private async assign(target: string, typed: Typed, scope: PlScope): Promise<void> {
    const bracket = target.indexOf('[');
    if (bracket > 0) {
      const v = scope.target(target.slice(0, bracket).trim().toLowerCase());
      const indexText = target.slice(bracket + 1, target.lastIndexOf(']'));
      if (indexText.includes('][') || indexText.includes(':')) throw new SqlError(SQLSTATE.FeatureNotSupported, 'multi-dimensional or slice assignment in PL/pgSQL is not supported');
      const index = await this.integer({ text: indexText, offset: 0 }, scope, 'array subscript');
      storeElement(v, index, typed, this.textOptions);
      return;
    }
    const name = target.replace(/\s+/g, '').toLowerCase().replace(/"/g, '');
    const dot = name.lastIndexOf('.');
    if (dot > 0) {
      const head = name.slice(0, dot);
      const field = name.slice(dot + 1);
      const labelled = scope.hasLabel(head) ? scope.qualified(head, field) : undefined;
      if (labelled) {
        if (labelled.constant) throw new SqlError(SQLSTATE.SyntaxError, `variable "${labelled.name}" is declared CONSTANT`);
        storeVariable(labelled, typed, this.textOptions);
        return;
      }
      const v = scope.target(head);
      storeField(v, field, typed, this.textOptions);
      return;
    }
    storeVariable(scope.target(name), typed, this.textOptions);
  }

  /** SELECT … INTO targets / FOR targets: one record variable takes the row, else one column per variable. */
  private async assignRow(targets: readonly string[], result: SqlResult, row: readonly Value[] | undefined, scope: PlScope): Promise<void> {
    const single = targets.length === 1 ? scope.lookup(targets[0]!) : undefined;
    if (single && (single.anyRecord || single.type.fields) && !(result.columns.length === 1 && result.columns[0]!.type.fields)) {
      if (single.constant) throw new SqlError(SQLSTATE.SyntaxError, `variable "${single.name}" is declared CONSTANT`);
      const record = rowRecord(result.columns, row);
      if (single.anyRecord) { single.type = record.type; single.value = record.value; } else storeVariable(single, record, this.textOptions);
      return;
    }
    for (let i = 0; i < targets.length; i++) {
      const column = result.columns[i];
      await this.assign(targets[i]!, { value: row && column ? row[i]! : null, type: column?.type ?? T.text }, scope);
    }
  }

  // ---------------------------------------------------------------- statements

  private async execute(s: PlStatement, scope: PlScope): Promise<Flow> {
    switch (s.kind) {
      case 'Block': return this.block(s, scope);
      case 'Null': return undefined;
      case 'Assign': await this.assign(s.target, await this.evaluate(s.expr, scope), scope); return undefined;
      case 'If':
        for (const branch of s.branches) if (await this.condition(branch.cond, scope)) return this.statements(branch.body, scope);
        return s.otherwise ? this.statements(s.otherwise, scope) : undefined;
      case 'Case': return this.caseStatement(s, scope);
      case 'Loop': case 'While': {
        for (;;) {
          await this.tick();
          if (s.kind === 'While' && !(await this.condition(s.cond, scope))) return undefined;
          const next = loopControl(await this.statements(s.body, scope), s.label);
          if (next !== 'next') return next === 'break' ? undefined : next;
        }
      }
      case 'ForRange': return this.forRange(s, scope);
      case 'ForQuery': return this.forQuery(s, scope);
      case 'Foreach': return this.foreach(s, scope);
      case 'Exit': {
        if (s.when && !(await this.condition(s.when, scope))) return undefined;
        return { kind: 'exit', continue: s.continue, ...(s.label !== undefined ? { label: s.label } : {}) };
      }
      case 'Return': return this.returnStatement(s.expr, scope);
      case 'ReturnNext': await this.returnNext(s.expr, scope); return undefined;
      case 'ReturnQuery': {
        const result = await this.sql(s.dynamic ? await this.dynamicSql(s.query, s.using, scope) : substituteVariables(s.query.text, scope));
        const columns = this.setColumns('RETURN QUERY');
        if (result.columns.length !== columns.length) {
          throw new SqlError(SQLSTATE.DatatypeMismatch, 'structure of query does not match function result type',
            { detail: `Number of returned columns (${result.columns.length}) does not match expected column count (${columns.length}).` });
        }
        for (const row of result.rows) this.rows.push(row.map((v, i) => convertValue(v, result.columns[i]!.type, columns[i]!, this.textOptions)));
        this.found.value = result.rows.length > 0;
        return undefined;
      }
      case 'Raise': return this.raise(s, scope);
      case 'Assert': {
        if (await this.condition(s.cond, scope)) return undefined;
        const message = s.message ? await this.evaluate(s.message, scope) : undefined;
        throw new SqlError('P0004' as SQLSTATE_T, message?.value != null ? this.text(message) : 'assertion failed');
      }
      case 'Perform': {
        const result = await this.sql(substituteVariables(`SELECT ${s.query.text}`, scope));
        this.found.value = result.rowCount > 0;
        return undefined;
      }
      case 'Sql': {
        const bound = substituteVariables(s.sql.text, scope);
        const result = await this.sql(bound);
        if (s.into) return this.into(s.into, result, scope, s.sql.text);
        if (result.columns.length > 0 && !['INSERT', 'UPDATE', 'DELETE', 'MERGE'].includes(s.verb) && result.tag.startsWith('SELECT')) {
          throw new SqlError(SQLSTATE.SyntaxError, 'query has no destination for result data',
            { hint: 'If you want to discard the results of a SELECT, use PERFORM instead.' });
        }
        if (['INSERT', 'UPDATE', 'DELETE', 'MERGE'].includes(s.verb)) this.found.value = result.rowCount > 0;
        return undefined;
      }
      case 'Execute': {
        const result = await this.sql(await this.dynamicSql(s.sql, s.using, scope));
        if (s.into) return this.into(s.into, result, scope, undefined);
        return undefined;
      }
      case 'GetDiagnostics': {
        for (const item of s.items) await this.assign(item.target, this.diagnostic(item.item, s.stacked), scope);
        return undefined;
      }
    }
  }

  private async into(into: { targets: readonly string[]; strict: boolean }, result: SqlResult, scope: PlScope, query: string | undefined): Promise<Flow> {
    if (into.strict && result.rows.length === 0) throw new SqlError('P0002' as SQLSTATE_T, 'query returned no rows');
    if (into.strict && result.rows.length > 1) {
      throw new SqlError('P0003' as SQLSTATE_T, 'query returned more than one row',
        query === undefined ? {} : { hint: 'Make sure the query returns a single row, or use LIMIT 1.' });
    }
    await this.assignRow(into.targets, result, result.rows[0], scope);
    this.found.value = result.rows.length > 0;
    return undefined;
  }

  private async dynamicSql(expr: PlSql, using: readonly PlSql[], scope: PlScope): Promise<BoundSql> {
    const text = await this.evaluate(expr, scope);
    if (text.value === null) throw new SqlError(SQLSTATE.NullValueNotAllowed, 'query string argument of EXECUTE is null');
    const values: Value[] = [];
    const types: SqlType[] = [];
    for (const u of using) {
      const typed = await this.evaluate(u, scope);
      values.push(typed.value);
      types.push(typed.type.id === 'unknown' ? T.text : typed.type);
    }
    return { sql: this.text(text), values, types };
  }

  private text(typed: Typed): string {
    return typeof typed.value === 'string' ? typed.value : formatText(typed.value, typed.type, this.textOptions);
  }

  private async caseStatement(s: Extract<PlStatement, { kind: 'Case' }>, scope: PlScope): Promise<Flow> {
    let inner = scope;
    if (s.operand) {
      const operand = await this.evaluate(s.operand, scope);
      inner = new PlScope(scope, undefined);
      inner.declare({ name: '*case*', type: operand.type, value: operand.value, constant: true, notNull: false, anyRecord: false });
    }
    for (const w of s.whens) {
      const test = s.operand ? { text: `"*case*" IN (${w.expr.text})`, offset: w.expr.offset } : w.expr;
      if (await this.condition(test, inner)) return this.statements(w.body, scope);
    }
    if (s.otherwise) return this.statements(s.otherwise, scope);
    throw new SqlError('20000' as SQLSTATE_T, 'case not found', { hint: 'CASE statement is missing ELSE part.' });
  }

  private async forRange(s: Extract<PlStatement, { kind: 'ForRange' }>, scope: PlScope): Promise<Flow> {
    const from = await this.integer(s.from, scope, 'lower bound');
    const to = await this.integer(s.to, scope, 'upper bound');
    const by = s.by ? await this.integer(s.by, scope, 'BY value') : 1;
    if (by <= 0) throw new SqlError(SQLSTATE.InvalidParameterValue, 'BY value of FOR loop must be greater than zero');
    const inner = new PlScope(scope, s.label);
    const v: PlVariable = { name: s.variable, type: T.int4, value: from, constant: false, notNull: false, anyRecord: false };
    inner.declare(v);
    let iterated = false;
    for (let i = from; s.reverse ? i >= to : i <= to; i += s.reverse ? -by : by) {
      await this.tick();
      v.value = i;
      iterated = true;
      const next = loopControl(await this.statements(s.body, inner), s.label);
      if (next === 'break') break;
      if (next !== 'next') return next;
    }
    this.found.value = iterated;
    return undefined;
  }

  private async forQuery(s: Extract<PlStatement, { kind: 'ForQuery' }>, scope: PlScope): Promise<Flow> {
    const result = await this.sql(s.dynamic ? await this.dynamicSql(s.query, s.using, scope) : substituteVariables(s.query.text, scope));
    for (const t of s.targets) {
      if (!scope.lookup(t)) throw new SqlError(SQLSTATE.SyntaxError, 'loop variable of loop over rows must be a record variable or list of scalar variables');
    }
    const inner = new PlScope(scope, s.label);
    for (const row of result.rows) {
      await this.tick();
      await this.assignRow(s.targets, result, row, inner);
      const next = loopControl(await this.statements(s.body, inner), s.label);
      if (next === 'break') break;
      if (next !== 'next') return next;
    }
    this.found.value = result.rows.length > 0;
    return undefined;
  }

  private async foreach(s: Extract<PlStatement, { kind: 'Foreach' }>, scope: PlScope): Promise<Flow> {
    if (s.slice !== 0) throw new SqlError(SQLSTATE.FeatureNotSupported, 'FOREACH … SLICE is not supported');
    const array = await this.evaluate(s.array, scope);
    if (array.value === null) throw new SqlError(SQLSTATE.NullValueNotAllowed, 'FOREACH expression must not be null');
    if (!array.type.array) throw new SqlError(SQLSTATE.DatatypeMismatch, `FOREACH expression must yield an array, not type ${array.type.id}`);
    const element = elementTypeOf(array.type);
    const inner = new PlScope(scope, s.label);
    let iterated = false;
    for (const item of Array.from(array.value as ArrayLike<Value>)) {
      await this.tick();
      iterated = true;
      await this.assign(s.target, { value: item, type: element }, inner);
      const next = loopControl(await this.statements(s.body, inner), s.label);
      if (next === 'break') break;
      if (next !== 'next') return next;
    }
    this.found.value = iterated;
    return undefined;
  }

  private setColumns(what: string): readonly SqlType[] {
    const columns = this.routine.setColumns;
    if (!columns) throw new SqlError(SQLSTATE.SyntaxError, `cannot use ${what} in a non-SETOF function`);
    return columns;
  }

  private async returnStatement(expr: PlSql | undefined, scope: PlScope): Promise<Flow> {
    if (this.routine.setColumns) {
      if (expr) throw new SqlError(SQLSTATE.SyntaxError, 'RETURN cannot have a parameter in function returning set', { hint: 'Use RETURN NEXT or RETURN QUERY.' });
      return { kind: 'return' };
    }
    const returnType = this.routine.returnType;
    if (expr) {
      if (!returnType || (returnType.id === 'void' && !returnType.fields)) {
        const typed = await this.evaluate(expr, scope);
        if (typed.value !== null || !returnType) throw new SqlError(SQLSTATE.SyntaxError, 'RETURN cannot have a parameter in function returning void');
      } else {
        const typed = await this.evaluate(expr, scope);
        this.result = { value: convertValue(typed.value, typed.type, returnType, this.textOptions), type: returnType };
      }
    }
    return { kind: 'return' };
  }

  private async returnNext(expr: PlSql | undefined, scope: PlScope): Promise<void> {
    const columns = this.setColumns('RETURN NEXT');
    if (!expr) {
      this.rows.push(this.outRow(scope, columns));
      return;
    }
    const typed = await this.evaluate(expr, scope);
    if (columns.length > 1 || (typed.value instanceof RecordValue && !(this.routine.returnType?.fields === undefined))) {
      const record = typed.value instanceof RecordValue ? typed.value : null;
      if (record && record.values.length !== columns.length) {
        throw new SqlError(SQLSTATE.DatatypeMismatch, 'wrong record type supplied in RETURN NEXT',
          { detail: `Number of returned columns (${record.values.length}) does not match expected column count (${columns.length}).` });
      }
      this.rows.push(columns.map((c, i) => (record ? convertValue(record.values[i]!, record.types[i]!, c, this.textOptions) : null)));
      return;
    }
    this.rows.push([convertValue(typed.value, typed.type, columns[0]!, this.textOptions)]);
  }

  /** RETURN NEXT without an expression: the OUT parameters' current values. */
  private outRow(scope: PlScope, columns: readonly SqlType[]): Value[] {
    const outs = this.outNames ?? [];
    if (outs.length === 0) throw new SqlError(SQLSTATE.SyntaxError, 'RETURN NEXT must have a parameter');
    return outs.map((n, i) => {
      const v = scope.lookup(n);
      return v ? convertValue(v.value, v.type, columns[i]!, this.textOptions) : null;
    });
  }

  /** Names of the OUT parameters (set by the caller), whose values RETURN NEXT without a value returns. */
  outNames: readonly string[] | undefined;

  private async raise(s: Extract<PlStatement, { kind: 'Raise' }>, scope: PlScope): Promise<Flow> {
    if (s.message === undefined && s.condition === undefined && s.options.length === 0) {
      const current = this.caught[this.caught.length - 1];
      if (!current) throw new SqlError('0Z002' as SQLSTATE_T, 'RAISE without parameters cannot be used outside an exception handler');
      throw current;
    }
    const params: string[] = [];
    for (const p of s.params) {
      const typed = await this.evaluate(p, scope);
      params.push(typed.value === null ? 'NULL' : this.text(typed));
    }
    const options = new Map<string, string>();
    for (const o of s.options) {
      const typed = await this.evaluate(o.expr, scope);
      if (typed.value === null) throw new SqlError(SQLSTATE.NullValueNotAllowed, `RAISE statement option cannot be null`);
      const name = o.name.toLowerCase();
      if (options.has(name)) throw new SqlError(SQLSTATE.SyntaxError, `RAISE option already specified: ${name.toUpperCase()}`);
      options.set(name, this.text(typed));
    }
    const parts = {
      level: s.level, ...(s.condition !== undefined ? { condition: s.condition } : {}),
      ...(s.message !== undefined ? { message: formatRaise(s.message, params) } : {}), options,
    };
    if (s.level === 'EXCEPTION') throw raiseError(parts);
    const notice = raiseNotice(parts, this.run.setting('client_min_messages'));
    if (notice) this.run.notice(notice);
    return undefined;
  }

  private diagnostic(item: string, stacked: boolean): Typed {
    if (!stacked) {
      if (item === 'row_count') return { value: BigInt(this.rowCount), type: T.int8 };
      if (item === 'pg_context') return { value: `PL/pgSQL function ${this.routine.signature}`, type: T.text };
      throw new SqlError(SQLSTATE.SyntaxError, `unrecognized GET DIAGNOSTICS item "${item}"`);
    }
    const err = this.caught[this.caught.length - 1];
    if (!err) throw new SqlError('0Z002' as SQLSTATE_T, 'GET STACKED DIAGNOSTICS cannot be used outside an exception handler');
    const f = err.fields;
    const values: Record<string, string | undefined> = {
      returned_sqlstate: err.code, message_text: err.message, pg_exception_detail: f.detail ?? '', pg_exception_hint: f.hint ?? '',
      pg_exception_context: f.where ?? '', column_name: f.column ?? '', constraint_name: f.constraint ?? '',
      table_name: f.table ?? '', schema_name: f.schema ?? '', pg_datatype_name: '',
    };
    if (!(item in values)) throw new SqlError(SQLSTATE.SyntaxError, `unrecognized GET STACKED DIAGNOSTICS item "${item}"`);
    return { value: values[item]!, type: T.text };
  }
}

type SQLSTATE_T = ConstructorParameters<typeof SqlError>[0];

/** What a loop does after its body: go on, stop, or pass an outer EXIT / RETURN up. */
function loopControl(flow: Flow, label: string | undefined): 'next' | 'break' | Flow {
  if (!flow) return 'next';
  if (flow.kind === 'return') return flow;
  if (flow.label === undefined || flow.label === label) return flow.continue ? 'next' : 'break';
  return flow;
}

