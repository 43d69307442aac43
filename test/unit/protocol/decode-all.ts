/**
 * Test helper: decodes a byte stream the way a connection does (untyped startup frames until the
 * StartupMessage, typed frames after), so tests can feed it any chunking.
 */
import { decodeFrontendFrame, decodeStartupFrame, FrameReader } from '../../../src/protocol/codec/index.js';

export type Decoded = { readonly kind: string } & Record<string, unknown>;

export function decodeChunks(chunks: readonly Buffer[]): Decoded[] {
  const reader = new FrameReader();
  const out: Decoded[] = [];
  for (const chunk of chunks) {
    let frames = reader.push(chunk);
    while (frames.length > 0) {
      let changed = false;
      for (const f of frames) {
        if (f.code === null) {
          const m = decodeStartupFrame(f.body);
          if (m.kind === 'Startup') {
            reader.startupPhase = false;
            // The helper stands for a connection past authentication (large messages allowed).
            reader.authenticated = true;
          }
          changed = true;
          out.push(m as Decoded);
        } else {
          out.push(decodeFrontendFrame(f) as Decoded);
        }
      }
      frames = changed ? reader.drain() : [];
    }
  }
  return out;
}
