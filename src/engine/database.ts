/**
 * The database a server serves: the opened store, the stages below the engine, server-wide
 * setting defaults, and session creation. One per process.
 */
import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import { registerPrintImage } from '../ml/index.js';
import { openClipExtension, type ClipExtension } from '../ml/index.js';
import { storeDirOf } from '../common/data-path.js';
import { openStore } from '../storage/index.js';
import type { Store } from '../storage/storage-api.js';
import { BACKENDS, type EngineBackends } from './backends.js';
import { Session } from './session.js';
import { Settings } from './settings.js';

export interface DatabaseOptions {
  readonly dataDir: string;
  readonly modelsDir?: string;
  /** Lets COPY read files outside the data directory. */
  readonly allowAbsolutePaths?: boolean;
  /** Server-wide setting defaults (lower-cased names), e.g. TimeZone. */
  readonly settings?: ReadonlyMap<string, string>;
  /** No model downloads (THANOSQL_OFFLINE=1 in the environment also turns them off). */
  readonly offline?: boolean;
  /** Server log line (model downloads report here too). */
  readonly log?: (message: string) => void;
}

/** Models directory when none is given: beside the store. */
const MODELS_DIR = 'models';

export class Database {
  private constructor(
    readonly options: DatabaseOptions,
    private readonly store: Store,
    private readonly backends: EngineBackends,
    private readonly clip: ClipExtension,
  ) {}

  static async open(options: DatabaseOptions): Promise<Database> {
    const backends = BACKENDS;
    // Extensions plug into the planner's and executor's registries (idempotent, process-wide).
    registerPrintImage();
    mkdirSync(options.dataDir, { recursive: true });
    const storeDir = storeDirOf(options.dataDir);
    const store = openStore(storeDir);
    // The model registry opens now (one meta read); CLIP worker pools start on first use.
    const clip = openClipExtension({
      store, storeDir, dataDir: options.dataDir, modelsDir: options.modelsDir ?? join(options.dataDir, MODELS_DIR),
      ...(options.allowAbsolutePaths !== undefined ? { allowAbsolutePaths: options.allowAbsolutePaths } : {}),
      ...(options.offline !== undefined ? { offline: options.offline } : {}),
      ...(options.log ? { log: options.log } : {}),
    });
    return new Database(options, store, backends, clip);
  }

  get dataDir(): string {
    return this.options.dataDir;
  }

  /** A new session; `user` becomes session_authorization. */
  createSession(user: string): Session {
    const settings = new Settings(this.options.settings);
    settings.setStartup('session_authorization', user);
    return new Session({
      backends: this.backends, store: this.store, dataDir: this.options.dataDir, settings, extensions: this.clip.services,
      allowAbsolutePaths: this.options.allowAbsolutePaths === true,
    });
  }

  async close(): Promise<void> {
    await this.clip.close();
    await this.store.close();
  }
}
