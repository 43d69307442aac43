/**
 * The name PostgreSQL gives a statement in "cannot execute X in a read-only transaction"
 * (its CreateCommandName: the command tag without counts, `COPY FROM` for COPY into a table).
 */
import type { Statement } from '../parser/ast.js';

const NAMES: Readonly<Record<string, string>> = {
  QueryStatement: 'SELECT', CopyFrom: 'COPY FROM', ThanoCopy: 'COPY FROM', CommentOn: 'COMMENT',
  Truncate: 'TRUNCATE TABLE', RenameFunction: 'ALTER FUNCTION', RenameTrigger: 'ALTER TRIGGER', RenameSchema: 'ALTER SCHEMA', CallProcedure: 'CALL',
  DoBlock: 'DO', BuildModel: 'BUILD MODEL', DeleteModel: 'DELETE MODEL', CreateTableAsExecute: 'CREATE TABLE AS',
};

/**
 * @example statementCommandName({ kind: 'DropRelation', relkind: 'view', … }) // 'DROP VIEW'
 */
export function statementCommandName(statement: Statement): string {
  switch (statement.kind) {
    case 'DropRelation': return `DROP ${statement.relkind.toUpperCase()}`;
    case 'CreateTableAs': return 'CREATE TABLE AS';
    default:
      // CreateTable → CREATE TABLE, AlterSequence → ALTER SEQUENCE, Insert → INSERT …
      return NAMES[statement.kind] ?? statement.kind.replace(/([a-z])([A-Z])/g, '$1 $2').toUpperCase();
  }
}
