/**
 * Projection pruning below SEARCH: the node itself reads only the embedding column, so its input
 * keeps that plus the columns needed above it. The tutorial's top-5 (`SELECT image_path, sim …
 * FROM (SEARCH … AS SELECT * FROM t)`) then scans two columns instead of every one. Whether anything above reads the
 * embedding is noted in the payload (`embeddingUnread`): SearchTopK then fetches its winners
 * without it (each winner's embedding chunk is the largest read of the statement).
 */
import type { ExtensionPruner } from '../../../optimizer/index.js';
import type { SearchPayload } from './clip-plan-nodes.js';

export const pruneSearch: ExtensionPruner = (node, required, prune) => {
  const payload = node.payload as SearchPayload;
  const input = node.inputs[0]!;
  const embeddingId = input.output[payload.embeddingIndex]!.id;
  const needed = new Set<number>([embeddingId]);
  for (const column of input.output) if (required.has(column.id)) needed.add(column.id);
  const pruned = prune(input, needed);
  // The operator finds the embedding by position, which pruning may have moved.
  const embeddingIndex = pruned.output.findIndex((c) => c.id === embeddingId);
  const similarities = node.output.slice(input.output.length);
  const embeddingUnread = !required.has(embeddingId);
  return {
    ...node, inputs: [pruned], payload: { ...payload, embeddingIndex, embeddingUnread } satisfies SearchPayload,
    output: [...pruned.output, ...similarities],
  };
};
