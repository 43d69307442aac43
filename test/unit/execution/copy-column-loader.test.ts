/**
 * COPY … (FORMAT csv, and text) through the column loader and through the row path give the same rows,
 * however the input is cut into CopyData messages: a record split anywhere (within a field, a
 * doubled quote, a UTF-8 character, right after the line feed), the hand-over to the row path
 * at a record that straddles two messages, a header split across messages. The row path is
 * forced by a CHECK constraint (a check that reads rows), which the loader never takes.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SqlHarness } from './sql-harness.js';

const COLUMNS = '(i int, f float8, b bool, t timestamp, x text, n numeric)';
const PLAIN = Array.from({ length: 30 }, (_, k) => `${k},${k / 3},${k % 2 === 0},2024-01-0${1 + (k % 9)} 10:00:0${k % 10}.5,"q ""${k}"", é",${k}.25`);
const NOT_PLAIN = '30,1,t,2024-01-01 00:00:00,"two\nlines",1';
const TAIL = ['31,,,,,', '32, 7 ,TRUE,Jan 3 2024,plain,-1', '33,1e3,f,2024-01-01 00:00:00,"",0'];

function chunks(text: string, size: number): Uint8Array[] {
  const bytes = new TextEncoder().encode(text);
  const out: Uint8Array[] = [];
  for (let at = 0; at < bytes.length; at += size) out.push(bytes.slice(at, at + size));
  return out;
}

describe('COPY FROM STDIN (FORMAT csv): column loader and row path agree at every cut', () => {
  let db: SqlHarness;
  before(async () => {
    db = await SqlHarness.open();
    await db.run(`CREATE TABLE loaded ${COLUMNS}`);
    await db.run(`CREATE TABLE rowwise ${COLUMNS.replace(/\)$/, ', CHECK (true))')}`);
  });
  after(async () => db.close());

  async function both(text: string, options: string, size: number, format = 'csv'): Promise<void> {
    await db.run('TRUNCATE loaded');
    await db.run('TRUNCATE rowwise');
    const a = await db.run(`COPY loaded FROM STDIN (FORMAT ${format}${options})`, { copyChunks: chunks(text, size) });
    const b = await db.run(`COPY rowwise FROM STDIN (FORMAT ${format}${options})`, { copyIn: text });
    assert.equal(a.tag, b.tag, `size ${size}`);
    assert.deepEqual(await db.rows('SELECT * FROM loaded ORDER BY i'), await db.rows('SELECT * FROM rowwise ORDER BY i'), `size ${size}`);
  }

  it('plain records, then a hand-over, at every message size from 1 to 64 bytes', async () => {
    const text = `${[...PLAIN, NOT_PLAIN, ...TAIL].join('\n')}\n`;
    for (let size = 1; size <= 64; size++) await both(text, '', size);
    await both(text, '', text.length);
  });

  it('a header, and a last record without a line feed', async () => {
    const text = `i,f,b,t,x,n\n${PLAIN.join('\n')}`;
    for (const size of [1, 3, 7, 12, 13, 50]) await both(text, ', HEADER', size);
  });

  it('text format: plain records, \\N, then a backslash escape hands over, at every size from 1 to 40', async () => {
    const rows = Array.from({ length: 30 }, (_, k) => `${k}\t${k / 3}\t${k % 3 === 0 ? '\\N' : 't'}\t2024-01-02 10:00:00\tx ${k} é\t${k}.5`);
    const text = `${[...rows, '30\t1\tf\t\\N\ttab\\there\t1', '31\t\\N\t\\N\t\\N\t\\N\t\\N'].join('\n')}\n`;
    for (let size = 1; size <= 40; size++) await both(text, '', size, 'text');
    await both(text.replaceAll('\\N', 'NA'), ", NULL 'NA'", 17, 'text');
    await both(`i\tf\tb\tt\tx\tn\n${text}`, ', HEADER', 11, 'text');
  });

  it('a byte-order mark after an empty first message is dropped as the row path drops it', async () => {
    const text = '\ufeffbom,1\nplain,2\n';
    await db.run('TRUNCATE loaded');
    await db.run('TRUNCATE rowwise');
    await db.run('COPY loaded (x, i) FROM STDIN (FORMAT csv)', { copyChunks: [new Uint8Array(0), ...chunks(text, 3)] });
    await db.run('COPY rowwise (x, i) FROM STDIN (FORMAT csv)', { copyIn: text });
    assert.deepEqual(await db.rows('SELECT x, i FROM loaded ORDER BY i'), [['bom', 1], ['plain', 2]]);
    assert.deepEqual(await db.rows('SELECT x, i FROM rowwise ORDER BY i'), [['bom', 1], ['plain', 2]]);
  });

  it('a failing record after plain ones stores nothing and names its line', async () => {
    const text = `${PLAIN.join('\n')}\n31,x,t,,,\n`;
    for (const size of [1, 9, 1000]) {
      await db.run('TRUNCATE loaded');
      await assert.rejects(db.run('COPY loaded FROM STDIN (FORMAT csv)', { copyChunks: chunks(text, size) }),
        (err: Error & { code?: string; fields?: { where?: string } }) => err.code === '22P02' && err.fields?.where === 'COPY loaded, line 31, column f: "x"');
      assert.deepEqual(await db.rows('SELECT count(*) FROM loaded'), [['0n']]);
    }
  });
});
