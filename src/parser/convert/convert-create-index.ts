/**
 * CREATE [UNIQUE] INDEX [CONCURRENTLY] [[IF NOT EXISTS] name] ON [ONLY] t [USING btree]
 * (col [COLLATE c] [ASC|DESC] [NULLS FIRST|LAST], …) → CreateIndex. B-tree indexes are recorded
 * for clients (scans stay sequential), so only plain column keys are accepted: expression keys,
 * INCLUDE, WHERE (partial indexes), operator classes and other access methods are 0A000 —
 * except `USING hnsw (col vector_cosine_ops)`, a vector index (convert-vector-index.ts).
 */
import type { IndexStmt } from 'libpg-query';
import type { CreateIndex } from '../ast.js';
import type { ConvertContext } from './convert-context.js';
import { checkCollation } from './convert-expr.js';
import { convertVectorIndex, isVectorIndex } from './convert-vector-index.js';
import { notSupported } from './not-supported.js';
import { relationName } from './qualified-name.js';

/** Convert CREATE INDEX. */
export function convertCreateIndex(s: IndexStmt, ctx: ConvertContext): CreateIndex {
  const vector = isVectorIndex(s);
  if (s.accessMethod !== undefined && s.accessMethod !== 'btree' && !vector) throw notSupported(`access method "${s.accessMethod}"`, ctx);
  if (vector && s.unique) throw notSupported('a unique hnsw index', ctx);
  let opclass: string | undefined;
  if (s.indexIncludingParams) throw notSupported('INCLUDE', ctx);
  if (s.whereClause) throw notSupported('a partial index (WHERE)', ctx);
  if (s.nulls_not_distinct) throw notSupported('NULLS NOT DISTINCT', ctx);
  if (s.tableSpace !== undefined) throw notSupported('TABLESPACE', ctx);
  const columns = (s.indexParams ?? []).map((node) => {
    const elem = 'IndexElem' in node ? node.IndexElem : undefined;
    if (elem === undefined || elem.name === undefined) throw notSupported('an index on an expression', ctx);
    if (elem.opclass && !vector) throw notSupported('an operator class', ctx);
    const last = elem.opclass?.at(-1);
    opclass = last && 'String' in last ? last.String.sval : undefined;
    if (elem.collation) checkCollation(elem.collation, ctx);
    return elem.name;
  });
  return {
    kind: 'CreateIndex', ...(s.idxname !== undefined ? { name: s.idxname } : {}),
    table: relationName(s.relation!, ctx, true), unique: s.unique ?? false, ifNotExists: s.if_not_exists ?? false, columns,
    ...(vector ? { vector: convertVectorIndex(s, opclass, ctx) } : {}),
  };
}
