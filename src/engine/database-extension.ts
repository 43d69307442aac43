/**
 * How an extension joins a Database: the composition root (server/engine-thread-entry.ts) hands
 * `Database.open({ extensions })` a list of them, so the engine never imports one. Opening one
 * adds its hooks (binders, rules, pruners, physical planners, index methods) and its
 * per-database services to the Database's own registry (`host.registry`), which sessions hand
 * to the planner, optimizer and executor in their contexts.
 */
import type { ExtensionRegistry } from './extension-registry.js';
import type { ExtensionSettings } from '../common/setting-definition.js';
import type { Store } from '../storage/storage-api.js';

/** What a Database gives each extension when it opens. */
export interface ExtensionHost {
  readonly store: Store;
  /** The store's directory (worker threads may open it read-only). */
  readonly storeDir: string;
  readonly dataDir: string;
  /** The server's --allow-absolute-paths: files outside the data directory may be read. */
  readonly allowAbsolutePaths: boolean;
  /** This Database's registry: the extension adds its hooks and services here. */
  readonly registry: ExtensionRegistry;
  /** Server log line. */
  readonly log?: (message: string) => void;
}

/** One extension, opened per Database. */
export interface DatabaseExtension {
  open(host: ExtensionHost): OpenedExtension;
}

/** An open extension: its run-time parameters, and what closing the Database must release. */
export interface OpenedExtension {
  readonly settings?: ExtensionSettings;
  close(): Promise<void>;
}
