/**
 * Where things live inside the LMDB environment (see README.md for the key table), and the
 * options the environment is opened with. Every key and db name is defined here so the
 * layout has one source of truth.
 */
import { open, type Database, type RootDatabase } from 'lmdb';

/** Bumped when the on-disk layout changes incompatibly; a newer store refuses to open. */
export const LAYOUT_VERSION = 1;

/** Keys in the `catalog` db. */
export const CatalogKey = {
  Layout: 'layout',
  Snapshot: 'snapshot',
  /** The committed snapshot's version alone, so a reader can tell cheaply whether its cached copy is current. */
  Version: 'version',
  Counters: 'counters',
} as const;

/** A chunk key: ordered-binary array, so one table's (or row group's) chunks are a key range. */
export type ChunkKey = [tableId: number, rowGroupId: number, columnId: number];

export function chunkKey(tableId: number, rowGroupId: number, columnId: number): ChunkKey {
  return [tableId, rowGroupId, columnId];
}

/** The key range holding every chunk of one row group. */
export function rowGroupRange(tableId: number, rowGroupId: number): { start: number[]; end: number[] } {
  return { start: [tableId, rowGroupId], end: [tableId, rowGroupId + 1] };
}

export interface StoreDbs {
  readonly env: RootDatabase;
  /** Layout version, committed catalog snapshot and id counters (msgpack values). */
  readonly catalog: Database<unknown, string>;
  /** Column chunks: raw bytes keyed by ChunkKey. */
  readonly chunks: Database<Uint8Array, ChunkKey | number[]>;
  /** Side tables for other subsystems (msgpack values). */
  readonly meta: Database<unknown, string>;
  /** Sequence counters by sequence (table) id: `SequenceRecord` (msgpack). */
  readonly sequences: Database<SequenceRecord, number>;
}

/** A sequence counter as stored: the value as a decimal string (exact in every serializer). */
export interface SequenceRecord {
  readonly lastValue: string;
  readonly isCalled: boolean;
}

export interface OpenStoreOptions {
  /** Open without write access (e.g. from a worker thread or a second process). */
  readonly readOnly?: boolean;
  /**
   * Garbage-collect uncommitted row groups on open (default true for a writable open). Only the
   * data directory's owner does it, once, before any session exists: an engine thread opening
   * the same store must not, or it would collect the row groups other threads are staging.
   */
  readonly collectOrphans?: boolean;
}

/** Concurrent pinned readers: one per open SQL transaction plus scans, with headroom. */
const MAX_READERS = 512;
const MAX_DBS = 4;

export function openStoreDbs(dir: string, options: OpenStoreOptions = {}): StoreDbs {
  const env = open({
    path: dir,
    maxDbs: MAX_DBS,
    maxReaders: MAX_READERS,
    readOnly: options.readOnly ?? false,
    // Wait for fsync inside each commit, so a COMMIT that returned survives power loss too,
    // not only kill -9 (which LMDB's copy-on-write pages survive regardless).
    overlappingSync: false,
  });
  return {
    env,
    catalog: env.openDB<unknown, string>('catalog', {}),
    chunks: env.openDB<Uint8Array, ChunkKey | number[]>('chunks', { encoding: 'binary' }),
    meta: env.openDB<unknown, string>('meta', {}),
    sequences: env.openDB<SequenceRecord, number>('sequences', {}),
  };
}
