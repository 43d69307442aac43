/** relativeImagePath: the image_url / PRINT IMAGE side of the one data-path resolver (common/data-path.ts). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { relativeImagePath } from '../../../src/common/image-url-path.js';

const DATA = '/srv/data';

test('paths inside the data directory become data-dir-relative, / separated', () => {
  assert.equal(relativeImagePath(DATA, 'tutorial_data/a.jpg'), 'tutorial_data/a.jpg');
  assert.equal(relativeImagePath(DATA, '/srv/data/x/../b.png'), 'b.png');
  assert.equal(relativeImagePath(DATA, 'dir\\c.jpg'), 'dir/c.jpg');
});

test('outside, empty, the directory itself and the server\'s own files give null', () => {
  assert.equal(relativeImagePath(DATA, '../etc/passwd'), null);
  assert.equal(relativeImagePath(DATA, '/etc/passwd'), null);
  assert.equal(relativeImagePath(DATA, ''), null);
  assert.equal(relativeImagePath(DATA, '.'), null);
  assert.equal(relativeImagePath(DATA, 'store/data.mdb'), null);
  assert.equal(relativeImagePath(DATA, 'thanosql.pid'), null);
  assert.equal(relativeImagePath(DATA, 'storefront/a.jpg'), 'storefront/a.jpg');
});
