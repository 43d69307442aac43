/**
 * Prepares one statement's text for node-sql-parser, token by token: folds unquoted words to
 * lower case (so any upper-case name node-sql-parser reports was quoted), turns E'' and
 * dollar-quoted strings into standard strings, rewrites `OPERATOR(pg_catalog.~)` to `~`,
 * drops `COLLATE x`, maps `IS [NOT] DISTINCT FROM` to stand-in operators, `FETCH FIRST n ROWS
 * ONLY` to `LIMIT n`, and replaces nested `( SEARCH … )` / `( CONVERT … )` by placeholder
 * tables. Casts, SQL-standard call syntax, operators, keywords used as names and CASE's ELSE are
 * rewritten by the rules in rewrite-casts.ts, rewrite-sql-syntax.ts, rewrite-operators.ts,
 * rewrite-keyword-names.ts, rewrite-case-else.ts, rewrite-window.ts and rewrite-ordered-aggregate.ts
 * (stand-ins: rewrite-markers.ts).
 * Keeps a map back to source offsets.
 */
import { isWord, type Token } from './lexer.js';
import type { Query } from './ast.js';
import { rewriteCaseElse } from './rewrite-case-else.js';
import { rewriteCast, rewriteCastAs, rewriteTypedLiteral } from './rewrite-casts.js';
import { KEYWORD_NAME_RULES } from './rewrite-keyword-names.js';
import { OPERATOR_RULES } from './rewrite-operators.js';
import { rewriteOrderedAggregate } from './rewrite-ordered-aggregate.js';
import { SQL_SYNTAX_RULES } from './rewrite-sql-syntax.js';
import { rewriteWindowCall } from './rewrite-window.js';
import { matchClose, type NestedParser, type RewriteRule, type RewriteState, type Rewritten } from './rewrite-state.js';
import { LIMIT_MARKER_BASE } from './rewrite-markers.js';

/** Stand-in operators node-sql-parser accepts (jsonb `?|`/`?&`, unsupported by us anyway). */
export const DISTINCT_FROM_OP = '?|';
export const NOT_DISTINCT_FROM_OP = '?&';
/** `$n` is rewritten to this bare column name + n (node-sql-parser mishandles `$1::int` in WHERE). */
export const PARAM_PREFIX = '__thano_param_';
/** `x[expr]` is rewritten to `x #>(expr)` (node-sql-parser only takes literal subscripts). */
export const SUBSCRIPT_OP = '#>';
/** Placeholder table name prefix for nested ThanoSQL queries. */
export const THANO_SUB_PREFIX = '__thano_sub_';

export type { NestedParser, RewriteRule, RewriteState, Rewritten } from './rewrite-state.js';

/** Rules tried in order at each token before the built-in ones below. */
const RULES: readonly RewriteRule[] = [
  rewriteWindowCall, rewriteOrderedAggregate, rewriteCast, rewriteCastAs, rewriteTypedLiteral, ...SQL_SYNTAX_RULES, ...OPERATOR_RULES, ...KEYWORD_NAME_RULES, rewriteCaseElse,
];

interface Segment { out: number; orig: number; len: number; same: boolean }

