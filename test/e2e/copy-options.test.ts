/**
 * COPY's option handling compared with PostgreSQL 15 through `pg` + pg-copy-streams: options
 * given twice (42601), column lists naming a column twice (42701), FORCE_QUOTE by column and
 * CSV quoting with another ESCAPE, a lone `\.`, FORCE_NOT_NULL / FORCE_NULL on COPY FROM, HEADER
 * MATCH, COPY FROM … WHERE, COPY to or from a view (42809, hints compared too),
 * and the mode / direction / column checks of the FORCE options. Same rows, output and errors.
 */
import pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { describeSameAsPostgres } from './same-as-postgres.js';

const SETUP = [
  'CREATE TABLE x (a int, b text, c text, d text)',
  `CREATE TABLE y (col1 text, col2 text)`,
  `INSERT INTO y VALUES ('Jackson, Sam', E'\\\\h'), ('It is "perfect".', E'\\t'), ('', NULL)`,
  'CREATE TABLE eoc (v text)',
  `INSERT INTO eoc VALUES ('a\\.'), ('\\.b'), ('\\.')`,
  'CREATE TABLE forced (a int, b text NOT NULL, c text, d text)',
  'CREATE TABLE headed (a int, b text, c text)',
  'CREATE VIEW yv AS SELECT col1 FROM y',
  "CREATE TABLE filtered (a int, b text DEFAULT 'dflt', c int NOT NULL)",
];

/** COPY FROM statements with their data. */
const COPY_IN: readonly [string, string][] = [
  ['COPY x FROM STDIN (format csv, FORMAT csv)', ''],
  ['COPY x FROM STDIN (delimiter \',\', delimiter \',\')', ''],
  ['COPY x FROM STDIN (header off, header on)', ''],
  ['COPY x FROM STDIN (force_not_null (a), force_not_null (b))', ''],
  ['COPY x (a, b, c, b) FROM STDIN', ''],
  ['COPY x FROM STDIN (force_not_null (b))', ''],
  ['COPY x FROM STDIN (format csv, force_quote (b))', ''],
  ['COPY x (a, b) FROM STDIN (format csv, force_null (c))', ''],
  ['COPY x FROM STDIN (format csv, force_null (nope))', ''],
  ['COPY x FROM STDIN (format csv, force_not_null *)', ''],
  ['COPY x FROM STDIN (quote \'"\')', ''],
  ['COPY forced (a, b, c) FROM STDIN (FORMAT csv, FORCE_NOT_NULL (b), FORCE_NULL (c))', '1,,""\n'],
  ['COPY forced (a, b, c, d) FROM STDIN (FORMAT csv, FORCE_NOT_NULL (c, b), FORCE_NULL (c, d))', '2,x,,""\n3,"",,NULL\n'],
  ['COPY forced (a, b, c) FROM STDIN (FORMAT csv, NULL \'N\', FORCE_NULL (c))', '4,b,"N"\n5,b,N\n'],  ['COPY headed FROM STDIN (HEADER match)', 'a\tb\tc\n1\tone\tx\n'],
  ['COPY headed (c, a) FROM STDIN (HEADER MATCH)', 'c\ta\ny\t2\n'],
  ['COPY headed FROM STDIN (HEADER match, FORMAT csv)', 'a,"b",c\n3,three,z\n'],
  ['COPY headed (c, b, a) FROM STDIN (HEADER match)', 'a\tb\tc\n'],
  ['COPY headed FROM STDIN (HEADER match)', 'a\tb\t\\N\n'],
  ['COPY headed FROM STDIN (HEADER match, NULL \'nil\')', 'a\tnil\tc\n'],
  ['COPY headed FROM STDIN (HEADER match)', 'a\tb\n'],
  ['COPY headed FROM STDIN (HEADER match)', 'a\tb\tc\td\n'],
  ['COPY headed FROM STDIN (HEADER 1, FORMAT csv)', 'whatever\n4,four,w\n'],
  ['COPY headed FROM STDIN (HEADER wrong)', ''],
  ['COPY headed FROM STDIN (HEADER 2)', ''],
  ['COPY headed FROM STDIN (HEADER yes)', ''],
  ['COPY filtered FROM STDIN WHERE a > 2', '1\tx\t1\n3\ty\t3\n4\t\\N\t4\n'],
  ['COPY filtered (a, c) FROM STDIN WHERE b = \'dflt\' AND a < 7', '5\t5\n6\t6\n9\t9\n'],
  ['COPY filtered (a, c) FROM STDIN (FORMAT csv) WHERE filtered.c % 2 = 0', '10,10\n11,11\n'],
  ['COPY filtered FROM STDIN WHERE f > 1', ''],
  ['COPY filtered FROM STDIN WHERE a = max(c)', ''],
  ['COPY filtered FROM STDIN WHERE a = row_number() OVER ()', ''],
  ['COPY filtered FROM STDIN WHERE a = generate_series(1, 2)', ''],
  ['COPY filtered FROM STDIN WHERE a IN (SELECT 1)', ''],
  ['COPY filtered FROM STDIN WHERE a', ''],
  ['COPY filtered FROM STDIN WHERE a > 0', '1\tx\t\\N\n'],
  ['COPY yv FROM STDIN', ''],
];

