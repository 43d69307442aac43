/**
 * How an extension joins a Database: the composition root (server/engine-thread-entry.ts) hands
 * `Database.open({ extensions })` a list of them, so the engine never imports one. Opening one
 * registers its hooks (binders, rules, physical planners) and returns its per-database services,
 * which sessions pass to the planner and executor by name (`PlanContext.extensions`).
 */
import type { ExtensionSettings } from '../common/setting-definition.js';
import type { ExtensionServices } from '../planner/plan-context.js';
import type { Store } from '../storage/storage-api.js';

/** What a Database gives each extension when it opens. */
export interface ExtensionHost {
  readonly store: Store;
  /** The store's directory (worker threads may open it read-only). */
  readonly storeDir: string;
  readonly dataDir: string;
  /** The server's --allow-absolute-paths: files outside the data directory may be read. */
  readonly allowAbsolutePaths: boolean;
  /** Server log line. */
  readonly log?: (message: string) => void;
}

/** One extension, opened per Database. */
export interface DatabaseExtension {
  open(host: ExtensionHost): OpenedExtension;
}

/** An open extension: its services by name, its run-time parameters, and what closing the Database must release. */
export interface OpenedExtension {
  readonly services: ExtensionServices;
  readonly settings?: ExtensionSettings;
  close(): Promise<void>;
}
