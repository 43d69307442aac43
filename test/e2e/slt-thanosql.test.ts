/**
 * Runs the .slt corpus against our server, started in-process on a fresh data dir per file:
 * the first half of the files (every other one; the rest in slt-thanosql-2.test.ts, so each
 * half keeps the runner's per-file time limit and the two run side by side). ThanoSQL's own
 * statements under test/sql/thanosql/ run in slt-thanosql-statements.test.ts.
 */
import { inShard, isThanosqlOnly } from '../harness/slt-files.js';
import { sltSuite } from '../harness/slt-suite.js';
import { thanosqlTarget } from '../harness/slt-targets.js';
import { loadStartServer } from '../harness/thanosql-server.js';

sltSuite('thanosql (1 of 2)', {
  files: (path) => !isThanosqlOnly(path) && inShard(path, 0, 2),
  start: async () => {
    const start = await loadStartServer();
    if (typeof start === 'string') throw new Error(`cannot start our server: ${start}`);
    return { target: thanosqlTarget(start), stop: async () => undefined };
  },
});
