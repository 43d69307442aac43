/**
 * `CREATE [OR REPLACE] [TEMP] VIEW v [(cols)] AS query`: the query is parsed now (syntax
 * errors surface at CREATE) and its text kept verbatim, because the catalog stores the view
 * as SQL and binds it again at each use.
 */
import { SqlError, SQLSTATE } from '../common/sql-error.js';
import type { CreateView } from './ast.js';
import { isWord } from './lexer.js';
import { identList } from './parse-create-table.js';
import { relationName } from './parse-create-index.js';
import { parseQueryRange, type StatementSource } from './statement-source.js';
import { TokenCursor } from './token-cursor.js';

/** Parse CREATE VIEW. */
export function parseCreateView(src: StatementSource): CreateView {
  const cur = new TokenCursor(src.tokens, src.text);
  cur.expectWord('CREATE');
  let orReplace = false;
  if (cur.acceptWord('OR')) { cur.expectWord('REPLACE'); orReplace = true; }
  cur.acceptWord('TEMP', 'TEMPORARY');
  if (cur.isWord('RECURSIVE')) {
    throw new SqlError(SQLSTATE.FeatureNotSupported, 'CREATE RECURSIVE VIEW is not supported', { position: cur.peek()!.start + 1 });
  }
  cur.expectWord('VIEW');
  const name = relationName(cur);
  const columns = cur.isPunct('(') ? identList(cur) : undefined;
  if (cur.isWord('WITH')) {
    throw new SqlError(SQLSTATE.FeatureNotSupported, 'view options (WITH …) are not supported', { position: cur.peek()!.start + 1 });
  }
  cur.expectWord('AS');
  const from = cur.pos;
  const end = src.tokens.length;
  if (from >= end) throw cur.error();
  if (isWord(src.tokens[end - 1], 'OPTION') && isWord(src.tokens[end - 2], 'CHECK')) {
    throw new SqlError(SQLSTATE.FeatureNotSupported, 'WITH CHECK OPTION is not supported', { position: src.tokens[end - 2]!.start + 1 });
  }
  const query = parseQueryRange(src, from, end);
  const sql = src.text.slice(src.tokens[from]!.start, src.tokens[end - 1]!.end);
  return { kind: 'CreateView', name, orReplace, ...(columns ? { columns } : {}), query, sql };
}
