// Minimal types for the two pg helpers the matrix uses that ship without declarations.
declare module 'pg-cursor' {
  import type { Submittable } from 'pg';
  export default class Cursor<Row = Record<string, unknown>> implements Submittable {
    constructor(text: string, values?: unknown[], config?: { rowMode?: 'array' });
    submit(connection: unknown): void;
    read(rows: number): Promise<Row[]>;
    close(): Promise<void>;
  }
}

declare module 'pg-copy-streams' {
  import type { Submittable } from 'pg';
  import type { Readable, Writable } from 'node:stream';
  /** `rowCount`: the rows the server reported copied, set once the stream finishes. */
  export function from(text: string): Writable & Submittable & { rowCount?: number };
  export function to(text: string): Readable & Submittable;
}
