/**
 * psql 15's tab completion against our server: a real interactive psql (readline on a
 * pseudo-terminal made by util-linux `script`) types a prefix, TAB, and the rest of a statement.
 * psql fills the word in from its completion queries (pg_class / pg_attribute / pg_namespace
 * with `LIKE 'prefix%'`, see the psql_interactive wire capture), so the statement that runs
 * shows which name it completed to. Each case asserts the completed input line and the result;
 * when PostgreSQL 15 is installed the same keystrokes on the same fixture must echo the same lines.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import pg from 'pg';
import { pgAvailable, startPgCluster, type PgCluster } from '../harness/pg-cluster.js';
import { psqlAvailable } from '../harness/psql.js';
import { THANOSQL_DATABASE, THANOSQL_USER } from '../harness/thanosql-server.js';
import { startTestServer, type TestServer } from './wire-server.js';

const FIXTURE = [
  'CREATE TABLE items (id integer PRIMARY KEY, name text NOT NULL, price numeric(12,2))',
  'CREATE TABLE item_tags (item_id integer, tag text)',
  'CREATE INDEX item_tags_tag_idx ON item_tags (tag)',
  'CREATE VIEW cheap_things AS SELECT id, name FROM items WHERE price < 10',
  "INSERT INTO items VALUES (1, 'pen', 1.50)",
];

interface Case {
  readonly name: string;
  /** Chunks written one after another; each waits for psql's output to settle. */
  readonly keys: readonly string[];
  /** The input line psql echoes once completion has filled the words in. */
  readonly line: string;
  /** Something the executed statement prints. */
  readonly result: RegExp;
}

const CASES: readonly Case[] = [
  { name: 'table after FROM', keys: ['SELECT * FROM item_t\t', ';\n'], line: 'SELECT * FROM item_tags ;', result: /item_id \| tag/ },
  { name: 'common prefix of two tables', keys: ['SELECT * FROM ite\t', 's;\n'], line: 'SELECT * FROM items;', result: /1 \| pen/ },
  { name: 'view after FROM', keys: ['SELECT * FROM cheap\t', ';\n'], line: 'SELECT * FROM cheap_things ;', result: /\(1 row\)/ },
  { name: 'schema then table', keys: ['SELECT * FROM publ\t', 'item_t\t', ';\n'], line: 'SELECT * FROM public.item_tags ;', result: /item_id \| tag/ },
  { name: 'column after WHERE', keys: ['SELECT * FROM items WHERE nam\t', "= 'pen';\n"], line: "SELECT * FROM items WHERE name = 'pen';", result: /1 \| pen/ },
  { name: 'column after UPDATE … SET', keys: ['UPDATE items SET pri\t', '= 2 WHERE id = 99;\n'], line: 'UPDATE items SET price = 2 WHERE id = 99;', result: /UPDATE 0/ },
  { name: 'column list of INSERT', keys: ['INSERT INTO item_tags (item_i\t', ", tag) VALUES (1, 'red');\n"], line: "INSERT INTO item_tags (item_id , tag) VALUES (1, 'red');", result: /INSERT 0 1/ },
  { name: '\\d relation', keys: ['\\d item_t\t', '\n'], line: '\\d item_tags', result: /Table "public\.item_tags"/ },
  { name: '\\di index', keys: ['\\di item_tags_t\t', '\n'], line: '\\di item_tags_tag_idx', result: /item_tags_tag_idx/ },
  { name: '\\dn schema', keys: ['\\dn pub\t', '\n'], line: '\\dn public', result: /public/ },
  { name: '\\df function', keys: ['\\df char_le\t', '\n'], line: '\\df char_length', result: /char_length/ },
  { name: 'setting after SET', keys: ['SET datest\t', "TO 'ISO, MDY';\n"], line: "SET datestyle TO 'ISO, MDY';", result: /SET/ },
  { name: 'database after \\c', keys: ['\\c thanos\t', '\n'], line: '\\c thanosql', result: /You are now connected/ },
  { name: 'keyword (client side)', keys: ['SEL\t', "1 AS one;\n"], line: 'SELECT 1 AS one;', result: /one/ },
];

