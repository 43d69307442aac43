/**
 * User-defined types as the type system carries them: composite types (CREATE TYPE … AS (…)),
 * enums (CREATE TYPE … AS ENUM) and domains (CREATE DOMAIN). A SqlType holds the resolved
 * facts (fields, labels, constraints) so codecs, casts and comparisons need no catalog; the
 * catalog rewrites the types it stored when ALTER TYPE / ALTER DOMAIN changes them.
 *
 * An enum value is its label's sort position (a number), so ordering, grouping and storage
 * need nothing from the type; only its text and binary forms read the labels.
 */
import { SqlError, SQLSTATE } from '../common/sql-error.js';

/** One label of an enum, with its pg_enum OID and sort order (enumsortorder). */
export interface EnumLabel {
  readonly oid: number;
  readonly label: string;
  readonly sortOrder: number;
}

/** What makes an element type a user type: its pg_type OIDs and name, and an enum's labels. */
export interface UserTypeInfo {
  readonly kind: 'composite' | 'enum';
  readonly oid: number;
  readonly arrayOid: number;
  readonly name: string;
  /** Composite: pg_class OID of the type's relation (pg_type.typrelid); 0 for enums. */
  readonly relOid: number;
  /** Enum labels in sort order. */
  readonly labels?: readonly EnumLabel[];
}

/** One CHECK constraint of a domain: its expression over VALUE as SQL text. */
export interface DomainCheck {
  readonly oid: number;
  readonly name: string;
  /** `(VALUE > 0)` as pg_get_constraintdef's CHECK shows it (parenthesised). */
  readonly sql: string;
}

/**
 * A domain: the whole SqlType it is attached to is the domain (its id, array and typmod are
 * the base type's). `notNull` and `checks` are its own; a domain over a domain has the base
 * domain's as `base` (pg_type.typbasetype), whose constraints apply too.
 */
export interface DomainInfo {
  readonly oid: number;
  readonly arrayOid: number;
  readonly name: string;
  readonly notNull: boolean;
  readonly checks: readonly DomainCheck[];
  /** DEFAULT as SQL text (a column of the domain without its own default uses it). */
  readonly defaultSql?: string;
  /** The domain this one is built on, when it is built on a domain. */
  readonly base?: DomainInfo;
}

/** The domains a domain is built on, outermost first (itself included). */
export function domainChain(domain: DomainInfo): DomainInfo[] {
  const chain: DomainInfo[] = [];
  for (let d: DomainInfo | undefined = domain; d; d = d.base) chain.push(d);
  return chain;
}

/** The text of an enum value (its label). */
export function enumLabelOf(info: UserTypeInfo, value: number): string {
  const found = info.labels?.find((l) => l.sortOrder === value);
  if (!found) throw new SqlError(SQLSTATE.InvalidBinaryRepresentation, `invalid internal value for enum: ${value}`);
  return found.label;
}

/** The value of an enum label; 22P02 as PostgreSQL's enum_in words it. */
export function enumValueOf(info: UserTypeInfo, label: string): number {
  const found = info.labels?.find((l) => l.label === label);
  if (!found) throw new SqlError(SQLSTATE.InvalidTextRepresentation, `invalid input value for enum ${info.name}: "${label}"`);
  return found.sortOrder;
}
