/**
 * Where the read-only `shared/` folder is: beside the repository (CI lays it there), else
 * /work/shared (the developers' machines). Tests read the tutorial, the recorded client SQL and
 * the real CLIP tokenizer from it; they are never copied into the project.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** dist/test/harness/ → the repository root. */
const REPO_ROOT = fileURLToPath(new URL('../../..', import.meta.url));

const CANDIDATES = [process.env['THANOSQL_SHARED_DIR'], join(REPO_ROOT, '..', 'shared'), '/work/shared'];

/** The shared folder, or throws naming the places looked at. */
export function sharedDir(): string {
  const found = CANDIDATES.find((d): d is string => d !== undefined && existsSync(join(d, 'reference')));
  if (!found) throw new Error(`shared/ not found (looked in ${CANDIDATES.filter(Boolean).join(', ')})`);
  return found;
}

/** A path inside shared/, e.g. sharedPath('reference', 'clients'). */
export function sharedPath(...parts: string[]): string {
  return join(sharedDir(), ...parts);
}