const COPY_OUT = [
  'COPY y TO STDOUT WITH CSV FORCE QUOTE col2 ESCAPE E\'\\\\\'',
  'COPY y TO STDOUT (FORMAT csv, FORCE_QUOTE (col1), QUOTE \'\'\'\')',
  'COPY y TO STDOUT (FORMAT csv, FORCE_QUOTE *)',
  'COPY (SELECT col2 AS z FROM y) TO STDOUT (FORMAT csv, FORCE_QUOTE (z), HEADER)',
  'COPY y (col1, col1) TO STDOUT',
  'COPY y (col1) TO STDOUT (FORMAT csv, FORCE_QUOTE (col2))',
  'COPY (SELECT 1 AS z) TO STDOUT (FORMAT csv, FORCE_QUOTE (w))',
  'COPY y TO STDOUT (FORCE_QUOTE (col1))',
  'COPY eoc TO STDOUT (FORMAT csv)',
  'COPY (SELECT v, 1 FROM eoc) TO STDOUT (FORMAT csv)',
  'COPY y TO STDOUT (HEADER match)',
  'COPY y TO STDOUT (FORMAT binary, HEADER off)',
  'COPY y TO STDOUT (FORMAT binary, HEADER on)',
  'COPY y TO STDOUT WHERE col1 = \'x\'',
  'COPY yv TO STDOUT',
  'COPY (SELECT * FROM yv) TO STDOUT',
  'COPY y TO STDOUT (FORMAT binary, DELIMITER \',\')',
  'COPY y TO STDOUT (FORMAT binary, NULL \'x\')',
];

function outcome(err: unknown): unknown {
  const e = err as pg.DatabaseError;
  return { code: e.code, message: e.message, hint: e.hint ?? null };
}

async function copyIn(client: pg.Client, sql: string, data: string): Promise<unknown> {
  const stream = client.query(copyFrom(sql));
  try {
    await new Promise<void>((resolve, reject) => {
      stream.on('finish', resolve);
      stream.on('error', reject);
      stream.end(data);
    });
    return { ok: stream.rowCount };
  } catch (err) {
    return outcome(err);
  }
}

async function copyOut(client: pg.Client, sql: string): Promise<unknown> {
  try {
    const stream = client.query(copyTo(sql));
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    return { ok: Buffer.concat(chunks).toString() };
  } catch (err) {
    return outcome(err);
  }
}

async function outcomes(client: pg.Client): Promise<unknown[]> {
  const out: unknown[] = [];
  for (const [sql, data] of COPY_IN) out.push({ sql, result: await copyIn(client, sql, data) });
  out.push({ rows: (await client.query('SELECT a, b, c, d FROM forced ORDER BY a')).rows });
  out.push({ rows: (await client.query('SELECT a, b, c FROM headed ORDER BY a')).rows });
  out.push({ rows: (await client.query('SELECT a, b, c FROM filtered ORDER BY a')).rows });
  for (const sql of COPY_OUT) out.push({ sql, result: await copyOut(client, sql) });
  return out;
}

describeSameAsPostgres({
  suite: 'COPY options match PostgreSQL 15',
  test: 'same errors, rows and output',
  database: 'copyopts',
  setup: SETUP,
  outcomes,
});
