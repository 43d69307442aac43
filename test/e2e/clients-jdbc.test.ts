/**
 * Client compatibility matrix, jdbc family: pgJDBC, and DBeaver and Metabase emulated over pgJDBC (single-file Java programs).
 * Scenarios: test/clients/scenarios.md; known failures and their reasons: test/clients/expected-failures.json.
 */
import { clientSuite } from '../clients/harness/client-suite.js';

clientSuite('jdbc', ['pgjdbc', 'dbeaver', 'metabase']);
