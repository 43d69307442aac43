/**
 * Reads PostgreSQL's binary COPY format from CopyData chunks of any size (a tuple may span
 * chunks): checks the signature and flags, skips the header extension, then yields each tuple's
 * raw field bytes (null for NULL) until the -1 trailer. Decoding the bytes is the caller's job.
 */
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import {
  BINARY_COPY_HEADER_BYTES, BINARY_COPY_OIDS_FLAG, BINARY_COPY_SIGNATURE, BINARY_COPY_TRAILER,
} from './binary-copy-format.js';

/** One binary tuple: field bytes in column order; `line` counts tuples from 1 (PostgreSQL's CONTEXT). */
export interface BinaryCopyRecord {
  readonly fields: readonly (Uint8Array | null)[];
  readonly line: number;
}

/** Flag bits 0–15 are critical: a reader must refuse a file with one it does not know. */
const CRITICAL_FLAGS_MASK = 0xffff;

const bad = (message: string) => new SqlError(SQLSTATE.BadCopyFileFormat, message);

export class BinaryCopyReader {
  private pending: Buffer = Buffer.alloc(0);
  private headerDone = false;
  private ended = false;
  private line = 0;

  /** Takes one chunk; yields every tuple it completes. */
  *push(chunk: Uint8Array): Generator<BinaryCopyRecord> {
    this.pending = this.pending.length ? Buffer.concat([this.pending, chunk]) : Buffer.from(chunk);
    let at = 0;
    try {
      if (!this.headerDone) {
        const used = this.readHeader();
        if (used === 0) return;
        at = used;
        this.headerDone = true;
      }
      while (at < this.pending.length) {
        if (this.ended) throw bad('received copy data after EOF marker');
        const step = this.readTuple(at);
        if (!step) break;
        at = step.next;
        if (step.record) yield step.record;
        else this.ended = true;
      }
    } finally {
      this.pending = this.pending.subarray(at);
    }
  }

  /** End of CopyData: everything must have been consumed, trailer or not (PostgreSQL accepts EOF). */
  end(): void {
    if (!this.headerDone) throw bad('COPY file signature not recognized');
    if (this.pending.length > 0) throw bad('unexpected EOF in COPY data');
  }

  /** Bytes used by the complete header, or 0 when more data is needed. */
  private readHeader(): number {
    const p = this.pending;
    const sigLength = Math.min(p.length, BINARY_COPY_SIGNATURE.length);
    if (!p.subarray(0, sigLength).equals(BINARY_COPY_SIGNATURE.subarray(0, sigLength))) {
      throw bad('COPY file signature not recognized');
    }
    if (p.length < BINARY_COPY_HEADER_BYTES) return 0;
    const flags = p.readInt32BE(BINARY_COPY_SIGNATURE.length);
    if (flags & BINARY_COPY_OIDS_FLAG) throw bad('invalid COPY file header (WITH OIDS)');
    if (flags & CRITICAL_FLAGS_MASK) throw bad('unrecognized critical flags in COPY file header');
    const extension = p.readInt32BE(BINARY_COPY_SIGNATURE.length + 4);
    if (extension < 0) throw bad('invalid COPY file header (missing length)');
    const total = BINARY_COPY_HEADER_BYTES + extension;
    return p.length >= total ? total : 0;
  }

  /** The tuple at `at`, the trailer (record undefined), or undefined when incomplete. */
  private readTuple(at: number): { record?: BinaryCopyRecord; next: number } | undefined {
    const p = this.pending;
    if (p.length - at < 2) return undefined;
    const count = p.readInt16BE(at);
    if (count === BINARY_COPY_TRAILER) return { next: at + 2 };
    if (count < 0) throw bad(`invalid field count ${count} in COPY data`);
    let pos = at + 2;
    const fields: (Uint8Array | null)[] = [];
    for (let i = 0; i < count; i++) {
      if (p.length - pos < 4) return undefined;
      const length = p.readInt32BE(pos);
      pos += 4;
      if (length === -1) { fields.push(null); continue; }
      if (length < 0) throw bad('invalid field size');
      if (p.length - pos < length) return undefined;
      // A copy: `pending` is sliced and reused, the row must not alias it.
      fields.push(Uint8Array.prototype.slice.call(p, pos, pos + length));
      pos += length;
    }
    return { record: { fields, line: ++this.line }, next: pos };
  }
}
