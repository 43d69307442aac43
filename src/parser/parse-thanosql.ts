/**
 * ThanoSQL statements that are not queries: `PRINT IMAGE [OPTIONS(…)] AS (query) | query`,
 * `BUILD MODEL name USING base OPTIONS(…) [AS query]`, `LIST MODEL[S]`, `DELETE MODEL name`.
 */
import { SqlError, SQLSTATE } from '../common/sql-error.js';
import type { BuildModel, DeleteModel, ListModel, PrintImage } from './ast.js';
import { parseOptionsClause } from './parse-options.js';
import { parseQueryRange, type StatementSource } from './statement-source.js';
import { TokenCursor } from './token-cursor.js';

/** `PRINT IMAGE …`; AUDIO/VIDEO are 0A000. */
export function parsePrint(src: StatementSource): PrintImage {
  const cur = new TokenCursor(src.tokens, src.text);
  cur.expectWord('PRINT');
  const t = cur.peek();
  const what = cur.expectWord('IMAGE', 'AUDIO', 'VIDEO');
  if (what !== 'IMAGE') {
    throw new SqlError(SQLSTATE.FeatureNotSupported, `PRINT ${what} is not supported`, { position: t!.start + 1 });
  }
  const options = parseOptionsClause(cur);
  cur.expectWord('AS');
  return { kind: 'PrintImage', options, query: parseQueryRange(src, cur.pos, cur.end) };
}

/** `BUILD MODEL …`. */
export function parseBuildModel(src: StatementSource): BuildModel {
  const cur = new TokenCursor(src.tokens, src.text);
  cur.expectWord('BUILD');
  cur.expectWord('MODEL');
  const name = cur.ident();
  cur.expectWord('USING');
  const base = cur.ident();
  const options = parseOptionsClause(cur);
  if (cur.atEnd()) return { kind: 'BuildModel', name, base, options };
  cur.expectWord('AS');
  return { kind: 'BuildModel', name, base, options, query: parseQueryRange(src, cur.pos, cur.end) };
}

/** `LIST MODEL[S]`. */
export function parseListModel(src: StatementSource): ListModel {
  const cur = new TokenCursor(src.tokens, src.text);
  cur.expectWord('LIST');
  cur.expectWord('MODEL', 'MODELS');
  cur.expectEnd();
  return { kind: 'ListModel' };
}

/** `DELETE MODEL name`. */
export function parseDeleteModel(src: StatementSource): DeleteModel {
  const cur = new TokenCursor(src.tokens, src.text);
  cur.expectWord('DELETE');
  cur.expectWord('MODEL');
  const name = cur.ident();
  cur.expectEnd();
  return { kind: 'DeleteModel', name };
}
