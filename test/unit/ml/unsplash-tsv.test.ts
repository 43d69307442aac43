/**
 * The Unsplash fetcher's readers: photos.tsv (header-driven, quoted fields with tabs, quotes
 * and newlines, CRLF) and the minimal ZIP reader (stored and deflated entries), using a ZIP
 * written here. No dataset content is committed; everything is generated.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { isZipFile, listZipEntries, parsePhotosTsv, readZipEntryText, splitTsv } from '../../../src/tools/unsplash/index.js';
import { makeZip } from './unsplash-make-zip.js';

const dir = mkdtempSync(join(tmpdir(), 'unsplash-tsv-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('splitTsv: bare fields, quoted fields with tabs, quotes and newlines, CRLF, blank lines', () => {
  const text = 'a\tb\tc\r\n1\t"x\ty"\t"say ""hi""\nthere"\n\n2\t\tlast\n';
  assert.deepEqual(splitTsv(text), [['a', 'b', 'c'], ['1', 'x\ty', 'say "hi"\nthere'], ['2', '', 'last']]);
  assert.throws(() => splitTsv('a\n"open'), /unterminated/);
});

test('parsePhotosTsv: picks the tutorial columns by header name, skips rows without id or URL', () => {
  const tsv = [
    'photo_id\tphoto_url\tphoto_image_url\tphoto_description\tai_description\tblur_hash',
    'AbC-1_x\thttps://unsplash.com/photos/AbC-1_x\thttps://images.example/photo-1\t"sunset, ""red"""\ta red sky\tLKO2',
    '\thttps://unsplash.com/photos/\thttps://images.example/photo-2\t\t\t',
    'noimage\thttps://unsplash.com/photos/noimage\t\t\t\t',
    'Zz9\thttps://unsplash.com/photos/Zz9\thttps://images.example/photo-3\t\ta cat\t',
  ].join('\n');
  assert.deepEqual(parsePhotosTsv(`\uFEFF${tsv}`), [
    { photoId: 'AbC-1_x', photoImageUrl: 'https://images.example/photo-1', photoDescription: 'sunset, "red"', aiDescription: 'a red sky' },
    { photoId: 'Zz9', photoImageUrl: 'https://images.example/photo-3', photoDescription: '', aiDescription: 'a cat' },
  ]);
  assert.throws(() => parsePhotosTsv('id\turl\n1\t2\n'), /no photo_id column/);
});

test('zip reader: lists entries and reads stored and deflated ones; tells a ZIP from a TSV', async () => {
  const big = Buffer.from('photo_id\tphoto_image_url\n'.concat('x\thttps://e/x\n'.repeat(5000)));
  const zipPath = join(dir, 'lite.zip');
  writeFileSync(zipPath, makeZip([
    { name: 'README.md', data: Buffer.from('readme'), deflate: false },
    { name: 'photos.tsv000', data: big, deflate: true },
    { name: 'empty.txt', data: Buffer.alloc(0), deflate: false },
  ]));
  writeFileSync(join(dir, 'plain.tsv'), 'photo_id\n');
  assert.equal(await isZipFile(zipPath), true);
  assert.equal(await isZipFile(join(dir, 'plain.tsv')), false);
  const entries = await listZipEntries(zipPath);
  assert.deepEqual(entries.map((e) => e.name), ['README.md', 'photos.tsv000', 'empty.txt']);
  assert.equal(await readZipEntryText(zipPath, entries[0]!), 'readme');
  assert.equal(await readZipEntryText(zipPath, entries[1]!), big.toString());
  assert.equal(await readZipEntryText(zipPath, entries[2]!), '');
  await assert.rejects(listZipEntries(join(dir, 'plain.tsv')), /not a ZIP archive/);
});
