/**
 * The same statement text sent again through `pg`, on PostgreSQL 15 and on our server alike,
 * with something that changes its answer in between: the parse of a repeated text is cached
 * (parser/parse-cache.ts), and nothing but the AST may be reused. A write between two runs
 * shows the new rows; DDL (a column added, a table re-created with another type) shows the new
 * shape; a SET changes what the same text means (standard_conforming_strings reads a
 * backslash differently, TimeZone renders the same value differently).
 */
import type pg from 'pg';
import { describeSameAsPostgres } from './same-as-postgres.js';

const SETUP = [
  'CREATE TABLE rst_t (id int, v text)',
  "INSERT INTO rst_t VALUES (1, 'a'), (2, 'b')",
];

/** The rows (or the SQLSTATE) of `sql`, with the result's column names. */
async function outcome(client: pg.Client, sql: string): Promise<unknown> {
  try {
    const result = await client.query(sql);
    return { fields: result.fields.map((f) => f.name), rows: result.rows };
  } catch (err) {
    return { error: (err as pg.DatabaseError).code };
  }
}

describeSameAsPostgres({
  suite: 'repeated statement texts',
  test: 'the same text after a write, DDL and a SET answers from the new state',
  database: 'repeated_statement_text',
  setup: SETUP,
  async outcomes(client) {
    const select = 'SELECT * FROM rst_t ORDER BY id';
    const steps: unknown[] = [];
    steps.push(await outcome(client, select));
    await client.query("INSERT INTO rst_t VALUES (3, 'c')");
    steps.push(await outcome(client, select));
    await client.query('ALTER TABLE rst_t ADD COLUMN extra int DEFAULT 7');
    steps.push(await outcome(client, select));
    await client.query('DROP TABLE rst_t');
    steps.push(await outcome(client, select));
    await client.query('CREATE TABLE rst_t (id text)');
    await client.query("INSERT INTO rst_t VALUES ('x')");
    steps.push(await outcome(client, select));

    const backslash = "SELECT 'a\\\\b' AS s, length('a\\\\b') AS n";
    steps.push(await outcome(client, backslash));
    await client.query('SET standard_conforming_strings = off');
    steps.push(await outcome(client, backslash));
    await client.query('SET standard_conforming_strings = on');
    steps.push(await outcome(client, backslash));

    const zoned = "SELECT '2020-01-01 00:00+00'::timestamptz::text AS t";
    await client.query("SET TimeZone = 'UTC'");
    steps.push(await outcome(client, zoned));
    await client.query("SET TimeZone = 'Asia/Tokyo'");
    steps.push(await outcome(client, zoned));
    // As JSON text: a mismatch shows the step's rows, not [Array].
    return steps.map((s) => JSON.stringify(s));
  },
});
