/**
 * Finds the CLIP runtime among a context's extension services. The engine puts one there per
 * database (`openClipExtension`); binders read it from the PlanContext, operators from the
 * RunContext, so several databases in one process keep separate registries and pools.
 */
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import type { ExtensionServices } from '../../planner/plan-context.js';
import { ClipRuntime } from './models/clip-runtime.js';

/** The key under which the engine registers the runtime. */
export const CLIP_SERVICE = 'clip';

export function clipRuntimeOf(extensions: ExtensionServices | undefined): ClipRuntime {
  const runtime = extensions?.get(CLIP_SERVICE);
  if (!(runtime instanceof ClipRuntime)) {
    throw new SqlError(SQLSTATE.FeatureNotSupported, 'the CLIP extension is not enabled in this database');
  }
  return runtime;
}
