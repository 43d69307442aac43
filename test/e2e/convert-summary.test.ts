/**
 * Issue 10, results that fit a terminal: `SET thanosql.convert_result = 'summary'` makes a
 * CONVERT statement return one row of counts instead of every row with its embedding (the
 * default stays ThanoSQL's rows; a CONVERT nested in a query keeps its rows); the embedding
 * column carries a comment (width, model, when) that psql's `\d+` shows; LIST MODEL gives the
 * embedding width. Through `pg` and psql, on the TEST model.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { psql, psqlAvailable } from '../harness/psql.js';
import { startTutorialSession } from './clip-fixture.js';

const TIMEOUT_MS = 120_000;
const EMB = 'tutorial_search_clip_clipen';
const CONVERT = `CONVERT USING tutorial_search_clip OPTIONS(image_col='image_path', table_name='photos') AS SELECT * FROM photos`;
/** Sample pictures in the built-in data set. */
const SAMPLE_ROWS = 54;

type Session = Awaited<ReturnType<typeof startTutorialSession>>;

describe('CONVERT summary, embedding column comments, LIST MODEL width', { timeout: 4 * TIMEOUT_MS }, () => {
  let session: Session;
  let client: Session['client'];
  const notices: { message: string; detail: string }[] = [];
  before(async () => {
    session = await startTutorialSession('photos');
    client = session.client;
    client.on('notice', (n) => notices.push({ message: n.message ?? '', detail: n.detail ?? '' }));
  }, { timeout: TIMEOUT_MS });
  after(async () => { await session?.close(); });

  it('by default CONVERT returns every row with its embedding (ThanoSQL\'s result)', { timeout: TIMEOUT_MS }, async () => {
    const res = await client.query(CONVERT);
    assert.equal(res.rows.length, SAMPLE_ROWS);
    assert.equal(res.fields.at(-1)!.name, EMB);
  });

  it("a CONVERT nested in a query keeps its rows, so its opening NOTICE offers no summary row", { timeout: TIMEOUT_MS }, async () => {
    // The summary row itself (counts, skipped, stored) is tested in SQL: test/sql/thanosql/convert.slt.
    notices.length = 0;
    await client.query(`CREATE TABLE three AS SELECT * FROM (CONVERT USING tutorial_search_clip AS SELECT image_path FROM photos WHERE image_path LIKE '%.jpg' LIMIT 3)`);
    assert.equal((await client.query(`SELECT count(${EMB}) AS n FROM three`)).rows[0].n, '3');
    const opening = notices.find((n) => n.message.startsWith('CONVERT: embedding'));
    assert.equal(opening?.message, 'CONVERT: embedding 3 images with tutorial_search_clip in 1 batch of up to 3; progress after each batch, at most every 3 s');
    assert.equal(opening?.detail, '');
  });

  it('psql: a summary CONVERT fits a terminal; \\d+ describes the embedding column', { timeout: TIMEOUT_MS, skip: !psqlAvailable() && 'psql not installed' }, async () => {
    const out = await psql(session.server, ['-c', "SET thanosql.convert_result = 'summary'", '-c', CONVERT]);
    assert.equal(out.status, 0, out.stderr);
    const lines = out.stdout.trim().split('\n');
    assert.ok(lines.length <= 6, out.stdout);
    assert.match(out.stdout, /tutorial_search_clip \| +54 \| +54 \| +0 \| +54 \| photos/);
    const described = await psql(session.server, ['-c', '\\d+ photos']);
    assert.equal(described.status, 0, described.stderr);
    assert.match(described.stdout, new RegExp(`${EMB} +\\| real\\[\\] .*\\| 32-d TEST-model \\(colours only, not CLIP\\) embedding of image_path by tutorial_search_clip \\(clipen fp32\\), CONVERT \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC`));
  });

  it('a mistyped value or name is refused when SET, not ignored by the next CONVERT', { timeout: TIMEOUT_MS }, async () => {
    await assert.rejects(client.query("SET thanosql.convert_result = 'sumary'"),
      { code: '22023', message: 'invalid value for parameter "thanosql.convert_result": "sumary"', hint: 'Available values: rows, summary.' });
    await assert.rejects(client.query("SET thanosql.convert_reslt = 'summary'"),
      { code: '42602', detail: '"thanosql" is a reserved prefix.' });
    const res = await client.query(CONVERT);
    assert.equal(res.rows.length, SAMPLE_ROWS, 'both refused SETs left the default: every row');
  });

  it('LIST MODEL shows the embedding width beside variant, state and path', { timeout: TIMEOUT_MS }, async () => {
    const res = await client.query('LIST MODEL');
    assert.deepEqual(res.fields.map((f) => f.name), ['name', 'base', 'path', 'variant', 'state', 'dimension']);
    const row = res.rows.find((r: { name: string }) => r.name === 'tutorial_search_clip');
    assert.equal(row.state, 'test model');
    assert.equal(row.dimension, 32);
    assert.match(row.path, /test-clip$/);
  });
});
