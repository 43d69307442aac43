/**
 * Directories for a ThanoSQL .slt file: the built-in sample data set (54 generated photos and
 * their CSV, in the tutorial's schema) in the data dir, and the TEST model under
 * `test-clip/` in the models dir. The TEST model is generated once per process and copied.
 */
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from './slt-files.js';

export const SLT_TEST_MODEL_DIR = 'test-clip';

interface ToolsModule {
  makeSampleData(dataDir: string): Promise<unknown>;
  writeTestModel(dir: string): Promise<unknown>;
}

let generated: Promise<string> | undefined;

async function tools(): Promise<ToolsModule> {
  return (await import(join(REPO_ROOT, 'dist', 'src', 'tools', 'index.js'))) as ToolsModule;
}

/** Writes the sample data into `dataDir` and the TEST model into `modelsDir/test-clip`. */
export async function prepareClipDirs(dataDir: string, modelsDir: string): Promise<void> {
  const mod = await tools();
  generated ??= (async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'slt-test-model-')), SLT_TEST_MODEL_DIR);
    await mod.writeTestModel(dir);
    return dir;
  })();
  cpSync(await generated, join(modelsDir, SLT_TEST_MODEL_DIR), { recursive: true });
  await mod.makeSampleData(dataDir);
}
