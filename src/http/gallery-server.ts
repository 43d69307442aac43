/**
 * The HTTP side of PRINT IMAGE (node:http only): `GET /` lists the galleries, `GET /gallery/<id>`
 * renders one, `GET /search?from=<id>&text=…|image=…` runs a SEARCH over that gallery's table
 * (through the SQL engine, see gallery-search.ts) and redirects to its new gallery,
 * `GET /images/<path>` serves an image file from the data directory. GET/HEAD only, bound to the
 * wire server's host.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pipeline } from 'node:stream/promises';
import type { GalleryModel } from './gallery-model.js';
import type { GalleryEntry, GalleryStore } from './gallery-store.js';
import { GallerySearchError, type GallerySearch } from './gallery-search.js';
import { galleryView } from './gallery-view.js';
import { renderGallery } from './render-gallery.js';
import { renderIndex } from './render-index.js';
import { renderError } from './render-page.js';
import { resolveImageFile } from './resolve-image-file.js';

export interface GalleryServerOptions {
  /** Images are served from under this directory only. */
  readonly dataDir: string;
  readonly gallery: GalleryStore;
  /** The registered models and their state (TEST-model banner, the search box's model). */
  readonly models?: () => Promise<readonly GalleryModel[]>;
  /** Runs the search box's SEARCHes; without it pages have no search box (see `enableSearch`). */
  readonly search?: GallerySearch;
  readonly log?: (message: string) => void;
}

/** Browsers may keep images a while; galleries change with every PRINT IMAGE, so not those. */
const IMAGE_CACHE = 'public, max-age=3600';
/** No scripts, images from here only: the pages show user data. */
const PAGE_CSP = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; form-action 'self'";
const HTML = 'text/html; charset=utf-8';

/**
 * @example
 * const http = new GalleryServer({ dataDir, gallery: PRINT_GALLERY });
 * const port = await http.listen('127.0.0.1', 0);
 * await http.close();
 */
export class GalleryServer {
  private readonly server: Server;
  private searcher: GallerySearch | undefined;

  constructor(private readonly options: GalleryServerOptions) {
    this.searcher = options.search;
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((err: unknown) => {
        options.log?.(`http: ${req.method} ${req.url}: ${err instanceof Error ? err.message : String(err)}`);
        if (!res.headersSent) send(res, 500, HTML, renderError(500, 'internal error'));
        else res.destroy();
      });
    });
  }

  /** Listens; resolves with the bound port (useful with port 0). */
  listen(host: string, port: number): Promise<number> {
    return new Promise((resolveListen, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => {
        this.server.off('error', reject);
        resolveListen((this.server.address() as AddressInfo).port);
      });
    });
  }

  /** Turns the search box on once the wire port it connects to is known (it starts after this server). */
  enableSearch(search: GallerySearch): void {
    this.searcher = search;
  }

  /** Stops listening and drops open (keep-alive) connections. */
  close(): Promise<void> {
    return new Promise((resolveClose) => {
      this.server.close(() => resolveClose());
      this.server.closeAllConnections();
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      return send(res, 405, HTML, renderError(405, 'method not allowed'));
    }
    // The raw request target, not a URL object: `new URL` would collapse `..` before we can refuse it.
    const [path, query = ''] = (req.url ?? '/').split('?', 2) as [string, string?];
    if (path === '/') return sendPage(res, 200, renderIndex(this.options.gallery.list()));
    if (path.startsWith('/gallery/')) {
      const entry = this.options.gallery.get(decodeURIComponentSafe(path.slice('/gallery/'.length)));
      if (!entry) return sendPage(res, 404, renderError(404, 'no such gallery (the oldest galleries are dropped)'));
      return sendPage(res, 200, await this.galleryPage(entry));
    }
    if (path === '/search') return this.search(res, new URLSearchParams(query));
    if (path.startsWith('/images/')) return this.serveImage(req, res, path.slice('/images/'.length));
    return sendPage(res, 404, renderError(404, 'not found'));
  }

  private async galleryPage(entry: GalleryEntry): Promise<string> {
    const models = (await this.options.models?.()) ?? [];
    const view = galleryView(entry, models);
    const missing = new Set<string>();
    await Promise.all(entry.rows.map(async ({ imagePath }) => {
      if (imagePath === null) return;
      const file = await resolveImageFile(this.options.dataDir, imagePath.split('/').map(encodeURIComponent).join('/'));
      if (file.status === 200) await file.handle.close();
      else missing.add(imagePath);
    }));
    const searchable = this.searcher !== undefined && entry.source.table !== undefined && view.model !== undefined;
    return renderGallery(entry, { view, missing, searchable });
  }

  /** Runs the search box / "more like this" over the gallery `from`'s table and redirects to the result. */
  private async search(res: ServerResponse, params: URLSearchParams): Promise<void> {
    const from = this.options.gallery.get(params.get('from') ?? '');
    const text = params.get('text');
    const image = params.get('image');
    if (!from || (text === null) === (image === null) || (text ?? image) === '') {
      return sendPage(res, 400, renderError(400, 'a search needs from=<gallery id> and one of text=… or image=…'));
    }
    const model = galleryView(from, (await this.options.models?.()) ?? []).model;
    if (!this.searcher || !from.source.table || !model) {
      return sendPage(res, 400, renderError(400, 'this gallery cannot be searched: it does not read one table with an embedding column'));
    }
    try {
      const id = await this.searcher.run({
        table: from.source.table, model: model.name, kind: text !== null ? 'text' : 'image', input: (text ?? image)!,
      });
      res.writeHead(303, { Location: `/gallery/${encodeURIComponent(id)}`, 'Cache-Control': 'no-store', 'Content-Length': 0 });
      res.end();
    } catch (err) {
      if (!(err instanceof GallerySearchError)) throw err;
      sendPage(res, 400, renderError(400, `search failed${err.code ? ` (SQLSTATE ${err.code})` : ''}: ${err.message}`));
    }
  }

  private async serveImage(req: IncomingMessage, res: ServerResponse, encodedPath: string): Promise<void> {
    const file = await resolveImageFile(this.options.dataDir, encodedPath);
    if (file.status !== 200) {
      return sendPage(res, file.status, renderError(file.status, file.status === 403 ? 'forbidden' : 'no such image'));
    }
    res.writeHead(200, {
      'Content-Type': file.contentType, 'Content-Length': file.size,
      'Cache-Control': IMAGE_CACHE, 'X-Content-Type-Options': 'nosniff',
    });
    try {
      if (req.method === 'HEAD') return void res.end();
      await pipeline(file.handle.createReadStream({ autoClose: false }), res);
    } finally {
      await file.handle.close();
    }
  }
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return '';
  }
}

function sendPage(res: ServerResponse, status: number, html: string): void {
  res.setHeader('Content-Security-Policy', PAGE_CSP);
  send(res, status, HTML, html);
}

function send(res: ServerResponse, status: number, contentType: string, body: string): void {
  res.writeHead(status, {
    'Content-Type': contentType, 'Content-Length': Buffer.byteLength(body),
    'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff',
  });
  res.end(res.req.method === 'HEAD' ? undefined : body);
}
