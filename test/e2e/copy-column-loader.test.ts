/**
 * COPY … FROM STDIN, CSV and text, through the column loader (execution/copy/copy-column-loader.ts),
 * through `pg` against PostgreSQL 15: thousands of plain rows (several row groups), then at a
 * late line something the loader hands to the row path — a quoted line break, the end marker,
 * a bad int / float / bool / timestamp, a varchar too long, a NULL in a NOT NULL column, a
 * missing or extra field, an unterminated quote at the end — each in messages cut at awkward
 * sizes. Same rows (as text), tags, SQLSTATEs, lines and columns as PostgreSQL, and nothing
 * stored by a failing COPY or one rolled back; values in the loader's fallbacks (spaces, `+`,
 * exponents, long floats, TRUE / yes, non-ISO timestamps, varchar(n), numeric, UTF-8,
 * FORCE_NULL / FORCE_NOT_NULL, a NULL string, a delimiter) come back the same too.
 */
import pg from 'pg';
import { copyInChunks } from './copy-in-chunks.js';
import { describeSameAsPostgres } from './same-as-postgres.js';

const SETUP = [
  'CREATE TABLE cl (i int NOT NULL, f float8, b bool, t timestamp, x text, v varchar(4), n numeric, u text)',
];

/** Rows enough for two whole row groups (2,048 rows each) before the late line. */
const PLAIN_ROWS = 4500;

function plainRow(k: number): string {
  const f = k % 5 === 0 ? '' : String(k / 7);
  const b = ['t', 'f', 'true', 'false', ''][k % 5];
  const t = k % 11 === 0 ? '' : `2024-03-${String(1 + (k % 28)).padStart(2, '0')} 0${k % 10}:1${k % 6}:2${k % 10}${k % 3 === 0 ? '.25' : ''}`;
  const x = k % 13 === 0 ? '""' : k % 17 === 0 ? '' : `"item ""${k}"", ok"`;
  return `${k},${f},${b},${t},${x},v${k % 100},${k}.5,é${k}`;
}

function csv(late: string, header = false): Buffer {
  const lines = header ? ['i,f,b,t,x,v,n,u'] : [];
  for (let k = 1; k <= PLAIN_ROWS; k++) lines.push(plainRow(k));
  lines.push(late);
  for (let k = PLAIN_ROWS + 2; k <= PLAIN_ROWS + 10; k++) lines.push(plainRow(k));
  return Buffer.from(`${lines.join('\n')}\n`, 'utf8');
}

/** The late lines: each either loads (by the row path from there on) or fails with PostgreSQL's error. */
const LATE = [
  '4501,1,t,2024-01-01 00:00:00,"two\nlines",a,1,x',
  '\\.',
  '4501, 12 ,TRUE,Jan 2 2024 10:00,x,abcd,1e3,x',
  '+4501,1e-3,yes,2024-01-02T10:00:00,x,a,-0.0,x',
  '4501,0.10000000000000000555,off,2024-01-02 10:00:00.1234567,x,a,1,x',
  'x4501,1,t,2024-01-01 00:00:00,x,a,1,x',
  '4501,1.5.5,t,2024-01-01 00:00:00,x,a,1,x',
  '4501,1,maybe,2024-01-01 00:00:00,x,a,1,x',
  '4501,1,t,2024-02-30 00:00:00,x,a,1,x',
  '4501,1,t,2024-01-01 00:00:00,x,abcde,1,x',
  '99999999999,1,t,2024-01-01 00:00:00,x,a,1,x',
  ',1,t,2024-01-01 00:00:00,x,a,1,x',
  '4501,1,t,2024-01-01 00:00:00,x,a,1',
  '4501,1,t,2024-01-01 00:00:00,x,a,1,x,extra',
];

/** The same rows in the text format: tabs, `\N`, no quoting. */
function plainTextRow(k: number): string {
  return plainRow(k).replace(/"((?:[^"]|"")*)"/g, (_, q: string) => q.replaceAll('""', '"').replaceAll(',', '\u0001'))
    .split(',').map((f, i) => (f === '' && i !== 4 ? '\\N' : f.replaceAll('\u0001', ','))).join('\t');
}

function text(late: string): Buffer {
  const lines = [];
  for (let k = 1; k <= PLAIN_ROWS; k++) lines.push(plainTextRow(k));
  lines.push(late);
  for (let k = PLAIN_ROWS + 2; k <= PLAIN_ROWS + 10; k++) lines.push(plainTextRow(k));
  return Buffer.from(`${lines.join('\n')}\n`, 'utf8');
}

