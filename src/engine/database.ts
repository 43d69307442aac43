/**
 * The database one engine thread serves: its open of the store, the stages below the engine,
 * the extensions (CLIP, PRINT IMAGE's galleries), server-wide setting defaults, and session
 * creation. Every engine thread of a server opens its own Database over the same data directory;
 * the store is shared through LMDB, the CLIP workers through `poolRunners`.
 */
import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import {
  GALLERY_SERVICE, openClipExtension, registerPrintImage, type ClipExtension, type GallerySink, type PoolRunners,
} from '../ml/sql-extension.js';
import { storeDirOf } from '../common/data-path.js';
import type { ExtensionServices } from '../execution/statement-api.js';
import { openStore } from '../storage/index.js';
import type { Store } from '../storage/storage-api.js';
import { BACKENDS, type EngineBackends } from './backends.js';
import { ServerServices, type BackendSignal, type SharedServerState } from './activity/server-services.js';
import { parseDurationMs } from '../common/duration-setting.js';
import { DATABASE_OID } from '../functions/index.js';
import { Session } from './session.js';
import type { SessionControl } from './session-control.js';
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
  /**
   * Garbage-collect uncommitted row groups on open. Only the data directory's owner does it,
   * once, before engine threads start; an engine thread must not (default false).
   */
  readonly collectOrphans?: boolean;
  /** The process's shared CLIP workers (default: this thread starts its own on first use). */
  readonly poolRunners?: PoolRunners;
  /**
   * The server's shared activity board and how signals reach other backends' connections
   * (engine threads); default: a board of this Database's own, signals to its own sessions.
   */
  readonly server?: { readonly shared: SharedServerState; readonly route: (pid: number, how: BackendSignal) => void };
  /**
   * Where PRINT IMAGE keeps its galleries, made over this Database's store (the server passes
   * http/'s store; without it PRINT IMAGE is 0A000).
   */
  readonly gallery?: (store: Store) => GallerySink;
}

/** PostgreSQL's default deadlock_timeout, when the session has none set. */
const DEADLOCK_TIMEOUT_MS = 1000;

/** Models directory when none is given: beside the store. */
const MODELS_DIR = 'models';

export class Database {
  private readonly services: ExtensionServices;
  private readonly server: ServerServices;
  /** This Database's sessions by pid, for signals routed here (no engine threads). */
  private readonly sessions = new Map<number, Session>();

  private constructor(
    readonly options: DatabaseOptions,
    private readonly store: Store,
    private readonly backends: EngineBackends,
    private readonly clip: ClipExtension,
  ) {
    this.services = new Map([...clip.services, ...(options.gallery ? [[GALLERY_SERVICE, options.gallery(store)] as const] : [])]);
    this.server = options.server
      ? new ServerServices(options.server.shared, options.server.route)
      : ServerServices.private((pid, how) => this.sessions.get(pid)?.signal(how));
  }

  static async open(options: DatabaseOptions): Promise<Database> {
    const backends = BACKENDS;
    // Extensions plug into the planner's and executor's registries (idempotent, per thread).
    registerPrintImage();
    mkdirSync(options.dataDir, { recursive: true });
    const storeDir = storeDirOf(options.dataDir);
    const store = openStore(storeDir, { collectOrphans: options.collectOrphans === true });
    // The model registry opens now (one meta read); CLIP workers start on first use.
    const clip = openClipExtension({
      store, storeDir, dataDir: options.dataDir, modelsDir: options.modelsDir ?? join(options.dataDir, MODELS_DIR),
      ...(options.allowAbsolutePaths !== undefined ? { allowAbsolutePaths: options.allowAbsolutePaths } : {}),
      ...(options.offline !== undefined ? { offline: options.offline } : {}),
      ...(options.log ? { log: options.log } : {}),
      ...(options.poolRunners ? { poolRunners: options.poolRunners } : {}),
    });
    return new Database(options, store, backends, clip);
  }

  get dataDir(): string {
    return this.options.dataDir;
  }

  /**
   * A new session; `user` becomes session_authorization; `control` is its interrupt cell (see
   * SessionControl); `backendPid` the pid its client was given in BackendKeyData.
   */
  createSession(user: string, control?: SessionControl, backendPid?: number): Session {
    const settings = new Settings(this.options.settings);
    settings.setStartup('session_authorization', user);
    const pid = backendPid ?? process.pid;
    const deadlockTimeoutMs = () => parseDurationMs(settings.get('deadlock_timeout') ?? '') ?? DEADLOCK_TIMEOUT_MS;
    const lockTimeoutMs = () => parseDurationMs(settings.get('lock_timeout') ?? '') ?? 0;
    const activity = this.server.openSession(pid, { deadlockTimeoutMs, lockTimeoutMs }, DATABASE_OID);
    const session = new Session({
      backends: this.backends, store: this.store, dataDir: this.options.dataDir, settings, extensions: this.services,
      allowAbsolutePaths: this.options.allowAbsolutePaths === true, ...(control ? { control } : {}),
      ...(backendPid !== undefined ? { backendPid } : {}), ...(activity ? { activity } : {}),
    });
    if (!this.options.server && backendPid !== undefined) {
      this.sessions.set(backendPid, session);
      session.onEnd(() => this.sessions.delete(backendPid));
    }
    return session;
  }

  async close(): Promise<void> {
    await this.clip.close();
    await this.store.close();
  }
}
