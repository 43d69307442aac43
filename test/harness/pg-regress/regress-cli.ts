/**
 * `npm run pg-regress [-- options] [files…]`: fetches PostgreSQL 15's regression files (once,
 * cached), runs each file on PostgreSQL 15 and on our server statement by statement, prints
 * the per-file table and the top causes, and writes the JSON report.
 *
 *   --fetch-only        fetch (or find) the files and print where they are
 *   --jobs=N            files run N at a time, each job with its own PostgreSQL cluster (default 1)
 *   --out=PATH          JSON report (default scripts/pg-regress/results/latest.json)
 *   --timeout-ms=N      per-statement limit on our side (default 10000)
 *   --causes=N          causes printed (default 30)
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PG_BIN, pgAvailable, startPgCluster } from '../pg-cluster.js';
import { ensureRegressFiles, RegressFilesUnavailable } from './regress-files.js';
import { REGRESS_FILES } from './regress-file-list.js';
import { buildReport, formatCauses, formatTable } from './regress-report.js';
import { PG_REGRESS_SETTINGS } from './regress-session.js';
import { runRegressFile, type FileResult } from './run-regress-file.js';
import { agreePercent } from './file-tally.js';

/** dist/test/harness/pg-regress/ → the repository root. */
const REPO_ROOT = fileURLToPath(new URL('../../../..', import.meta.url));
const DEFAULT_OUT = join(REPO_ROOT, 'scripts', 'pg-regress', 'results', 'latest.json');
const OURS_TIMEOUT_MS = 10_000;
const PG_TIMEOUT_MS = 60_000;

interface CliOptions {
  fetchOnly: boolean;
  jobs: number;
  out: string;
  timeoutMs: number;
  causes: number;
  files: string[];
}

function parseArgs(argv: readonly string[]): CliOptions {
  const o: CliOptions = { fetchOnly: false, jobs: 1, out: DEFAULT_OUT, timeoutMs: OURS_TIMEOUT_MS, causes: 30, files: [] };
  for (const arg of argv) {
    const [flag, value] = arg.split('=', 2) as [string, string | undefined];
    if (flag === '--fetch-only') o.fetchOnly = true;
    else if (flag === '--jobs') o.jobs = Math.max(1, Number(value));
    else if (flag === '--out') o.out = resolve(value ?? DEFAULT_OUT);
    else if (flag === '--timeout-ms') o.timeoutMs = Number(value);
    else if (flag === '--causes') o.causes = Number(value);
    else if (flag.startsWith('--')) throw new Error(`unknown option ${arg}`);
    else o.files.push(arg.replace(/\.sql$/, ''));
  }
  return o;
}

function commandOutput(command: string, args: readonly string[]): string {
  const out = spawnSync(command, args, { encoding: 'utf8', cwd: REPO_ROOT });
  return out.status === 0 ? out.stdout.trim() : 'unknown';
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const files = ensureRegressFiles();
  if (options.fetchOnly) {
    console.log(`PostgreSQL ${files.version} regression files: ${files.root}`);
    return;
  }
  if (!pgAvailable()) throw new Error(`PostgreSQL 15 binaries not found in ${PG_BIN} (apt-get install postgresql-15)`);
  const names = options.files.length > 0 ? options.files : [...REGRESS_FILES];
  const started = Date.now();
  const results: FileResult[] = [];
  const queue = [...names];
  const worker = async () => {
    const cluster = await startPgCluster();
    try {
      for (let name = queue.shift(); name !== undefined; name = queue.shift()) {
        const result = await runRegressFile(name, { files, cluster, oursTimeoutMs: options.timeoutMs, pgTimeoutMs: PG_TIMEOUT_MS });
        results.push(result);
        const t = result.tally;
        console.error(`${name}: ${t.statements} statements, ${agreePercent(t).toFixed(1)} % agree, ${t.hang} hangs, ${t.crash} crashes (${(result.ms / 1000).toFixed(1)} s)${result.error ? ` — stopped: ${result.error}` : ''}`);
      }
    } finally {
      await cluster.stop();
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.jobs, names.length) }, worker));
  results.sort((a, b) => names.indexOf(a.file) - names.indexOf(b.file));
  const durationMs = Date.now() - started;
  const report = buildReport(results, {
    postgresVersion: commandOutput(join(PG_BIN, 'postgres'), ['--version']),
    regressFilesVersion: files.version,
    thanosqlCommit: commandOutput('git', ['rev-parse', '--short', 'HEAD']),
    settings: Object.fromEntries(PG_REGRESS_SETTINGS),
    timeoutsMs: { thanosql: options.timeoutMs, postgres: PG_TIMEOUT_MS },
    durationMs,
  });
  mkdirSync(dirname(options.out), { recursive: true });
  writeFileSync(options.out, `${JSON.stringify(report, null, 1)}\n`);
  console.log(formatTable(results));
  console.log(`\nTop causes (statements; knock-ons failed only because an earlier statement failed only on our side):\n`);
  console.log(formatCauses(report.topCauses, options.causes));
  const setting = results.flatMap((r) => r.settingErrors);
  if (setting.length > 0) console.log(`\nSession settings our server refused: ${[...new Set(setting)].join('; ')}`);
  console.log(`\n${names.length} files in ${(durationMs / 1000).toFixed(0)} s; JSON report: ${options.out}`);
}

main().catch((err: unknown) => {
  if (err instanceof RegressFilesUnavailable) console.error(`PostgreSQL's regression files are unavailable: ${err.message}`);
  else console.error(err);
  process.exit(1);
});
