/**
 * Streaming RFC 4180 CSV parser for COPY … (FORMAT csv) from STDIN and ThanoSQL COPY from a
 * file. Push chunks as they arrive (bytes or text; a UTF-8 character split across chunks is
 * reassembled), get back complete records. Follows PostgreSQL's CSV rules: an unquoted field
 * equal to the NULL string is NULL, a quoted one never is ("" is an empty string); a quoted
 * field may span lines; a record's line number is the line it starts on.
 */
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import { checkCopyLineGrowth } from './copy-line-limit.js';

const LF = 0x0a;
const CR = 0x0d;

/** One parsed record with the 1-based line it starts on (for error context). */
export interface CopyRecord {
  readonly fields: readonly (string | null)[];
  readonly line: number;
}

export interface CsvOptions {
  /** Field separator; default ','. */
  readonly delimiter?: string;
  /** Quote character; default '"'. */
  readonly quote?: string;
  /** Escapes a quote (or itself) inside a quoted field; default = quote (so "" is one "). */
  readonly escape?: string;
  /** Unquoted text that means NULL; default '' (an empty unquoted field). */
  readonly nullString?: string;
  /** Stop at a line holding only `\.` (PostgreSQL's end-of-data marker on STDIN); default false. */
  readonly endMarker?: boolean;
  /** Field positions where an unquoted null string is that text, not NULL (FORCE_NOT_NULL). */
  readonly forceNotNull?: ReadonlySet<number>;
  /** Field positions where a quoted null string is NULL too (FORCE_NULL). */
  readonly forceNull?: ReadonlySet<number>;
}

