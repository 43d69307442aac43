/**
 * Session and transaction statements → our nodes: BEGIN / START / COMMIT / END / ROLLBACK /
 * ABORT / SAVEPOINT / RELEASE / ROLLBACK TO (transaction modes accepted and ignored), SET /
 * SHOW / RESET, DISCARD, DEALLOCATE, and LISTEN / UNLISTEN / NOTIFY (accepted, no effect).
 */
import type { DiscardStmt, Node, TransactionStmt, VariableSetStmt } from 'libpg-query';
import type { DiscardStatement, Statement } from '../ast.js';
import type { ConvertContext } from './convert-context.js';
import { notSupported } from './not-supported.js';

const TRANSACTION_ACTIONS: Readonly<Record<string, 'BEGIN' | 'START' | 'COMMIT' | 'ROLLBACK' | 'SAVEPOINT' | 'RELEASE' | 'ROLLBACK_TO'>> = {
  TRANS_STMT_BEGIN: 'BEGIN', TRANS_STMT_START: 'START', TRANS_STMT_COMMIT: 'COMMIT', TRANS_STMT_ROLLBACK: 'ROLLBACK',
  TRANS_STMT_SAVEPOINT: 'SAVEPOINT', TRANS_STMT_RELEASE: 'RELEASE', TRANS_STMT_ROLLBACK_TO: 'ROLLBACK_TO',
};

/** Convert a TransactionStmt; two-phase commit and AND CHAIN are 0A000. */
export function convertTransaction(s: TransactionStmt, ctx: ConvertContext): Statement {
  const action = TRANSACTION_ACTIONS[s.kind ?? ''];
  if (action === undefined) throw notSupported('PREPARE TRANSACTION / COMMIT PREPARED', ctx);
  if (s.chain) throw notSupported(`${action} AND CHAIN`, ctx);
  return s.savepoint_name !== undefined ? { kind: 'Transaction', action, savepoint: s.savepoint_name } : { kind: 'Transaction', action };
}

/** Convert SET / RESET (VariableSetStmt). */
export function convertSet(s: VariableSetStmt, ctx: ConvertContext): Statement {
  const name = s.name ?? '';
  const local = s.is_local ?? false;
  switch (s.kind) {
    case 'VAR_RESET_ALL': return { kind: 'Reset', name: 'all' };
    case 'VAR_RESET': return { kind: 'Reset', name };
    // SET TRANSACTION …, SET SESSION CHARACTERISTICS AS TRANSACTION …: accepted, no effect.
    case 'VAR_SET_MULTI': return { kind: 'NoOp', tag: 'SET' };
    case 'VAR_SET_CURRENT': throw notSupported('SET … FROM CURRENT', ctx);
    default:
      if (s.kind === 'VAR_SET_DEFAULT') return { kind: 'Set', name, local };
      return { kind: 'Set', name, value: (s.args ?? []).map((a) => settingText(a, ctx)).join(', '), local };
  }
}

/** One SET value as text: strings and words as written (words already lower-cased), numbers as written. */
function settingText(node: Node, ctx: ConvertContext): string {
  if ('A_Const' in node) {
    const c = node.A_Const;
    if (c.sval !== undefined) return c.sval.sval ?? '';
    if (c.ival !== undefined) return String(c.ival.ival ?? 0);
    if (c.fval !== undefined) return c.fval.fval ?? '0';
  }
  throw notSupported('this SET value', ctx);
}

const DISCARD_TARGETS: Readonly<Record<string, DiscardStatement['what']>> = {
  DISCARD_ALL: 'ALL', DISCARD_PLANS: 'PLANS', DISCARD_SEQUENCES: 'SEQUENCES', DISCARD_TEMP: 'TEMP',
};

/** Convert DISCARD. */
export function convertDiscard(s: DiscardStmt): DiscardStatement {
  return { kind: 'Discard', what: DISCARD_TARGETS[s.target ?? 'DISCARD_ALL'] ?? 'ALL' };
}
