/**
 * COPY … FROM STDIN in CSV or text format: plain records parsed from the CopyData bytes straight into
 * a row group's column builders (copy-column-builders.ts) and handed to the writer a group at a
 * time: no string per field, no record or row object (issue 8: CSV scanning, per-field parsing
 * and chunk encoding were each about a third of COPY's CPU, and the records' garbage a fifth).
 *
 * It takes what it can say exactly: records wholly in the bytes so far, of the target's field
 * count, without CR, a quoted line break, a quote inside an unquoted field, a text-format
 * backslash escape (a field that is the NULL string aside) or the end marker,
 * in valid UTF-8, whose values parse and whose NOT NULL columns get values. At the first record
 * that is anything else it stops for good and returns the bytes from that record on: the row
 * path (CsvReader or CopyTextReader, then CopyRowBuilder) reads them and the rest of the input, and raises any error
 * with PostgreSQL's message and CONTEXT line, as it always did. The groups loaded before are
 * already staged in the statement's writer, so a failing COPY still stores nothing.
 */
import { isAscii, isUtf8 } from 'node:buffer';
import type { StoredTable } from '../../storage/storage-api.js';
import type { LogicalCopyFrom } from '../../planner/logical/logical-plan.js';
import type { ColumnVector } from '../../storage/storage-api.js';
import type { ExecContext } from '../exec-context.js';
import { columnBuilder, TextBuilder, type BuilderKind, type CopyColumnBuilder } from './copy-column-builders.js';
import type { CopyRowBuilder } from './copy-row-builder.js';

const LF = 0x0a;
const CR = 0x0d;
const BACKSLASH = 0x5c;
const DOT = 0x2e;
/** A record longer than this goes to the row path, which bounds a line's growth (copy-line-limit.ts). */
const MAX_CARRY_BYTES = 1024 * 1024;

/** Where the row path takes over: the bytes from the first record the loader did not take, and its line. */
export interface CopyHandOver {
  readonly rest: Uint8Array;
  readonly line: number;
}

/** A whole group, ready for `RowGroupWriter.appendGroup`. */
export type GroupSink = (vectors: readonly ColumnVector[], rowCount: number) => void;

export class CopyColumnLoader {
  private readonly builders: CopyColumnBuilder[];
  /** Per record field, its table column's builder, and whether that column is NOT NULL. */
  private readonly fieldBuilders: CopyColumnBuilder[];
  private readonly fieldNotNull: boolean[];
  /** Table columns COPY does not name: NULL in every row (none has a default). */
  private readonly unnamed: CopyColumnBuilder[];
  private readonly fieldColumn: number[];
  private readonly nullBytes: Uint8Array;
  private readonly forceNull: boolean[];
  private readonly forceNotNull: boolean[];
  /** Text format: the escape byte, which makes a field not plain (unless it is the NULL string). */
  private readonly backslash: number;
  private carry: Uint8Array | undefined;
  private rows = 0;
  private line = 1;
  private skipHeader: boolean;
  private started = false;
  /** Rows handed to the writer. */
  loaded = 0;

  /** Whether the header line (HEADER) is still to be skipped: by the row path after a hand-over at line 1. */
  get headerPending(): boolean {
    return this.skipHeader;
  }

  private constructor(
    private readonly table: StoredTable, plan: LogicalCopyFrom, kinds: readonly BuilderKind[],
    private readonly rowBuilder: CopyRowBuilder, private readonly ctx: ExecContext,
    private readonly delimiter: number, private readonly quote: number, nullString: string,
    private readonly capacity: number, private readonly sink: GroupSink,
  ) {
    this.backslash = plan.options.format === 'csv' ? NO_BYTE : BACKSLASH;
    this.builders = kinds.map((kind) => columnBuilder(kind, capacity));
    const indexOf = new Map(table.columns.map((c, i) => [c.id, i]));
    this.fieldColumn = plan.targets.map((c) => indexOf.get(c.id)!);
    this.fieldBuilders = this.fieldColumn.map((i) => this.builders[i]!);
    this.fieldNotNull = this.fieldColumn.map((i) => table.columns[i]!.notNull);
    const named = new Set(this.fieldColumn);
    this.unnamed = this.builders.filter((_, i) => !named.has(i));
    this.nullBytes = Buffer.from(nullString, 'latin1');
    this.forceNull = plan.targets.map((_, f) => plan.forceNull?.includes(f) === true);
    this.forceNotNull = plan.targets.map((_, f) => plan.forceNotNull?.includes(f) === true);
    this.skipHeader = plan.options.header === true;
  }

