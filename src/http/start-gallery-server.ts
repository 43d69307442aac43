/**
 * Starts the gallery server for main.ts. A busy port is not fatal: the wire server is what
 * clients need, PRINT IMAGE still returns its rows (without image_url), and a second server
 * started with the default port — e.g. test servers run side by side — keeps working.
 */
import type { GalleryModel } from './gallery-model.js';
import type { GalleryStore } from './gallery-store.js';
import { httpBaseUrl } from './base-url.js';
import { GalleryServer } from './gallery-server.js';

export interface RunningGallery {
  readonly server: GalleryServer;
  readonly port: number;
  /** `http://host:port`, what PRINT IMAGE links to. */
  readonly url: string;
}

export interface StartGalleryOptions {
  readonly host: string;
  readonly port: number;
  readonly dataDir: string;
  readonly gallery: GalleryStore;
  readonly models?: () => Promise<readonly GalleryModel[]>;
  readonly log: (message: string) => void;
}

/** Listens, or returns undefined (after logging why) when the port is taken. */
export async function startGalleryServer(options: StartGalleryOptions): Promise<RunningGallery | undefined> {
  const server = new GalleryServer({
    dataDir: options.dataDir, gallery: options.gallery, log: options.log, ...(options.models ? { models: options.models } : {}),
  });
  try {
    const port = await server.listen(options.host, options.port);
    return { server, port, url: httpBaseUrl(options.host, port) };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw err;
    options.log(`gallery HTTP server not started: ${options.host}:${options.port} is in use (--http-port); `
      + 'PRINT IMAGE will return rows without image_url');
    return undefined;
  }
}
