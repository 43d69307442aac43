/**
 * The model a SEARCH or CONVERT names, for its binder: looked up in the database's registry and
 * recorded as a plan dependency, so a cached plan is bound again once the model is rebuilt
 * (BUILD MODEL … overwrite) or deleted, as a plan on a table is after DDL.
 */
import type { BindContext } from '../../../planner/binder/bind-context.js';
import type { ModelRecord } from '../models/model-record.js';
import { clipRuntimeOf } from '../clip-services.js';

export function bindModel(bind: BindContext, name: string): ModelRecord {
  const model = clipRuntimeOf(bind.plan.extensions).registry.require(name);
  const bound = JSON.stringify(model);
  bind.dependOn((extensions) => JSON.stringify(clipRuntimeOf(extensions).registry.get(name) ?? null) === bound);
  return model;
}
