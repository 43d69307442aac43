/**
 * Plugs the CLIP statements into the planner and executor: binders for CONVERT, SEARCH and
 * BUILD/LIST/DELETE MODEL, physical planners for their nodes, SEARCH's projection pruner and its top-k rule (`search_top_k`). The hooks are process-wide
 * (registering twice is harmless); per-database state travels in the contexts' `extensions`,
 * which `openClipExtension` builds. PRINT IMAGE is registered by its own module.
 *
 * @example
 * const clip = openClipExtension({ store, modelsDir, dataDir });
 * new Session({ …, extensions: clip.services });
 * await clip.close();
 */
import { registerIndexMethod } from '../../execution/index.js';
import { registerPhysicalPlanner } from '../../execution/physical-planner.js';
import { registerExtensionPruner, registerExtensionRule } from '../../optimizer/index.js';
import type { ExtensionServices } from '../../planner/plan-context.js';
import { registerQueryBinder, registerStatementBinder } from '../../planner/extension-registry.js';
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

/** Registers the CLIP binders and physical planners (idempotent). */
export function registerClipExtension(): void {
  registerQueryBinder('Search', bindSearch);
  registerQueryBinder('Convert', bindConvert);
  for (const kind of ['BuildModel', 'ListModel', 'DeleteModel'] as const) registerStatementBinder(kind, bindModelStatement);
  const ids = (output: readonly { id: number }[]) => output.map((c) => c.id);
  registerPhysicalPlanner(SEARCH_NODE, (node, [input]) => searchOperator(node.payload as SearchPayload, input!, ids(node.output)));
  registerExtensionPruner(SEARCH_NODE, pruneSearch);
  registerExtensionRule(searchTopK);
  registerIndexMethod('hnsw', hnswIndexMethod);
  registerPhysicalPlanner(SEARCH_TOP_K_NODE, (node) => searchTopKOperator(node.payload as SearchTopKPayload, ids(node.output)));
  registerPhysicalPlanner(CONVERT_NODE, (node, [input]) => convertOperator(node.payload as ConvertPayload, input!, ids(node.output)));
  registerPhysicalPlanner(MODEL_COMMAND_NODE, (node) => modelCommandOperator(node.payload as ModelCommandPayload, ids(node.output)));
}

/** One database's CLIP extension: its services for session contexts, and shutdown. */
export interface ClipExtension {
  readonly runtime: ClipRuntime;
  /** Merge into the `extensions` map handed to PlanContext/RunContext. */
  readonly services: ExtensionServices;
  /** Its run-time parameters (SET checks them) and the `hnsw` prefix. */
  readonly settings: ExtensionSettings;
  close(): Promise<void>;
}

/** Registers the hooks and opens the per-database runtime (registry now, pools on first use). */
export function openClipExtension(options: ClipRuntimeOptions): ClipExtension {
  registerClipExtension();
  const runtime = new ClipRuntime(options);
  return { runtime, services: new Map([[CLIP_SERVICE, runtime]]), settings: CLIP_SETTINGS, close: () => runtime.close() };
}
