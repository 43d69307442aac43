/**
 * information_schema.schemata, .tables (Grafana's schema and table pickers read these) and
 * .views (user views with the SQL they were created with; catalog views without text).
 */
import { NAMESPACES } from '../../functions/system/catalog-oids.js';
import { databaseName, userName } from '../../functions/system/session-identity.js';
import { viewDefinition } from './object-defs.js';
import { listRelations } from './relation-list.js';
import type { SystemTableDef } from './system-table.js';

export const infoSchemata: SystemTableDef = {
  schema: 'information_schema', name: 'schemata',
  rows: ({ setting }) => NAMESPACES.map(([, name]) => ({
    catalog_name: databaseName(setting), schema_name: name, schema_owner: userName(setting),
    default_character_set_catalog: null, default_character_set_schema: null, default_character_set_name: null, sql_path: null,
  })),
};

export const infoTables: SystemTableDef = {
  schema: 'information_schema', name: 'tables',
  *rows({ txn, setting }) {
    for (const r of listRelations(txn)) {
      if (r.relkind === 'i' || r.relkind === 'S') continue;
      yield {
        table_catalog: databaseName(setting), table_schema: r.schema, table_name: r.table.name,
        table_type: r.relkind === 'r' || r.relkind === 'p' ? 'BASE TABLE' : 'VIEW', self_referencing_column_name: null,
        reference_generation: null, user_defined_type_catalog: null, user_defined_type_schema: null,
        user_defined_type_name: null, is_insertable_into: r.relkind === 'r' || r.relkind === 'p' ? 'YES' : 'NO', is_typed: 'NO', commit_action: null,
      };
    }
  },
};

export const infoViews: SystemTableDef = {
  schema: 'information_schema', name: 'views',
  *rows({ txn, setting }) {
    for (const r of listRelations(txn)) {
      if (r.relkind !== 'v') continue;
      yield {
        table_catalog: databaseName(setting), table_schema: r.schema, table_name: r.table.name,
        view_definition: viewDefinition(r.table), check_option: r.table.view?.checkOption?.toUpperCase() ?? 'NONE', is_updatable: 'NO', is_insertable_into: 'NO',
        is_trigger_updatable: 'NO', is_trigger_deletable: 'NO', is_trigger_insertable_into: 'NO',
      };
    }
  },
};
