/**
 * Reads big-endian values out of one frontend message body. Every read is bounds-checked and
 * throws a 08P01 protocol violation instead of returning garbage, so a malformed frame can
 * never crash the server.
 */
import { SqlError, SQLSTATE } from '../../common/sql-error.js';

export class BufferReader {
  private pos = 0;

  constructor(private readonly buf: Buffer) {}

  private need(n: number, what: string): void {
    if (n < 0 || this.pos + n > this.buf.length) {
      throw protocolViolation(`invalid message format: truncated ${what}`);
    }
  }

  byte(): number {
    this.need(1, 'byte');
    return this.buf[this.pos++]!;
  }

  int16(): number {
    this.need(2, 'int16');
    const v = this.buf.readInt16BE(this.pos);
    this.pos += 2;
    return v;
  }

  int32(): number {
    this.need(4, 'int32');
    const v = this.buf.readInt32BE(this.pos);
    this.pos += 4;
    return v;
  }

  /** A NUL-terminated UTF-8 string. */
  cstring(): string {
    const end = this.buf.indexOf(0, this.pos);
    if (end < 0) throw protocolViolation('invalid message format: missing string terminator');
    const s = this.buf.toString('utf8', this.pos, end);
    this.pos = end + 1;
    return s;
  }

  bytes(n: number): Buffer {
    this.need(n, 'bytes');
    const out = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }

  rest(): Buffer {
    const out = this.buf.subarray(this.pos);
    this.pos = this.buf.length;
    return out;
  }

  get remaining(): number {
    return this.buf.length - this.pos;
  }

  /** Asserts the whole body was consumed (PG: "invalid message format"). */
  end(): void {
    if (this.pos !== this.buf.length) throw protocolViolation('invalid message format');
  }
}

/** A 08P01 error; the connection sends it as FATAL and closes. */
export function protocolViolation(message: string): SqlError {
  return new SqlError(SQLSTATE.ProtocolViolation, message, { severity: 'FATAL' });
}
