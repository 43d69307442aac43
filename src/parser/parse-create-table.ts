/**
 * `CREATE [TEMP|TEMPORARY] TABLE [IF NOT EXISTS] name ( column type [constraints], … )` and
 * `CREATE TABLE name AS query [WITH [NO] DATA]`, parsed by hand (node-sql-parser's CREATE
 * support is partial). PRIMARY KEY, UNIQUE and FOREIGN KEY (column- or table-level, optionally
 * named) and CHECK (expression and its source text) become `TableConstraint`s; EXCLUDE → 0A000.
 */
import type { ColumnDef, CreateTable, CreateTableAs, Expr, IdentitySpec, TableConstraint } from './ast.js';
import { parseReferences } from './parse-references.js';
import { SqlError, SQLSTATE } from '../common/sql-error.js';
import { isWord } from './lexer.js';
import { parseSequenceOptions } from './parse-sequence.js';
import { parseTypeName } from './parse-type-name.js';
import { parseExprRange, parseQueryRange, type StatementSource } from './statement-source.js';
import { TokenCursor } from './token-cursor.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Parse a CREATE TABLE statement. */
export function parseCreateTable(src: StatementSource): CreateTable | CreateTableAs {
  const cur = new TokenCursor(src.tokens, src.text);
  cur.expectWord('CREATE');
  const temporary = cur.acceptWord('TEMP', 'TEMPORARY');
  cur.acceptWord('UNLOGGED');
  cur.expectWord('TABLE');
  let ifNotExists = false;
  if (cur.acceptWord('IF')) { cur.expectWord('NOT'); cur.expectWord('EXISTS'); ifNotExists = true; }
  const q = cur.qualifiedName();
  const name = q.schema ? `${q.schema}.${q.name}` : q.name;
  if (cur.acceptWord('AS')) {
    let end = cur.end;
    let withData = true;
    const t = src.tokens;
    if (isWord(t[end - 1], 'DATA') && isWord(t[end - 2], 'WITH')) end -= 2;
    else if (isWord(t[end - 1], 'DATA') && isWord(t[end - 2], 'NO') && isWord(t[end - 3], 'WITH')) { end -= 3; withData = false; }
    return { kind: 'CreateTableAs', name, ifNotExists, withData, temporary, query: parseQueryRange(src, cur.pos, end) };
  }
  cur.expectPunct('(');
  const columns: ColumnDef[] = [];
  const constraints: TableConstraint[] = [];
  if (!cur.isPunct(')')) {
    do {
      if (cur.isWord('PRIMARY', 'UNIQUE', 'CHECK', 'FOREIGN', 'CONSTRAINT', 'EXCLUDE')) {
        constraints.push(parseTableConstraint(src, cur));
      } else columns.push(parseColumnDef(src, cur));
    } while (cur.acceptPunct(','));
  }
  cur.expectPunct(')');
  cur.expectEnd();
  return { kind: 'CreateTable', name, ifNotExists, temporary, columns, ...(constraints.length ? { constraints } : {}) };
}

/** `[CONSTRAINT n] PRIMARY KEY (…) | UNIQUE (…) | FOREIGN KEY (…) REFERENCES … | CHECK (…)`; EXCLUDE → 0A000. */
function parseTableConstraint(src: StatementSource, cur: TokenCursor): TableConstraint {
  const name = cur.acceptWord('CONSTRAINT') ? cur.ident() : undefined;
  const named = name === undefined ? {} : { name };
  if (cur.acceptWord('PRIMARY')) {
    cur.expectWord('KEY');
    return { kind: 'PrimaryKey', ...named, columns: identList(cur) };
  }
  if (cur.acceptWord('UNIQUE')) {
    if (cur.acceptWord('NULLS')) { cur.acceptWord('NOT'); cur.expectWord('DISTINCT'); }
    return { kind: 'Unique', ...named, columns: identList(cur) };
  }
  if (cur.acceptWord('FOREIGN')) {
    cur.expectWord('KEY');
    const columns = identList(cur);
    cur.expectWord('REFERENCES');
    return { kind: 'ForeignKey', ...named, columns, references: parseReferences(cur) };
  }
  if (cur.acceptWord('CHECK')) return { kind: 'Check', ...named, columns: [], check: parseCheck(src, cur) };
  if (cur.isWord('EXCLUDE')) throw new SqlError(SQLSTATE.FeatureNotSupported, 'EXCLUDE constraints are not supported');
  throw cur.error();
}

/** `( expr ) [NO INHERIT]` after CHECK: the expression and its source text. */
function parseCheck(src: StatementSource, cur: TokenCursor): { expr: Expr; text: string } {
  cur.expectPunct('(');
  const from = cur.pos;
  let depth = 0;
  while (!cur.atEnd()) {
    const t = cur.peek()!;
    if (t.type === 'punct' && (t.text === '(' || t.text === '[')) depth++;
    if (t.type === 'punct' && (t.text === ')' || t.text === ']')) { if (depth === 0) break; depth--; }
    cur.next();
  }
  const to = cur.pos;
  if (to === from) throw cur.error();
  cur.expectPunct(')');
  if (cur.acceptWord('NO')) cur.expectWord('INHERIT');
  const tokens = src.tokens;
  return { expr: parseExprRange(src, from, to), text: src.text.slice(tokens[from]!.start, tokens[to - 1]!.end) };
}

