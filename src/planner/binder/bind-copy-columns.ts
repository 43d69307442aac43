/**
 * COPY's column lists: the listed columns (each once, 42701 otherwise) and the FORCE_QUOTE /
 * FORCE_NOT_NULL / FORCE_NULL lists, which must name columns the COPY reads or writes
 * (42P10 `… not referenced by COPY`, 42703 for a column that does not exist), resolved to
 * positions among the copied columns.
 */
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import type { BindContext } from './bind-context.js';

/** 42701 for the first name listed twice. */
export function checkCopyColumnsOnce(names: readonly string[], bind: BindContext): void {
  const seen = new Set<string>();
  for (const name of names) {
    if (seen.has(name)) throw new SqlError(SQLSTATE.DuplicateColumn, `column "${name}" specified more than once`, { position: bind.positionOf(name) });
    seen.add(name);
  }
}

/**
 * Positions in `copied` of the columns a FORCE option names. `all` are the relation's (or the
 * query's) columns, `relation` its name for the 42703 message (none for a query).
 */
export function forcedPositions(
  option: string, names: readonly string[] | undefined, copied: readonly string[], all: readonly string[], relation: string | undefined,
): number[] | undefined {
  if (names === undefined) return undefined;
  return names.map((name) => {
    if (!all.includes(name)) {
      throw new SqlError(SQLSTATE.UndefinedColumn,
        relation === undefined ? `column "${name}" does not exist` : `column "${name}" of relation "${relation}" does not exist`);
    }
    const position = copied.indexOf(name);
    if (position < 0) throw new SqlError(SQLSTATE.InvalidColumnReference, `${option} column "${name}" not referenced by COPY`);
    return position;
  });
}
