/**
 * The README's notebook recipe, run as written with Debian's Python: pandas `read_sql` over a
 * SQLAlchemy engine (psycopg2), a SEARCH with a driver parameter, and `image_url()` giving the
 * URLs a notebook shows inline (fetched here to check they serve the pictures). Skipped, saying
 * so, where python3-pandas is missing (.ci/run installs it).
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import type { RunningServer } from '../../src/main.js';
import { startServer } from '../../src/main.js';
import { BIND_TUTORIAL_MODEL, makeClipDirs, pgClient } from './clip-fixture.js';
import { rmSync } from 'node:fs';

const PYTHON = '/usr/bin/python3';
const probe = spawnSync(PYTHON, ['-c', 'import pandas, sqlalchemy, psycopg2'], { encoding: 'utf8' });
const skip = probe.status === 0 || process.env.CI ? false : `${PYTHON} lacks pandas/sqlalchemy/psycopg2 (apt-get install python3-pandas python3-sqlalchemy python3-psycopg2)`;
if (skip) console.log(`# notebook-pandas: skipped, ${skip}`);

/** The recipe's Python, as the README shows it (the port comes from the environment). */
const RECIPE = `
import json, os
import pandas as pd
from sqlalchemy import create_engine, text
engine = create_engine(f"postgresql+psycopg2://thanosql@127.0.0.1:{os.environ['PGPORT']}/thanosql")
df = pd.read_sql(text("""
    SELECT photo_id, image_url(image_path) AS picture, tutorial_search_clip_clipen_similarity1 AS score
    FROM (SEARCH IMAGE text=:q USING tutorial_search_clip AS SELECT * FROM unsplash_data)
    ORDER BY score DESC NULLS LAST LIMIT 5"""), engine, params={"q": "a red car"})
print(json.dumps({"columns": list(df.columns), "rows": df.to_dict(orient="records")}))
`;

describe('notebook recipe: pandas read_sql and image_url', { skip, timeout: 180_000 }, () => {
  let dirs: { dataDir: string; modelsDir: string };
  let server: RunningServer;

  before(async () => {
    dirs = await makeClipDirs();
    server = await startServer({ host: '127.0.0.1', port: 0, ...dirs, log: () => {} });
    const { client } = await pgClient(server.port);
    await client.query(BIND_TUTORIAL_MODEL);
    await client.query(`COPY unsplash_data OPTIONS(overwrite=True) FROM 'tutorial_data/unsplash_data/unsplash.csv'`);
    await client.query(`CONVERT USING tutorial_search_clip OPTIONS(image_col='image_path', table_name='unsplash_data') AS SELECT * FROM unsplash_data`);
    await client.end();
  }, { timeout: 120_000 });
  after(async () => {
    await server?.close();
    if (dirs) for (const dir of Object.values(dirs)) rmSync(dir, { recursive: true, force: true });
  });

  it('read_sql returns the ranked rows with image URLs that serve the pictures', { timeout: 120_000 }, async () => {
    // Not spawnSync: the in-process server's main thread relays the sockets and must keep turning.
    const run = await new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn(PYTHON, ['-c', RECIPE], { env: { ...process.env, PGPORT: String(server.port) } });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.once('close', (status) => resolve({ status, stdout, stderr }));
    });
    assert.equal(run.status, 0, run.stderr);
    const out = JSON.parse(run.stdout) as { columns: string[]; rows: { photo_id: string; picture: string; score: number }[] };
    assert.deepEqual(out.columns, ['photo_id', 'picture', 'score']);
    assert.equal(out.rows.length, 5);
    const scores = out.rows.map((r) => r.score);
    assert.deepEqual(scores, [...scores].sort((a, b) => b - a));
    for (const row of out.rows) {
      assert.ok(row.picture.startsWith(`${server.http!.url}/images/`), row.picture);
      const reply = await fetch(row.picture);
      assert.equal(reply.status, 200);
      assert.match(reply.headers.get('content-type') ?? '', /^image\//);
    }
  });
});
