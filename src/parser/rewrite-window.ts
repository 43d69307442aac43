/**
 * Rewrite rules for window syntax. `f(…) [FILTER (WHERE …)] OVER (…)` / `OVER name` becomes
 * the stand-in call described at WINDOW_CALL_PREFIX (rewrite-markers.ts), so PARTITION BY /
 * ORDER BY go through node-sql-parser as GROUP BY / ORDER BY of a stand-in subquery and any
 * function and frame can carry a window. Named windows (`WINDOW w AS (…)`) are inlined into
 * the calls using them and the WINDOW clause is dropped: node-sql-parser silently loses the
 * ORDER BY and LIMIT after it. transform/transform-window.ts builds the WindowSpec back.
 */
import { isWord, type Token } from './lexer.js';
import { WINDOW_CALL_PREFIX, WINDOW_SPEC_TABLE } from './rewrite-markers.js';
import { matchClose, type RewriteRule, type RewriteState } from './rewrite-state.js';

/** The parts of a window specification's tokens, as token ranges [start, end). */
interface SpecParts {
  readonly base?: number;
  readonly partition?: readonly [number, number];
  readonly order?: readonly [number, number];
  /** Encoded frame (`rows_p2_cr`); '' for none; undefined when it cannot be encoded. */
  readonly frame: string | undefined;
  /** First token of the frame clause (the closing parenthesis when there is none). */
  readonly frameStart: number;
}

/** `UNBOUNDED PRECEDING` → `up`, `3 FOLLOWING` → `f3` …; [code, tokens used] or undefined. */
function frameBound(tokens: readonly Token[], i: number): [string, number] | undefined {
  const a = tokens[i];
  const b = tokens[i + 1];
  if (isWord(a, 'UNBOUNDED') && isWord(b, 'PRECEDING')) return ['up', 2];
  if (isWord(a, 'UNBOUNDED') && isWord(b, 'FOLLOWING')) return ['uf', 2];
  if (isWord(a, 'CURRENT') && isWord(b, 'ROW')) return ['cr', 2];
  if (a?.type === 'number' && /^\d+$/.test(a.text) && isWord(b, 'PRECEDING', 'FOLLOWING')) {
    return [`${isWord(b, 'PRECEDING') ? 'p' : 'f'}${a.text}`, 2];
  }
  return undefined;
}

/** The frame code of tokens[from, to) (`ROWS BETWEEN … AND …` / `ROWS …`), or undefined. */
function frameCode(tokens: readonly Token[], from: number, to: number): string | undefined {
  const mode = tokens[from]!.text.toLowerCase();
  if (mode === 'groups') return undefined;
  if (isWord(tokens[from + 1], 'BETWEEN')) {
    const start = frameBound(tokens, from + 2);
    if (!start || !isWord(tokens[from + 2 + start[1]], 'AND')) return undefined;
    const end = frameBound(tokens, from + 3 + start[1]);
    if (!end || from + 3 + start[1] + end[1] !== to) return undefined;
    return `${mode}_${start[0]}_${end[0]}`;
  }
  const start = frameBound(tokens, from + 1);
  if (!start || from + 1 + start[1] !== to) return undefined;
  return `${mode}_${start[0]}_cr`;
}

/** Splits the tokens strictly between a spec's parentheses. */
function specParts(tokens: readonly Token[], open: number, close: number): SpecParts {
  let base: number | undefined;
  let partition: number | undefined;
  let order: number | undefined;
  let frameAt = close;
  let depth = 0;
  for (let k = open + 1; k < close; k++) {
    const tok = tokens[k]!;
    if (tok.text === '(' && tok.type === 'punct') depth++;
    else if (tok.text === ')' && tok.type === 'punct') depth--;
    else if (depth > 0) continue;
    else if (isWord(tok, 'PARTITION') && isWord(tokens[k + 1], 'BY')) partition = k + 2;
    else if (isWord(tok, 'ORDER') && isWord(tokens[k + 1], 'BY')) order = k + 2;
    else if (isWord(tok, 'ROWS', 'RANGE', 'GROUPS') && frameAt === close) frameAt = k;
    else if (k === open + 1 && (tok.type === 'word' || tok.type === 'qident')) base = k;
  }
  const partitionEnd = order !== undefined && partition !== undefined && order > partition ? order - 2 : frameAt;
  return {
    ...(base !== undefined ? { base } : {}),
    ...(partition !== undefined ? { partition: [partition, partitionEnd] as const } : {}),
    ...(order !== undefined ? { order: [order, frameAt] as const } : {}),
    frame: frameAt < close ? frameCode(tokens, frameAt, close) : '',
    frameStart: frameAt,
  };
}

/** Plain text of tokens[from, to) as node-sql-parser should see it (unquoted words lower-cased). */
function plainText(tokens: readonly Token[], from: number, to: number): string {
  return tokens.slice(from, to).map((t) => (t.type === 'word' ? t.text.toLowerCase() : t.text)).join(' ');
}

