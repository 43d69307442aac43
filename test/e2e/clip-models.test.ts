/**
 * BUILD / LIST / DELETE MODEL through `pg`, across server restarts, and what a missing model
 * says: offline → 58P01 naming the files with a hint; an unreachable hub → 58P01 within seconds.
 */
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { makeClipDirs, pgClient, startClipServer, TEST_MODEL_DIR, type ClipServer } from './clip-fixture.js';

const TIMEOUT_MS = 60_000;
/** "Fails fast": the probe's own timeout is 10 s; a refused connection must beat it easily. */
const FAST_FAILURE_MS = 5_000;

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('model statements', { timeout: 6 * TIMEOUT_MS }, () => {
  let dirs: { dataDir: string; modelsDir: string };
  let server: ClipServer;
  before(async () => {
    dirs = await makeClipDirs();
    server = await startClipServer(dirs);
  }, { timeout: TIMEOUT_MS });
  after(async () => { await server?.close(); });

  const withClient = async <T>(fn: (c: Awaited<ReturnType<typeof pgClient>>['client']) => Promise<T>): Promise<T> => {
    const { client } = await pgClient(server.port);
    try { return await fn(client); } finally { await client.end(); }
  };
  const list = () => withClient(async (c) => (await c.query('LIST MODEL')).rows as Record<string, string>[]);
  /** Restarts the server with `env` set: its engine threads read the environment when they start. */
  const restartWith = async (env: Record<string, string>) => {
    Object.assign(process.env, env);
    try {
      await server.stop();
      server = await startClipServer(dirs);
    } finally {
      for (const name of Object.keys(env)) delete process.env[name];
    }
  };

  it('has tutorial_search_clip out of the box, not downloaded', { timeout: TIMEOUT_MS }, async () => {
    const rows = await list();
    assert.deepEqual(rows.map((r) => [r['name'], r['base'], r['variant'], r['state'], r['dimension']]),
      [['tutorial_search_clip', 'clipen', 'fp32', 'not downloaded', null]]);
    assert.equal(rows[0]!['path'], `${dirs.modelsDir}/clipen`);
  });

  // Lower-casing, 42710 unless overwrite, missing variants (58P01), unknown bases (0A000), bad
  // variants (22023) and paths climbing out (42501): test/sql/thanosql/models.slt. Here: what
  // names this server's directories, and the hints.
  it('BUILD records the path it resolved, takes an absolute one inside the models directory, and hints at the TEST model', { timeout: TIMEOUT_MS }, async () => {
    await withClient(async (c) => {
      const built = await c.query(`BUILD MODEL MyClip USING CLIPEn OPTIONS(model_path='${TEST_MODEL_DIR}')`);
      assert.deepEqual(built.rows, [{ name: 'myclip', base: 'clipen', path: `${dirs.modelsDir}/${TEST_MODEL_DIR}`, variant: 'fp32', state: 'test model', dimension: 32 }]);
      await c.query(`BUILD MODEL myclip USING clipen OPTIONS(model_path='${dirs.modelsDir}/${TEST_MODEL_DIR}', overwrite=True)`);
      // Issue 10: a user directory is never downloaded, so its hint offers no download but the offline TEST model.
      const nofiles = await c.query("BUILD MODEL nofiles USING clipen OPTIONS(model_path='nowhere')")
        .then(() => undefined, (e: Error & { code?: string; hint?: string }) => e);
      assert.equal(nofiles?.code, '58P01');
      assert.match(nofiles!.message, /nowhere does not exist .*config\.json.*onnx\/vision_model\.onnx/);
      assert.match(nofiles!.hint ?? '', new RegExp(`npm run make-test-model -- ${dirs.modelsDir}/nowhere`));
      assert.doesNotMatch(nofiles!.hint ?? '', /download|fetch/i);
      // The data directory itself is outside the models directory; the hint names the server option.
      await assert.rejects(c.query(`BUILD MODEL probe USING clipen OPTIONS(model_path='${dirs.dataDir}')`),
        (err: Error & { code?: string; hint?: string }) => err.code === '42501' && /--allow-absolute-paths/.test(err.hint ?? ''));
    });
  });

  it('registrations persist across a restart; DELETE removes one (42704 when missing), files stay', { timeout: TIMEOUT_MS }, async () => {
    await server.stop();
    server = await startClipServer(dirs);
    assert.deepEqual((await list()).map((r) => r['name']), ['myclip', 'tutorial_search_clip']);
    await withClient(async (c) => {
      assert.equal((await c.query('DELETE MODEL MYCLIP')).rows[0].name, 'myclip');
      await assert.rejects(c.query('DELETE MODEL myclip'), { code: '42704' });
    });
    await server.stop();
    server = await startClipServer(dirs);
    assert.deepEqual((await list()).map((r) => r['name']), ['tutorial_search_clip']);
  });

  it('a missing model offline fails with 58P01 naming the files and how to place them', { timeout: TIMEOUT_MS }, async () => {
    await restartWith({ THANOSQL_OFFLINE: '1' });
    {
      await withClient(async (c) => {
        await c.query("COPY unsplash_data OPTIONS(overwrite=True) FROM 'tutorial_data/unsplash_data/unsplash.csv'");
        const err = await c.query("CONVERT USING tutorial_search_clip OPTIONS(image_col='image_path', table_name='unsplash_data') AS SELECT * FROM unsplash_data")
          .then(() => undefined, (e: Error & { code?: string; hint?: string }) => e);
        assert.equal(err?.code, '58P01');
        assert.match(err!.message, /config\.json.*tokenizer\.json.*onnx\/text_model\.onnx.*onnx\/vision_model\.onnx/);
        assert.match(err!.hint ?? '', /offline/);
        assert.match(err!.hint ?? '', /huggingface\.co\/Xenova\/clip-vit-base-patch32/);
        // Issue 10: the offline path is named, ready to paste.
        assert.match(err!.hint ?? '', new RegExp(`npm run make-test-model -- ${dirs.modelsDir}/test-clip, then ` +
          "BUILD MODEL tutorial_search_clip USING clipen OPTIONS\\(model_path='test-clip', overwrite=True\\)"));
        const columns = await c.query("SELECT * FROM unsplash_data LIMIT 1");
        assert.ok(!columns.fields.some((f) => f.name === 'tutorial_search_clip_clipen'), 'nothing was written');
      });
    }
  });

  it('an unreachable hub fails fast with 58P01', { timeout: TIMEOUT_MS }, async () => {
    await restartWith({ HF_ENDPOINT: `http://127.0.0.1:${await closedPort()}` });
    {
      await withClient(async (c) => {
        const started = Date.now();
        const err = await c.query("SEARCH IMAGE text='a red car' USING tutorial_search_clip AS SELECT image_path, NULL::real[] AS tutorial_search_clip_clipen FROM unsplash_data")
          .then(() => undefined, (e: Error & { code?: string; hint?: string }) => e);
        assert.equal(err?.code, '58P01');
        assert.match(err!.hint ?? '', /could not reach http:\/\/127\.0\.0\.1/);
        assert.ok(Date.now() - started < FAST_FAILURE_MS, `took ${Date.now() - started} ms`);
      });
    }
  });
});
