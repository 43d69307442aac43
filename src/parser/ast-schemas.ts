/**
 * AST of the statements that make, rename and drop schemas: CREATE SCHEMA, ALTER SCHEMA …
 * RENAME TO, DROP SCHEMA. (Moving a relation, `ALTER TABLE … SET SCHEMA`, is an ALTER TABLE
 * action.) Part of ast.ts's `Statement`; the planner passes them through as logical commands.
 */

/** `CREATE SCHEMA [IF NOT EXISTS] name`. */
export interface CreateSchema {
  readonly kind: 'CreateSchema';
  readonly name: string;
  readonly ifNotExists: boolean;
}

/** `ALTER SCHEMA name RENAME TO to`. */
export interface RenameSchema {
  readonly kind: 'RenameSchema';
  readonly name: string;
  readonly to: string;
}

/** `DROP SCHEMA [IF EXISTS] name, … [CASCADE | RESTRICT]`. */
export interface DropSchema {
  readonly kind: 'DropSchema';
  readonly names: readonly string[];
  readonly ifExists: boolean;
  readonly cascade: boolean;
}

export type SchemaStatement = CreateSchema | RenameSchema | DropSchema;