/** Incremental CSV parser: `push` chunks, then `end()` once. */
export class CsvReader {
  private readonly delimiter: string;
  private readonly quote: string;
  private readonly escape: string;
  private readonly delimiterCode: number;
  private readonly quoteCode: number;
  private readonly escapeCode: number;
  private readonly nullString: string;
  private readonly endMarker: boolean;
  private readonly forceNotNull: ReadonlySet<number> | undefined;
  private readonly forceNull: ReadonlySet<number> | undefined;
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });
  private out: CopyRecord[] = [];
  private fields: (string | null)[] = [];
  private field = '';
  private fieldQuoted = false;
  private inQuotes = false;
  /** Inside quotes, saw a quote (escape = quote): a second one is a literal, else the quote closed. */
  private quotePending = false;
  /** Inside quotes, saw an escape (escape ≠ quote) whose meaning depends on the next character. */
  private escapePending = false;
  private recordStarted = false;
  /** UTF-16 units held for the current record (fields done + the open one). */
  private recordLength = 0;
  private line = 1;
  private recordLine = 1;
  private lastWasCR = false;
  private firstText = true;
  private done = false;

  constructor(options: CsvOptions = {}) {
    this.delimiter = singleChar('delimiter', options.delimiter ?? ',');
    this.quote = singleChar('quote', options.quote ?? '"');
    this.escape = singleChar('escape', options.escape ?? this.quote);
    this.delimiterCode = this.delimiter.charCodeAt(0);
    this.quoteCode = this.quote.charCodeAt(0);
    this.escapeCode = this.escape.charCodeAt(0);
    this.nullString = options.nullString ?? '';
    this.endMarker = options.endMarker ?? false;
    this.forceNotNull = options.forceNotNull;
    this.forceNull = options.forceNull;
    if (this.delimiter === this.quote) {
      throw new SqlError(SQLSTATE.InvalidParameterValue, 'COPY delimiter and quote must be different');
    }
  }

  /** Parses a chunk; returns the records it completed. */
  push(chunk: Uint8Array | string): CopyRecord[] {
    const text = typeof chunk === 'string' ? chunk : this.decode(chunk, true);
    this.consume(text);
    return this.take();
  }

  /** Signals end of input; returns the last record. Throws 22P04 inside an open quoted field. */
  end(): CopyRecord[] {
    this.consume(this.decode(new Uint8Array(0), false));
    if (this.done) return this.take();
    if (this.quotePending) this.closeQuote();
    if (this.inQuotes || this.escapePending) {
      throw new SqlError(SQLSTATE.BadCopyFileFormat, `unterminated CSV quoted field starting at line ${this.recordLine}`);
    }
    if (this.recordStarted) this.endRecord();
    return this.take();
  }

  private decode(bytes: Uint8Array, stream: boolean): string {
    try {
      return this.decoder.decode(bytes, { stream });
    } catch {
      throw new SqlError(SQLSTATE.BadCopyFileFormat, `invalid byte sequence for encoding "UTF8" near line ${this.line}`);
    }
  }

  private consume(text: string): void {
    // TextDecoder drops a leading BOM from bytes; do the same for text input.
    if (this.firstText && text.length > 0) {
      this.firstText = false;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    let i = 0;
    while (i < text.length && !this.done) {
      const run = this.plainRun(text, i);
      if (run > i) {
        // Fast path: ordinary characters need no state changes beyond being appended.
        if (!this.recordStarted) {
          this.recordStarted = true;
          this.recordLine = this.line;
        }
        checkCopyLineGrowth(this.recordLength, run - i);
        this.recordLength += run - i;
        this.field += text.slice(i, run);
        this.lastWasCR = false;
        i = run;
      } else {
        this.step(text[i++]);
      }
    }
  }

  /** End of the run of characters from `i` that are data in the current state. */
  private plainRun(text: string, i: number): number {
    if (this.quotePending || this.escapePending) return i;
    // Char codes, not one-character strings: this loop sees every byte of the input.
    const quote = this.quoteCode;
    const special = this.inQuotes ? this.escapeCode : this.delimiterCode;
    for (; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === quote || c === special || c === LF || c === CR) break;
    }
    return i;
  }

  private step(c: string): void {
    const afterCR = this.lastWasCR;
    this.lastWasCR = c === '\r';
    if (c === '\n' ? !afterCR : c === '\r') this.line++;
    if (this.inQuotes) return this.stepQuoted(c);
    if (c === '\n' && afterCR) return; // the LF of a CRLF that already ended the record
    if (!this.recordStarted) {
      this.recordStarted = true;
      this.recordLine = this.line - (c === '\n' || c === '\r' ? 1 : 0);
    }
    if (c === this.delimiter) this.endField();
    else if (c === this.quote) this.inQuotes = this.fieldQuoted = true;
    else if (c === '\n' || c === '\r') this.endRecord();
    else this.field += c;
  }

  private stepQuoted(c: string): void {
    if (this.quotePending) {
      this.quotePending = false;
      if (c === this.quote) {
        this.field += c;
        return;
      }
      this.closeQuote();
      this.lastWasCR = false;
      if (c === '\n' || c === '\r') this.line--; // step() will count it again
      return this.step(c);
    }
    if (this.escapePending) {
      this.escapePending = false;
      this.field += c === this.quote || c === this.escape ? c : this.escape + c;
      return;
    }
    if (c === this.quote && this.escape === this.quote) this.quotePending = true;
    else if (c === this.escape) this.escapePending = true;
    else if (c === this.quote) this.closeQuote();
    else this.field += c;
  }

  private closeQuote(): void {
    // Text after a closing quote continues the same field, as in PostgreSQL ("a"b → ab).
    this.inQuotes = false;
  }

  private endField(): void {
    // An unquoted null string is NULL unless FORCE_NOT_NULL; a quoted one only with FORCE_NULL.
    const at = this.fields.length;
    const isNull = this.field === this.nullString
      && (this.fieldQuoted ? this.forceNull?.has(at) === true : this.forceNotNull?.has(at) !== true);
    this.fields.push(isNull ? null : this.field);
    this.field = '';
    this.fieldQuoted = false;
  }

  private endRecord(): void {
    const marker = this.endMarker && this.fields.length === 0 && !this.fieldQuoted && this.field === '\\.';
    this.endField();
    if (marker) this.done = true;
    else this.out.push({ fields: this.fields, line: this.recordLine });
    this.fields = [];
    this.recordStarted = false;
    this.recordLength = 0;
  }

  private take(): CopyRecord[] {
    const records = this.out;
    this.out = [];
    return records;
  }
}

function singleChar(name: string, value: string): string {
  if ([...value].length !== 1) {
    throw new SqlError(SQLSTATE.FeatureNotSupported, `COPY ${name} must be a single one-byte character`);
  }
  return value;
}

/** Something that turns pushed chunks into records (CsvReader, CopyTextReader). */
export interface CopyRecordParser {
  push(chunk: Uint8Array | string): CopyRecord[];
  end(): CopyRecord[];
}

/**
 * Streams records from chunks (a file read stream, CopyData messages) through `parser`.
 * @example for await (const r of readCopyRecords(createReadStream(path), new CsvReader())) …
 */
export async function* readCopyRecords(
  source: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>, parser: CopyRecordParser,
): AsyncGenerator<CopyRecord> {
  for await (const chunk of source) yield* parser.push(chunk);
  yield* parser.end();
}
