/**
 * The "Search image by text" tutorial, statement for statement as published (PRINT IMAGE aside:
 * its engineer tests it), through psql and through `pg`, with `tutorial_search_clip` bound to the
 * colour TEST model and the built-in sample data. Checks the answers: darkest pictures first for
 * "a black cat", reddest for "a red car", the tutorial's column names, and the stored column.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { describePsql, psql } from '../harness/psql.js';
import { BIND_TUTORIAL_MODEL, pgClient, startClipServer, type ClipServer } from './clip-fixture.js';

const TIMEOUT_MS = 120_000;

const COPY = `COPY unsplash_data
OPTIONS(overwrite=True)
FROM "tutorial_data/unsplash_data/unsplash.csv"`;

const CHECK = `SELECT photo_id, image_path, photo_image_url, photo_description, ai_description
FROM unsplash_data
LIMIT 5`;

const CONVERT = `CONVERT USING tutorial_search_clip
OPTIONS (
    image_col="image_path",
    table_name="unsplash_data",
    batch_size=128
    )
AS
SELECT *
FROM unsplash_data`;

const SEARCH = `SEARCH IMAGE text="a black cat"
USING tutorial_search_clip
AS
SELECT *
FROM unsplash_data`;

const topFive = (text: string) => `SELECT image_path, tutorial_search_clip_clipen_similarity1
FROM (
    SEARCH IMAGE text="${text}"
    USING tutorial_search_clip
    AS
    SELECT *
    FROM unsplash_data
    )
ORDER BY tutorial_search_clip_clipen_similarity1 DESC
LIMIT 5`;

const SIM = 'tutorial_search_clip_clipen_similarity1';
const EMBEDDING = 'tutorial_search_clip_clipen';

/** image_path → dominant colour word (the sample's photo_description is "A <colour> <subject> …"). */
function colours(rows: readonly { image_path: string; photo_description: string }[]): Map<string, string> {
  return new Map(rows.map((r) => [r.image_path, r.photo_description.split(' ')[1]!]));
}

describe('tutorial: search image by text', { timeout: 4 * TIMEOUT_MS }, () => {
  let server: ClipServer;
  before(async () => { server = await startClipServer(); }, { timeout: TIMEOUT_MS });
  after(async () => { await server?.close(); });

  it('runs verbatim through psql', { timeout: TIMEOUT_MS }, async () => {
    const run = async (sql: string) => {
      const out = await psql(server, ['-A', '-F', '|', '-c', sql]);
      assert.equal(out.status, 0, describePsql(out));
      return out;
    };
    await run(BIND_TUTORIAL_MODEL);
    assert.equal((await run(COPY)).stdout, 'COPY 54\n');
    const check = await run(CHECK);
    assert.match(check.stdout, /^photo_id\|image_path\|photo_image_url\|photo_description\|ai_description\n/);
    assert.match(check.stdout, /\(5 rows\)\n$/);
    const convert = await run(CONVERT);
    assert.match(convert.stdout.split('\n')[0]!, new RegExp(`\\|${EMBEDDING}$`));
    assert.match(convert.stdout, /\(54 rows\)\n$/);
    assert.match(convert.stderr, /NOTICE: {2}model "tutorial_search_clip" is the TEST model/);
    // The opening line says what is coming (one batch of the 54 sample images: no lines between)
    // and how to keep the embeddings off the screen.
    assert.match(convert.stderr, /NOTICE: {2}CONVERT: embedding 54 images with tutorial_search_clip in \d+ batches of up to \d+; progress after each batch, at most every 3 s\nDETAIL: {2}.*SET thanosql\.convert_result = 'summary' returns one row of counts instead\n/);
    assert.match(convert.stderr, /NOTICE: {2}CONVERT: embedded 54 images/);
    const search = await run(SEARCH);
    assert.match(search.stdout.split('\n')[0]!, new RegExp(`\\|${EMBEDDING}\\|${SIM}$`));
    assert.match(search.stdout, /\(54 rows\)\n$/);
    const top = await run(topFive('a black cat'));
    const lines = top.stdout.trim().split('\n');
    assert.equal(lines[0], `image_path|${SIM}`);
    assert.equal(lines.at(-1), '(5 rows)');
    const described = await psql(server, ['-A', '-t', '-F', '|', '-c', 'SELECT image_path, photo_description FROM unsplash_data']);
    const colourOf = colours(described.stdout.trim().split('\n').map((l) => {
      const [image_path, photo_description] = l.split('|');
      return { image_path: image_path!, photo_description: photo_description! };
    }));
    const paths = lines.slice(1, 6).map((l) => l.split('|')[0]!);
    assert.deepEqual(paths.map((p) => colourOf.get(p)), ['black', 'black', 'black', 'black', 'black']);
    const stored = await run(`SELECT pg_typeof(${EMBEDDING})::text, array_length(${EMBEDDING}, 1) FROM unsplash_data LIMIT 1`);
    assert.match(stored.stdout, /real\[\]\|32\n/);
  });

  it('runs verbatim through pg and ranks by colour words', { timeout: TIMEOUT_MS }, async () => {
    const { client, notices } = await pgClient(server.port);
    try {
      await client.query(BIND_TUTORIAL_MODEL);
      assert.equal((await client.query(COPY)).rowCount, 54);
      assert.equal((await client.query(CHECK)).rows.length, 5);
      const converted = await client.query(CONVERT);
      assert.equal(converted.rows.length, 54);
      assert.equal(converted.fields.at(-1)!.name, EMBEDDING);
      assert.equal(converted.fields.at(-1)!.dataTypeID, 1021); // real[]
      assert.ok(notices.some((n) => n.message.includes('TEST model')));
      const searched = await client.query(SEARCH);
      assert.equal(searched.rows.length, 54);
      assert.deepEqual(searched.fields.slice(-2).map((f) => f.name), [EMBEDDING, SIM]);
      assert.equal(searched.fields.at(-1)!.dataTypeID, 701); // double precision
      const colourOf = colours((await client.query('SELECT image_path, photo_description FROM unsplash_data')).rows);
      for (const [text, colour] of [['a black cat', 'black'], ['a red car', 'red']] as const) {
        const top = await client.query(topFive(text));
        assert.deepEqual(top.fields.map((f) => f.name), ['image_path', SIM]);
        assert.deepEqual(top.rows.map((r: { image_path: string }) => colourOf.get(r.image_path)), Array(5).fill(colour), text);
        const sims = top.rows.map((r: Record<string, number>) => r[SIM]!);
        assert.deepEqual(sims, [...sims].sort((a, b) => b - a));
      }
      const stored = await client.query(`SELECT ${EMBEDDING} FROM unsplash_data`);
      assert.equal(stored.rows.length, 54);
      for (const row of stored.rows as { [EMBEDDING]: number[] }[]) {
        assert.equal(row[EMBEDDING].length, 32);
        const norm = Math.hypot(...row[EMBEDDING]);
        assert.ok(Math.abs(norm - 1) < 1e-4, `embedding norm ${norm}`);
      }
    } finally {
      await client.end();
    }
  });
});
