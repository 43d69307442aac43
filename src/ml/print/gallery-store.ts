/**
 * The results PRINT IMAGE has shown, kept in memory so the HTTP gallery can render them: a
 * bounded LRU map from a random id to the printed rows. Nothing is persisted; a restart
 * forgets every gallery (the images themselves stay on disk).
 */
import { randomBytes } from 'node:crypto';

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

/**
 * A bounded LRU of galleries. `get` refreshes an entry; `add` evicts the least recently used.
 * @example
 * const id = store.add({ columns: ['image_path'], rows: [...], omitted: 0 });
 * store.get(id)?.rows.length
 */
export class GalleryStore {
  private readonly entries = new Map<string, GalleryEntry>();

  constructor(readonly maxGalleries = DEFAULT_MAX_GALLERIES, readonly maxRows = DEFAULT_MAX_GALLERY_ROWS) {}

  /** Stores a result under a new random id and returns the id. */
  add(result: Omit<GalleryEntry, 'id' | 'createdAt'>): string {
    const id = randomBytes(ID_BYTES).toString('base64url');
    this.entries.set(id, { ...result, id, createdAt: new Date() });
    // A Map iterates in insertion order, so the first key is the least recently used.
    while (this.entries.size > this.maxGalleries) this.entries.delete(this.entries.keys().next().value!);
    return id;
  }

  /** The gallery with this id (marking it recently used), or undefined. */
  get(id: string): GalleryEntry | undefined {
    const entry = this.entries.get(id);
    if (entry) {
      this.entries.delete(id);
      this.entries.set(id, entry);
    }
    return entry;
  }

  /** Newest first, without touching recency (for the index page). */
  list(): GalleryEntry[] {
    return [...this.entries.values()].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
  }
}

/** The process-wide store PRINT IMAGE writes to and the HTTP server reads. */
export const PRINT_GALLERY = new GalleryStore();
