/**
 * Where a vector index's shards live and how they are written: `<store>/vector-indexes/<oid>/`
 * (inside the store directory, so SQL can never read or write them — common/data-path.ts), one
 * usearch file per shard with a generation number, and a manifest naming that file and the row
 * groups it covers. A save writes and fsyncs the new file, then atomically renames a new
 * manifest over the old one, then deletes the old file: a crash at any point leaves a manifest
 * and the file it names, consistent with each other. What they cover may lag the table; the
 * search path never trusts it beyond the groups the manifest lists (index-shard.ts).
 */
import { closeSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The directory under the store holding every vector index. */
export const VECTOR_INDEX_DIR = 'vector-indexes';
const MANIFEST_VERSION = 1;

/** What the workers are told about an index (from its catalog entry). */
export interface VectorIndexSpec {
  readonly storeDir: string;
  readonly oid: number;
  readonly tableId: number;
  readonly columnId: number;
  readonly dim: number;
  readonly m: number;
  readonly efConstruction: number;
  readonly quantization: 'f32' | 'f16' | 'i8';
  /** Shards = vector workers when it was built; shard i belongs to worker i. */
  readonly shards: number;
}

/** What one shard's file holds: the spec it was built for (less the directory), and its coverage. */
export interface ShardManifest extends Omit<VectorIndexSpec, 'storeDir'> {
  readonly version: number;
  readonly shard: number;
  /** The usearch file, in the same directory. */
  readonly file: string;
  /** Covered row groups: [id, rowCount, rows without a score …]. */
  readonly groups: readonly (readonly number[])[];
  /** Rows in the file of groups no longer covered (index-shard.ts); absent = 0. */
  readonly deadRows?: number;
}

export function indexDir(storeDir: string, oid: number): string {
  return join(storeDir, VECTOR_INDEX_DIR, String(oid));
}

function manifestPath(storeDir: string, oid: number, shard: number): string {
  return join(indexDir(storeDir, oid), `shard-${shard}.json`);
}

/** The shard's manifest, or undefined if there is none or it cannot be read. */
export function readManifest(storeDir: string, oid: number, shard: number): ShardManifest | undefined {
  try {
    const manifest = JSON.parse(readFileSync(manifestPath(storeDir, oid, shard), 'utf8')) as ShardManifest;
    return manifest.version === MANIFEST_VERSION ? manifest : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Saves a shard: `write(path)` writes the index file; then the manifest (without `version` and
 * `file`, which are filled in here) replaces the old one atomically. Leftover files of earlier
 * generations are removed last.
 */
export function saveShard(storeDir: string, manifest: Omit<ShardManifest, 'version' | 'file'>, write: (path: string) => void): void {
  const dir = indexDir(storeDir, manifest.oid);
  mkdirSync(dir, { recursive: true });
  const previous = readManifest(storeDir, manifest.oid, manifest.shard);
  const generation = (previous ? Number(previous.file.split('.')[1]) || 0 : 0) + 1;
  const file = `shard-${manifest.shard}.${generation}.usearch`;
  write(join(dir, file));
  fsyncPath(join(dir, file));
  const tmp = `${manifestPath(storeDir, manifest.oid, manifest.shard)}.tmp`;
  writeFileSync(tmp, JSON.stringify({ version: MANIFEST_VERSION, ...manifest, file }));
  fsyncPath(tmp);
  renameSync(tmp, manifestPath(storeDir, manifest.oid, manifest.shard));
  fsyncPath(dir);
  removeStaleFiles(storeDir, manifest.oid, manifest.shard, file);
}

/** Deletes the shard's files other than `keep` (earlier generations, temporaries of a crash). */
export function removeStaleFiles(storeDir: string, oid: number, shard: number, keep: string | undefined): void {
  const dir = indexDir(storeDir, oid);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    if (name.startsWith(`shard-${shard}.`) && name.endsWith('.usearch') && name !== keep) rmSync(join(dir, name), { force: true });
    if (name === `shard-${shard}.json.tmp`) rmSync(join(dir, name), { force: true });
  }
}

/** The index oids that have a directory, with its age in ms. */
export function listIndexDirs(storeDir: string): { oid: number; ageMs: number }[] {
  const root = join(storeDir, VECTOR_INDEX_DIR);
  let names: string[];
  try {
    names = readdirSync(root);
  } catch {
    return [];
  }
  return names.filter((n) => /^\d+$/.test(n)).map((n) => ({ oid: Number(n), ageMs: Date.now() - statSync(join(root, n)).mtimeMs }));
}

/** Removes one shard's files (and the directory once no shard is left). */
export function removeShard(storeDir: string, oid: number, shard: number): void {
  const dir = indexDir(storeDir, oid);
  rmSync(manifestPath(storeDir, oid, shard), { force: true });
  removeStaleFiles(storeDir, oid, shard, undefined);
  try {
    if (readdirSync(dir).length === 0) rmSync(dir, { recursive: true, force: true });
  } catch {
    // already gone
  }
}

function fsyncPath(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
