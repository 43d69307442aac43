/**
 * A bound on how deep libpg-query's parse tree for a text could be, checked before the text is
 * handed to it. libpg-query writes its tree as JSON by recursion inside WebAssembly; a tree deep
 * enough to exhaust the JavaScript stack there (≈9,600 chained `+` on Node's main thread) traps
 * the WASM module mid-call, and repeated traps corrupt it for every later statement. PostgreSQL
 * itself gives up on such trees earlier (54001 at ≈4,000 chained `+`), so a statement whose
 * estimate exceeds the budget fails as PostgreSQL would and never reaches the WASM.
 *
 * The estimate follows the tree's shape from the tokens, in tenths of one `+` level: binary and
 * keyword operators chain (left-deep) until a comma, AND/OR, WHEN/THEN/ELSE or a clause keyword;
 * UNION/INTERSECT/EXCEPT and JOIN chain for their whole bracket level; brackets add their own
 * node levels (a subquery ≈ 4 `+`, a function call or CASE ≈ 2, a bare parenthesis none).
 * The weights were measured against libpg-query 17 (see README.md, Decisions).
 */
import { stackDepthExceeded } from '../common/sql-error.js';
import { scan } from './lexer.js';

/** Budget in tenths of a `+` level: 1.5× below the main-thread limit measured (96,480). */
const DEPTH_BUDGET = 64_000;
/** Texts this short cannot reach the budget (every unit needs at least one character). */
const MIN_SUSPECT_LENGTH = DEPTH_BUDGET / 20;
/** Bison's stack limit (YYMAXDEPTH): this many open brackets fail in the grammar, before any tree exists. */
const GRAMMAR_NESTING_LIMIT = 10_000;

const OP = 10;
const WIDE_OP = 20;
const SET_OP = 8;
const SUBQUERY = 40;
const CALL = 20;
const ROW = 10;
const SUBSCRIPT = 2;

const KEYWORD_OPS = new Set(['NOT', 'IS', 'ISNULL', 'NOTNULL', 'IN', 'LIKE', 'ILIKE', 'SIMILAR', 'BETWEEN', 'OVERLAPS', 'ESCAPE', 'OPERATOR']);
const WIDE_KEYWORD_OPS = new Set(['COLLATE', 'AT']);
const SET_OPS = new Set(['UNION', 'INTERSECT', 'EXCEPT']);
const CHAIN_BREAKS = new Set(['AND', 'OR', 'WHEN', 'THEN', 'ELSE', 'SELECT', 'FROM', 'WHERE', 'GROUP', 'HAVING', 'ORDER',
  'LIMIT', 'OFFSET', 'VALUES', 'RETURNING', 'SET', 'ON', 'USING', 'WINDOW', 'FETCH']);
const SUBQUERY_STARTS = new Set(['SELECT', 'VALUES', 'WITH', 'TABLE']);
const MAX_KEYWORD_LENGTH = 9;

interface Frame {
  /** `(`, `[` or CASE. */
  readonly opener: string;
  cost: number;
  /** The frame's cost is decided by the token after a bare `(`. */
  pending: boolean;
  chain: number;
  maxChain: number;
  fixed: number;
  maxChild: number;
}

const frame = (opener: string, cost: number, pending = false): Frame =>
  ({ opener, cost, pending, chain: 0, maxChain: 0, fixed: 0, maxChild: 0 });
const valueOf = (f: Frame): number => f.cost + f.fixed + Math.max(f.maxChain, f.chain) + f.maxChild;

/**
 * Throws 54001 (as PostgreSQL's check_stack_depth) when the parse tree of `text` could be too
 * deep to build safely. `base` shifts nothing here: PostgreSQL reports no position for it.
 */
export function checkParseDepth(text: string): void {
  if (text.length < MIN_SUSPECT_LENGTH) return;
  const stack: Frame[] = [frame('', 0)];
  let nesting = 0;
  let maxNesting = 0;
  let prevWord = '';
  let prevKind = '';
  const close = (): void => {
    const done = stack.pop()!;
    const parent = stack[stack.length - 1]!;
    parent.maxChild = Math.max(parent.maxChild, valueOf(done));
  };
  scan(text, (kind, start, end) => {
    if (maxNesting >= GRAMMAR_NESTING_LIMIT) return;
    const top = stack[stack.length - 1]!;
    // Only keywords matter, and the longest one the estimate looks at has 9 letters.
    const word = kind === 'word' && end - start <= MAX_KEYWORD_LENGTH ? text.slice(start, end).toUpperCase() : '';
    if (top.pending) {
      top.pending = false;
      if (SUBQUERY_STARTS.has(word)) top.cost = SUBQUERY;
    }
    if (kind === 'punct') {
      const p = text[start]!;
      if (p === '(' || p === '[') {
        const call = prevKind === 'word' || prevKind === 'qident';
        const cost = p === '[' ? (prevWord === 'ARRAY' ? CALL : SUBSCRIPT) : call && prevWord !== 'AS' ? CALL : 0;
        stack.push(frame(p, cost, p === '(' && cost === 0));
        maxNesting = Math.max(maxNesting, ++nesting);
      } else if ((p === ')' || p === ']') && stack.length > 1) {
        while (stack.length > 1 && stack[stack.length - 1]!.opener === 'CASE') close();
        if (stack.length > 1) { close(); nesting--; }
      } else if (p === ',') {
        if (top.opener === '(' && top.cost === 0) top.cost = ROW;
        breakChain(top);
      }
    } else if (kind === 'op') {
      top.chain += OP;
    } else if (kind === 'word') {
      if (word === 'CASE') stack.push(frame('CASE', CALL));
      else if (word === 'END' && top.opener === 'CASE') close();
      else if (SET_OPS.has(word)) top.fixed += SET_OP;
      else if (word === 'JOIN') top.fixed += OP;
      else if (KEYWORD_OPS.has(word)) top.chain += OP;
      else if (WIDE_KEYWORD_OPS.has(word)) top.chain += WIDE_OP;
      else if (CHAIN_BREAKS.has(word)) breakChain(top);
    }
    prevWord = word;
    prevKind = kind;
  });
  if (maxNesting >= GRAMMAR_NESTING_LIMIT) return;
  while (stack.length > 1) close();
  if (valueOf(stack[0]!) > DEPTH_BUDGET) throw stackDepthExceeded();
}

function breakChain(f: Frame): void {
  f.maxChain = Math.max(f.maxChain, f.chain);
  f.chain = 0;
}

