/**
 * State shared while binding one statement: the plan context (catalog, declared parameter
 * types, SQL text), the function registry, inferred parameter types, the column-id counter
 * and visible CTEs.
 */
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import { familyShape, relationShape } from '../../catalog/relation-shape.js';
import { findUserType } from '../../catalog/user-types.js';
import { nameInSchema, relationCandidates, schemaExists } from '../../catalog/schemas.js';
import { searchPathNames } from '../../functions/system/search-path.js';
import type { CommonTableExpr, Query } from '../../parser/ast.js';
import { checkMutualRecursion } from './check-recursive-cte.js';
import { checkModifyingAtTopLevel } from './check-modifying-cte.js';
import type { StoredTable, StoredView } from '../../types/stored-table.js';
import type { PlanContext } from '../plan-context.js';
import type { PlannerExtensions } from '../extension-registry.js';
import type { FunctionRegistry } from '../../functions/function-registry.js';
import { recordType, type SqlType } from '../../types/sql-type.js';
import type { FunctionFrame } from './user-functions/function-frame.js';
import type { ModifyingCte } from '../logical/logical-plan.js';

/** Longest word positionOf looks up with a RegExp. */
const MAX_REGEXP_WORD = 1000;

/**
 * Something binding depended on; a cached plan stays valid while each still holds
 * (execution/plan-validity.ts re-plans otherwise).
 */
export type PlanDependency = RelationDependency | ObjectDependency | FamilyDependency | FunctionsDependency | SettingDependency;

/** A setting binding read (search_path for unqualified names): another value re-plans, as PostgreSQL's plan cache does. */
export interface SettingDependency {
  readonly kind: 'setting';
  readonly name: string;
  readonly value: string | undefined;
}

/** User functions a call was resolved among (catalog/user-functions.ts `functionsKey`): any change re-plans. */
export interface FunctionsDependency {
  readonly kind: 'functions';
  readonly name: string;
  readonly key: string;
}

/**
 * A write over an inheritance tree: the shapes of the table and all its descendants as binding
 * saw them (a table created, attached or detached below it re-plans).
 */
export interface FamilyDependency {
  readonly kind: 'family';
  readonly tableId: number;
  readonly shape: string;
}

/** A relation the statement looked up by name while binding, and what the lookup found. */
export interface RelationDependency {
  readonly kind: 'relation';
  readonly name: string;
  /** The found table's id, or 0 if the name found nothing (a later CREATE then re-plans). */
  readonly id: number;
  /** `relationShape` of the found table; '' when nothing was found. */
  readonly shape: string;
}

/**
 * A non-relation object binding used (an extension's model): `isCurrent` re-resolves it from
 * the registry of a later run and says whether the plan still describes it.
 */
export interface ObjectDependency {
  readonly kind: 'object';
  isCurrent(extensions: PlannerExtensions | undefined): boolean;
}

/** The working table of a recursive CTE as its recursive term sees it. */
export interface WorkTable {
  readonly id: number;
  readonly columns: readonly { readonly name: string; readonly type: SqlType }[];
  /** Set when the recursive term referenced it. */
  used: boolean;
}

