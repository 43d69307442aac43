/**
 * One client's session: settings, transaction state, prepared statements and portals, and the
 * execution of simple-query strings and extended-protocol messages. Results stream to a
 * QueryOutput as the executor produces them; errors are thrown as SqlErrors after the
 * transaction state has been updated (the connection turns them into ErrorResponse).
 */
import type { CatalogReader } from '../catalog/catalog-transaction.js';
import type { CursorInfo } from '../catalog/system/system-table.js';
import { TemporaryRelations } from '../catalog/index.js';
import { regNames } from '../catalog/system/index.js';
import { SqlError, SQLSTATE, toSqlError, type Notice } from '../common/sql-error.js';
import { sessionSequenceValues } from '../execution/index.js';
import type { PreparedStatement, ResultColumn, RunContext } from '../execution/statement-api.js';
import type { StatementContext } from './prepare-statement.js';
import type { ExtensionRegistry } from './extension-registry.js';
import type { ParsedStatement, Statement } from '../parser/ast.js';
import { escapePlainStrings } from '../parser/escape-plain-strings.js';
import { BACKEND_PID_KEY, databaseName, userName } from '../functions/index.js';
import type { Store } from '../storage/storage-api.js';
import { decodeBinary } from '../types/binary-codec.js';
import { T, typeFromOid, type SqlType } from '../types/sql-type.js';
import { parseText, textOptionsFromSettings, TRANSACTION_START_KEY, type TextCodecOptions } from '../types/text-codec.js';
import type { Value } from '../types/value.js';
import type { EngineBackends } from './backends.js';
import { parseDurationMs } from '../common/duration-setting.js';
import { abortReason, Portal } from './portal.js';
import { canceledByTimeout, canceledByUser, SessionControl, terminatedByAdministrator } from './session-control.js';
import type { BackendSignal, SessionActivity } from './activity/server-services.js';
import type { QueryOutput } from './query-output.js';
import { prepareSessionStatement, type CursorOptions, type SessionHost, type SessionStatement } from './session-statements.js';
import { Settings } from './settings.js';
import { boundedCache } from '../common/bounded-cache.js';
import { createRoutineRunner, prepareDoBlock } from './plpgsql/plpgsql-routines.js';
import type { PlHost } from './plpgsql/plpgsql-sql.js';

/** Prepared statements of PL/pgSQL bodies a session keeps (by text and parameter types). */
const MAX_PLPGSQL_PLANS = 1000;

const MICROS_PER_MS = 1000;
import { abortedError, TransactionState, type SnapshotReaders } from './transaction-state.js';
import { characteristicText, defaultCharacteristics, readOnlyTransactionError, settingAsModes } from './transaction-characteristics.js';
import { statementCommandName } from './statement-command-name.js';

/** ThanoSQL statements that write outside the catalog (model files), refused in a READ ONLY transaction. */
const MODEL_WRITES: ReadonlySet<string> = new Set(['BuildModel', 'DeleteModel']);

/** A Parse result: `statement` is null for an empty query string. */
interface PreparedEntry {
  readonly sql: string;
  readonly statement: PreparedStatement | null;
  /** What it was prepared from (CREATE TABLE … AS EXECUTE re-binds it). */
  readonly source?: Statement;
}

const BINARY_FORMAT = 1;

export interface SessionDeps {
  readonly backends: EngineBackends;
  readonly store: Store;
  readonly dataDir: string;
  /** The server's --allow-absolute-paths (RunContext.allowAbsolutePaths). */
  readonly allowAbsolutePaths: boolean;
  readonly settings: Settings;
  /** The database's extension registry (hooks and services: CLIP, PRINT IMAGE), handed to every statement. */
  readonly extensions?: ExtensionRegistry;
  /** The interrupt cell the server's main thread writes CancelRequests into (default: a private one). */
  readonly control?: SessionControl;
  /** The pid of BackendKeyData, what pg_backend_pid() and pg_stat_activity report. */
  readonly backendPid?: number;
  /** Its slot on the server's activity board and its advisory locks. */
  readonly activity?: SessionActivity;
}

