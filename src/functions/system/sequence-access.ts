/**
 * What the sequence functions (nextval, currval, setval, lastval) need from the statement
 * running them. The functions layer cannot reach the catalog or the store, so the execution
 * layer puts an implementation on the evaluation context (execution/sequence-access.ts);
 * without one (plan time) they are 0A000.
 */

export interface SequenceAccess {
  /**
   * `count` nextvals of sequence `oid` in a row (never rolled back), in one store write: a
   * batch of rows takes its values at once. The last becomes this session's currval.
   */
  nextvals(oid: number, count: number): bigint[];
  /** The value nextval last returned for `oid` in this session (55000 if none). */
  currval(oid: number): bigint;
  /** Sets the counter; the next nextval returns `value` (isCalled false) or the one after it. */
  setval(oid: number, value: bigint, isCalled: boolean): bigint;
  /** The value the session's last nextval returned, whatever its sequence (55000 if none). */
  lastval(): bigint;
  /** pg_get_serial_sequence: the schema-qualified sequence a column owns (serial, identity), or null. */
  ownedSequence(tableOid: number, column: string): string | null;
}
