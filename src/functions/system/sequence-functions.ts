/**
 * nextval, currval, setval, lastval and pg_get_serial_sequence. They act on the sequence
 * counters outside the transaction (PostgreSQL's semantics), through `EvalContext.sequences`.
 */
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import { sqlType, T } from '../../types/sql-type.js';
import type { Value } from '../../types/value.js';
import type { EvalContext, ScalarFunction } from '../function-types.js';
import { scalar } from '../overload-builders.js';
import { regclassIn } from './reg-types.js';
import type { SequenceAccess } from './sequence-access.js';

const REGCLASS = sqlType('regclass');
const volatile = { volatility: 'volatile' } as const;

function access(ctx: EvalContext): SequenceAccess {
  if (!ctx.sequences) throw new SqlError(SQLSTATE.FeatureNotSupported, 'sequence functions need a running statement');
  return ctx.sequences;
}

export const sequenceFunctions: readonly ScalarFunction[] = [
  {
    name: 'nextval', overloads: [{
      args: [REGCLASS], returns: T.int8, volatility: 'volatile', strict: true,
      // A batch of rows (a serial column's default in a multi-row INSERT) advances each run of
      // one sequence in a single store write; the values are those of row-by-row calls.
      vector(columns, rowCount, ctx) {
        const oids = columns[0]!;
        const out: Value[] = new Array<Value>(rowCount).fill(null);
        for (let start = 0; start < rowCount;) {
          const oid = oids[start];
          let end = start + 1;
          while (end < rowCount && oids[end] === oid) end++;
          if (oid !== null) access(ctx).nextvals(oid as number, end - start).forEach((v, i) => { out[start + i] = v; });
          start = end;
        }
        return out;
      },
    }],
  },
  { name: 'currval', overloads: [scalar([REGCLASS], T.int8, ([oid], ctx) => access(ctx).currval(oid as number), volatile)] },
  { name: 'lastval', overloads: [scalar([], T.int8, (_args, ctx) => access(ctx).lastval(), volatile)] },
  {
    name: 'setval', overloads: [
      scalar([REGCLASS, T.int8], T.int8, ([oid, value], ctx) => access(ctx).setval(oid as number, value as bigint, true), volatile),
      scalar([REGCLASS, T.int8, T.bool], T.int8,
        ([oid, value, called], ctx) => access(ctx).setval(oid as number, value as bigint, called === true), volatile),
    ],
  },
  {
    // The table name is parsed as regclass input (case-folded unless quoted); the column name is taken as written.
    name: 'pg_get_serial_sequence', overloads: [scalar([T.text, T.text], T.text,
      ([table, column], ctx) => access(ctx).ownedSequence(regclassIn(table as string, ctx.catalog), column as string),
      { volatility: 'stable' })],
  },
];
