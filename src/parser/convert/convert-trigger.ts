/**
 * CREATE [OR REPLACE] TRIGGER, DROP TRIGGER and ALTER TRIGGER … RENAME TO → our AST. The
 * timing and event bits are PostgreSQL's (pg_trigger.tgtype's): BEFORE 2, INSTEAD 64, else
 * AFTER; INSERT 4, DELETE 8, UPDATE 16, TRUNCATE 32. Transition tables (REFERENCING) and
 * constraint triggers are 0A000, named.
 */
import type { CreateTrigStmt, DropStmt, Node, RenameStmt } from 'libpg-query';
import type { CreateTrigger, DropTrigger, RenameTrigger } from '../ast.js';
import type { ConvertContext } from './convert-context.js';
import { convertExpr } from './convert-expr.js';
import { notSupported } from './not-supported.js';
import { listItems, stringOf, stringsOf } from './pg-node.js';
import { dottedName, relationName } from './qualified-name.js';

const TIMING_BEFORE = 2;
const TIMING_INSTEAD = 64;
/** Event bits in the order PostgreSQL's pg_get_triggerdef lists them. */
const EVENT_BITS: readonly [number, CreateTrigger['events'][number]][] = [[4, 'insert'], [8, 'delete'], [16, 'update'], [32, 'truncate']];

/** A trigger argument as the text PostgreSQL stores (a number is kept as written). */
function argumentText(node: Node): string {
  if ('String' in node) return node.String.sval ?? '';
  if ('Integer' in node) return String(node.Integer.ival ?? 0);
  if ('Float' in node) return node.Float.fval ?? '';
  return stringOf(node);
}

export function convertCreateTrigger(s: CreateTrigStmt, ctx: ConvertContext): CreateTrigger {
  if (s.isconstraint) throw notSupported('CREATE CONSTRAINT TRIGGER', ctx);
  if (s.transitionRels?.length) throw notSupported('transition tables (REFERENCING OLD TABLE / NEW TABLE) in CREATE TRIGGER', ctx);
  const timing = s.timing === TIMING_BEFORE ? 'before' : s.timing === TIMING_INSTEAD ? 'instead' : 'after';
  const bits = s.events ?? 0;
  const columns = stringsOf(s.columns);
  return {
    kind: 'CreateTrigger', name: s.trigname!, replace: s.replace ?? false, table: relationName(s.relation!, ctx),
    timing, level: s.row ? 'row' : 'statement',
    events: EVENT_BITS.filter(([bit]) => (bits & bit) !== 0).map(([, name]) => name),
    ...(columns.length > 0 ? { updateColumns: columns } : {}),
    ...(s.whenClause ? { when: convertExpr(s.whenClause, ctx) } : {}),
    functionName: dottedName(stringsOf(s.funcname), true),
    args: (s.args ?? []).map(argumentText),
  };
}

/** DROP TRIGGER [IF EXISTS] name ON table, or undefined for other DROP statements. */
export function convertDropTrigger(s: DropStmt): DropTrigger | undefined {
  if (String(s.removeType) !== 'OBJECT_TRIGGER') return undefined;
  const parts = stringsOf(listItems(s.objects?.[0]));
  return { kind: 'DropTrigger', name: parts[parts.length - 1]!, table: dottedName(parts.slice(0, -1)), ifExists: s.missing_ok ?? false };
}

/** ALTER TRIGGER name ON table RENAME TO new, or undefined for other RENAME statements. */
export function convertRenameTrigger(s: RenameStmt, ctx: ConvertContext): RenameTrigger | undefined {
  if (String(s.renameType) !== 'OBJECT_TRIGGER') return undefined;
  return { kind: 'RenameTrigger', name: s.subname!, table: relationName(s.relation!, ctx), newName: s.newname! };
}
