/**
 * ThanoSQL statements that are not queries, recognised before PostgreSQL's grammar (ThanoSQL
 * writes string values in double quotes, which PostgreSQL reads as identifiers):
 * `COPY t [OPTIONS(…)] FROM "file"`, `PRINT IMAGE [OPTIONS(…)] AS (query) | query`,
 * `BUILD MODEL name USING base OPTIONS(…) [AS query]`, `LIST MODEL[S]`, `DELETE MODEL name`.
 */
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import type { BuildModel, DeleteModel, ListModel, PrintImage, Statement, ThanoCopy } from '../ast.js';
import { isWord, type Token } from '../lexer.js';
import { parseOptionsClause } from './parse-options.js';
import { parsePrintQuery } from './parse-thano-query.js';
import { cursorOf, type ThanoSource } from './thano-source.js';

type Parser = (src: ThanoSource) => Statement;

/** The ThanoSQL statement parser for these tokens (by their leading words), if they are one. */
function thanoParserFor(tokens: readonly Token[]): Parser | undefined {
  const [first, second] = tokens;
  if (isWord(first, 'COPY') && isThanoCopy(tokens)) return parseThanoCopy;
  if (isWord(first, 'PRINT') && isWord(second, 'IMAGE', 'AUDIO', 'VIDEO')) return parsePrint;
  if (isWord(first, 'BUILD') && isWord(second, 'MODEL')) return parseBuildModel;
  if (isWord(first, 'LIST') && isWord(second, 'MODEL', 'MODELS')) return parseListModel;
  if (isWord(first, 'DELETE') && isWord(second, 'MODEL')) return parseDeleteModel;
  return undefined;
}

/** True when the tokens are one of ThanoSQL's own statements. */
export function isThanoStatement(tokens: readonly Token[]): boolean {
  return thanoParserFor(tokens) !== undefined;
}

/** The statement if it is one of ThanoSQL's, else undefined. */
export function parseThanoStatement(src: ThanoSource): Statement | undefined {
  return thanoParserFor(src.tokens)?.(src);
}

/**
 * ThanoSQL's COPY has OPTIONS before FROM, or a double-quoted path; a single-quoted path without
 * OPTIONS is PostgreSQL's server-side COPY (README.md, Decisions).
 */
function isThanoCopy(tokens: readonly Token[]): boolean {
  const from = tokens.findIndex((t) => isWord(t, 'FROM', 'TO'));
  if (from < 0) return false;
  return tokens.slice(0, from).some((t) => isWord(t, 'OPTIONS')) || (isWord(tokens[from], 'FROM') && tokens[from + 1]?.type === 'qident');
}

/** `COPY t [OPTIONS(…)] FROM "file" | 'file'`. */
function parseThanoCopy(src: ThanoSource): ThanoCopy {
  const cur = cursorOf(src);
  cur.expectWord('COPY');
  const q = cur.qualifiedName();
  const table = q.schema ? `${q.schema}.${q.name}` : q.name;
  const options = parseOptionsClause(cur);
  cur.expectWord('FROM');
  const path = cur.next();
  if (path.type !== 'qident' && path.type !== 'string') throw cur.error(path);
  cur.expectEnd();
  return { kind: 'ThanoCopy', table, options, path: path.value };
}

/** `PRINT IMAGE …` as a statement: the query form's parser over the whole statement. */
function parsePrint(src: ThanoSource): PrintImage {
  return parsePrintQuery(src, 0, src.tokens.length);
}

/** `BUILD MODEL …`. */
function parseBuildModel(src: ThanoSource): BuildModel {
  const cur = cursorOf(src);
  cur.expectWord('BUILD');
  cur.expectWord('MODEL');
  const name = cur.ident();
  cur.expectWord('USING');
  const base = cur.ident();
  const options = parseOptionsClause(cur);
  if (cur.atEnd()) return { kind: 'BuildModel', name, base, options };
  cur.expectWord('AS');
  return { kind: 'BuildModel', name, base, options, query: src.parseQuery(cur.pos, cur.end) };
}

/** `LIST MODEL[S]`. */
function parseListModel(src: ThanoSource): ListModel {
  const cur = cursorOf(src);
  cur.expectWord('LIST');
  cur.expectWord('MODEL', 'MODELS');
  cur.expectEnd();
  return { kind: 'ListModel' };
}

/** `DELETE MODEL name`. */
function parseDeleteModel(src: ThanoSource): DeleteModel {
  const cur = cursorOf(src);
  cur.expectWord('DELETE');
  cur.expectWord('MODEL');
  const name = cur.ident();
  cur.expectEnd();
  return { kind: 'DeleteModel', name };
}
