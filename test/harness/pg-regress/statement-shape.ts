/**
 * What the runner needs to know about a statement's text before or after sending it: whether
 * row order is part of its answer (a top-level ORDER BY), whether it is a COPY to or from a
 * file (turned into STDIN/STDOUT, as psql's \copy does), and whether it needs PostgreSQL's
 * test library regress.so or a contrib extension (left out on both sides).
 */
import { sqlTokens, type Token } from './sql-lexeme.js';

const isWord = (t: Token | undefined, ...words: string[]) => t?.kind === 'word' && words.includes(t.text.toLowerCase());

/** True when some statement in `sql` has ORDER BY outside parentheses (so row order is specified). */
export function hasTopLevelOrderBy(sql: string): boolean {
  const tokens = sqlTokens(sql);
  return tokens.some((t, i) => t.depth === 0 && isWord(t, 'order') && isWord(tokens[i + 1], 'by'));
}

export interface CopyFile {
  readonly direction: 'from' | 'to';
  /** The file name as the server would have read it. */
  readonly path: string;
  /** The statement with the file name replaced by STDIN / STDOUT. */
  readonly sql: string;
}

/** The value of a string literal token ('…', E'…'). */
function literalValue(text: string): string {
  const extended = /^[eE]'/.test(text);
  const body = text.slice(extended ? 2 : 1, -1).replace(/''/g, "'");
  return extended ? body.replace(/\\(.)/g, '$1') : body;
}

/** Index just past the parenthesised group opening at tokens[i]. */
function skipGroup(tokens: readonly Token[], i: number): number {
  const depth = tokens[i]!.depth;
  for (let j = i + 1; j < tokens.length; j++) if (tokens[j]!.text === ')' && tokens[j]!.depth === depth) return j + 1;
  return tokens.length;
}

/** `COPY <table [(cols)] | (query)> FROM|TO '<file>' …`, or undefined for any other statement. */
export function copyWithFile(sql: string): CopyFile | undefined {
  const tokens = sqlTokens(sql);
  if (!isWord(tokens[0], 'copy')) return undefined;
  let i = 1;
  if (tokens[i]?.text === '(') i = skipGroup(tokens, i);
  else {
    while (tokens[i] && (tokens[i]!.kind === 'word' || tokens[i]!.kind === 'ident' || tokens[i]!.text === '.') && !isWord(tokens[i], 'from', 'to')) i++;
    if (tokens[i]?.text === '(') i = skipGroup(tokens, i);
  }
  const keyword = tokens[i];
  const target = tokens[i + 1];
  if (!isWord(keyword, 'from', 'to') || target?.kind !== 'string' || target.text.startsWith('$')) return undefined;
  const direction = keyword!.text.toLowerCase() as 'from' | 'to';
  const replacement = direction === 'from' ? 'STDIN' : 'STDOUT';
  return {
    direction,
    path: literalValue(target.text),
    sql: sql.slice(0, target.start) + replacement + sql.slice(target.start + target.text.length),
  };
}

/**
 * Leaves out what needs PostgreSQL's build tree: C functions from regress.so (test_setup.sql
 * creates three) and statements calling them, and contrib extensions.
 */
export class NeedsRegressLibrary {
  private readonly cFunctions = new Set<string>();

  /** Why `sql` is left out, or undefined to run it. */
  reason(sql: string): string | undefined {
    const tokens = sqlTokens(sql);
    const languageC = tokens.some((t, i) => isWord(t, 'language') && isWord(tokens[i + 1], 'c'));
    if (languageC) {
      const at = tokens.findIndex((t) => isWord(t, 'function', 'procedure'));
      const name = tokens[at + 1];
      if (at >= 0 && name) this.cFunctions.add(name.text.toLowerCase());
      return 'needs regress.so (LANGUAGE C)';
    }
    if (tokens.some((t) => t.kind === 'word' && this.cFunctions.has(t.text.toLowerCase()))) return 'uses a regress.so function';
    if (isWord(tokens[0], 'create') && isWord(tokens[1], 'extension')) return 'needs a contrib extension';
    if (isWord(tokens[0], 'load')) return 'loads a shared library';
    return undefined;
  }
}
