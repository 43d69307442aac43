/**
 * The gallery in a real headless Chromium (Debian's /usr/bin/chromium driven by playwright-core,
 * which downloads no browser): after a SEARCH printed with the TEST model the page shows the query,
 * the SQL, the TEST-model banner, ranked and scored pictures that actually render, a placeholder
 * for a missing file; its search box and "more like this" run new SEARCHes over the same table;
 * query text cannot inject markup; and the galleries are still there after a server restart.
 */
import assert from 'node:assert/strict';
import { existsSync, rmSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type pg from 'pg';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startServer, type RunningServer } from '../../src/main.js';
import { BIND_TUTORIAL_MODEL, makeClipDirs, pgClient } from './clip-fixture.js';

const CHROMIUM = process.env.THANOSQL_CHROMIUM ?? '/usr/bin/chromium';
const TEST_TIMEOUT_MS = 120_000;
const GALLERY_NOTICE = /^PRINT IMAGE gallery: (http:\/\/\S+\/gallery\/([\w-]+))$/;
const SIMILARITY = 'tutorial_search_clip_clipen_similarity1';
// CI (.ci/run installs it) must run this test; a developer machine without Chromium skips it, saying so.
const skip = existsSync(CHROMIUM) || process.env.CI ? false : `no Chromium at ${CHROMIUM} (apt-get install chromium; .ci/run installs it)`;
if (skip) console.log(`# gallery-browser: skipped, ${skip}`);

/** The parts of an HTMLImageElement read here. */
interface Img { readonly naturalWidth: number; readonly alt: string }

/** Every <img> on the page has loaded and decoded (naturalWidth > 0), none broken. */
async function imagesRendered(page: Page): Promise<number> {
  // The pictures are lazy-loaded: bring each into view so the browser fetches it.
  for (const img of await page.$$('figure img')) await img.scrollIntoViewIfNeeded();
  // A string: this file is compiled without the DOM's types.
  await page.waitForFunction('Array.from(document.images).every((i) => i.complete)', undefined, { timeout: 30_000 });
  const widths = await page.$$eval('figure img', (imgs) => imgs.map((i) => (i as unknown as Img).naturalWidth));
  assert.ok(widths.every((w) => w > 0), `broken images: ${JSON.stringify(widths)}`);
  return widths.length;
}

async function texts(page: Page, selector: string): Promise<string[]> {
  return page.$$eval(selector, (els) => els.map((e) => e.textContent ?? ''));
}

