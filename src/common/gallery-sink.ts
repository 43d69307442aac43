/**
 * What PRINT IMAGE hands its printed rows to: an interface below both sides, so ml/ never
 * depends on where galleries are kept and http/ never imports ml/ (http/ implements it over the
 * store's meta table; the engine thread's entry passes that in).
 */

/** One printed row: the image path plus every column's value as text. */
export interface GalleryRow {
  /** The image path relative to the data directory, or null when the row has none usable. */
  readonly imagePath: string | null;
  /** Every column's value in PostgreSQL text form (null for SQL NULL). */
  readonly values: readonly (string | null)[];
}

/**
 * Where the printed rows came from, read off the plan: what a gallery needs to say what was
 * asked and to search the same table again.
 */
export interface PrintSource {
  /** The one table the query reads (unqualified name), when it reads exactly one. */
  readonly table?: string;
  /** The SEARCH inside the query, if any. */
  readonly search?: {
    readonly model: string;
    readonly inputKind: 'text' | 'image';
    /** The inputs as run (a driver parameter's value included). */
    readonly inputs: readonly string[];
    /** The similarity columns' names, for the gallery's score. */
    readonly similarityColumns: readonly string[];
  };
}

/** One PRINT IMAGE result as handed to the sink. */
export interface PrintedResult {
  readonly columns: readonly string[];
  readonly rows: readonly GalleryRow[];
  /** Rows the query returned beyond `rows` (the sink keeps at most `maxRows`). */
  readonly omitted: number;
  /** The statement's text (cut to a few kilobytes). */
  readonly sql: string;
  readonly source: PrintSource;
}

/**
 * Keeps PRINT IMAGE results and names each by an id the gallery URL carries.
 * @example
 * const id = sink.add({ columns: ['image_path'], rows, omitted: 0, sql, source: {} });
 */
export interface GallerySink {
  /** Rows kept per result; the operator counts the rest as `omitted`. */
  readonly maxRows: number;
  add(result: PrintedResult): string;
}
