/** Catalog queries recorded from real clients must parse, or fail with 0A000 (listed in README). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { SqlError } from '../../../src/common/sql-error.js';
import { parse } from '../../../src/parser/index.js';
import { sharedPath } from '../../harness/shared-dir.js';

const DIR = sharedPath('reference', 'clients') + '/';
const FILES = ['psql15-describe-queries.sql', 'pgjdbc-42.5-queries.sql', 'psycopg2+3-queries.sql',
  'sqlalchemy-1.4-psycopg2-queries.sql', 'postgresjs-3.4-queries.sql', 'asyncpg-0.27-introspection.sql',
  'pgx-v4-queries.sql', 'bi-tools-startup-queries.sql'];

for (const file of FILES) {
  const parts = readFileSync(DIR + file, 'utf8').split(/^-- \[(\d+)\][^\n]*\n/m);
  for (let i = 1; i < parts.length; i += 2) {
    const sql = parts[i + 1]!.trim();
    test(`${file} [${parts[i]}]`, () => {
      try { parse(sql); } catch (e) {
        assert.ok(e instanceof SqlError && e.code === '0A000', `${(e as Error).message}\n${sql.slice(0, 200)}`);
      }
    });
  }
}
