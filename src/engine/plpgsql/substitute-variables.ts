/**
 * Embedded SQL with the PL/pgSQL variables it names turned into parameters: `x + 1` becomes
 * `$1 + 1` with x's value and type as $1, `r.f` (a field of a record variable) a parameter of
 * the field, `r.*` the whole record (inside ROW( … ) its fields). Names that cannot be variable references stay: a function call `f(…)`, a
 * qualified column `t.x`, an alias after AS, INSERT's column list and UPDATE's SET targets.
 * The rewritten text is stable for a statement, so its plan is cached by it.
 */
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import { boundedCache } from '../../common/bounded-cache.js';
import { tokenize, type Token } from '../../parser/lexer.js';
import type { SqlType } from '../../types/sql-type.js';
import { RecordValue, type Value } from '../../types/value.js';
import type { PlScope, PlVariable } from './plpgsql-scope.js';

export interface BoundSql {
  readonly sql: string;
  readonly values: Value[];
  readonly types: SqlType[];
}

/** Token lists kept per SQL text (texts of function bodies repeat every call). */
const MAX_CACHED_TEXTS = 2000;
const tokenCache = boundedCache<string, readonly Token[]>(MAX_CACHED_TEXTS);

function tokensOf(text: string): readonly Token[] {
  let tokens = tokenCache.get(text);
  if (!tokens) tokenCache.set(text, tokens = tokenize(text));
  return tokens;
}

const isName = (t: Token | undefined): boolean => t?.type === 'word' || t?.type === 'qident';
const nameOf = (t: Token): string => (t.type === 'qident' ? t.value : t.text.toLowerCase());
const isPunct = (t: Token | undefined, text: string): boolean => (t?.type === 'punct' || t?.type === 'op') && t.text === text;

/** The value of field `field` of a record variable (42703 when it has none). */
export function recordField(v: PlVariable, field: string): { value: Value; type: SqlType } {
  const fields = v.type.fields;
  if (!fields) {
    throw new SqlError(SQLSTATE.ObjectNotInPrerequisiteState, `record "${v.name}" is not assigned yet`,
      { detail: 'The tuple structure of a not-yet-assigned record is indeterminate.' });
  }
  const at = fields.findIndex((f) => f.name === field);
  if (at < 0) throw new SqlError(SQLSTATE.UndefinedColumn, `record "${v.name}" has no field "${field}"`);
  const value = v.value instanceof RecordValue ? v.value.values[at]! : null;
  return { value, type: fields[at]!.type };
}

/** Names in the token range that are column targets, not expressions (INSERT (a, b), UPDATE SET a =). */
function targetPositions(tokens: readonly Token[]): Set<number> {
  const skip = new Set<number>();
  const verb = tokens[0]?.type === 'word' ? tokens[0].text.toLowerCase() : '';
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (verb === 'insert' && t.type === 'word' && t.text.toLowerCase() === 'into') {
      let j = i + 2;
      while (isPunct(tokens[j], '.') && isName(tokens[j + 1])) j += 2;
      if (isPunct(tokens[j], '(')) {
        for (j++; j < tokens.length && !isPunct(tokens[j], ')'); j++) if (isName(tokens[j])) skip.add(j);
      }
    }
    if (verb === 'update' && isName(t) && isPunct(tokens[i + 1], '=') && (isPunct(tokens[i - 1], ',') || tokens[i - 1]?.text.toLowerCase() === 'set')) skip.add(i);
  }
  return skip;
}

/** Rewrites `text`, binding variables of `scope` as parameters. */
export function substituteVariables(text: string, scope: PlScope): BoundSql {
  const tokens = tokensOf(text);
  const values: Value[] = [];
  const types: SqlType[] = [];
  const slots = new Map<unknown, number>();
  const param = (key: unknown, value: Value, type: SqlType): string => {
    let n = slots.get(key);
    if (n === undefined) {
      values.push(value);
      types.push(type);
      slots.set(key, n = values.length);
    }
    return `$${n}`;
  };
  const skip = targetPositions(tokens);
  let out = '';
  let last = 0;
  const replace = (from: number, to: number, by: string): void => {
    out += text.slice(last, tokens[from]!.start) + by;
    last = tokens[to - 1]!.end;
  };
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.type === 'param') {
      const v = scope.lookup(t.text);
      if (v) replace(i, i + 1, param(v, v.value, v.type));
      continue;
    }
    if (!isName(t) || skip.has(i) || isPunct(tokens[i - 1], '.') || isPunct(tokens[i + 1], '(')) continue;
    if (tokens[i - 1]?.type === 'word' && tokens[i - 1]!.text.toLowerCase() === 'as') continue;
    const name = nameOf(t);
    let v = scope.lookup(name);
    let end = i + 1;
    if (isPunct(tokens[i + 1], '.') && isName(tokens[i + 2]) && scope.hasLabel(name)) {
      const q = scope.qualified(name, nameOf(tokens[i + 2]!));
      if (q) { v = q; end = i + 3; }
    }
    if (!v) continue;
    if (isPunct(tokens[end], '.') && isPunct(tokens[end + 1], '*') && (v.type.fields || v.anyRecord)) {
      // `r.*`: inside ROW( … ) the record's fields, one parameter each; elsewhere the whole record.
      const inRow = isPunct(tokens[i - 1], '(') && tokens[i - 2]?.type === 'word' && tokens[i - 2]!.text.toLowerCase() === 'row';
      const fields = v.type.fields ?? [];
      const by = inRow && fields.length > 0
        ? fields.map((f, k) => param(`${f.name}\u0000${String(slots.size)}:${k}`, v!.value instanceof RecordValue ? v!.value.values[k]! : null, f.type)).join(', ')
        : param(v, v.value, v.type);
      replace(i, end + 2, by);
      i = end + 1;
      continue;
    }
    if (isPunct(tokens[end], '.') && isName(tokens[end + 1]) && !isPunct(tokens[end + 2], '(')) {
      if (!v.type.fields && !v.anyRecord) continue;
      const field = nameOf(tokens[end + 1]!);
      const { value, type } = recordField(v, field);
      replace(i, end + 2, param(`${field}\u0000${String(slots.size)}`, value, type));
      i = end + 1;
      continue;
    }
    replace(i, end, param(v, v.value, v.type));
    i = end - 1;
  }
  out += text.slice(last);
  return { sql: out, values, types };
}
