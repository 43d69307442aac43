/**
 * The server's structured log: pino, one JSON object a line on stderr (stdout keeps the start-up
 * banner). Written asynchronously (sonic-boom with `sync: false`): a log line never waits for the
 * terminal or a pipe on the main thread, which relays every client's bytes. Engine threads never
 * write here themselves; they post records (connection-log.ts) that land in `log`.
 */
import { pino, type Logger } from 'pino';
import type { LogFields, LogLevel, ServerLogger } from '../common/log-record.js';
import type { LogLevelName } from '../config/server-config.js';

export interface ServerLog {
  readonly log: ServerLogger;
  readonly logger: Logger;
  /** Writes what is buffered (before exit). */
  flush(): void;
}

/** @example const { log } = createServerLog('info'); log('slow statement', 'warn', { duration_ms: 1200 }); */
export function createServerLog(level: LogLevelName, version: string): ServerLog {
  const destination = pino.destination({ dest: 2, sync: false });
  const logger = pino({ level, base: { pid: process.pid, version }, timestamp: pino.stdTimeFunctions.isoTime }, destination);
  // Engine records carry their own pid (the backend's); pino's base pid is the process's.
  const log: ServerLogger = (message: string, at: LogLevel = 'info', fields?: LogFields) => {
    if (fields) logger[at]({ ...fields }, message);
    else logger[at](message);
  };
  return { log, logger, flush: () => destination.flushSync() };
}
