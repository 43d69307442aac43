#!/usr/bin/env node
// Correlated EXISTS / IN / scalar subqueries over 10,000-row tables (issue 11 §2): the time of
// each query on a server, for the figures in src/execution/README.md. Not a test: it prints.
// Usage: node scripts/bench-subqueries.mjs <port> [user] [database]
import pg from 'pg';

const [port = '5433', user = 'thanosql', database = user] = process.argv.slice(2);
const ROWS = 10000;
const QUERIES = {
  'correlated EXISTS (equality)': 'SELECT count(*) FROM bench_o o WHERE EXISTS (SELECT 1 FROM bench_i i WHERE i.k = o.k)',
  'correlated NOT EXISTS': 'SELECT count(*) FROM bench_o o WHERE NOT EXISTS (SELECT 1 FROM bench_i i WHERE i.k = o.k)',
  'correlated scalar (max per key)': 'SELECT sum((SELECT max(i.v) FROM bench_i i WHERE i.k = o.k)) FROM bench_o o',
  'correlated IN': 'SELECT count(*) FROM bench_o o WHERE o.v IN (SELECT i.v FROM bench_i i WHERE i.k = o.k)',
  'uncorrelated IN (10,000 values)': 'SELECT count(*) FROM bench_o o WHERE o.v IN (SELECT i.v FROM bench_i i)',
};

const client = new pg.Client({ host: '127.0.0.1', port: Number(port), user, database });
await client.connect();
await client.query('DROP TABLE IF EXISTS bench_o; DROP TABLE IF EXISTS bench_i');
await client.query('CREATE TABLE bench_o (k int, v int); CREATE TABLE bench_i (k int, v int)');
// 10,000 outer rows over 1,000 keys; 10,000 inner rows over 2,000 keys (every outer key has 5).
await client.query(`INSERT INTO bench_o SELECT g % 1000, g FROM generate_series(1, ${ROWS}) g`);
await client.query(`INSERT INTO bench_i SELECT g % 2000, g * 2 FROM generate_series(1, ${ROWS}) g`);
for (const [name, sql] of Object.entries(QUERIES)) {
  const start = process.hrtime.bigint();
  const { rows } = await client.query({ text: sql, rowMode: 'array' });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  console.log(`${name.padEnd(34)} ${ms.toFixed(0).padStart(7)} ms   result ${rows[0][0]}`);
}
await client.query('DROP TABLE bench_o; DROP TABLE bench_i');
await client.end();
