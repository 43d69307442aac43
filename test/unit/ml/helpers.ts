/** Shared fixtures for the ml unit tests: a generated TEST model and the real CLIP tokenizer files. */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeTestModel, type TestModelOptions } from '../../../src/tools/test-model/write-test-model.js';
import { sharedPath } from '../../harness/shared-dir.js';

/** A fresh temporary directory; remove it with `cleanup`. */
export async function tempDir(prefix = 'ml-test-'): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix));
}

export async function cleanup(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}

/** Writes the colour TEST model into a new temporary directory. */
export async function testModelDir(options: TestModelOptions = {}): Promise<string> {
  const dir = await tempDir('ml-model-');
  await writeTestModel(dir, options);
  return dir;
}

/**
 * The real CLIP tokenizer directory from shared/reference (test/harness/shared-dir.ts finds it),
 * or undefined when it is not there.
 */
export function clipTokenizerDir(): string | undefined {
  const candidates = [process.env['CLIP_TOKENIZER_DIR'], sharedPath('reference', 'clip-tokenizer')];
  return candidates.find((d): d is string => d !== undefined && existsSync(join(d, 'tokenizer.json')));
}

/** Dot product of two equal-length vectors. */
export function dot(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}
