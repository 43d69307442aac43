/**
 * ALTER TABLE | INDEX | VIEW [IF EXISTS] [ONLY] t action[, …] → AlterTable: ADD/DROP COLUMN,
 * ADD/DROP/VALIDATE CONSTRAINT, ALTER COLUMN SET/DROP NOT NULL, SET/DROP DEFAULT, TYPE … USING,
 * SET STATISTICS, SET STORAGE, [NO] INHERIT parent, ATTACH PARTITION p FOR VALUES …, DETACH
 * PARTITION p [CONCURRENTLY | FINALIZE], ENABLE [ALWAYS | REPLICA] / DISABLE TRIGGER name | ALL | USER. ALTER TABLE|INDEX|VIEW|SEQUENCE … RENAME
 * [COLUMN|CONSTRAINT] (PostgreSQL's RenameStmt) → AlterTable with one rename action. Every other
 * ALTER form is 0A000 naming it.
 */
import type { AlterTableCmd, AlterTableStmt, RenameStmt } from 'libpg-query';
import type { AlterRelationKind, AlterTable, AlterTableAction } from '../ast.js';
import type { ConvertContext } from './convert-context.js';
import { convertConstraint } from './convert-constraint.js';
import { convertColumnDef } from './convert-create-table.js';
import { convertPartitionBound } from './convert-partition.js';
import { convertExpr } from './convert-expr.js';
import { convertRelOptions } from './convert-rel-options.js';
import { convertType } from './convert-type.js';
import { notSupported } from './not-supported.js';
import { listItems } from './pg-node.js';
import { relationName } from './qualified-name.js';

/** ALTER TABLE sub-commands by PostgreSQL's AlterTableType, as users write them (for 0A000). */
const ACTION_NAMES: Readonly<Record<string, string>> = {
  AT_ChangeOwner: 'OWNER TO', AT_AddInherit: 'INHERIT', AT_DropInherit: 'NO INHERIT',
  AT_AttachPartition: 'ATTACH PARTITION', AT_DetachPartition: 'DETACH PARTITION', AT_AddIdentity: 'ADD GENERATED … AS IDENTITY',
  AT_EnableRowSecurity: 'ENABLE ROW LEVEL SECURITY',
  AT_SetTableSpace: 'SET TABLESPACE', AT_AlterConstraint: 'ALTER CONSTRAINT', AT_AddOf: 'OF type', AT_DropOf: 'NOT OF',
  AT_DropOids: 'SET WITHOUT OIDS', AT_SetRelOptions: 'SET (…)', AT_ResetRelOptions: 'RESET (…)', AT_SetOptions: 'ALTER COLUMN SET (…)',
  AT_ResetOptions: 'ALTER COLUMN RESET (…)', AT_ClusterOn: 'CLUSTER ON', AT_DropCluster: 'SET WITHOUT CLUSTER', AT_SetLogged: 'SET LOGGED',
  AT_SetUnLogged: 'SET UNLOGGED', AT_ReplicaIdentity: 'REPLICA IDENTITY',
};

/** ENABLE / DISABLE TRIGGER sub-commands: which triggers, and the tgenabled letter they get. */
const TRIGGER_SWITCHES: Readonly<Record<string, readonly ['named' | 'all' | 'user', 'O' | 'D' | 'R' | 'A']>> = {
  AT_EnableTrig: ['named', 'O'], AT_EnableAlwaysTrig: ['named', 'A'], AT_EnableReplicaTrig: ['named', 'R'], AT_DisableTrig: ['named', 'D'],
  AT_EnableTrigAll: ['all', 'O'], AT_DisableTrigAll: ['all', 'D'], AT_EnableTrigUser: ['user', 'O'], AT_DisableTrigUser: ['user', 'D'],
};

