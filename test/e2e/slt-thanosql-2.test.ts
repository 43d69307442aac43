/**
 * The second half of the .slt corpus against our server (see slt-thanosql.test.ts).
 */
import { inShard, isThanosqlOnly } from '../harness/slt-files.js';
import { sltSuite } from '../harness/slt-suite.js';
import { thanosqlTarget } from '../harness/slt-targets.js';
import { loadStartServer } from '../harness/thanosql-server.js';

sltSuite('thanosql (2 of 2)', {
  files: (path) => !isThanosqlOnly(path) && inShard(path, 1, 2),
  start: async () => {
    const start = await loadStartServer();
    if (typeof start === 'string') throw new Error(`cannot start our server: ${start}`);
    return { target: thanosqlTarget(start), stop: async () => undefined };
  },
});
