/**
 * The run-time parameters this server knows, with PostgreSQL 15's defaults, which ones are
 * reported to the client with ParameterStatus (GUC_REPORT), and which are read-only.
 */
import type { ExtensionSettings, SettingDefinition, SettingType } from '../common/setting-definition.js';
import { HTTP_URL_SETTING } from '../common/image-url-path.js';
import { DISABLED_SETTING, ruleNames } from '../optimizer/index.js';
import { PLANNER_SETTINGS } from './planner-settings-catalog.js';

export type { SettingDefinition } from '../common/setting-definition.js';

/** `server_version` as clients parse it: must start with the major.minor we emulate. */
export const SERVER_VERSION = '15.8 (ThanoSQL-lite 0.1)';
export const SERVER_VERSION_NUM = '150008';
const LOCALE = 'C.UTF-8';
/** transaction_isolation's values, in PostgreSQL's order (pg_settings.enumvals). */
const ISOLATION: SettingType = { kind: 'enum', values: ['serializable', 'repeatable read', 'read committed', 'read uncommitted'] };
const BOOL: SettingType = { kind: 'bool' };

const defs: SettingDefinition[] = [
  { name: 'application_name', defaultValue: '', reported: true, description: 'Sets the application name to be reported in statistics and logs.' },
  { name: 'client_encoding', defaultValue: 'UTF8', reported: true, description: "Sets the client's character set encoding." },
  { name: 'DateStyle', defaultValue: 'ISO, MDY', reported: true, description: 'Sets the display format for date and time values.' },
  { name: 'default_transaction_read_only', defaultValue: 'off', reported: true, description: 'Sets the default read-only status of new transactions.', type: BOOL },
  { name: 'in_hot_standby', defaultValue: 'off', reported: true, readOnly: true, description: 'Shows whether hot standby is currently active.' },
  { name: 'integer_datetimes', defaultValue: 'on', reported: true, readOnly: true, description: 'Shows whether datetimes are integer based.' },
  { name: 'IntervalStyle', defaultValue: 'postgres', reported: true, description: 'Sets the display format for interval values.' },
  { name: 'is_superuser', defaultValue: 'on', reported: true, readOnly: true, description: 'Shows whether the current user is a superuser.' },
  { name: 'server_encoding', defaultValue: 'UTF8', reported: true, readOnly: true, description: 'Shows the server (database) character set encoding.' },
  { name: 'server_version', defaultValue: SERVER_VERSION, reported: true, readOnly: true, description: 'Shows the server version.' },
  // SET SESSION AUTHORIZATION / SET ROLE: only to the one role (settings.ts checks the name).
  { name: 'session_authorization', defaultValue: 'thanosql', reported: true, description: 'Sets the session user name.' },
  { name: 'role', defaultValue: 'none', description: 'Sets the current role.' },
  { name: 'standard_conforming_strings', defaultValue: 'on', reported: true, description: "Causes '...' strings to treat backslashes literally." },
  { name: 'TimeZone', defaultValue: 'Etc/UTC', reported: true, description: 'Sets the time zone for displaying and interpreting time stamps.' },
  { name: 'server_version_num', defaultValue: SERVER_VERSION_NUM, readOnly: true, description: 'Shows the server version as an integer.' },
  { name: 'search_path', defaultValue: '"$user", public', description: 'Sets the schema search order for names that are not schema-qualified.' },
  { name: 'extra_float_digits', defaultValue: '1', description: 'Sets the number of digits displayed for floating-point values.' },
  { name: 'transaction_isolation', defaultValue: 'read committed', description: "Sets the current transaction's isolation level.", type: ISOLATION },
  { name: 'default_transaction_isolation', defaultValue: 'read committed', description: 'Sets the transaction isolation level of each new transaction.', type: ISOLATION },
  { name: 'transaction_read_only', defaultValue: 'off', description: "Sets the current transaction's read-only status.", type: BOOL },
  { name: 'default_transaction_deferrable', defaultValue: 'off', description: 'Sets the default deferrable status of new transactions.', type: BOOL },
  { name: 'transaction_deferrable', defaultValue: 'off', description: 'Whether to defer a read-only serializable transaction.', type: BOOL },
  { name: 'max_identifier_length', defaultValue: '63', readOnly: true, description: 'Shows the maximum identifier length.' },
  { name: 'max_index_keys', defaultValue: '32', readOnly: true, description: 'Shows the maximum number of index keys.' },
  { name: 'block_size', defaultValue: '8192', readOnly: true, description: 'Shows the size of a disk block.' },
  { name: 'max_connections', defaultValue: '100', readOnly: true, description: 'Sets the maximum number of concurrent connections.' },
  { name: 'lc_collate', defaultValue: LOCALE, readOnly: true, description: 'Shows the collation order locale.' },
  { name: 'lc_ctype', defaultValue: LOCALE, readOnly: true, description: 'Shows the character classification and case conversion locale.' },
  { name: 'lc_messages', defaultValue: LOCALE, description: 'Sets the language in which messages are displayed.' },
  { name: 'lc_monetary', defaultValue: LOCALE, description: 'Sets the locale for formatting monetary amounts.' },
  { name: 'lc_numeric', defaultValue: LOCALE, description: 'Sets the locale for formatting numbers.' },
  { name: 'lc_time', defaultValue: LOCALE, description: 'Sets the locale for formatting date and time values.' },
  { name: 'client_min_messages', defaultValue: 'notice', description: 'Sets the message levels that are sent to the client.' },
  { name: 'bytea_output', defaultValue: 'hex', description: 'Sets the output format for bytea.' },
  { name: 'statement_timeout', defaultValue: '0', description: 'Sets the maximum allowed duration of any statement.' },
  { name: 'lock_timeout', defaultValue: '0', description: 'Sets the maximum allowed duration of any wait for a lock.' },
  { name: 'idle_in_transaction_session_timeout', defaultValue: '0', description: 'Sets the maximum allowed idle time between queries, when in a transaction.' },
  { name: 'idle_session_timeout', defaultValue: '0', description: 'Sets the maximum allowed idle time between queries, when not in a transaction.' },
  { name: 'timezone_abbreviations', defaultValue: 'Default', description: 'Selects a file of time zone abbreviations.' },
  { name: 'escape_string_warning', defaultValue: 'on', description: 'Warn about backslash escapes in ordinary string literals.' },
  { name: 'synchronous_commit', defaultValue: 'on', description: "Sets the current transaction's synchronization level." },
  { name: 'row_security', defaultValue: 'on', description: 'Enable row security.' },
  { name: 'work_mem', defaultValue: '4MB', description: 'Sets the maximum memory to be used for query workspaces.', type: { kind: 'integer', min: 64, max: 2147483647, unit: 'kB' } },
  // ThanoSQL: no operator spills to disk, so one budget per statement bounds what it may hold
  // (execution/memory-budget.ts); past it the statement fails with 53200.
  { name: 'statement_mem', defaultValue: '512MB', description: 'Sets the most memory one statement may hold in sorts, hash tables and other materialised rows.' },
  { name: 'max_stack_depth', defaultValue: '2MB', description: 'Sets the maximum stack depth, in kilobytes.', type: { kind: 'integer', min: 100, max: 2147483647, unit: 'kB' } },
  // No JIT exists here; PostgreSQL's default is shown, as a build without LLVM also shows it.
  { name: 'jit', defaultValue: 'on', description: 'Allow JIT compilation.', type: { kind: 'bool' } },
  ...PLANNER_SETTINGS,
  // ThanoSQL's own; the CLIP extension adds its parameters when a Database opens it.
  { name: DISABLED_SETTING, defaultValue: '', description: 'Optimizer rules to skip, comma-separated (EXPLAIN shows the effect).', category: 'ThanoSQL', type: { kind: 'names', values: ruleNames } },
  { name: HTTP_URL_SETTING, defaultValue: '', description: 'Base URL of the HTTP server, for image_url() and PRINT IMAGE gallery links.', category: 'ThanoSQL', type: { kind: 'url' } },
];

/** The parameters a Database knows (the core's and its extensions'), keyed by lower-cased name. */
export interface SettingsCatalog {
  readonly definitions: ReadonlyMap<string, SettingDefinition>;
  /** Prefixes under which no placeholder may be created (`thanosql`, and what extensions reserve). */
  readonly reservedPrefixes: ReadonlySet<string>;
}

/** The core's prefix: a mistyped `SET thanosql.exact_serch` must fail, not be kept silently. */
const CORE_PREFIXES = ['thanosql'];

/** The core's catalog plus what the extensions add. */
export function settingsCatalog(extensions: readonly ExtensionSettings[] = []): SettingsCatalog {
  const all = [...defs, ...extensions.flatMap((e) => e.settings)];
  return {
    definitions: new Map(all.map((d) => [d.name.toLowerCase(), d])),
    reservedPrefixes: new Set([...CORE_PREFIXES, ...extensions.flatMap((e) => e.reservedPrefixes)].map((p) => p.toLowerCase())),
  };
}

/** The core's parameters alone (a Settings made without a Database). */
export const CORE_SETTINGS: SettingsCatalog = settingsCatalog();