export class Session implements SessionHost {
  readonly settings: Settings;
  readonly transaction: TransactionState;
  private readonly prepared = new Map<string, PreparedEntry>();
  private readonly portals = new Map<string, Portal>();
  /** What pg_cursors shows of each DECLAREd cursor beyond its portal. */
  private readonly cursorInfo = new WeakMap<Portal, { statement: string; binary: boolean; created: number }>();
  /** The query string being run (simple Query, or the Parse text of the portal executing). */
  private queryText: string | undefined;
  /** CREATE TEMP TABLE's relations: this session's alone, dropped when it ends. */
  private readonly temporary: TemporaryRelations;
  /** currval / lastval of this session. */
  private readonly sequenceValues = sessionSequenceValues();
  /** Portals opened so far (each portal's `serial`). */
  private portalSerial = 0;
  /** The portal executing right now (the target of a CancelRequest). */
  private running: Portal | undefined;
  private out: QueryOutput | undefined;
  readonly control: SessionControl;
  /** The query text of each bound portal, for pg_stat_activity. */
  private readonly portalSql = new Map<string, string>();
  /** The application_name last published on the activity board. */
  private shownApplicationName = '';
  private readonly endHooks: (() => void)[] = [];
  /** What a READ ONLY transaction's 25006 calls each prepared statement (statement-command-name.ts). */
  private readonly commandNames = new WeakMap<PreparedStatement, string>();
  /** What the PL/pgSQL interpreter prepares its statements through. */
  private readonly plHost: PlHost = {
    prepare: (statement, sql, types) => this.preparePlpgsql(statement, sql, types),
    plans: boundedCache<string, PreparedStatement>(MAX_PLPGSQL_PLANS),
  };

  constructor(private readonly deps: SessionDeps) {
    this.settings = deps.settings;
    this.control = deps.control ?? new SessionControl();
    this.temporary = new TemporaryRelations(deps.store);
    this.transaction = new TransactionState(() => deps.backends.beginTransaction(deps.store, this.temporary),
      () => deps.activity?.transactionEnded(), () => defaultCharacteristics((n) => this.settings.get(n)), this.settings.levels);
    this.settings.transactionSettings = {
      get: (name) => characteristicText(this.transaction.characteristics, name),
      set: (name, value) => this.transaction.setModes(settingAsModes(name, value)),
    };
  }

  /** ReadyForQuery status. */
  get status(): 'Idle' | 'InBlock' | 'Failed' {
    return this.transaction.status;
  }

  /** CancelRequest: abort the running statement, if any (with `why`: a terminate, a shutdown). */
  cancel(why: SqlError = canceledByUser()): void {
    this.running?.abort.abort(why);
  }

  /** A signal from pg_cancel_backend / pg_terminate_backend when no server routes it to the connection. */
  signal(how: BackendSignal): void {
    if (how === 'terminate') {
      this.control.requestTerminate();
      this.cancel(terminatedByAdministrator());
    } else {
      this.control.requestCancel();
      this.cancel();
    }
  }

  /** Authentication is done and the startup settings applied: the session shows on the board. */
  loggedIn(client: { readonly address: string | undefined; readonly port: number | undefined }): void {
    this.shownApplicationName = this.settings.get('application_name') ?? '';
    this.deps.activity?.loggedIn({
      usename: userName((n) => this.settings.get(n)), datname: databaseName((n) => this.settings.get(n)),
      applicationName: this.shownApplicationName, clientAddr: client.address ?? null, clientPort: client.port ?? null,
    });
  }

  /** Waiting for the client again (ReadyForQuery): the board shows idle, in or out of a transaction. */
  private showIdle(): void {
    const activity = this.deps.activity;
    if (!activity) return;
    const name = this.settings.get('application_name') ?? '';
    if (name !== this.shownApplicationName) activity.setApplicationName(this.shownApplicationName = name);
    activity.idle(this.transaction.status);
  }

  notice(notice: Notice): void {
    this.out?.notice(notice);
  }

  // ------------------------------------------------------------ simple query

  /** Runs every statement of `sql` as one implicit transaction (unless BEGIN/COMMIT inside). */
  async simpleQuery(sql: string, out: QueryOutput): Promise<void> {
    this.deps.activity?.statementStarted(sql);
    try {
      await this.runQueryString(sql, out);
    } finally {
      this.showIdle();
    }
  }

