/**
 * CREATE TYPE … AS (…) / AS ENUM, CREATE DOMAIN, ALTER TYPE (enum values, composite
 * attributes, RENAME), ALTER DOMAIN and DROP TYPE / DOMAIN → our AST (ast-user-types.ts).
 * Base types (CREATE TYPE with INPUT/OUTPUT functions), shell types and range types stay 0A000.
 */
import type {
  AlterDomainStmt, AlterEnumStmt, AlterTableStmt, CompositeTypeStmt, Constraint, CreateDomainStmt, CreateEnumStmt, DropStmt,
  Node, RenameStmt,
} from 'libpg-query';
import type {
  AlterDomain, AlterType, AlterTypeAction, CreateDomain, CreateType, DomainCheckDef, DropType,
} from '../ast-user-types.js';
import type { ConvertContext } from './convert-context.js';
import { convertExpr } from './convert-expr.js';
import { convertType } from './convert-type.js';
import { notSupported } from './not-supported.js';
import { listItems, stringsOf } from './pg-node.js';
import { dottedName } from './qualified-name.js';
import { parenthesizedText } from './source-spans.js';

/** A type name as written (`public.` dropped). */
function typeName(parts: readonly string[]): string {
  return dottedName(parts, true);
}

export function convertCompositeType(s: CompositeTypeStmt, ctx: ConvertContext): CreateType {
  const fields = (s.coldeflist ?? []).map((node) => {
    if (!('ColumnDef' in node)) throw notSupported('this attribute definition', ctx);
    const def = node.ColumnDef;
    return { name: def.colname!, type: convertType(def.typeName!, ctx) };
  });
  const name = s.typevar!.schemaname && s.typevar!.schemaname !== 'public' ? `${s.typevar!.schemaname}.${s.typevar!.relname!}` : s.typevar!.relname!;
  return { kind: 'CreateType', name, definition: { kind: 'composite', fields } };
}

export function convertCreateEnum(s: CreateEnumStmt, ctx: ConvertContext): CreateType {
  void ctx;
  return { kind: 'CreateType', name: typeName(stringsOf(s.typeName)), definition: { kind: 'enum', labels: stringsOf(s.vals) } };
}

function domainCheck(c: Constraint, ctx: ConvertContext): DomainCheckDef {
  return {
    ...(c.conname !== undefined ? { name: c.conname } : {}),
    expr: convertExpr(c.raw_expr!, ctx), text: parenthesizedText(ctx, c.location ?? 0),
  };
}

export function convertCreateDomain(s: CreateDomainStmt, ctx: ConvertContext): CreateDomain {
  let notNull = false;
  let defaultExpr: CreateDomain['default'];
  const checks: DomainCheckDef[] = [];
  for (const node of s.constraints ?? []) {
    if (!('Constraint' in node)) continue;
    const c = node.Constraint;
    switch (c.contype) {
      case 'CONSTR_NOTNULL': notNull = true; break;
      case 'CONSTR_NULL': notNull = false; break;
      case 'CONSTR_DEFAULT': defaultExpr = convertExpr(c.raw_expr!, ctx); break;
      case 'CONSTR_CHECK': checks.push(domainCheck(c, ctx)); break;
      default: throw notSupported(`${String(c.contype).replace(/^CONSTR_/, '')} constraints for domains`, ctx, c.location);
    }
  }
  if (s.collClause) throw notSupported('COLLATE on a domain', ctx);
  return {
    kind: 'CreateDomain', name: typeName(stringsOf(s.domainname)), base: convertType(s.typeName!, ctx), notNull, checks,
    ...(defaultExpr ? { default: defaultExpr } : {}),
  };
}

export function convertAlterEnum(s: AlterEnumStmt, ctx: ConvertContext): AlterType {
  void ctx;
  const name = typeName(stringsOf(s.typeName));
  if (s.oldVal !== undefined) return { kind: 'AlterType', name, actions: [{ kind: 'RenameValue', from: s.oldVal, to: s.newVal! }] };
  const neighbor = s.newValNeighbor !== undefined ? { neighbor: { label: s.newValNeighbor, after: s.newValIsAfter ?? false } } : {};
  return { kind: 'AlterType', name, actions: [{ kind: 'AddValue', label: s.newVal!, ifNotExists: s.skipIfNewValExists ?? false, ...neighbor }] };
}

