/**
 * Client compatibility matrix, node family: pg, postgres.js, and the Grafana/pgAdmin/pgcli query replays through pg.
 * Scenarios: test/clients/scenarios.md; known failures and their reasons: test/clients/expected-failures.json.
 */
import { clientSuite } from '../clients/harness/client-suite.js';

clientSuite('node', ['pg', 'postgresjs', 'grafana', 'pgadmin', 'pgcli']);
