/**
 * Statements where PostgreSQL 15 and we both succeeded but returned different rows (issue 11
 * §1), run through `pg` on a throwaway PostgreSQL 15 and on our server: same rows (or the same
 * SQLSTATE and message) for each.
 */
import pg from 'pg';
import { describeSameAsPostgres } from './same-as-postgres.js';

const SETUP = [
  'CREATE TABLE wa (x int, y int)',
  'CREATE TABLE wb (x int, z int)',
  'INSERT INTO wa VALUES (1, 1), (2, 2), (3, NULL)',
  'INSERT INTO wb VALUES (1, 10), (1, NULL), (NULL, NULL)',
  'CREATE SEQUENCE ws',
];

/** A statement, or a named one (prepared once, executed again on later runs of the same name). */
const viewRows = { name: 'view_rows', text: 'SELECT * FROM wv ORDER BY x' };

const CASES: (string | pg.QueryConfig)[] = [
  // The NULL-extended side of an outer join is a NULL whole row; a row of NULLs is not.
  'SELECT count(wb.*) AS n FROM wa LEFT JOIN wb ON wa.x = wb.x',
  'SELECT wa.x, wb IS NULL AS isnull, wb IS NOT NULL AS notnull, to_json(wb) AS j FROM wa LEFT JOIN wb ON wa.x = wb.x ORDER BY 1, 4::text',
  'SELECT wa.x, count(s.*) AS n FROM wa LEFT JOIN (SELECT * FROM wb OFFSET 0) s ON wa.x = s.x GROUP BY wa.x ORDER BY 1',
  // Volatile targets run for the rows LIMIT keeps (and OFFSET skips), after the sort.
  "SELECT nextval('ws') AS n FROM generate_series(1, 10) LIMIT 3",
  "SELECT nextval('ws') AS n, g FROM generate_series(1, 10) g ORDER BY g DESC LIMIT 2 OFFSET 1",
  "SELECT currval('ws') AS n",
  // One transaction id per transaction: txid_current() gave a new value on every call.
  'SELECT txid_current() = txid_current() AS same, txid_current() > 0 AS positive',
  // A WITH item read twice (or volatile) is computed once.
  'WITH x AS (SELECT random() AS r) SELECT x.r = y.r AS same FROM x, x y',
  "WITH x AS (SELECT nextval('ws') AS v) SELECT x.v = y.v AS same FROM x, x y",
  "SELECT currval('ws') AS n",
  // Two select items with one expression are two grouping columns (only alias2 is NULL in ()).
  'SELECT g AS alias1, g AS alias2 FROM generate_series(1, 3) g GROUP BY alias1, ROLLUP (alias2) ORDER BY 1, 2',
  // A grouped column in a hypothetical-set aggregate's direct argument is NULL where the set leaves it out.
  'SELECT a, rank(a) WITHIN GROUP (ORDER BY y NULLS LAST) AS r FROM (SELECT x AS a, y FROM wa) s GROUP BY ROLLUP (a) ORDER BY 1',
  // numeric sqrt / variance round once from the exact value; real input rounds once from the decimal.
  'SELECT sqrt(1.000000000000003::numeric) AS s, -(463.75000::numeric) AS n',
  'SELECT variance(a) AS v FROM (SELECT 9e131071 + x AS a FROM generate_series(1, 5) x) s',
  "SELECT '7038531e-32'::float4 AS f, float4send('7038531e-32'::float4) AS bits",
  "SELECT '10e-70'::float8::float4 AS underflow",
  // A backslash before anything but a digit, & or \ stays in regexp_replace's replacement.
  "SELECT regexp_replace('foobarrbazz', E'(.)\\\\1', E'X\\\\Y\\\\1Z\\\\') AS r",
  // A one-field row constructor compares its field with the subquery's column.
  'SELECT row(row(row(1))) = any (SELECT row(row(1))) AS t',
  // An untyped literal argument: numeric and interval candidates tie (42725, not 22P02).
  "SELECT sum('a')",
  // Several integer and numeric candidates, none preferred: 42725, not a guess.
  "SELECT mod('7', '3')",
  // standard_conforming_strings = off: a backslash in a plain string is an escape.
  'SET standard_conforming_strings = off',
  "SELECT length('a\\tb') AS n, 'a\\'b' AS q",
  'RESET standard_conforming_strings',
  // A view reads the columns it was made with: renamed, they are still its; a later column is
  // not in its `*`; dropping one it reads needs CASCADE (it returned NULLs for it before).
  'CREATE VIEW wv AS SELECT * FROM wa',
  viewRows,
  'ALTER TABLE wa RENAME COLUMN y TO y2',
  viewRows,
  'ALTER TABLE wa ADD COLUMN y int DEFAULT 7',
  viewRows,
  'ALTER TABLE wa DROP COLUMN y2',
  'ALTER TABLE wa DROP COLUMN y',
  viewRows,
];

async function outcomes(client: pg.Client): Promise<unknown[]> {
  const out: unknown[] = [];
  for (const statement of CASES) {
    const sql = typeof statement === 'string' ? statement : statement.text;
    try {
      out.push({ sql, rows: (await client.query(statement)).rows });
    } catch (err) {
      const e = err as pg.DatabaseError;
      out.push({ sql, code: e.code, message: e.message });
    }
  }
  return out;
}

describeSameAsPostgres({
  suite: 'silent wrong results: the same rows as PostgreSQL 15',
  test: 'same rows for each statement',
  database: 'wrong_results',
  setup: SETUP,
  outcomes,
});
