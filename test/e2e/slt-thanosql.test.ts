/**
 * Runs the .slt corpus against our server, started in-process on a fresh data dir per file
 * (ThanoSQL's own statements under test/sql/thanosql/ run in slt-thanosql-statements.test.ts).
 */
import { isThanosqlOnly } from '../harness/slt-files.js';
import { sltSuite } from '../harness/slt-suite.js';
import { thanosqlTarget } from '../harness/slt-targets.js';
import { loadStartServer } from '../harness/thanosql-server.js';

sltSuite('thanosql', {
  files: (path) => !isThanosqlOnly(path),
  start: async () => {
    const start = await loadStartServer();
    if (typeof start === 'string') throw new Error(`cannot start our server: ${start}`);
    return { target: thanosqlTarget(start), stop: async () => undefined };
  },
});