export class BindContext {
  /** Parameter types, fixed by declaration or inferred from first use. */
  readonly paramTypes: (SqlType | undefined)[];
  private nextColumnId = 1;
  /** CTEs in scope, innermost last (WITH inside subqueries shadows outer ones). */
  private readonly cteFrames: Map<string, CommonTableExpr>[] = [];
  /** CTEs whose body is being bound: invisible to themselves unless recursive (then a work table). */
  private readonly hiddenCtes = new Set<CommonTableExpr>();
  private readonly workTables = new Map<CommonTableExpr, WorkTable>();
  private nextWorkTable = 1;
  /** Tables a SELECT … FOR UPDATE / SHARE of the statement locks (bind-row-locking.ts). */
  readonly lockedTables = new Set<number>();
  /** Ids of the user tables and views the statement references (a view's dependencies). */
  readonly referencedRelations = new Set<number>();
  /** Every user relation looked up by name, and other objects used, in order (plan-cache validity). */
  readonly dependencies: PlanDependency[] = [];
  /** Relation names the statement itself (not a view it expands) looked up, with the ids found (a view's `relations`). */
  readonly referencedNames = new Map<string, number>();
  /** While a view's query is bound: its names → the ids they named at CREATE VIEW (bind-view-ref.ts). */
  viewRelations: ReadonlyMap<string, number> | undefined;
  /** While a view's query is bound: table id → column id → the name the view's query uses for it. */
  viewColumns: ReadonlyMap<number, ReadonlyMap<number, string>> | undefined;
  /** Views being expanded right now (a view that reaches itself is an error, not a loop). */
  readonly expandingViews = new Set<number>();
  /**
   * Parameters whose value decides the result's shape: 0-based index → the list length the
   * plan was made for (`SEARCH IMAGE texts=$1` has one similarity column per element).
   */
  readonly shapeParams = new Map<number, number>();
  /**
   * The query a query statement is (not one nested in it): an extension may answer a whole
   * statement differently, e.g. CONVERT's one-row summary.
   */
  statementQuery: Query | undefined;
  /** Binding INSERT / UPDATE / DELETE (a volatile SQL function reading tables cannot be inlined there). */
  writing = false;
  /** The statement's own WITH list, the one place data-modifying items may stand. */
  topLevelWith: readonly CommonTableExpr[] | undefined;
  /** Data-modifying WITH items bound so far (bind-modifying-cte.ts), and in run order. */
  readonly modifyingCtes = new Map<CommonTableExpr, ModifyingCte>();
  readonly modifyingCteOrder: ModifyingCte[] = [];
  /** User SQL function bodies being bound, innermost last (user-functions/function-frame.ts). */
  readonly functionFrames: FunctionFrame[] = [];

  constructor(readonly plan: PlanContext, readonly registry: FunctionRegistry) {
    this.paramTypes = [...plan.declaredParamTypes];
  }

  /**
   * A user table or view by name, as the transaction sees it; every lookup (found or not) is
   * recorded in `dependencies`.
   */
  lookupTable(name: string): StoredTable | undefined {
    // A view's query names its relations by id: renamed or moved, they are still found.
    const viewId = this.viewRelations?.get(name);
    const byId = viewId === undefined ? undefined : this.plan.txn.getTableById(viewId);
    if (!byId && !this.viewRelations && !name.includes('.')) {
      // Not found along the path is not found (a table of a schema the path leaves out stays hidden).
      const found = this.alongSearchPath(name);
      if (found) this.referencedNames.set(name, found.id);
      return found;
    }
    const table = byId ?? this.plan.txn.getTable(name);
    if (table && !this.viewRelations) this.referencedNames.set(name, table.id);
    // A dependency by the name it has now, so a plan through a view stays valid until it changes.
    const current = byId ? byId.name : name;
    this.dependencies.push({ kind: 'relation', name: current, id: table?.id ?? 0, shape: table ? relationShape(table) : '' });
    return table;
  }

  /**
   * Unqualified relation `name` along the search path (search-path-names.ts): the session's
   * temporary schema first unless the path lists pg_temp, then each listed schema that exists.
   * Each name tried is a plan dependency (a table created earlier in the path re-plans), and
   * so is search_path itself.
   */
  private alongSearchPath(name: string): StoredTable | undefined {
    for (const stored of relationCandidates(this.searchPath(), name)) {
      const table = this.plan.txn.getTable(stored);
      this.dependencies.push({ kind: 'relation', name: stored, id: table?.id ?? 0, shape: table ? relationShape(table) : '' });
      if (table) return table;
    }
    return undefined;
  }

  /** The existing schemas of the session's search_path, in order (a plan dependency). */
  searchPath(): string[] {
    this.dependencies.push({ kind: 'setting', name: 'search_path', value: this.plan.setting('search_path') });
    const objects = this.plan.txn.listObjects();
    return searchPathNames((n) => this.plan.setting(n)).filter((s) => schemaExists(objects, s));
  }

  /**
   * The name a new relation is stored under: an unqualified name goes to the first schema of
   * the search path that can hold it (3F000 when there is none); qualified and temporary names
   * stay as written.
   */
  creationName(name: string, temporary: boolean): string {
    if (temporary || name.includes('.')) return name;
    // pg_catalog, pg_temp (and every pg_ name) and information_schema hold no new user relations here.
    const schema = this.searchPath().find((s) => !s.startsWith('pg_') && s !== 'information_schema');
    if (!schema) throw new SqlError(SQLSTATE.InvalidSchemaName, 'no schema has been selected to create in');
    return nameInSchema(schema, name);
  }

