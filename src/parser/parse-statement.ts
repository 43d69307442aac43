/**
 * Routes one statement by its leading keyword(s): ThanoSQL and session/DDL statements go to
 * the hand-written parsers, plain SQL (SELECT, WITH, INSERT, UPDATE, DELETE) to node-sql-parser.
 * See README.md for the routing table.
 */
import { SqlError, SQLSTATE } from '../common/sql-error.js';
import type { Statement } from './ast.js';
import { isWord, tokenize } from './lexer.js';
import { parseAlterTable, parseDropTable } from './parse-alter-table.js';
import { parseCopy } from './parse-copy.js';
import { isInsertDefaultValues, parseInsertDefaultValues } from './parse-insert-default.js';
import { parseComment } from './parse-comment.js';
import { parseCreateIndex } from './parse-create-index.js';
import { parseCreateTable } from './parse-create-table.js';
import { parseCreateView } from './parse-create-view.js';
import { parseDropRelation } from './parse-drop-relation.js';
import { parseAlterSequence, parseCreateSequence } from './parse-sequence.js';
import { parseClose, parseDeclare, parseFetch } from './parse-cursor.js';
import { parseExecute, parsePrepare } from './parse-prepare.js';
import { parseSet, parseSessionMisc, parseShow, parseTransaction } from './parse-session.js';
import { parseThanoQuery } from './parse-thano-query.js';
import { parseBuildModel, parseDeleteModel, parseListModel, parsePrint } from './parse-thanosql.js';
import { parseValues } from './parse-values.js';
import { startsThano } from './rewrite-for-nsp.js';
import { parseQueryRange, parseSqlRange, type StatementSource } from './statement-source.js';
import { TokenCursor } from './token-cursor.js';

type Route = (src: StatementSource) => Statement;

const ROUTES: Readonly<Record<string, Route>> = {
  COPY: parseCopy, PRINT: parsePrint, BUILD: parseBuildModel, LIST: parseListModel,
  BEGIN: parseTransaction, START: parseTransaction, COMMIT: parseTransaction, END: parseTransaction,
  ROLLBACK: parseTransaction, ABORT: parseTransaction, SAVEPOINT: parseTransaction, RELEASE: parseTransaction,
  SET: parseSet, SHOW: parseShow, RESET: parseSessionMisc, DISCARD: parseSessionMisc,
  DEALLOCATE: parseSessionMisc, LISTEN: parseSessionMisc, UNLISTEN: parseSessionMisc, NOTIFY: parseSessionMisc,
  DECLARE: parseDeclare, FETCH: parseFetch, MOVE: parseFetch, CLOSE: parseClose,
  PREPARE: (src) => parsePrepare(src, parseStatementSource), EXECUTE: parseExecute,
  EXPLAIN: parseExplain, VALUES: parseValues,
  SELECT: parseSql, WITH: parseSql,
  INSERT: (src) => (isInsertDefaultValues(src) ? parseInsertDefaultValues(src) : parseSql(src)), UPDATE: parseSql, TABLE: parseSql,
  CREATE: parseCreate,
  ALTER: (src) => (isWord(src.tokens[1], 'TABLE') ? parseAlterTable(src)
    : isWord(src.tokens[1], 'SEQUENCE') ? parseAlterSequence(src) : notSupported(src, 2)),
  DROP: (src) => (isWord(src.tokens[1], 'TABLE') ? parseDropTable(src)
    : isWord(src.tokens[1], 'INDEX', 'VIEW', 'SEQUENCE') ? parseDropRelation(src) : notSupported(src, 2)),
  COMMENT: parseComment,
  DELETE: (src) => (isWord(src.tokens[1], 'MODEL') ? parseDeleteModel(src) : parseSql(src)),
};

