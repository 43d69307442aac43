/**
 * Issue 10: SEARCH IMAGE takes driver parameters in the extended protocol — `text=$1`,
 * `image=$1` (a text) and `texts=$1` (a text[]: one similarity column per element, the statement
 * planned at Bind for the value) — through `pg` and psycopg 3; a SEARCH that scores rows
 * without an embedding says so in a NOTICE naming NULLS LAST; SEARCH without USING is a 42601
 * with a hint, not `model "" does not exist`.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { existsSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { startTutorialSession, type ClipServer } from './clip-fixture.js';

const TIMEOUT_MS = 120_000;
const SIM = 'tutorial_search_clip_clipen_similarity';
const PYTHON = '/usr/bin/python3';

type Session = Awaited<ReturnType<typeof startTutorialSession>>;

describe('SEARCH with driver parameters', { timeout: 4 * TIMEOUT_MS }, () => {
  let session: Session;
  let server: ClipServer;
  let client: Session['client'];
  before(async () => {
    session = await startTutorialSession('photos');
    ({ server, client } = session);
    await client.query("CONVERT USING tutorial_search_clip OPTIONS(image_col='image_path', table_name='photos') AS SELECT * FROM photos");
  }, { timeout: TIMEOUT_MS });
  after(async () => { await session?.close(); });

  const top = (rows: Record<string, unknown>[]) => rows.map((r) => r['image_path']);

  it('text=$1 and image=$1 give what the literals give', { timeout: TIMEOUT_MS }, async () => {
    const sql = (input: string) => `SELECT image_path, ${SIM}1 FROM (SEARCH IMAGE ${input} USING tutorial_search_clip AS SELECT * FROM photos) ORDER BY ${SIM}1 DESC, image_path LIMIT 5`;
    const literal = await client.query(sql("text='a black cat'"));
    const param = await client.query(sql('text=$1'), ['a black cat']);
    assert.deepEqual(param.rows, literal.rows);
    const path = literal.rows[0].image_path as string;
    const byImage = await client.query(sql('image=$1'), [path]);
    assert.deepEqual(byImage.rows, (await client.query(sql(`image='${path}'`))).rows);
    assert.ok(top(byImage.rows).includes(path));
  });

  it('texts=$1 (text[]) gives one similarity column per element, also in a named statement', { timeout: TIMEOUT_MS }, async () => {
    const select = `SELECT image_path, ${SIM}2 FROM (SEARCH IMAGE texts=$1 USING tutorial_search_clip AS SELECT * FROM photos) ORDER BY ${SIM}2 DESC, image_path LIMIT 3`;
    const literal = await client.query(select.replace('texts=$1', 'texts=["a black cat", "a red car"]'));
    // The outer query names similarity2: binding needs the array's length, known at Bind.
    const param = await client.query(select, [['a black cat', 'a red car']]);
    assert.deepEqual(param.rows, literal.rows);
    const all = `SELECT * FROM (SEARCH IMAGE texts=$1 USING tutorial_search_clip AS SELECT image_path FROM photos) LIMIT 1`;
    const named = { name: 'search_texts', text: all.replace('image_path FROM', 'image_path, tutorial_search_clip_clipen FROM') };
    const two = await client.query({ ...named, values: [['red', 'green']] });
    const three = await client.query({ ...named, values: [['red', 'green', 'blue']] });
    assert.deepEqual(two.fields.map((f) => f.name).slice(2), [`${SIM}1`, `${SIM}2`]);
    assert.deepEqual(three.fields.map((f) => f.name).slice(2), [`${SIM}1`, `${SIM}2`, `${SIM}3`]);
    assert.equal(Object.keys(three.rows[0]).length, 5);
    await assert.rejects(client.query(select, [[]]), { code: '22023' });
  });

  it('psycopg 3 passes text=%s and texts=%s (a list) as parameters', { timeout: TIMEOUT_MS, skip: !existsSync(PYTHON) && 'no /usr/bin/python3' }, async () => {
    const program = `
import json, sys, psycopg
with psycopg.connect(host='127.0.0.1', port=${server.port}, user='thanosql', dbname='thanosql') as conn:
    cur = conn.cursor()
    cur.execute("SELECT image_path FROM (SEARCH IMAGE text=%s USING tutorial_search_clip AS SELECT * FROM photos) ORDER BY ${SIM}1 DESC, image_path LIMIT 3", ['a black cat'])
    one = [r[0] for r in cur.fetchall()]
    cur.execute("SELECT * FROM (SEARCH IMAGE texts=%s USING tutorial_search_clip AS SELECT image_path, tutorial_search_clip_clipen FROM photos) LIMIT 1", [['red', 'green', 'blue']])
    names = [d.name for d in cur.description]
    print(json.dumps({'one': one, 'names': names}))
`;
    let out: string;
    try {
      // Asynchronously: the server runs in this process.
      out = (await promisify(execFile)(PYTHON, ['-c', program], { encoding: 'utf8', timeout: TIMEOUT_MS / 2 })).stdout;
    } catch (err) {
      const stderr = String((err as { stderr?: string }).stderr ?? '');
      if (/No module named 'psycopg'/.test(stderr)) return; // skipped where psycopg 3 is not installed
      throw err;
    }
    const result = JSON.parse(out) as { one: string[]; names: string[] };
    const expected = await client.query(`SELECT image_path FROM (SEARCH IMAGE text='a black cat' USING tutorial_search_clip AS SELECT * FROM photos) ORDER BY ${SIM}1 DESC, image_path LIMIT 3`);
    assert.deepEqual(result.one, top(expected.rows));
    assert.deepEqual(result.names.slice(2), [`${SIM}1`, `${SIM}2`, `${SIM}3`]);
  });

  it('NULL similarities get a NOTICE naming NULLS LAST', { timeout: TIMEOUT_MS }, async () => {
    await client.query('CREATE TABLE mixed AS SELECT image_path, tutorial_search_clip_clipen FROM photos LIMIT 5');
    await client.query("INSERT INTO mixed (image_path) VALUES ('never-converted.jpg')");
    const told: { message?: string; hint?: string }[] = [];
    const listener = (n: { message?: string; hint?: string }) => { if (/NULL similarities/.test(n.message ?? '')) told.push(n); };
    client.on('notice', listener);
    try {
      const res = await client.query(`SELECT image_path FROM (SEARCH IMAGE text='a red car' USING tutorial_search_clip AS SELECT * FROM mixed) ORDER BY ${SIM}1 DESC LIMIT 2`);
      assert.equal(res.rows[0].image_path, 'never-converted.jpg', "SQL's rule stays: NULLs first for DESC");
      assert.equal(told.length, 1, 'one NOTICE per statement');
      assert.match(told[0]!.hint ?? '', new RegExp(`ORDER BY ${SIM}1 DESC NULLS LAST`));
      told.length = 0;
      await client.query(`SELECT count(*) FROM (SEARCH IMAGE text='a red car' USING tutorial_search_clip AS SELECT * FROM photos)`);
      assert.equal(told.length, 0, 'no NOTICE when every row has an embedding');
    } finally {
      client.off('notice', listener);
    }
  });

  it('SEARCH without USING: 42601 with a hint, not model ""', { timeout: TIMEOUT_MS }, async () => {
    const err = await client.query("SELECT * FROM (SEARCH IMAGE text='a black cat' AS SELECT * FROM photos) LIMIT 1")
      .then(() => undefined, (e: Error & { code?: string; hint?: string; position?: string }) => e);
    // Its code and message: test/sql/thanosql/dialect-forms.slt. Here: the hint and the position.
    assert.equal(err?.code, '42601');
    assert.match(err!.hint ?? '', /USING tutorial_search_clip/);
    assert.equal(Number(err!.position), "SELECT * FROM (SEARCH IMAGE text='a black cat' ".length + 1);
  });
});
