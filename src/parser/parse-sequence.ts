/**
 * `CREATE [TEMP] SEQUENCE`, `ALTER SEQUENCE` and the sequence options an identity column takes
 * (`GENERATED … AS IDENTITY (START WITH 10 …)`), parsed by hand into `SequenceOption`s in
 * PostgreSQL's grammar (SeqOptElem). Values are checked later, by the catalog's rules.
 */
import { SqlError, SQLSTATE } from '../common/sql-error.js';
import type { AlterSequence, CreateSequence, SequenceOption } from './ast.js';
import { relationName } from './parse-create-index.js';
import { parseTypeName } from './parse-type-name.js';
import type { StatementSource } from './statement-source.js';
import { TokenCursor } from './token-cursor.js';

/** Parse CREATE [TEMP|TEMPORARY|UNLOGGED] SEQUENCE [IF NOT EXISTS] name [options]. */
export function parseCreateSequence(src: StatementSource): CreateSequence {
  const cur = new TokenCursor(src.tokens, src.text);
  cur.expectWord('CREATE');
  const temporary = cur.acceptWord('TEMP', 'TEMPORARY');
  cur.acceptWord('UNLOGGED');
  cur.expectWord('SEQUENCE');
  let ifNotExists = false;
  if (cur.acceptWord('IF')) { cur.expectWord('NOT'); cur.expectWord('EXISTS'); ifNotExists = true; }
  const name = relationName(cur);
  const options = parseSequenceOptions(cur, false);
  cur.expectEnd();
  return { kind: 'CreateSequence', name, temporary, ifNotExists, options };
}

/** Parse ALTER SEQUENCE [IF EXISTS] name options; other ALTER SEQUENCE forms are 0A000. */
export function parseAlterSequence(src: StatementSource): AlterSequence {
  const cur = new TokenCursor(src.tokens, src.text);
  cur.expectWord('ALTER');
  cur.expectWord('SEQUENCE');
  let ifExists = false;
  if (cur.acceptWord('IF')) { cur.expectWord('EXISTS'); ifExists = true; }
  const name = relationName(cur);
  if (cur.isWord('RENAME', 'SET', 'OWNER')) {
    const at = cur.peek()!;
    throw new SqlError(SQLSTATE.FeatureNotSupported, `ALTER SEQUENCE … ${at.text.toUpperCase()} is not supported`, { position: at.start + 1 });
  }
  const options = parseSequenceOptions(cur, true);
  if (options.length === 0) throw cur.error();
  cur.expectEnd();
  return { kind: 'AlterSequence', name, ifExists, options };
}

/** Options until a word that starts none (`)` of an identity spec, or the end). */
export function parseSequenceOptions(cur: TokenCursor, alter: boolean): SequenceOption[] {
  const options: SequenceOption[] = [];
  for (;;) {
    const option = parseOption(cur, alter);
    if (!option) return options;
    options.push(option);
  }
}

function parseOption(cur: TokenCursor, alter: boolean): SequenceOption | undefined {
  if (cur.acceptWord('AS')) return { kind: 'As', type: parseTypeName(cur) };
  if (cur.acceptWord('INCREMENT')) { cur.acceptWord('BY'); return { kind: 'Increment', value: integer(cur) }; }
  if (cur.acceptWord('MINVALUE')) return { kind: 'MinValue', value: integer(cur) };
  if (cur.acceptWord('MAXVALUE')) return { kind: 'MaxValue', value: integer(cur) };
  if (cur.acceptWord('START')) { cur.acceptWord('WITH'); return { kind: 'Start', value: integer(cur) }; }
  if (cur.acceptWord('CACHE')) return { kind: 'Cache', value: integer(cur) };
  if (cur.acceptWord('CYCLE')) return { kind: 'Cycle', cycle: true };
  if (cur.acceptWord('NO')) {
    const what = cur.expectWord('MINVALUE', 'MAXVALUE', 'CYCLE');
    if (what === 'CYCLE') return { kind: 'Cycle', cycle: false };
    return { kind: what === 'MINVALUE' ? 'MinValue' : 'MaxValue', value: null };
  }
  if (cur.acceptWord('OWNED')) {
    cur.expectWord('BY');
    if (cur.acceptWord('NONE')) return { kind: 'OwnedBy' };
    const first = cur.ident();
    cur.expectPunct('.');
    const parts = [first, cur.ident()];
    while (cur.acceptPunct('.')) parts.push(cur.ident());
    const column = parts.pop()!;
    const table = parts.filter((p, i) => !(i === 0 && parts.length > 1 && p === 'public')).join('.');
    return { kind: 'OwnedBy', table, column };
  }
  if (cur.isWord('SEQUENCE') && cur.peek(1) && cur.peek(1)!.type === 'word' && cur.peek(1)!.value.toUpperCase() === 'NAME') {
    cur.pos += 2;
    return { kind: 'SequenceName', name: relationName(cur) };
  }
  if (alter && cur.acceptWord('RESTART')) {
    if (cur.acceptWord('WITH')) return { kind: 'Restart', value: integer(cur) };
    return isNumberStart(cur) ? { kind: 'Restart', value: integer(cur) } : { kind: 'Restart' };
  }
  if (cur.acceptWord('LOGGED', 'UNLOGGED')) return parseOption(cur, alter);
  return undefined;
}

function isNumberStart(cur: TokenCursor): boolean {
  const t = cur.peek();
  return t?.type === 'number' || ((cur.isPunct('-') || cur.isPunct('+')) && cur.peek(1)?.type === 'number');
}

/** A signed integer literal as bigint. */
function integer(cur: TokenCursor): bigint {
  const negative = cur.acceptPunct('-');
  if (!negative) cur.acceptPunct('+');
  const t = cur.next();
  if (t.type !== 'number' || !/^\d+$/.test(t.text)) throw cur.error(t);
  return negative ? -BigInt(t.text) : BigInt(t.text);
}
