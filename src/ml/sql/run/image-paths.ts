/**
 * Image paths in tables are relative to the data directory (ThanoSQL's `tutorial_data/…`), like
 * COPY's file paths. The lexical check runs here, before any work, so a path that leaves the
 * data directory (or names the server's own files) fails the statement with 42501 at once; the
 * CLIP workers open each file through the same policy again (symlinks resolved, regular files
 * only), so a link that escapes gives that row a NULL embedding.
 */
import { resolveDataPath, type DataFilePolicy } from '../../../common/data-path.js';

/** The policy image files are opened under. */
export function imagePolicy(dataDir: string, allowAbsolute: boolean): DataFilePolicy {
  return { dataDir, allowOutside: allowAbsolute };
}

/**
 * Checks every path lexically (42501 for the first that escapes), returning them unchanged: the
 * workers resolve them against the policy's data directory.
 */
export function checkImagePaths(paths: readonly string[], policy: DataFilePolicy): readonly string[] {
  for (const path of paths) resolveDataPath(policy, path, 'image');
  return paths;
}