const OBJECT_WORDS: Readonly<Record<string, string>> = {
  OBJECT_TABLE: 'TABLE', OBJECT_INDEX: 'INDEX', OBJECT_VIEW: 'VIEW', OBJECT_SEQUENCE: 'SEQUENCE',
  OBJECT_MATVIEW: 'MATERIALIZED VIEW', OBJECT_FOREIGN_TABLE: 'FOREIGN TABLE', OBJECT_COLUMN: 'COLUMN',
};

/** The relation kinds ALTER … RENAME and ALTER … (actions) take, by PostgreSQL's ObjectType. */
const RELATION_KINDS: Readonly<Record<string, AlterRelationKind>> = {
  OBJECT_TABLE: 'table', OBJECT_INDEX: 'index', OBJECT_VIEW: 'view', OBJECT_SEQUENCE: 'sequence',
};

/** Convert ALTER TABLE / INDEX / VIEW with its actions. */
export function convertAlterTable(s: AlterTableStmt, ctx: ConvertContext): AlterTable {
  const relkind = RELATION_KINDS[s.objtype ?? ''];
  if (!relkind || relkind === 'sequence') {
    throw notSupported(`ALTER ${OBJECT_WORDS[s.objtype ?? ''] ?? String(s.objtype)}`, ctx, s.relation?.location);
  }
  const actions = (s.cmds ?? []).map((node): AlterTableAction => {
    if (!('AlterTableCmd' in node)) throw notSupported('this ALTER TABLE form', ctx);
    return convertAction(node.AlterTableCmd, ctx, s.relation?.location);
  });
  return {
    kind: 'AlterTable', name: relationName(s.relation!, ctx), ifExists: s.missing_ok ?? false, actions,
    ...(s.relation!.inh ? {} : { only: true }),
    ...(relkind === 'table' ? {} : { relkind }),
  };
}

