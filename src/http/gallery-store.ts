/**
 * The galleries PRINT IMAGE and the gallery's search box made, kept in the store's meta table so
 * the HTTP server (main thread) shows what any engine thread printed, and so galleries survive a
 * restart: a bounded LRU from a random id to the printed rows. Each change is one atomic
 * read-modify-write of the index, so concurrent PRINTs in different threads never lose a gallery.
 * It is the GallerySink PRINT IMAGE writes to (common/gallery-sink.ts; ml/ knows only that).
 */
import { randomBytes } from 'node:crypto';
import type { GallerySink, PrintedResult } from '../common/gallery-sink.js';

/**
 * The part of the store galleries live in: its meta table (storage/'s Store satisfies it; the
 * server hands the store in, so http/ needs no storage/ import).
 */
export interface MetaTable {
  getMeta(key: string): unknown;
  putMeta(key: string, value: unknown): void;
  /** One atomic read-modify-write; `undefined` from `update` deletes the key. */
  updateMeta<T>(key: string, update: (current: T | undefined) => T | undefined): T | undefined;
}

/** One kept result: what PRINT handed over, its id and when. */
export interface GalleryEntry extends PrintedResult {
  readonly id: string;
  readonly createdAt: Date;
}

/** Galleries kept before the least recently viewed is dropped. */
export const DEFAULT_MAX_GALLERIES = 64;
/** Rows kept per gallery: a page of thousands of images helps nobody and costs memory. */
export const DEFAULT_MAX_GALLERY_ROWS = 500;
/** 12 random bytes → 16 base64url characters: unguessable enough for a local viewer. */
const ID_BYTES = 12;
/** Meta keys: the ids, least recently used first, and one key per gallery. */
const INDEX_KEY = 'gallery.index';
const ENTRY_KEY = 'gallery.entry.';

/** A gallery as stored (the date as milliseconds: the meta table stores plain data). */
type StoredEntry = Omit<GalleryEntry, 'createdAt'> & { readonly createdAt: number };

/**
 * A bounded LRU of galleries. `get` refreshes an entry; `add` evicts the least recently used.
 * @example
 * const galleries = new GalleryStore(store);
 * const id = galleries.add({ columns: ['image_path'], rows: [...], omitted: 0, sql, source: {} });
 * galleries.get(id)?.rows.length
 */
export class GalleryStore implements GallerySink {
  constructor(
    private readonly store: MetaTable,
    readonly maxGalleries = DEFAULT_MAX_GALLERIES,
    readonly maxRows = DEFAULT_MAX_GALLERY_ROWS,
  ) {}

  /** Stores a result under a new random id and returns the id. */
  add(result: PrintedResult): string {
    const id = randomBytes(ID_BYTES).toString('base64url');
    const entry: StoredEntry = { ...result, rows: result.rows.slice(0, this.maxRows), id, createdAt: Date.now() };
    this.store.putMeta(ENTRY_KEY + id, entry);
    const evicted: string[] = [];
    this.store.updateMeta<string[]>(INDEX_KEY, (ids = []) => {
      const next = [...ids, id];
      evicted.push(...next.splice(0, Math.max(0, next.length - this.maxGalleries)));
      return next;
    });
    for (const gone of evicted) this.store.updateMeta(ENTRY_KEY + gone, () => undefined);
    return id;
  }

  /** The gallery with this id (marking it recently used), or undefined. */
  get(id: string): GalleryEntry | undefined {
    const stored = this.store.getMeta(ENTRY_KEY + id) as StoredEntry | undefined;
    if (!stored) return undefined;
    this.store.updateMeta<string[]>(INDEX_KEY, (ids = []) => (ids.includes(id) ? [...ids.filter((x) => x !== id), id] : ids));
    return toEntry(stored);
  }

  /** Newest first, without touching recency (for the index page). */
  list(): GalleryEntry[] {
    const ids = (this.store.getMeta(INDEX_KEY) as string[] | undefined) ?? [];
    return ids.map((id) => this.store.getMeta(ENTRY_KEY + id) as StoredEntry | undefined)
      .filter((e): e is StoredEntry => e !== undefined)
      .map(toEntry)
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
  }
}

/** Galleries stored before a result carried its SQL and source get empty ones. */
function toEntry(stored: StoredEntry): GalleryEntry {
  const { sql = '', source = {} } = stored as Partial<StoredEntry>;
  return { ...stored, sql, source, createdAt: new Date(stored.createdAt) };
}
