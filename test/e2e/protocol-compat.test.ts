/**
 * Client-compatibility regressions at the wire level (raw socket, exact message sequences):
 * errors flushed before Sync, one CopyData per row, binary COPY, SQL PREPARE/EXECUTE.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { serialize } from 'pg-protocol';
import { RawClient } from './raw-client.js';
import { startTestServer, type TestServer } from './wire-server.js';

let server: TestServer;

before(async () => { server = await startTestServer(); });
after(async () => { await server?.close(); });

/** Resolves with the messages up to `name`, or rejects after `ms` (a hang is a failure, not a stall). */
async function within(c: RawClient, name: string, ms = 3000) {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(`no ${name} within ${ms} ms`)), ms); });
  try {
    return await Promise.race([c.until(name), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

const simple = async (c: RawClient, sql: string) => {
  c.send(serialize.query(sql));
  return within(c, 'readyForQuery');
};

test('a failing Parse followed by Flush answers ErrorResponse before Sync (asyncpg)', async () => {
  const c = await RawClient.connect(server.port);
  c.send(serialize.parse({ name: 's1', text: 'SELECT * FROM no_such_table', types: [] }),
    serialize.describe({ type: 'S', name: 's1' }), serialize.flush());
  const err = await within(c, 'error');
  assert.deepEqual(err.map((m) => m.name), ['error']);
  assert.equal(err[0]!.code, '42P01');
  // Everything up to Sync is discarded; Sync answers ReadyForQuery.
  c.send(serialize.bind({ statement: 's1' }), serialize.execute({}), serialize.flush(), serialize.sync());
  const rest = await within(c, 'readyForQuery');
  assert.deepEqual(rest.map((m) => m.name), ['readyForQuery']);
  const ok = await simple(c, 'SELECT 1');
  assert.deepEqual(ok.map((m) => m.name), ['rowDescription', 'dataRow', 'commandComplete', 'readyForQuery']);
  c.close();
});

test('the 25P02 of a statement in a failed block is flushed before Sync', async () => {
  const c = await RawClient.connect(server.port);
  await simple(c, 'BEGIN');
  const failed = await simple(c, 'SELECT 1/0');
  assert.equal(failed.at(-1)!.status, 'E');
  c.send(serialize.parse({ name: 's2', text: 'SELECT 1', types: [] }), serialize.describe({ type: 'S', name: 's2' }), serialize.flush());
  const err = await within(c, 'error');
  assert.equal(err.at(-1)!.code, '25P02');
  c.send(serialize.sync());
  const rfq = await within(c, 'readyForQuery');
  assert.equal(rfq.at(-1)!.status, 'E');
  await simple(c, 'ROLLBACK');
  c.close();
});

test('a failing Execute followed by Flush is answered at once', async () => {
  const c = await RawClient.connect(server.port);
  c.send(serialize.parse({ text: 'SELECT 1/0', types: [] }), serialize.bind({}), serialize.execute({}), serialize.flush());
  const msgs = await within(c, 'error');
  assert.deepEqual(msgs.map((m) => m.name), ['parseComplete', 'bindComplete', 'error']);
  assert.equal(msgs.at(-1)!.code, '22012');
  c.send(serialize.sync());
  assert.equal((await within(c, 'readyForQuery')).at(-1)!.status, 'I');
  c.close();
});

test('COPY TO STDOUT sends one CopyData per row (psycopg 3 Copy.rows())', async () => {
  const c = await RawClient.connect(server.port);
  await simple(c, "CREATE TABLE co1 (id integer, name text); INSERT INTO co1 VALUES (1, 'a'), (2, NULL), (3, 'c')");
  for (const [sql, lines] of [
    ['COPY co1 TO STDOUT', ['1\ta\n', '2\t\\N\n', '3\tc\n']],
    ['COPY (SELECT id FROM co1 ORDER BY id) TO STDOUT (FORMAT csv, HEADER)', ['id\n', '1\n', '2\n', '3\n']],
  ] as const) {
    const msgs = await simple(c, sql);
    assert.deepEqual(msgs.filter((m) => m.name === 'copyData').map((m) => Buffer.from(m.chunk as Buffer).toString()), lines, sql);
    assert.equal(msgs.find((m) => m.name === 'commandComplete')!.text, 'COPY 3');
  }
  c.close();
});

const SIGNATURE = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1');

/** A binary COPY stream: header, tuples of int4 + text (null allowed), trailer. */
function binaryCopy(rows: readonly (readonly [number, string | null])[]): Buffer {
  const parts: Buffer[] = [SIGNATURE, Buffer.alloc(8)];
  for (const [id, name] of rows) {
    const t = Buffer.alloc(2 + 4 + 4 + 4);
    t.writeInt16BE(2, 0); t.writeInt32BE(4, 2); t.writeInt32BE(id, 6);
    t.writeInt32BE(name === null ? -1 : Buffer.byteLength(name), 10);
    parts.push(t);
    if (name !== null) parts.push(Buffer.from(name));
  }
  parts.push(Buffer.from([0xff, 0xff]));
  return Buffer.concat(parts);
}

test('binary COPY FROM STDIN (asyncpg copy_records_to_table, pgx CopyFrom), chunks split anywhere', async () => {
  const c = await RawClient.connect(server.port);
  await simple(c, 'CREATE TABLE cb (id integer, name text)');
  const data = binaryCopy([[1, 'one'], [2, null], [3, 'dré']]);
  for (const [sql, chunk] of [['COPY cb (id, name) FROM STDIN (FORMAT binary)', 7], ['COPY cb FROM STDIN BINARY', 1000]] as const) {
    c.send(serialize.query(sql));
    const start = await within(c, 'copyInResponse');
    assert.equal(start.at(-1)!.binary, true);
    for (let i = 0; i < data.length; i += chunk) c.send(serialize.copyData(data.subarray(i, i + chunk)));
    c.send(serialize.copyDone());
    const done = await within(c, 'readyForQuery');
    assert.deepEqual(done.map((m) => m.name), ['commandComplete', 'readyForQuery'], JSON.stringify(done));
    assert.equal(done[0]!.text, 'COPY 3');
  }
  const rows = await simple(c, 'SELECT id, name FROM cb ORDER BY id, name');
  assert.deepEqual(rows.filter((m) => m.name === 'dataRow').map((m) => m.fields),
    [['1', 'one'], ['1', 'one'], ['2', null], ['2', null], ['3', 'dré'], ['3', 'dré']]);
  c.close();
});

test('binary COPY FROM STDIN errors: bad signature, wrong field count (22P04)', async () => {
  const c = await RawClient.connect(server.port);
  await simple(c, 'CREATE TABLE cbe (id integer, name text)');
  const cases: [Buffer, string][] = [
    [Buffer.from('1\tone\n'), 'COPY file signature not recognized'],
    [Buffer.concat([SIGNATURE, Buffer.alloc(8), Buffer.from([0, 1, 0, 0, 0, 4, 0, 0, 0, 1])]), 'row field count is 1, expected 2'],
  ];
  for (const [data, message] of cases) {
    c.send(serialize.query('COPY cbe FROM STDIN (FORMAT binary)'));
    await within(c, 'copyInResponse');
    c.send(serialize.copyData(data), serialize.copyDone());
    const msgs = await within(c, 'readyForQuery');
    const err = msgs.find((m) => m.name === 'error')!;
    assert.equal(err.code, '22P04');
    assert.equal(err.message, message);
  }
  const opt = await simple(c, 'COPY cbe FROM STDIN (FORMAT binary, HEADER)');
  assert.equal(opt.find((m) => m.name === 'error')!.message, 'cannot specify HEADER in BINARY mode');
  c.close();
});

test('binary COPY TO STDOUT: header with the first tuple, one tuple per CopyData, trailer', async () => {
  const c = await RawClient.connect(server.port);
  await simple(c, "CREATE TABLE cbo (id integer, name text); INSERT INTO cbo VALUES (1, 'one'), (2, NULL)");
  const msgs = await simple(c, 'COPY (SELECT id, name FROM cbo ORDER BY id) TO STDOUT (FORMAT binary)');
  assert.equal(msgs.find((m) => m.name === 'copyOutResponse')!.binary, true);
  const chunks = msgs.filter((m) => m.name === 'copyData').map((m) => Buffer.from(m.chunk as Buffer));
  const expected = binaryCopy([[1, 'one'], [2, null]]);
  assert.deepEqual(Buffer.concat(chunks), expected);
  assert.equal(chunks.length, 3);
  assert.deepEqual(chunks[0]!.subarray(0, SIGNATURE.length), SIGNATURE);
  assert.deepEqual(chunks[2], Buffer.from([0xff, 0xff]));
  const empty = await simple(c, 'COPY (SELECT id FROM cbo WHERE false) TO STDOUT (FORMAT binary)');
  assert.deepEqual(empty.filter((m) => m.name === 'copyData').map((m) => (m.chunk as Buffer).length), [SIGNATURE.length + 8 + 2]);
  c.close();
});

test('SQL PREPARE / EXECUTE / DEALLOCATE (psycopg2 prepared-repeat)', async () => {
  const c = await RawClient.connect(server.port);
  const prep = await simple(c, 'PREPARE add_one (integer) AS SELECT $1 + 1 AS r');
  assert.equal(prep.find((m) => m.name === 'commandComplete')!.text, 'PREPARE');
  for (let i = 0; i < 3; i++) {
    const m = await simple(c, `EXECUTE add_one (${i})`);
    assert.deepEqual(m.map((x) => x.name), ['rowDescription', 'dataRow', 'commandComplete', 'readyForQuery']);
    assert.deepEqual(m[1]!.fields, [String(i + 1)]);
    assert.equal(m[2]!.text, 'SELECT 1');
  }
  const bad = await simple(c, "EXECUTE add_one ('x')");
  assert.equal(bad.find((m) => m.name === 'error')!.code, '22P02');
  const count = await simple(c, 'EXECUTE add_one (1, 2)');
  assert.equal(count.find((m) => m.name === 'error')!.code, '42601');
  const dup = await simple(c, 'PREPARE add_one AS SELECT 1');
  assert.equal(dup.find((m) => m.name === 'error')!.code, '42P05');
  await simple(c, 'CREATE TABLE pe (id integer, name text)');
  await simple(c, 'PREPARE ins (int, text) AS INSERT INTO pe VALUES ($1, $2)');
  const ins = await simple(c, "EXECUTE ins (1, 'one')");
  assert.equal(ins.find((m) => m.name === 'commandComplete')!.text, 'INSERT 0 1');
  assert.equal((await simple(c, 'DEALLOCATE add_one')).find((m) => m.name === 'commandComplete')!.text, 'DEALLOCATE');
  assert.equal((await simple(c, 'EXECUTE add_one (1)')).find((m) => m.name === 'error')!.code, '26000');
  c.close();
});

test('PREPARE and Parse share one namespace of statement names', async () => {
  const c = await RawClient.connect(server.port);
  await simple(c, 'PREPARE sq (int) AS SELECT $1 * 2 AS doubled');
  // A Bind may use the PREPAREd name, and Describe reports its parameter types.
  c.send(serialize.describe({ type: 'S', name: 'sq' }), serialize.bind({ statement: 'sq', values: ['21'] }),
    serialize.execute({}), serialize.sync());
  const m = await within(c, 'readyForQuery');
  assert.deepEqual(m.map((x) => x.name), ['parameterDescription', 'rowDescription', 'bindComplete', 'dataRow', 'commandComplete', 'readyForQuery']);
  assert.deepEqual(m[0]!.dataTypeIDs, [23]);
  assert.deepEqual(m[3]!.fields, ['42']);
  // EXECUTE may run a statement made by Parse.
  c.send(serialize.parse({ name: 'ps', text: 'SELECT $1::text AS t', types: [] }), serialize.sync());
  await within(c, 'readyForQuery');
  const e = await simple(c, "EXECUTE ps ('hi')");
  assert.deepEqual(e.find((x) => x.name === 'dataRow')!.fields, ['hi']);
  // Describe of an EXECUTE statement reports the prepared statement's columns.
  c.send(serialize.parse({ text: 'EXECUTE sq (5)', types: [] }), serialize.describe({ type: 'S' }), serialize.sync());
  const d = await within(c, 'readyForQuery');
  assert.deepEqual((d.find((x) => x.name === 'rowDescription')!.fields as { name: string }[]).map((f) => f.name), ['doubled']);
  c.close();
});
