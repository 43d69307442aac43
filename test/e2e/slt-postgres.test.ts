/**
 * Runs the .slt corpus against a real PostgreSQL 15 (the oracle), proving every expected
 * result is PostgreSQL's. Without the binaries the suite is skipped locally but fails in CI.
 */
import { pgAvailable, PG_BIN, startPgCluster } from '../harness/pg-cluster.js';
import { runsOn } from '../harness/slt-files.js';
import { sltSuite } from '../harness/slt-suite.js';
import { postgresTarget } from '../harness/slt-targets.js';

const missing = !pgAvailable();
const inCi = Boolean(process.env.CI);

sltSuite('postgres', {
  files: (path) => runsOn(path, 'postgres'),
  skip: missing && !inCi ? `PostgreSQL 15 not installed in ${PG_BIN} (apt-get install postgresql-15); oracle run skipped` : undefined,
  start: async () => {
    const cluster = await startPgCluster();
    return { target: postgresTarget(cluster), stop: () => cluster.stop() };
  },
});
