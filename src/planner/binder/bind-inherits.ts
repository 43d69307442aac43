/**
 * CREATE TABLE … INHERITS and … PARTITION OF: the parents' columns merged with the table's
 * own, as PostgreSQL's MergeAttributes does. Inherited columns come first, in parent order;
 * a column several parents have is merged (same type, else 42804), NOT NULL if any parent's
 * is, its default kept only if the parents agree (else 42611 unless the table sets one). A
 * local column named like an inherited one is merged into it. The parents' CHECK constraints
 * other than NO INHERIT ones are inherited, merged by name. Merges are announced with
 * PostgreSQL's NOTICEs, which the executor sends (`notices`).
 */
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import type { NewColumn } from '../../catalog/catalog-transaction.js';
import { isPartition, isPartitioned } from '../../catalog/inheritance.js';
import type { ColumnOptions, CreateTable } from '../../parser/ast.js';
import type { StoredTable } from '../../types/stored-table.js';
import { formatTypeName, sameType } from '../../types/sql-type.js';
import type { CreateTableConstraint } from '../logical/logical-plan.js';
import type { BindContext } from './bind-context.js';
import { bindColumnDef } from './bind-create-table.js';

/** The merged definition of a table with parents. */
export interface MergedColumns {
  readonly parents: readonly StoredTable[];
  readonly columns: readonly NewColumn[];
  /** CHECK constraints inherited from the parents (merged by name), before the table's own. */
  readonly inheritedChecks: readonly CreateTableConstraint[];
  readonly notices: readonly MergeNotice[];
}

/** A NOTICE announcing a merge (sent when the statement runs). */
export interface MergeNotice {
  readonly message: string;
  readonly detail?: string;
}

interface Draft {
  name: string;
  type: NewColumn['type'];
  notNull: boolean;
  defaultSql?: string | undefined;
  defaultConflict: boolean;
  inheritCount: number;
  isLocal: boolean;
}

/**
 * The parents of CREATE TABLE … INHERITS (or the partitioned table of PARTITION OF), checked as
 * PostgreSQL checks them, in order.
 */
export function resolveParents(bind: BindContext, statement: CreateTable): StoredTable[] {
  const names = statement.partitionOf ? [statement.partitionOf.parent] : statement.inherits ?? [];
  if (statement.inherits && statement.partitionBy) {
    throw new SqlError(SQLSTATE.InvalidObjectDefinition, 'cannot create partitioned table as inheritance child');
  }
  const parents = names.map((name) => {
    const table = bind.lookupTable(name);
    if (!table) {
      throw new SqlError(SQLSTATE.UndefinedTable, `relation "${name}" does not exist`, { position: bind.positionOf(name) });
    }
    return table;
  });
  const seen = new Set<number>();
  for (const parent of parents) {
    if (seen.has(parent.id)) throw new SqlError(SQLSTATE.DuplicateTable, `relation "${parent.name}" would be inherited from more than once`);
    seen.add(parent.id);
  }
  const temporary = statement.temporary || statement.name.startsWith('pg_temp.');
  for (const parent of parents) {
    if (statement.partitionOf) {
      if (!isPartitioned(parent)) throw new SqlError(SQLSTATE.InvalidObjectDefinition, `"${parent.name}" is not partitioned`);
      if (parent.temporary && !temporary) {
        throw new SqlError(SQLSTATE.WrongObjectType, `cannot create a permanent relation as partition of temporary relation "${parent.name}"`);
      }
      if (!parent.temporary && temporary) {
        throw new SqlError(SQLSTATE.WrongObjectType, `cannot create a temporary relation as partition of permanent relation "${parent.name}"`);
      }
      continue;
    }
    if (isPartitioned(parent)) throw new SqlError(SQLSTATE.WrongObjectType, `cannot inherit from partitioned table "${parent.name}"`);
    if (isPartition(parent)) throw new SqlError(SQLSTATE.WrongObjectType, `cannot inherit from partition "${parent.name}"`);
    if (parent.view || parent.sequence) {
      throw new SqlError(SQLSTATE.WrongObjectType, `inherited relation "${parent.name}" is not a table or foreign table`);
    }
    if (parent.temporary && !temporary) throw new SqlError(SQLSTATE.WrongObjectType, `cannot inherit from temporary relation "${parent.name}"`);
  }
  return parents;
}

