/**
 * AST of the statements that define user types: CREATE TYPE … AS (…) / AS ENUM, CREATE DOMAIN,
 * ALTER TYPE, ALTER DOMAIN, DROP TYPE / DOMAIN. Part of ast.ts's `Statement`.
 */
import type { Expr, TypeRef } from './ast.js';

/** A domain's CHECK constraint: the expression over VALUE and its source text. */
export interface DomainCheckDef {
  readonly name?: string;
  readonly expr: Expr;
  readonly text: string;
}

/** `CREATE TYPE name AS (field type, …)` or `CREATE TYPE name AS ENUM ('a', …)`. */
export interface CreateType {
  readonly kind: 'CreateType';
  readonly name: string;
  readonly definition:
    | { readonly kind: 'composite'; readonly fields: readonly { readonly name: string; readonly type: TypeRef }[] }
    | { readonly kind: 'enum'; readonly labels: readonly string[] };
}

/** `CREATE DOMAIN name [AS] type [DEFAULT e] [[CONSTRAINT c] NOT NULL | NULL | CHECK (…)] …`. */
export interface CreateDomain {
  readonly kind: 'CreateDomain';
  readonly name: string;
  readonly base: TypeRef;
  readonly notNull: boolean;
  readonly default?: Expr;
  readonly checks: readonly DomainCheckDef[];
}

/** One ALTER TYPE action. */
export type AlterTypeAction =
  | { readonly kind: 'AddValue'; readonly label: string; readonly ifNotExists: boolean;
    readonly neighbor?: { readonly label: string; readonly after: boolean } }
  | { readonly kind: 'RenameValue'; readonly from: string; readonly to: string }
  | { readonly kind: 'Rename'; readonly to: string }
  | { readonly kind: 'AddAttribute'; readonly name: string; readonly type: TypeRef; readonly ifNotExists: boolean }
  | { readonly kind: 'DropAttribute'; readonly name: string; readonly ifExists: boolean }
  | { readonly kind: 'AlterAttributeType'; readonly name: string; readonly type: TypeRef }
  | { readonly kind: 'RenameAttribute'; readonly from: string; readonly to: string };

export interface AlterType {
  readonly kind: 'AlterType';
  readonly name: string;
  readonly actions: readonly AlterTypeAction[];
}

/** One ALTER DOMAIN action. */
export type AlterDomainAction =
  | { readonly kind: 'SetDefault'; readonly default?: Expr }
  | { readonly kind: 'SetNotNull'; readonly notNull: boolean }
  | { readonly kind: 'AddCheck'; readonly check: DomainCheckDef }
  | { readonly kind: 'DropConstraint'; readonly name: string; readonly ifExists: boolean }
  | { readonly kind: 'Rename'; readonly to: string }
  | { readonly kind: 'RenameConstraint'; readonly from: string; readonly to: string };

export interface AlterDomain {
  readonly kind: 'AlterDomain';
  readonly name: string;
  readonly action: AlterDomainAction;
}

/** `DROP TYPE | DOMAIN [IF EXISTS] a, b [CASCADE | RESTRICT]`. */
export interface DropType {
  readonly kind: 'DropType';
  readonly domain: boolean;
  readonly names: readonly string[];
  readonly ifExists: boolean;
  readonly cascade: boolean;
}

export type UserTypeStatement = CreateType | CreateDomain | AlterType | AlterDomain | DropType;
