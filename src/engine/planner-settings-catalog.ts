/**
 * PostgreSQL 15's planner and executor parameters (enable_*, cost constants, GEQO, jit*,
 * parallelism, memory) with their defaults, types and ranges. This server has its own planner
 * and executor, so these settings have **no effect**: they exist so that scripts and tools that
 * SET, SHOW, RESET or read them from pg_settings behave as against PostgreSQL (values are
 * validated and normalised as PostgreSQL does; see setting-types.ts).
 */
import type { SettingDefinition } from './settings-catalog.js';
import { formatReal, parseTypedSetting, type MemoryUnit } from './setting-types.js';

/** pg_settings.category values. */
const C = {
  method: 'Query Tuning / Planner Method Configuration',
  cost: 'Query Tuning / Planner Cost Constants',
  geqo: 'Query Tuning / Genetic Query Optimizer',
  other: 'Query Tuning / Other Planner Options',
  memory: 'Resource Usage / Memory',
  async: 'Resource Usage / Asynchronous Behavior',
  developer: 'Developer Options',
  statement: 'Client Connection Defaults / Statement Behavior',
} as const;

function bool(name: string, on: boolean, description: string, category: string): SettingDefinition {
  return { name, defaultValue: on ? 'on' : 'off', description, category, type: { kind: 'bool' } };
}

function int(name: string, value: number, min: number, max: number, description: string, category: string, unit?: MemoryUnit): SettingDefinition {
  const type = unit ? { kind: 'integer' as const, min, max, unit } : { kind: 'integer' as const, min, max };
  // The default in SHOW's spelling (1024 blocks → 8MB), derived the way SET derives it.
  return { name, defaultValue: parseTypedSetting(name, type, String(value)), description, category, type };
}

function real(name: string, value: number, min: number, max: number, description: string, category: string): SettingDefinition {
  return { name, defaultValue: formatReal(value), description, category, type: { kind: 'real', min, max } };
}

function oneOf(name: string, value: string, values: readonly string[], description: string, category: string): SettingDefinition {
  return { name, defaultValue: value, description, category, type: { kind: 'enum', values } };
}

