/**
 * What a ThanoSQL hand parser reads: the tokens of one statement (absolute offsets into the
 * whole query string) and how a token range that holds a query (`… AS SELECT …`) becomes our
 * AST — through PostgreSQL's grammar, with nested ThanoSQL queries parsed by hand again.
 */
import type { Query } from '../ast.js';
import type { Token } from '../lexer.js';
import { TokenCursor } from './token-cursor.js';

export interface ThanoSource {
  readonly tokens: readonly Token[];
  /** Absolute offset where the statement's text ends. */
  readonly end: number;
  /** tokens[from, to) as a query; a whole `( … )` is unwrapped. */
  readonly parseQuery: (from: number, to: number) => Query;
}

/** A cursor over the statement's tokens [from, to). */
export function cursorOf(src: ThanoSource, from = 0, to = src.tokens.length): TokenCursor {
  return new TokenCursor(src.tokens, src.end, from, to);
}
