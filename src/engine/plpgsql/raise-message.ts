/**
 * RAISE: the message with each `%` replaced by the next parameter's text (NULL as `NULL`, `%%`
 * a literal percent sign), the USING options, and where it goes — an error for EXCEPTION, a
 * notice for the other levels when client_min_messages lets it through (INFO always does).
 */
import { SqlError, SQLSTATE, type Notice, type SqlState } from '../../common/sql-error.js';
import type { PlRaiseLevel } from '../../parser/plpgsql/plpgsql-ast.js';
import { conditionCode, errcodeOption } from './condition-names.js';

/** client_min_messages levels below ERROR, lowest first (DEBUG1…5 all count as debug). */
const LEVEL_RANK: Readonly<Record<string, number>> = { debug: 0, log: 1, notice: 2, warning: 3, error: 4 };

/** `fmt` with its `%` placeholders filled; 42601 when the counts differ. */
export function formatRaise(fmt: string, params: readonly string[]): string {
  let out = '';
  let next = 0;
  for (let i = 0; i < fmt.length; i++) {
    const c = fmt[i]!;
    if (c !== '%') { out += c; continue; }
    if (fmt[i + 1] === '%') { out += '%'; i++; continue; }
    if (next >= params.length) throw new SqlError(SQLSTATE.SyntaxError, 'too few parameters specified for RAISE');
    out += params[next++]!;
  }
  if (next < params.length) throw new SqlError(SQLSTATE.SyntaxError, 'too many parameters specified for RAISE');
  return out;
}

export interface RaiseParts {
  readonly level: PlRaiseLevel;
  readonly condition?: string;
  readonly message?: string;
  /** USING options by lower-cased name, as text. */
  readonly options: ReadonlyMap<string, string>;
}

/** The error RAISE EXCEPTION throws. */
export function raiseError(parts: RaiseParts): SqlError {
  const { condition, options } = parts;
  const errcode = options.get('errcode');
  const code: SqlState = errcode !== undefined ? errcodeOption(errcode) : condition ? conditionCode(condition) : 'P0001' as SqlState;
  const message = options.get('message') ?? parts.message
    ?? (condition ? (condition.startsWith('sqlstate:') ? condition.slice('sqlstate:'.length) : condition) : errcode ?? code);
  const detail = options.get('detail');
  const hint = options.get('hint');
  return new SqlError(code, message, {
    ...(detail !== undefined ? { detail } : {}), ...(hint !== undefined ? { hint } : {}),
    ...(options.has('column') ? { column: options.get('column')! } : {}),
    ...(options.has('constraint') ? { constraint: options.get('constraint')! } : {}),
    ...(options.has('table') ? { table: options.get('table')! } : {}),
    ...(options.has('schema') ? { schema: options.get('schema')! } : {}),
  });
}

/** The notice a RAISE below EXCEPTION sends, or undefined when client_min_messages filters it out. */
export function raiseNotice(parts: RaiseParts, clientMinMessages: string | undefined): Notice | undefined {
  const level = parts.level.toLowerCase();
  const min = (clientMinMessages ?? 'notice').toLowerCase().replace(/^debug\d$/, 'debug');
  if (level !== 'info' && (LEVEL_RANK[level] ?? 0) < (LEVEL_RANK[min] ?? 2)) return undefined;
  const errcode = parts.options.get('errcode');
  // Without ERRCODE a WARNING is 01000 and the lower levels 00000, as PostgreSQL's ereport defaults.
  const fallback = parts.level === 'WARNING' ? SQLSTATE.Warning : SQLSTATE.SuccessfulCompletion;
  const code: SqlState = errcode !== undefined ? errcodeOption(errcode) : parts.condition ? conditionCode(parts.condition) : fallback;
  const detail = parts.options.get('detail');
  const hint = parts.options.get('hint');
  return {
    severity: parts.level === 'EXCEPTION' ? 'WARNING' : parts.level as Notice['severity'], code,
    message: parts.options.get('message') ?? parts.message ?? parts.condition ?? '',
    ...(detail !== undefined ? { detail } : {}), ...(hint !== undefined ? { hint } : {}),
  };
}
