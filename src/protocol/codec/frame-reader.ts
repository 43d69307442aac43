/**
 * Splits a TCP byte stream into protocol frames, whatever the chunking: a frame may arrive in
 * pieces or many frames in one chunk. Startup-phase frames have no type byte (length first);
 * after the StartupMessage every frame is type byte + length + body. Chunks are kept as they
 * arrive and joined once per frame, so a large message costs linear time however it is split,
 * and a length above the current limit (small until the client has authenticated) is refused
 * as soon as the header is seen, before its body is buffered.
 */
import { LENGTH_FIELD_SIZE, MAX_AUTH_MESSAGE_LENGTH, MAX_MESSAGE_LENGTH, MAX_STARTUP_LENGTH } from './message-codes.js';
import { protocolViolation } from './buffer-reader.js';

/** One frame: `code` is the type byte, or null for an untyped startup-phase frame. */
export interface Frame {
  readonly code: number | null;
  readonly body: Buffer;
}

export class FrameReader {
  private chunks: Buffer[] = [];
  private size = 0;
  /** True until the StartupMessage has been read (SSLRequest keeps us in this phase). */
  startupPhase = true;
  /** True once the client has authenticated: messages may then be up to MAX_MESSAGE_LENGTH. */
  authenticated = false;

  /** Adds a chunk; returns the complete frames it finished. Throws 08P01 on a bad length. */
  push(chunk: Buffer): Frame[] {
    if (chunk.length > 0) {
      this.chunks.push(chunk);
      this.size += chunk.length;
    }
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
    const header = this.startupPhase ? LENGTH_FIELD_SIZE : LENGTH_FIELD_SIZE + 1;
    if (this.size < header) return undefined;
    const head = this.peek(header);
    const code = this.startupPhase ? null : head[0]!;
    const length = head.readInt32BE(header - LENGTH_FIELD_SIZE);
    const max = this.startupPhase ? MAX_STARTUP_LENGTH : this.authenticated ? MAX_MESSAGE_LENGTH : MAX_AUTH_MESSAGE_LENGTH;
    if (length < LENGTH_FIELD_SIZE || length > max) {
      throw protocolViolation(this.startupPhase ? 'invalid length of startup packet' : `invalid message length ${length}`);
    }
    const total = header - LENGTH_FIELD_SIZE + length;
    if (this.size < total) return undefined;
    const frame = this.take(total);
    return { code, body: frame.subarray(header) };
  }

  /** The first `n` buffered bytes (joining only the chunks they span). */
  private peek(n: number): Buffer {
    if (this.chunks[0]!.length >= n) return this.chunks[0]!;
    let joined = 0;
    let count = 0;
    while (joined < n) joined += this.chunks[count++]!.length;
    const merged = Buffer.concat(this.chunks.slice(0, count));
    this.chunks.splice(0, count, merged);
    return merged;
  }

  /** Removes and returns the first `n` bytes as one buffer of its own. */
  private take(n: number): Buffer {
    const out = Buffer.allocUnsafeSlow(n);
    let filled = 0;
    while (filled < n) {
      const chunk = this.chunks[0]!;
      const part = Math.min(chunk.length, n - filled);
      chunk.copy(out, filled, 0, part);
      filled += part;
      if (part === chunk.length) this.chunks.shift();
      else this.chunks[0] = chunk.subarray(part);
    }
    this.size -= n;
    return out;
  }

  /** Frames still buffered can be re-read after the caller changes phase. */
  drain(): Frame[] {
    return this.push(Buffer.alloc(0));
  }

  get bufferedBytes(): number {
    return this.size;
  }
}
