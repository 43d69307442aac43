/**
 * The `CatalogLookup` functions use at run time (regclass casts, pg_table_is_visible,
 * pg_relation_size), answered from a transaction's relations. The transaction is read through
 * a getter because a session's current transaction changes between statements.
 */
import { userFunctionText } from '../user-function-text.js';
import { listTriggers, triggerDefinition } from './pg-trigger.js';
import type { CatalogLookup, RelationInfo } from '../../functions/system/catalog-lookup.js';
import { TEMP_SCHEMA } from '../../functions/system/catalog-oids.js';
import { regOut } from '../../functions/system/reg-types.js';
import { arrayTypeOf, typeLen } from '../../types/sql-type.js';
import type { TextCodecOptions } from '../../types/text-codec.js';
import { findUserType } from '../user-types.js';
import type { CatalogReader } from '../catalog-transaction.js';
import { partitionKeySql } from '../partition-text.js';
import { schemaExists } from '../schemas.js';
import { constraintDefinition, indexDefinition, listConstraints, viewDefinition } from './object-defs.js';
import { listRelations, type CatalogRelation } from './relation-list.js';

const PAGE_BYTES = 8192;
/** PostgreSQL's heap tuple header; variable-length values are guessed at 32 bytes. */
const TUPLE_HEADER_BYTES = 24;
const VARLENA_GUESS_BYTES = 32;

/** Row width × rows in whole pages: an estimate in PostgreSQL's units, not the LMDB footprint. */
function estimatedBytes(r: CatalogRelation): number {
  const width = r.table.columns.reduce((n, c) => n + (typeLen(c.type) > 0 ? typeLen(c.type) : VARLENA_GUESS_BYTES), TUPLE_HEADER_BYTES);
  return Math.ceil((r.rowCount * width) / PAGE_BYTES) * PAGE_BYTES;
}

function info(r: CatalogRelation): RelationInfo {
  return {
    oid: r.table.oid, name: r.table.name, schema: r.schema, relkind: r.relkind, rowCount: r.rowCount,
    estimatedBytes: estimatedBytes(r),
  };
}

/**
 * regclass / regtype / regproc output over a transaction (TextCodecOptions.regName), each OID
 * looked up once per function made: make one per batch of output.
 */
export function regNames(txn: CatalogReader): NonNullable<TextCodecOptions['regName']> {
  const lookup = createCatalogLookup(() => txn);
  const seen = new Map<string, string>();
  return (type, oid) => {
    const key = `${type}:${oid}`;
    let name = seen.get(key);
    if (name === undefined) {
      name = regOut(type, oid, lookup);
      seen.set(key, name);
    }
    return name;
  };
}

export function createCatalogLookup(txn: () => CatalogReader): CatalogLookup {
  return {
    relationByName(schema, name) {
      const relations = listRelations(txn());
      // Unqualified: the session's temporary schema, then pg_catalog, then public, as PostgreSQL's
      // implicit search path does; `pg_temp` names the session's temporary schema.
      const order = schema === undefined ? [TEMP_SCHEMA, 'pg_catalog', 'public'] : [schema === 'pg_temp' ? TEMP_SCHEMA : schema];
      for (const s of order) {
        const found = relations.find((r) => r.schema === s && r.table.name === name);
        if (found) return info(found);
      }
      return undefined;
    },
    listRelations: () => listRelations(txn()).map(info),
    schemaExists: (name) => schemaExists(txn().listObjects(), name),
    relationByOid(oid) {
      const found = listRelations(txn()).find((r) => r.table.oid === oid);
      return found && info(found);
    },
    objectDefinition(kind, oid, column, pretty) {
      const t = txn();
      if (kind === 'trigger') {
        const found = listTriggers(t).find((x) => x.trigger.oid === oid);
        return found && triggerDefinition(t, found.relation, found.trigger, pretty === true);
      }
      if (kind === 'constraint') {
        const found = listConstraints(t).find((c) => c.constraint.oid === oid);
        return found && constraintDefinition(t, found.table, found.constraint, pretty === true);
      }
      const relation = listRelations(t).find((r) => r.table.oid === oid);
      if (kind === 'view') return (relation?.relkind === 'v' && viewDefinition(relation.table)) || undefined;
      if (kind === 'partkey') return relation?.relkind === 'p' ? partitionKeySql(relation.table) : undefined;
      return relation?.index && indexDefinition(relation.index.owner, relation.index.index, column ?? 0);
    },
    userTypeByOid(oid) {
      for (const o of txn().listObjects()) {
        if (o.kind !== 'type') continue;
        const arrayOid = o.type.domain?.arrayOid ?? o.type.udt?.arrayOid;
        if (o.id === oid) return o.type;
        if (arrayOid === oid) return arrayTypeOf(o.type);
      }
      return undefined;
    },
    userTypeByName: (name) => findUserType(txn().listObjects(), name)?.type,
    userFunctionText(oid, kind) {
      const fn = txn().listObjects().find((o) => o.kind === 'function' && o.id === oid);
      return fn?.kind === 'function' ? userFunctionText(fn, kind) : undefined;
    },
    description(oid, subid, catalog) {
      if (catalog === 'pg_constraint') return listConstraints(txn()).find((c) => c.constraint.oid === oid)?.constraint.comment;
      const relation = listRelations(txn()).find((r) => r.table.oid === oid);
      if (!relation) return undefined;
      return subid === 0 ? relation.table.comment : relation.table.columns[subid - 1]?.comment;
    },
  };
}
