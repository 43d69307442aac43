/**
 * The database one engine thread serves: its open of the store, the stages below the engine,
 * the extensions it was handed (CLIP, PRINT IMAGE's galleries: database-extension.ts),
 * server-wide setting defaults, and session creation. Every engine thread of a server opens its own Database over the same data directory;
 * the store is shared through LMDB, the CLIP workers through `poolRunners`.
 */
import { mkdirSync } from 'node:fs';
import { storeDirOf } from '../common/data-path.js';
import type { ExtensionServices } from '../planner/plan-context.js';
import { openStore } from '../storage/index.js';
import type { Store } from '../storage/storage-api.js';
import { BACKENDS, type EngineBackends } from './backends.js';
import type { DatabaseExtension, OpenedExtension } from './database-extension.js';
import { ServerServices, type BackendSignal, type SharedServerState } from './activity/server-services.js';
import { parseDurationMs } from '../common/duration-setting.js';
import { DATABASE_OID } from '../functions/index.js';
import { Session } from './session.js';
import type { SessionControl } from './session-control.js';
import { Settings } from './settings.js';
import { settingsCatalog, type SettingsCatalog } from './settings-catalog.js';

export interface DatabaseOptions {
  readonly dataDir: string;
  /** Lets COPY read files outside the data directory. */
  readonly allowAbsolutePaths?: boolean;
  /** Server-wide setting defaults (lower-cased names), e.g. TimeZone. */
  readonly settings?: ReadonlyMap<string, string>;
  /** Server log line (extensions report here too: model downloads). */
  readonly log?: (message: string) => void;
  /**
   * Garbage-collect uncommitted row groups on open. Only the data directory's owner does it,
   * once, before engine threads start; an engine thread must not (default false).
   */
  readonly collectOrphans?: boolean;
  /** The extensions this database runs (ml/'s CLIP and PRINT IMAGE in the server), opened in order. */
  readonly extensions?: readonly DatabaseExtension[];
  /**
   * The server's shared activity board and how signals reach other backends' connections
   * (engine threads); default: a board of this Database's own, signals to its own sessions.
   */
  readonly server?: { readonly shared: SharedServerState; readonly route: (pid: number, how: BackendSignal) => void };
}

/** PostgreSQL's default deadlock_timeout, when the session has none set. */
const DEADLOCK_TIMEOUT_MS = 1000;

export class Database {
  private readonly services: ExtensionServices;
  /** The run-time parameters sessions know: the core's and the extensions'. */
  private readonly settingsCatalog: SettingsCatalog;
  private readonly server: ServerServices;
  /** This Database's sessions by pid, for signals routed here (no engine threads). */
  private readonly sessions = new Map<number, Session>();

  private constructor(
    readonly options: DatabaseOptions,
    private readonly store: Store,
    private readonly backends: EngineBackends,
    private readonly extensions: readonly OpenedExtension[],
  ) {
    this.services = new Map(extensions.flatMap((extension) => [...extension.services]));
    this.settingsCatalog = settingsCatalog(extensions.flatMap((extension) => (extension.settings ? [extension.settings] : [])));
    this.server = options.server
      ? new ServerServices(options.server.shared, options.server.route)
      : ServerServices.private((pid, how) => this.sessions.get(pid)?.signal(how));
  }

  static async open(options: DatabaseOptions): Promise<Database> {
    const backends = BACKENDS;
    mkdirSync(options.dataDir, { recursive: true });
    const storeDir = storeDirOf(options.dataDir);
    const store = openStore(storeDir, { collectOrphans: options.collectOrphans === true });
    // Each extension plugs into the planner's and executor's registries (idempotent, per
    // thread) and opens its per-database state.
    const host = {
      store, storeDir, dataDir: options.dataDir, allowAbsolutePaths: options.allowAbsolutePaths === true,
      ...(options.log ? { log: options.log } : {}),
    };
    const extensions = (options.extensions ?? []).map((extension) => extension.open(host));
    return new Database(options, store, backends, extensions);
  }

  get dataDir(): string {
    return this.options.dataDir;
  }

  /**
   * A new session; `user` becomes session_authorization; `control` is its interrupt cell (see
   * SessionControl); `backendPid` the pid its client was given in BackendKeyData.
   */
  createSession(user: string, control?: SessionControl, backendPid?: number): Session {
    const settings = new Settings(this.options.settings, this.settingsCatalog);
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
    for (const extension of this.extensions) await extension.close();
    await this.store.close();
  }
}