function scriptAvailable(): boolean {
  return spawnSync('script', ['--version'], { stdio: 'ignore' }).status === 0;
}

const ANSI = /\x1b\[[0-9;?]*[A-Za-z]|\x1b[()][A-Z0-9]|\x1b[=>]/g;

/** Runs psql on a pseudo-terminal, types the chunks, returns the transcript (ANSI and CR removed). */
async function typeIntoPsql(port: number, keys: readonly string[]): Promise<string> {
  const command = `psql -X -h 127.0.0.1 -p ${port} -U ${THANOSQL_USER} -d ${THANOSQL_DATABASE}`;
  const child = spawn('script', ['-qfec', command, '/dev/null'], {
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, TERM: 'dumb', INPUTRC: '/dev/null', PSQL_HISTORY: '/dev/null', PAGER: '', PSQL_PAGER: '', PGCONNECT_TIMEOUT: '10', COLUMNS: '200' },
  });
  let output = '';
  let last = Date.now();
  const onData = (d: Buffer) => { output += d.toString(); last = Date.now(); };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  /** Waits until psql printed `pattern` (or anything, when absent) and then was quiet for 250 ms. */
  const settle = async (pattern?: RegExp) => {
    const start = Date.now();
    while (Date.now() - start < 10_000) {
      await new Promise((r) => setTimeout(r, 50));
      if ((!pattern || pattern.test(output)) && Date.now() - last > 250) return;
    }
  };
  try {
    await settle(/=# $/);
    for (const chunk of keys) {
      child.stdin.write(chunk);
      await settle();
    }
    child.stdin.write('\\q\n');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
  } finally {
    child.kill();
  }
  return output.replace(ANSI, '').replace(/\r/g, '');
}

/** The lines psql echoed after a prompt (what completion made of the typed input). */
function echoed(transcript: string): string[] {
  return transcript.split('\n').flatMap((l) => {
    const m = /^\w+[=-]# (.*)$/.exec(l);
    return m && m[1] !== "\\q" ? [m[1]!.replace(/\x07/g, "").trimEnd()] : [];
  });
}

async function loadFixture(port: number, user: string): Promise<void> {
  const client = new pg.Client({ host: '127.0.0.1', port, user, database: THANOSQL_DATABASE });
  await client.connect();
  try {
    for (const statement of FIXTURE) await client.query(statement);
  } finally {
    await client.end();
  }
}

const skip = !psqlAvailable() ? 'psql not installed' : !scriptAvailable() ? 'util-linux script not installed' : false;

test('psql tab completion against our server', { skip, timeout: 180_000 }, async (t) => {
  const server: TestServer = await startTestServer();
  let oracle: PgCluster | undefined;
  try {
    await loadFixture(server.port, THANOSQL_USER);
    if (pgAvailable()) {
      oracle = await startPgCluster();
      await oracle.exec(`CREATE ROLE ${THANOSQL_USER} SUPERUSER LOGIN`);
      await oracle.exec(`CREATE DATABASE ${THANOSQL_DATABASE} OWNER ${THANOSQL_USER} TEMPLATE template0`);
      await loadFixture(oracle.port, THANOSQL_USER);
    }
    for (const c of CASES) {
      await t.test(c.name, async () => {
        const ours = await typeIntoPsql(server.port, c.keys);
        assert.deepEqual(echoed(ours), [c.line], `psql transcript:\n${ours}`);
        assert.match(ours, c.result, `psql transcript:\n${ours}`);
        if (oracle) {
          const theirs = await typeIntoPsql(oracle.port, c.keys);
          assert.deepEqual(echoed(ours), echoed(theirs), `PostgreSQL 15 transcript:\n${theirs}`);
        }
      });
    }
  } finally {
    await oracle?.stop();
    await server.close();
  }
});
