/**
 * StartupMessage parameters → session settings, the way PostgreSQL treats them: `options`
 * carries `-c name=value` / `--name=value` words (backslash escapes spaces), `replication` is
 * refused, `user`/`database` are identity not settings, `_pq_.*` protocol options are ignored.
 */
import { SqlError, SQLSTATE } from '../common/sql-error.js';

export interface StartupRequest {
  readonly user: string;
  readonly database: string;
  /** Settings to apply, in the order given (options first, then plain parameters). */
  readonly settings: readonly (readonly [string, string])[];
}

const IDENTITY_PARAMS = new Set(['user', 'database', 'options', 'replication']);
const FALSE_WORDS = new Set(['false', 'off', 'no', '0']);

/** Splits PGOPTIONS-style words: whitespace separates, `\` escapes the next character. */
function splitOptions(options: string): string[] {
  const words: string[] = [];
  let cur = '';
  let escaped = false;
  for (const ch of options) {
    if (escaped) { cur += ch; escaped = false; } else if (ch === '\\') escaped = true;
    else if (/\s/.test(ch)) { if (cur) words.push(cur); cur = ''; } else cur += ch;
  }
  if (cur) words.push(cur);
  return words;
}

function parseOptions(options: string): [string, string][] {
  const out: [string, string][] = [];
  const words = splitOptions(options);
  for (let i = 0; i < words.length; i++) {
    let w = words[i]!;
    if (w === '-c') w = words[++i] ?? '';
    else if (w.startsWith('-c')) w = w.slice(2);
    else if (w.startsWith('--')) w = w.slice(2);
    else throw new SqlError(SQLSTATE.ProtocolViolation, `invalid command-line argument for server process: ${w}`, { severity: 'FATAL' });
    const eq = w.indexOf('=');
    if (eq <= 0) throw new SqlError(SQLSTATE.SyntaxError, `-c ${w} requires a value`, { severity: 'FATAL' });
    out.push([w.slice(0, eq).replace(/-/g, '_'), w.slice(eq + 1)]);
  }
  return out;
}

export function readStartup(params: ReadonlyMap<string, string>): StartupRequest {
  const user = params.get('user');
  if (!user) {
    throw new SqlError(SQLSTATE.InvalidAuthorizationSpecification, 'no PostgreSQL user name specified in startup packet', { severity: 'FATAL' });
  }
  const replication = params.get('replication');
  if (replication !== undefined && !FALSE_WORDS.has(replication.toLowerCase())) {
    throw new SqlError(SQLSTATE.FeatureNotSupported, 'replication connections are not supported', { severity: 'FATAL' });
  }
  const settings: [string, string][] = params.has('options') ? parseOptions(params.get('options')!) : [];
  for (const [name, value] of params) {
    if (!IDENTITY_PARAMS.has(name) && !name.startsWith('_pq_.')) settings.push([name, value]);
  }
  return { user, database: params.get('database') || user, settings };
}