/** Text-format late lines: an escape, the end marker, a bad value, `\N` into NOT NULL, a missing field. */
const LATE_TEXT = [
  '4501\t1\tt\t2024-01-01 00:00:00\ttab\\there \\\\ \\x41\tv\t1\tx',
  '\\.',
  '4501\t1\tt\t2024-01-01 00:00:00\tx\tv\tnot a number\tx',
  '\\N\t1\tt\t2024-01-01 00:00:00\tx\tv\t1\tx',
  '4501\t1\tt',
];

async function copyIn(client: pg.Client, sql: string, bytes: Buffer, size: number): Promise<unknown> {
  try {
    return { ok: await copyInChunks(client, sql, bytes, size) };
  } catch (err) {
    const e = err as pg.DatabaseError;
    // The line and column the error names; the text of a 22P04 (bad record shape) and the line's
    // text PostgreSQL adds to its CONTEXT are the row path's, unchanged by the loader (and differ).
    const context = `${e.where ?? ''} ${e.message}`;
    return {
      code: e.code, message: e.code === '22P04' ? undefined : e.message,
      line: /line (\d+)/.exec(context)?.[1], column: /column (\w+): "[^"]*"/.exec(e.where ?? '')?.[0],
    };
  }
}

const asText = { text: '', types: { getTypeParser: () => (value: string) => value } };

/** The table's rows as text, summed up (4,500 rows compared through one digest and a few rows). */
async function contents(client: pg.Client): Promise<unknown> {
  const digest = await client.query({
    ...asText,
    text: `SELECT count(*), md5(string_agg(concat_ws('|', i, f, b, t, x, v, n, u, x IS NULL, f IS NULL), ';' ORDER BY i)) FROM cl`,
  });
  const late = await client.query({ ...asText, text: 'SELECT * FROM cl WHERE i IN (1, 13, 17, 55, 4500) OR i > 4500 ORDER BY i' });
  return [digest.rows, late.rows];
}

async function outcomes(client: pg.Client): Promise<unknown[]> {
  const out: unknown[] = [];
  for (const [n, late] of LATE.entries()) {
    await client.query('TRUNCATE cl');
    const size = [65536, 1000, 4093][n % 3]!;
    out.push(late, await copyIn(client, 'COPY cl FROM STDIN (FORMAT csv)', csv(late), size), await contents(client));
  }
  for (const [n, late] of LATE_TEXT.entries()) {
    await client.query('TRUNCATE cl');
    out.push(late, await copyIn(client, 'COPY cl FROM STDIN', text(late), [65536, 999][n % 2]!), await contents(client));
  }
  // HEADER, FORCE_NULL / FORCE_NOT_NULL, a NULL string and a delimiter of its own.
  await client.query('TRUNCATE cl');
  out.push(await copyIn(client, 'COPY cl FROM STDIN (FORMAT csv, HEADER)', csv(plainRow(PLAIN_ROWS + 1), true), 777));
  out.push(await contents(client));
  await client.query('TRUNCATE cl');
  const forced = csv('4501,1,t,2024-01-01 00:00:00,"",a,1,x').toString('utf8');
  out.push(await copyIn(client, 'COPY cl FROM STDIN (FORMAT csv, FORCE_NULL (x), FORCE_NOT_NULL (u))', Buffer.from(forced), 5000));
  out.push(await contents(client));
  await client.query('TRUNCATE cl');
  const semicolons = Buffer.from(forced.replaceAll(',', ';').replaceAll(';;', ';NA;'), 'utf8');
  out.push(await copyIn(client, "COPY cl FROM STDIN (FORMAT csv, DELIMITER ';', NULL 'NA')", semicolons, 3001));
  out.push(await contents(client));
  // A COPY inside a transaction block rolled back leaves nothing.
  await client.query('TRUNCATE cl');
  await client.query('BEGIN');
  out.push(await copyIn(client, 'COPY cl FROM STDIN (FORMAT csv)', csv(plainRow(PLAIN_ROWS + 1)), 65536));
  await client.query('ROLLBACK');
  out.push(await contents(client));
  // An unterminated quoted field at the very end.
  await client.query('TRUNCATE cl');
  out.push(await copyIn(client, 'COPY cl FROM STDIN (FORMAT csv)', Buffer.concat([csv(plainRow(PLAIN_ROWS + 1)), Buffer.from('4600,1,t,,"open')]), 4096));
  out.push(await contents(client));
  return out;
}

describeSameAsPostgres({
  suite: 'COPY FROM STDIN (CSV and text) through the column loader matches PostgreSQL 15',
  test: 'same rows, tags and errors, whichever line hands over to the row path',
  database: 'copycolumns',
  setup: SETUP,
  outcomes,
});
