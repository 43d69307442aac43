/**
 * Session and transaction plumbing, parsed by hand: BEGIN/START/COMMIT/END/ROLLBACK/ABORT,
 * SAVEPOINT/RELEASE/ROLLBACK TO, SET/SHOW/RESET, DISCARD, DEALLOCATE, LISTEN/UNLISTEN/NOTIFY.
 */
import type { Statement } from './ast.js';
import type { StatementSource } from './statement-source.js';
import { TokenCursor } from './token-cursor.js';

/** Parse a transaction statement (leading BEGIN, START, COMMIT, END, ROLLBACK, ABORT, SAVEPOINT, RELEASE). */
export function parseTransaction(src: StatementSource): Statement {
  const cur = new TokenCursor(src.tokens, src.text);
  const kw = cur.expectWord('BEGIN', 'START', 'COMMIT', 'END', 'ROLLBACK', 'ABORT', 'SAVEPOINT', 'RELEASE');
  let stmt: Statement;
  switch (kw) {
    case 'BEGIN': case 'START':
      if (kw === 'START') cur.expectWord('TRANSACTION'); else cur.acceptWord('WORK', 'TRANSACTION');
      skipTransactionModes(cur);
      stmt = { kind: 'Transaction', action: kw };
      break;
    case 'COMMIT': case 'END':
      cur.acceptWord('WORK', 'TRANSACTION');
      stmt = { kind: 'Transaction', action: 'COMMIT' };
      break;
    case 'SAVEPOINT':
      stmt = { kind: 'Transaction', action: 'SAVEPOINT', savepoint: cur.ident() };
      break;
    case 'RELEASE':
      cur.acceptWord('SAVEPOINT');
      stmt = { kind: 'Transaction', action: 'RELEASE', savepoint: cur.ident() };
      break;
    default:
      cur.acceptWord('WORK', 'TRANSACTION');
      if (cur.acceptWord('TO')) {
        cur.acceptWord('SAVEPOINT');
        stmt = { kind: 'Transaction', action: 'ROLLBACK_TO', savepoint: cur.ident() };
      } else stmt = { kind: 'Transaction', action: 'ROLLBACK' };
  }
  cur.expectEnd();
  return stmt;
}

/** `ISOLATION LEVEL …`, `READ ONLY|WRITE`, `[NOT] DEFERRABLE`, comma-separated; accepted and ignored. */
export function skipTransactionModes(cur: TokenCursor): void {
  while (!cur.atEnd()) {
    if (cur.acceptWord('ISOLATION')) {
      cur.expectWord('LEVEL');
      if (cur.acceptWord('READ')) cur.expectWord('COMMITTED', 'UNCOMMITTED');
      else if (!cur.acceptWord('SERIALIZABLE')) { cur.expectWord('REPEATABLE'); cur.expectWord('READ'); }
    } else if (cur.acceptWord('READ')) cur.expectWord('ONLY', 'WRITE');
    else if (cur.acceptWord('NOT')) cur.expectWord('DEFERRABLE');
    else cur.expectWord('DEFERRABLE');
    cur.acceptPunct(',');
  }
}

/** `SET …`. */
export function parseSet(src: StatementSource): Statement {
  const cur = new TokenCursor(src.tokens, src.text);
  cur.expectWord('SET');
  const local = cur.acceptWord('LOCAL');
  if (!local && cur.acceptWord('SESSION')) {
    if (cur.acceptWord('CHARACTERISTICS')) {
      cur.expectWord('AS'); cur.expectWord('TRANSACTION'); skipTransactionModes(cur);
      return { kind: 'NoOp', tag: 'SET' };
    }
    if (cur.isWord('AUTHORIZATION')) return { kind: 'NoOp', tag: 'SET' };
  }
  if (cur.acceptWord('TRANSACTION')) { skipTransactionModes(cur); return { kind: 'NoOp', tag: 'SET' }; }
  let name: string;
  if (cur.isWord('TIME') && cur.peek(1) && /^zone$/i.test(cur.peek(1)!.value)) {
    cur.pos += 2; name = 'timezone';
  } else if (cur.acceptWord('NAMES')) name = 'client_encoding';
  else {
    name = cur.ident();
    while (cur.acceptPunct('.')) name += '.' + cur.ident();
    if (!cur.acceptWord('TO') && !cur.acceptPunct('=')) throw cur.error();
  }
  const value = settingValue(cur);
  return value === undefined ? { kind: 'Set', name, local } : { kind: 'Set', name, value, local };
}