  /**
   * A loader for this COPY, or undefined when the statement needs the row path throughout: binary,
   * HEADER MATCH, an ESCAPE other than the quote, a delimiter / quote that is not one ASCII byte
   * (or is the text format's backslash), a NULL string that is not printable ASCII, or an unnamed
   * column that takes a default or is NOT NULL. (Triggers, WHERE, partitions and CHECK / unique /
   * foreign keys are the caller's to rule out.)
   */
  static open(plan: LogicalCopyFrom, table: StoredTable, rowBuilder: CopyRowBuilder, ctx: ExecContext,
    capacity: number, sink: GroupSink): CopyColumnLoader | undefined {
    const o = plan.options;
    if (o.format === 'binary' || o.header === 'match' || rowBuilder.hasDefaults) return undefined;
    const csv = o.format === 'csv';
    const delimiter = o.delimiter ?? (csv ? ',' : '\t');
    const nullString = o.null ?? (csv ? '' : '\\N');
    if (!oneAsciiByte(delimiter) || !/^[\x20-\x7e]*$/.test(nullString)) return undefined;
    let quote = NO_BYTE;
    if (csv) {
      const q = o.quote ?? '"';
      if ((o.escape ?? q) !== q || !oneAsciiByte(q) || delimiter === q) return undefined;
      quote = q.charCodeAt(0);
    } else if (delimiter === '\\') return undefined;
    const named = new Set(plan.targets.map((c) => c.id));
    if (table.columns.some((c) => !named.has(c.id) && c.notNull)) return undefined;
    const kinds = table.columns.map((c) => builderKind(c.type));
    return new CopyColumnLoader(table, plan, kinds, rowBuilder, ctx, delimiter.charCodeAt(0), quote, nullString, capacity, sink);
  }

  /** Loads the whole plain records of `chunk`; a hand-over once a record is not plain (then call nothing more). */
  push(chunk: Uint8Array): CopyHandOver | undefined {
    if (!this.started && chunk.length > 0) {
      this.started = true;
      // A byte-order mark: the row path drops it as CsvReader does.
      if (chunk[0] === 0xef) return this.handOver(chunk, 0);
    }
    let bytes = chunk;
    if (this.carry) {
      // The carried record ends at the chunk's first line feed (a quoted one makes it not
      // plain anyway): join only up to there, not the whole chunk.
      const lf = chunk.indexOf(LF);
      const head = Buffer.concat([this.carry, lf < 0 ? chunk : chunk.subarray(0, lf + 1)]);
      this.carry = undefined;
      if (lf < 0) return this.load(head);
      const over = this.load(head);
      const after = chunk.subarray(lf + 1);
      // Handed over within the joined record: the row path takes the rest of the chunk too.
      if (over) return { rest: Buffer.concat([over.rest, after]), line: over.line };
      if (this.carry) return this.handOverCarry(after);
      bytes = after;
    }
    return this.load(bytes);
  }

  /** Loads the whole plain records of `bytes`, carrying an unfinished last one. */
  private load(data: Uint8Array): CopyHandOver | undefined {
    // One Buffer view per message, so fields' texts are sliced from it directly.
    const bytes = Buffer.isBuffer(data) ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
    const ascii = isAscii(bytes);
    if (!ascii) {
      const lastLf = bytes.lastIndexOf(LF);
      if (lastLf >= 0 && !isUtf8(bytes.subarray(0, lastLf))) return this.handOver(bytes, 0);
    }
    let at = 0;
    for (;;) {
      const next = this.record(bytes, at, ascii);
      if (next === INCOMPLETE) break;
      if (next === NOT_PLAIN) return this.handOver(bytes, at);
      at = next;
    }
    if (at < bytes.length) {
      if (bytes.length - at > MAX_CARRY_BYTES) return this.handOver(bytes, at);
      // Copied: a CopyData message's bytes may be a view of a buffer the reader reuses.
      this.carry = Uint8Array.prototype.slice.call(bytes, at);
    }
    return undefined;
  }

  /** The joined head was not a whole record after all (it had a line feed but needed more): hand both over. */
  private handOverCarry(rest: Uint8Array): CopyHandOver {
    const carried = this.carry!;
    this.carry = undefined;
    return this.handOver(Buffer.concat([carried, rest]), 0);
  }

  /** At the end of the input: the groups loaded, and an unfinished last record handed over. */
  end(): CopyHandOver | undefined {
    this.flush();
    const rest = this.carry;
    this.carry = undefined;
    return rest ? { rest, line: this.line } : undefined;
  }

  private handOver(bytes: Uint8Array, at: number): CopyHandOver {
    this.flush();
    return { rest: bytes.subarray(at), line: this.line };
  }

  /** Hands the rows so far to the writer as one group. */
  private flush(): void {
    if (this.rows === 0) return;
    this.sink(this.builders.map((b) => b.vector()), this.rows);
    this.loaded += this.rows;
    this.rows = 0;
    for (const b of this.builders) b.clear();
  }

