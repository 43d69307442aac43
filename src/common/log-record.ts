/**
 * A structured log line as it travels from where it happens (an engine thread, the HTTP server)
 * to the one writer on the main thread: a level, a message and flat fields.
 */

/** pino's levels, the ones the server uses. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** Flat fields: numbers and strings only, so they cross threads as structured clones. */
export type LogFields = Readonly<Record<string, string | number | boolean>>;

/** The server's log sink; a plain message is `info`. */
export type ServerLogger = (message: string, level?: LogLevel, fields?: LogFields) => void;
