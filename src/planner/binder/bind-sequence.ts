/**
 * CREATE/ALTER SEQUENCE binding, and the sequences serial and identity columns own: the
 * written options become `SequenceSettings` (checked by the catalog's defineSequence when the
 * command runs, with PostgreSQL's 22023 messages), RESTART and OWNED BY are kept apart.
 */
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import type { SequenceSettings } from '../../catalog/sequence-definition.js';
import type { AlterSequence, ColumnDef, CreateSequence, SequenceOption } from '../../parser/ast.js';
import type { SqlType } from '../../types/sql-type.js';
import type { ColumnSequence, LogicalAlterSequence, LogicalCreateSequence, SequenceOwner } from '../logical/logical-plan.js';
import type { BindContext } from './bind-context.js';
import { bindTypeRef } from './expression/bind-type-ref.js';

interface BoundOptions {
  settings: SequenceSettings;
  restart?: { value?: bigint };
  ownedBy?: SequenceOwner | null;
  name?: string;
}

/** Splits written options; a repeated option is 42601 ("conflicting or redundant options"). */
function bindOptions(options: readonly SequenceOption[]): BoundOptions {
  const settings: { -readonly [K in keyof SequenceSettings]: SequenceSettings[K] } = {};
  const out: BoundOptions = { settings };
  const seen = new Set<string>();
  for (const option of options) {
    if (seen.has(option.kind)) throw new SqlError(SQLSTATE.SyntaxError, 'conflicting or redundant options');
    seen.add(option.kind);
    switch (option.kind) {
      case 'As': settings.type = bindTypeRef(option.type).id; break;
      case 'Increment': settings.increment = option.value; break;
      case 'MinValue': settings.min = option.value; break;
      case 'MaxValue': settings.max = option.value; break;
      case 'Start': settings.start = option.value; break;
      case 'Cache': settings.cache = option.value; break;
      case 'Cycle': settings.cycle = option.cycle; break;
      case 'Restart': out.restart = option.value === undefined ? {} : { value: option.value }; break;
      case 'OwnedBy': out.ownedBy = option.table === undefined ? null : { table: option.table, column: option.column! }; break;
      case 'SequenceName': out.name = option.name; break;
    }
  }
  return out;
}

export function bindCreateSequence(bind: BindContext, statement: CreateSequence): LogicalCreateSequence {
  const { settings, ownedBy, name } = bindOptions(statement.options);
  if (name !== undefined) throw new SqlError(SQLSTATE.SyntaxError, 'option "sequence_name" not recognized');
  return {
    kind: 'CreateSequence', name: bind.creationName(statement.name, statement.temporary === true), temporary: statement.temporary, ifNotExists: statement.ifNotExists, settings,
    ...(ownedBy !== undefined ? { ownedBy } : {}),
  };
}

export function bindAlterSequence(_bind: BindContext, statement: AlterSequence): LogicalAlterSequence {
  const { settings, restart, ownedBy } = bindOptions(statement.options);
  return {
    kind: 'AlterSequence', name: statement.name, ifExists: statement.ifExists, settings,
    ...(restart ? { restart } : {}), ...(ownedBy !== undefined ? { ownedBy } : {}),
  };
}

const SEQUENCE_TYPES = new Set(['int2', 'int4', 'int8']);

/**
 * The sequence of a serial or identity column of `table` (typed like the column), or undefined
 * for an ordinary column; PostgreSQL's errors for a default next to either, and for identity
 * on a non-integer type.
 */
export function columnSequence(table: string, def: ColumnDef, type: SqlType): ColumnSequence | undefined {
  if (def.identity) {
    if (def.default) {
      throw new SqlError(SQLSTATE.SyntaxError, `both default and identity specified for column "${def.name}" of table "${table}"`);
    }
    if (type.array || !SEQUENCE_TYPES.has(type.id)) {
      throw new SqlError(SQLSTATE.InvalidParameterValue, 'identity column type must be smallint, integer, or bigint');
    }
    const { settings, name, ownedBy, restart } = bindOptions(def.identity.options);
    if (ownedBy !== undefined || restart) throw new SqlError(SQLSTATE.SyntaxError, 'conflicting or redundant options');
    return {
      column: def.name, settings: { ...settings, type: type.id }, identity: def.identity.always ? 'a' : 'd',
      ...(name !== undefined ? { name } : {}),
    };
  }
  if (!def.serial) return undefined;
  if (def.default) {
    throw new SqlError(SQLSTATE.SyntaxError, `multiple default values specified for column "${def.name}" of table "${table}"`);
  }
  return { column: def.name, settings: { type: type.id } };
}