/** `(a, b, …)`. */
export function identList(cur: TokenCursor): string[] {
  cur.expectPunct('(');
  const names: string[] = [];
  do names.push(cur.ident()); while (cur.acceptPunct(','));
  cur.expectPunct(')');
  return names;
}

/** `name type [NOT NULL | NULL | PRIMARY KEY | UNIQUE | DEFAULT expr | …]`; also used by ALTER TABLE ADD. */
export function parseColumnDef(src: StatementSource, cur: TokenCursor): ColumnDef {
  const name = cur.ident();
  const serial = serialType(cur);
  const type = serial ?? parseTypeName(cur);
  const col: Mutable<ColumnDef> = { name, type, notNull: false, primaryKey: false, unique: false, ...(serial ? { serial: true } : {}) };
  const constraints: TableConstraint[] = [];
  for (;;) {
    const constraintName = cur.acceptWord('CONSTRAINT') ? cur.ident() : undefined;
    const named = constraintName === undefined ? {} : { name: constraintName };
    if (cur.acceptWord('NOT')) { cur.expectWord('NULL'); col.notNull = true; }
    else if (cur.acceptWord('NULL')) col.notNull = false;
    else if (cur.acceptWord('PRIMARY')) {
      cur.expectWord('KEY');
      col.primaryKey = true;
      col.notNull = true;
      constraints.push({ kind: 'PrimaryKey', ...named, columns: [name] });
    } else if (cur.acceptWord('UNIQUE')) {
      col.unique = true;
      constraints.push({ kind: 'Unique', ...named, columns: [name] });
    } else if (cur.acceptWord('REFERENCES')) {
      constraints.push({ kind: 'ForeignKey', ...named, columns: [name], references: parseReferences(cur) });
    } else if (cur.acceptWord('DEFAULT')) col.default = defaultExpr(src, cur);
    else if (cur.acceptWord('COLLATE')) cur.qualifiedName();
    else if (cur.acceptWord('CHECK')) constraints.push({ kind: 'Check', ...named, columns: [], check: parseCheck(src, cur) });
    else if (cur.acceptWord('GENERATED')) col.identity = parseIdentity(cur);
    else break;
  }
  if (constraints.length > 0) col.constraints = constraints;
  return col;
}

const COLUMN_CONSTRAINT_WORDS = ['NOT', 'NULL', 'PRIMARY', 'UNIQUE', 'CHECK', 'REFERENCES', 'CONSTRAINT', 'COLLATE', 'DEFAULT', 'GENERATED'];

/** PostgreSQL's serial pseudo-types and the integer type each stands for. */
const SERIAL_TYPES: Readonly<Record<string, string>> = {
  smallserial: 'int2', serial2: 'int2', serial: 'int4', serial4: 'int4', bigserial: 'int8', serial8: 'int8',
};

/** `serial` & co. (unquoted, unqualified, no array): the integer type they stand for. */
function serialType(cur: TokenCursor): ColumnDef['type'] | undefined {
  const t = cur.peek();
  const id = t?.type === 'word' ? SERIAL_TYPES[t.value.toLowerCase()] : undefined;
  if (!id || cur.peek(1)?.text === '.' || cur.peek(1)?.text === '[') return undefined;
  cur.next();
  return { name: id, modifiers: [], arrayDims: 0 };
}

/** After GENERATED: `ALWAYS | BY DEFAULT AS IDENTITY [(options)]`; generated columns `AS (expr)` are 0A000. */
function parseIdentity(cur: TokenCursor): IdentitySpec {
  const always = cur.acceptWord('ALWAYS');
  if (!always) { cur.expectWord('BY'); cur.expectWord('DEFAULT'); }
  cur.expectWord('AS');
  if (cur.isPunct('(')) {
    throw new SqlError(SQLSTATE.FeatureNotSupported, 'generated columns are not supported', { position: cur.peek()!.start + 1 });
  }
  cur.expectWord('IDENTITY');
  if (!cur.acceptPunct('(')) return { always, options: [] };
  const options = parseSequenceOptions(cur, false);
  cur.expectPunct(')');
  return { always, options };
}

function defaultExpr(src: StatementSource, cur: TokenCursor): Expr {
  const from = cur.pos;
  let depth = 0;
  while (!cur.atEnd()) {
    const t = cur.peek()!;
    if (t.type === 'punct' && (t.text === '(' || t.text === '[')) depth++;
    if (t.type === 'punct' && (t.text === ')' || t.text === ']')) { if (depth === 0) break; depth--; }
    if (depth === 0 && (t.text === ',' || isWord(t, ...COLUMN_CONSTRAINT_WORDS))) break;
    cur.next();
  }
  if (cur.pos === from) throw cur.error();
  return parseExprRange(src, from, cur.pos);
}