  /**
   * Reads the record at `start` into row `this.rows`: where the next record starts, or
   * INCOMPLETE (it goes on past the bytes), or NOT_PLAIN. A row counts only once complete.
   */
  private record(bytes: Buffer, start: number, ascii: boolean): number {
    const n = bytes.length;
    if (start >= n) return INCOMPLETE;
    const delimiter = this.delimiter;
    const quote = this.quote;
    const skip = this.skipHeader;
    const fields = this.fieldBuilders.length;
    const row = this.rows;
    let i = start;
    for (let f = 0; ; f++) {
      if (f >= fields && !skip) return NOT_PLAIN;
      let from: number;
      let to: number;
      let escaped = false;
      const quoted = bytes[i] === quote;
      if (quoted) {
        from = ++i;
        for (;;) {
          if (i >= n) return INCOMPLETE;
          const c = bytes[i]!;
          if (c === quote) {
            if (i + 1 >= n) return INCOMPLETE;
            if (bytes[i + 1] !== quote) break;
            escaped = true;
            i += 2;
          } else if (c === LF || c === CR) return NOT_PLAIN;
          else i++;
        }
        to = i++;
      } else {
        from = i;
        const backslash = this.backslash;
        for (; i < n; i++) {
          const c = bytes[i]!;
          if (c === delimiter || c === LF || c === CR || c === quote || c === backslash) break;
        }
        if (i >= n) return INCOMPLETE;
        if (bytes[i] === quote) return NOT_PLAIN;
        if (bytes[i] === backslash) {
          // A text-format escape: plain only as the NULL string (`\N`), which is compared raw.
          for (; i < n; i++) {
            const c = bytes[i]!;
            if (c === delimiter || c === LF || c === CR) break;
          }
          if (i >= n) return INCOMPLETE;
          if (!skip && !this.isNullString(bytes, from, i)) return NOT_PLAIN;
        }
        to = i;
      }
      if (i >= n) return INCOMPLETE;
      const end = bytes[i];
      if (end !== delimiter && end !== LF) return NOT_PLAIN;
      if (end === LF && f === 0 && !quoted && to - from === 2 && bytes[from] === BACKSLASH && bytes[from + 1] === DOT) return NOT_PLAIN;
      if (!skip && !this.field(bytes, from, to, f, row, quoted, escaped, ascii)) return NOT_PLAIN;
      i++;
      if (end === LF) {
        if (skip) this.skipHeader = false;
        else {
          if (f + 1 !== fields) return NOT_PLAIN;
          for (const b of this.unnamed) b.setNull(row);
          if (++this.rows === this.capacity) this.flush();
        }
        this.line++;
        return i;
      }
    }
  }

  /** One field into its column; false when the row path must judge it (its errors, NOT NULL). */
  private field(bytes: Buffer, from: number, to: number, f: number, row: number,
    quoted: boolean, escaped: boolean, ascii: boolean): boolean {
    const builder = this.fieldBuilders[f]!;
    const isNull = !escaped && this.isNullString(bytes, from, to) && (quoted ? this.forceNull[f]! : !this.forceNotNull[f]!);
    if (isNull) {
      if (this.fieldNotNull[f]) return false;
      builder.setNull(row);
      return true;
    }
    if (!escaped && builder.parse(bytes, from, to, row)) return true;
    if (escaped && builder instanceof TextBuilder) {
      builder.parseUnescaped(bytes, from, to, row, this.quote);
      return true;
    }
    let text = bytes.toString(ascii ? 'latin1' : 'utf8', from, to);
    if (escaped) text = text.replaceAll(String.fromCharCode(this.quote).repeat(2), String.fromCharCode(this.quote));
    try {
      builder.set(row, this.rowBuilder.parseColumn(text, this.fieldColumn[f]!, this.line, this.ctx));
      return true;
    } catch {
      return false;
    }
  }

  private isNullString(bytes: Uint8Array, from: number, to: number): boolean {
    const nullBytes = this.nullBytes;
    if (to - from !== nullBytes.length) return false;
    for (let i = 0; i < nullBytes.length; i++) if (bytes[from + i] !== nullBytes[i]) return false;
    return true;
  }
}

/** Matches no byte: the text format has no quote, CSV no backslash escape. */
const NO_BYTE = -1;
const INCOMPLETE = -1;
const NOT_PLAIN = -2;

function oneAsciiByte(s: string): boolean {
  return s.length === 1 && s.charCodeAt(0) < 0x80 && s !== '\n' && s !== '\r';
}

/** How a column of `type` is loaded: its chunk's slots when it has a fast form, else values. */
function builderKind(type: StoredTable['columns'][number]['type']): BuilderKind {
  if (type.array || type.fields || type.typmod >= 0 || type.domain) return 'values';
  switch (type.id) {
    case 'int4': return 'int4';
    case 'float8': return 'float8';
    case 'bool': return 'bool';
    case 'timestamp': return 'timestamp';
    case 'text': case 'varchar': return 'text';
    default: return 'values';
  }
}
