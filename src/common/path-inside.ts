/**
 * Lexical containment of a path in a directory. User paths under the data directory go through
 * `data-path.ts` (which uses this, then resolves symlinks and checks again); BUILD MODEL's
 * model_path uses it directly against the models directory.
 */
import { isAbsolute, relative, resolve, sep } from 'node:path';

/**
 * Whether `path` (relative to `dir`, or absolute) resolves to `dir` or something under it.
 * A name that merely starts with `..` (`..data.csv`) is inside.
 * @example
 * isInsideDir('/srv/data', 'tutorial_data/a.jpg') // true
 * isInsideDir('/srv/data', '../etc/passwd')       // false
 */
export function isInsideDir(dir: string, path: string): boolean {
  const rel = relative(dir, resolve(dir, path));
  return rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
}