/** Values as text: string contents, words, numbers; lists joined with ', '; DEFAULT/LOCAL → undefined. */
function settingValue(cur: TokenCursor): string | undefined {
  if (cur.isWord('DEFAULT', 'LOCAL') && cur.peek(1) === undefined) { cur.next(); return undefined; }
  const parts: string[] = [];
  do {
    let part = '';
    if (cur.isPunct('-') || cur.isPunct('+')) part += cur.next().text;
    const t = cur.next();
    part += t.type === 'word' ? t.value.toLowerCase() : t.value;
    if (t.type === 'word' && cur.acceptPunct('.')) part += '.' + cur.ident();
    parts.push(part);
  } while (cur.acceptPunct(','));
  cur.expectEnd();
  return parts.join(', ');
}

/** `SHOW name | ALL | TRANSACTION ISOLATION LEVEL | TIME ZONE`. */
export function parseShow(src: StatementSource): Statement {
  const cur = new TokenCursor(src.tokens, src.text);
  cur.expectWord('SHOW');
  let name: string;
  if (cur.acceptWord('TRANSACTION')) { cur.expectWord('ISOLATION'); cur.expectWord('LEVEL'); name = 'transaction_isolation'; }
  else if (cur.acceptWord('TIME')) { cur.expectWord('ZONE'); name = 'timezone'; }
  else { name = cur.ident().toLowerCase(); while (cur.acceptPunct('.')) name += '.' + cur.ident(); }
  cur.expectEnd();
  return { kind: 'Show', name };
}

/** `RESET name | ALL`, `DISCARD …`, `DEALLOCATE [PREPARE] name | ALL`, LISTEN / UNLISTEN / NOTIFY. */
export function parseSessionMisc(src: StatementSource): Statement {
  const cur = new TokenCursor(src.tokens, src.text);
  const kw = cur.expectWord('RESET', 'DISCARD', 'DEALLOCATE', 'LISTEN', 'UNLISTEN', 'NOTIFY');
  let stmt: Statement;
  if (kw === 'RESET') {
    if (cur.acceptWord('TIME')) { cur.expectWord('ZONE'); stmt = { kind: 'Reset', name: 'timezone' }; }
    else {
      let name = cur.ident().toLowerCase();
      while (cur.acceptPunct('.')) name += '.' + cur.ident().toLowerCase();
      stmt = { kind: 'Reset', name };
    }
  } else if (kw === 'DISCARD') {
    const what = cur.expectWord('ALL', 'PLANS', 'SEQUENCES', 'TEMP', 'TEMPORARY');
    stmt = { kind: 'Discard', what: what === 'TEMPORARY' ? 'TEMP' : what as 'ALL' | 'PLANS' | 'SEQUENCES' | 'TEMP' };
  } else if (kw === 'DEALLOCATE') {
    cur.acceptWord('PREPARE');
    stmt = cur.acceptWord('ALL') ? { kind: 'Deallocate' } : { kind: 'Deallocate', name: cur.ident() };
  } else if (kw === 'UNLISTEN') {
    if (!cur.acceptPunct('*')) cur.ident();
    stmt = { kind: 'NoOp', tag: 'UNLISTEN' };
  } else {
    cur.ident();
    if (kw === 'NOTIFY' && cur.acceptPunct(',')) {
      const t = cur.next();
      if (t.type !== 'string') throw cur.error(t);
    }
    stmt = { kind: 'NoOp', tag: kw };
  }
  cur.expectEnd();
  return stmt;
}
