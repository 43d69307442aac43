/**
 * Client compatibility matrix, psql family: psql 15 describe commands, compared in shape with PostgreSQL 15.
 * Scenarios: test/clients/scenarios.md; known failures and their reasons: test/clients/expected-failures.json.
 */
import { clientSuite } from '../clients/harness/client-suite.js';

clientSuite('psql', ['psql']);
