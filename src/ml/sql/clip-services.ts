/**
 * Finds the CLIP runtime in a context's extension registry. `openClipExtension` adds one per
 * database; binders read it from the PlanContext, operators from the RunContext, so several
 * databases in one process keep separate model registries and pools.
 */
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import type { PlannerExtensions } from '../../planner/index.js';
import { ClipRuntime } from './models/clip-runtime.js';

/** The key under which the engine registers the runtime. */
export const CLIP_SERVICE = 'clip';

export function clipRuntimeOf(extensions: Pick<PlannerExtensions, 'service'> | undefined): ClipRuntime {
  const runtime = extensions?.service(CLIP_SERVICE);
  if (!(runtime instanceof ClipRuntime)) {
    throw new SqlError(SQLSTATE.FeatureNotSupported, 'the CLIP extension is not enabled in this database');
  }
  return runtime;
}
