/** The model registry over a real store: seeding, persistence, 42710/42704, lower-casing. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { SqlError } from '../../../src/common/sql-error.js';
import { ModelRegistry } from '../../../src/ml/sql/models/model-registry.js';
import { openStore } from '../../../src/storage/index.js';
import { cleanup, tempDir } from './helpers.js';

const code = (c: string) => (err: unknown) => err instanceof SqlError && err.code === c;

test('registry: seeds tutorial_search_clip once, persists changes, keeps a deletion', async () => {
  const dir = await tempDir();
  try {
    let store = openStore(join(dir, 'store'));
    let registry = ModelRegistry.open(store, '/models');
    assert.deepEqual(registry.list().map((m) => [m.name, m.path, m.fetchable]), [['tutorial_search_clip', '/models/clipen', true]]);
    registry.put({ name: 'mine', base: 'clipen', path: '/x', variant: 'quantized', fetchable: false }, false);
    assert.throws(() => registry.put({ name: 'mine', base: 'clipen', path: '/y', variant: 'fp32', fetchable: false }, false), code('42710'));
    registry.delete('TUTORIAL_SEARCH_CLIP');
    assert.throws(() => registry.delete('tutorial_search_clip'), code('42704'));
    await store.close();
    store = openStore(join(dir, 'store'));
    registry = ModelRegistry.open(store, '/models');
    assert.deepEqual(registry.list().map((m) => [m.name, m.variant]), [['mine', 'quantized']]);
    assert.equal(registry.get('MINE')?.path, '/x');
    await store.close();
  } finally {
    await cleanup(dir);
  }
});
