/**
 * Runs the files PostgreSQL cannot run on our server: ThanoSQL's own statements
 * (test/sql/thanosql/: COPY … OPTIONS, CONVERT, SEARCH IMAGE, PRINT IMAGE, model statements,
 * EXPLAIN) with the sample data and the TEST model, and our optimizer's plans
 * (test/sql/optimizer/). A suite of its own so the rest of the corpus keeps its time budget.
 */
import { sltSuite } from '../harness/slt-suite.js';
import { isThanosqlOnly } from '../harness/slt-files.js';
import { thanosqlTarget } from '../harness/slt-targets.js';
import { loadStartServer } from '../harness/thanosql-server.js';

sltSuite('thanosql statements', {
  files: isThanosqlOnly,
  start: async () => {
    const start = await loadStartServer();
    if (typeof start === 'string') throw new Error(`cannot start our server: ${start}`);
    return { target: thanosqlTarget(start), stop: async () => undefined };
  },
});
