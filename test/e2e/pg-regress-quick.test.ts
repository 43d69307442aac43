/**
 * A quick subset of PostgreSQL 15's own regression files, run statement by statement against
 * PostgreSQL 15 and our server (the full run is `npm run pg-regress`). Per file: no statement
 * may crash our server or outlive its time limit, and agreement may not fall below the floor
 * recorded in pg-regress-floors.json — raise a floor when a change lifts a file, never lower
 * one to make a change pass.
 *
 * The files are fetched from Debian's postgresql-15 source package on first use and cached; when
 * Debian cannot be reached the test is skipped, saying why.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PG_BIN, pgAvailable, startPgCluster } from '../harness/pg-cluster.js';
import { agreePercent } from '../harness/pg-regress/file-tally.js';
import { ensureRegressFiles, RegressFilesUnavailable, type RegressFiles } from '../harness/pg-regress/regress-files.js';
import { QUICK_FILES } from '../harness/pg-regress/regress-file-list.js';
import { runRegressFile } from '../harness/pg-regress/run-regress-file.js';

/** Floors live beside the sources (not copied to dist/), so raising one needs no rebuild. */
const FLOORS_PATH = fileURLToPath(new URL('../../../test/e2e/pg-regress-floors.json', import.meta.url));
const OURS_TIMEOUT_MS = 10_000;
const PG_TIMEOUT_MS = 60_000;

interface Floors {
  readonly floors: Readonly<Record<string, number>>;
}

function regressFiles(): RegressFiles | string {
  try {
    return ensureRegressFiles((m) => console.log(m));
  } catch (err) {
    if (err instanceof RegressFilesUnavailable) return `PostgreSQL's regression files are unavailable, pg-regress subset skipped: ${err.message}`;
    throw err;
  }
}

const missingPg = !pgAvailable();
const inCi = Boolean(process.env.CI);

test('PostgreSQL 15 regression files (quick subset) agree with PostgreSQL at least as well as recorded', {
  skip: missingPg && !inCi ? `PostgreSQL 15 not installed in ${PG_BIN}; pg-regress subset skipped` : undefined,
}, async (t) => {
  const files = regressFiles();
  if (typeof files === 'string') {
    t.skip(files);
    return;
  }
  const { floors } = JSON.parse(readFileSync(FLOORS_PATH, 'utf8')) as Floors;
  const cluster = await startPgCluster();
  try {
    for (const file of QUICK_FILES) {
      await t.test(file, async (st) => {
        const result = await runRegressFile(file, { files, cluster, oursTimeoutMs: OURS_TIMEOUT_MS, pgTimeoutMs: PG_TIMEOUT_MS });
        assert.equal(result.error, undefined, `${file} stopped early: ${result.error}`);
        const broken = result.disagreements.filter((d) => d.verdict === 'hang' || d.verdict === 'crash')
          .map((d) => `${d.verdict} at ${d.file}.sql:${d.line}: ${d.sql.slice(0, 200)}`);
        assert.deepEqual(broken, [], 'statements that hung past their time limit or crashed the server');
        const floor = floors[file];
        assert.ok(floor !== undefined, `no floor for ${file} in ${FLOORS_PATH}`);
        const percent = agreePercent(result.tally);
        // The disagreements go into the failure, so a CI log says which statements moved.
        const listed = result.disagreements.map((d) => `  ${d.file}.sql:${d.line} ${d.verdict}: ${d.sql.slice(0, 120).replace(/\s+/g, ' ')}`);
        assert.ok(percent >= floor, `${file}: ${percent} % of ${result.tally.statements} statements agree, below the floor of ${floor} %:\n${listed.join('\n')}`);
        if (percent > floor) st.diagnostic(`${file}: ${percent} % agree, above its floor of ${floor} %: raise the floor`);
      });
    }
  } finally {
    await cluster.stop();
  }
});