  private async runQueryString(sql: string, out: QueryOutput): Promise<void> {
    this.out = out;
    this.queryText = sql;
    const parsed: readonly ParsedStatement[] = this.guard(() => this.preparing(() => this.parseSql(sql)));
    if (parsed.length === 0) return out.emptyQuery();
    this.transaction.multiStatement = parsed.length > 1;
    try {
      for (const p of parsed) {
        const portal = this.guard(() => this.preparing(() => this.openPortal('', () => this.prepare(p.statement, p.text, []), [], [])));
        const columns = portal.columns;
        await this.runPortal(portal, 0, out, () => { if (columns) out.rowDescription(columns, portal.resultFormats); });
      }
    } finally {
      this.transaction.multiStatement = false;
    }
    await this.endImplicit();
  }

  // ------------------------------------------------------------ extended protocol

  parse(name: string, sql: string, paramOids: readonly number[]): void {
    this.guard(() => this.preparing(() => {
      if (name !== '' && this.prepared.has(name)) {
        throw new SqlError(SQLSTATE.DuplicatePreparedStatement, `prepared statement "${name}" already exists`);
      }
      const parsed = this.parseSql(sql);
      if (parsed.length > 1) throw new SqlError(SQLSTATE.SyntaxError, 'cannot insert multiple commands into a prepared statement');
      const declared = paramOids.map((oid) => (oid === 0 ? undefined : typeFromOid(oid) ?? T.unknown));
      const statement = parsed[0] ? this.prepare(parsed[0].statement, parsed[0].text, declared) : null;
      this.prepared.set(name, { sql, statement, ...(parsed[0] ? { source: parsed[0].statement } : {}) });
    }));
  }

  bind(portalName: string, statementName: string, paramFormats: readonly number[],
    params: readonly (Uint8Array | null)[], resultFormats: readonly number[]): void {
    this.guard(() => {
      const entry = this.statementEntry(statementName);
      if (portalName !== '' && this.portals.has(portalName)) {
        throw new SqlError(SQLSTATE.DuplicateCursor, `cursor "${portalName}" already exists`);
      }
      const types = entry.statement?.paramTypes ?? [];
      if (params.length !== types.length) {
        throw new SqlError(SQLSTATE.ProtocolViolation,
          `bind message supplies ${params.length} parameters, but prepared statement "${statementName}" requires ${types.length}`);
      }
      const values = params.map((raw, i) => this.decodeParam(raw, types[i]!, formatAt(paramFormats, i)));
      // A statement whose columns depend on a value (SEARCH IMAGE texts=$1) is planned for it now.
      const statement = entry.statement?.specialize?.(values) ?? entry.statement;
      const columnCount = statement?.columns?.length ?? 0;
      if (resultFormats.length > 1 && resultFormats.length !== columnCount) {
        throw new SqlError(SQLSTATE.ProtocolViolation, `bind message has ${resultFormats.length} result formats but query has ${columnCount} columns`);
      }
      const formats = Array.from({ length: columnCount }, (_, i) => formatAt(resultFormats, i));
      this.queryText = entry.sql;
      this.openPortal(portalName, () => statement ?? EMPTY_STATEMENT, values, formats);
      this.portalSql.set(portalName, entry.sql);
    });
  }

  describeStatement(name: string): { paramTypes: readonly SqlType[]; columns: readonly ResultColumn[] | null } {
    const entry = this.guard(() => this.statementEntry(name));
    return { paramTypes: entry.statement?.paramTypes ?? [], columns: entry.statement?.columns ?? null };
  }

  describePortal(name: string): { columns: readonly ResultColumn[] | null; formats: readonly number[] } {
    const portal = this.guard(() => this.portal(name));
    return { columns: portal.columns, formats: portal.resultFormats };
  }

  async execute(portalName: string, maxRows: number, out: QueryOutput): Promise<void> {
    this.out = out;
    const portal = this.guard(() => this.portal(portalName));
    this.deps.activity?.statementStarted(this.portalSql.get(portalName) ?? '');
    if (portal.statement === EMPTY_STATEMENT) return out.emptyQuery();
    await this.runPortal(portal, maxRows, out);
  }

  async close(target: 'statement' | 'portal', name: string): Promise<void> {
    if (target === 'statement') this.prepared.delete(name);
    else await this.dropPortal(name);
  }

