/** COPY FROM STDIN / TO STDOUT and ThanoSQL file COPY: formats, line-numbered errors, atomicity, paths. */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { SqlError } from '../../../src/common/sql-error.js';
import { SqlHarness } from './sql-harness.js';

async function rejectsWith(promise: Promise<unknown>, code: string, detail?: RegExp): Promise<void> {
  await assert.rejects(promise, (err: unknown) => {
    assert.ok(err instanceof SqlError, String(err));
    assert.equal(err.code, code, err.message);
    if (detail) assert.match(`${err.message} ${err.fields.where ?? ''}`, detail);
    return true;
  });
}

describe('COPY', () => {
  let db: SqlHarness;
  before(async () => {
    db = await SqlHarness.open();
    await db.run('CREATE TABLE c (id int NOT NULL, name text, d date)');
  });
  after(async () => db.close());

  it('loads text format from STDIN', async () => {
    const r = await db.run('COPY c FROM STDIN', { copyIn: '1\tone\t2024-01-02\n2\t\\N\t\\N\n\\.\n' });
    assert.equal(r.tag, 'COPY 2');
    assert.deepEqual(await db.rows('SELECT id, name FROM c ORDER BY id'), [[1, 'one'], [2, null]]);
  });

  it('loads CSV with a header and a column list', async () => {
    const r = await db.run('COPY c (name, id) FROM STDIN WITH (FORMAT csv, HEADER true)', { copyIn: 'name,id\n"a,b",3\n,4\n' });
    assert.equal(r.tag, 'COPY 2');
    assert.deepEqual(await db.rows('SELECT id, name FROM c WHERE id >= 3 ORDER BY id'), [[3, 'a,b'], [4, null]]);
  });

  it('reports the line of a bad row and leaves the table unchanged', async () => {
    await rejectsWith(db.run('COPY c FROM STDIN', { copyIn: '5\tfive\t\\N\nx\tsix\t\\N\n' }), '22P02', /line 2/);
    await rejectsWith(db.run('COPY c FROM STDIN', { copyIn: '5\tfive\n' }), '22P04', /missing data for column "d".*line 1/);
    await rejectsWith(db.run('COPY c FROM STDIN', { copyIn: '5\tfive\t\\N\textra\n' }), '22P04', /extra data after last expected column/);
    assert.deepEqual(await db.rows('SELECT count(*) FROM c'), [['4n']]);
  });

  it('writes text and CSV to STDOUT', async () => {
    db.copyOut.length = 0;
    const r = await db.run('COPY (SELECT id, name FROM c WHERE id <= 3 ORDER BY id) TO STDOUT');
    assert.equal(r.tag, 'COPY 3');
    assert.equal(db.copyOut.join(''), '1\tone\n2\t\\N\n3\ta,b\n');
    db.copyOut.length = 0;
    await db.run('COPY c (id, name) TO STDOUT WITH (FORMAT csv, HEADER true)');
    assert.match(db.copyOut.join(''), /^id,name\n1,one\n2,\n3,"a,b"\n4,\n$/);
  });

  it('ThanoSQL COPY creates a table from a CSV file with inferred types', async () => {
    writeFileSync(join(db.dir, 'photos.csv'), 'Id,Title,Score,Taken\n1,cat,0.5,2024-01-01\n2,"dog, big",1.25,2024-02-03\n');
    const r = await db.run('COPY photos FROM "photos.csv"');
    assert.equal(r.tag, 'COPY 2');
    const q = await db.run('SELECT * FROM photos ORDER BY id');
    assert.deepEqual(q.columns!.map((c) => `${c.name}:${c.type.id}`), ['id:int4', 'title:text', 'score:float8', 'taken:date']);
    await rejectsWith(db.run('COPY photos FROM "photos.csv"'), '42P07');
    await assert.rejects(db.run('COPY photos FROM "photos.csv"'), (err: SqlError) => /overwrite=True/.test(err.fields.hint ?? ''));
    writeFileSync(join(db.dir, 'photos.csv'), 'id,title\n7,seven\n');
    assert.equal((await db.run('COPY photos OPTIONS(overwrite=True) FROM "photos.csv"')).tag, 'COPY 1');
    assert.deepEqual(await db.rows('SELECT * FROM photos'), [[7, 'seven']]);
  });

  it('ThanoSQL COPY refuses missing files, escaping paths and bad rows', async () => {
    await rejectsWith(db.run('COPY x FROM "missing.csv"'), '58P01', /could not open file "missing.csv" for reading: No such file or directory/);
    await rejectsWith(db.run('COPY x FROM "/etc/passwd"'), '42501');
    await rejectsWith(db.run('COPY x FROM "../outside.csv"'), '42501');
    writeFileSync(join(db.dir, 'bad.csv'), 'a,b\n1,2\n3\n');
    await rejectsWith(db.run('COPY bad FROM "bad.csv"'), '22P04', /line 3/);
    await rejectsWith(db.run('SELECT * FROM bad'), '42P01');
  });
});
