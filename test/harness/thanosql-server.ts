/**
 * Starts our server for tests, either in-process through `startServer` exported by
 * src/main.ts, or as a child process (`node dist/src/main.js …`) that a test can SIGKILL.
 * Each start gets a fresh temp data dir unless one is given; `close()` removes what it made.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from './free-port.js';

/** Compiled entry point, relative to this compiled file (dist/test/harness → dist/src). */
export const MAIN_JS = fileURLToPath(new URL('../../src/main.js', import.meta.url));

/** The user and database our server answers to in tests. */
export const THANOSQL_USER = 'thanosql';
export const THANOSQL_DATABASE = 'thanosql';

export interface ServerOptions {
  readonly host: string;
  readonly port: number;
  readonly dataDir: string;
  readonly modelsDir: string;
  /** Engine threads (default: one per core); a single-session test needs only one. */
  readonly engineThreads?: number;
}

export interface RunningServer {
  readonly host: string;
  readonly port: number;
  readonly dataDir: string;
  /** Stops the server; removes the data dir only if this helper created it. */
  close(): Promise<void>;
}

type StartServer = (options: ServerOptions) => Promise<{ port: number; close(): Promise<void> | void }>;

/** startServer from dist/src/main.js, or the reason it is unavailable. */
export async function loadStartServer(): Promise<StartServer | string> {
  if (!existsSync(MAIN_JS)) return `${MAIN_JS} does not exist (src/main.ts not written or not compiled)`;
  try {
    const mod = (await import(MAIN_JS)) as { startServer?: unknown };
    if (typeof mod.startServer !== 'function') return 'src/main.ts does not export startServer';
    return mod.startServer as StartServer;
  } catch (err) {
    return `importing ${MAIN_JS} failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}`;
  }
}

function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Starts our server in this process on an ephemeral port. */
export async function startThanosql(
  start: StartServer, dataDir?: string, extra: Pick<ServerOptions, 'engineThreads'> = {},
  prepare?: (dataDir: string, modelsDir: string) => Promise<void>,
): Promise<RunningServer> {
  const ownData = dataDir === undefined;
  const dir = dataDir ?? tempDir('thanosql-data-');
  const modelsDir = tempDir('thanosql-models-');
  const cleanup = () => {
    rmSync(modelsDir, { recursive: true, force: true });
    if (ownData) rmSync(dir, { recursive: true, force: true });
  };
  try {
    await prepare?.(dir, modelsDir);
    const server = await start({ host: '127.0.0.1', port: 0, dataDir: dir, modelsDir, ...extra });
    return {
      host: '127.0.0.1',
      port: server.port,
      dataDir: dir,
      close: async () => {
        try {
          await server.close();
        } finally {
          cleanup();
        }
      },
    };
  } catch (err) {
    cleanup();
    throw err;
  }
}

export interface ChildServer {
  readonly port: number;
  readonly process: ChildProcess;
  /** stdout+stderr so far, for failure messages. */
  output(): string;
  /** SIGKILL and wait for exit. */
  kill(): Promise<void>;
  /** SIGTERM (graceful), then SIGKILL after a grace period. */
  stop(): Promise<void>;
}

const CHILD_START_TIMEOUT_MS = 60_000;
const CHILD_STOP_GRACE_MS = 10_000;

/** Resolves once something accepts TCP connections on the port, or rejects on exit/timeout. */
async function waitForPort(port: number, child: ChildProcess, output: () => string): Promise<void> {
  const { connect } = await import('node:net');
  const deadline = Date.now() + CHILD_START_TIMEOUT_MS;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`server exited (${child.exitCode ?? child.signalCode}) before listening:\n${output()}`);
    }
    const ok = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => (socket.destroy(), resolve(true)));
      socket.once('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`server did not listen on ${port} within ${CHILD_START_TIMEOUT_MS} ms:\n${output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/**
 * Runs `node dist/src/main.js --host 127.0.0.1 --port P --data-dir D --models-dir M --http-port 0`
 * as a child process on a free port (the gallery on an ephemeral port, so parallel tests never
 * contend for 5434). The flag names follow src/main.ts's CLI. `nodeArgs` go to node itself
 * (e.g. `--max-old-space-size=2048`).
 */
export async function spawnThanosql(dataDir: string, modelsDir: string, nodeArgs: readonly string[] = []): Promise<ChildServer> {
  const port = await freePort();
  const args = [...nodeArgs, MAIN_JS, '--host', '127.0.0.1', '--port', String(port), '--data-dir', dataDir, '--models-dir', modelsDir, '--http-port', '0'];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stdout?.on('data', (d: Buffer) => (log += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (log += d.toString()));
  const output = () => log;
  const kill = async () => {
    child.kill('SIGKILL');
    await exited(child);
  };
  try {
    await waitForPort(port, child, output);
  } catch (err) {
    await kill();
    throw err;
  }
  return {
    port,
    process: child,
    output,
    kill,
    stop: async () => {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), CHILD_STOP_GRACE_MS);
      await exited(child);
      clearTimeout(timer);
    },
  };
}