/** The planner/executor parameters; superuser-only ones are settable because the one role is a superuser. */
export const PLANNER_SETTINGS: readonly SettingDefinition[] = [
  oneOf('default_toast_compression', 'pglz', ['pglz', 'lz4'], 'Sets the default compression method for compressible values.', C.statement),
  bool('allow_system_table_mods', false, 'Allows modifications of the structure of system tables.', C.developer),
  oneOf('force_parallel_mode', 'off', ['off', 'on', 'regress'], 'Forces use of parallel query facilities.', C.developer),
  bool('geqo', true, 'Enables genetic query optimization.', C.geqo),
  int('geqo_effort', 5, 1, 10, 'GEQO: effort is used to set the default for other GEQO parameters.', C.geqo),
  int('geqo_generations', 0, 0, 2147483647, 'GEQO: number of iterations of the algorithm.', C.geqo),
  int('geqo_pool_size', 0, 0, 2147483647, 'GEQO: number of individuals in the population.', C.geqo),
  real('geqo_seed', 0, 0, 1, 'GEQO: seed for random path selection.', C.geqo),
  real('geqo_selection_bias', 2, 1.5, 2, 'GEQO: selective pressure within the population.', C.geqo),
  int('geqo_threshold', 12, 2, 2147483647, 'Sets the threshold of FROM items beyond which GEQO is used.', C.geqo),
  oneOf('constraint_exclusion', 'partition', ['partition', 'on', 'off'], 'Enables the planner to use constraints to optimize queries.', C.other),
  real('cursor_tuple_fraction', 0.1, 0, 1, 'Sets the planner\'s estimate of the fraction of a cursor\'s rows that will be retrieved.', C.other),
  int('default_statistics_target', 100, 1, 10000, 'Sets the default statistics target.', C.other),
  int('from_collapse_limit', 8, 1, 2147483647, 'Sets the FROM-list size beyond which subqueries are not collapsed.', C.other),
  int('join_collapse_limit', 8, 1, 2147483647, 'Sets the FROM-list size beyond which JOIN constructs are not flattened.', C.other),
  oneOf('plan_cache_mode', 'auto', ['auto', 'force_generic_plan', 'force_custom_plan'], 'Controls the planner\'s selection of custom or generic plan.', C.other),
  real('recursive_worktable_factor', 10, 0.001, 1000000, 'Sets the planner\'s estimate of the average size of a recursive query\'s working table.', C.other),
  real('cpu_index_tuple_cost', 0.005, 0, Number.MAX_VALUE, 'Sets the planner\'s estimate of the cost of processing each index entry during an index scan.', C.cost),
  real('cpu_operator_cost', 0.0025, 0, Number.MAX_VALUE, 'Sets the planner\'s estimate of the cost of processing each operator or function call.', C.cost),
  real('cpu_tuple_cost', 0.01, 0, Number.MAX_VALUE, 'Sets the planner\'s estimate of the cost of processing each tuple (row).', C.cost),
  int('effective_cache_size', 524288, 1, 2147483647, 'Sets the planner\'s assumption about the total size of the data caches.', C.cost, '8kB'),
  real('jit_above_cost', 100000, -1, Number.MAX_VALUE, 'Perform JIT compilation if query is more expensive.', C.cost),
  real('jit_inline_above_cost', 500000, -1, Number.MAX_VALUE, 'Perform JIT inlining if query is more expensive.', C.cost),
  real('jit_optimize_above_cost', 500000, -1, Number.MAX_VALUE, 'Optimize JIT-compiled functions if query is more expensive.', C.cost),
  int('min_parallel_index_scan_size', 64, 0, 715827882, 'Sets the minimum amount of index data for a parallel scan.', C.cost, '8kB'),
  int('min_parallel_table_scan_size', 1024, 0, 715827882, 'Sets the minimum amount of table data for a parallel scan.', C.cost, '8kB'),
  real('parallel_setup_cost', 1000, 0, Number.MAX_VALUE, 'Sets the planner\'s estimate of the cost of starting up worker processes for parallel query.', C.cost),
  real('parallel_tuple_cost', 0.1, 0, Number.MAX_VALUE, 'Sets the planner\'s estimate of the cost of passing each tuple (row) from worker to leader backend.', C.cost),
  real('random_page_cost', 4, 0, Number.MAX_VALUE, 'Sets the planner\'s estimate of the cost of a nonsequentially fetched disk page.', C.cost),
  real('seq_page_cost', 1, 0, Number.MAX_VALUE, 'Sets the planner\'s estimate of the cost of a sequentially fetched disk page.', C.cost),
  bool('enable_async_append', true, 'Enables the planner\'s use of async append plans.', C.method),
  bool('enable_bitmapscan', true, 'Enables the planner\'s use of bitmap-scan plans.', C.method),
  bool('enable_gathermerge', true, 'Enables the planner\'s use of gather merge plans.', C.method),
  bool('enable_hashagg', true, 'Enables the planner\'s use of hashed aggregation plans.', C.method),
  bool('enable_hashjoin', true, 'Enables the planner\'s use of hash join plans.', C.method),
  bool('enable_incremental_sort', true, 'Enables the planner\'s use of incremental sort steps.', C.method),
  bool('enable_indexonlyscan', true, 'Enables the planner\'s use of index-only-scan plans.', C.method),
  bool('enable_indexscan', true, 'Enables the planner\'s use of index-scan plans.', C.method),
  bool('enable_material', true, 'Enables the planner\'s use of materialization.', C.method),
  bool('enable_memoize', true, 'Enables the planner\'s use of memoization.', C.method),
  bool('enable_mergejoin', true, 'Enables the planner\'s use of merge join plans.', C.method),
  bool('enable_nestloop', true, 'Enables the planner\'s use of nested-loop join plans.', C.method),
  bool('enable_parallel_append', true, 'Enables the planner\'s use of parallel append plans.', C.method),
  bool('enable_parallel_hash', true, 'Enables the planner\'s use of parallel hash plans.', C.method),
  bool('enable_partition_pruning', true, 'Enables plan-time and execution-time partition pruning.', C.method),
  bool('enable_partitionwise_aggregate', false, 'Enables partitionwise aggregation and grouping.', C.method),
  bool('enable_partitionwise_join', false, 'Enables partitionwise join.', C.method),
  bool('enable_seqscan', true, 'Enables the planner\'s use of sequential-scan plans.', C.method),
  bool('enable_sort', true, 'Enables the planner\'s use of explicit sort steps.', C.method),
  bool('enable_tidscan', true, 'Enables the planner\'s use of TID scan plans.', C.method),
  int('backend_flush_after', 0, 0, 256, 'Number of pages after which previously performed writes are flushed to disk.', C.async, '8kB'),
  int('effective_io_concurrency', 1, 0, 1000, 'Number of simultaneous requests that can be handled efficiently by the disk subsystem.', C.async),
  int('maintenance_io_concurrency', 10, 0, 1000, 'A variant of effective_io_concurrency that is used for maintenance work.', C.async),
  int('max_parallel_maintenance_workers', 2, 0, 1024, 'Sets the maximum number of parallel processes per maintenance operation.', C.async),
  int('max_parallel_workers', 8, 0, 1024, 'Sets the maximum number of parallel workers that can be active at one time.', C.async),
  int('max_parallel_workers_per_gather', 2, 0, 1024, 'Sets the maximum number of parallel processes per executor node.', C.async),
  bool('parallel_leader_participation', true, 'Controls whether Gather and Gather Merge also run subplans.', C.async),
  real('hash_mem_multiplier', 2, 1, 1000, 'Multiple of work_mem to use for hash tables.', C.memory),
  int('logical_decoding_work_mem', 65536, 64, 2147483647, 'Sets the maximum memory to be used for logical decoding.', C.memory, 'kB'),
  int('maintenance_work_mem', 65536, 1024, 2147483647, 'Sets the maximum memory to be used for maintenance operations.', C.memory, 'kB'),
  int('temp_buffers', 1024, 100, 1073741823, 'Sets the maximum number of temporary buffers used by each session.', C.memory, '8kB'),
];