  /**
   * Runs `bind` with a view's names in force: its relations by the ids they named and its
   * tables' columns by the names it used at CREATE VIEW (restored afterwards, for nested views).
   */
  withinView<T>(view: StoredView, bind: () => T): T {
    const [relations, columns] = [this.viewRelations, this.viewColumns];
    this.viewRelations = new Map((view.relations ?? []).map((r) => [r.name, r.id]));
    this.viewColumns = new Map((view.relations ?? []).filter((r) => r.columns)
      .map((r) => [r.id, new Map(r.columns!.map((c) => [c.id, c.name]))]));
    try {
      return bind();
    } finally {
      [this.viewRelations, this.viewColumns] = [relations, columns];
    }
  }

  /** Records that the plan depends on `table`'s whole inheritance tree (see FamilyDependency). */
  dependOnFamily(table: StoredTable): void {
    this.dependencies.push({ kind: 'family', tableId: table.id, shape: familyShape(this.plan.txn, table) });
  }

  /**
   * A user-defined type (CREATE TYPE / CREATE DOMAIN) by name, as the transaction sees it, or a
   * table's row type (every table is also a composite type of its columns in PostgreSQL:
   * `NULL::int8_tbl`, `ROW(1, 2)::int8_tbl`), here a record of its columns' names and types.
   */
  lookupType(name: string): SqlType | undefined {
    const user = findUserType(this.plan.txn.listObjects(), name)?.type;
    if (user) return user;
    const table = this.lookupTable(name);
    if (!table || table.sequence) return undefined;
    return recordType(table.columns.map((c) => ({ name: c.name, type: c.type })));
  }

  /** Records a non-relation object the plan depends on (see ObjectDependency). */
  dependOn(isCurrent: ObjectDependency['isCurrent']): void {
    this.dependencies.push({ kind: 'object', isCurrent });
  }

  /** A new plan-wide unique column id. */
  newId(): number {
    return this.nextColumnId++;
  }

  pushCtes(ctes: readonly CommonTableExpr[]): void {
    checkMutualRecursion(ctes);
    checkModifyingAtTopLevel(ctes, this.topLevelWith, (word) => this.positionOf(word));
    this.cteFrames.push(new Map(ctes.map((cte) => [cte.name, cte])));
  }

  popCtes(): void {
    this.cteFrames.pop();
  }

  findCte(name: string): CommonTableExpr | undefined {
    for (let i = this.cteFrames.length - 1; i >= 0; i--) {
      const cte = this.cteFrames[i]!.get(name);
      if (cte && (!this.hiddenCtes.has(cte) || this.workTables.has(cte))) return cte;
    }
    return undefined;
  }

  /** Runs `fn` with `cte` invisible to name lookup (its own body, a recursive anchor). */
  withoutCte<R>(cte: CommonTableExpr, fn: () => R): R {
    this.hiddenCtes.add(cte);
    try {
      return fn();
    } finally {
      this.hiddenCtes.delete(cte);
    }
  }

  /** Runs `fn` (a recursive term) with references to `cte` reading the work table `table`. */
  withWorkTable<R>(cte: CommonTableExpr, table: WorkTable, fn: () => R): R {
    this.hiddenCtes.add(cte);
    this.workTables.set(cte, table);
    try {
      return fn();
    } finally {
      this.workTables.delete(cte);
      this.hiddenCtes.delete(cte);
    }
  }

  /** The work table a reference to `cte` reads while its recursive term is bound. */
  workTableOf(cte: CommonTableExpr): WorkTable | undefined {
    return this.workTables.get(cte);
  }

  /** A new id for a recursive CTE's working table. */
  newWorkTableId(): number {
    return this.nextWorkTable++;
  }

  /** 1-based position of `word` in the statement text (for error cursors), if found. */
  positionOf(word: string): number | undefined {
    // A long word (a huge literal) would make a RegExp too large to compile: plain search.
    if (word.length > MAX_REGEXP_WORD) {
      const index = this.plan.sql.indexOf(word);
      return index < 0 ? undefined : index + 1;
    }
    const escaped = word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const match = new RegExp(`(^|[^\\w$])"?(${escaped})(?![\\w$])`, 'i').exec(this.plan.sql);
    return match ? match.index + match[1]!.length + 1 : undefined;
  }
}
