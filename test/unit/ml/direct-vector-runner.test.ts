/**
 * An engine thread reaches the vector workers over direct ports (pool/direct-vector-runner.ts):
 * here the "engine thread" is this thread, talking to a PoolHost through a MessageChannel as
 * server/engine-thread-entry.ts does. Vector tasks are answered by the worker they name without
 * one `run` request reaching the host (it only hands out the ports, once); when the workers exit
 * the runner connects again and the next task is answered by fresh ones (one sent before the
 * exit was seen fails with its port); a worker's failure comes back as its answer.
 */
import assert from 'node:assert/strict';
import { MessageChannel } from 'node:worker_threads';
import { after, describe, it } from 'node:test';
import { PoolHost } from '../../../src/ml/inference/pool/pool-host.js';
import type { PoolRequest } from '../../../src/ml/inference/pool/pool-messages.js';
import type { PoolSpec } from '../../../src/ml/inference/pool/pool-runner.js';
import { remotePoolRunners } from '../../../src/ml/inference/pool/remote-pool-runner.js';

const VECTORS: PoolSpec = { kind: 'vector', modelDir: '', variant: 'fp32', intraOpNumThreads: 1, workers: 2 };
type Stats = { groups: number; bytes: number; memoryBytes: number };

describe('direct ports to the vector workers', () => {
  const host = new PoolHost();
  const { port1, port2 } = new MessageChannel();
  host.serve(port1);
  const requests: PoolRequest['t'][] = [];
  port1.on('message', (r: PoolRequest) => requests.push(r.t));
  const runners = remotePoolRunners(port2);
  after(async () => {
    await host.close();
    port1.close();
  });

  it('each worker answers its own tasks; the host only connects, once', async () => {
    const runner = runners(VECTORS);
    for (let i = 0; i < 6; i++) {
      const stats = (await runner.run('cacheStats', { worker: i % 2 })) as Stats;
      assert.equal(stats.groups, 0);
      assert.ok(stats.memoryBytes > 0);
    }
    const answers = await Promise.all([0, 1, 0, 1].map((worker) => runner.run('cacheStats', { worker })));
    assert.equal(answers.length, 4);
    assert.deepEqual(requests, ['connect']);
    assert.equal(runners(VECTORS), runner, 'one runner per spec');
  });

  it('after the workers exit, the next task connects again and is answered', async () => {
    const runner = runners(VECTORS);
    await runner.run('cacheStats', { worker: 1 });
    // Whether it runs before the exit or not, it settles (answered, or rejected as its port closes).
    const racing = runner.run('cacheStats', { worker: 0 }).then(() => 'answered', () => 'rejected');
    await host.pools.retire(VECTORS); // the workers exit between tasks
    assert.match(await racing, /answered|rejected/);
    // A task sent before this thread has seen the old port close fails with that port, once.
    let failures = 0;
    let stats: Stats | undefined;
    while (stats === undefined && failures < 2) {
      try {
        stats = (await runner.run('cacheStats', { worker: 0 })) as Stats;
      } catch (err) {
        assert.match((err as Error).message, /vector worker exited/);
        failures++;
      }
    }
    assert.equal(stats?.groups, 0, 'answered by a fresh worker (empty cache)');
    assert.ok(failures <= 1);
    assert.equal(requests.filter((t) => t === 'connect').length, 2);
  });

  it('an unknown task fails in the worker and is reported, not lost', async () => {
    const reply = (await runners(VECTORS).run('noSuchTask', { worker: 1 })) as { ok: boolean; message: string };
    assert.equal(reply.ok, false);
    assert.match(reply.message, /unknown vector task noSuchTask/);
  });
});
