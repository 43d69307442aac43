/**
 * Client compatibility matrix, python family: psycopg2, psycopg 3, asyncpg and the SQLAlchemy inspector (Superset stand-in), run with /usr/bin/python3.
 * Scenarios: test/clients/scenarios.md; known failures and their reasons: test/clients/expected-failures.json.
 */
import { clientSuite } from '../clients/harness/client-suite.js';

clientSuite('python', ['psycopg2', 'psycopg3', 'asyncpg', 'sqlalchemy']);
