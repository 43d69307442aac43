/**
 * PostgreSQL 15's regression files (`src/test/regress/sql/*.sql` and `data/*`), fetched at test
 * time from Debian's postgresql-15 source package and cached outside the repository: they are
 * PostgreSQL's code, never ours to commit. apt runs with a private state directory and a
 * private deb-src list made from the machine's own Debian entry, so the system's apt
 * configuration is never touched.
 *
 * Cache: $PG_REGRESS_CACHE, else ${XDG_CACHE_HOME:-~/.cache}/thanosql/pg-regress-15/.
 * $PG_REGRESS_DIR may instead name any directory holding sql/ and data/ (e.g. a PostgreSQL
 * source tree's src/test/regress); nothing is fetched then.
 *
 * @example
 *   const files = ensureRegressFiles(); // throws RegressFilesUnavailable with the reason
 *   readFileSync(join(files.sqlDir, 'int4.sql'), 'utf8');
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export interface RegressFiles {
  /** Holds sql/ and data/ (what pg_regress calls the input directory, PG_ABS_SRCDIR). */
  readonly root: string;
  readonly sqlDir: string;
  readonly dataDir: string;
  /** The source package's version, e.g. 15.18. */
  readonly version: string;
}

/** Why the files cannot be had (no Debian, no network); callers skip with this message. */
export class RegressFilesUnavailable extends Error {}

const SOURCE_PACKAGE = 'postgresql-15';
const APT_UPDATE_TIMEOUT_MS = 180_000;
const APT_SOURCE_TIMEOUT_MS = 600_000;
const TAR_TIMEOUT_MS = 300_000;
const VERSION_FILE = 'VERSION';

/** Where the files are cached. */
export function regressCacheDir(): string {
  if (process.env.PG_REGRESS_CACHE) return process.env.PG_REGRESS_CACHE;
  const cacheHome = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(cacheHome, 'thanosql', 'pg-regress-15');
}

function complete(root: string): boolean {
  return existsSync(join(root, 'sql', 'test_setup.sql')) && existsSync(join(root, 'data', 'tenk.data'));
}

function describe(root: string): RegressFiles {
  const versionFile = join(root, VERSION_FILE);
  const version = existsSync(versionFile) ? readFileSync(versionFile, 'utf8').trim() : 'unknown';
  return { root, sqlDir: join(root, 'sql'), dataDir: join(root, 'data'), version };
}

/** The machine's Debian archive as a private deb-src list (deb822 .sources or one-line sources.list). */
function debSrcList(): { name: string; text: string } {
  const partsDir = '/etc/apt/sources.list.d';
  const stanzas: string[] = [];
  if (existsSync(partsDir)) {
    for (const f of readdirSync(partsDir).filter((n) => n.endsWith('.sources'))) {
      stanzas.push(...readFileSync(join(partsDir, f), 'utf8').split(/\n\s*\n/));
    }
  }
  const deb822 = stanzas.find((s) => /^Types:.*\bdeb\b/m.test(s) && !/security/.test(s) && /debian/.test(s));
  if (deb822) return { name: 'src.sources', text: `${deb822.replace(/^Types:.*$/m, 'Types: deb-src').trim()}\n` };
  const listFile = '/etc/apt/sources.list';
  const line = existsSync(listFile)
    ? readFileSync(listFile, 'utf8').split('\n').find((l) => /^deb\s/.test(l) && !/security/.test(l) && /debian/.test(l))
    : undefined;
  if (line) return { name: 'src.list', text: `${line.replace(/^deb\s/, 'deb-src ')}\n` };
  throw new RegressFilesUnavailable('no Debian archive entry in /etc/apt (this is not a Debian machine?)');
}

