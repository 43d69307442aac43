/**
 * Functions that exist only for the server's own reliability tests, registered in an engine
 * thread when the environment has THANOSQL_TEST_HOOKS=1 (never otherwise). They misbehave on
 * purpose, so tests can show that the server survives what no built-in is allowed to do.
 */
import { builtinRegistry } from '../functions/index.js';
import { T } from '../types/sql-type.js';

/** The environment switch. */
export const TEST_HOOKS_ENV = 'THANOSQL_TEST_HOOKS';

/**
 * `thanosql_test_block(ms)`: keeps its engine thread busy for `ms` milliseconds without ever
 * yielding or checking for a cancel — what a runaway statement looks like to the watchdog.
 */
export function registerTestHooks(): void {
  builtinRegistry.addScalar({
    name: 'thanosql_test_block',
    overloads: [{
      args: [T.int4], returns: T.int4, volatility: 'volatile', strict: true,
      call: ([ms]) => {
        const end = Date.now() + (ms as number);
        let spins = 0;
        while (Date.now() < end) spins++;
        return spins > 0 ? 1 : 0;
      },
    }],
  });
}
