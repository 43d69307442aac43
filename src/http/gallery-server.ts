/**
 * The HTTP side of PRINT IMAGE (node:http only): `GET /` lists recent galleries,
 * `GET /gallery/<id>` renders one, `GET /images/<path>` serves an image file from the data
 * directory. Read-only, GET/HEAD only, bound to the wire server's host.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pipeline } from 'node:stream/promises';
import type { GalleryStore } from '../ml/index.js';
import { renderError, renderGallery, renderIndex } from './render-gallery.js';
import { resolveImageFile } from './resolve-image-file.js';

export interface GalleryServerOptions {
  /** Images are served from under this directory only. */
  readonly dataDir: string;
  readonly gallery: GalleryStore;
  readonly log?: (message: string) => void;
}

/** Browsers may keep images a while; galleries change with every PRINT IMAGE, so not those. */
const IMAGE_CACHE = 'public, max-age=3600';
/** No scripts, images from here only: the pages show user data. */
const PAGE_CSP = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'";
const HTML = 'text/html; charset=utf-8';

/**
 * @example
 * const http = new GalleryServer({ dataDir, gallery: PRINT_GALLERY });
 * const port = await http.listen('127.0.0.1', 0);
 * await http.close();
 */
export class GalleryServer {
  private readonly server: Server;

  constructor(private readonly options: GalleryServerOptions) {
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
    const path = (req.url ?? '/').split('?')[0]!;
    if (path === '/') return sendPage(res, 200, renderIndex(this.options.gallery.list()));
    if (path.startsWith('/gallery/')) {
      const entry = this.options.gallery.get(decodeURIComponentSafe(path.slice('/gallery/'.length)));
      if (!entry) return sendPage(res, 404, renderError(404, 'no such gallery (galleries are kept in memory; the oldest are dropped)'));
      return sendPage(res, 200, renderGallery(entry));
    }
    if (path.startsWith('/images/')) return this.serveImage(req, res, path.slice('/images/'.length));
    return sendPage(res, 404, renderError(404, 'not found'));
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
