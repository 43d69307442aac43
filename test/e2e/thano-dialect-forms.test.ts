/**
 * COPY's `if_exists='append'` with CSV files of its own (SQL cannot write them): the header's
 * columns, in any order and case, into the existing table, defaults for the rest, constraints
 * checked, all or nothing. The rest of the later ThanoSQL forms (Era D SEARCH, CONVERT's
 * result_col, if_exists with the sample CSV) is tested in SQL: test/sql/thanosql/
 * dialect-forms.slt, convert.slt and copy-options.slt.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startTutorialSession } from './clip-fixture.js';

const TIMEOUT_MS = 60_000;

describe("COPY if_exists='append' from files of its own", { timeout: 4 * TIMEOUT_MS }, () => {
  let session: Awaited<ReturnType<typeof startTutorialSession>>;
  before(async () => {
    session = await startTutorialSession('photos');
  }, { timeout: TIMEOUT_MS });
  after(async () => { await session?.close(); });

  it("COPY if_exists='append': the header's columns, defaults for the rest, constraints checked, all or nothing", { timeout: TIMEOUT_MS }, async () => {
    const { client } = session;
    const file = (name: string, text: string) => {
      writeFileSync(join(session.server.dataDir, name), text);
      return name;
    };
    await client.query(`CREATE TABLE tagged (id int PRIMARY KEY, label text NOT NULL DEFAULT 'none', n int CHECK (n > 0))`);
    await client.query(`COPY tagged OPTIONS(if_exists='append') FROM '${file('t1.csv', 'n,ID\n5,1\n6,2\n')}'`);
    const rows = async () => (await client.query('SELECT id, label, n FROM tagged ORDER BY id')).rows;
    const two = [{ id: 1, label: 'none', n: 5 }, { id: 2, label: 'none', n: 6 }];
    assert.deepEqual(await rows(), two);
    await assert.rejects(client.query(`COPY tagged OPTIONS(if_exists='append') FROM '${file('t2.csv', 'id,n\n3,7\n1,8\n')}'`), { code: '23505' });
    await assert.rejects(client.query(`COPY tagged OPTIONS(if_exists='append') FROM '${file('t3.csv', 'id,n\n4,-1\n')}'`), { code: '23514' });
    await assert.rejects(client.query(`COPY tagged OPTIONS(if_exists='append') FROM '${file('t4.csv', 'id,nope\n5,1\n')}'`),
      (e: Error & { code?: string; hint?: string }) => e.code === '42703' && /id, label, n/.test(e.hint ?? ''));
    await assert.rejects(client.query(`COPY tagged OPTIONS(if_exists='append') FROM '${file('t5.csv', 'id,n\nx,1\n')}'`), { code: '22P02' });
    assert.deepEqual(await rows(), two, 'a failed append leaves the table as it was');
  });
});
