/**
 * The COPY and row-streaming fast paths of issue 8, through `pg` against PostgreSQL 15: a CSV
 * sent as many small CopyData messages cut at awkward places (quoted fields with doubled quotes
 * and newlines, CRLF line ends, a quote inside an unquoted field, a UTF-8 character split between
 * messages, a U+FEFF that is data — read back with it since 2026-12-08: storage decoded each
 * value alone and the UTF-8 decoder dropped it as a BOM —, an ASCII message after a non-ASCII
 * one), a bad value (22P02
 * with its line and column, nothing stored), then the rows read back as text — integers at
 * their bounds and timestamps with fractions, before year 1000 and infinite, written as bytes
 * in place — and a 20,000-row result that spans many output flushes. Same outcomes, byte for byte.
 */
import pg from 'pg';
import { copyInChunks } from './copy-in-chunks.js';
import { describeSameAsPostgres } from './same-as-postgres.js';

const SETUP = [
  'CREATE TABLE fast (i int, s smallint, t timestamp, x text, f float8, b bool)',
];

const CSV = [
  'i,s,t,x,f,b',
  '2147483647,32767,2024-01-02 10:00:00.5,"plain ""quoted"" text",1.5,t',
  '-2147483648,-32768,1999-12-31 23:59:59.999999,"multi\nline, with comma",-0.25,f',
  '0,0,0099-01-01 00:00:00,a"b,"c,1e300,true',
  '7,-7,infinity,,NaN,',
  '8,8,-infinity,"",-Infinity,false',
  '9,9,2024-02-29 00:00:00.0001,é ü 名前,0.1,t',
  '10,10,epoch,\ufeffzero width,3,f',
  '11,11,10000-01-01 00:00:00,"""",1e-7,t',
].join('\r\n') + '\r\n';

/** Sends `text` as CopyData messages of `size` bytes (so characters and CRLFs split between them). */
async function copyIn(client: pg.Client, sql: string, bytes: Buffer, size: number): Promise<unknown> {
  try {
    return { ok: await copyInChunks(client, sql, bytes, size) };
  } catch (err) {
    const e = err as pg.DatabaseError;
    return { code: e.code, message: e.message, where: e.where };
  }
}

/** Every value as the server's text: pg's own parsers would hide how a value was written. */
const asText = { text: '', types: { getTypeParser: () => (value: string) => value } };

async function outcomes(client: pg.Client): Promise<unknown[]> {
  const out: unknown[] = [];
  const bytes = Buffer.from(CSV, 'utf8');
  for (const size of [5, 7, 64]) {
    await client.query('TRUNCATE fast');
    out.push(await copyIn(client, 'COPY fast FROM STDIN (FORMAT csv, HEADER)', bytes, size));
    out.push((await client.query({ ...asText, text: 'SELECT * FROM fast ORDER BY i' })).rows);
  }
  const bad = Buffer.from('1,1,2024-01-01 00:00:00,a,1,t\n2,2,2024-01-01 00:00:00,b,oops,t\n');
  out.push(await copyIn(client, 'COPY fast FROM STDIN (FORMAT csv)', bad, 9));
  out.push((await client.query('SELECT count(*)::int AS n FROM fast')).rows);
  await client.query(`INSERT INTO fast SELECT g, g % 30000, timestamp '2024-01-01' + g * interval '1.25 second',
    'row ' || g, g / 7.0, g % 2 = 0 FROM generate_series(100, 20099) g`);
  const streamed = await client.query({ ...asText, text: 'SELECT * FROM fast ORDER BY i' });
  out.push(streamed.rows.length, streamed.rows);
  return out;
}

describeSameAsPostgres({
  suite: 'COPY FROM STDIN and streamed rows on the fast paths match PostgreSQL 15',
  test: 'same rows, text forms and errors',
  database: 'copyfast',
  setup: SETUP,
  outcomes,
});
