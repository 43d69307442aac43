/**
 * The sequence functions' view of a running statement (`EvalContext.sequences`): sequences are
 * found by OID in the transaction's current catalog (as PostgreSQL reads the latest catalog,
 * not the statement's snapshot), counters advance through the catalog transaction — outside it,
 * never rolled back — and the session keeps currval/lastval (`SessionSequenceValues`).
 */
import { SqlError, SQLSTATE } from '../common/sql-error.js';
import { nextCounter, ownedSequences, setCounter } from '../catalog/index.js';
import type { SequenceAccess } from '../functions/system/index.js';
import { quoteName } from '../functions/system/qualified-name.js';
import type { StoredTable } from '../storage/storage-api.js';
import type { RunContext, SessionSequenceValues } from './statement-api.js';

/** A fresh, empty set of session values (a session holds one for its life). */
export function sessionSequenceValues(): SessionSequenceValues {
  return { current: new Map(), last: undefined };
}

export function createSequenceAccess(run: RunContext): SequenceAccess {
  const values = run.sequenceValues ?? sessionSequenceValues();
  const sequence = (oid: number): StoredTable => {
    const table = run.txn.listTables().find((t) => t.oid === oid);
    if (!table) throw new SqlError(SQLSTATE.UndefinedTable, `could not open relation with OID ${oid}`);
    if (!table.sequence) throw new SqlError(SQLSTATE.WrongObjectType, `"${table.name}" is not a sequence`);
    return table;
  };
  return {
    nextval(oid) {
      const seq = sequence(oid);
      const { lastValue } = run.txn.advanceSequence(seq, (counter) => nextCounter(seq.sequence!, seq.name, counter));
      values.current.set(oid, lastValue);
      values.last = oid;
      return lastValue;
    },
    currval(oid) {
      const seq = sequence(oid);
      const value = values.current.get(oid);
      if (value === undefined) {
        throw new SqlError(SQLSTATE.ObjectNotInPrerequisiteState, `currval of sequence "${seq.name}" is not yet defined in this session`);
      }
      return value;
    },
    setval(oid, value, isCalled) {
      const seq = sequence(oid);
      run.txn.advanceSequence(seq, () => setCounter(seq.sequence!, seq.name, value, isCalled));
      // PostgreSQL sets currval only when the value counts as handed out.
      if (isCalled) values.current.set(oid, value);
      return value;
    },
    lastval() {
      const value = values.last === undefined ? undefined : values.current.get(values.last);
      if (value === undefined) throw new SqlError(SQLSTATE.ObjectNotInPrerequisiteState, 'lastval is not yet defined in this session');
      return value;
    },
    ownedSequence(tableOid, column) {
      const tables = run.txn.listTables();
      const table = tables.find((t) => t.oid === tableOid);
      const owner = table?.columns.find((c) => c.name === column);
      if (!table || !owner) throw new SqlError(SQLSTATE.UndefinedColumn, `column "${column}" of relation "${table?.name ?? tableOid}" does not exist`);
      const owned = ownedSequences(tables, table, owner.id)[0];
      return owned ? `public.${quoteName(owned.name)}` : null;
    },
  };
}
