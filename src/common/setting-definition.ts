/**
 * The shape of a run-time parameter, shared by the engine's catalog and the extensions that add
 * their own (CLIP's `thanosql.exact_search`, pgvector's `hnsw.ef_search`): each declares its
 * type, so SET validates the value when it is given, not when a statement later reads it.
 */

/** A memory GUC's base unit: kilobytes, or 8 kB blocks (PostgreSQL's BLCKSZ). */
export type MemoryUnit = 'kB' | '8kB';

export type SettingType =
  | { readonly kind: 'bool' }
  | { readonly kind: 'integer'; readonly min: number; readonly max: number; readonly unit?: MemoryUnit }
  | { readonly kind: 'real'; readonly min: number; readonly max: number }
  | { readonly kind: 'enum'; readonly values: readonly string[] }
  /** A time span in PostgreSQL's units (`500ms`, `10s`, `1min`; a bare number is milliseconds). */
  | { readonly kind: 'duration' }
  /** A comma-separated list, each item one of `values()` (read when SET runs: extensions add names). */
  | { readonly kind: 'names'; readonly values: () => readonly string[] }
  /** Empty, or an absolute http(s) URL. */
  | { readonly kind: 'url' };

export interface SettingDefinition {
  /** Canonical spelling (SHOW column name, ParameterStatus name), e.g. `DateStyle`. */
  readonly name: string;
  readonly defaultValue: string;
  /** Sent as ParameterStatus at startup and whenever it changes. */
  readonly reported?: boolean;
  /** SET is refused (55P02 in PostgreSQL). */
  readonly readOnly?: boolean;
  readonly description: string;
  /** pg_settings.category; absent → 'Ungrouped'. */
  readonly category?: string;
  /** Typed parameters are validated and normalised by engine/setting-types.ts; untyped ones are strings. */
  readonly type?: SettingType;
}

/** What an extension adds: its parameters, and the prefixes it owns (PostgreSQL's MarkGUCPrefixReserved). */
export interface ExtensionSettings {
  readonly settings: readonly SettingDefinition[];
  /** `SET <prefix>.<unknown>` is 42602 instead of creating a placeholder. */
  readonly reservedPrefixes: readonly string[];
}
