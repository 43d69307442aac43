/**
 * The model registry: name → ModelRecord, persisted in the store's meta table under one key
 * (each change is one read-modify-write `updateMeta`, so it is atomic, survives restarts, and
 * two engine threads changing it at once lose nothing). Every lookup reads the stored value,
 * so a model another thread built is seen at once. The registry is outside SQL transactions:
 * BUILD/DELETE MODEL inside a rolled-back block stay done, as in ThanoSQL where models live
 * beside the database.
 *
 * @example
 * const registry = ModelRegistry.open(store, '/srv/models');
 * registry.get('tutorial_search_clip'); // { base: 'clipen', path: '/srv/models/clipen', … }
 */
import { SqlError, SQLSTATE } from '../../../common/sql-error.js';
import type { Store } from '../../../storage/storage-api.js';
import { isModelVariant } from '../../inference/model/model-files.js';
import { isBaseModel, tutorialModel, type ModelRecord } from './model-record.js';

/** Meta key; the value is `{ version, models: ModelRecord[] }`. */
const META_KEY = 'ml.model_registry';
const FORMAT_VERSION = 1;

interface StoredRegistry {
  readonly version: number;
  readonly models: readonly ModelRecord[];
}

export class ModelRegistry {
  private constructor(private readonly store: Store) {}

  /** Opens the registry, seeding `tutorial_search_clip` the first time a store is opened. */
  static open(store: Store, modelsDir: string): ModelRegistry {
    if (store.getMeta(META_KEY) === undefined) {
      store.updateMeta<StoredRegistry>(META_KEY, (current) => current ?? { version: FORMAT_VERSION, models: [tutorialModel(modelsDir)] });
    }
    return new ModelRegistry(store);
  }

  list(): readonly ModelRecord[] {
    return [...this.models().values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  get(name: string): ModelRecord | undefined {
    return this.models().get(name.toLowerCase());
  }

  /** The model or 42704. */
  require(name: string, models = this.models()): ModelRecord {
    const model = models.get(name.toLowerCase());
    if (!model) {
      throw new SqlError(SQLSTATE.UndefinedObject, `model "${name.toLowerCase()}" does not exist`, {
        hint: 'LIST MODEL shows the registered models; BUILD MODEL name USING clipen OPTIONS(model_path=…) adds one',
      });
    }
    return model;
  }

  /** Registers `model`; 42710 if the name is taken and `overwrite` is false. */
  put(model: ModelRecord, overwrite: boolean): void {
    this.update((models) => {
      if (models.has(model.name) && !overwrite) {
        throw new SqlError(SQLSTATE.DuplicateObject, `model "${model.name}" already exists`, {
          hint: 'add overwrite=True to OPTIONS to replace it',
        });
      }
      return [...[...models.values()].filter((m) => m.name !== model.name), model];
    });
  }

  /** Removes a registration (never the files); 42704 if missing. Returns the removed record. */
  delete(name: string): ModelRecord {
    let removed: ModelRecord | undefined;
    this.update((models) => {
      removed = this.require(name, models);
      return [...models.values()].filter((m) => m.name !== removed!.name);
    });
    return removed!;
  }

  private models(stored = this.store.getMeta(META_KEY) as StoredRegistry | undefined): Map<string, ModelRecord> {
    const valid = (stored?.models ?? []).filter((m) => isBaseModel(m.base) && isModelVariant(m.variant));
    return new Map(valid.map((m) => [m.name, m]));
  }

  /** One atomic read-modify-write of the stored list. */
  private update(change: (models: Map<string, ModelRecord>) => readonly ModelRecord[]): void {
    this.store.updateMeta<StoredRegistry>(META_KEY, (current) => ({ version: FORMAT_VERSION, models: change(this.models(current)) }));
  }
}
