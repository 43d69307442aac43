/** Locates the .slt corpus (test/sql/**) from the compiled harness. */
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Repository root (compiled file lives in dist/test/harness/). */
export const REPO_ROOT = fileURLToPath(new URL('../../..', import.meta.url));
export const SLT_ROOT = join(REPO_ROOT, 'test', 'sql');

/** Every .slt file under `dir`, sorted, as absolute paths. */
export function listSltFiles(dir: string = SLT_ROOT): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...listSltFiles(full));
    else if (name.endsWith('.slt')) out.push(full);
  }
  return out.sort();
}

/**
 * ThanoSQL's own statements (COPY … OPTIONS, CONVERT, SEARCH IMAGE, PRINT IMAGE, model
 * statements, their EXPLAIN) live under test/sql/thanosql/. PostgreSQL cannot run them, so
 * they run on our server only, with the sample data set and the TEST model (whose meaning —
 * colour — is known by construction, so the expected output is written by hand).
 */
export const THANOSQL_SLT_ROOT = join(SLT_ROOT, 'thanosql');

/**
 * Our optimizer's plans (EXPLAIN's text is ours, not PostgreSQL's) and its rules switched off
 * with `thanosql.disabled_optimizers`: on our server only too, without the sample data.
 */
export const OPTIMIZER_SLT_ROOT = join(SLT_ROOT, 'optimizer');

/** Whether the file runs on our server only (PostgreSQL cannot run it). */
export function isThanosqlOnly(path: string): boolean {
  return [THANOSQL_SLT_ROOT, OPTIMIZER_SLT_ROOT].some((root) => path.startsWith(root + '/'));
}

/** Whether the file needs the sample data set and the TEST model (clip-dirs.ts). */
export function needsClipDirs(path: string): boolean {
  return path.startsWith(THANOSQL_SLT_ROOT + '/');
}

/** Whether `path` runs on `target`: everything on our server, all but ThanoSQL's own on PostgreSQL. */
export function runsOn(path: string, target: 'postgres' | 'thanosql'): boolean {
  return target === 'thanosql' || !isThanosqlOnly(path);
}

/**
 * The files of shard `index` of `count` (every count-th file of the sorted corpus), so one
 * target's run can be split across test files that each keep the runner's per-file time limit
 * and run side by side.
 */
export function inShard(path: string, index: number, count: number): boolean {
  return listSltFiles().indexOf(path) % count === index;
}

/** Path relative to the repo root, for messages. */
export function displayPath(path: string): string {
  return relative(REPO_ROOT, path);
}
