/**
 * Logical commands for user types (CREATE TYPE / DOMAIN, ALTER TYPE / DOMAIN, DROP TYPE /
 * DOMAIN): the statement with its written types resolved and its DEFAULT / CHECK expressions
 * validated and turned into the SQL text the catalog stores. The catalog itself is read and
 * changed when the command runs (execution/commands/run-user-types.ts).
 */
import type { AlterDomainAction, AlterTypeAction, DropType } from '../../parser/ast.js';
import type { RecordField, SqlType } from '../../types/sql-type.js';
import type { BoundExpr } from './bound-expr.js';

/** A CHECK over VALUE: its catalog text and, for ADD CONSTRAINT, the bound test of stored values. */
export interface DomainCheckSpec {
  readonly name?: string;
  readonly sql: string;
  /** Bound over the column `valueId` of LogicalAlterDomain (ALTER DOMAIN … ADD CHECK validates stored values). */
  readonly expr?: BoundExpr;
}

/** ALTER TYPE actions with their types resolved. */
export type ResolvedAlterTypeAction =
  | Exclude<AlterTypeAction, { kind: 'AddAttribute' | 'AlterAttributeType' }>
  | { readonly kind: 'AddAttribute'; readonly name: string; readonly type: SqlType; readonly ifNotExists: boolean }
  | { readonly kind: 'AlterAttributeType'; readonly name: string; readonly type: SqlType };

/** ALTER DOMAIN actions with DEFAULT and CHECK turned into catalog text. */
export type ResolvedAlterDomainAction =
  | Exclude<AlterDomainAction, { kind: 'SetDefault' | 'AddCheck' }>
  | { readonly kind: 'SetDefault'; readonly defaultSql?: string }
  | { readonly kind: 'AddCheck'; readonly check: DomainCheckSpec };

export type LogicalUserTypeCommand =
  | { readonly kind: 'CreateCompositeType'; readonly name: string; readonly fields: readonly RecordField[] }
  | { readonly kind: 'CreateEnumType'; readonly name: string; readonly labels: readonly string[] }
  | {
    readonly kind: 'CreateDomain'; readonly name: string; readonly base: SqlType; readonly notNull: boolean;
    readonly defaultSql?: string; readonly checks: readonly DomainCheckSpec[];
  }
  | { readonly kind: 'AlterUserType'; readonly name: string; readonly actions: readonly ResolvedAlterTypeAction[] }
  | { readonly kind: 'AlterDomain'; readonly name: string; readonly action: ResolvedAlterDomainAction; readonly valueId: number }
  | DropType;