  /** Sync: commit the implicit transaction; outside a block, portals end with it. */
  async sync(): Promise<void> {
    try {
      await this.endImplicit();
    } finally {
      if (!this.transaction.inBlock) {
        for (const [name, portal] of this.portals) if (!portal.isCursor) await this.dropPortal(name);
      }
      this.showIdle();
    }
  }

  /** Ends the session: roll back, close portals, drop its temporary relations. */
  async terminate(): Promise<void> {
    this.cancel();
    for (const name of [...this.portals.keys()]) await this.dropPortal(name);
    if (this.transaction.mode !== 'idle') this.transaction.rollbackBlock();
    this.temporary.dropAll();
    this.deps.activity?.close();
    for (const hook of this.endHooks.splice(0)) hook();
  }

  /** Runs `hook` when the session ends. */
  onEnd(hook: () => void): void {
    this.endHooks.push(hook);
  }

  // ------------------------------------------------------------ SessionHost (cursors etc.)

  declareCursor(name: string, statement: Statement, sql: string, options: CursorOptions): void {
    if (this.portals.has(name)) throw new SqlError(SQLSTATE.DuplicateCursor, `cursor "${name}" already exists`);
    const prepared = this.prepare(statement, sql, []);
    const formats = (prepared.columns ?? []).map(() => 0);
    const portal = new Portal(name, prepared, [], formats, true, this.openSnapshot(prepared), ++this.portalSerial, options.hold,
      options.noScroll);
    // pg_cursors shows the client's whole query string, as PostgreSQL does.
    this.cursorInfo.set(portal, { statement: this.queryText ?? sql, binary: options.binary, created: Date.now() * MICROS_PER_MS });
    this.portals.set(name, portal);
  }

  /** pg_cursors: the open cursors (a cursor not declared NO SCROLL can scroll here). */
  listCursors(): CursorInfo[] {
    const cursors: CursorInfo[] = [];
    for (const portal of this.portals.values()) {
      const info = this.cursorInfo.get(portal);
      if (!portal.isCursor || !info) continue;
      cursors.push({ name: portal.name, statement: info.statement, holdable: portal.hold, binary: info.binary,
        scrollable: !portal.noScroll, created: info.created });
    }
    return cursors;
  }

  /**
   * The transaction is about to end: WITH HOLD cursors keep their remaining rows (computed now,
   * from their snapshot) if it commits, the other cursors close; a rollback closes every cursor
   * not held from an earlier transaction.
   */
  async endCursors(commit: boolean): Promise<void> {
    // A cursor exists only after a query string or Execute ran, which set `out`.
    const out = this.out;
    for (const [name, portal] of this.portals) {
      if (!portal.isCursor) continue;
      if (commit && portal.hold && out) await portal.materialize(() => this.runContext(portal, out));
      else if (!portal.materialized) await this.dropPortal(name);
    }
  }

  cursor(name: string): Portal {
    const portal = this.portals.get(name);
    if (!portal?.isCursor) throw new SqlError(SQLSTATE.InvalidCursorName, `cursor "${name}" does not exist`);
    return portal;
  }

  async closeCursor(name: string | undefined): Promise<void> {
    if (name !== undefined) {
      this.cursor(name);
      return this.dropPortal(name);
    }
    for (const [n, p] of this.portals) if (p.isCursor) await this.dropPortal(n);
  }

  get portalMark(): number {
    return this.portalSerial;
  }

  async dropPortalsAfter(mark: number): Promise<void> {
    for (const [name, portal] of this.portals) {
      if (portal.serial > mark && portal !== this.running) await this.dropPortal(name);
    }
  }

  prepareNamed(name: string, statement: Statement, sql: string, declared: readonly SqlType[]): void {
    if (this.prepared.has(name)) throw new SqlError(SQLSTATE.DuplicatePreparedStatement, `prepared statement "${name}" already exists`);
    this.prepared.set(name, { sql, statement: this.prepare(statement, sql, declared), source: statement });
  }

  namedStatementSource(name: string): Statement | undefined {
    return this.statementEntry(name).source;
  }

  namedStatement(name: string): PreparedStatement {
    return this.statementEntry(name).statement ?? EMPTY_STATEMENT;
  }

