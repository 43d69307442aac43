/**
 * The engine's QueryOutput over the wire: RowDescription/DataRow/CommandComplete frames written
 * into the connection's MessageWriter, flushed with back-pressure; COPY sub-protocol channels
 * that read CopyData from the connection's command queue.
 */
import { SqlError, SQLSTATE, type Notice } from '../common/sql-error.js';
import type { QueryOutput } from '../engine/index.js';
import type { ColumnValues, CopyOutChannel, ResultColumn } from '../engine/index.js';
import type { TextCodecOptions } from '../types/text-codec.js';
import type { Row } from '../types/value.js';
import {
  FormatCode, writeCommandComplete, writeCopyData, writeCopyDone, writeCopyInResponse, writeCopyOutResponse,
  writeEmptyQueryResponse, writeNoticeResponse, writePortalSuspended, writeRowDescription,
  protocolViolation, type FrontendMessage,
} from './codec/index.js';
import { noticeFields } from './error-fields.js';
import type { MessageWriter } from './message-writer.js';
import { dataColumnsEncoder, dataRowEncoder } from './data-row-encoder.js';
import { describeColumns } from './value-encoding.js';

/** What the output needs from its connection. */
export interface OutputHost {
  readonly writer: MessageWriter;
  /** The connection's command queue: COPY IN reads CopyData from it. */
  readonly queue: { next(): Promise<{ readonly kind: string } | undefined> };
  /** The session's text output options: TimeZone, and regclass names from its transaction. */
  textOptions(): TextCodecOptions;
  /** Tracks copy-in/copy-out in the connection's state machine. */
  setCopyState(state: 'copy-in' | 'copy-out' | undefined): void;
  /** Told of each notice sent (the server log picks CONVERT's progress). */
  noticed?(notice: Notice): void;
}

export class ConnectionOutput implements QueryOutput {
  constructor(private readonly host: OutputHost) {}

  rowDescription(columns: readonly ResultColumn[], formats: readonly number[]): void {
    writeRowDescription(this.host.writer.buf, describeColumns(columns, formats));
  }

  async dataRows(rows: readonly Row[], columns: readonly ResultColumn[], formats: readonly number[]): Promise<void> {
    await dataRowEncoder(columns, formats, this.host.textOptions())(this.host.writer, rows);
  }

  async dataColumns(batch: ColumnValues, columns: readonly ResultColumn[], formats: readonly number[]): Promise<void> {
    await dataColumnsEncoder(columns, formats, this.host.textOptions())(this.host.writer, batch);
  }

  commandComplete(tag: string): void {
    writeCommandComplete(this.host.writer.buf, tag);
  }

  emptyQuery(): void {
    writeEmptyQueryResponse(this.host.writer.buf);
  }

  portalSuspended(): void {
    writePortalSuspended(this.host.writer.buf);
  }

  /**
   * Sent while the statement runs, not only when it ends: a long CONVERT's progress must reach
   * psql as it goes (PostgreSQL flushes each NoticeResponse). But not in a write of its own at
   * once: within a few milliseconds, or with the statement's result if that comes first
   * (`flushSoon`) — a SEARCH with the TEST model paid a whole extra thread hop and socket write
   * per statement for its notice (src/engine/README.md, 2026-12-08). A client that does not read
   * only holds up its own statement at the next row flush.
   */
  notice(notice: Notice): void {
    writeNoticeResponse(this.host.writer.buf, noticeFields(notice));
    this.host.writer.flushSoon();
    this.host.noticed?.(notice);
  }

  async *copyIn(columnCount: number, format: 'text' | 'binary'): AsyncIterable<Uint8Array> {
    const code = format === 'binary' ? FormatCode.Binary : FormatCode.Text;
    writeCopyInResponse(this.host.writer.buf, code, Array.from({ length: columnCount }, () => code));
    await this.host.writer.flush();
    this.host.setCopyState('copy-in');
    try {
      for (;;) {
        const msg = await this.host.queue.next();
        if (!msg) throw new SqlError(SQLSTATE.ConnectionFailure, 'connection closed during COPY');
        const m = msg as FrontendMessage;
        switch (m.kind) {
          case 'CopyData': yield m.data; break;
          case 'CopyDone': return;
          case 'CopyFail': throw new SqlError(SQLSTATE.QueryCanceled, `COPY from stdin failed: ${m.message}`);
          // PostgreSQL ignores Flush and Sync during COPY IN (drivers may send them).
          case 'Flush': case 'Sync': break;
          default: throw protocolViolation(`unexpected message ${m.kind} during COPY from stdin`);
        }
      }
    } finally {
      this.host.setCopyState(undefined);
    }
  }

  copyOut(columnCount: number, format: 'text' | 'binary'): CopyOutChannel {
    const code = format === 'binary' ? FormatCode.Binary : FormatCode.Text;
    const w = this.host.writer;
    writeCopyOutResponse(w.buf, code, Array.from({ length: columnCount }, () => code));
    this.host.setCopyState('copy-out');
    return {
      write: async (chunk) => {
        writeCopyData(w.buf, chunk);
        if (w.shouldFlush) await w.flush();
      },
      end: () => {
        writeCopyDone(w.buf);
        this.host.setCopyState(undefined);
      },
    };
  }
}