describe('gallery in headless Chromium', { skip, timeout: 5 * TEST_TIMEOUT_MS }, () => {
  let dirs: { dataDir: string; modelsDir: string };
  let server: RunningServer;
  let client: pg.Client;
  let notices: { message: string }[];
  let browser: Browser;
  let page: Page;
  const dialogs: string[] = [];
  let firstGallery: { url: string; id: string };

  before(async () => {
    dirs = await makeClipDirs();
    server = await startServer({ host: '127.0.0.1', port: 0, ...dirs, log: () => {} });
    ({ client, notices } = await pgClient(server.port));
    await client.query(BIND_TUTORIAL_MODEL);
    await client.query(`COPY unsplash_data OPTIONS(overwrite=True) FROM 'tutorial_data/unsplash_data/unsplash.csv'`);
    await client.query(`CONVERT USING tutorial_search_clip OPTIONS(image_col='image_path', table_name='unsplash_data') AS SELECT * FROM unsplash_data`);
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox'] });
    page = await browser.newPage({ viewport: { width: 1600, height: 4000 } });
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
  }, { timeout: TEST_TIMEOUT_MS });
  after(async () => {
    await browser?.close();
    await client?.end();
    await server?.close();
    if (dirs) for (const dir of Object.values(dirs)) rmSync(dir, { recursive: true, force: true });
  });

  async function print(sql: string, values: unknown[] = []): Promise<{ url: string; id: string }> {
    notices.length = 0;
    await client.query(sql, values);
    const match = notices.map((n) => GALLERY_NOTICE.exec(n.message)).find((m) => m);
    assert.ok(match, `no gallery NOTICE among ${JSON.stringify(notices)}`);
    return { url: match[1]!, id: match[2]! };
  }

  it('shows a SEARCH printed with the TEST model: query, SQL, banner, ranks, scores, rendered images', { timeout: TEST_TIMEOUT_MS }, async () => {
    firstGallery = await print(`PRINT IMAGE AS SELECT photo_id, image_path, photo_description, ${SIMILARITY}
      FROM (SEARCH IMAGE text=$1 USING tutorial_search_clip AS SELECT * FROM unsplash_data)
      ORDER BY ${SIMILARITY} DESC NULLS LAST LIMIT 6`, ['a red car']);
    await page.goto(firstGallery.url);
    assert.equal(await page.textContent('h1'), '"a red car"');
    assert.match((await page.textContent('.banner')) ?? '', /tutorial_search_clip.*TEST model/);
    assert.match((await page.textContent('pre.sql')) ?? '', /SEARCH IMAGE text=\$1 USING tutorial_search_clip/);
    assert.equal(await imagesRendered(page), 6);
    assert.deepEqual(await texts(page, '.rank'), ['#1', '#2', '#3', '#4', '#5', '#6']);
    const scores = (await texts(page, '.score')).map(Number);
    assert.equal(scores.length, 6);
    assert.ok((await texts(page, '.score')).every((s) => /^-?\d\.\d{3}$/.test(s)), 'scores rounded to 3 decimals');
    assert.deepEqual(scores, [...scores].sort((a, b) => b - a), 'best first');
    assert.match((await texts(page, 'figcaption'))[0]!, /red/i, 'the TEST model ranks a red picture first');
  });

  it('shows a placeholder, not a broken image, for a missing file', { timeout: TEST_TIMEOUT_MS }, async () => {
    const gallery = await print(`PRINT IMAGE AS SELECT 'tutorial_data/no-such-photo.jpg' AS image_path`);
    await page.goto(gallery.url);
    assert.deepEqual(await texts(page, '.missing'), ['image not found']);
    assert.equal(await page.$$eval('img', (imgs) => imgs.length), 0);
  });

  it('runs the search box against the same table, as a parameter (no markup injected)', { timeout: TEST_TIMEOUT_MS }, async () => {
    await page.goto(firstGallery.url);
    await page.fill('input[name=text]', 'a blue boat');
    await Promise.all([page.waitForURL(/\/gallery\//), page.click('form.search button')]);
    assert.notEqual(page.url(), firstGallery.url);
    assert.equal(await page.textContent('h1'), '"a blue boat"');
    assert.ok(await imagesRendered(page) > 0);
    assert.match((await texts(page, 'figcaption'))[0]!, /blue/i);
    assert.match((await page.textContent('pre.sql')) ?? '', /SEARCH IMAGE text=\$1 USING tutorial_search_clip OPTIONS\(top_k=\d+\) AS SELECT \* FROM "unsplash_data"/);

    const hostile = `"'><img src=x onerror=alert(1)><script>alert(2)</script>`;
    await page.fill('input[name=text]', hostile);
    await Promise.all([page.waitForURL(/\/gallery\//), page.click('form.search button')]);
    assert.equal(await page.textContent('h1'), `"${hostile}"`, 'the query text shows as text');
    assert.equal(await page.$$eval('script', (s) => s.length), 0);
    assert.deepEqual(dialogs, []);
  });

  it('"more like this" searches by that picture', { timeout: TEST_TIMEOUT_MS }, async () => {
    await page.goto(firstGallery.url);
    const third = await page.$$eval('figure img', (imgs) => (imgs[2] as unknown as Img).alt);
    const more = await page.$$('a.more');
    await Promise.all([page.waitForURL(/\/gallery\//), more[2]!.click()]);
    assert.equal(await page.textContent('h1'), `like ${third}`);
    assert.ok(await imagesRendered(page) > 0);
    assert.equal((await page.$$eval('figure img', (imgs) => (imgs[0] as unknown as Img).alt)), third, 'the picture itself ranks first');
    assert.equal((await texts(page, '.score'))[0], '1.000');
  });

  it('keeps galleries across a restart; the index names each by its query', { timeout: TEST_TIMEOUT_MS }, async () => {
    await client.end();
    await server.close();
    server = await startServer({ host: '127.0.0.1', port: 0, ...dirs, log: () => {} });
    ({ client, notices } = await pgClient(server.port));
    await page.goto(`${server.http!.url}/`);
    const names = await texts(page, 'ol.galleries a');
    for (const name of ['"a red car"', '"a blue boat"']) assert.ok(names.includes(name), `${name} in ${JSON.stringify(names)}`);
    assert.ok(names.some((n) => n.startsWith('like ')));
    await page.goto(`${server.http!.url}/gallery/${firstGallery.id}`);
    assert.equal(await page.textContent('h1'), '"a red car"');
    assert.equal(await imagesRendered(page), 6);
  });
});
