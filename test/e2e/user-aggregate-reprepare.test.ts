/**
 * A CREATE AGGREGATE aggregate through a named prepared statement of `pg` (Parse once, then
 * Bind/Execute), on PostgreSQL 15 and on our server alike: an INSERT between two executions
 * changes the answer (the plan names the table, the transaction gives the rows); CREATE OR
 * REPLACE of the transition function changes it again (the plan re-binds, no stale inlined
 * body); DROP FUNCTION of that function is refused while the aggregate uses it (2BP01); after
 * DROP AGGREGATE + CREATE AGGREGATE over another function the same statement uses the new one,
 * and after a last DROP AGGREGATE it fails with 42883.
 */
import type pg from 'pg';
import { describeSameAsPostgres } from './same-as-postgres.js';

const SETUP = [
  'CREATE TABLE ua_t (g int, v int)',
  'INSERT INTO ua_t VALUES (1, 10), (1, 20), (2, 5)',
  'CREATE FUNCTION ua_step(int8, int4) RETURNS int8 AS $$ SELECT $1 + $2 $$ LANGUAGE sql STRICT',
  `CREATE FUNCTION ua_step_plpgsql(s int8, x int4) RETURNS int8 LANGUAGE plpgsql AS $$
     BEGIN RETURN s * 10 + x; END $$`,
  "CREATE AGGREGATE ua_agg(int4) (sfunc = ua_step, stype = int8, initcond = '0')",
];

/** Runs one step and records its rows or its SQLSTATE. */
async function outcome(client: pg.Client, sql: string | pg.QueryConfig): Promise<unknown> {
  try {
    const result = await client.query(sql);
    return result.command === 'SELECT' ? result.rows : result.command;
  } catch (err) {
    return { error: (err as pg.DatabaseError).code };
  }
}

describeSameAsPostgres({
  suite: 'user aggregates and prepared statements',
  test: 'a prepared aggregate query sees new rows, a replaced transition function and a re-created aggregate',
  database: 'user_aggregate_reprepare',
  setup: SETUP,
  async outcomes(client) {
    const prepared = (g: number): pg.QueryConfig => ({ name: 'ua_by_group', text: 'SELECT ua_agg(v) AS total FROM ua_t WHERE g = $1', values: [g] });
    const steps: unknown[] = [];
    steps.push(await outcome(client, prepared(1)));
    steps.push(await outcome(client, 'INSERT INTO ua_t VALUES (1, 7), (1, NULL)'));
    steps.push(await outcome(client, prepared(1)));
    steps.push(await outcome(client, 'CREATE OR REPLACE FUNCTION ua_step(int8, int4) RETURNS int8 AS $$ SELECT $1 + 2 * $2 $$ LANGUAGE sql STRICT'));
    steps.push(await outcome(client, prepared(1)));
    steps.push(await outcome(client, 'DROP FUNCTION ua_step(int8, int4)'));
    steps.push(await outcome(client, prepared(2)));
    steps.push(await outcome(client, 'DROP AGGREGATE ua_agg(int4)'));
    steps.push(await outcome(client, "CREATE AGGREGATE ua_agg(int4) (sfunc = ua_step_plpgsql, stype = int8, initcond = '1')"));
    steps.push(await outcome(client, prepared(1)));
    steps.push(await outcome(client, 'DROP AGGREGATE ua_agg(int4)'));
    steps.push(await outcome(client, prepared(1)));
    return steps;
  },
});