function run(command: string, args: readonly string[], cwd: string, timeout: number, what: string): void {
  const out = spawnSync(command, args, { cwd, encoding: 'utf8', timeout, stdio: ['ignore', 'pipe', 'pipe'] });
  if (out.error || out.status !== 0) {
    const detail = (out.error?.message ?? `${out.stderr}\n${out.stdout}`).trim().split('\n').slice(-5).join('\n');
    throw new RegressFilesUnavailable(`${what} failed (${out.status ?? out.signal ?? 'not run'}): ${detail}`);
  }
}

/** Downloads the source package and unpacks sql/ and data/ into `target`. */
function fetchInto(target: string, log: (m: string) => void): void {
  if (spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).status !== 0) {
    throw new RegressFilesUnavailable('apt-get is not available (the regression files come from Debian\'s postgresql-15 source package)');
  }
  const work = mkdtempSync(join(tmpdir(), 'pg-regress-fetch-'));
  try {
    const parts = join(work, 'parts');
    const lists = join(work, 'lists');
    mkdirSync(join(lists, 'partial'), { recursive: true });
    mkdirSync(parts);
    const list = debSrcList();
    writeFileSync(join(parts, list.name), list.text);
    const apt = ['-o', 'Dir::Etc::SourceList=/dev/null', '-o', `Dir::Etc::SourceParts=${parts}`, '-o', `Dir::State::Lists=${lists}`];
    log(`fetching ${SOURCE_PACKAGE}'s regression files from Debian (apt-get source) …`);
    run('apt-get', [...apt, 'update', '-qq'], work, APT_UPDATE_TIMEOUT_MS, 'apt-get update (are Debian\'s package servers reachable?)');
    run('apt-get', [...apt, 'source', '--download-only', '-qq', SOURCE_PACKAGE], work, APT_SOURCE_TIMEOUT_MS, `apt-get source ${SOURCE_PACKAGE}`);
    const tarball = readdirSync(work).find((n) => n.startsWith(`${SOURCE_PACKAGE}_`) && n.includes('.orig.tar.'));
    if (!tarball) throw new RegressFilesUnavailable(`apt-get source ${SOURCE_PACKAGE} left no .orig.tar.* in ${work}`);
    const version = /_(.+)\.orig\.tar\./.exec(tarball)![1]!;
    run('tar', ['xf', tarball, '--wildcards', '*/src/test/regress/sql/*', '*/src/test/regress/data/*'], work, TAR_TIMEOUT_MS, `unpacking ${tarball}`);
    const top = readdirSync(work).find((n) => n.startsWith('postgresql-') && existsSync(join(work, n, 'src', 'test', 'regress')));
    if (!top) throw new RegressFilesUnavailable(`${tarball} holds no src/test/regress`);
    const regress = join(work, top, 'src', 'test', 'regress');
    const staging = `${target}.partial-${process.pid}`;
    rmSync(staging, { recursive: true, force: true });
    mkdirSync(staging, { recursive: true });
    renameSync(join(regress, 'sql'), join(staging, 'sql'));
    renameSync(join(regress, 'data'), join(staging, 'data'));
    writeFileSync(join(staging, VERSION_FILE), `${version}\n`);
    // Another run may have filled the cache meanwhile; either copy is the same.
    if (complete(target)) rmSync(staging, { recursive: true, force: true });
    else {
      rmSync(target, { recursive: true, force: true });
      renameSync(staging, target);
    }
    log(`cached PostgreSQL ${version}'s regression files in ${target}`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** The regression files, fetched on first use; throws RegressFilesUnavailable saying why not. */
export function ensureRegressFiles(log: (m: string) => void = (m) => console.error(m)): RegressFiles {
  const local = process.env.PG_REGRESS_DIR;
  if (local) {
    if (!complete(local)) throw new RegressFilesUnavailable(`PG_REGRESS_DIR=${local} has no sql/test_setup.sql and data/tenk.data`);
    return describe(local);
  }
  const cache = regressCacheDir();
  if (!complete(cache)) {
    mkdirSync(dirname(cache), { recursive: true });
    fetchInto(cache, log);
  }
  return describe(cache);
}
