/**
 * CREATE SCHEMA, ALTER SCHEMA … RENAME TO, DROP SCHEMA → the schema statements, and ALTER TABLE |
 * VIEW | SEQUENCE … SET SCHEMA → an AlterTable with a SetSchema action. Schema elements
 * (`CREATE SCHEMA s CREATE TABLE …`), AUTHORIZATION of another role and moving other kinds of
 * object (types, functions …) are 0A000.
 */
import type { AlterObjectSchemaStmt, CreateSchemaStmt, DropStmt, RenameStmt } from 'libpg-query';
import type { AlterRelationKind, AlterTable, CreateSchema, DropSchema, RenameSchema } from '../ast.js';
import type { ConvertContext } from './convert-context.js';
import { notSupported } from './not-supported.js';
import { stringOf } from './pg-node.js';
import { relationName } from './qualified-name.js';

const RELATION_KINDS: Readonly<Record<string, AlterRelationKind>> = {
  OBJECT_TABLE: 'table', OBJECT_VIEW: 'view', OBJECT_SEQUENCE: 'sequence',
};

/** Convert CREATE SCHEMA. */
export function convertCreateSchema(s: CreateSchemaStmt, ctx: ConvertContext): CreateSchema {
  const role = s.authrole;
  // AUTHORIZATION of the current user (by keyword) changes nothing: there is one role.
  if (role && role.roletype === 'ROLESPEC_CSTRING') throw notSupported('CREATE SCHEMA … AUTHORIZATION', ctx, role.location);
  if ((s.schemaElts ?? []).length > 0) throw notSupported('CREATE SCHEMA with schema elements', ctx);
  return { kind: 'CreateSchema', name: s.schemaname ?? '', ifNotExists: s.if_not_exists ?? false };
}

/** DROP SCHEMA, or undefined for any other DROP. */
export function convertDropSchema(s: DropStmt): DropSchema | undefined {
  if (s.removeType !== 'OBJECT_SCHEMA') return undefined;
  return {
    kind: 'DropSchema', names: (s.objects ?? []).map((o) => stringOf(o)), ifExists: s.missing_ok ?? false,
    cascade: s.behavior === 'DROP_CASCADE',
  };
}

/** ALTER SCHEMA … RENAME TO, or undefined for any other rename. */
export function convertRenameSchema(s: RenameStmt): RenameSchema | undefined {
  if (s.renameType !== 'OBJECT_SCHEMA') return undefined;
  return { kind: 'RenameSchema', name: s.subname!, to: s.newname! };
}

/** ALTER TABLE | VIEW | SEQUENCE [IF EXISTS] name SET SCHEMA schema. */
export function convertSetSchema(s: AlterObjectSchemaStmt, ctx: ConvertContext): AlterTable {
  const relkind = RELATION_KINDS[s.objectType ?? ''];
  if (!relkind || !s.relation) {
    const what = String(s.objectType).replace(/^OBJECT_/, '').replace(/_/g, ' ').replace('MATVIEW', 'MATERIALIZED VIEW');
    throw notSupported(`ALTER ${what} … SET SCHEMA`, ctx);
  }
  return {
    kind: 'AlterTable', name: relationName(s.relation, ctx), ifExists: s.missing_ok ?? false,
    actions: [{ kind: 'SetSchema', schema: s.newschema! }], ...(relkind === 'table' ? {} : { relkind }),
  };
}
