/**
 * One PostgreSQL raw statement → our Statement, by node type. Statements PostgreSQL has and
 * this server does not are `0A000 <statement> is not supported`, named as users write them
 * (CREATE EVENT TRIGGER, GRANT, VACUUM …).
 */
import type { ExplainStmt, Node } from 'libpg-query';
import type { Explain, Statement } from '../ast.js';
import { convertCreateAggregate } from './convert-aggregate-ddl.js';
import { convertAlterTable, convertRename } from './convert-alter-table.js';
import { convertCreateOperator, convertDropOperator } from './convert-operator-ddl.js';
import { convertComment } from './convert-comment.js';
import type { ConvertContext } from './convert-context.js';
import { convertCopy } from './convert-copy.js';
import { convertCreateIndex } from './convert-create-index.js';
import { convertCreateTable, convertCreateTableAs, convertSelectInto } from './convert-create-table.js';
import { convertCreateView } from './convert-create-view.js';
import { convertDeclare, convertFetch } from './convert-cursor.js';
import { convertDelete, convertInsert, convertUpdate } from './convert-dml.js';
import { convertDrop } from './convert-drop.js';
import { convertCreateSchema, convertDropSchema, convertRenameSchema, convertSetSchema } from './convert-schema.js';
import {
  convertCall, convertCreateFunction, convertDropFunction, convertRenameFunction, convertDo,
} from './convert-function-ddl.js';
import { convertExecute, convertPrepare } from './convert-prepare.js';
import { convertSelectStmt } from './convert-select.js';
import { convertAlterSequence, convertCreateSequence } from './convert-sequence.js';
import { convertDiscard, convertSet, convertTransaction } from './convert-session.js';
import { convertTruncate } from './convert-truncate.js';
import { convertCreateTrigger, convertDropTrigger, convertRenameTrigger } from './convert-trigger.js';
import { convertVacuum } from './convert-vacuum.js';
import { notSupported } from './not-supported.js';
import { stringOf, tagOf } from './pg-node.js';
import {
  convertAlterCompositeType, convertAlterDomain, convertAlterEnum, convertCompositeType, convertCreateDomain, convertCreateEnum,
  convertDropType, convertRenameUserType,
} from './convert-user-type.js';

/** Statement node types by the SQL that produces them, for 0A000 messages. */
const UNSUPPORTED_STATEMENTS: Readonly<Record<string, string>> = {
  CreateEventTrigStmt: 'CREATE EVENT TRIGGER',
  AlterFunctionStmt: 'ALTER FUNCTION', CreateEnumStmt: 'CREATE TYPE … AS ENUM',
  CompositeTypeStmt: 'CREATE TYPE', CreateRangeStmt: 'CREATE TYPE … AS RANGE', CreateDomainStmt: 'CREATE DOMAIN',
  AlterDomainStmt: 'ALTER DOMAIN', DefineStmt: 'CREATE TYPE', AlterEnumStmt: 'ALTER TYPE',
  LockStmt: 'LOCK', MergeStmt: 'MERGE', RuleStmt: 'CREATE RULE', CreateRoleStmt: 'CREATE ROLE',
  AlterRoleStmt: 'ALTER ROLE', DropRoleStmt: 'DROP ROLE', GrantRoleStmt: 'GRANT role', CreatedbStmt: 'CREATE DATABASE',
  DropdbStmt: 'DROP DATABASE', AlterDatabaseStmt: 'ALTER DATABASE', CreateExtensionStmt: 'CREATE EXTENSION',
  CreateTableSpaceStmt: 'CREATE TABLESPACE', RefreshMatViewStmt: 'REFRESH MATERIALIZED VIEW', ReindexStmt: 'REINDEX',
  ClusterStmt: 'CLUSTER', CheckPointStmt: 'CHECKPOINT', LoadStmt: 'LOAD', ReassignOwnedStmt: 'REASSIGN OWNED',
  DropOwnedStmt: 'DROP OWNED', AlterOwnerStmt: 'ALTER … OWNER TO',
  CreatePolicyStmt: 'CREATE POLICY', CreateCastStmt: 'CREATE CAST', CreateConversionStmt: 'CREATE CONVERSION',
  CreateStatsStmt: 'CREATE STATISTICS', CreatePublicationStmt: 'CREATE PUBLICATION', CreateSubscriptionStmt: 'CREATE SUBSCRIPTION',
  CreateForeignTableStmt: 'CREATE FOREIGN TABLE', CreateFdwStmt: 'CREATE FOREIGN DATA WRAPPER', CreateForeignServerStmt: 'CREATE SERVER',
  ImportForeignSchemaStmt: 'IMPORT FOREIGN SCHEMA', SecLabelStmt: 'SECURITY LABEL', AlterSystemStmt: 'ALTER SYSTEM',
  CreateOpClassStmt: 'CREATE OPERATOR CLASS', CreateOpFamilyStmt: 'CREATE OPERATOR FAMILY', AlterOpFamilyStmt: 'ALTER OPERATOR FAMILY',
  CreatePLangStmt: 'CREATE LANGUAGE', AlterDefaultPrivilegesStmt: 'ALTER DEFAULT PRIVILEGES',
  ConstraintsSetStmt: 'SET CONSTRAINTS', CreateTransformStmt: 'CREATE TRANSFORM', CreateAmStmt: 'CREATE ACCESS METHOD',
  AlterTSConfigurationStmt: 'ALTER TEXT SEARCH CONFIGURATION', AlterTSDictionaryStmt: 'ALTER TEXT SEARCH DICTIONARY',
  AlterCollationStmt: 'ALTER COLLATION', AlterExtensionStmt: 'ALTER EXTENSION', AlterTableSpaceOptionsStmt: 'ALTER TABLESPACE',
};

