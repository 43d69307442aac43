/**
 * CREATE SCHEMA, ALTER SCHEMA … RENAME TO and DROP SCHEMA against the catalog, with PostgreSQL's
 * messages and command tags. A schema's relations are the tables whose stored name starts with
 * `schema.` (catalog/schemas.ts): renaming the schema renames them, and DROP … CASCADE drops
 * them (and what depends on them) while RESTRICT refuses while any exist (2BP01).
 */
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import { findSchema, nameInSchema, schemaExists, userSchemaOf } from '../../catalog/index.js';
import type { CreateSchema, DropSchema, RenameSchema } from '../../parser/ast.js';
import type { StoredTable } from '../../storage/storage-api.js';
import type { ExecContext } from '../exec-context.js';
import type { CommandResult } from '../statement-api.js';
import { dropRelations } from './drop-dependents.js';

export type SchemaCommand = CreateSchema | RenameSchema | DropSchema;

function notice(ctx: ExecContext, message: string, detail?: string): void {
  ctx.run.notice({ severity: 'NOTICE', code: SQLSTATE.SuccessfulCompletion, message, ...(detail ? { detail } : {}) });
}

/** 42939 for a `pg_` name, as PostgreSQL reserves the prefix for system schemas. */
function assertAcceptableName(name: string): void {
  if (name.startsWith('pg_')) {
    throw new SqlError(SQLSTATE.ReservedName, `unacceptable schema name "${name}"`, {
      detail: 'The prefix "pg_" is reserved for system schemas.',
    });
  }
}

/** The relations stored in user schema `name`. */
function relationsIn(ctx: ExecContext, name: string): StoredTable[] {
  const objects = ctx.run.txn.listObjects();
  return ctx.run.txn.listTables().filter((t) => !t.temporary && userSchemaOf(objects, t.name)?.schema.name === name);
}

export function runSchemaCommand(plan: SchemaCommand, ctx: ExecContext): CommandResult {
  const txn = ctx.run.txn;
  switch (plan.kind) {
    case 'CreateSchema': {
      if (schemaExists(txn.listObjects(), plan.name)) {
        if (!plan.ifNotExists) throw new SqlError(SQLSTATE.DuplicateSchema, `schema "${plan.name}" already exists`);
        notice(ctx, `schema "${plan.name}" already exists, skipping`);
        return { tag: 'CREATE SCHEMA' };
      }
      assertAcceptableName(plan.name);
      txn.putObject({ kind: 'schema', id: txn.allocateOid(), name: plan.name, version: 0 });
      return { tag: 'CREATE SCHEMA' };
    }
    case 'RenameSchema': {
      const schema = findSchema(txn.listObjects(), plan.name);
      if (!schema) throw builtinOrMissing(txn.listObjects(), plan.name, 'rename');
      if (schemaExists(txn.listObjects(), plan.to)) throw new SqlError(SQLSTATE.DuplicateSchema, `schema "${plan.to}" already exists`);
      assertAcceptableName(plan.to);
      const contents = relationsIn(ctx, plan.name);
      txn.putObject({ ...schema, name: plan.to });
      for (const t of contents) txn.replaceTable({ ...t, name: nameInSchema(plan.to, t.name.slice(plan.name.length + 1)) }, []);
      return { tag: 'ALTER SCHEMA' };
    }
    case 'DropSchema': {
      for (const name of plan.names) dropSchema(ctx, name, plan);
      return { tag: 'DROP SCHEMA' };
    }
  }
}

function builtinOrMissing(objects: Parameters<typeof schemaExists>[0], name: string, verb: string): SqlError {
  if (schemaExists(objects, name)) return new SqlError(SQLSTATE.FeatureNotSupported, `cannot ${verb} built-in schema "${name}"`);
  return new SqlError(SQLSTATE.InvalidSchemaName, `schema "${name}" does not exist`);
}

function dropSchema(ctx: ExecContext, name: string, plan: DropSchema): void {
  const txn = ctx.run.txn;
  const schema = findSchema(txn.listObjects(), name);
  if (!schema) {
    if (plan.ifExists && !schemaExists(txn.listObjects(), name)) {
      notice(ctx, `schema "${name}" does not exist, skipping`);
      return;
    }
    throw builtinOrMissing(txn.listObjects(), name, 'drop');
  }
  // Sequences owned by a column go with their table: PostgreSQL does not list them.
  const contents = relationsIn(ctx, name);
  const listed = contents.filter((t) => !t.sequence?.ownedBy);
  if (listed.length > 0) {
    const lines = listed.map((t) => `${t.view ? 'view' : t.sequence ? 'sequence' : 'table'} ${t.name}`);
    if (!plan.cascade) {
      throw new SqlError(SQLSTATE.DependentObjectsStillExist, `cannot drop schema ${name} because other objects depend on it`, {
        detail: lines.map((l) => `${l} depends on schema ${name}`).join('\n'),
        hint: 'Use DROP ... CASCADE to drop the dependent objects too.',
      });
    }
    if (lines.length === 1) notice(ctx, `drop cascades to ${lines[0]!}`);
    else notice(ctx, `drop cascades to ${lines.length} other objects`, lines.map((l) => `drop cascades to ${l}`).join('\n'));
    dropRelations(ctx, listed, true);
  }
  txn.dropObject(schema);
}
