/**
 * CREATE [TEMP] SEQUENCE, ALTER SEQUENCE and the options of an identity column
 * (`GENERATED … AS IDENTITY (START WITH 10 …)`): PostgreSQL's DefElem lists → `SequenceOption`s.
 * The grammar has already rejected malformed options; values are checked later by the catalog's
 * rules (so the errors are PostgreSQL's there too).
 */
import type { AlterSeqStmt, CreateSeqStmt, DefElem, Node } from 'libpg-query';
import type { AlterSequence, CreateSequence, SequenceOption } from '../ast.js';
import type { ConvertContext } from './convert-context.js';
import { convertType } from './convert-type.js';
import { notSupported } from './not-supported.js';
import { stringsOf, tagOf } from './pg-node.js';
import { dottedName, relationName } from './qualified-name.js';

/** Convert CREATE [TEMP] SEQUENCE [IF NOT EXISTS] name [options]. */
export function convertCreateSequence(s: CreateSeqStmt, ctx: ConvertContext): CreateSequence {
  return {
    kind: 'CreateSequence', name: relationName(s.sequence!, ctx, true), temporary: s.sequence!.relpersistence === 't',
    ifNotExists: s.if_not_exists ?? false, options: convertSequenceOptions(s.options, ctx),
  };
}

/** Convert ALTER SEQUENCE [IF EXISTS] name options. */
export function convertAlterSequence(s: AlterSeqStmt, ctx: ConvertContext): AlterSequence {
  return {
    kind: 'AlterSequence', name: relationName(s.sequence!, ctx, true), ifExists: s.missing_ok ?? false,
    options: convertSequenceOptions(s.options, ctx),
  };
}

/** A DefElem list of sequence options (CREATE/ALTER SEQUENCE, identity columns). */
export function convertSequenceOptions(options: readonly Node[] | undefined, ctx: ConvertContext): SequenceOption[] {
  return (options ?? []).map((node) => {
    if (!('DefElem' in node)) throw notSupported(`sequence option ${tagOf(node)}`, ctx);
    return convertOption(node.DefElem, ctx);
  });
}

function convertOption(d: DefElem, ctx: ConvertContext): SequenceOption {
  switch (d.defname) {
    case 'as':
      if (!d.arg || !('TypeName' in d.arg)) throw notSupported('sequence type', ctx, d.location);
      return { kind: 'As', type: convertType(d.arg.TypeName, ctx) };
    case 'increment': return { kind: 'Increment', value: integerOf(d.arg) };
    case 'minvalue': return { kind: 'MinValue', value: d.arg ? integerOf(d.arg) : null };
    case 'maxvalue': return { kind: 'MaxValue', value: d.arg ? integerOf(d.arg) : null };
    case 'start': return { kind: 'Start', value: integerOf(d.arg) };
    case 'restart': return d.arg ? { kind: 'Restart', value: integerOf(d.arg) } : { kind: 'Restart' };
    case 'cache': return { kind: 'Cache', value: integerOf(d.arg) };
    case 'cycle': return { kind: 'Cycle', cycle: d.arg !== undefined && 'Boolean' in d.arg ? d.arg.Boolean.boolval === true : true };
    case 'owned_by': {
      const parts = stringsOf(d.arg && 'List' in d.arg ? d.arg.List.items : []);
      if (parts.length === 1 && parts[0] === 'none') return { kind: 'OwnedBy' };
      const column = parts.pop()!;
      return { kind: 'OwnedBy', table: dottedName(parts, true), column };
    }
    case 'sequence_name': return { kind: 'SequenceName', name: dottedName(stringsOf(d.arg && 'List' in d.arg ? d.arg.List.items : []), true) };
    default: throw notSupported(`sequence option ${d.defname!.toUpperCase()}`, ctx, d.location);
  }
}

/** A sequence option's number: Integer, or Float for values past int4 (as PostgreSQL's grammar hands them over). */
function integerOf(arg: Node | undefined): bigint {
  if (arg && 'Integer' in arg) return BigInt(arg.Integer.ival ?? 0);
  if (arg && 'Float' in arg) return BigInt(arg.Float.fval!);
  return 0n;
}
