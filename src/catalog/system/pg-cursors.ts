/**
 * pg_catalog.pg_cursors: the session's open cursors (DECLARE), as the session lists them.
 */
import type { SystemTableDef } from './system-table.js';

export const pgCursors: SystemTableDef = {
  schema: 'pg_catalog', name: 'pg_cursors',
  rows: (source) => (source.listCursors?.() ?? []).map((c) => ({
    name: c.name, statement: c.statement, is_holdable: c.holdable, is_binary: c.binary, is_scrollable: c.scrollable,
    creation_time: c.created,
  })),
};
