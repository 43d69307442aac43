/**
 * The registry of system relations: the catalogs with computed rows, and every other
 * relation of PostgreSQL 15's shape list as an empty table (pg_policy, pg_rewrite … must
 * exist for psql's `\d` and DBeaver, but this server has no such objects).
 */
import { pgAttrdef } from './pg-attrdef.js';
import { pgAttribute } from './pg-attribute.js';
import { pgAm, pgCollation, pgExtension, pgLanguage, pgTablespace } from './builtin-objects.js';
import { pgClass } from './pg-class.js';
import { pgDatabase } from './pg-database.js';
import { infoColumns } from './info-schema-columns.js';
import {
  infoCheckConstraints, infoConstraintColumnUsage, infoKeyColumnUsage, infoReferentialConstraints, infoTableConstraints,
} from './info-schema-constraints.js';
import { infoSchemata, infoTables, infoViews } from './info-schema-tables.js';
import { pgConstraint } from './pg-constraint.js';
import { pgCursors } from './pg-cursors.js';
import { pgDescription } from './pg-description.js';
import { pgIndex } from './pg-index.js';
import { pgInherits, pgPartitionedTable } from './pg-inherits.js';
import { pgNamespace } from './pg-namespace.js';
import { pgProc } from './pg-proc.js';
import { pgAggregate, pgOperator } from './pg-aggregate-operator.js';
import { pgAuthid, pgRoles, pgUser } from './pg-roles.js';
import { infoSequences, pgSequence, pgSequences } from './pg-sequences.js';
import { pgSettings } from './pg-settings.js';
import { pgLocks } from './pg-locks.js';
import { pgStatActivity } from './pg-stat-activity.js';
import { pgStatAllTables, pgStatUserTables } from './pg-stat-tables.js';
import { pgIndexes, pgMatviews, pgTables, pgViews } from './pg-tables-views.js';
import { pgType } from './pg-type.js';
import { infoTriggers, pgTrigger } from './pg-trigger.js';
import { pgEnum } from './pg-user-types.js';
import { PG15_CATALOG_SHAPES } from './pg15-catalog-shapes.js';
import { systemTable, type SystemTable, type SystemTableDef } from './system-table.js';

const COMPUTED: readonly SystemTableDef[] = [
  pgNamespace, pgClass, pgAttribute, pgAttrdef, pgType, pgDatabase, pgRoles, pgAuthid, pgUser, pgProc, pgAm,
  pgCollation, pgTablespace, pgLanguage, pgExtension, pgSettings, pgStatActivity, pgLocks, pgStatUserTables, pgStatAllTables,
  pgTables, pgViews, pgMatviews, pgIndexes, infoSchemata, infoTables, infoColumns,
  pgIndex, pgConstraint, pgDescription, infoViews, infoTableConstraints, infoCheckConstraints, infoKeyColumnUsage, infoReferentialConstraints,
  infoConstraintColumnUsage, pgSequence, pgSequences, infoSequences, pgEnum, pgCursors, pgInherits, pgPartitionedTable,
  pgAggregate, pgOperator, pgTrigger, infoTriggers,
];

let tables: readonly SystemTable[] | undefined;
let byName: Map<string, SystemTable> | undefined;

/** Every system relation, pg_catalog first, each by name within its schema. */
export function systemTables(): readonly SystemTable[] {
  if (!tables) {
    const defs = new Map(COMPUTED.map((d) => [`${d.schema}.${d.name}`, d]));
    for (const key of Object.keys(PG15_CATALOG_SHAPES)) {
      if (defs.has(key)) continue;
      const [schema, name] = key.split('.') as ['pg_catalog' | 'information_schema', string];
      defs.set(key, { schema, name });
    }
    tables = [...defs.values()].map(systemTable)
      .sort((a, b) => (a.schema === b.schema ? a.oid - b.oid : a.schema === 'pg_catalog' ? -1 : 1));
    byName = new Map(tables.map((t) => [`${t.schema}.${t.name}`, t]));
  }
  return tables;
}

/**
 * A system relation by name. Unqualified names find pg_catalog only (it is implicitly first on
 * the search path); information_schema relations need their schema, as in PostgreSQL.
 */
export function findSystemTable(schema: string | undefined, name: string): SystemTable | undefined {
  systemTables();
  return byName!.get(`${schema ?? 'pg_catalog'}.${name}`);
}