/** Convert one raw statement node. */
export function convertStatement(node: Node, ctx: ConvertContext): Statement {
  if ('SelectStmt' in node) {
    if (node.SelectStmt.intoClause) return convertSelectInto(node.SelectStmt, ctx);
    return { kind: 'QueryStatement', query: convertSelectStmt(node.SelectStmt, ctx) };
  }
  if ('InsertStmt' in node) return convertInsert(node.InsertStmt, ctx);
  if ('UpdateStmt' in node) return convertUpdate(node.UpdateStmt, ctx);
  if ('DeleteStmt' in node) return convertDelete(node.DeleteStmt, ctx);
  if ('CreateStmt' in node) return convertCreateTable(node.CreateStmt, ctx);
  if ('CreateTableAsStmt' in node) return convertCreateTableAs(node.CreateTableAsStmt, ctx);
  if ('CreateSeqStmt' in node) return convertCreateSequence(node.CreateSeqStmt, ctx);
  if ('AlterSeqStmt' in node) return convertAlterSequence(node.AlterSeqStmt, ctx);
  if ('AlterTableStmt' in node) {
    if (node.AlterTableStmt.objtype === 'OBJECT_TYPE') return convertAlterCompositeType(node.AlterTableStmt, ctx);
    return convertAlterTable(node.AlterTableStmt, ctx);
  }
  if ('RenameStmt' in node) {
    return convertRenameSchema(node.RenameStmt) ?? convertRenameTrigger(node.RenameStmt, ctx) ?? convertRenameFunction(node.RenameStmt, ctx)
      ?? convertRenameUserType(node.RenameStmt, ctx) ?? convertRename(node.RenameStmt, ctx);
  }
  if ('DropStmt' in node) {
    return convertDropSchema(node.DropStmt) ?? convertDropTrigger(node.DropStmt) ?? convertDropFunction(node.DropStmt, ctx)
      ?? convertDropOperator(node.DropStmt, ctx) ?? convertDropType(node.DropStmt)
      ?? convertDrop(node.DropStmt, ctx);
  }
  if ('CreateSchemaStmt' in node) return convertCreateSchema(node.CreateSchemaStmt, ctx);
  if ('AlterObjectSchemaStmt' in node) return convertSetSchema(node.AlterObjectSchemaStmt, ctx);
  if ('CreateFunctionStmt' in node) return convertCreateFunction(node.CreateFunctionStmt, ctx);
  if ('CreateTrigStmt' in node) return convertCreateTrigger(node.CreateTrigStmt, ctx);
  if ('CallStmt' in node) return convertCall(node.CallStmt, ctx);
  if ('DefineStmt' in node && node.DefineStmt.kind === 'OBJECT_AGGREGATE') return convertCreateAggregate(node.DefineStmt, ctx);
  if ('DefineStmt' in node && node.DefineStmt.kind === 'OBJECT_OPERATOR') return convertCreateOperator(node.DefineStmt, ctx);
  if ('DoStmt' in node) return convertDo(node.DoStmt, ctx);
  if ('CompositeTypeStmt' in node) return convertCompositeType(node.CompositeTypeStmt, ctx);
  if ('CreateEnumStmt' in node) return convertCreateEnum(node.CreateEnumStmt, ctx);
  if ('CreateDomainStmt' in node) return convertCreateDomain(node.CreateDomainStmt, ctx);
  if ('AlterEnumStmt' in node) return convertAlterEnum(node.AlterEnumStmt, ctx);
  if ('AlterDomainStmt' in node) return convertAlterDomain(node.AlterDomainStmt, ctx);
  if ('TruncateStmt' in node) return convertTruncate(node.TruncateStmt, ctx);
  if ('IndexStmt' in node) return convertCreateIndex(node.IndexStmt, ctx);
  if ('ViewStmt' in node) return convertCreateView(node.ViewStmt, ctx);
  if ('CommentStmt' in node) return convertComment(node.CommentStmt, ctx);
  if ('TransactionStmt' in node) return convertTransaction(node.TransactionStmt, ctx);
  if ('VariableSetStmt' in node) return convertSet(node.VariableSetStmt, ctx);
  if ('VariableShowStmt' in node) return { kind: 'Show', name: node.VariableShowStmt.name ?? '' };
  if ('DiscardStmt' in node) return convertDiscard(node.DiscardStmt);
  if ('DeallocateStmt' in node) {
    const d = node.DeallocateStmt;
    return d.isall || d.name === undefined ? { kind: 'Deallocate' } : { kind: 'Deallocate', name: d.name };
  }
  if ('VacuumStmt' in node) return convertVacuum(node.VacuumStmt, ctx);
  if ('ListenStmt' in node) return { kind: 'NoOp', tag: 'LISTEN' };
  if ('UnlistenStmt' in node) return { kind: 'NoOp', tag: 'UNLISTEN' };
  if ('NotifyStmt' in node) return { kind: 'NoOp', tag: 'NOTIFY' };
  if ('DeclareCursorStmt' in node) return convertDeclare(node.DeclareCursorStmt, ctx);
  if ('FetchStmt' in node) return convertFetch(node.FetchStmt);
  if ('ClosePortalStmt' in node) {
    const name = node.ClosePortalStmt.portalname;
    return name === undefined ? { kind: 'CloseCursor' } : { kind: 'CloseCursor', name };
  }
  if ('PrepareStmt' in node) return convertPrepare(node.PrepareStmt, ctx, (inner) => convertStatement(inner, ctx));
  if ('ExecuteStmt' in node) return convertExecute(node.ExecuteStmt, ctx);
  if ('CopyStmt' in node) return convertCopy(node.CopyStmt, ctx);
  if ('ExplainStmt' in node) return convertExplain(node.ExplainStmt, ctx);
  throw notSupported(unsupportedName(node), ctx);
}

/** EXPLAIN [ANALYZE] [VERBOSE] stmt / EXPLAIN (option [value], …) stmt; only ANALYZE changes anything. */
function convertExplain(s: ExplainStmt, ctx: ConvertContext): Explain {
  const analyze = (s.options ?? []).some((o) => 'DefElem' in o && o.DefElem.defname === 'analyze'
    && !(o.DefElem.arg && /^(false|off|0|no)$/i.test(stringOf(o.DefElem.arg))));
  return { kind: 'Explain', statement: convertStatement(s.query!, ctx), analyze };
}

function unsupportedName(node: Node): string {
  const tag = tagOf(node);
  if ('GrantStmt' in node) return node.GrantStmt.is_grant ? 'GRANT' : 'REVOKE';
  return UNSUPPORTED_STATEMENTS[tag] ?? tag.replace(/Stmt$/, '').replace(/([a-z])([A-Z])/g, '$1 $2').toUpperCase();
}
