/**
 * Turns an engine thread's connection events into log records for the main thread: logins and
 * logouts, statements slower than the threshold, errors with their SQLSTATE, CONVERT's progress.
 * Each is one postMessage (structured clone, no I/O on the engine thread); only slow statements
 * are sent, so a fast query costs a timestamp.
 */
import type { LogFields, LogLevel } from '../common/log-record.js';
import type { ConnectionEvents, ConnectionIdentity } from '../protocol/index.js';

/** Statement text kept in a log line (a pasted script can be long). */
const MAX_SQL_CHARS = 2000;
/** NOTICEs worth a log line: CONVERT's progress and summary. */
const PROGRESS_NOTICE = /^CONVERT: /;
/** SQLSTATE classes that are the server's trouble, not the client's: internal, system, resources. */
const SERVER_ERROR_CLASSES = new Set(['XX', '58', '53']);

export interface ConnectionLogOptions {
  /** Statements taking at least this long are logged (PostgreSQL's log_min_duration_statement). */
  readonly slowStatementMs: number;
  readonly send: (message: string, level: LogLevel, fields: LogFields) => void;
}

function base(who: ConnectionIdentity): Record<string, string | number> {
  return {
    backend_pid: who.pid, user: who.user ?? '', database: who.database ?? '', application: who.application ?? '', client: who.address ?? '',
  };
}

function cut(sql: string): string {
  return sql.length > MAX_SQL_CHARS ? `${sql.slice(0, MAX_SQL_CHARS)}…` : sql;
}

/** @example host = new ConnectionHost({ …, events: connectionLog({ slowStatementMs: 1000, send }) }) */
export function connectionLog(options: ConnectionLogOptions): ConnectionEvents {
  const { send, slowStatementMs } = options;
  return {
    connected: (who) => send('connection authorized', 'info', base(who)),
    disconnected: (who, ms) => send('disconnection', 'info', { ...base(who), session_ms: Math.round(ms) }),
    statement: (who, sql, ms) => {
      if (ms >= slowStatementMs) send('slow statement', 'warn', { ...base(who), duration_ms: Math.round(ms), sql: cut(sql) });
    },
    error: (who, code, severity, message, sql) => {
      const level: LogLevel = SERVER_ERROR_CLASSES.has(code.slice(0, 2)) ? 'error' : 'warn';
      send(message, level, { ...base(who), sqlstate: code, severity, ...(sql ? { sql: cut(sql) } : {}) });
    },
    notice: (who, message) => {
      if (PROGRESS_NOTICE.test(message)) send(message, 'info', { ...base(who), event: 'convert progress' });
    },
  };
}
