/**
 * pg_catalog.pg_settings: the session's run-time parameters (pgJDBC reads max_index_keys,
 * DBeaver standard_conforming_strings). Values are the session's current ones; typed
 * parameters (the planner's, work_mem …) show their type, unit, bounds and category, the others
 * are strings.
 */
import type { SettingInfo, SystemSource, SystemTableDef } from './system-table.js';

/** Parameters shown when the session cannot list its own (tests and tools that build sources by hand). */
const FALLBACK_NAMES = [
  'application_name', 'client_encoding', 'DateStyle', 'IntervalStyle', 'max_identifier_length', 'max_index_keys',
  'search_path', 'server_encoding', 'server_version', 'server_version_num', 'standard_conforming_strings', 'TimeZone',
];

function settings(source: SystemSource): readonly SettingInfo[] {
  if (source.listSettings) return source.listSettings();
  return FALLBACK_NAMES.flatMap((name) => {
    const setting = source.setting(name.toLowerCase());
    return setting === undefined ? [] : [{ name, setting, description: '', readOnly: false }];
  });
}

export const pgSettings: SystemTableDef = {
  schema: 'pg_catalog', name: 'pg_settings',
  rows: (source) => settings(source).map((s) => ({
    name: s.name, setting: s.setting, unit: s.unit ?? null, category: s.category ?? 'Ungrouped', short_desc: s.description,
    extra_desc: null, context: s.readOnly ? 'internal' : 'user', vartype: s.vartype ?? 'string', source: 'default',
    min_val: s.minVal ?? null, max_val: s.maxVal ?? null, enumvals: s.enumVals ?? null, boot_val: s.bootVal ?? s.setting,
    reset_val: s.resetVal ?? s.setting, sourcefile: null, sourceline: null, pending_restart: false,
  })),
};
