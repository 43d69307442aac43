/**
 * One psql-like session on one side: a node-postgres connection with pg_regress's session
 * settings, that runs statements with a per-statement time limit. A statement that outlives
 * its limit is cancelled (CancelRequest, as psql's Ctrl-C); one that ignores the cancel, or a
 * connection that dies, gets the server recovered (ours restarted on the same data dir) and a
 * new connection, so the file goes on. Outcomes are values: ok / error / hang / crash.
 */
import { connect as connectSocket } from 'node:net';
import pg from 'pg';
import { RAW_TEXT_TYPES } from '../text-types.js';
import type { Endpoint } from './regress-endpoints.js';
import { StatementQuery, type CopyDataSource, type QueryOutcome } from './statement-query.js';

/**
 * What pg_regress 15 gives every session: PGTZ, PGDATESTYLE and PGOPTIONS's intervalstyle in
 * the environment, and ALTER DATABASE … SET for the rest (pg_regress.c, create_database()).
 */
export const PG_REGRESS_SETTINGS: readonly (readonly [string, string])[] = [
  ['TimeZone', 'America/Los_Angeles'],
  ['DateStyle', 'Postgres, MDY'],
  ['IntervalStyle', 'postgres_verbose'],
  ['lc_messages', 'C'],
  ['lc_monetary', 'C'],
  ['lc_numeric', 'C'],
  ['lc_time', 'C'],
  ['bytea_output', 'hex'],
  ['timezone_abbreviations', 'Default'],
];

export type RunOutcome =
  | Exclude<QueryOutcome, { kind: 'lost' }>
  /** Outlived its time limit; `cancelled` says whether the cancel ended it. */
  | { readonly kind: 'hang'; readonly cancelled: boolean }
  /** The connection was lost; `serverDied` says whether the server process exited. */
  | { readonly kind: 'crash'; readonly message: string; readonly serverDied: boolean; readonly log?: string };

export interface RunResult {
  readonly outcome: RunOutcome;
  readonly ms: number;
  /** The server asked for COPY data. */
  readonly copyInRequested: boolean;
}

const CONNECT_TIMEOUT_MS = 30_000;
/** How long a cancelled statement may take to stop before the server is recovered by force. */
const CANCEL_GRACE_MS = 5_000;
const CANCEL_REQUEST_CODE = 80877102;

/** PGOPTIONS syntax: `-c name=value`, spaces escaped with a backslash. */
function startupOptions(settings: readonly (readonly [string, string])[]): string {
  return settings.map(([k, v]) => `-c ${k}=${v.replace(/([\\ ])/g, '\\$1')}`).join(' ');
}

function quoteSetting(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

function sleep(ms: number): Promise<'timeout'> {
  return new Promise((resolve) => setTimeout(() => resolve('timeout'), ms).unref());
}

interface ClientInternals {
  readonly processID?: number;
  readonly secretKey?: number;
}

export class RegressSession {
  /** Settings the server refused at connect (then tried one by one with SET); each failure is listed. */
  readonly settingErrors: string[] = [];
  private client: pg.Client | undefined;

  private constructor(
    private readonly endpoint: Endpoint,
    private readonly applicationName: string,
    private readonly timeoutMs: number,
  ) {}

  static async open(endpoint: Endpoint, applicationName: string, timeoutMs: number): Promise<RegressSession> {
    const session = new RegressSession(endpoint, applicationName, timeoutMs);
    await session.connect();
    return session;
  }

  /** Runs one query string (as psql sends it), never throwing. */
  async run(sql: string, copySource?: CopyDataSource): Promise<RunResult> {
    const started = Date.now();
    if (!this.client) await this.connect();
    const client = this.client!;
    const query = new StatementQuery(sql, copySource);
    client.query(query);
    const first = await Promise.race([query.outcome, sleep(this.timeoutMs)]);
    let outcome: RunOutcome;
    if (first === 'timeout') {
      this.sendCancel(client);
      const afterCancel = await Promise.race([query.outcome, sleep(CANCEL_GRACE_MS)]);
      const cancelled = afterCancel !== 'timeout';
      if (afterCancel === 'timeout' || afterCancel.kind === 'lost') {
        query.abandon('cancel ignored');
        await this.recover(client);
      }
      outcome = { kind: 'hang', cancelled };
    } else if (first.kind === 'lost') {
      const serverDied = await this.endpoint.died();
      const log = serverDied ? this.endpoint.logTail() : undefined;
      await this.recover(client);
      outcome = { kind: 'crash', message: first.message, serverDied, ...(log ? { log } : {}) };
    } else {
      outcome = first;
    }
    return { outcome, ms: Date.now() - started, copyInRequested: query.copyInRequested };
  }

  async close(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  /** Startup options first (as libpq passes PGTZ/PGOPTIONS); if refused, plain connect and SET each. */
  private async connect(): Promise<void> {
    try {
      this.client = await this.newClient(startupOptions(PG_REGRESS_SETTINGS));
      return;
    } catch (err) {
      if (!(err instanceof Error && 'code' in err)) throw err;
    }
    const client = await this.newClient(undefined);
    this.settingErrors.length = 0;
    for (const [name, value] of PG_REGRESS_SETTINGS) {
      await client.query(`SET ${name} = ${quoteSetting(value)}`).catch((e: Error) => this.settingErrors.push(`SET ${name}: ${e.message}`));
    }
    this.client = client;
  }

  private async newClient(options: string | undefined): Promise<pg.Client> {
    const client = new pg.Client({
      host: this.endpoint.host,
      port: this.endpoint.port(),
      user: this.endpoint.user,
      database: this.endpoint.database,
      application_name: this.applicationName,
      types: RAW_TEXT_TYPES,
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
      ...(options ? { options } : {}),
    });
    // A dying server emits 'error' on the client; without a listener node would crash the run.
    client.on('error', () => undefined);
    await client.connect();
    return client;
  }

  /** psql's Ctrl-C: a CancelRequest on a new connection naming this backend. */
  private sendCancel(client: pg.Client): void {
    const { processID, secretKey } = client as unknown as ClientInternals;
    if (processID === undefined || secretKey === undefined) return;
    const packet = Buffer.alloc(16);
    packet.writeInt32BE(16, 0);
    packet.writeInt32BE(CANCEL_REQUEST_CODE, 4);
    packet.writeInt32BE(processID, 8);
    packet.writeInt32BE(secretKey, 12);
    const socket = connectSocket(this.endpoint.port(), this.endpoint.host, () => socket.end(packet));
    socket.on('error', () => undefined);
  }

  private async recover(client: pg.Client): Promise<void> {
    const pid = (client as unknown as ClientInternals).processID;
    this.client = undefined;
    // end() waits for the server; a wedged one never answers, so drop the socket.
    (client as unknown as { connection?: { stream?: { destroy(): void } } }).connection?.stream?.destroy();
    await this.endpoint.recover(pid);
  }
}
