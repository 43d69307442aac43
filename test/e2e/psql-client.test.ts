/**
 * The real psql binary against our server: multi-statement -c, \copy in and out, COPY FROM
 * STDIN inside a -f script, error display with LINE/caret, ON_ERROR_STOP, and a bad COPY row
 * leaving the table untouched. PSQL_TARGET=postgres runs the same tests against PostgreSQL.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { describePsql, psql, type PsqlResult } from '../harness/psql.js';
import { startPsqlServer, PSQL_TARGET, type PsqlServer } from '../harness/psql-endpoint.js';

const TEST_TIMEOUT_MS = 60_000;

describe(`psql client (${PSQL_TARGET})`, { timeout: 5 * TEST_TIMEOUT_MS }, () => {
  let server: PsqlServer;
  let dir: string;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'psql-test-'));
    server = await startPsqlServer();
  }, { timeout: TEST_TIMEOUT_MS });
  after(async () => {
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  }, { timeout: TEST_TIMEOUT_MS });

  /** psql with unaligned, tuples-only output (`1|x` per row). */
  const query = (sql: string) => psql(server, ['-A', '-t', '-c', sql]);
  const ok = (result: PsqlResult) => assert.equal(result.status, 0, describePsql(result));
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

  it('runs several statements in one -c and prints each result (psql 15)', { timeout: TEST_TIMEOUT_MS }, async () => {
    const out = await query("CREATE TABLE multi (a int, b text); INSERT INTO multi VALUES (1, 'x'), (2, 'y'); SELECT a, b FROM multi ORDER BY a");
    ok(out);
    assert.equal(out.stdout, 'CREATE TABLE\nINSERT 0 2\n1|x\n2|y\n');
  });

  it('runs several -c options in order', { timeout: TEST_TIMEOUT_MS }, async () => {
    const out = await psql(server, ['-A', '-t', '-c', 'CREATE TABLE seq (v int)', '-c', 'INSERT INTO seq VALUES (7)', '-c', 'SELECT v * 2 FROM seq']);
    ok(out);
    assert.equal(out.stdout, 'CREATE TABLE\nINSERT 0 1\n14\n');
  });

  it('prints aligned tables with a row count', { timeout: TEST_TIMEOUT_MS }, async () => {
    const out = await psql(server, ['-c', "SELECT 1 AS n, 'ab' AS s"]);
    ok(out);
    assert.equal(out.stdout, ' n | s  \n---+----\n 1 | ab\n(1 row)\n\n');
  });

  it('\\copy FROM a CSV file with header, then \\copy TO stdout', { timeout: TEST_TIMEOUT_MS }, async () => {
    const csv = file('people.csv', 'id,name,score\n1,ann,1.5\n2,"bob, jr",\n3,,2.25\n4,"",0\n');
    ok(await query('CREATE TABLE people (id int, name text, score double precision)'));
    const load = await psql(server, ['-c', `\\copy people from '${csv}' with (format csv, header)`]);
    ok(load);
    assert.equal(load.stdout, 'COPY 4\n');
    const dump = await psql(server, ['-c', '\\copy people to stdout']);
    ok(dump);
    // In CSV an unquoted empty field is NULL, a quoted one ("") the empty string.
    assert.equal(dump.stdout, '1\tann\t1.5\n2\tbob, jr\t\\N\n3\t\\N\t2.25\n4\t\t0\n');
    const csvOut = await psql(server, ['-c', '\\copy (SELECT id, name FROM people ORDER BY id DESC) to stdout with (format csv, header)']);
    ok(csvOut);
    assert.equal(csvOut.stdout, 'id,name\n4,""\n3,\n2,"bob, jr"\n1,ann\n');
  });

  it('COPY FROM STDIN with inline data in a -f script', { timeout: TEST_TIMEOUT_MS }, async () => {
    const script = file(
      'copy-in.sql',
      [
        'CREATE TABLE inline_rows (a int, b text);',
        'COPY inline_rows FROM STDIN;',
        '1\tone',
        '2\t\\N',
        '3\ttab\\there',
        '\\.',
        'COPY inline_rows FROM STDIN WITH (FORMAT csv);',
        '4,"quoted, comma"',
        '\\.',
        'SELECT a, coalesce(b, \'<null>\') FROM inline_rows ORDER BY a;',
        '',
      ].join('\n'),
    );
    const out = await psql(server, ['-A', '-t', '-f', script]);
    ok(out);
    assert.equal(out.stdout, 'CREATE TABLE\nCOPY 3\nCOPY 1\n1|one\n2|<null>\n3|tab\there\n4|quoted, comma\n');
  });

  it('shows ERROR with LINE and caret for a positioned error, exit status 1', { timeout: TEST_TIMEOUT_MS }, async () => {
    const out = await query('SELECT * FROM nope_table');
    assert.equal(out.status, 1, describePsql(out));
    assert.equal(out.stdout, '');
    assert.equal(
      out.stderr,
      'ERROR:  relation "nope_table" does not exist\nLINE 1: SELECT * FROM nope_table\n                      ^\n',
    );
  });

  it('shows ERROR without LINE when the error has no position', { timeout: TEST_TIMEOUT_MS }, async () => {
    const out = await query('SELECT 1 / 0');
    assert.equal(out.status, 1, describePsql(out));
    assert.equal(out.stderr, 'ERROR:  division by zero\n');
  });

  it('ON_ERROR_STOP=1 stops a script at the first error (exit 3)', { timeout: TEST_TIMEOUT_MS }, async () => {
    const script = file('stop.sql', 'CREATE TABLE stopper (v int);\nINSERT INTO stopper VALUES (1);\nSELECT * FROM missing_x;\nINSERT INTO stopper VALUES (2);\n');
    const out = await psql(server, ['-q', '-f', script]);
    assert.equal(out.status, 3, describePsql(out));
    assert.match(out.stderr, /^psql:.*stop\.sql:3: ERROR:  relation "missing_x" does not exist\nLINE 1: SELECT \* FROM missing_x;\n {22}\^\n$/);
    const count = await query('SELECT count(*) FROM stopper');
    ok(count);
    assert.equal(count.stdout, '1\n');
  });

  it('without ON_ERROR_STOP a script continues; \\set ON_ERROR_STOP in the script turns it on', { timeout: TEST_TIMEOUT_MS }, async () => {
    const goOn = file('go-on.sql', 'CREATE TABLE goer (v int);\nSELECT 1 / 0;\nINSERT INTO goer VALUES (1);\n');
    const first = await psql(server, ['-q', '-f', goOn], { stopOnError: false });
    assert.equal(first.status, 0, describePsql(first));
    assert.match(first.stderr, /ERROR:  division by zero/);
    const stop = file('set-stop.sql', '\\set ON_ERROR_STOP on\nSELECT 1 / 0;\nINSERT INTO goer VALUES (2);\n');
    const second = await psql(server, ['-q', '-f', stop], { stopOnError: false });
    assert.equal(second.status, 3, describePsql(second));
    const rows = await query('SELECT v FROM goer ORDER BY v');
    ok(rows);
    assert.equal(rows.stdout, '1\n');
  });

  it('a bad COPY row fails the whole COPY and leaves the table as it was', { timeout: TEST_TIMEOUT_MS }, async () => {
    ok(await query("CREATE TABLE guarded (id int NOT NULL, name text); INSERT INTO guarded VALUES (1, 'keep')"));
    const script = file('bad-copy.sql', 'COPY guarded FROM STDIN;\n2\tfine\nnot_a_number\tbad\n4\tlater\n\\.\n');
    const out = await psql(server, ['-q', '-f', script]);
    assert.equal(out.status, 3, describePsql(out));
    assert.match(out.stderr, /ERROR:  invalid input syntax for type integer: "not_a_number"/);
    const csv = file('bad.csv', 'id,name\n5,ok\n,null id\n');
    const viaCopy = await psql(server, ['-c', `\\copy guarded from '${csv}' with (format csv, header)`]);
    assert.equal(viaCopy.status, 1, describePsql(viaCopy));
    assert.match(viaCopy.stderr, /ERROR:  null value in column "id"/);
    const rows = await query('SELECT id, name FROM guarded ORDER BY id');
    ok(rows);
    assert.equal(rows.stdout, '1|keep\n');
  });

  it('\\d shows a serial column\'s nextval default and an identity column, as PostgreSQL 15', { timeout: TEST_TIMEOUT_MS }, async () => {
    ok(await query('CREATE TABLE ser (id serial PRIMARY KEY, big bigserial, g int GENERATED ALWAYS AS IDENTITY, a int)'));
    const out = await psql(server, ['-c', '\\d ser']);
    ok(out);
    assert.equal(out.stdout, [
      '                             Table "public.ser"',
      ' Column |  Type   | Collation | Nullable |             Default              ',
      '--------+---------+-----------+----------+----------------------------------',
      " id     | integer |           | not null | nextval('ser_id_seq'::regclass)",
      " big    | bigint  |           | not null | nextval('ser_big_seq'::regclass)",
      ' g      | integer |           | not null | generated always as identity',
      ' a      | integer |           |          | ',
      'Indexes:',
      '    "ser_pkey" PRIMARY KEY, btree (id)',
      '', '',
    ].join('\n'));
  });
});
