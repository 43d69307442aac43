/**
 * Splits a query string into statements on top-level `;`, skipping over quoted strings,
 * E'' strings, quoted identifiers, dollar quotes, comments (nested block comments) and
 * brackets. Never throws: unterminated constructs simply run to the end of the input, and
 * the statement parser reports them.
 */

/** One statement's text and its 0-based offset in the whole query string. */
export interface StatementText {
  readonly text: string;
  readonly offset: number;
}

/**
 * @example
 * splitStatements("BEGIN; SELECT ';'; -- done") // → [{text:'BEGIN',offset:0},{text:" SELECT ';'",offset:6}]
 * Empty and comment-only pieces are dropped; texts are trimmed, offsets point at the trimmed text.
 */
export function splitStatements(sql: string): StatementText[] {
  const out: StatementText[] = [];
  let start = 0;
  let depth = 0;
  let hasCode = false;
  let i = 0;
  const push = (end: number): void => {
    if (hasCode) {
      const raw = sql.slice(start, end);
      const lead = raw.length - raw.trimStart().length;
      out.push({ text: raw.trim(), offset: start + lead });
    }
    hasCode = false;
  };
  while (i < sql.length) {
    const c = sql[i]!;
    if (c === '-' && sql[i + 1] === '-') {
      const nl = sql.indexOf('\n', i);
      i = nl < 0 ? sql.length : nl + 1;
      continue;
    }
    if (c === '/' && sql[i + 1] === '*') {
      i = skipBlockComment(sql, i);
      continue;
    }
    if (/\s/.test(c)) { i++; continue; }
    if (c !== ';' || depth > 0) hasCode = true;
    if (c === "'") {
      const escapes = i > 0 && /[eE]/.test(sql[i - 1]!) && !/[A-Za-z0-9_]/.test(sql[i - 2] ?? ' ');
      i = skipQuoted(sql, i, "'", escapes);
    } else if (c === '"') {
      i = skipQuoted(sql, i, '"', false);
    } else if (c === '$') {
      const tag = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(sql.slice(i, i + 64));
      if (tag && !/[A-Za-z0-9_]/.test(sql[i - 1] ?? ' ')) {
        const close = sql.indexOf(tag[0], i + tag[0].length);
        i = close < 0 ? sql.length : close + tag[0].length;
      } else i++;
    } else if (c === '(' || c === '[') {
      depth++; i++;
    } else if (c === ')' || c === ']') {
      depth = Math.max(0, depth - 1); i++;
    } else if (c === ';' && depth === 0) {
      push(i);
      start = i + 1;
      i++;
    } else i++;
  }
  push(sql.length);
  return out;
}

function skipBlockComment(sql: string, from: number): number {
  let depth = 0;
  let i = from;
  while (i < sql.length) {
    if (sql.startsWith('/*', i)) { depth++; i += 2; } else if (sql.startsWith('*/', i)) {
      depth--; i += 2;
      if (depth === 0) return i;
    } else i++;
  }
  return sql.length;
}

function skipQuoted(sql: string, from: number, q: string, backslash: boolean): number {
  let i = from + 1;
  while (i < sql.length) {
    const c = sql[i]!;
    if (backslash && c === '\\') { i += 2; continue; }
    if (c === q) {
      if (sql[i + 1] === q) { i += 2; continue; }
      return i + 1;
    }
    i++;
  }
  return sql.length;
}