  prepareInternal(statement: Statement, sql: string): PreparedStatement {
    return this.prepare(statement, sql, []);
  }

  deallocate(name: string | undefined): void {
    if (name === undefined) return this.prepared.clear();
    if (!this.prepared.delete(name)) {
      throw unknownStatement(name);
    }
  }

  /** DISCARD TEMP / ALL: drops every temporary relation, in the current transaction. */
  discardTemporary(): void {
    const txn = this.transaction.current();
    // DISCARD is allowed in a READ ONLY transaction (poolers send DISCARD ALL whatever the default).
    const guard = txn.readOnlyCommand;
    txn.readOnlyCommand = undefined;
    try {
      for (const table of txn.listTables()) if (table.temporary) txn.dropTable(table);
    } finally {
      txn.readOnlyCommand = guard;
    }
  }

  discardSequences(): void {
    this.sequenceValues.current.clear();
    this.sequenceValues.last = undefined;
  }

  async discardAll(): Promise<void> {
    this.discardSequences();
    this.prepared.clear();
    for (const [name, portal] of this.portals) if (portal !== this.running) await this.dropPortal(name);
    this.settings.resetAll();
  }

  // ------------------------------------------------------------ internals

  /** Commits the implicit transaction, if one is open, keeping WITH HOLD cursors' rows first. */
  private async endImplicit(): Promise<void> {
    if (this.transaction.mode !== 'implicit') return;
    try {
      await this.endCursors(true);
    } catch (err) {
      this.transaction.statementFailed(undefined);
      throw err;
    }
    this.transaction.endImplicit();
  }

  /** The statements of `sql`, its plain strings read as standard_conforming_strings says. */
  private parseSql(sql: string): readonly ParsedStatement[] {
    return this.deps.backends.parse(this.settings.get('standard_conforming_strings') === 'off' ? escapePlainStrings(sql) : sql);
  }

  /** A setting as statements read it; BACKEND_PID_KEY is the session's own pid, not a run-time parameter. */
  private setting(name: string): string | undefined {
    if (name === BACKEND_PID_KEY && this.deps.backendPid !== undefined) return String(this.deps.backendPid);
    if (name === TRANSACTION_START_KEY) return String(this.transaction.startTime);
    return this.settings.get(name);
  }

  /**
   * Parsing and planning count as part of the statement, as in PostgreSQL: while `work` runs the
   * statement is marked running with its statement_timeout armed, so the server's watchdog sees
   * a parse that ignores a CancelRequest or its deadline (a parser cannot check interrupts) and
   * stops its thread; a cancel that arrived meanwhile stops the statement as soon as `work` ends.
   */
  private preparing<R>(work: () => R): R {
    this.control.beginStatement(this.statementTimeoutMs());
    try {
      const result = work();
      const stop = this.control.interruption();
      if (stop) throw stop;
      return result;
    } finally {
      this.control.endStatement();
    }
  }

  private statementTimeoutMs(): number {
    return parseDurationMs(this.settings.get('statement_timeout') ?? '0') ?? 0;
  }

  /** Runs `fn`; on error updates the transaction state (failed block / rolled back) and rethrows. */
  private guard<R>(fn: () => R): R {
    try {
      return fn();
    } catch (err) {
      this.transaction.statementFailed(undefined);
      throw err;
    }
  }

  /** A statement inside a PL/pgSQL body: anything but transaction control. */
  private preparePlpgsql(statement: Statement, sql: string, types: readonly SqlType[]): PreparedStatement {
    const prepared = this.prepare(statement, sql, types);
    if ((prepared as Partial<SessionStatement>).transactionControl === true || statement.kind === 'Transaction') {
      throw new SqlError(SQLSTATE.FeatureNotSupported, 'transaction control statements inside PL/pgSQL are not supported');
    }
    return prepared;
  }

