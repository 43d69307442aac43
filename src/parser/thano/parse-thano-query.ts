/**
 * ThanoSQL queries: `CONVERT USING m OPTIONS(…) AS <query>` and
 * `SEARCH IMAGE|TEXT|AUDIO|VIDEO [text=… | texts=[…] | image=… | images=[…]] USING m [OPTIONS(…)] AS <query>`.
 * Era B–D inputs given as OPTIONS(search_input=…, search_by=… / search_input_type=…) are
 * normalised into `inputs`. The AS query runs to the end of the range (statement or parenthesis).
 */
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import type { ConvertQuery, OptionValue, Options, PrintImage, SearchQuery } from '../ast.js';
import { isWord, type Token } from '../lexer.js';
import { parseOptionsClause, parseOptionValue } from './parse-options.js';
import { cursorOf, type ThanoSource } from './thano-source.js';
import type { TokenCursor } from './token-cursor.js';

type Inputs = SearchQuery['inputs'];

/**
 * True when `a b` starts a ThanoSQL query: SEARCH IMAGE|TEXT|AUDIO|VIDEO|KEYWORD, CONVERT USING,
 * or PRINT IMAGE|AUDIO|VIDEO (a query too, so BI tools can wrap it in a subquery).
 */
export function startsThanoQuery(a: Token | undefined, b: Token | undefined): boolean {
  return (isWord(a, 'SEARCH') && isWord(b, 'IMAGE', 'TEXT', 'AUDIO', 'VIDEO', 'KEYWORD')) || (isWord(a, 'CONVERT') && isWord(b, 'USING'))
    || (isWord(a, 'PRINT') && isWord(b, 'IMAGE', 'AUDIO', 'VIDEO'));
}

/** `PRINT IMAGE [OPTIONS(…)] AS query` in tokens[from, to); AUDIO/VIDEO are 0A000. */
export function parsePrintQuery(src: ThanoSource, from: number, to: number): PrintImage {
  const cur = cursorOf(src, from, to);
  cur.expectWord('PRINT');
  const t = cur.peek();
  const what = cur.expectWord('IMAGE', 'AUDIO', 'VIDEO');
  if (what !== 'IMAGE') {
    throw new SqlError(SQLSTATE.FeatureNotSupported, `PRINT ${what} is not supported`, { position: t!.start + 1 });
  }
  const options = parseOptionsClause(cur);
  cur.expectWord('AS');
  return { kind: 'PrintImage', options, query: src.parseQuery(cur.pos, to) };
}

/** Parse tokens[from, to), which start with SEARCH, CONVERT or PRINT. */
export function parseThanoQuery(src: ThanoSource, from: number, to: number): ConvertQuery | SearchQuery | PrintImage {
  const cur = cursorOf(src, from, to);
  if (cur.isWord('PRINT')) return parsePrintQuery(src, from, to);
  if (cur.acceptWord('CONVERT')) {
    cur.expectWord('USING');
    const model = cur.ident();
    const options = parseOptionsClause(cur);
    cur.expectWord('AS');
    return { kind: 'Convert', model, options, query: src.parseQuery(cur.pos, to) };
  }
  cur.expectWord('SEARCH');
  const targetTok = cur.peek();
  const target = cur.expectWord('IMAGE', 'TEXT', 'AUDIO', 'VIDEO', 'KEYWORD');
  if (target === 'KEYWORD') {
    throw new SqlError(SQLSTATE.FeatureNotSupported, 'SEARCH KEYWORD is not supported', { position: targetTok!.start + 1 });
  }
  let inputs: Inputs | undefined;
  if (!cur.isWord('USING', 'OPTIONS')) {
    const keyTok = cur.peek();
    const key = cur.ident().toLowerCase();
    cur.expectPunct('=');
    const kind = /^texts?$/.test(key) ? 'text' : /^images?$/.test(key) ? 'image' : undefined;
    if (kind === undefined) throw cur.error(keyTok);
    const paramTok = cur.peek();
    if (paramTok?.type === 'param') {
      cur.next();
      inputs = { kind, values: [], param: { index: Number(paramTok.value), list: key.endsWith('s') } };
    } else {
      inputs = { kind, values: stringList(parseOptionValue(cur), cur) };
    }
  }
  let model = '';
  if (cur.acceptWord('USING')) model = cur.ident();
  const options = parseOptionsClause(cur);
  const asTok = cur.peek();
  cur.expectWord('AS');
  if (model === '') throw missingModel(asTok!);
  const query = src.parseQuery(cur.pos, to);
  inputs ??= inputsFromOptions(options, target);
  if (inputs === undefined || (inputs.values.length === 0 && inputs.param === undefined)) {
    throw new SqlError(SQLSTATE.SyntaxError,
      'SEARCH needs an input: text="…", texts=[…], image="…", images=[…] or OPTIONS(search_input=…)',
      { position: src.tokens[from]!.start + 1 });
  }
  return { kind: 'Search', target: target as SearchQuery['target'], inputs, model, options, query };
}

/**
 * SEARCH without USING: ThanoSQL's SEARCH always names its model, and guessing one would
 * silently search with whatever happened to be registered.
 */
function missingModel(at: Token): SqlError {
  return new SqlError(SQLSTATE.SyntaxError, 'SEARCH IMAGE needs a model: USING <model> before AS', {
    position: at.start + 1,
    hint: 'e.g. SEARCH IMAGE text=\'a black cat\' USING tutorial_search_clip AS SELECT * FROM unsplash_data; LIST MODEL shows the models',
  });
}

function stringList(v: OptionValue, cur: TokenCursor): string[] {
  const list = Array.isArray(v) ? v : [v];
  return list.map((x) => {
    if (typeof x !== 'string') throw cur.error();
    return x;
  });
}

/** Era C (`search_input_type`) and Era D (`search_by`) put the input in OPTIONS. */
function inputsFromOptions(options: Options, target: string): Inputs | undefined {
  const input = options['search_input'];
  if (input === undefined || input === null) return undefined;
  const by = String(options['search_by'] ?? options['search_input_type'] ?? (target === 'IMAGE' ? 'text' : target)).toLowerCase();
  const values = (Array.isArray(input) ? input : [input]).map(String);
  if (by !== 'text' && by !== 'image') {
    throw new SqlError(SQLSTATE.FeatureNotSupported, `SEARCH by ${by} is not supported`);
  }
  return { kind: by, values };
}
