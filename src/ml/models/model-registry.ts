/**
 * The model registry: name → ModelRecord, persisted in the store's meta table under one key
 * (each change is a single `putMeta`, so it is atomic and survives restarts). The registry is
 * outside SQL transactions: BUILD/DELETE MODEL inside a rolled-back block stay done, as in
 * ThanoSQL where models live beside the database.
 *
 * @example
 * const registry = ModelRegistry.open(store, '/srv/models');
 * registry.get('tutorial_search_clip'); // { base: 'clipen', path: '/srv/models/clipen', … }
 */
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import type { Store } from '../../storage/storage-api.js';
import { isModelVariant } from '../model-files.js';
import { isBaseModel, tutorialModel, type ModelRecord } from './model-record.js';

/** Meta key; the value is `{ version, models: ModelRecord[] }`. */
const META_KEY = 'ml.model_registry';
const FORMAT_VERSION = 1;

interface StoredRegistry {
  readonly version: number;
  readonly models: readonly ModelRecord[];
}

export class ModelRegistry {
  private constructor(private readonly store: Store, private models: Map<string, ModelRecord>) {}

  /** Loads the registry, seeding `tutorial_search_clip` the first time a store is opened. */
  static open(store: Store, modelsDir: string): ModelRegistry {
    const stored = store.getMeta(META_KEY) as StoredRegistry | undefined;
    if (stored === undefined) {
      const registry = new ModelRegistry(store, new Map());
      registry.save([tutorialModel(modelsDir)]);
      return registry;
    }
    const valid = (stored.models ?? []).filter((m) => isBaseModel(m.base) && isModelVariant(m.variant));
    return new ModelRegistry(store, new Map(valid.map((m) => [m.name, m])));
  }

  list(): readonly ModelRecord[] {
    return [...this.models.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  get(name: string): ModelRecord | undefined {
    return this.models.get(name.toLowerCase());
  }

  /** The model or 42704. */
  require(name: string): ModelRecord {
    const model = this.get(name);
    if (!model) {
      throw new SqlError(SQLSTATE.UndefinedObject, `model "${name.toLowerCase()}" does not exist`, {
        hint: 'LIST MODEL shows the registered models; BUILD MODEL name USING clipen OPTIONS(model_path=…) adds one',
      });
    }
    return model;
  }

  /** Registers `model`; 42710 if the name is taken and `overwrite` is false. */
  put(model: ModelRecord, overwrite: boolean): void {
    if (this.models.has(model.name) && !overwrite) {
      throw new SqlError(SQLSTATE.DuplicateObject, `model "${model.name}" already exists`, {
        hint: 'add overwrite=True to OPTIONS to replace it',
      });
    }
    this.save([...[...this.models.values()].filter((m) => m.name !== model.name), model]);
  }

  /** Removes a registration (never the files); 42704 if missing. Returns the removed record. */
  delete(name: string): ModelRecord {
    const model = this.require(name);
    this.save([...this.models.values()].filter((m) => m.name !== model.name));
    return model;
  }

  private save(models: readonly ModelRecord[]): void {
    const value: StoredRegistry = { version: FORMAT_VERSION, models };
    this.store.putMeta(META_KEY, value);
    this.models = new Map(models.map((m) => [m.name, m]));
  }
}
