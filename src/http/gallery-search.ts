/**
 * The gallery's search box and "more like this": a SEARCH IMAGE over a gallery's table, run as
 * any client's statement would be — through the server's own wire port, as the configured user,
 * with the text or image path as a bound parameter (`text=$1`), never spliced into the SQL.
 * It is wrapped in PRINT IMAGE, so the result becomes a gallery like any other; the new
 * gallery's id comes back in PRINT's NOTICE.
 */
import pg from 'pg';

/** Where and as whom the gallery connects to its own server. */
export interface GallerySearchConnection {
  readonly host: string;
  readonly port: number;
  readonly user: string;
  readonly database: string;
  readonly password?: string;
  /** The server offers TLS (it may require it); the certificate is its own, not checked. */
  readonly tls?: boolean;
}

export interface GallerySearchRequest {
  readonly table: string;
  readonly model: string;
  readonly kind: 'text' | 'image';
  /** The text, or the image path relative to the data directory. */
  readonly input: string;
}

/** A search's failure as the server reported it (SQLSTATE and message), for the error page. */
export class GallerySearchError extends Error {
  constructor(readonly code: string | undefined, message: string) {
    super(message);
  }
}

/** Pictures a search page shows (SEARCH's top_k). */
export const SEARCH_PAGE_ROWS = 48;
/** Model names are plain identifiers (BUILD MODEL folds them); anything else is not searched. */
const MODEL_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const GALLERY_NOTICE = /^PRINT IMAGE gallery: .*\/gallery\/([A-Za-z0-9_-]+)$/;
const WILDCARD_HOSTS: Readonly<Record<string, string>> = { '0.0.0.0': '127.0.0.1', '::': '::1', '': '127.0.0.1' };

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/**
 * The statement a search runs: only identifiers from the catalog (quoted) and the model's name
 * (checked) are in the text; the input is `$1`.
 * @example
 * searchSql({ table: 'unsplash_data', model: 'm', kind: 'text', input: 'a cat' })
 * // PRINT IMAGE AS SEARCH IMAGE text=$1 USING m OPTIONS(top_k=48) AS SELECT * FROM "unsplash_data"
 */
export function searchSql(request: GallerySearchRequest): string {
  if (!MODEL_NAME.test(request.model)) throw new GallerySearchError('42602', `model name ${JSON.stringify(request.model)} cannot be searched from the gallery`);
  return `PRINT IMAGE AS SEARCH IMAGE ${request.kind}=$1 USING ${request.model} OPTIONS(top_k=${SEARCH_PAGE_ROWS}) `
    + `AS SELECT * FROM ${quoteIdent(request.table)}`;
}

/**
 * Runs searches for the gallery server; each opens one short connection.
 * @example
 * const id = await new GallerySearch({ host, port, user, database }).run({ table, model, kind: 'text', input: 'a red car' });
 */
export class GallerySearch {
  constructor(private readonly connection: GallerySearchConnection) {}

  /** Runs the search and returns the id of the gallery it printed. */
  async run(request: GallerySearchRequest): Promise<string> {
    const sql = searchSql(request);
    const { host, port, user, database, password, tls } = this.connection;
    const client = new pg.Client({
      host: WILDCARD_HOSTS[host] ?? host, port, user, database, application_name: 'thanosql gallery',
      ...(password !== undefined ? { password } : {}), ...(tls ? { ssl: { rejectUnauthorized: false } } : {}),
    });
    let galleryId: string | undefined;
    client.on('notice', (notice) => {
      galleryId ??= GALLERY_NOTICE.exec(notice.message ?? '')?.[1];
    });
    try {
      await client.connect();
      // rowMode array and no parsing: the rows themselves are not needed, PRINT keeps them.
      await client.query({ text: sql, values: [request.input], rowMode: 'array' });
    } catch (err) {
      const e = err as { code?: string; message?: string };
      throw new GallerySearchError(e.code, e.message ?? String(err));
    } finally {
      await client.end().catch(() => undefined);
    }
    if (galleryId === undefined) throw new GallerySearchError(undefined, 'the search printed no gallery (is the HTTP address setting thanosql.http_url empty?)');
    return galleryId;
  }
}
