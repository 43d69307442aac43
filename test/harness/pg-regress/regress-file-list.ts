/**
 * Which of PostgreSQL 15's regression files we measure: the everyday ones of issue 11 (the
 * recipe in shared/reference/pg-regress-15/README.md spells them out), and the quick subset
 * `npm test` runs on every change.
 */

/** The 43 files of the full run, in pg_regress's schedule order where it has one. */
export const REGRESS_FILES: readonly string[] = [
  'boolean', 'text', 'int2', 'int4', 'int8', 'float4', 'float8', 'numeric', 'strings', 'date', 'timestamp', 'interval',
  'select', 'select_distinct', 'select_distinct_on', 'select_having', 'select_implicit', 'select_into', 'subselect',
  'union', 'case', 'join', 'aggregates', 'groupingsets', 'window', 'with', 'limit', 'insert', 'update', 'delete',
  'arrays', 'json', 'jsonb', 'copy', 'copy2', 'transactions', 'prepare', 'portals', 'namespace', 'create_table',
  'alter_table', 'errors', 'random',
];

/**
 * `npm test`'s subset: short files (a few seconds each) that together touch numbers and their
 * errors (int4), booleans, GROUP BY / HAVING (select_having), CASE, COPY with inline data,
 * files and CSV (copy), PREPARE / EXECUTE (prepare) and error reporting (errors).
 */
export const QUICK_FILES: readonly string[] = ['int4', 'boolean', 'select_having', 'case', 'copy', 'prepare', 'errors'];
