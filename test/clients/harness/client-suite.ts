/**
 * node:test glue: for each client, start fresh servers, run its program once, then report every
 * scenario as a subtest. A scenario listed in expected-failures.json that fails is a `todo`
 * carrying the reason (the missing server feature); one that passes is reported so the entry can
 * be deleted; an unlisted failure fails the run.
 */
import assert from 'node:assert/strict';
import { appendFileSync } from 'node:fs';
import { describe, it, type TestContext } from 'node:test';
import { CLIENT_PROGRAMS } from './client-programs.js';
import { startClientServers } from './client-servers.js';
import { runClientProgram, type ScenarioResult } from './run-client-program.js';
import { expectedFailures, scenariosFor } from './scenario-list.js';

/** Generous: a JVM start, a cancelled 0.5 s query and ~40 scenarios. */
const PROGRAM_TIMEOUT_MS = 6 * 60_000;

/** CLIENTS_REPORT=<file> appends every result as a JSON line (used to refresh expected-failures.json). */
const REPORT_FILE = process.env.CLIENTS_REPORT;

/** Defines one describe() per client; each runs its program in a single test with scenario subtests. */
export function clientSuite(family: string, clients: readonly string[]): void {
  describe(`client matrix: ${family}`, { concurrency: 1 }, () => {
    for (const client of clients) {
      const program = CLIENT_PROGRAMS[client];
      if (!program) throw new Error(`no program for client ${client}`);
      const missing = program.missing();
      it(client, { timeout: PROGRAM_TIMEOUT_MS + 60_000, ...(missing ? { skip: missing } : {}) }, async (t) => {
        const servers = await startClientServers();
        let run;
        try {
          run = await runClientProgram(program.command, program.args, servers.env, PROGRAM_TIMEOUT_MS, program.cwd);
        } finally {
          await servers.close();
        }
        const known = expectedFailures()[client] ?? {};
        for (const scenario of scenariosFor(client)) {
          const result: ScenarioResult = run.results.get(scenario)
            ?? { client, scenario, ok: false, error: `program did not report this scenario (${run.summary})` };
          if (REPORT_FILE) appendFileSync(REPORT_FILE, `${JSON.stringify(result)}\n`);
          const reason = known[scenario];
          await t.test(scenario, result.ok || reason === undefined ? {} : { todo: reason }, (st: TestContext) => {
            if (result.ok && reason !== undefined) st.diagnostic(`passes now: delete ${client}.${scenario} from test/clients/expected-failures.json`);
            assert.ok(result.ok, result.error ?? 'failed');
          });
        }
        const extra = [...run.results.keys()].filter((s) => !scenariosFor(client).includes(s));
        await t.test('reports only listed scenarios', () => assert.deepEqual(extra, [], 'scenario ids missing from scenarios.json'));
      });
    }
  });
}
