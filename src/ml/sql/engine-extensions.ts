/**
 * ml/'s extensions as a Database opens them (engine/database-extension.ts): CLIP (CONVERT,
 * SEARCH, the model statements; its workers start on first use) and PRINT IMAGE (its gallery
 * store). The engine never imports these; the composition root hands them to `Database.open`.
 *
 * @example
 * const database = await Database.open({ dataDir, extensions: [printImageExtension(makeGallery), clipExtension()] });
 */
import { join } from 'node:path';
import type { Store } from '../../storage/storage-api.js';
import type { ExtensionSettings } from '../../common/setting-definition.js';
import type { ExtensionServices } from '../../planner/plan-context.js';
import type { PoolRunners } from '../inference/pool/pool-runner.js';
import { GALLERY_SERVICE, registerPrintImage, type GallerySink } from './print/index.js';
import { openClipExtension } from './register-clip-extension.js';

/** Models directory when none is given: beside the store. */
const MODELS_DIR = 'models';

/** What an extension is given when its Database opens (structurally engine's ExtensionHost). */
interface Host {
  readonly store: Store;
  readonly storeDir: string;
  readonly dataDir: string;
  readonly allowAbsolutePaths: boolean;
  readonly log?: (message: string) => void;
}

interface Extension {
  open(host: Host): { readonly services: ExtensionServices; readonly settings?: ExtensionSettings; close(): Promise<void> };
}

export interface ClipExtensionOptions {
  /** Where models live (default `<dataDir>/models`). */
  readonly modelsDir?: string;
  /** No model downloads (THANOSQL_OFFLINE=1 in the environment also turns them off). */
  readonly offline?: boolean;
  /** The process's shared CLIP workers (default: this thread starts its own on first use). */
  readonly poolRunners?: PoolRunners;
}

/** CLIP: the model registry opens with the Database (one meta read); workers start on first use. */
export function clipExtension(options: ClipExtensionOptions = {}): Extension {
  return {
    open: (host) => openClipExtension({
      store: host.store, storeDir: host.storeDir, dataDir: host.dataDir,
      modelsDir: options.modelsDir ?? join(host.dataDir, MODELS_DIR), allowAbsolutePaths: host.allowAbsolutePaths,
      ...(options.offline !== undefined ? { offline: options.offline } : {}),
      ...(host.log ? { log: host.log } : {}),
      ...(options.poolRunners ? { poolRunners: options.poolRunners } : {}),
    }),
  };
}

/**
 * PRINT IMAGE: its statement, and where its galleries go — made over the Database's store by
 * `gallery` (the server passes http/'s store; without one PRINT IMAGE is 0A000).
 */
export function printImageExtension(gallery?: (store: Store) => GallerySink): Extension {
  return {
    open: (host) => {
      registerPrintImage();
      const services = new Map<string, unknown>(gallery ? [[GALLERY_SERVICE, gallery(host.store)]] : []);
      return { services, close: async () => undefined };
    },
  };
}
