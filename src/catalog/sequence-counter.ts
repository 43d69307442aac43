/**
 * A sequence's counter arithmetic, as PostgreSQL's nextval/setval do it: the first nextval
 * returns the start, each next one adds the increment; past a bound it wraps with CYCLE and
 * fails with 2200H without; setval checks the bounds (22003). Pure: the store applies these
 * inside its write transaction (`Store.advanceSequence`).
 */
import { SqlError, SQLSTATE } from '../common/sql-error.js';
import type { SequenceState, StoredSequence } from '../storage/storage-api.js';
import { sequenceNumbers } from './sequence-definition.js';

/** A sequence never advanced: the next nextval returns its start. */
export function initialCounter(sequence: StoredSequence): SequenceState {
  return { lastValue: BigInt(sequence.start), isCalled: false };
}

/** The counter after one nextval; its `lastValue` is the value nextval returns. */
export function nextCounter(sequence: StoredSequence, name: string, counter: SequenceState): SequenceState {
  if (!counter.isCalled) return { lastValue: counter.lastValue, isCalled: true };
  const { increment, min, max } = sequenceNumbers(sequence);
  const next = counter.lastValue + increment;
  if (increment > 0n && next > max) {
    if (!sequence.cycle) throw limit(`nextval: reached maximum value of sequence "${name}" (${max})`);
    return { lastValue: min, isCalled: true };
  }
  if (increment < 0n && next < min) {
    if (!sequence.cycle) throw limit(`nextval: reached minimum value of sequence "${name}" (${min})`);
    return { lastValue: max, isCalled: true };
  }
  return { lastValue: next, isCalled: true };
}

/** setval(seq, value, isCalled): 22003 outside MINVALUE..MAXVALUE. */
export function setCounter(sequence: StoredSequence, name: string, value: bigint, isCalled: boolean): SequenceState {
  const { min, max } = sequenceNumbers(sequence);
  if (value < min || value > max) {
    throw new SqlError(SQLSTATE.NumericValueOutOfRange, `setval: value ${value} is out of bounds for sequence "${name}" (${min}..${max})`);
  }
  return { lastValue: value, isCalled };
}

function limit(message: string): SqlError {
  return new SqlError(SQLSTATE.SequenceGeneratorLimitExceeded, message);
}