  private prepare(statement: Statement, sql: string, declared: readonly (SqlType | undefined)[]): PreparedStatement {
    if (statement.kind === 'DoBlock') return prepareDoBlock(this.plHost, statement.body);
    const session = prepareSessionStatement(statement, sql, this);
    if (session) {
      if (statement.kind === 'Execute') this.commandNames.set(session, this.executedCommandName(statement.name));
      return session;
    }
    if (this.transaction.characteristics.readOnly && MODEL_WRITES.has(statement.kind)) {
      throw readOnlyTransactionError(statementCommandName(statement));
    }
    this.transaction.statementSnapshot(this.snapshotReaders());
    const ctx: StatementContext = {
      txn: this.transaction.current(), declaredParamTypes: declared, sql,
      setting: (n) => this.setting(n),
      ...(this.deps.extensions ? { extensions: this.deps.extensions } : {}),
    };
    const prepared = this.deps.backends.prepareStatement(statement, ctx);
    this.commandNames.set(prepared, statementCommandName(statement));
    return prepared;
  }

  /** EXECUTE name is named in 25006 after the statement it runs, as PostgreSQL does. */
  private executedCommandName(name: string): string {
    const source = this.prepared.get(name)?.source;
    return source ? statementCommandName(source) : 'EXECUTE';
  }

  /**
   * What still reads earlier snapshots, for READ COMMITTED's rebase: a statement running (this
   * one is inside it, as in a function) or a portal bound and not finished — its executor may
   * hold tables it will write back, or read its snapshot beside the rebased tables — stop it;
   * open cursors (queries only) keep their snapshots pinned.
   */
  private snapshotReaders(): SnapshotReaders {
    if (this.running) return 'statements';
    let cursors = false;
    for (const portal of this.portals.values()) {
      if (!portal.readsSnapshot) continue;
      if (!portal.isCursor) return 'statements';
      cursors = true;
    }
    return cursors ? 'cursors' : 'none';
  }

  private openPortal(name: string, prepare: () => PreparedStatement, params: readonly Value[], formats: readonly number[]): Portal {
    const statement = prepare();
    const snapshot = this.openSnapshot(statement);
    const columnFormats = formats.length ? formats : (statement.columns ?? []).map(() => 0);
    const portal = new Portal(name, statement, params, columnFormats, false, snapshot, ++this.portalSerial);
    const old = this.portals.get(name);
    if (old) void old.close();
    this.portals.set(name, portal);
    return portal;
  }

  /**
   * The snapshot a portal of `statement` reads, taken at open as PostgreSQL takes it at portal
   * start; the statement is re-planned first if DDL made its plan stale (PostgreSQL
   * revalidates at Bind). Session statements (SET, BEGIN, EXECUTE …) take none.
   */
  private openSnapshot(statement: PreparedStatement): CatalogReader | undefined {
    if (!statement.revalidate) return undefined;
    this.transaction.statementSnapshot(this.snapshotReaders());
    const snapshot = this.transaction.current().snapshot();
    statement.revalidate({
      txn: snapshot, setting: (n) => this.setting(n), ...(this.deps.extensions ? { extensions: this.deps.extensions } : {}),
    });
    return snapshot;
  }

  /** Runs a portal as one statement; `onStart` fires once it is allowed to run (RowDescription). */
  private async runPortal(portal: Portal, maxRows: number, out: QueryOutput, onStart?: () => void): Promise<void> {
    const control = (portal.statement as Partial<SessionStatement>).transactionControl === true;
    let savepoint;
    const timeoutMs = this.statementTimeoutMs();
    this.control.beginStatement(timeoutMs);
    // The timer interrupts what awaits (the CLIP pool, a client's COPY data); loops see the
    // deadline itself through checkInterrupts, even when they keep the event loop busy.
    const timer = timeoutMs > 0 ? setTimeout(() => portal.abort.abort(canceledByTimeout()), timeoutMs) : undefined;
    try {
      if (this.transaction.mode === 'failed' && !control) throw abortedError();
      this.transaction.enterStatement();
      this.transaction.statementStarts(this.commandNames.get(portal.statement) ?? 'SELECT');
      savepoint = control ? undefined : this.transaction.statementSavepoint();
      this.running = portal;
      onStart?.();
      const columns = portal.columns ?? [];
      const result = await portal.run(() => this.runContext(portal, out), maxRows,
        (rows) => out.dataRows(rows, columns, portal.resultFormats),
        out.dataColumns ? (batch) => out.dataColumns!(batch, columns, portal.resultFormats) : undefined);
      if (result.suspended) out.portalSuspended();
      // With a row limit, a query's SELECT count is the rows of this Execute (PostgreSQL's rule);
      // CREATE TABLE AS / SELECT INTO return no rows and report the rows they stored.
      else out.commandComplete(result.tag!.startsWith('SELECT ') && portal.columns !== null ? `SELECT ${result.rowCount}` : result.tag!);
    } catch (err) {
      const error = portal.abort.signal.aborted && !(err instanceof SqlError) ? abortReason(portal.abort.signal) : toSqlError(err);
      if (!control) this.transaction.statementFailed(savepoint);
      await this.dropPortal(portal.name, portal);
      throw error;
    } finally {
      clearTimeout(timer);
      this.control.endStatement();
      this.running = undefined;
      this.transaction.statementEnded(savepoint);
    }
  }

