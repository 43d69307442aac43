/**
 * Source text the AST keeps as written: a CHECK constraint's expression (stored, and shown by
 * pg_get_constraintdef) and a view's query (the catalog stores views as SQL). PostgreSQL's raw
 * tree has no end positions, so the span is found with the lexer from a node's start.
 */
import { isWord, matchingClose, tokenize } from '../lexer.js';
import type { ConvertContext } from './convert-context.js';
import { syntaxError } from './not-supported.js';

/** The text inside the first `( … )` at or after byte offset `location` (a CHECK constraint's). */
export function parenthesizedText(ctx: ConvertContext, location: number): string {
  const from = ctx.source.indexOf(location);
  const text = ctx.source.original.slice(from);
  const tokens = tokenize(text);
  const open = tokens.findIndex((t) => t.text === '(');
  const close = open < 0 ? -1 : matchingClose(tokens, open);
  if (close <= open + 1) throw syntaxError('cannot find the parenthesized expression', ctx, location);
  return text.slice(tokens[open + 1]!.start, tokens[close - 1]!.end);
}

/**
 * The query of `CREATE VIEW … AS query`: everything after the first top-level AS of the
 * statement text `[start, end)` (UTF-16 offsets into the original text).
 */
export function queryAfterAs(ctx: ConvertContext, start: number, end: number): string {
  const text = ctx.source.original.slice(start, end);
  const tokens = tokenize(text);
  let depth = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.text === '(' || t.text === '[') depth++;
    else if (t.text === ')' || t.text === ']') depth--;
    else if (depth === 0 && isWord(t, 'AS') && tokens[i + 1]) return text.slice(tokens[i + 1]!.start).trim();
  }
  throw syntaxError('cannot find the view query', ctx);
}
