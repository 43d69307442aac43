/**
 * The binder's entry point: one statement in, a LogicalCommand out (one file per statement
 * kind behind it). Session statements are the engine's and never reach here.
 */
import { SqlError, SQLSTATE, unreachable } from '../../common/sql-error.js';
import type { Statement } from '../../parser/ast.js';
import { bindExtensionStatement } from '../extension-registry.js';
import type { LogicalCommand } from '../logical/logical-plan.js';
import type { BindContext } from './bind-context.js';
import { bindCopyFrom, bindCopyTo, bindThanoCopy } from './bind-copy.js';
import { bindCreateTable } from './bind-create-table.js';
import { bindAlterTable, bindCreateTableAs, bindDropTable, bindTruncate } from './bind-ddl.js';
import { bindDelete } from './bind-delete.js';
import { bindInsert } from './bind-insert.js';
import { bindUnderStatementWith, isModifying } from './bind-modifying-cte.js';
import { bindQuery } from './bind-query.js';
import { bindCommentOn, bindCreateIndex, bindCreateView, bindDropRelation } from './bind-schema-objects.js';
import { bindAlterSequence, bindCreateSequence } from './bind-sequence.js';
import { bindUpdate } from './bind-update.js';
import { bindUserTypeStatement } from './bind-user-types.js';
import { bindCreateAggregate } from './user-functions/bind-create-aggregate.js';
import { bindCreateOperator, bindDropOperator } from './user-functions/bind-operator-ddl.js';
import { bindTriggerStatement } from './bind-trigger.js';
import { bindFunctionStatement } from './user-functions/bind-function-ddl.js';

export function bindStatement(bind: BindContext, statement: Statement): LogicalCommand {
  switch (statement.kind) {
    case 'QueryStatement': {
      bind.statementQuery = statement.query;
      const query = statement.query;
      const ctes = query.kind === 'Select' || query.kind === 'SetOperation' || query.kind === 'Values' ? query.with : undefined;
      // A plain WITH is bound by the query itself; one with data-modifying items is the statement's.
      return bindUnderStatementWith(bind, ctes?.some((c) => isModifying(c.query)) ? ctes : undefined,
        () => {
          const plan = bindQuery(bind, query);
          return { kind: 'Query' as const, plan, ...(bind.lockedTables.size > 0 ? { locks: [...bind.lockedTables] } : {}) };
        });
    }
    case 'Insert': bind.writing = true; return bindUnderStatementWith(bind, statement.with, () => bindInsert(bind, statement));
    case 'Update': bind.writing = true; return bindUnderStatementWith(bind, statement.with, () => bindUpdate(bind, statement));
    case 'Delete': bind.writing = true; return bindUnderStatementWith(bind, statement.with, () => bindDelete(bind, statement));
    case 'CreateTable': return bindCreateTable(bind, statement);
    case 'CreateTableAs': return bindCreateTableAs(bind, statement);
    case 'DropTable': return bindDropTable(bind, statement);
    case 'AlterTable': return bindAlterTable(bind, statement);
    case 'Truncate': return bindTruncate(bind, statement);
    case 'CreateIndex': return bindCreateIndex(bind, statement);
    case 'CreateView': return bindCreateView(bind, statement);
    case 'DropRelation': return bindDropRelation(bind, statement);
    case 'CommentOn': return bindCommentOn(bind, statement);
    case 'CreateSequence': return bindCreateSequence(bind, statement);
    case 'AlterSequence': return bindAlterSequence(bind, statement);
    case 'CreateType': case 'CreateDomain': case 'AlterType': case 'AlterDomain': case 'DropType':
      return bindUserTypeStatement(bind, statement);
    case 'CreateSchema': case 'RenameSchema': case 'DropSchema': return statement;
    case 'CreateFunction': case 'DropFunction': case 'RenameFunction': case 'CallProcedure':
      return bindFunctionStatement(bind, statement);
    case 'CreateAggregate': return bindCreateAggregate(bind, statement);
    case 'CreateOperator': return bindCreateOperator(bind, statement);
    case 'DropOperator': return bindDropOperator(bind, statement);
    case 'CreateTrigger': case 'DropTrigger': case 'RenameTrigger': return bindTriggerStatement(bind, statement);
    case 'CopyFrom': return bindCopyFrom(bind, statement);
    case 'CopyTo': return bindCopyTo(bind, statement);
    case 'ThanoCopy': return bindThanoCopy(bind, statement);
    case 'Explain': {
      // EXPLAIN DECLARE … CURSOR FOR query explains the query.
      const inner = statement.statement.kind === 'DeclareCursor'
        ? { kind: 'QueryStatement' as const, query: statement.statement.query } : statement.statement;
      return { kind: 'Explain', inner: bindStatement(bind, inner), analyze: statement.analyze };
    }
    case 'PrintImage': case 'BuildModel': case 'ListModel': case 'DeleteModel':
      return bindExtensionStatement(bind, statement);
    case 'Transaction': case 'SetTransaction': case 'Maintenance': case 'Set': case 'Show': case 'Reset': case 'Discard': case 'Deallocate': case 'Prepare': case 'Execute':
    case 'CreateTableAsExecute':
    case 'DeclareCursor': case 'FetchCursor': case 'CloseCursor': case 'NoOp': case 'DoBlock':
      throw new SqlError(SQLSTATE.InternalError, `${statement.kind} statements are handled by the session`);
    default: return unreachable(statement);
  }
}
