/**
 * The sequence catalogs: pg_catalog.pg_sequence (one row per sequence: its definition),
 * the pg_sequences view (with the counter's last value, NULL before the first nextval) and
 * information_schema.sequences (the standard's character columns), as PostgreSQL 15 shows them.
 */
import { userName, databaseName } from '../../functions/system/session-identity.js';
import type { StoredSequence } from '../../storage/storage-api.js';
import { T, typeOid, type SqlType } from '../../types/sql-type.js';
import { listRelations, type CatalogRelation } from './relation-list.js';
import type { SystemSource, SystemTableDef } from './system-table.js';

const TYPES: Readonly<Record<StoredSequence['type'], SqlType>> = { int2: T.int2, int4: T.int4, int8: T.int8 };
const PRECISION: Readonly<Record<StoredSequence['type'], number>> = { int2: 16, int4: 32, int8: 64 };
const STANDARD_NAMES: Readonly<Record<StoredSequence['type'], string>> = { int2: 'smallint', int4: 'integer', int8: 'bigint' };

function sequences(source: SystemSource): { relation: CatalogRelation; sequence: StoredSequence }[] {
  return listRelations(source.txn).flatMap((relation) => (relation.table.sequence ? [{ relation, sequence: relation.table.sequence }] : []));
}

export const pgSequence: SystemTableDef = {
  schema: 'pg_catalog', name: 'pg_sequence',
  *rows(source) {
    for (const { relation, sequence: s } of sequences(source)) {
      yield {
        seqrelid: relation.table.oid, seqtypid: typeOid(TYPES[s.type]), seqstart: BigInt(s.start), seqincrement: BigInt(s.increment),
        seqmax: BigInt(s.max), seqmin: BigInt(s.min), seqcache: BigInt(s.cache), seqcycle: s.cycle,
      };
    }
  },
};

export const pgSequences: SystemTableDef = {
  schema: 'pg_catalog', name: 'pg_sequences',
  *rows(source) {
    for (const { relation, sequence: s } of sequences(source)) {
      const counter = source.txn.sequenceCounter(relation.table);
      yield {
        schemaname: relation.schema, sequencename: relation.table.name, sequenceowner: userName(source.setting),
        data_type: typeOid(TYPES[s.type]), start_value: BigInt(s.start), min_value: BigInt(s.min), max_value: BigInt(s.max),
        increment_by: BigInt(s.increment), cycle: s.cycle, cache_size: BigInt(s.cache),
        last_value: counter.isCalled ? counter.lastValue : null,
      };
    }
  },
};

export const infoSequences: SystemTableDef = {
  schema: 'information_schema', name: 'sequences',
  *rows(source) {
    for (const { relation, sequence: s } of sequences(source)) {
      yield {
        sequence_catalog: databaseName(source.setting), sequence_schema: relation.schema, sequence_name: relation.table.name,
        data_type: STANDARD_NAMES[s.type], numeric_precision: PRECISION[s.type], numeric_precision_radix: 2, numeric_scale: 0,
        start_value: s.start, minimum_value: s.min, maximum_value: s.max, increment: s.increment, cycle_option: s.cycle ? 'YES' : 'NO',
      };
    }
  },
};
