/**
 * The row type of a call of a function returning `record` (functions/function-types.ts
 * RecordResult), with PostgreSQL's rules for anonymous records (this server has no named
 * composite types yet): in FROM the column definition list gives it (and a record argument
 * must match it); in an expression, the record argument's type gives it.
 */
import { SqlError, SQLSTATE } from '../../../common/sql-error.js';
import type { RecordResult, ScalarOverload } from '../../../functions/function-types.js';
import { formatTypeName, type RecordField, type SqlType } from '../../../types/sql-type.js';

/** Where a record-returning function is called. */
export interface RecordCallSite {
  readonly inFrom: boolean;
  /** The column definition list, bound. */
  readonly columnDefs?: readonly RecordField[];
}

function attributes(n: number): string {
  return n === 1 ? `${n} attribute` : `${n} attributes`;
}

/** tupledesc_match: the row an anonymous record argument has against the column definition list. */
function checkMatch(returned: readonly RecordField[], expected: readonly RecordField[]): void {
  const mismatch = (detail: string) => new SqlError(SQLSTATE.DatatypeMismatch,
    'function return row and query-specified return row do not match', { detail });
  if (returned.length !== expected.length) {
    throw mismatch(`Returned row contains ${attributes(returned.length)}, but query expects ${expected.length}.`);
  }
  returned.forEach((field, i) => {
    const want = expected[i]!.type;
    if (field.type.id !== want.id || field.type.array !== want.array) {
      throw mismatch(`Returned type ${formatTypeName(field.type)} at ordinal position ${i + 1}, but query expects ${formatTypeName(want)}.`);
    }
  });
}

/** The fields of the row `name(…)` returns at `site`. */
export function recordResultFields(name: string, spec: RecordResult, argTypes: readonly SqlType[], site: RecordCallSite): readonly RecordField[] {
  const arg = spec.fromArg === undefined ? undefined : argTypes[spec.fromArg];
  const known = arg?.fields && arg.fields.length > 0 ? arg.fields : undefined;
  // A named composite argument (`null::jpop`, a table's row type) names the row in FROM too,
  // as PostgreSQL's polymorphic json_populate_record does: no column definition list needed.
  const named = known && arg?.udt?.kind === 'composite' && !arg.array;
  if (site.inFrom) {
    if (named && !site.columnDefs) return known;
    if (!site.columnDefs) throw new SqlError(SQLSTATE.SyntaxError, 'a column definition list is required for functions returning "record"');
    if (known) checkMatch(known, site.columnDefs);
    return site.columnDefs;
  }
  if (known) return known;
  throw new SqlError(SQLSTATE.FeatureNotSupported, `could not determine row type for result of ${name}`, {
    hint: 'Provide a non-null record argument, or call the function in the FROM clause using a column definition list.',
  });
}

/** The overload with its row type fixed: `call` runs `callRecord` with `fields`. */
export function withRecordFields(overload: ScalarOverload, fields: readonly RecordField[], returns: SqlType): ScalarOverload {
  return { ...overload, returns, call: (args, ctx, types) => overload.callRecord!(args, ctx, types, fields) };
}
