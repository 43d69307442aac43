/**
 * The gallery/image HTTP server on its own, with raw requests (node:http, so `..` reaches the
 * server un-normalised): path escapes are 403 (literal and percent-encoded `..`, symlinks
 * pointing outside), missing files and non-image files 404, content types by extension, HEAD,
 * 405, the LRU bound of the gallery store and the "showing the first N" note.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { GalleryServer, GalleryStore } from '../../src/http/index.js';
import { openStore, type Store } from '../../src/storage/index.js';

interface Reply {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: Buffer;
}

/** One request with the path sent exactly as given. */
function get(port: number, path: string, method = 'GET'): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

const BYTES = { jpg: Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]), png: Buffer.from([0x89, 0x50, 0x4e, 0x47, 4]), webp: Buffer.from('RIFFxxxxWEBP'), gif: Buffer.from('GIF89a') };

describe('HTTP gallery server', () => {
  let root: string;
  let dataDir: string;
  let port: number;
  let server: GalleryServer;
  let store: GalleryStore;
  let lmdb: Store;

  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'http-gallery-'));
    dataDir = join(root, 'data');
    mkdirSync(join(dataDir, 'pics', 'sub dir'), { recursive: true });
    mkdirSync(join(root, 'outside'));
    for (const [ext, bytes] of Object.entries(BYTES)) writeFileSync(join(dataDir, 'pics', `a.${ext}`), bytes);
    writeFileSync(join(dataDir, 'pics', 'sub dir', 'b c.JPG'), BYTES.jpg);
    writeFileSync(join(dataDir, 'pics', 'notes.csv'), 'secret\n');
    writeFileSync(join(root, 'outside', 'secret.jpg'), BYTES.jpg);
    symlinkSync(join(root, 'outside', 'secret.jpg'), join(dataDir, 'pics', 'escape.jpg'));
    symlinkSync(join(root, 'outside'), join(dataDir, 'pics', 'outdir'));
    symlinkSync(join(dataDir, 'pics', 'a.png'), join(dataDir, 'pics', 'alias.png'));
    symlinkSync(join(dataDir, 'pics', 'notes.csv'), join(dataDir, 'pics', 'notes.jpg'));
    lmdb = openStore(join(root, 'store'));
    store = new GalleryStore(lmdb, 2, 3);
    server = new GalleryServer({ dataDir, gallery: store });
    port = await server.listen('127.0.0.1', 0);
  });
  after(async () => {
    await server?.close();
    await lmdb?.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('serves images with the content type of their extension', async () => {
    const types = { jpg: 'image/jpeg', png: 'image/png', webp: 'image/webp', gif: 'image/gif' } as const;
    for (const ext of Object.keys(types) as (keyof typeof types)[]) {
      const reply = await get(port, `/images/pics/a.${ext}`);
      assert.equal(reply.status, 200, ext);
      assert.equal(reply.headers['content-type'], types[ext]);
      assert.equal(reply.headers['x-content-type-options'], 'nosniff');
      assert.deepEqual(reply.body, BYTES[ext]);
    }
    const spaced = await get(port, '/images/pics/sub%20dir/b%20c.JPG');
    assert.equal(spaced.status, 200);
    assert.equal(spaced.headers['content-type'], 'image/jpeg');
    assert.equal((await get(port, '/images/pics/alias.png')).status, 200, 'a symlink inside the data dir is fine');
  });

  it('HEAD gives the headers without a body; other methods are 405', async () => {
    const head = await get(port, '/images/pics/a.jpg', 'HEAD');
    assert.equal(head.status, 200);
    assert.equal(head.headers['content-length'], String(BYTES.jpg.length));
    assert.equal(head.body.length, 0);
    const post = await get(port, '/images/pics/a.jpg', 'POST');
    assert.equal(post.status, 405);
    assert.equal(post.headers.allow, 'GET, HEAD');
  });

  it('refuses paths that leave the data directory with 403', async () => {
    for (const path of [
      '/images/../../etc/passwd', '/images/../outside/secret.jpg', '/images/pics/../../outside/secret.jpg',
      '/images/%2e%2e/%2e%2e/etc/passwd', '/images/%2E%2E/outside/secret.jpg',
      '/images/pics/escape.jpg', '/images/pics/outdir/secret.jpg',
    ]) {
      const reply = await get(port, path);
      assert.equal(reply.status, 403, path);
      assert.ok(!reply.body.includes('secret'), path);
    }
  });

  it('answers 404 for missing files, non-images, malformed or smuggled paths, unknown routes', async () => {
    for (const path of [
      '/images/pics/nope.jpg', '/images/pics/notes.csv', '/images/pics/notes.jpg', '/images/pics',
      '/images/pics/%2e%2e%2f%2e%2e%2fetc%2fpasswd', '/images/pics/a.jpg%00.png', '/images/%E0%A4%A.jpg',
      '/gallery/nope', '/favicon.ico', '/etc/passwd',
    ]) {
      assert.equal((await get(port, path)).status, 404, path);
    }
  });

  it('renders a gallery with escaped values and the rows it kept; the index lists it', async () => {
    const id = store.add({
      columns: ['image_path', 'note'],
      rows: [
        { imagePath: 'pics/sub dir/b c.JPG', values: ['pics/sub dir/b c.JPG', '<img src=x onerror=alert(1)>'] },
        { imagePath: null, values: [null, '"quoted" & more'] },
        { imagePath: 'pics/"><script>alert(2)</script>.jpg', values: ['pics/"><script>alert(2)</script>.jpg', 'gone'] },
      ],
      omitted: 7,
      sql: "PRINT IMAGE AS SELECT '</pre><script>alert(3)</script>' AS image_path",
      source: { table: 'pics<b>', search: { model: 'm', inputKind: 'text', inputs: ['<i>cat</i>'], similarityColumns: ['note'] } },
    });
    const page = await get(port, `/gallery/${id}`);
    assert.equal(page.status, 200);
    assert.match(String(page.headers['content-security-policy']), /default-src 'none'/);
    const html = page.body.toString();
    assert.ok(html.includes('<img loading="lazy" src="/images/pics/sub%20dir/b%20c.JPG"'));
    assert.ok(html.includes('&lt;img src=x onerror=alert(1)&gt;'));
    assert.ok(!html.includes('<img src=x'));
    assert.ok(!html.includes('<script'), 'no markup from image paths, the SQL or the query text');
    assert.ok(html.includes('<h1>&quot;&lt;i&gt;cat&lt;/i&gt;&quot;</h1>'), 'the query text is the title, escaped');
    assert.ok(html.includes('&lt;/pre&gt;&lt;script&gt;alert(3)&lt;/script&gt;'), 'the SQL, escaped');
    assert.ok(html.includes('<div class="missing" title="pics/&quot;&gt;&lt;script&gt;alert(2)&lt;/script&gt;.jpg">image not found</div>'));
    assert.ok(html.includes('<span class="rank">#3</span>'));
    assert.ok(html.includes('10 rows (showing the first 3) from <b>pics&lt;b&gt;</b>'));
    const index = (await get(port, '/')).body.toString();
    assert.ok(index.includes(`<a href="/gallery/${id}">&quot;&lt;i&gt;cat&lt;/i&gt;&quot;</a>`), 'the index names the gallery by its query');
    const search = await get(port, `/search?from=${id}&text=x`);
    assert.equal(search.status, 400, 'no search runner: the search is refused, not run');
  });

  it('keeps only the most recently used galleries (LRU)', async () => {
    const entry = { columns: ['image_path'], rows: [], omitted: 0, sql: 'PRINT IMAGE AS SELECT 1', source: {} };
    const first = store.add(entry);
    const second = store.add(entry);
    assert.equal((await get(port, `/gallery/${first}`)).status, 200); // now the most recent
    const third = store.add(entry);
    assert.equal((await get(port, `/gallery/${second}`)).status, 404);
    assert.equal((await get(port, `/gallery/${first}`)).status, 200);
    assert.equal((await get(port, `/gallery/${third}`)).status, 200);
    assert.equal(store.list().length, 2);
  });
});
