/**
 * Triggers in the catalogs: pg_trigger rows (tgtype's bits as PostgreSQL packs them, tgargs as
 * NUL-terminated bytes), information_schema.triggers (one row per event, TRUNCATE excepted)
 * and pg_get_triggerdef's `CREATE TRIGGER …` text.
 */
import { quoteIdent, quoteLiteral } from '../../functions/scalar/string-functions.js';
import { databaseName } from '../../functions/system/session-identity.js';
import type { StoredFunction, StoredTable, StoredTrigger } from '../../storage/storage-api.js';
import type { CatalogReader } from '../catalog-transaction.js';
import { withoutOuterParens } from './object-defs.js';
import { attnumOf } from './relation-columns.js';
import { listRelations, type CatalogRelation } from './relation-list.js';
import type { SystemTableDef } from './system-table.js';

const TYPE_ROW = 1;
const TYPE_BEFORE = 2;
const TYPE_INSTEAD = 64;
const EVENT_BITS = { insert: 4, delete: 8, update: 16, truncate: 32 } as const;
/** pg_get_triggerdef lists the events in this order, whatever order they were written in. */
const EVENT_ORDER = ['insert', 'delete', 'update', 'truncate'] as const;
const TIMING_WORDS = { before: 'BEFORE', after: 'AFTER', instead: 'INSTEAD OF' } as const;

/** pg_trigger.tgtype. */
export function triggerType(t: StoredTrigger): number {
  let bits = t.level === 'row' ? TYPE_ROW : 0;
  if (t.timing === 'before') bits |= TYPE_BEFORE;
  if (t.timing === 'instead') bits |= TYPE_INSTEAD;
  for (const e of t.events) bits |= EVENT_BITS[e];
  return bits;
}

/** Every trigger with the relation it is on, tables by OID. */
export function listTriggers(txn: CatalogReader): { relation: CatalogRelation; trigger: StoredTrigger }[] {
  return listRelations(txn).flatMap((relation) => (relation.relkind === 'i' ? [] : (relation.table.triggers ?? []).map((trigger) => ({ relation, trigger }))));
}

function functionName(txn: CatalogReader, t: StoredTrigger): string {
  const fn = txn.listObjects().find((o): o is StoredFunction => o.kind === 'function' && o.id === t.functionId);
  return quoteIdent(fn?.name ?? '?');
}

/**
 * `CREATE TRIGGER name BEFORE INSERT OR UPDATE OF a ON public.t FOR EACH ROW WHEN ((new.a > 0))
 * EXECUTE FUNCTION f('x')`; `pretty` names the table unqualified and drops the WHEN's outer parentheses.
 */
export function triggerDefinition(txn: CatalogReader, relation: CatalogRelation, t: StoredTrigger, pretty = false): string {
  const table = relation.table;
  const events = EVENT_ORDER.filter((e) => t.events.includes(e)).map((e) => {
    if (e !== 'update' || !t.updateColumns) return e.toUpperCase();
    return `UPDATE OF ${t.updateColumns.map((id) => quoteIdent(table.columns.find((c) => c.id === id)?.name ?? '?')).join(', ')}`;
  });
  const on = pretty ? quoteIdent(table.name) : `${quoteIdent(relation.schema)}.${quoteIdent(table.name)}`;
  const when = t.whenSql === undefined ? '' : `WHEN (${pretty ? withoutOuterParens(t.whenSql) : t.whenSql}) `;
  return `CREATE TRIGGER ${quoteIdent(t.name)} ${TIMING_WORDS[t.timing]} ${events.join(' OR ')} ON ${on} `
    + `FOR EACH ${t.level === 'row' ? 'ROW' : 'STATEMENT'} ${when}EXECUTE FUNCTION ${functionName(txn, t)}(${t.args.map(quoteLiteral).join(', ')})`;
}

/** tgargs: each argument's bytes followed by a NUL, as PostgreSQL stores them. */
function argumentBytes(args: readonly string[]): Uint8Array {
  return new Uint8Array(Buffer.concat(args.map((a) => Buffer.from(`${a}\u0000`, 'utf8'))));
}

export const pgTrigger: SystemTableDef = {
  schema: 'pg_catalog', name: 'pg_trigger',
  *rows({ txn }) {
    for (const { relation, trigger: t } of listTriggers(txn)) {
      yield {
        oid: t.oid, tgrelid: relation.table.oid, tgparentid: 0, tgname: t.name, tgfoid: t.functionId, tgtype: triggerType(t),
        tgenabled: t.enabled, tgisinternal: false, tgconstrrelid: 0, tgconstrindid: 0, tgconstraint: 0, tgdeferrable: false,
        tginitdeferred: false, tgnargs: t.args.length, tgattr: (t.updateColumns ?? []).map((id) => attnumOf(relation.table, id)),
        tgargs: argumentBytes(t.args), tgqual: t.whenSql ?? null, tgoldtable: null, tgnewtable: null,
      };
    }
  },
};

/** action_order: the trigger's rank among the table's triggers of the same event, timing and level, by name. */
function actionOrder(table: StoredTable, t: StoredTrigger, event: string): number {
  return (table.triggers ?? []).filter((o) => o.timing === t.timing && o.level === t.level && o.events.includes(event as StoredTrigger['events'][number])
    && o.name <= t.name).length;
}

export const infoTriggers: SystemTableDef = {
  schema: 'information_schema', name: 'triggers',
  *rows({ txn, setting }) {
    const catalog = databaseName(setting);
    for (const { relation, trigger: t } of listTriggers(txn)) {
      for (const event of EVENT_ORDER) {
        if (event === 'truncate' || !t.events.includes(event)) continue;
        yield {
          trigger_catalog: catalog, trigger_schema: relation.schema, trigger_name: t.name, event_manipulation: event.toUpperCase(),
          event_object_catalog: catalog, event_object_schema: relation.schema, event_object_table: relation.table.name,
          action_order: actionOrder(relation.table, t, event), action_condition: t.whenSql ?? null,
          action_statement: `EXECUTE FUNCTION ${functionName(txn, t)}(${t.args.map(quoteLiteral).join(', ')})`,
          action_orientation: t.level === 'row' ? 'ROW' : 'STATEMENT', action_timing: TIMING_WORDS[t.timing],
          action_reference_old_table: null, action_reference_new_table: null, action_reference_old_row: null,
          action_reference_new_row: null, created: null,
        };
      }
    }
  },
};
