/**
 * Reads, parses and runs one .slt file on a target, closing its database afterwards; with
 * `complete` the file's expected output is rewritten from this target's results.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { completeSlt } from './complete-slt.js';
import { parseSlt } from './parse-slt.js';
import { runSlt, type SltRunResult } from './run-slt.js';
import { displayPath } from './slt-files.js';
import type { SltTarget } from './slt-targets.js';

export interface FileRunResult extends SltRunResult {
  readonly path: string;
  /** True when --complete changed the file. */
  readonly rewritten: boolean;
}

/** Runs `path` on `target`. Parse and connection errors are thrown. */
export async function runSltFile(path: string, target: SltTarget, complete = false): Promise<FileRunResult> {
  const text = readFileSync(path, 'utf8');
  const file = parseSlt(displayPath(path), text);
  const db = await target.open(path);
  let result: SltRunResult;
  try {
    result = await runSlt(file, db.client, target.name);
  } finally {
    await db.close();
  }
  let rewritten = false;
  if (complete) {
    const next = completeSlt(file, result.outcomes);
    if (next !== text) {
      writeFileSync(path, next);
      rewritten = true;
    }
  }
  return { ...result, path: file.path, rewritten };
}
