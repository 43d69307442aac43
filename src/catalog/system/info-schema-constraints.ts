/**
 * information_schema.table_constraints, key_column_usage, referential_constraints,
 * constraint_column_usage and check_constraints over PRIMARY KEY / UNIQUE / FOREIGN KEY / CHECK
 * constraints (PostgreSQL
 * also lists NOT NULL as CHECK constraints named `<ns>_<rel>_<n>_not_null`; those are not here).
 */
import { databaseName } from '../../functions/system/session-identity.js';
import type { StoredTable } from '../../storage/storage-api.js';
import { listConstraints } from './object-defs.js';
import type { SystemTableDef } from './system-table.js';

const CONSTRAINT_TYPES: Readonly<Record<string, string>> = { p: 'PRIMARY KEY', u: 'UNIQUE', f: 'FOREIGN KEY', c: 'CHECK' };
const RULES: Readonly<Record<string, string>> = { a: 'NO ACTION', r: 'RESTRICT', c: 'CASCADE', n: 'SET NULL', d: 'SET DEFAULT' };

const columnName = (table: StoredTable, id: number) => table.columns.find((c) => c.id === id)?.name ?? null;

export const infoTableConstraints: SystemTableDef = {
  schema: 'information_schema', name: 'table_constraints',
  *rows({ txn, setting }) {
    const catalog = databaseName(setting);
    for (const { table, constraint } of listConstraints(txn)) {
      yield {
        constraint_catalog: catalog, constraint_schema: 'public', constraint_name: constraint.name,
        table_catalog: catalog, table_schema: 'public', table_name: table.name,
        constraint_type: CONSTRAINT_TYPES[constraint.type], is_deferrable: 'NO', initially_deferred: 'NO', enforced: 'YES',
        nulls_distinct: constraint.type === 'p' || constraint.type === 'u' ? 'YES' : null,
      };
    }
  },
};

export const infoKeyColumnUsage: SystemTableDef = {
  schema: 'information_schema', name: 'key_column_usage',
  *rows({ txn, setting }) {
    const catalog = databaseName(setting);
    const tables = txn.listTables();
    for (const { table, constraint } of listConstraints(txn)) {
      if (constraint.type === 'c') continue;
      const target = constraint.references && tables.find((t) => t.id === constraint.references!.tableId);
      for (let i = 0; i < constraint.columnIds.length; i++) {
        yield {
          constraint_catalog: catalog, constraint_schema: 'public', constraint_name: constraint.name,
          table_catalog: catalog, table_schema: 'public', table_name: table.name,
          column_name: columnName(table, constraint.columnIds[i]!), ordinal_position: i + 1,
          // Position of the referenced column within the referenced unique key (PostgreSQL: same order).
          position_in_unique_constraint: target ? i + 1 : null,
        };
      }
    }
  },
};

export const infoReferentialConstraints: SystemTableDef = {
  schema: 'information_schema', name: 'referential_constraints',
  *rows({ txn, setting }) {
    const catalog = databaseName(setting);
    const tables = txn.listTables();
    for (const { constraint } of listConstraints(txn)) {
      const ref = constraint.references;
      if (!ref) continue;
      const target = tables.find((t) => t.id === ref.tableId);
      const key = target?.constraints?.find((c) => c.type !== 'f' && c.columnIds.length === ref.columnIds.length
        && c.columnIds.every((id) => ref.columnIds.includes(id)));
      yield {
        constraint_catalog: catalog, constraint_schema: 'public', constraint_name: constraint.name,
        unique_constraint_catalog: catalog, unique_constraint_schema: 'public', unique_constraint_name: key?.name ?? null,
        match_option: ref.matchFull ? 'FULL' : 'NONE', update_rule: RULES[ref.onUpdate], delete_rule: RULES[ref.onDelete],
      };
    }
  },
};

export const infoConstraintColumnUsage: SystemTableDef = {
  schema: 'information_schema', name: 'constraint_column_usage',
  *rows({ txn, setting }) {
    const catalog = databaseName(setting);
    const tables = txn.listTables();
    for (const { table, constraint } of listConstraints(txn)) {
      // PostgreSQL lists a foreign key under the referenced columns, other keys under their own.
      const ref = constraint.references;
      const owner = ref ? tables.find((t) => t.id === ref.tableId) : table;
      if (!owner) continue;
      for (const id of ref ? ref.columnIds : constraint.columnIds) {
        yield {
          table_catalog: catalog, table_schema: 'public', table_name: owner.name, column_name: columnName(owner, id),
          constraint_catalog: catalog, constraint_schema: 'public', constraint_name: constraint.name,
        };
      }
    }
  },
};

/** CHECK constraints; check_clause is pg_get_constraintdef without its `CHECK ` prefix, as PostgreSQL's view takes it. */
export const infoCheckConstraints: SystemTableDef = {
  schema: 'information_schema', name: 'check_constraints',
  *rows({ txn, setting }) {
    const catalog = databaseName(setting);
    for (const { constraint } of listConstraints(txn)) {
      if (constraint.type !== 'c') continue;
      yield {
        constraint_catalog: catalog, constraint_schema: 'public', constraint_name: constraint.name,
        check_clause: `(${constraint.checkSql ?? 'true'})`,
      };
    }
  },
};
