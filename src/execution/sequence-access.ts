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
    nextvals(oid, count) {
      const seq = sequence(oid);
      const taken: bigint[] = [];
      let limit: unknown;
      run.txn.advanceSequence(seq, (counter) => {
        taken.length = 0;
        limit = undefined;
        let next = counter;
        try {
          for (let i = 0; i < count; i++) {
            next = nextCounter(seq.sequence!, seq.name, next);
            taken.push(next.lastValue);
          }
        } catch (err) {
          // Row-by-row calls would have taken the values before the bound: keep them taken.
          limit = err;
        }
        return next;
      });
      if (taken.length > 0) {
        values.current.set(oid, taken[taken.length - 1]!);
        values.last = oid;
      }
      if (limit !== undefined) throw limit;
      return taken;
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
