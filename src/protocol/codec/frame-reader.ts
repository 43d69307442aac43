/**
 * Splits a TCP byte stream into protocol frames, whatever the chunking: a frame may arrive in
 * pieces or many frames in one chunk. Startup-phase frames have no type byte (length first);
 * after the StartupMessage every frame is type byte + length + body.
 */
import { LENGTH_FIELD_SIZE, MAX_MESSAGE_LENGTH, MAX_STARTUP_LENGTH } from './message-codes.js';
import { protocolViolation } from './buffer-reader.js';

/** One frame: `code` is the type byte, or null for an untyped startup-phase frame. */
export interface Frame {
  readonly code: number | null;
  readonly body: Buffer;
}

export class FrameReader {
  private pending: Buffer = Buffer.alloc(0);
  /** True until the StartupMessage has been read (SSLRequest keeps us in this phase). */
  startupPhase = true;

  /** Adds a chunk; returns the complete frames it finished. Throws 08P01 on a bad length. */
  push(chunk: Buffer): Frame[] {
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    const frames: Frame[] = [];
    for (;;) {
      const frame = this.next();
      if (!frame) break;
      frames.push(frame);
      // The caller decides whether the startup phase is over; it then calls drain().
      if (frame.code === null) break;
    }
    return frames;
  }

  /** Reads one frame, or undefined when more bytes are needed. */
  private next(): Frame | undefined {
    const buf = this.pending;
    const header = this.startupPhase ? LENGTH_FIELD_SIZE : LENGTH_FIELD_SIZE + 1;
    if (buf.length < header) return undefined;
    const code = this.startupPhase ? null : buf[0]!;
    const length = buf.readInt32BE(header - LENGTH_FIELD_SIZE);
    const max = this.startupPhase ? MAX_STARTUP_LENGTH : MAX_MESSAGE_LENGTH;
    if (length < LENGTH_FIELD_SIZE || length > max) {
      throw protocolViolation(this.startupPhase ? 'invalid length of startup packet' : `invalid message length ${length}`);
    }
    const total = header - LENGTH_FIELD_SIZE + length;
    if (buf.length < total) return undefined;
    const body = Buffer.from(buf.subarray(header, total));
    this.pending = buf.subarray(total);
    return { code, body };
  }

  /** Frames still buffered can be re-read after the caller changes phase. */
  drain(): Frame[] {
    return this.push(Buffer.alloc(0));
  }

  get bufferedBytes(): number {
    return this.pending.length;
  }
}
