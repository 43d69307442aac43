/**
 * Streaming reader for PostgreSQL's text COPY format (the default for COPY … FROM STDIN):
 * one record per line, fields split by a delimiter (tab), `\N` for NULL, backslash escapes
 * (\b \f \n \r \t \v \\, \ooo octal, \xHH hex, any other \c is c) and `\.` alone on a line
 * ending the data. Works on bytes: a line ends at the byte 0x0A, which never occurs inside a
 * multi-byte UTF-8 character, and \ooo / \xHH produce bytes that decode together as UTF-8.
 */
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import { checkCopyLineGrowth } from './copy-line-limit.js';
import type { CopyRecord } from './csv-reader.js';

export interface CopyTextOptions {
  /** Field separator; default tab. */
  readonly delimiter?: string;
  /** Raw (un-escaped) field text meaning NULL; default `\N`. */
  readonly nullString?: string;
  /** The line the input starts on (default 1), when it goes on from lines read elsewhere. */
  readonly firstLine?: number;
}

const LF = 0x0a;
const CR = 0x0d;
const BACKSLASH = 0x5c;
const SIMPLE_ESCAPES: Record<string, number> = { b: 0x08, f: 0x0c, n: LF, r: CR, t: 0x09, v: 0x0b };
const utf8 = new TextEncoder();

/** Incremental text-format parser: `push` chunks, then `end()` once. */
export class CopyTextReader {
  private readonly delimiter: number;
  private readonly nullBytes: Uint8Array;
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });
  /** The unfinished line: chunks kept apart until its newline arrives (no quadratic copying). */
  private pendingChunks: Uint8Array[] = [];
  private pendingLength = 0;
  private line = 0;
  private done = false;

  constructor(options: CopyTextOptions = {}) {
    const delimiter = utf8.encode(options.delimiter ?? '\t');
    if (delimiter.length !== 1 || delimiter[0] === BACKSLASH || delimiter[0] === LF || delimiter[0] === CR) {
      throw new SqlError(SQLSTATE.FeatureNotSupported, 'COPY delimiter must be a single one-byte character');
    }
    this.delimiter = delimiter[0];
    this.nullBytes = utf8.encode(options.nullString ?? '\\N');
    this.line = (options.firstLine ?? 1) - 1;
  }

  /** Parses a chunk; returns the records it completed. */
  push(chunk: Uint8Array | string): CopyRecord[] {
    if (this.done) return [];
    const bytes = typeof chunk === 'string' ? utf8.encode(chunk) : chunk;
    const firstNewline = bytes.indexOf(LF);
    checkCopyLineGrowth(this.pendingLength, firstNewline < 0 ? bytes.length : firstNewline);
    if (firstNewline < 0) {
      this.pendingChunks.push(bytes);
      this.pendingLength += bytes.length;
      return [];
    }
    const data = concatAll([...this.pendingChunks, bytes]);
    const out: CopyRecord[] = [];
    let start = 0;
    for (let nl = data.indexOf(LF); nl !== -1 && !this.done; nl = data.indexOf(LF, start)) {
      this.parseLine(data.subarray(start, nl), out);
      start = nl + 1;
    }
    const rest = this.done ? new Uint8Array(0) : data.slice(start);
    checkCopyLineGrowth(0, rest.length);
    this.pendingChunks = rest.length > 0 ? [rest] : [];
    this.pendingLength = rest.length;
    return out;
  }

  /** Signals end of input; a last line without a newline is still a record. */
  end(): CopyRecord[] {
    const out: CopyRecord[] = [];
    if (!this.done && this.pendingLength > 0) this.parseLine(concatAll(this.pendingChunks), out);
    this.pendingChunks = [];
    this.pendingLength = 0;
    this.done = true;
    return out;
  }

  private parseLine(raw: Uint8Array, out: CopyRecord[]): void {
    this.line++;
    // A CR before the LF is part of the line ending; data CRs are always escaped as \r.
    const line = raw.length > 0 && raw[raw.length - 1] === CR ? raw.subarray(0, raw.length - 1) : raw;
    if (line.length === 2 && line[0] === BACKSLASH && line[1] === 0x2e) {
      this.done = true;
      return;
    }
    const fields: (string | null)[] = [];
    let start = 0;
    for (let i = 0; i <= line.length; i++) {
      if (i < line.length && line[i] === BACKSLASH) {
        i++; // an escaped byte (even an escaped delimiter) never splits fields
        continue;
      }
      if (i === line.length || line[i] === this.delimiter) {
        fields.push(this.field(line.subarray(start, Math.min(i, line.length))));
        start = i + 1;
      }
    }
    out.push({ fields, line: this.line });
  }

  private field(raw: Uint8Array): string | null {
    if (sameBytes(raw, this.nullBytes)) return null;
    try {
      return this.decoder.decode(raw.includes(BACKSLASH) ? unescape(raw) : raw);
    } catch {
      throw new SqlError(SQLSTATE.BadCopyFileFormat, `invalid byte sequence for encoding "UTF8" at line ${this.line}`);
    }
  }
}

/** Resolves backslash escapes to bytes. */
function unescape(raw: Uint8Array): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < raw.length; i++) {
    if (raw[i] !== BACKSLASH || i + 1 >= raw.length) {
      out.push(raw[i]);
      continue;
    }
    const c = String.fromCharCode(raw[++i]);
    if (c in SIMPLE_ESCAPES) out.push(SIMPLE_ESCAPES[c]);
    else if (c >= '0' && c <= '7') {
      let value = 0;
      let n = 0;
      for (; n < 3 && i < raw.length && raw[i] >= 0x30 && raw[i] <= 0x37; n++, i++) value = value * 8 + raw[i] - 0x30;
      i--;
      out.push(value & 0xff);
    } else if (c === 'x' && i + 1 < raw.length && isHex(raw[i + 1])) {
      let value = 0;
      for (let n = 0; n < 2 && i + 1 < raw.length && isHex(raw[i + 1]); n++) value = value * 16 + parseInt(String.fromCharCode(raw[++i]), 16);
      out.push(value);
    } else out.push(raw[i]);
  }
  return Uint8Array.from(out);
}

function isHex(b: number): boolean {
  return (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x46) || (b >= 0x61 && b <= 0x66);
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function concatAll(chunks: readonly Uint8Array[]): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
