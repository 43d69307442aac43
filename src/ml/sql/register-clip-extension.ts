/**
 * Plugs the CLIP statements into one database's extension registry: binders for CONVERT, SEARCH
 * and BUILD/LIST/DELETE MODEL, physical planners for their nodes, SEARCH's projection pruner,
 * its top-k rule (`search_top_k`), the `hnsw` index method, and the per-database runtime (model
 * registry, pools) as the `clip` service. Nothing is process-wide: a database opened without
 * this extension answers these statements with 0A000.
 *
 * @example
 * const clip = openClipExtension({ store, modelsDir, dataDir }, registry);
 * await clip.close();
 */
import type { ExtensionRegistrar } from './extension-registrar.js';
import { ClipRuntime, type ClipRuntimeOptions } from './models/clip-runtime.js';
import { bindConvert } from './bind/bind-convert.js';
import { bindModelStatement } from './bind/bind-model-statements.js';
import { bindSearch } from './bind/bind-search.js';
import { CLIP_SERVICE } from './clip-services.js';
import { CLIP_SETTINGS } from './clip-settings.js';
import type { ExtensionSettings } from '../../common/setting-definition.js';
import {
  CONVERT_NODE, MODEL_COMMAND_NODE, SEARCH_NODE, SEARCH_TOP_K_NODE,
  type ConvertPayload, type ModelCommandPayload, type SearchPayload, type SearchTopKPayload,
} from './plan/clip-plan-nodes.js';
import { convertOperator } from './run/convert-operator.js';
import { hnswIndexMethod } from './run/hnsw-index-method.js';
import { modelCommandOperator } from './run/model-command-operator.js';
import { searchTopK } from './plan/plan-search-top-k.js';
import { pruneSearch } from './plan/prune-search.js';
import { searchOperator } from './run/search-operator.js';
import { searchTopKOperator } from './run/search-top-k-operator.js';

/** Adds the CLIP binders, rule, pruner, physical planners and index method to `registry`. */
export function registerClipExtension(registry: ExtensionRegistrar): void {
  registry.addQueryBinder('Search', bindSearch);
  registry.addQueryBinder('Convert', bindConvert);
  for (const kind of ['BuildModel', 'ListModel', 'DeleteModel'] as const) registry.addStatementBinder(kind, bindModelStatement);
  const ids = (output: readonly { id: number }[]) => output.map((c) => c.id);
  registry.addPhysicalPlanner(SEARCH_NODE, (node, [input]) => searchOperator(node.payload as SearchPayload, input!, ids(node.output)));
  registry.addPruner(SEARCH_NODE, pruneSearch);
  registry.addRule(searchTopK);
  registry.addIndexMethod('hnsw', hnswIndexMethod);
  registry.addPhysicalPlanner(SEARCH_TOP_K_NODE, (node) => searchTopKOperator(node.payload as SearchTopKPayload, ids(node.output)));
  registry.addPhysicalPlanner(CONVERT_NODE, (node, [input]) => convertOperator(node.payload as ConvertPayload, input!, ids(node.output)));
  registry.addPhysicalPlanner(MODEL_COMMAND_NODE, (node) => modelCommandOperator(node.payload as ModelCommandPayload, ids(node.output)));
}

/** One database's CLIP extension: its runtime, and shutdown. */
export interface ClipExtension {
  readonly runtime: ClipRuntime;
  /** Its run-time parameters (SET checks them) and the `hnsw` prefix. */
  readonly settings: ExtensionSettings;
  close(): Promise<void>;
}

/** Adds the hooks to `registry` and opens the per-database runtime (registry now, pools on first use). */
export function openClipExtension(options: ClipRuntimeOptions, registry: ExtensionRegistrar): ClipExtension {
  registerClipExtension(registry);
  const runtime = new ClipRuntime(options);
  registry.addService(CLIP_SERVICE, runtime);
  return { runtime, settings: CLIP_SETTINGS, close: () => runtime.close() };
}