/** Merges the parents' columns with the table's own (`local`, already bound). */
export function mergeInherited(parents: readonly StoredTable[], local: readonly NewColumn[]): MergedColumns {
  const notices: MergeNotice[] = [];
  const drafts: Draft[] = [];
  for (const parent of parents) {
    for (const column of parent.columns) {
      const prior = drafts.find((d) => d.name === column.name);
      if (!prior) {
        drafts.push({
          name: column.name, type: column.type, notNull: column.notNull, defaultSql: column.defaultSql,
          defaultConflict: false, inheritCount: 1, isLocal: false,
        });
        continue;
      }
      notices.push({ message: `merging multiple inherited definitions of column "${column.name}"` });
      if (!sameColumnType(prior.type, column.type)) {
        throw new SqlError(SQLSTATE.DatatypeMismatch, `inherited column "${column.name}" has a type conflict`,
          { detail: `${formatTypeName(prior.type)} versus ${formatTypeName(column.type)}` });
      }
      prior.inheritCount++;
      prior.notNull ||= column.notNull;
      if (column.defaultSql !== undefined) {
        if (prior.defaultSql === undefined) prior.defaultSql = column.defaultSql;
        else if (prior.defaultSql !== column.defaultSql) prior.defaultConflict = true;
      }
    }
  }
  local.forEach((column, position) => {
    const prior = drafts.find((d) => d.name === column.name);
    if (!prior) {
      drafts.push({ ...column, defaultConflict: false, inheritCount: 0, isLocal: true });
      return;
    }
    // PostgreSQL says so when the column's place among the table's own differs from the inherited one's.
    notices.push(drafts.indexOf(prior) === position
      ? { message: `merging column "${column.name}" with inherited definition` }
      : {
        message: `moving and merging column "${column.name}" with inherited definition`,
        detail: 'User-specified column moved to the position of the inherited column.',
      });
    if (!sameColumnType(prior.type, column.type)) {
      throw new SqlError(SQLSTATE.DatatypeMismatch, `column "${column.name}" has a type conflict`,
        { detail: `${formatTypeName(prior.type)} versus ${formatTypeName(column.type)}` });
    }
    prior.isLocal = true;
    prior.notNull ||= column.notNull;
    if (column.defaultSql !== undefined) {
      prior.defaultSql = column.defaultSql;
      prior.defaultConflict = false;
    }
  });
  for (const d of drafts) {
    if (d.defaultConflict) {
      throw new SqlError(SQLSTATE.InvalidColumnDefinition, `column "${d.name}" inherits conflicting default values`,
        { hint: 'To resolve the conflict, specify a default explicitly.' });
    }
  }
  return { parents, columns: drafts.map(toNewColumn), inheritedChecks: inheritedChecks(parents), notices };
}

/** The parents' CHECK constraints a child gets (not NO INHERIT ones), merged by name. */
export function inheritedChecks(parents: readonly StoredTable[]): CreateTableConstraint[] {
  const checks: CreateTableConstraint[] = [];
  for (const parent of parents) {
    for (const constraint of parent.constraints ?? []) {
      if (constraint.type !== 'c' || constraint.noInherit) continue;
      const prior = checks.findIndex((c) => c.name === constraint.name);
      if (prior >= 0) {
        if (checks[prior]!.checkSql !== constraint.checkSql) {
          throw new SqlError(SQLSTATE.DuplicateObject,
            `check constraint name "${constraint.name}" appears multiple times but with different expressions`);
        }
        checks[prior] = { ...checks[prior]!, inheritCount: (checks[prior]!.inheritCount ?? 1) + 1 };
        continue;
      }
      const columns = constraint.columnIds.map((id) => parent.columns.find((c) => c.id === id)!.name);
      checks.push({ kind: 'Check', name: constraint.name, columns, checkSql: constraint.checkSql!, inheritCount: 1, isLocal: false });
    }
  }
  return checks;
}

/**
 * The table's own CHECKs after the inherited ones: one named like an inherited CHECK merges
 * into it when the expressions agree (a NOTICE), else 42710.
 */
export function withLocalChecks(
  table: string, inherited: readonly CreateTableConstraint[], local: readonly CreateTableConstraint[], notices: MergeNotice[],
  partition: boolean,
): CreateTableConstraint[] {
  const out = [...inherited];
  for (const constraint of local) {
    const prior = constraint.kind === 'Check' && constraint.name !== undefined ? out.findIndex((c) => c.name === constraint.name) : -1;
    if (prior < 0) {
      out.push(constraint);
      continue;
    }
    if (out[prior]!.checkSql !== constraint.checkSql || constraint.noInherit) {
      throw new SqlError(SQLSTATE.DuplicateObject, `constraint "${constraint.name}" for relation "${table}" already exists`);
    }
    notices.push({ message: `merging constraint "${constraint.name}" with inherited definition` });
    // A partition's CHECK is never its own (conislocal false), as PostgreSQL's MergeWithExistingConstraint has it.
    if (!partition) out[prior] = { ...out[prior]!, isLocal: true };
  }
  return out;
}

/**
 * PARTITION OF: the partitioned table's columns, each inherited once, with the options the
 * partition gives them (NOT NULL, DEFAULT); 42703 for an option naming no column.
 */
export function partitionColumns(bind: BindContext, parent: StoredTable, options: readonly ColumnOptions[]): NewColumn[] {
  const seen = new Set<string>();
  for (const option of options) {
    if (seen.has(option.name)) throw new SqlError(SQLSTATE.DuplicateColumn, `column "${option.name}" specified more than once`);
    seen.add(option.name);
    if (!parent.columns.some((c) => c.name === option.name)) {
      throw new SqlError(SQLSTATE.UndefinedColumn, `column "${option.name}" does not exist`);
    }
  }
  return parent.columns.map((column) => {
    const inherited: NewColumn = {
      name: column.name, type: column.type, notNull: column.notNull, inheritCount: 1, isLocal: false,
      ...(column.defaultSql !== undefined ? { defaultSql: column.defaultSql } : {}),
    };
    const option = options.find((o) => o.name === column.name);
    if (!option) return inherited;
    const bound = bindColumnDef(bind, option, column.type);
    return {
      ...inherited, notNull: inherited.notNull || bound.notNull,
      ...(bound.defaultSql !== undefined ? { defaultSql: bound.defaultSql } : {}),
    };
  });
}

function toNewColumn(d: Draft): NewColumn {
  return {
    name: d.name, type: d.type, notNull: d.notNull, ...(d.defaultSql !== undefined ? { defaultSql: d.defaultSql } : {}),
    ...(d.inheritCount > 0 ? { inheritCount: d.inheritCount } : {}), ...(d.isLocal ? {} : { isLocal: false }),
  };
}

/** Same type and modifier, as inheritance requires (PostgreSQL compares type OID and typmod). */
function sameColumnType(a: NewColumn['type'], b: NewColumn['type']): boolean {
  return sameType(a, b) && a.typmod === b.typmod;
}
