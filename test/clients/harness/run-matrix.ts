/**
 * Command line: runs client programs outside node:test and prints one line per scenario, marking
 * known failures. `node dist/test/clients/harness/run-matrix.js [client…]` (all clients by default).
 */
import { CLIENT_PROGRAMS } from './client-programs.js';
import { startClientServers } from './client-servers.js';
import { runClientProgram } from './run-client-program.js';
import { expectedFailures, scenariosFor } from './scenario-list.js';

const PROGRAM_TIMEOUT_MS = 6 * 60_000;

async function main(): Promise<void> {
  const wanted = process.argv.slice(2);
  const clients = wanted.length ? wanted : Object.keys(CLIENT_PROGRAMS);
  for (const client of clients) {
    const program = CLIENT_PROGRAMS[client];
    if (!program) throw new Error(`unknown client ${client}; known: ${Object.keys(CLIENT_PROGRAMS).join(', ')}`);
    const missing = program.missing();
    if (missing) {
      console.log(`${client}: skipped (${missing})`);
      continue;
    }
    const servers = await startClientServers();
    const run = await runClientProgram(program.command, program.args, servers.env, PROGRAM_TIMEOUT_MS, program.cwd).finally(() => servers.close());
    const known = expectedFailures()[client] ?? {};
    for (const scenario of scenariosFor(client)) {
      const result = run.results.get(scenario);
      const mark = result?.ok ? (known[scenario] ? 'PASS (listed as expected failure)' : 'pass') : known[scenario] ? 'todo' : 'FAIL';
      const why = result?.ok ? '' : ` — ${(result?.error ?? 'not reported').split('\n')[0]}`;
      console.log(`${client}\t${scenario}\t${mark}${why}`);
    }
    if (run.results.size === 0) console.log(run.summary);
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