/** Leading keywords PostgreSQL knows but this server does not implement (0A000, not 42601). */
const KNOWN_UNSUPPORTED = new Set([
  'GRANT', 'REVOKE', 'VACUUM', 'ANALYZE', 'ANALYSE', 'TRUNCATE', 'LOCK', 'DO',
  'REINDEX', 'CLUSTER', 'CHECKPOINT', 'REFRESH', 'MERGE', 'CALL', 'IMPORT', 'SECURITY',
  'REASSIGN', 'LOAD', 'FIT', 'PREDICT', 'EVALUATE', 'GET', 'UPLOAD', 'TRANSFORM',
]);

/** Parse one statement's text (positions in errors are 1-based into `text`). */
export function parseStatementText(text: string): Statement {
  return parseStatementSource({ text, tokens: tokenize(text) });
}

function parseStatementSource(src: StatementSource): Statement {
  const first = src.tokens[0];
  if (first === undefined) throw new TokenCursor(src.tokens, src.text).error();
  if (startsThano(first, src.tokens[1])) {
    return { kind: 'QueryStatement', query: parseThanoQuery(src, 0, src.tokens.length) };
  }
  if (first.type === 'punct' && first.text === '(') {
    return { kind: 'QueryStatement', query: parseQueryRange(src, 0, src.tokens.length) };
  }
  const kw = first.type === 'word' ? first.value.toUpperCase() : '';
  const route = ROUTES[kw];
  if (route !== undefined) return route(src);
  if (KNOWN_UNSUPPORTED.has(kw)) return notSupported(src, 1);
  throw new TokenCursor(src.tokens, src.text).error();
}

/** CREATE [TEMP|UNLOGGED] TABLE | SEQUENCE, CREATE [UNIQUE] INDEX, CREATE [OR REPLACE] [TEMP] VIEW. */
function parseCreate(src: StatementSource): Statement {
  const t = src.tokens;
  if (isWord(t[1], 'SEQUENCE') || (isWord(t[1], 'TEMP', 'TEMPORARY', 'UNLOGGED') && isWord(t[2], 'SEQUENCE'))) return parseCreateSequence(src);
  if (isWord(t[1], 'TABLE') || (isWord(t[1], 'TEMP', 'TEMPORARY', 'UNLOGGED') && isWord(t[2], 'TABLE'))) return parseCreateTable(src);
  if (isWord(t[1], 'INDEX') || (isWord(t[1], 'UNIQUE') && isWord(t[2], 'INDEX'))) return parseCreateIndex(src);
  if (isWord(t[1], 'VIEW') || (isWord(t[1], 'OR') && isWord(t[2], 'REPLACE'))
    || (isWord(t[1], 'TEMP', 'TEMPORARY', 'RECURSIVE') && isWord(t[2], 'VIEW'))) return parseCreateView(src);
  return notSupported(src, isWord(t[1], 'UNIQUE', 'OR', 'TEMP', 'TEMPORARY') ? 3 : 2);
}

function parseSql(src: StatementSource): Statement {
  return parseSqlRange(src, 0, src.tokens.length);
}

function parseExplain(src: StatementSource): Statement {
  const cur = new TokenCursor(src.tokens, src.text);
  cur.expectWord('EXPLAIN');
  let analyze = false;
  if (cur.isPunct('(')) {
    const close = cur.matchParen(cur.pos);
    if (close < 0) throw cur.error();
    for (let i = cur.pos + 1; i < close; i++) {
      if (isWord(src.tokens[i], 'ANALYZE', 'ANALYSE') && !isWord(src.tokens[i + 1], 'FALSE', 'OFF')) analyze = true;
    }
    cur.pos = close + 1;
  } else {
    analyze = cur.acceptWord('ANALYZE', 'ANALYSE');
    cur.acceptWord('VERBOSE');
  }
  const statement = parseStatementSource({ text: src.text, tokens: src.tokens.slice(cur.pos) });
  return { kind: 'Explain', statement, analyze };
}

function notSupported(src: StatementSource, words: number): never {
  const what = src.tokens.slice(0, words).map((t) => t.text.toUpperCase()).join(' ');
  throw new SqlError(SQLSTATE.FeatureNotSupported, `${what} is not supported`, { position: src.tokens[0]!.start + 1 });
}
