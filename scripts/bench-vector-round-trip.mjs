#!/usr/bin/env node
// A vector task's round trip from an engine thread (ml/README Decision 23): relayed through the
// main thread's PoolHost (four thread hops) against the direct port to the worker (two), in one
// run, alternating, with a tiny task (cacheStats) so only the hops are timed. Prints medians of
// `--rounds` rounds of `--tasks` sequential tasks and the load average; no assertions.
// Usage: npm run build && node scripts/bench-vector-round-trip.mjs [--rounds=15] [--tasks=300]
import { loadavg } from 'node:os';
import { MessageChannel, Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { PoolHost } from '../dist/src/ml/inference/pool/pool-host.js';
import { remotePoolRunners } from '../dist/src/ml/inference/pool/remote-pool-runner.js';

const arg = (name, fallback) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
const SPEC = { kind: 'vector', modelDir: '', variant: 'fp32', intraOpNumThreads: 1, workers: 2 };

if (isMainThread) {
  const host = new PoolHost();
  const { port1, port2 } = new MessageChannel();
  host.serve(port1);
  const engine = new Worker(new URL(import.meta.url), { workerData: { port: port2, rounds: arg('rounds', 15), tasks: arg('tasks', 300) }, transferList: [port2] });
  engine.on('message', (line) => console.log(line));
  engine.on('error', (err) => console.error(err));
  engine.on('exit', async () => {
    await host.close();
    port1.close();
  });
} else {
  // This thread plays an engine thread: `relayed` sends PoolHost 'run' requests as it did before.
  const { port, rounds, tasks } = workerData;
  const direct = remotePoolRunners(port)(SPEC);
  let nextId = 1;
  const waiting = new Map();
  port.on('message', (reply) => waiting.get(reply.id)?.(reply));
  port.ref(); // remotePoolRunners unrefs it (an engine thread's sockets keep it alive); this thread has nothing else
  const relayed = (task) => new Promise((resolve) => {
    const id = 1e9 + nextId++;
    waiting.set(id, resolve);
    port.postMessage({ t: 'run', id, spec: SPEC, name: 'cacheStats', task });
  });
  const time = async (run) => {
    const t = performance.now();
    for (let i = 0; i < tasks; i++) await run({ worker: i % 2 });
    return (performance.now() - t) / tasks;
  };
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  await time(relayed);
  await time((task) => direct.run('cacheStats', task));
  const ms = { relayed: [], direct: [] };
  for (let r = 0; r < rounds; r++) {
    ms.relayed.push(await time(relayed));
    ms.direct.push(await time((task) => direct.run('cacheStats', task)));
  }
  const [a, b] = [median(ms.relayed), median(ms.direct)];
  parentPort.postMessage(`round trip per task (ms, median of ${rounds} × ${tasks}): relayed ${a.toFixed(3)}, direct ${b.toFixed(3)}, ` +
    `direct ÷ relayed ${(b / a).toFixed(2)}; load ${loadavg()[0].toFixed(1)}`);
  port.close();
}
