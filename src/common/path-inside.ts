/**
 * Lexical containment of a path in a directory: the one check behind COPY's file paths,
 * CONVERT/SEARCH image paths and the gallery's `/images/` route, which all confine reads to
 * the data directory. Symlinks are not followed (the HTTP route checks `realpath` itself).
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
