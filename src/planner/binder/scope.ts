/**
 * Name resolution scopes. A scope lists the relations of one FROM clause (each with an alias
 * or none: alias-less derived tables are allowed and their columns are visible unqualified);
 * its parent is the enclosing query's scope. Resolving a name through a parent marks the
 * subquery boundary as correlated.
 */
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import type { SqlType } from '../../types/sql-type.js';
import type { OutputColumn } from '../logical/logical-plan.js';

export interface ScopeColumn extends OutputColumn {
  /** Not visible to unqualified names and `*` (the right side of JOIN … USING). */
  readonly hidden?: boolean;
  /** A system column (tableoid): found by name, never part of `*`. */
  readonly system?: boolean;
}

export interface ScopeRelation {
  readonly alias?: string;
  readonly columns: readonly ScopeColumn[];
  /**
   * On the nullable side of an outer join: a column NULL exactly in the rows the join
   * NULL-extended, making the whole row NULL (null-extension-marker.ts).
   */
  readonly marker?: OutputColumn;
  /** An aliased join `(a JOIN b) AS j`: its whole row is built from its columns, never NULL itself. */
  readonly joinAlias?: boolean;
}

/** Marks a subquery as correlated when one of its names resolves outside it. */
export interface SubqueryBoundary {
  correlated: boolean;
}

export interface Resolved {
  readonly id: number;
  readonly name: string;
  readonly type: SqlType;
  readonly outer: boolean;
}

export class Scope {
  constructor(
    readonly relations: readonly ScopeRelation[],
    readonly parent?: Scope,
    /** The boundary between this scope and `parent` (set for subqueries). */
    readonly boundary?: SubqueryBoundary,
  ) {}

  /** Finds `table.column` or `column`; throws 42702 when ambiguous, returns undefined if absent. */
  resolve(table: string | undefined, column: string): Resolved | undefined {
    const local = this.resolveLocal(table, column);
    if (local) return { ...local, outer: false };
    if (!this.parent) return undefined;
    const found = this.parent.resolve(table, column);
    if (found && this.boundary) this.boundary.correlated = true;
    return found ? { ...found, outer: true } : undefined;
  }

  /**
   * The columns of the relation a bare name refers to as a whole row (`SELECT t FROM t`), the
   * nearest scope first; undefined when no relation has that alias.
   */
  wholeRow(alias: string): readonly ScopeColumn[] | undefined {
    return this.wholeRelation(alias)?.columns.filter((c) => !c.hidden && !c.system);
  }

  /** The marker column of that relation's NULL-extended rows, if it has one. */
  rowMarker(alias: string): OutputColumn | undefined {
    return this.wholeRelation(alias)?.marker;
  }

  private wholeRelation(alias: string): ScopeRelation | undefined {
    const local = this.relations.find((r) => r.alias === alias);
    if (local) return local;
    const found = this.parent?.wholeRelation(alias);
    if (found && this.boundary) this.boundary.correlated = true;
    return found;
  }

  /** True if a relation with this alias is visible (for "missing FROM-clause entry"). */
  hasRelation(alias: string): boolean {
    return this.relations.some((r) => r.alias === alias) || (this.parent?.hasRelation(alias) ?? false);
  }

  private resolveLocal(table: string | undefined, column: string): ScopeColumn | undefined {
    const matches: ScopeColumn[] = [];
    for (const relation of this.relations) {
      if (table !== undefined && relation.alias !== table) continue;
      for (const c of relation.columns) {
        if (c.name === column && (table !== undefined || !c.hidden)) matches.push(c);
      }
    }
    if (matches.length > 1) {
      throw new SqlError(SQLSTATE.AmbiguousColumn, `column reference "${column}" is ambiguous`);
    }
    return matches[0];
  }

  /**
   * Columns for `*` or `alias.*`; `alias.*` of an enclosing query's relation when no local one
   * has that alias (a LATERAL item's `SELECT s.*` of an item before it), undefined when none does.
   */
  star(table?: string): ScopeColumn[] | undefined {
    if (table === undefined) return this.relations.flatMap((r) => r.columns.filter((c) => !c.system && !c.hidden));
    const relations = this.relations.filter((r) => r.alias === table);
    if (relations.length > 0) return relations.flatMap((r) => r.columns.filter((c) => !c.system));
    return this.wholeRelation(table)?.columns.filter((c) => !c.system);
  }

  /** `star`, or 42P01 when no relation has that alias. */
  expandStar(table?: string): ScopeColumn[] {
    const columns = this.star(table);
    if (!columns) throw new SqlError(SQLSTATE.UndefinedTable, `missing FROM-clause entry for table "${table}"`);
    return columns;
  }
}
