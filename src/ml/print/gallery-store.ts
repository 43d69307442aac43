/**
 * The results PRINT IMAGE has shown, kept in the store's meta table so the HTTP gallery (main
 * thread) can render what any engine thread printed, and so galleries survive a restart: a
 * bounded LRU from a random id to the printed rows. Each change is one atomic read-modify-write
 * of the index, so concurrent PRINTs in different threads never lose a gallery.
 */
import { randomBytes } from 'node:crypto';
import type { Store } from '../../storage/storage-api.js';

/** One printed result: column names and, per row, the image path plus the row as text. */
export interface GalleryEntry {
  readonly id: string;
  readonly createdAt: Date;
  readonly columns: readonly string[];
  readonly rows: readonly GalleryRow[];
  /** Rows the query returned beyond `rows` (the gallery keeps at most `maxRows`). */
  readonly omitted: number;
}

export interface GalleryRow {
  /** The image path relative to the data directory, or null when the row has none usable. */
  readonly imagePath: string | null;
  /** Every column's value in PostgreSQL text form (null for SQL NULL). */
  readonly values: readonly (string | null)[];
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
 * const id = galleries.add({ columns: ['image_path'], rows: [...], omitted: 0 });
 * galleries.get(id)?.rows.length
 */
export class GalleryStore {
  constructor(
    private readonly store: Store,
    readonly maxGalleries = DEFAULT_MAX_GALLERIES,
    readonly maxRows = DEFAULT_MAX_GALLERY_ROWS,
  ) {}

  /** Stores a result under a new random id and returns the id. */
  add(result: Omit<GalleryEntry, 'id' | 'createdAt'>): string {
    const id = randomBytes(ID_BYTES).toString('base64url');
    const entry: StoredEntry = { ...result, id, createdAt: Date.now() };
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

function toEntry(stored: StoredEntry): GalleryEntry {
  return { ...stored, createdAt: new Date(stored.createdAt) };
}
