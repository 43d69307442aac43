/** isInsideDir: the containment check COPY, CONVERT/SEARCH and the gallery's /images/ route share. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isInsideDir } from '../../../src/common/path-inside.js';

const DATA = '/srv/data';

test('relative and absolute paths under the directory are inside', () => {
  assert.equal(isInsideDir(DATA, 'tutorial_data/a.jpg'), true);
  assert.equal(isInsideDir(DATA, 'x/../y.csv'), true);
  assert.equal(isInsideDir(DATA, '/srv/data/t.csv'), true);
  assert.equal(isInsideDir(DATA, '.'), true);
  // Only a whole `..` segment leaves the directory, not a name starting with two dots.
  assert.equal(isInsideDir(DATA, '..data.csv'), true);
});

test('paths that leave the directory are outside', () => {
  assert.equal(isInsideDir(DATA, '..'), false);
  assert.equal(isInsideDir(DATA, '../etc/passwd'), false);
  assert.equal(isInsideDir(DATA, 'x/../../y'), false);
  assert.equal(isInsideDir(DATA, '/etc/passwd'), false);
  assert.equal(isInsideDir(DATA, '/srv/database/t.csv'), false);
});
