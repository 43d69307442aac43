/**
 * pg_catalog.pg_description: COMMENT ON TABLE / VIEW / INDEX (objsubid 0) and COMMENT ON
 * COLUMN (objsubid = attnum), all with classoid pg_class; COMMENT ON
 * CONSTRAINT with classoid pg_constraint.
 */
import { PG_CLASS_RELATION, PG_CONSTRAINT_RELATION } from '../../functions/system/catalog-oids.js';
import type { SystemTableDef } from './system-table.js';

export const pgDescription: SystemTableDef = {
  schema: 'pg_catalog', name: 'pg_description',
  *rows({ txn }) {
    for (const table of txn.listTables()) {
      if (table.comment !== undefined) yield { objoid: table.oid, classoid: PG_CLASS_RELATION, objsubid: 0, description: table.comment };
      for (let i = 0; i < table.columns.length; i++) {
        const comment = table.columns[i]!.comment;
        if (comment !== undefined) yield { objoid: table.oid, classoid: PG_CLASS_RELATION, objsubid: i + 1, description: comment };
      }
      for (const constraint of table.constraints ?? []) {
        if (constraint.comment !== undefined) yield { objoid: constraint.oid, classoid: PG_CONSTRAINT_RELATION, objsubid: 0, description: constraint.comment };
      }
      for (const index of table.indexes ?? []) {
        if (index.comment !== undefined) yield { objoid: index.oid, classoid: PG_CLASS_RELATION, objsubid: 0, description: index.comment };
      }
    }
  },
};
