/**
 * AST of the trigger statements: CREATE [OR REPLACE] TRIGGER, DROP TRIGGER, ALTER TRIGGER …
 * RENAME TO. (ENABLE / DISABLE TRIGGER are ALTER TABLE actions.) Part of ast.ts's `Statement`.
 */
import type { Expr } from './ast.js';

/** `CREATE [OR REPLACE] TRIGGER name timing events ON table [FOR EACH …] [WHEN (…)] EXECUTE FUNCTION f(args)`. */
export interface CreateTrigger {
  readonly kind: 'CreateTrigger';
  readonly name: string;
  readonly replace: boolean;
  readonly table: string;
  readonly timing: 'before' | 'after' | 'instead';
  readonly level: 'row' | 'statement';
  /** As written, each once: insert, delete, update, truncate. */
  readonly events: readonly ('insert' | 'update' | 'delete' | 'truncate')[];
  /** `UPDATE OF a, b`. */
  readonly updateColumns?: readonly string[];
  readonly when?: Expr;
  /** The function's name (`schema.name` when qualified). */
  readonly functionName: string;
  /** The arguments as text, as PostgreSQL stores them (tgargs). */
  readonly args: readonly string[];
}

/** `DROP TRIGGER [IF EXISTS] name ON table [CASCADE | RESTRICT]`. */
export interface DropTrigger {
  readonly kind: 'DropTrigger';
  readonly name: string;
  readonly table: string;
  readonly ifExists: boolean;
}

/** `ALTER TRIGGER name ON table RENAME TO newName`. */
export interface RenameTrigger {
  readonly kind: 'RenameTrigger';
  readonly name: string;
  readonly table: string;
  readonly newName: string;
}

export type TriggerStatement = CreateTrigger | DropTrigger | RenameTrigger;
