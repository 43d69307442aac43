/**
 * pg_catalog.pg_inherits (one row per parent of each child table or partition, in INHERITS
 * order) and pg_catalog.pg_partitioned_table (one row per partitioned table: strategy, key
 * columns — 0 for an expression — and its DEFAULT partition).
 */
import { DEFAULT_COLLATION } from '../../functions/system/catalog-oids.js';
import type { SystemTableDef } from './system-table.js';

export const pgInherits: SystemTableDef = {
  schema: 'pg_catalog', name: 'pg_inherits',
  *rows({ txn }) {
    for (const table of txn.listTables()) {
      let seqno = 0;
      for (const id of table.inherits ?? []) {
        const parent = txn.getTableById(id);
        if (parent) yield { inhrelid: table.oid, inhparent: parent.oid, inhseqno: ++seqno, inhdetachpending: false };
      }
    }
  },
};

const STRATEGY_LETTERS = { range: 'r', list: 'l', hash: 'h' } as const;

export const pgPartitionedTable: SystemTableDef = {
  schema: 'pg_catalog', name: 'pg_partitioned_table',
  *rows({ txn }) {
    for (const table of txn.listTables()) {
      const key = table.partitionKey;
      if (!key) continue;
      const defaultPartition = txn.childrenOf(table.id).find((c) => c.partitionBound?.kind === 'default');
      yield {
        partrelid: table.oid, partstrat: STRATEGY_LETTERS[key.strategy], partnatts: key.parts.length,
        partdefid: defaultPartition?.oid ?? 0,
        partattrs: key.parts.map((p) => (p.columnId === undefined ? 0 : table.columns.findIndex((c) => c.id === p.columnId) + 1)),
        partclass: key.parts.map(() => 0),
        partcollation: key.parts.map((p) => (['text', 'varchar', 'bpchar'].includes(p.type.id) ? DEFAULT_COLLATION : 0)),
        partexprs: key.parts.some((p) => p.exprSql !== undefined) ? key.parts.flatMap((p) => p.exprSql ?? []).join(', ') : null,
      };
    }
  },
};
