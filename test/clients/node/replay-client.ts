/**
 * Replays one tool's recorded start-up/browse queries (Grafana, pgAdmin, pgcli) through `pg`,
 * after loading the metadata fixture: `node replay-client.js grafana`. Each statement is a
 * scenario `replay-<tool>-<n>` that passes when the server answers without an error.
 */
import pg from 'pg';
import { recordedQueries } from '../harness/scenario-list.js';
import { DATABASE, HOST, PORT, USER, check, fixtureStatements, runScenarios } from './scenario-runner.js';

const tool = process.argv[2];
if (!tool) throw new Error('usage: replay-client.js <tool>');

const client = new pg.Client({ host: HOST, port: PORT, user: USER, database: DATABASE, connectionTimeoutMillis: 10_000 });
await client.connect();
client.on('error', () => undefined);

const fixture = async () => {
  const problems: string[] = [];
  for (const statement of fixtureStatements()) {
    await client.query(statement).catch((err: Error & { code?: string }) => problems.push(`${statement.slice(0, 60)}: [${err.code}] ${err.message}`));
  }
  check(problems.length === 0, problems.join('; '));
};

const replays = recordedQueries().filter((q) => q.tool === tool).map((q) => [q.id, async () => void (await client.query(q.sql))] as const);
await runScenarios(tool, [...(tool === 'grafana' ? [['fixture', fixture] as const] : []), ...replays]);
