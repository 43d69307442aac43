/**
 * psql 15's describe commands against our server, compared in shape with a PostgreSQL 15 oracle
 * holding the same fixture (test/clients/fixture.sql): title, column headers, footer sections
 * ("Indexes:", ...) and, for fixture objects, the row count. Without PostgreSQL binaries only
 * "no error" is checked. One JSON line per command (scenario ids psql-*), like the other programs.
 */
import pg from 'pg';
import { pgAvailable, startPgCluster, type PgCluster } from '../../harness/pg-cluster.js';
import { psql } from '../../harness/psql.js';
import { THANOSQL_DATABASE, THANOSQL_USER } from '../../harness/thanosql-server.js';
import { PORT, check, expectEqual, fixtureStatements, runScenarios } from '../node/scenario-runner.js';

/** scenario id → psql -c arguments, and whether the row count must match PostgreSQL's. */
const COMMANDS: readonly (readonly [string, readonly string[], boolean])[] = [
  ['psql-l', ['\\l'], false],
  ['psql-dn', ['\\dn'], true],
  ['psql-dt', ['\\dt'], true],
  ['psql-d-table', ['\\d items'], true],
  ['psql-dplus-table', ['\\d+ items'], true],
  ['psql-dv', ['\\dv'], true],
  ['psql-di', ['\\di'], true],
  ['psql-df', ['\\df'], true],
  ['psql-du', ['\\du'], false],
  ['psql-dT', ['\\dT'], true],
  ['psql-x', ['\\x', 'SELECT * FROM items'], true],
];

/** What must match: title, headers, footer headings, record field names, row count. */
function shape(output: string, withCount: boolean): string[] {
  const lines = output.split('\n').filter((l) => l.trim() !== '');
  const out: string[] = [];
  lines.forEach((line, i) => {
    const next = lines[i + 1] ?? '';
    if (/^-\[ RECORD \d+ \]/.test(line)) out.push('record');
    else if (/^[-+]+$/.test(next.trim()) && line.includes('|')) out.push(`header: ${line.split('|').map((c) => c.trim()).join(' | ')}`);
    else if (/^[-+]+$/.test(next.trim())) return;
    else if (/^[-+]+$/.test(line.trim())) return;
    else if (/^\S.*:$/.test(line)) out.push(`footer: ${line}`);
    else if (/^\(\d+ rows?\)$/.test(line)) { if (withCount) out.push(line); }
    else if (/^\s+\S/.test(line) && /^\s*[-+]+$/.test(next) === false && i === 0) out.push(`title: ${line.trim()}`);
    else if (/^\S+\s+\|/.test(line) && out.includes('record')) out.push(`field: ${line.split('|')[0]!.trim()}`);
  });
  return out;
}

async function loadFixture(port: number, user: string): Promise<void> {
  const client = new pg.Client({ host: '127.0.0.1', port, user, database: THANOSQL_DATABASE });
  await client.connect();
  try {
    for (const statement of fixtureStatements()) await client.query(statement).catch(() => undefined);
  } finally {
    await client.end();
  }
}

let oracle: PgCluster | undefined;
const expected = new Map<string, string[]>();
if (pgAvailable()) {
  oracle = await startPgCluster();
  await oracle.exec(`CREATE ROLE ${THANOSQL_USER} SUPERUSER LOGIN`);
  await oracle.exec(`CREATE DATABASE ${THANOSQL_DATABASE} OWNER ${THANOSQL_USER} TEMPLATE template0`);
  await loadFixture(oracle.port, THANOSQL_USER);
  for (const [id, commands, withCount] of COMMANDS) {
    const out = await psql({ port: oracle.port }, commands.flatMap((c) => ['-c', c]));
    expected.set(id, shape(out.stdout, withCount));
  }
  if (process.env.CLIENTS_DEBUG) process.stderr.write(`${JSON.stringify([...expected], null, 1)}\n`);
  await oracle.stop();
}

const fixtureErrors: string[] = [];
await runScenarios('psql', [
  ['fixture', async () => {
    const client = new pg.Client({ host: '127.0.0.1', port: PORT, user: THANOSQL_USER, database: THANOSQL_DATABASE });
    await client.connect();
    for (const statement of fixtureStatements()) {
      await client.query(statement).catch((err: Error & { code?: string }) => fixtureErrors.push(`${statement.slice(0, 60)}: [${err.code}] ${err.message}`));
    }
    await client.end();
    check(fixtureErrors.length === 0, fixtureErrors.join('; '));
  }],
  ...COMMANDS.map(([id, commands, withCount]) => [id, async () => {
    const out = await psql({ port: PORT }, commands.flatMap((c) => ['-c', c]));
    check(out.status === 0 && !out.stderr.includes('ERROR'), `psql exit ${out.status}: ${out.stderr.trim()}`);
    const want = expected.get(id);
    if (want) expectEqual(shape(out.stdout, withCount), want, 'output shape (title, headers, footers, row count) vs PostgreSQL 15');
  }] as const),
]);
