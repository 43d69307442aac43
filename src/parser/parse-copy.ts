/**
 * COPY in its three shapes: ThanoSQL `COPY t [OPTIONS(…)] FROM "file"` (→ ThanoCopy),
 * PostgreSQL `COPY t [(cols)] FROM STDIN …` (→ CopyFrom) and `COPY t|(query) TO STDOUT …`
 * (→ CopyTo), with both the parenthesised option list and the pre-9.0 `WITH DELIMITER AS …`
 * spelling. Server-side files (`FROM '/file'` without OPTIONS, `TO '/file'`) are 0A000.
 */
import { SqlError, SQLSTATE } from '../common/sql-error.js';
import type { CopyFrom, CopyOptions, CopyTo, Query, ThanoCopy } from './ast.js';
import { parseOptionsClause } from './parse-options.js';
import { parseQueryRange, type StatementSource } from './statement-source.js';
import { TokenCursor } from './token-cursor.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Parse a statement starting with COPY. */
export function parseCopy(src: StatementSource): ThanoCopy | CopyFrom | CopyTo {
  const cur = new TokenCursor(src.tokens, src.text);
  cur.expectWord('COPY');
  let query: Query | undefined;
  let table = '';
  let columns: string[] | undefined;
  if (cur.isPunct('(')) {
    const close = cur.matchParen(cur.pos);
    if (close < 0) throw cur.error();
    query = parseQueryRange(src, cur.pos + 1, close);
    cur.pos = close + 1;
  } else {
    const q = cur.qualifiedName();
    table = q.schema ? `${q.schema}.${q.name}` : q.name;
    if (cur.acceptPunct('(')) {
      columns = [];
      do columns.push(cur.ident()); while (cur.acceptPunct(','));
      cur.expectPunct(')');
    }
  }
  const hasOptions = cur.isWord('OPTIONS');
  const thanoOptions = parseOptionsClause(cur);
  const dirTok = cur.peek();
  const dir = cur.expectWord('FROM', 'TO');
  const target = cur.peek();
  if (dir === 'FROM' && query === undefined && (target?.type === 'qident' || (target?.type === 'string' && hasOptions))) {
    cur.next();
    cur.expectEnd();
    return { kind: 'ThanoCopy', table, options: thanoOptions, path: target.value };
  }
  if (hasOptions) throw cur.error(dirTok);
  if (target?.type === 'string') {
    throw new SqlError(SQLSTATE.FeatureNotSupported, dir === 'FROM'
      ? "COPY FROM a server file is not supported; use COPY t OPTIONS(...) FROM 'file' (ThanoSQL) or COPY ... FROM STDIN"
      : 'COPY TO a server file is not supported; use COPY ... TO STDOUT', { position: target.start + 1 });
  }
  if (dir === 'FROM' && query !== undefined) throw cur.error(dirTok);
  cur.expectWord(dir === 'FROM' ? 'STDIN' : 'STDOUT');
  const options = parseCopyOptions(cur);
  cur.expectEnd();
  if (dir === 'FROM') return { kind: 'CopyFrom', table, options, ...(columns ? { columns } : {}) };
  const source: CopyTo['source'] = query !== undefined
    ? { kind: 'query', query }
    : { kind: 'table', table, ...(columns ? { columns } : {}) };
  return { kind: 'CopyTo', source, options };
}

function parseCopyOptions(cur: TokenCursor): CopyOptions {
  const o: Mutable<CopyOptions> = { format: 'text', header: false };
  const withKw = cur.acceptWord('WITH');
  if (cur.acceptPunct('(')) {
    do modernOption(cur, o); while (cur.acceptPunct(','));
    cur.expectPunct(')');
  } else if (withKw || !cur.atEnd()) {
    while (!cur.atEnd()) legacyOption(cur, o);
  }
  checkBinaryOptions(o);
  return o;
}

/** PostgreSQL's checks (copy.c ProcessCopyOptions): binary COPY has no text-format options. */
function checkBinaryOptions(o: CopyOptions): void {
  if (o.format !== 'binary') return;
  const textOnly: [string, boolean][] = [['DELIMITER', o.delimiter !== undefined], ['NULL', o.null !== undefined], ['HEADER', o.header]];
  for (const [name, given] of textOnly) {
    if (given) throw new SqlError(SQLSTATE.SyntaxError, `cannot specify ${name} in BINARY mode`);
  }
  if (o.quote !== undefined || o.escape !== undefined || o.forceQuote !== undefined) {
    throw new SqlError(SQLSTATE.FeatureNotSupported, `COPY ${o.quote !== undefined ? 'quote' : o.escape !== undefined ? 'escape' : 'force quote'} available only in CSV mode`);
  }
}

function stringArg(cur: TokenCursor): string {
  const t = cur.next();
  if (t.type !== 'string' && t.type !== 'word') throw cur.error(t);
  return t.value;
}

function columnList(cur: TokenCursor): readonly string[] | '*' {
  if (cur.acceptPunct('*')) return '*';
  const paren = cur.acceptPunct('(');
  const cols: string[] = [];
  do cols.push(cur.ident()); while (cur.acceptPunct(','));
  if (paren) cur.expectPunct(')');
  return cols;
}

function modernOption(cur: TokenCursor, o: Mutable<CopyOptions>): void {
  const nameTok = cur.peek();
  const name = cur.ident().toLowerCase();
  switch (name) {
    case 'format': {
      const f = stringArg(cur).toLowerCase();
      if (f !== 'text' && f !== 'csv' && f !== 'binary') throw cur.error(nameTok);
      o.format = f; return;
    }
    case 'header':
      o.header = cur.isPunct(',') || cur.isPunct(')') ? true : !/^(false|off|0)$/i.test(stringArg(cur)); return;
    case 'delimiter': o.delimiter = stringArg(cur); return;
    case 'null': o.null = stringArg(cur); return;
    case 'quote': o.quote = stringArg(cur); return;
    case 'escape': o.escape = stringArg(cur); return;
    case 'force_quote': o.forceQuote = columnList(cur); return;
    case 'force_not_null': case 'force_null': columnList(cur); return;
    case 'encoding': stringArg(cur); return;
    default:
      throw new SqlError(SQLSTATE.SyntaxError, `option "${name}" not recognized`, { position: nameTok!.start + 1 });
  }
}

function legacyOption(cur: TokenCursor, o: Mutable<CopyOptions>): void {
  const kw = cur.expectWord('BINARY', 'DELIMITER', 'NULL', 'CSV', 'HEADER', 'QUOTE', 'ESCAPE', 'FORCE', 'ENCODING');
  const arg = (): string => { cur.acceptWord('AS'); return stringArg(cur); };
  switch (kw) {
    case 'BINARY': o.format = 'binary'; return;
    case 'CSV': o.format = 'csv'; return;
    case 'HEADER': o.header = true; return;
    case 'DELIMITER': o.delimiter = arg(); return;
    case 'NULL': o.null = arg(); return;
    case 'QUOTE': o.quote = arg(); return;
    case 'ESCAPE': o.escape = arg(); return;
    case 'ENCODING': arg(); return;
    default: {
      const not = cur.acceptWord('NOT');
      cur.expectWord(not ? 'NULL' : 'QUOTE');
      const cols = columnList(cur);
      if (!not) o.forceQuote = cols;
    }
  }
}
