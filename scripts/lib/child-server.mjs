// The server as a child process for the stress scripts (fuzz-wire, kill-under-load,
// reliability-probe): a crash is seen as one, a SIGKILL is a real one, and the server's CPU is
// measured apart from the clients'. Needs `npm run build` (runs dist/src/main.js).
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';

const MAIN = new URL('../../dist/src/main.js', import.meta.url).pathname;
/** /proc/<pid>/stat counts CPU time in these. */
const CLOCK_TICKS = 100;
const START_TIMEOUT_MS = 60_000;
const POLL_MS = 20;

/** A port nothing listens on right now. */
export const freePort = () => new Promise((resolve) => {
  const s = createServer().listen(0, '127.0.0.1', () => {
    const { port } = s.address();
    s.close(() => resolve(port));
  });
});

const canConnect = (port) => new Promise((resolve) => {
  const s = connect(port, '127.0.0.1', () => {
    s.destroy();
    resolve(true);
  });
  s.on('error', () => resolve(false));
});

/**
 * Starts `node dist/src/main.js --port P --http-port 0 --data-dir D --models-dir M …extraArgs` and
 * resolves once it accepts connections (`startMs`: how long that took; `startCpuSeconds`: the CPU
 * it used meanwhile, which a loaded machine does not inflate as it does the wall time).
 * @param {{ dataDir: string, modelsDir: string, port?: number, extraArgs?: string[] }} options
 */
export async function startChildServer({ dataDir, modelsDir, port, extraArgs = [] }) {
  const listenPort = port ?? await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, [MAIN, '--host', '127.0.0.1', '--port', String(listenPort), '--http-port', '0',
    '--data-dir', dataDir, '--models-dir', modelsDir, ...extraArgs], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d) => { output += d; });
  child.stderr.on('data', (d) => { output += d; });
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const alive = () => child.exitCode === null && child.signalCode === null;
  for (;;) {
    if (!alive()) throw new Error(`server exited before listening:\n${output}`);
    if (await canConnect(listenPort)) break;
    if (performance.now() - started > START_TIMEOUT_MS) {
      child.kill('SIGKILL');
      throw new Error(`server did not listen within ${START_TIMEOUT_MS} ms:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
  const startMs = performance.now() - started;
  const cpuSeconds = () => {
    const fields = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  };
  return {
    port: listenPort,
    child,
    startMs,
    startCpuSeconds: cpuSeconds(),
    alive,
    exited,
    /** Everything it printed so far. */
    output: () => output,
    /** user+sys CPU seconds so far. */
    cpuSeconds,
    /** SIGKILL, and wait for the exit. */
    kill: async () => {
      if (alive()) child.kill('SIGKILL');
      await exited;
    },
    /** SIGTERM (graceful), and wait for the exit. */
    stop: async () => {
      if (alive()) child.kill('SIGTERM');
      return exited;
    },
  };
}