/** ALTER TYPE t ADD / DROP / ALTER ATTRIBUTE (PostgreSQL parses these as ALTER TABLE on the type). */
export function convertAlterCompositeType(s: AlterTableStmt, ctx: ConvertContext): AlterType {
  const actions = (s.cmds ?? []).map((node): AlterTypeAction => {
    if (!('AlterTableCmd' in node)) throw notSupported('this ALTER TYPE form', ctx);
    const cmd = node.AlterTableCmd;
    if (cmd.behavior === 'DROP_CASCADE') throw notSupported('ALTER TYPE … CASCADE', ctx);
    if (cmd.subtype === 'AT_AddColumn' && cmd.def && 'ColumnDef' in cmd.def) {
      return { kind: 'AddAttribute', name: cmd.def.ColumnDef.colname!, type: convertType(cmd.def.ColumnDef.typeName!, ctx), ifNotExists: cmd.missing_ok ?? false };
    }
    if (cmd.subtype === 'AT_DropColumn') return { kind: 'DropAttribute', name: cmd.name!, ifExists: cmd.missing_ok ?? false };
    if (cmd.subtype === 'AT_AlterColumnType' && cmd.def && 'ColumnDef' in cmd.def) {
      return { kind: 'AlterAttributeType', name: cmd.name!, type: convertType(cmd.def.ColumnDef.typeName!, ctx) };
    }
    throw notSupported(`ALTER TYPE … ${String(cmd.subtype).replace(/^AT_/, '')}`, ctx, s.relation?.location);
  });
  const r = s.relation!;
  return { kind: 'AlterType', name: r.schemaname && r.schemaname !== 'public' ? `${r.schemaname}.${r.relname!}` : r.relname!, actions };
}

/** ALTER TYPE / DOMAIN … RENAME [TO | ATTRIBUTE | CONSTRAINT]; undefined for other objects' renames. */
export function convertRenameUserType(s: RenameStmt, ctx: ConvertContext): AlterType | AlterDomain | undefined {
  const objectName = (): string => typeName(stringsOf(s.object ? listItems(s.object) : []));
  switch (s.renameType) {
    case 'OBJECT_TYPE': return { kind: 'AlterType', name: objectName(), actions: [{ kind: 'Rename', to: s.newname! }] };
    case 'OBJECT_DOMAIN': return { kind: 'AlterDomain', name: objectName(), action: { kind: 'Rename', to: s.newname! } };
    case 'OBJECT_DOMCONSTRAINT':
      return { kind: 'AlterDomain', name: objectName(), action: { kind: 'RenameConstraint', from: s.subname!, to: s.newname! } };
    case 'OBJECT_ATTRIBUTE': {
      const r = s.relation!;
      if (s.behavior === 'DROP_CASCADE') throw notSupported('ALTER TYPE … CASCADE', ctx);
      return { kind: 'AlterType', name: r.relname!, actions: [{ kind: 'RenameAttribute', from: s.subname!, to: s.newname! }] };
    }
    default: return undefined;
  }
}

export function convertAlterDomain(s: AlterDomainStmt, ctx: ConvertContext): AlterDomain {
  const name = typeName(stringsOf(s.typeName));
  const def = s.def as Node | undefined;
  switch (s.subtype) {
    case 'T': return { kind: 'AlterDomain', name, action: { kind: 'SetDefault', ...(def ? { default: convertExpr(def, ctx) } : {}) } };
    case 'N': return { kind: 'AlterDomain', name, action: { kind: 'SetNotNull', notNull: false } };
    case 'O': return { kind: 'AlterDomain', name, action: { kind: 'SetNotNull', notNull: true } };
    case 'C': {
      if (!def || !('Constraint' in def)) throw notSupported('this ALTER DOMAIN form', ctx);
      const c = def.Constraint;
      if (c.contype === 'CONSTR_NOTNULL') return { kind: 'AlterDomain', name, action: { kind: 'SetNotNull', notNull: true } };
      if (c.contype !== 'CONSTR_CHECK') throw notSupported(`${String(c.contype).replace(/^CONSTR_/, '')} constraints for domains`, ctx, c.location);
      return { kind: 'AlterDomain', name, action: { kind: 'AddCheck', check: domainCheck(c, ctx) } };
    }
    case 'X': return { kind: 'AlterDomain', name, action: { kind: 'DropConstraint', name: s.name!, ifExists: s.missing_ok ?? false } };
    default: throw notSupported(`ALTER DOMAIN … ${s.subtype === 'V' ? 'VALIDATE CONSTRAINT' : String(s.subtype)}`, ctx);
  }
}

/** DROP TYPE / DROP DOMAIN; undefined for other object kinds. */
export function convertDropType(s: DropStmt): DropType | undefined {
  if (s.removeType !== 'OBJECT_TYPE' && s.removeType !== 'OBJECT_DOMAIN') return undefined;
  const names = (s.objects ?? []).map((o) => typeName('TypeName' in o ? stringsOf(o.TypeName.names) : stringsOf(listItems(o))));
  return {
    kind: 'DropType', domain: s.removeType === 'OBJECT_DOMAIN', names, ifExists: s.missing_ok ?? false,
    cascade: s.behavior === 'DROP_CASCADE',
  };
}
