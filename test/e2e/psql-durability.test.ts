/**
 * Durability through psql: data written and committed survives a clean restart of the
 * in-process server on the same data dir, and survives SIGKILL of a server child process.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { describePsql, psql, type PsqlEndpoint, type PsqlResult } from '../harness/psql.js';
import { loadStartServer, spawnThanosql, startThanosql, type ChildServer, type RunningServer } from '../harness/thanosql-server.js';

const TEST_TIMEOUT_MS = 90_000;

const ok = (result: PsqlResult) => assert.equal(result.status, 0, describePsql(result));
const rows = async (endpoint: PsqlEndpoint, sql: string) => {
  const out = await psql(endpoint, ['-A', '-t', '-c', sql]);
  ok(out);
  return out.stdout;
};

describe('durability through psql', { timeout: 3 * TEST_TIMEOUT_MS }, () => {
  let root: string;
  const cleanups: (() => Promise<void>)[] = [];
  before(() => {
    root = mkdtempSync(join(tmpdir(), 'durability-'));
  });
  after(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
    rmSync(root, { recursive: true, force: true });
  }, { timeout: TEST_TIMEOUT_MS });

  it('committed data survives closing and reopening the server on the same data dir', { timeout: TEST_TIMEOUT_MS }, async () => {
    const start = await loadStartServer();
    if (typeof start === 'string') throw new Error(start);
    const dataDir = join(root, 'restart');
    const csv = join(root, 'restart.csv');
    writeFileSync(csv, 'id,label\n1,one\n2,two\n3,\n');

    let server: RunningServer | undefined = await startThanosql(start, dataDir);
    cleanups.push(async () => server?.close());
    ok(await psql(server, ['-c', 'CREATE TABLE kept (id int, label text)', '-c', `\\copy kept from '${csv}' with (format csv, header)`, '-c', "INSERT INTO kept VALUES (4, 'four')"]));
    const before = await rows(server, 'SELECT id, label FROM kept ORDER BY id');
    assert.equal(before, '1|one\n2|two\n3|\n4|four\n');
    await server.close();
    server = undefined;

    server = await startThanosql(start, dataDir);
    assert.equal(await rows(server, 'SELECT id, label FROM kept ORDER BY id'), before);
    assert.equal(await rows(server, 'SELECT count(*) FROM kept WHERE label IS NULL'), '1\n');
    ok(await psql(server, ['-c', 'DROP TABLE kept']));
    await server.close();
    server = undefined;

    server = await startThanosql(start, dataDir);
    const gone = await psql(server, ['-c', 'SELECT * FROM kept']);
    assert.equal(gone.status, 1, describePsql(gone));
    assert.match(gone.stderr, /relation "kept" does not exist/);
  });

  it('committed data survives SIGKILL of the server process; an uncommitted transaction does not', { timeout: TEST_TIMEOUT_MS }, async () => {
    const dataDir = join(root, 'kill');
    const modelsDir = join(root, 'models');
    let child: ChildServer | undefined = await spawnThanosql(dataDir, modelsDir);
    cleanups.push(async () => child?.kill());
    const script = join(root, 'load.sql');
    writeFileSync(script, 'CREATE TABLE survivor (id int, v text);\nCOPY survivor FROM STDIN;\n1\ta\n2\tb\n\\.\nINSERT INTO survivor VALUES (3, \'c\');\nUPDATE survivor SET v = \'B\' WHERE id = 2;\n');
    ok(await psql(child, ['-q', '-f', script]));
    assert.equal(await rows(child, 'SELECT id, v FROM survivor ORDER BY id'), '1|a\n2|B\n3|c\n');
    // An open transaction at the moment of the kill must leave no trace.
    const open = new pg.Client({ host: '127.0.0.1', port: child.port, user: 'thanosql', database: 'thanosql' });
    open.on('error', () => undefined);
    await open.connect();
    await open.query('BEGIN');
    await open.query("INSERT INTO survivor VALUES (99, 'uncommitted')");
    await child.kill();
    await open.end().catch(() => undefined);
    child = undefined;

    child = await spawnThanosql(dataDir, modelsDir);
    assert.equal(await rows(child, 'SELECT id, v FROM survivor ORDER BY id'), '1|a\n2|B\n3|c\n', `server output:\n${child.output()}`);
    await child.stop();
    child = undefined;
  });
});
