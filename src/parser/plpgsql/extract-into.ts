/**
 * `SELECT … INTO [STRICT] a, b FROM …` and `INSERT … RETURNING … INTO a`: PL/pgSQL takes the
 * INTO clause out of the statement before the SQL engine sees it. The first INTO of INSERT /
 * MERGE belongs to SQL (`INSERT INTO t`), as does `SELECT … INTO` inside parentheses.
 */
import type { PlInto, PlSql } from './plpgsql-ast.js';
import type { PlTokens } from './plpgsql-tokens.js';

/** Splits tokens [from, to) into the SQL without its INTO clause and the clause. */
export function extractInto(p: PlTokens, from: number, to: number): { sql: PlSql; into?: PlInto } {
  const verb = p.tokens[from]!.text.toLowerCase();
  let skip = verb === 'insert' || verb === 'merge' ? 1 : 0;
  let depth = 0;
  for (let i = from; i < to; i++) {
    const t = p.tokens[i]!;
    if (t.type === 'punct' && (t.text === '(' || t.text === '[')) depth++;
    if (t.type === 'punct' && (t.text === ')' || t.text === ']')) depth--;
    if (depth !== 0 || t.type !== 'word' || t.text.toLowerCase() !== 'into') continue;
    if (skip > 0) { skip--; continue; }
    let j = i + 1;
    const strict = p.tokens[j]?.type === 'word' && p.tokens[j]!.text.toLowerCase() === 'strict';
    if (strict) j++;
    const targets: string[] = [];
    for (;;) {
      const start = j;
      while (j < to && (p.tokens[j]!.type === 'word' || p.tokens[j]!.type === 'qident' || p.tokens[j]!.text === '.')) {
        if (j > start && p.tokens[j]!.text !== '.' && p.tokens[j - 1]!.text !== '.') break;
        j++;
      }
      if (j === start) throw p.error();
      targets.push(p.source.slice(p.tokens[start]!.start, p.tokens[j - 1]!.end).toLowerCase());
      if (j < to && p.tokens[j]!.text === ',') { j++; continue; }
      break;
    }
    const head = p.source.slice(p.tokens[from]!.start, t.start);
    const tail = j < to ? p.source.slice(p.tokens[j]!.start, p.tokens[to - 1]!.end) : '';
    // Blanks keep the offsets of the tail (error positions) roughly where they were.
    const gap = ' '.repeat(Math.max(1, (j < to ? p.tokens[j]!.start : t.start) - t.start));
    return { sql: { text: head + gap + tail, offset: p.tokens[from]!.start }, into: { targets, strict } };
  }
  return { sql: p.span(from, to) };
}
