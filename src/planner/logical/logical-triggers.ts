/**
 * Logical commands for triggers: CREATE TRIGGER with its WHEN condition checked and kept as
 * SQL text (the executor evaluates it through the session's routine runner), DROP TRIGGER and
 * ALTER TRIGGER … RENAME as written. They run against the catalog in
 * execution/commands/run-triggers.ts.
 */
import type { DropTrigger, RenameTrigger } from '../../parser/ast.js';
import type { StoredTrigger } from '../../types/stored-table.js';

/** CREATE [OR REPLACE] TRIGGER: the trigger as stored, less what the catalog assigns (OID) or the run resolves (function, columns). */
export interface LogicalCreateTrigger {
  readonly kind: 'CreateTrigger';
  readonly replace: boolean;
  readonly table: string;
  readonly functionName: string;
  /** UPDATE OF column names (resolved to ids when it runs). */
  readonly updateColumns?: readonly string[];
  readonly trigger: Omit<StoredTrigger, 'oid' | 'functionId' | 'updateColumns' | 'enabled'>;
}

export type LogicalTriggerCommand = LogicalCreateTrigger | DropTrigger | RenameTrigger;