  /** How result values print for this session now: TimeZone, DateStyle, IntervalStyle, regclass names from its transaction. */
  textOptions(): TextCodecOptions {
    const txn = this.transaction.peek();
    return { ...textOptionsFromSettings((name) => this.settings.get(name)), ...(txn ? { regName: regNames(txn) } : {}) };
  }

  private runContext(portal: Portal, out: QueryOutput): RunContext {
    const transaction = this.transaction;
    const routines = createRoutineRunner(this.plHost, () => context);
    const context: RunContext = {
      routines,
      get txn() { return transaction.current(); },
      signal: portal.abort.signal,
      checkInterrupts: () => {
        const why = portal.abort.signal.aborted ? abortReason(portal.abort.signal) : this.control.interruption();
        if (!why) return;
        portal.abort.abort(why);
        throw why;
      },
      setting: (name) => this.setting(name),
      // set_config(name, value, is_local): SET or SET LOCAL.
      setSetting: (name, value, local) => { this.settings.set(name, value, local); return this.settings.show(name).value; },
      listSettings: () => this.settings.describe(),
      listCursors: () => this.listCursors(),
      currentOf: (name) => this.cursor(name).currentOf(),
      notice: (notice) => out.notice(notice),
      copyIn: (columns, format) => out.copyIn(columns, format),
      copyOut: (columns, format) => out.copyOut(columns, format),
      dataDir: this.deps.dataDir,
      allowAbsolutePaths: this.deps.allowAbsolutePaths,
      sequenceValues: this.sequenceValues,
      ...(this.deps.extensions ? { extensions: this.deps.extensions } : {}),
      ...(this.deps.activity ? { server: this.deps.activity.access } : {}),
    };
    return context;
  }

  private statementEntry(name: string): PreparedEntry {
    const entry = this.prepared.get(name);
    if (!entry) throw unknownStatement(name);
    return entry;
  }

  private portal(name: string): Portal {
    const portal = this.portals.get(name);
    if (!portal) throw new SqlError(SQLSTATE.InvalidCursorName, `portal "${name}" does not exist`);
    return portal;
  }

  private async dropPortal(name: string, only?: Portal): Promise<void> {
    const portal = this.portals.get(name);
    if (!portal || (only && portal !== only)) return;
    this.portals.delete(name);
    this.portalSql.delete(name);
    await portal.close();
  }

  private decodeParam(raw: Uint8Array | null, type: SqlType, format: number): Value {
    if (raw === null) return null;
    if (format === BINARY_FORMAT) return decodeBinary(raw, type);
    const text = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString('utf8');
    if (type.id === 'unknown') return text;
    return parseText(text, type, textOptionsFromSettings((n) => this.setting(n)));
  }
}

/** Bind's format list: none = all text, one = applies to all, else one per item. */
function formatAt(formats: readonly number[], i: number): number {
  if (formats.length === 0) return 0;
  return formats.length === 1 ? formats[0]! : formats[i] ?? 0;
}

/** The statement of an empty query string: Execute answers EmptyQueryResponse. */
const EMPTY_STATEMENT: PreparedStatement = {
  paramTypes: [], columns: null, mutates: false,
  // eslint-disable-next-line require-yield
  async *run() { return { tag: '' }; },
  explain: () => [],
};

/** 26000 as PostgreSQL words it, with the routine postgres.js checks before re-preparing. */
function unknownStatement(name: string): SqlError {
  return new SqlError(SQLSTATE.InvalidSqlStatementName, `prepared statement "${name}" does not exist`,
    { routine: 'FetchPreparedStatement' });
}