/** Index just after the WINDOW clause starting at `at`, with each definition's spec parens. */
function windowClause(tokens: readonly Token[], at: number, to: number):
  { end: number; defs: Map<string, readonly [number, number]> } | undefined {
  const defs = new Map<string, readonly [number, number]>();
  let k = at + 1;
  for (;;) {
    const name = tokens[k];
    if (!name || (name.type !== 'word' && name.type !== 'qident') || !isWord(tokens[k + 1], 'AS') || tokens[k + 2]?.text !== '(') {
      return undefined;
    }
    const close = matchClose(tokens, k + 2, to);
    if (close < 0) return undefined;
    defs.set(name.type === 'word' ? name.text.toLowerCase() : name.value, [k + 2, close]);
    k = close + 1;
    if (tokens[k]?.text !== ',' || k >= to) return { end: k, defs };
    k++;
  }
}

/** The WINDOW clause of the query level containing token `from`, if any. */
function findWindowClause(tokens: readonly Token[], from: number, to: number): Map<string, readonly [number, number]> | undefined {
  let depth = 0;
  for (let k = from; k < to; k++) {
    const t = tokens[k]!;
    if (t.type === 'punct' && t.text === '(') depth++;
    else if (t.type === 'punct' && t.text === ')' && --depth < 0) return undefined;
    else if (depth === 0 && isWord(t, 'WINDOW')) return windowClause(tokens, k, to)?.defs;
  }
  return undefined;
}

/** Emits the stand-in for a call at `i` whose OVER is at `over`; returns false if unsupported. */
function rewriteOver(st: RewriteState, i: number, over: number, filter: string): boolean {
  const { tokens, to } = st;
  const name = (k: number) => (tokens[k]!.type === 'word' ? tokens[k]!.text.toLowerCase() : tokens[k]!.value);
  const specOpen = over + 1;
  if (specOpen >= to) return false;
  const inline = tokens[specOpen]!.text === '(' && tokens[specOpen]!.type === 'punct';
  const specClose = inline ? matchClose(tokens, specOpen, to) : specOpen;
  if (specClose < 0) return false;
  const own: SpecParts = inline ? specParts(tokens, specOpen, specClose) : { base: specOpen, frame: '', frameStart: specOpen };
  let base: SpecParts | undefined;
  if (own.base !== undefined) {
    const def = findWindowClause(tokens, specClose + 1, to)?.get(name(own.base));
    if (!def) return false;
    base = specParts(tokens, def[0], def[1]);
  }
  const frame = own.frame !== '' ? own.frame : (base?.frame ?? '');
  if (frame === undefined) return false;
  st.emit(`${WINDOW_CALL_PREFIX}${filter}${frame}(${tokens[i]!.type === 'word' ? tokens[i]!.text.toLowerCase() : tokens[i]!.text}`, i, i);
  const basePartition = base?.partition ? ` group by ${plainText(tokens, base.partition[0], base.partition[1])}` : '';
  const baseOrder = !own.order && base?.order ? ` order by ${plainText(tokens, base.order[0], base.order[1])}` : '';
  st.replaceLater(over, `, null, (select 1 from ${WINDOW_SPEC_TABLE}${basePartition} `);
  if (inline) st.replaceLater(specOpen, '');
  if (own.base !== undefined) st.replaceLater(own.base, '');
  if (own.partition) st.replaceLater(own.partition[0] - 2, ' group');
  for (let k = own.frameStart; k < specClose; k++) st.replaceLater(k, '');
  st.replaceLater(specClose, `${baseOrder} ))`);
  return true;
}

export const rewriteWindowCall: RewriteRule = (st, i) => {
  const { tokens, to } = st;
  const t = tokens[i]!;
  if (t.type !== 'word' && t.type !== 'qident') return undefined;
  if (i > st.from && tokens[i - 1]!.text === '.') return undefined;
  if (isWord(t, 'WINDOW')) {
    // The WINDOW clause: its definitions were inlined into the calls.
    const clause = windowClause(tokens, i, to);
    if (!clause) return undefined;
    st.emit('', i, i);
    for (let k = i + 1; k < clause.end; k++) st.replaceLater(k, '');
    return i + 1;
  }
  let open = i + 1;
  while (tokens[open]?.text === '.' && open + 2 < to) open += 2;
  if (tokens[open]?.text !== '(' || tokens[open]!.type !== 'punct') return undefined;
  const close = matchClose(tokens, open, to);
  if (close < 0) return undefined;
  let over = close + 1;
  let filter = '';
  if (isWord(tokens[over], 'FILTER') && tokens[over + 1]?.text === '(' && isWord(tokens[over + 2], 'WHERE')) {
    // node-sql-parser rejects FILTER inside call arguments: the condition becomes an argument.
    const end = matchClose(tokens, over + 1, to);
    if (end < 0 || !isWord(tokens[end + 1], 'OVER')) return undefined;
    st.replaceLater(over, ', ');
    st.replaceLater(over + 2, '');
    filter = 'filter_';
    over = end + 1;
  }
  if (over >= to || !isWord(tokens[over], 'OVER')) return undefined;
  return rewriteOver(st, i, over, filter) ? i + 1 : undefined;
};
