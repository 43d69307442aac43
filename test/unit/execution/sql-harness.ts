/**
 * In-process SQL harness for executor tests: a store in a temp directory, one transaction
 * per statement (committed on success, rolled back on error), parse → prepareStatement →
 * run, collecting rows, tag and notices.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Notice } from '../../../src/common/sql-error.js';
import { beginTransaction, type CatalogTransaction } from '../../../src/catalog/index.js';
import { prepareStatement } from '../../../src/engine/prepare-statement.js';
import type { PreparedStatement, ResultColumn, RunContext } from '../../../src/execution/statement-api.js';
import { parse } from '../../../src/parser/index.js';
import { openStore } from '../../../src/storage/index.js';
import type { Store } from '../../../src/storage/storage-api.js';
import type { SqlType } from '../../../src/types/sql-type.js';
import type { Row, Value } from '../../../src/types/value.js';

export interface QueryResult {
  readonly rows: Row[];
  readonly tag: string;
  readonly columns: readonly ResultColumn[] | null;
  readonly paramTypes: readonly SqlType[];
  readonly notices: Notice[];
  readonly explain: readonly string[];
}

export interface RunOptions {
  readonly params?: readonly Value[];
  readonly signal?: AbortSignal;
  readonly settings?: Record<string, string>;
  readonly copyIn?: string;
  /** COPY FROM STDIN's input as these CopyData messages (instead of `copyIn` as one). */
  readonly copyChunks?: readonly Uint8Array[];
  readonly dataDir?: string;
  /** The server's --allow-absolute-paths (default off). */
  readonly allowAbsolutePaths?: boolean;
}

export class SqlHarness {
  readonly copyOut: string[] = [];

  private constructor(readonly store: Store, readonly dir: string) {}

  static async open(): Promise<SqlHarness> {
    const dir = mkdtempSync(join(tmpdir(), 'thanosql-exec-'));
    return new SqlHarness(await openStore(join(dir, 'db')), dir);
  }

  async close(): Promise<void> {
    await this.store.close();
    rmSync(this.dir, { recursive: true, force: true });
  }

  /** Prepares (without running) one statement. */
  prepare(sql: string, settings: Record<string, string> = {}): PreparedStatement {
    const txn = beginTransaction(this.store);
    try {
      return prepareStatement(parse(sql)[0]!.statement, {
        txn, declaredParamTypes: [], sql, setting: (n) => settings[n],
      });
    } finally {
      txn.rollback();
    }
  }

  /** Runs every statement of `sql`; returns the last result. */
  async run(sql: string, options: RunOptions = {}): Promise<QueryResult> {
    let last: QueryResult | undefined;
    for (const parsed of parse(sql)) {
      last = await this.inTransaction(options, (txn, settings) => prepareStatement(parsed.statement, {
        txn, declaredParamTypes: [], sql: parsed.text, setting: (n) => settings[n],
      }));
    }
    return last!;
  }

  /** Runs a statement prepared earlier (`prepare`) again, in a new transaction, as a named statement is. */
  async execute(prepared: PreparedStatement, options: RunOptions = {}): Promise<QueryResult> {
    return this.inTransaction(options, () => prepared);
  }

  /** One transaction: prepare (or take) the statement, run it, commit; roll back on error. */
  private async inTransaction(options: RunOptions,
    prepare: (txn: CatalogTransaction, settings: Record<string, string>) => PreparedStatement): Promise<QueryResult> {
    const txn = beginTransaction(this.store);
    const notices: Notice[] = [];
    const settings = options.settings ?? {};
    try {
      const prepared = prepare(txn, settings);
      const ctx: RunContext = {
        txn, signal: options.signal ?? new AbortController().signal, setting: (n) => settings[n],
        notice: (n) => notices.push(n), dataDir: options.dataDir ?? this.dir,
        allowAbsolutePaths: options.allowAbsolutePaths ?? false,
        copyIn: async function* () {
          if (options.copyIn !== undefined) yield new TextEncoder().encode(options.copyIn);
          if (options.copyChunks) yield* options.copyChunks;
        },
        copyOut: () => ({ write: async (chunk) => { this.copyOut.push(new TextDecoder().decode(chunk)); }, end: () => undefined }),
      };
      const rows: Row[] = [];
      const gen = prepared.run(ctx, options.params ?? []);
      let step = await gen.next();
      while (!step.done) {
        rows.push(...step.value);
        step = await gen.next();
      }
      txn.commit();
      return { rows, tag: step.value.tag, columns: prepared.columns, paramTypes: prepared.paramTypes, notices, explain: prepared.explain() };
    } catch (err) {
      txn.rollback();
      throw err;
    }
  }

  /** Rows of a query as plain JS values (bigint/Decimal/… converted to strings for assertions). */
  async rows(sql: string, options: RunOptions = {}): Promise<unknown[][]> {
    const result = await this.run(sql, options);
    return result.rows.map((row) => row.map(plain));
  }
}

export function plain(value: Value): unknown {
  if (value === null || typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'bigint') return `${value}n`;
  if (value instanceof Float32Array) return Array.from(value);
  if (Array.isArray(value)) return value.map(plain);
  if (typeof value === 'object' && 'toFixed' in value) return `dec:${(value as { toString(): string }).toString()}`;
  return value;
}
