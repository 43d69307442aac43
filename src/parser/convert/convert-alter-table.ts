/**
 * ALTER TABLE [IF EXISTS] [ONLY] t ADD [COLUMN] [IF NOT EXISTS] … | DROP [COLUMN] [IF EXISTS] …
 * (several, comma-separated) → AlterTable; ALTER TABLE t RENAME [COLUMN] a TO b | RENAME TO t2
 * (PostgreSQL's RenameStmt) → AlterTable with one rename action; [NO] INHERIT parent, ATTACH
 * PARTITION p FOR VALUES …, DETACH PARTITION p [CONCURRENTLY | FINALIZE]. Every other ALTER form
 * is 0A000 naming it.
 */
import type { AlterTableStmt, RenameStmt } from 'libpg-query';
import type { AlterTable, AlterTableAction } from '../ast.js';
import type { ConvertContext } from './convert-context.js';
import { convertColumnDef } from './convert-create-table.js';
import { convertPartitionBound } from './convert-partition.js';
import { notSupported } from './not-supported.js';
import { relationName } from './qualified-name.js';

/** ALTER TABLE sub-commands by PostgreSQL's AlterTableType, as users write them (for 0A000). */
const ACTION_NAMES: Readonly<Record<string, string>> = {
  AT_ColumnDefault: 'ALTER COLUMN SET/DROP DEFAULT', AT_DropNotNull: 'ALTER COLUMN DROP NOT NULL',
  AT_SetNotNull: 'ALTER COLUMN SET NOT NULL', AT_AlterColumnType: 'ALTER COLUMN TYPE',
  AT_AddConstraint: 'ADD CONSTRAINT', AT_DropConstraint: 'DROP CONSTRAINT', AT_ValidateConstraint: 'VALIDATE CONSTRAINT',
  AT_SetStatistics: 'ALTER COLUMN SET STATISTICS', AT_SetStorage: 'ALTER COLUMN SET STORAGE', AT_ChangeOwner: 'OWNER TO',
  AT_SetRelOptions: 'SET (…)', AT_ResetRelOptions: 'RESET (…)', AT_AddInherit: 'INHERIT', AT_DropInherit: 'NO INHERIT',
  AT_AttachPartition: 'ATTACH PARTITION', AT_DetachPartition: 'DETACH PARTITION', AT_AddIdentity: 'ADD GENERATED … AS IDENTITY',
  AT_SetLogged: 'SET LOGGED', AT_SetUnLogged: 'SET UNLOGGED', AT_EnableTrig: 'ENABLE TRIGGER', AT_DisableTrig: 'DISABLE TRIGGER',
  AT_EnableRowSecurity: 'ENABLE ROW LEVEL SECURITY', AT_ReplicaIdentity: 'REPLICA IDENTITY', AT_SetTableSpace: 'SET TABLESPACE',
};

const OBJECT_WORDS: Readonly<Record<string, string>> = {
  OBJECT_TABLE: 'TABLE', OBJECT_INDEX: 'INDEX', OBJECT_VIEW: 'VIEW', OBJECT_SEQUENCE: 'SEQUENCE',
  OBJECT_MATVIEW: 'MATERIALIZED VIEW', OBJECT_FOREIGN_TABLE: 'FOREIGN TABLE', OBJECT_COLUMN: 'COLUMN',
};

/** Convert ALTER TABLE (ADD / DROP COLUMN). */
export function convertAlterTable(s: AlterTableStmt, ctx: ConvertContext): AlterTable {
  const objectWord = OBJECT_WORDS[s.objtype ?? ''] ?? String(s.objtype);
  if (s.objtype !== 'OBJECT_TABLE') throw notSupported(`ALTER ${objectWord}`, ctx, s.relation?.location);
  const actions = (s.cmds ?? []).map((node): AlterTableAction => {
    if (!('AlterTableCmd' in node)) throw notSupported('this ALTER TABLE form', ctx);
    const cmd = node.AlterTableCmd;
    if (cmd.subtype === 'AT_AddColumn' && cmd.def && 'ColumnDef' in cmd.def) {
      return { kind: 'AddColumn', column: convertColumnDef(cmd.def.ColumnDef, ctx), ifNotExists: cmd.missing_ok ?? false };
    }
    if (cmd.subtype === 'AT_DropColumn') return { kind: 'DropColumn', name: cmd.name!, ifExists: cmd.missing_ok ?? false };
    if ((cmd.subtype === 'AT_AddInherit' || cmd.subtype === 'AT_DropInherit') && cmd.def && 'RangeVar' in cmd.def) {
      return { kind: cmd.subtype === 'AT_AddInherit' ? 'Inherit' : 'NoInherit', parent: relationName(cmd.def.RangeVar, ctx) };
    }
    if (cmd.def && 'PartitionCmd' in cmd.def) {
      const partition = relationName(cmd.def.PartitionCmd.name!, ctx);
      if (cmd.subtype === 'AT_AttachPartition') {
        return { kind: 'AttachPartition', partition, bound: convertPartitionBound(cmd.def.PartitionCmd.bound!, ctx) };
      }
      const mode = cmd.subtype === 'AT_DetachPartitionFinalize' ? 'finalize' : cmd.def.PartitionCmd.concurrent ? 'concurrently' : undefined;
      return { kind: 'DetachPartition', partition, ...(mode ? { mode } : {}) };
    }
    const what = ACTION_NAMES[cmd.subtype ?? ''] ?? String(cmd.subtype).replace(/^AT_/, '');
    throw notSupported(`ALTER TABLE … ${what}`, ctx, s.relation?.location);
  });
  return {
    kind: 'AlterTable', name: relationName(s.relation!, ctx), ifExists: s.missing_ok ?? false, actions,
    ...(s.relation!.inh ? {} : { only: true }),
  };
}

/** Convert ALTER TABLE … RENAME (column or table). */
export function convertRename(s: RenameStmt, ctx: ConvertContext): AlterTable {
  const table = s.relation ? relationName(s.relation, ctx) : '';
  const ifExists = s.missing_ok ?? false;
  if (s.renameType === 'OBJECT_TABLE') return { kind: 'AlterTable', name: table, ifExists, actions: [{ kind: 'RenameTable', to: s.newname! }] };
  if (s.renameType === 'OBJECT_COLUMN' && s.relationType === 'OBJECT_TABLE') {
    return {
      kind: 'AlterTable', name: table, ifExists, actions: [{ kind: 'RenameColumn', from: s.subname!, to: s.newname! }],
      ...(s.relation && !s.relation.inh ? { only: true } : {}),
    };
  }
  const objectWord = OBJECT_WORDS[s.renameType === 'OBJECT_COLUMN' ? s.relationType ?? '' : s.renameType ?? ''] ?? String(s.renameType).replace(/^OBJECT_/, '');
  throw notSupported(`ALTER ${objectWord} … RENAME`, ctx, s.relation?.location);
}
