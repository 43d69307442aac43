/**
 * One simple-protocol Query as psql sends it, through node-postgres: a "submittable" (the
 * hook pg-cursor and pg-copy-streams use) that keeps every result of a multi-statement string
 * as text, answers a CopyInResponse with data supplied by the caller, and collects COPY TO
 * STDOUT output. The outcome is a value, never a rejection: a SQL error is an outcome, and a
 * lost connection is reported as `lost`.
 *
 * @example
 *   const q = client.query(new StatementQuery('COPY t FROM STDIN;', async () => '1\n2\n\\.\n'));
 *   const outcome = await q.outcome;
 */
import type { Connection } from 'pg';

/** One statement's result within the query string. */
export interface ResultSet {
  /** CommandComplete's tag, e.g. `INSERT 0 3`; empty for an empty query. */
  readonly tag: string;
  readonly columns: readonly string[];
  /** Column type OIDs. */
  readonly types: readonly number[];
  readonly rows: readonly (readonly (string | null)[])[];
  /** COPY … TO STDOUT output. */
  readonly copyOut?: string;
}

export type QueryOutcome =
  | { readonly kind: 'ok'; readonly results: readonly ResultSet[] }
  | {
      readonly kind: 'error';
      readonly code: string;
      readonly message: string;
      readonly detail?: string;
      /** Results of the statements before the failing one. */
      readonly results: readonly ResultSet[];
    }
  | { readonly kind: 'lost'; readonly message: string };

/**
 * Called when the server asks for COPY data: the data to send (then CopyDone), or undefined
 * to send none (just CopyDone).
 */
export type CopyDataSource = () => Promise<string | undefined>;

/** The copy-in methods pg's Connection has but its type declarations omit. */
interface CopyInConnection {
  sendCopyFromChunk(chunk: Buffer): void;
  endCopyFrom(): void;
  sendCopyFail(message: string): void;
}

interface RowDescriptionMessage {
  readonly fields: readonly { readonly name: string; readonly dataTypeID: number }[];
}

interface DatabaseErrorLike extends Error {
  readonly code?: string;
  readonly severity?: string;
  readonly detail?: string;
}

/**
 * A statement's SQL error carries a five-character SQLSTATE and an ERROR severity; anything
 * else (a socket error, FATAL, PANIC) means the session is gone.
 */
function isStatementError(err: DatabaseErrorLike): boolean {
  return typeof err.code === 'string' && /^[0-9A-Z]{5}$/.test(err.code) && err.severity === 'ERROR';
}

export class StatementQuery {
  readonly outcome: Promise<QueryOutcome>;
  /** True once the server answered with CopyInResponse. */
  copyInRequested = false;
  private resolve!: (o: QueryOutcome) => void;
  private readonly results: ResultSet[] = [];
  private columns: readonly string[] = [];
  private types: readonly number[] = [];
  private rows: (string | null)[][] = [];
  private copyChunks: Buffer[] = [];
  private settled = false;

  constructor(readonly text: string, private readonly copySource?: CopyDataSource) {
    this.outcome = new Promise((resolve) => (this.resolve = resolve));
  }

  submit(connection: Connection): void {
    connection.query(this.text);
  }

  handleRowDescription(msg: RowDescriptionMessage): void {
    this.columns = msg.fields.map((f) => f.name);
    this.types = msg.fields.map((f) => f.dataTypeID);
    this.rows = [];
  }

  handleDataRow(msg: { fields: (string | null)[] }): void {
    this.rows.push(msg.fields);
  }

  handleCommandComplete(msg: { text: string }): void {
    const copyOut = this.copyChunks.length > 0 ? Buffer.concat(this.copyChunks).toString('utf8') : undefined;
    this.results.push({ tag: msg.text, columns: this.columns, types: this.types, rows: this.rows, ...(copyOut !== undefined ? { copyOut } : {}) });
    this.columns = [];
    this.types = [];
    this.rows = [];
    this.copyChunks = [];
  }

  handleEmptyQuery(): void {
    this.results.push({ tag: '', columns: [], types: [], rows: [] });
  }

  handleCopyData(msg: { chunk: Buffer }): void {
    // A copy: the chunk is a view of pg-protocol's read buffer, which later reads overwrite (a
    // large COPY TO then came out with NUL bytes, and the next COPY FROM failed on one side).
    this.copyChunks.push(Buffer.from(msg.chunk));
  }

  handleCopyInResponse(pgConnection: Connection): void {
    const connection = pgConnection as unknown as CopyInConnection;
    this.copyInRequested = true;
    const source = this.copySource ?? (async () => undefined);
    source().then(
      (data) => {
        if (data) connection.sendCopyFromChunk(Buffer.from(data, 'utf8'));
        connection.endCopyFrom();
      },
      (err: unknown) => connection.sendCopyFail(String(err)),
    );
  }

  handlePortalSuspended(): void {
    // Simple protocol never suspends a portal.
  }

  handleError(err: DatabaseErrorLike): void {
    if (!isStatementError(err)) {
      this.finish({ kind: 'lost', message: err.severity ? `${err.severity}: ${err.message} (${err.code})` : err.message });
      return;
    }
    this.finish({
      kind: 'error', code: err.code!, message: err.message, results: this.results,
      ...(err.detail ? { detail: err.detail } : {}),
    });
  }

  handleReadyForQuery(): void {
    this.finish({ kind: 'ok', results: this.results });
  }

  /** The connection died under this query (the caller noticed first). */
  abandon(message: string): void {
    this.finish({ kind: 'lost', message });
  }

  private finish(outcome: QueryOutcome): void {
    if (this.settled) return;
    this.settled = true;
    this.resolve(outcome);
  }
}