function convertAction(cmd: AlterTableCmd, ctx: ConvertContext, location: number | undefined): AlterTableAction {
  const column = cmd.name ?? '';
  switch (cmd.subtype) {
    case 'AT_AddColumn':
      if (cmd.def && 'ColumnDef' in cmd.def) {
        return { kind: 'AddColumn', column: convertColumnDef(cmd.def.ColumnDef, ctx), ifNotExists: cmd.missing_ok ?? false };
      }
      break;
    case 'AT_DropColumn':
      return { kind: 'DropColumn', name: column, ifExists: cmd.missing_ok ?? false, ...(cmd.behavior === 'DROP_CASCADE' ? { cascade: true } : {}) };
    case 'AT_AddConstraint':
      if (cmd.def && 'Constraint' in cmd.def) return { kind: 'AddConstraint', constraint: convertConstraint(cmd.def.Constraint, ctx) };
      break;
    case 'AT_DropConstraint':
      return { kind: 'DropConstraint', name: column, ifExists: cmd.missing_ok ?? false, cascade: cmd.behavior === 'DROP_CASCADE' };
    case 'AT_ValidateConstraint': return { kind: 'ValidateConstraint', name: column };
    case 'AT_SetNotNull': return { kind: 'SetNotNull', column };
    case 'AT_DropNotNull': return { kind: 'DropNotNull', column };
    case 'AT_ColumnDefault':
      return cmd.def ? { kind: 'SetDefault', column, value: convertExpr(cmd.def, ctx) } : { kind: 'SetDefault', column };
    case 'AT_AlterColumnType':
      if (cmd.def && 'ColumnDef' in cmd.def) {
        const def = cmd.def.ColumnDef;
        if (def.collClause) throw notSupported('ALTER COLUMN TYPE … COLLATE', ctx, def.collClause.location);
        return {
          kind: 'AlterColumnType', column, type: convertType(def.typeName!, ctx),
          ...(def.raw_default ? { using: convertExpr(def.raw_default, ctx) } : {}),
        };
      }
      break;
    case 'AT_SetStatistics':
      if (cmd.name !== undefined && cmd.def && 'Integer' in cmd.def) return { kind: 'SetStatistics', column, value: cmd.def.Integer.ival ?? 0 };
      break;
    case 'AT_SetRelOptions': return { kind: 'SetRelOptions', options: convertRelOptions(listItems(cmd.def), 'set') };
    case 'AT_ResetRelOptions': return { kind: 'ResetRelOptions', options: convertRelOptions(listItems(cmd.def), 'reset') };
    case 'AT_SetLogged': return { kind: 'SetLogged', unlogged: false };
    case 'AT_SetUnLogged': return { kind: 'SetLogged', unlogged: true };
    case 'AT_AddInherit': case 'AT_DropInherit':
      if (cmd.def && 'RangeVar' in cmd.def) {
        return { kind: cmd.subtype === 'AT_AddInherit' ? 'Inherit' : 'NoInherit', parent: relationName(cmd.def.RangeVar, ctx) };
      }
      break;
    case 'AT_AttachPartition': case 'AT_DetachPartition': case 'AT_DetachPartitionFinalize':
      if (cmd.def && 'PartitionCmd' in cmd.def) {
        const partition = relationName(cmd.def.PartitionCmd.name!, ctx);
        if (cmd.subtype === 'AT_AttachPartition') {
          return { kind: 'AttachPartition', partition, bound: convertPartitionBound(cmd.def.PartitionCmd.bound!, ctx) };
        }
        const mode = cmd.subtype === 'AT_DetachPartitionFinalize' ? 'finalize' : cmd.def.PartitionCmd.concurrent ? 'concurrently' : undefined;
        return { kind: 'DetachPartition', partition, ...(mode ? { mode } : {}) };
      }
      break;
    case 'AT_SetStorage':
      if (cmd.def && 'String' in cmd.def) return { kind: 'SetStorage', column, storage: cmd.def.String.sval ?? '' };
      break;
    default: {
      const trigger = TRIGGER_SWITCHES[cmd.subtype ?? ''];
      if (trigger) return { kind: 'EnableTrigger', which: trigger[0], enabled: trigger[1], ...(trigger[0] === 'named' ? { name: column } : {}) };
    }
  }
  const what = ACTION_NAMES[cmd.subtype ?? ''] ?? String(cmd.subtype).replace(/^AT_/, '');
  throw notSupported(`ALTER TABLE … ${what}`, ctx, location);
}

/** Convert ALTER TABLE | INDEX | VIEW | SEQUENCE … RENAME (relation, column or constraint). */
export function convertRename(s: RenameStmt, ctx: ConvertContext): AlterTable {
  const table = s.relation ? relationName(s.relation, ctx) : '';
  const ifExists = s.missing_ok ?? false;
  const rename = (actions: AlterTableAction[], kind: AlterRelationKind | undefined): AlterTable => ({
    kind: 'AlterTable', name: table, ifExists, actions, ...(kind && kind !== 'table' ? { relkind: kind } : {}),
    ...(s.relation && !s.relation.inh ? { only: true } : {}),
  });
  const relationKind = RELATION_KINDS[s.renameType ?? ''];
  if (relationKind) return rename([{ kind: 'RenameTable', to: s.newname! }], relationKind);
  const ownerKind = RELATION_KINDS[s.relationType ?? ''];
  if (s.renameType === 'OBJECT_COLUMN' && (ownerKind === 'table' || ownerKind === 'view')) {
    return rename([{ kind: 'RenameColumn', from: s.subname!, to: s.newname! }], ownerKind);
  }
  if (s.renameType === 'OBJECT_TABCONSTRAINT') return rename([{ kind: 'RenameConstraint', from: s.subname!, to: s.newname! }], undefined);
  const objectWord = OBJECT_WORDS[s.renameType === 'OBJECT_COLUMN' ? s.relationType ?? '' : s.renameType ?? ''] ?? String(s.renameType).replace(/^OBJECT_/, '');
  throw notSupported(`ALTER ${objectWord} … RENAME`, ctx, s.relation?.location);
}
