/**
 * Command line for the .slt harness.
 *
 *   node dist/test/harness/slt-cli.js [--target=postgres|thanosql|both] [--complete] [--summary] [filter…]
 *
 * Filters are substrings of file paths (e.g. `types/` or `select/where.slt`). `--complete`
 * runs on PostgreSQL only and rewrites expected output from its results; records that
 * PostgreSQL skips (`onlyif thanosql`) keep their text. `--summary` prints one line per failing
 * file and a count of failure reasons instead of every mismatch. Exit status 1 if anything failed.
 * SLT_COMPLETE=1 in the environment is the same as --complete.
 */
import { loadStartServer } from './thanosql-server.js';
import { startPgCluster, type PgCluster } from './pg-cluster.js';
import { formatFailures } from './run-slt.js';
import { runSltFile } from './run-slt-file.js';
import { displayPath, listSltFiles, runsOn } from './slt-files.js';
import { postgresTarget, thanosqlTarget, type SltTarget } from './slt-targets.js';

const args = process.argv.slice(2);
const complete = args.includes('--complete') || process.env.SLT_COMPLETE === '1';
const targetArg = args.find((a) => a.startsWith('--target='))?.slice('--target='.length) ?? (complete ? 'postgres' : 'both');
const filters = args.filter((a) => !a.startsWith('--'));
const summary = args.includes('--summary');

/** Failure reasons counted across files (first line of each message), for --summary. */
const reasons = new Map<string, number>();
function countReason(message: string): void {
  const reason = message.split('\n')[0].slice(0, 160);
  reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
}

async function main(): Promise<number> {
  if (complete && targetArg !== 'postgres') {
    console.error('--complete takes expected output from PostgreSQL only (--target=postgres)');
    return 2;
  }
  const files = listSltFiles().filter((f) => filters.length === 0 || filters.some((s) => displayPath(f).includes(s)));
  if (files.length === 0) {
    console.error('no .slt files match');
    return 2;
  }
  const targets: SltTarget[] = [];
  let cluster: PgCluster | undefined;
  try {
    if (targetArg === 'postgres' || targetArg === 'both') {
      cluster = await startPgCluster();
      targets.push(postgresTarget(cluster));
    }
    if (targetArg === 'thanosql' || targetArg === 'both') {
      const start = await loadStartServer();
      if (typeof start === 'string') {
        console.error(`thanosql target unavailable: ${start}`);
        return 1;
      }
      targets.push(thanosqlTarget(start));
    }
    let failedFiles = 0;
    let records = 0;
    for (const target of targets) {
      let passed = 0;
      let failed = 0;
      for (const path of files.filter((f) => runsOn(f, target.name))) {
        try {
          const result = await runSltFile(path, target, complete);
          records += result.ran;
          const failures = complete ? result.failures.filter((f) => f.kind !== 'output') : result.failures;
          const note = result.rewritten ? ' (rewritten)' : '';
          if (failures.length === 0) {
            passed++;
            console.log(`ok   ${target.name} ${displayPath(path)}${note}`);
          } else {
            failed++;
            failures.forEach((f) => countReason(f.message));
            if (summary) console.log(`FAIL ${target.name} ${displayPath(path)}${note} (${failures.length} records)`);
            else console.log(`FAIL ${target.name} ${displayPath(path)}${note}\n${formatFailures(displayPath(path), failures)}\n`);
          }
        } catch (err) {
          failed++;
          console.log(`FAIL ${target.name} ${displayPath(path)}: ${err instanceof Error ? err.message : String(err)}`);
        }
      }
      console.log(`${target.name}: ${passed} files passed, ${failed} files failed`);
      failedFiles += failed;
    }
    console.log(`${records} records run`);
    if (summary) {
      console.log('\nfailure reasons (count):');
      for (const [reason, n] of [...reasons].sort((a, b) => b[1] - a[1])) console.log(`${String(n).padStart(5)}  ${reason}`);
    }
    return failedFiles === 0 ? 0 : 1;
  } finally {
    await cluster?.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
