/**
 * Binding CREATE INDEX, CREATE VIEW, DROP INDEX/VIEW and COMMENT ON. Only CREATE VIEW binds
 * anything: its query, for the view's output columns and the relations it depends on; the
 * others name catalog objects that are resolved when the command runs.
 */
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import type { NewColumn } from '../../catalog/catalog-transaction.js';
import type { CommentOn, CreateIndex, CreateView, DropRelation } from '../../parser/ast.js';
import { T } from '../../types/sql-type.js';
import type {
  LogicalCommentOn, LogicalCreateIndex, LogicalCreateView, LogicalDropRelation,
} from '../logical/logical-plan.js';
import type { BindContext } from './bind-context.js';
import { nonUpdatableShape } from './bind-view-target.js';
import { bindQuery } from './bind-query.js';
import { withColumnUses } from './view-column-uses.js';

export function bindCreateIndex(_bind: BindContext, statement: CreateIndex): LogicalCreateIndex {
  return { ...statement };
}

export function bindDropRelation(_bind: BindContext, statement: DropRelation): LogicalDropRelation {
  return { ...statement };
}

export function bindCommentOn(_bind: BindContext, statement: CommentOn): LogicalCommentOn {
  return { ...statement, kind: 'CommentOn' };
}

/**
 * The view's columns: the query's output names, overridden left to right by the column list
 * (fewer names than columns is allowed, more is 42601); unknown-typed literals become text
 * as in PostgreSQL 10+.
 */
export function bindCreateView(bind: BindContext, statement: CreateView): LogicalCreateView {
  const reason = statement.checkOption ? nonUpdatableShape(statement.query) : undefined;
  if (reason !== undefined) {
    throw new SqlError(SQLSTATE.FeatureNotSupported, 'WITH CHECK OPTION is supported only on automatically updatable views', { hint: reason });
  }
  const plan = bindQuery(bind, statement.query);
  const names = statement.columns ?? [];
  if (names.length > plan.output.length) {
    throw new SqlError(SQLSTATE.SyntaxError, 'CREATE VIEW specifies more column names than columns');
  }
  const seen = new Set<string>();
  const columns = plan.output.map((c, i): NewColumn => {
    const name = names[i] ?? c.name;
    if (seen.has(name)) throw new SqlError(SQLSTATE.DuplicateColumn, `column "${name}" specified more than once`);
    seen.add(name);
    return { name, type: c.type.id === 'unknown' ? T.text : c.type, notNull: false };
  });
  return {
    kind: 'CreateView', name: bind.creationName(statement.name, false), orReplace: statement.orReplace, sql: statement.sql, columns,
    dependsOn: [...bind.referencedRelations],
    relations: withColumnUses(plan, [...bind.referencedNames].map(([name, id]) => ({ name, id }))),
    ...(statement.checkOption ? { checkOption: statement.checkOption } : {}),
    ...(statement.securityBarrier !== undefined ? { securityBarrier: statement.securityBarrier } : {}),
  };
}