/** Rewrites tokens[from, to) of `text`. */
export function rewriteForNsp(
  text: string, tokens: readonly Token[], from: number, to: number, nested: NestedParser,
): Rewritten {
  let sql = '';
  const segs: Segment[] = [];
  const subs: Query[] = [];
  let prevEnd = from < to ? tokens[from]!.start : 0;
  const emit = (out: string, first: Token, last: Token): void => {
    sql += text.slice(prevEnd, first.start).replace(/[^\n]/g, ' ');
    segs.push({ out: sql.length, orig: first.start, len: out.length, same: first === last && out.length === first.text.length });
    sql += out;
    prevEnd = last.end;
  };
  // Later tokens whose text is replaced (closing `]` of a subscript, FROM/FOR in substring …).
  const later = new Map<number, string>();
  const st: RewriteState = {
    text, tokens, from, to, types: [], fields: [],
    emit: (out, first, last) => emit(out, tokens[first]!, tokens[last]!),
    replaceLater: (k, out) => { later.set(k, out); },
  };
  let i = from;
  outer: while (i < to) {
    const t = tokens[i]!;
    const at = (k: number): Token | undefined => (i + k < to ? tokens[i + k] : undefined);
    const replacement = later.get(i);
    if (replacement !== undefined) {
      if (replacement === '') prevEnd = t.end; else emit(replacement, t, t);
      i++; continue;
    }
    for (const rule of RULES) {
      const next = rule(st, i);
      if (next !== undefined) { i = next; continue outer; }
    }
    const prev = i > from ? tokens[i - 1] : undefined;
    if (t.text === '[' && t.type === 'punct' && at(1)?.text !== ']' && prev !== undefined && !isWord(prev, 'ARRAY')
      && (prev.type === 'word' || prev.type === 'qident' || prev.text === ')' || prev.text === ']')) {
      const close = matchClose(tokens, i, to, '[', ']');
      if (close > 0) { later.set(close, ')'); emit(`${SUBSCRIPT_OP}(`, t, t); i++; continue; }
    }
    if (isWord(t, 'VALUES') && isWord(prev, 'UNION', 'ALL', 'INTERSECT', 'EXCEPT') && at(1)?.text === '(') {
      const close = matchClose(tokens, i + 1, to);
      if (close > 0 && tokens[close + 1]?.text !== ',') {
        later.set(close, '');
        emit('select ', t, tokens[i + 1]!); i += 2; continue;
      }
    }
    if (t.type === 'word' && isWord(t, 'OPERATOR') && at(1)?.text === '(') {
      let j = i + 2;
      while (j < to && tokens[j]!.text !== ')') j++;
      const op = tokens[j - 1];
      if (op !== undefined && op.type === 'op' && j < to) { emit(op.text, t, tokens[j]!); i = j + 1; continue; }
    }
    if (isWord(t, 'COLLATE') && at(1) !== undefined) {
      let j = i + 2;
      while (j + 1 < to && tokens[j]!.text === '.') j += 2;
      prevEnd = tokens[j - 1]!.end;
      i = j; continue;
    }
    if (isWord(t, 'IS') && isWord(at(1), 'DISTINCT') && isWord(at(2), 'FROM')) {
      emit(DISTINCT_FROM_OP, t, tokens[i + 2]!); i += 3; continue;
    }
    if (isWord(t, 'IS') && isWord(at(1), 'NOT') && isWord(at(2), 'DISTINCT') && isWord(at(3), 'FROM')) {
      emit(NOT_DISTINCT_FROM_OP, t, tokens[i + 3]!); i += 4; continue;
    }
    if (isWord(t, 'FETCH') && isWord(at(1), 'FIRST', 'NEXT')) {
      let j = i + 2;
      const n = at(2)?.type === 'number' ? tokens[j++]!.text : '1';
      if (isWord(tokens[j], 'ROW', 'ROWS') && isWord(tokens[j + 1], 'ONLY') && j + 1 < to) {
        emit(`limit ${n}`, t, tokens[j + 1]!); i = j + 2; continue;
      }
    }
    if (t.text === '(' && t.type === 'punct' && startsThano(at(1), at(2))) {
      const close = matchClose(tokens, i, to);
      if (close > 0) {
        subs.push(nested(i + 1, close));
        emit(`"${THANO_SUB_PREFIX}${subs.length - 1}"`, t, tokens[close]!);
        i = close + 1; continue;
      }
    }
    // node-sql-parser drops a LIMIT written after OFFSET (valid in PostgreSQL): put it first.
    const rows = isWord(at(2), 'ROW', 'ROWS') ? 1 : 0;
    if (isWord(t, 'OFFSET') && isLimitOperand(at(1)) && isWord(at(2 + rows), 'LIMIT') && isLimitOperand(at(3 + rows))) {
      emit(`limit ${limitOperandText(at(3 + rows)!)} offset ${limitOperandText(at(1)!)}`, t, at(3 + rows)!);
      i += 4 + rows; continue;
    }
    if (isWord(t, 'LIMIT', 'OFFSET') && isLimitOperand(at(1))) {
      emit(`${t.text.toLowerCase()} ${limitOperandText(at(1)!)}`, t, at(1)!); i += 2; continue;
    }
    if (t.type === 'param') emit(`${PARAM_PREFIX}${t.value}`, t, t);
    else if (t.type === 'word') emit(t.text.replace(/[A-Z]/g, (c) => c.toLowerCase()), t, t);
    else if (t.type === 'string' && t.quote !== "'") emit(`'${t.value.replace(/'/g, "''")}'`, t, t);
    else emit(t.text, t, t);
    i++;
  }
  return { sql, subs, types: st.types, fields: st.fields, toOriginal: (offset) => toOriginal(segs, offset, prevEnd) };
}

/** True when the tokens start a ThanoSQL query (SEARCH IMAGE …, CONVERT USING …). */
export function startsThano(a: Token | undefined, b: Token | undefined): boolean {
  return (isWord(a, 'SEARCH') && isWord(b, 'IMAGE', 'TEXT', 'AUDIO', 'VIDEO', 'KEYWORD'))
    || (isWord(a, 'CONVERT') && isWord(b, 'USING'));
}

function toOriginal(segs: readonly Segment[], offset: number, end: number): number {
  let best: Segment | undefined;
  for (const s of segs) if (s.out <= offset) best = s;
  if (best === undefined) return segs[0]?.orig ?? 0;
  if (offset >= best.out + best.len) {
    const next = segs[segs.indexOf(best) + 1];
    return next?.orig ?? end;
  }
  return best.same ? best.orig + (offset - best.out) : best.orig;
}

/** A LIMIT/OFFSET operand the rewriter can carry: a number, `$n` or NULL. */
function isLimitOperand(t: Token | undefined): boolean {
  return t !== undefined && (t.type === 'number' || t.type === 'param' || isWord(t, 'NULL'));
}

/** The operand as node-sql-parser will accept it: `$n` and NULL become LIMIT_MARKER_BASE numbers. */
function limitOperandText(t: Token): string {
  if (t.type === 'number') return t.text;
  return String(LIMIT_MARKER_BASE + (t.type === 'param' ? Number(t.value) : 0));
}
