/**
 * ClipTokenizer on the real CLIP vocabulary (skipped when shared/reference/clip-tokenizer is
 * absent): normalisation, BOS/EOS, padding to 77 with an attention mask, truncation.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ClipTokenizer, CLIP_CONTEXT_LENGTH } from '../../../src/ml/inference/embed/tokenizer.js';
import { clipTokenizerDir } from './helpers.js';

const dir = clipTokenizerDir();
const skip = dir === undefined ? 'shared/reference/clip-tokenizer not found' : false;
let loaded: Promise<ClipTokenizer> | undefined;
const load = () => (loaded ??= ClipTokenizer.fromFile(join(dir!, 'tokenizer.json')));

test('real CLIP vocabulary: "a photo of a cat"', { skip }, async () => {
  const tok = await load();
  assert.deepEqual(tok.encodeOne('a photo of a cat'), [49406, 320, 1125, 539, 320, 2368, 49407]);
});

test('real CLIP vocabulary: normalisation (case, whitespace) and punctuation', { skip }, async () => {
  const tok = await load();
  assert.deepEqual(tok.encodeOne('A   Photo of a CAT'), tok.encodeOne('a photo of a cat'));
  assert.deepEqual(tok.encodeOne('a dog!').slice(1, 3), [320, 1929]);
  assert.equal(tok.encodeOne('').length, 2);
});

test('BOS/EOS come from the post-processor', { skip }, async () => {
  const tok = await load();
  assert.equal(tok.bosId, 49406);
  assert.equal(tok.eosId, 49407);
});

test('batch is padded to 77 with EOS and a zero attention mask', { skip }, async () => {
  const tok = await load();
  const batch = tok.encode(['a photo of a cat', 'dog']);
  assert.equal(batch.contextLength, CLIP_CONTEXT_LENGTH);
  assert.equal(batch.inputIds.length, 2 * 77);
  assert.deepEqual([...batch.inputIds.slice(0, 8)].map(Number), [49406, 320, 1125, 539, 320, 2368, 49407, 49407]);
  assert.deepEqual([...batch.attentionMask.slice(0, 8)].map(Number), [1, 1, 1, 1, 1, 1, 1, 0]);
  assert.equal(Number(batch.inputIds[77]), 49406);
  assert.equal(batch.attentionMask.slice(77).reduce((a, b) => a + b, 0n), 3n);
});

test('long text is truncated keeping BOS and a final EOS', { skip }, async () => {
  const tok = await load();
  const ids = tok.encodeOne(Array.from({ length: 100 }, () => 'cat').join(' '));
  assert.equal(ids.length, 77);
  assert.equal(ids[0], 49406);
  assert.equal(ids[75], 2368);
  assert.equal(ids[76], 49407);
});
