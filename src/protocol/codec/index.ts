/**
 * The wire codec's public surface: framing, frontend decoding, backend encoding. Imports nothing
 * from the engine, so it can be unit-tested and fuzzed alone.
 */
export * from './message-codes.js';
export { BufferWriter } from './buffer-writer.js';
export { BufferReader, protocolViolation } from './buffer-reader.js';
export { FrameReader, type Frame } from './frame-reader.js';
export * from './frontend-messages.js';
export * from './backend-messages.js';
