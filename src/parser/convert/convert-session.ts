/**
 * Session and transaction statements → our nodes: BEGIN / START / COMMIT / END / ROLLBACK /
 * ABORT [AND CHAIN] / SAVEPOINT / RELEASE / ROLLBACK TO with their transaction modes, SET
 * TRANSACTION / SET SESSION CHARACTERISTICS, SET / SHOW / RESET, DISCARD, DEALLOCATE, and
 * LISTEN / UNLISTEN / NOTIFY (accepted, no effect).
 */
import type { DiscardStmt, Node, TransactionStmt, VariableSetStmt } from 'libpg-query';
import type { DiscardStatement, Statement, TransactionModes } from '../ast.js';
import type { ConvertContext } from './convert-context.js';
import { notSupported } from './not-supported.js';

const TRANSACTION_ACTIONS: Readonly<Record<string, 'BEGIN' | 'START' | 'COMMIT' | 'ROLLBACK' | 'SAVEPOINT' | 'RELEASE' | 'ROLLBACK_TO'>> = {
  TRANS_STMT_BEGIN: 'BEGIN', TRANS_STMT_START: 'START', TRANS_STMT_COMMIT: 'COMMIT', TRANS_STMT_ROLLBACK: 'ROLLBACK',
  TRANS_STMT_SAVEPOINT: 'SAVEPOINT', TRANS_STMT_RELEASE: 'RELEASE', TRANS_STMT_ROLLBACK_TO: 'ROLLBACK_TO',
};

/** Convert a TransactionStmt; two-phase commit is 0A000. */
export function convertTransaction(s: TransactionStmt, ctx: ConvertContext): Statement {
  const action = TRANSACTION_ACTIONS[s.kind ?? ''];
  if (action === undefined) throw notSupported('PREPARE TRANSACTION / COMMIT PREPARED', ctx);
  return {
    kind: 'Transaction', action,
    ...(s.savepoint_name !== undefined ? { savepoint: s.savepoint_name } : {}),
    ...(s.options?.length ? { modes: transactionModes(s.options) } : {}),
    ...(s.chain ? { chain: true } : {}),
  };
}

/** The DefElems of a transaction mode list (the grammar has already checked their values). */
function transactionModes(options: readonly Node[]): TransactionModes {
  let modes: { isolation?: string; readOnly?: boolean; deferrable?: boolean } = {};
  for (const option of options) {
    if (!('DefElem' in option)) continue;
    const arg = option.DefElem.arg;
    const value = arg && 'A_Const' in arg ? arg.A_Const : undefined;
    const flag = (value?.ival?.ival ?? 0) !== 0;
    switch (option.DefElem.defname) {
      case 'transaction_isolation': modes = { ...modes, isolation: value?.sval?.sval ?? '' }; break;
      case 'transaction_read_only': modes = { ...modes, readOnly: flag }; break;
      case 'transaction_deferrable': modes = { ...modes, deferrable: flag }; break;
    }
  }
  return modes;
}

/** Convert SET / RESET (VariableSetStmt). */
export function convertSet(s: VariableSetStmt, ctx: ConvertContext): Statement {
  const name = s.name ?? '';
  const local = s.is_local ?? false;
  switch (s.kind) {
    case 'VAR_RESET_ALL': return { kind: 'Reset', name: 'all' };
    case 'VAR_RESET': return { kind: 'Reset', name };
    case 'VAR_SET_MULTI':
      if (name === 'TRANSACTION SNAPSHOT') throw notSupported('SET TRANSACTION SNAPSHOT', ctx);
      return { kind: 'SetTransaction', session: name === 'SESSION CHARACTERISTICS', modes: transactionModes(s.args ?? []) };
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
