/**
 * Set-returning catalog functions: pg_get_keywords() and pg_partition_ancestors(). No table
 * here is partitioned, so a relation's only "ancestor" is itself; the same function is also
 * registered as a scalar so psql's `(SELECT pg_partition_ancestors(x) UNION ALL …)` binds.
 */
import { sqlType } from '../../types/sql-type.js';
import type { ScalarFunction, TableFunction } from '../function-types.js';
import { scalar } from '../overload-builders.js';
import { pgGetKeywords } from './pg-get-keywords.js';

const REGCLASS = sqlType('regclass');

export const catalogTableFunctions: readonly TableFunction[] = [
  pgGetKeywords,
  { name: 'pg_partition_ancestors', overloads: [{
    args: [REGCLASS], strict: true, returns: () => [REGCLASS], columnNames: ['relid'], rows: ([relid]) => [[relid!]],
  }] },
];

export const catalogSetScalars: readonly ScalarFunction[] = [
  { name: 'pg_partition_ancestors', overloads: [scalar([REGCLASS], REGCLASS, ([relid]) => relid!, { volatility: 'stable' })] },
];
