/**
 * Triggers through a real client (`pg`): an AFTER ROW trigger maintaining an audit table across
 * a prepared INSERT executed, a write in between (a new trigger, a second table), and the same
 * prepared statement executed again; an error raised inside a trigger rolls back the whole
 * statement — its rows and the audit rows its triggers wrote — with the trigger's SQLSTATE and
 * CONTEXT, inside and outside a transaction block; COPY FROM STDIN fires row triggers; rows
 * routed through a partitioned table fire their partition's own row triggers (INSERT, a prepared
 * INSERT across a CREATE TRIGGER, COPY, an UPDATE moving a row), and a BEFORE trigger may not
 * move a row out of it.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { connectClient, startTestServer, type TestServer } from './wire-server.js';

let server: TestServer;
before(async () => { server = await startTestServer(); });
after(async () => { await server?.close(); });

const pgClient = () => connectClient(server);

const AUDIT_FUNCTION = `CREATE FUNCTION trc_audit() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    INSERT INTO trc_audit_log (op, item, note) VALUES (TG_OP, coalesce(NEW.id, OLD.id), TG_ARGV[0]);
    IF NEW.qty < 0 THEN RAISE EXCEPTION 'negative quantity for item %', NEW.id USING ERRCODE = '22003'; END IF;
    RETURN NEW;
  END $$`;

test('an audit trigger keeps up with a prepared INSERT across writes and re-executions', async () => {
  const client = await pgClient();
  try {
    await client.query('CREATE TABLE trc_items (id int PRIMARY KEY, qty int)');
    await client.query('CREATE TABLE trc_audit_log (n serial, op text, item int, note text)');
    await client.query(AUDIT_FUNCTION);
    await client.query("CREATE TRIGGER audit AFTER INSERT OR UPDATE ON trc_items FOR EACH ROW EXECUTE FUNCTION trc_audit('v1')");
    const insert = { name: 'trc_insert', text: 'INSERT INTO trc_items VALUES ($1, $2)' };
    await client.query({ ...insert, values: [1, 10] });
    // A write between executions: the trigger is replaced, and the table gets a row by UPDATE.
    await client.query("CREATE OR REPLACE TRIGGER audit AFTER INSERT OR UPDATE ON trc_items FOR EACH ROW EXECUTE FUNCTION trc_audit('v2')");
    await client.query('UPDATE trc_items SET qty = qty + 1 WHERE id = 1');
    await client.query({ ...insert, values: [2, 20] });
    const { rows } = await client.query('SELECT op, item, note FROM trc_audit_log ORDER BY n');
    assert.deepEqual(rows, [
      { op: 'INSERT', item: 1, note: 'v1' }, { op: 'UPDATE', item: 1, note: 'v2' }, { op: 'INSERT', item: 2, note: 'v2' },
    ]);
    // The trigger dropped: the prepared INSERT runs on without it.
    await client.query('DROP TRIGGER audit ON trc_items');
    await client.query({ ...insert, values: [3, 30] });
    const { rows: [count] } = await client.query('SELECT count(*)::int AS n FROM trc_audit_log');
    assert.equal(count.n, 3);
  } finally {
    await client.end();
  }
});

test('an error inside a trigger rolls back the statement, its rows and what its triggers wrote', async () => {
  const client = await pgClient();
  try {
    await client.query('CREATE TABLE trc_stock (id int, qty int)');
    await client.query("CREATE TRIGGER check_qty AFTER INSERT OR UPDATE ON trc_stock FOR EACH ROW EXECUTE FUNCTION trc_audit('stock')");
    const before = (await client.query("SELECT count(*)::int AS n FROM trc_audit_log WHERE note = 'stock'")).rows[0].n as number;
    await assert.rejects(client.query('INSERT INTO trc_stock VALUES (1, 5), (2, -1), (3, 7)'), (err: pg.DatabaseError) => {
      assert.equal(err.code, '22003');
      assert.equal(err.message, 'negative quantity for item 2');
      assert.match(err.where ?? '', /PL\/pgSQL function trc_audit\(\) line \d+ at RAISE/);
      return true;
    });
    const counts = async () => (await client.query(`SELECT (SELECT count(*) FROM trc_stock)::int AS stock,
      (SELECT count(*) FROM trc_audit_log WHERE note = 'stock')::int AS audit`)).rows[0];
    assert.deepEqual(await counts(), { stock: 0, audit: before });
    // In a transaction block the failed statement aborts the block; earlier statements roll back with it.
    await client.query('BEGIN');
    await client.query('INSERT INTO trc_stock VALUES (10, 1)');
    await assert.rejects(client.query('UPDATE trc_stock SET qty = -qty'), { code: '22003' });
    await assert.rejects(client.query('SELECT 1'), { code: '25P02' });
    await client.query('ROLLBACK');
    assert.deepEqual(await counts(), { stock: 0, audit: before });
    // The statement that does not fail commits with its audit rows.
    await client.query('INSERT INTO trc_stock VALUES (4, 4)');
    assert.deepEqual(await counts(), { stock: 1, audit: before + 1 });
  } finally {
    await client.end();
  }
});

test('COPY FROM STDIN fires BEFORE and AFTER row triggers', async () => {
  const client = await pgClient();
  try {
    await client.query('CREATE TABLE trc_copied (id int, name text)');
    await client.query('CREATE TABLE trc_copy_log (id int)');
    await client.query(`CREATE FUNCTION trc_copy_fix() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_WHEN = 'AFTER' THEN INSERT INTO trc_copy_log VALUES (NEW.id); RETURN NULL; END IF;
        IF NEW.id = 2 THEN RETURN NULL; END IF;
        NEW.name := upper(NEW.name);
        RETURN NEW;
      END $$`);
    await client.query('CREATE TRIGGER fix BEFORE INSERT ON trc_copied FOR EACH ROW EXECUTE FUNCTION trc_copy_fix()');
    await client.query('CREATE TRIGGER logged AFTER INSERT ON trc_copied FOR EACH ROW EXECUTE FUNCTION trc_copy_fix()');
    const stream = client.query(copyFrom('COPY trc_copied FROM STDIN'));
    await new Promise<void>((resolve, reject) => {
      stream.on('finish', resolve);
      stream.on('error', reject);
      stream.end('1\tone\n2\ttwo\n3\tthree\n');
    });
    assert.equal(stream.rowCount, 2);
    assert.deepEqual((await client.query('SELECT id, name FROM trc_copied ORDER BY id')).rows,
      [{ id: 1, name: 'ONE' }, { id: 3, name: 'THREE' }]);
    assert.deepEqual((await client.query('SELECT id FROM trc_copy_log ORDER BY id')).rows, [{ id: 1 }, { id: 3 }]);
  } finally {
    await client.end();
  }
});

test("rows routed through a partitioned table fire their partition's row triggers", async () => {
  const client = await pgClient();
  try {
    await client.query('CREATE TABLE trc_parted (k int, name text) PARTITION BY LIST (k)');
    // The second partition's columns are in another order, with a dropped one: NEW is the partition's row.
    await client.query('CREATE TABLE trc_part1 (name text, k int)');
    await client.query('CREATE TABLE trc_part2 (gone int, k int, name text)');
    await client.query('ALTER TABLE trc_part2 DROP COLUMN gone');
    await client.query('CREATE TABLE trc_part_log (tbl text, k int, name text)');
    await client.query(`CREATE FUNCTION trc_part_fix() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_WHEN = 'AFTER' THEN INSERT INTO trc_part_log VALUES (TG_TABLE_NAME, NEW.k, NEW.name); RETURN NULL; END IF;
        IF NEW.name = 'skip' THEN RETURN NULL; END IF;
        IF NEW.name = 'move' THEN NEW.k := 1; END IF;
        NEW.name := upper(NEW.name);
        RETURN NEW;
      END $$`);
    await client.query('CREATE TRIGGER fix BEFORE INSERT ON trc_part2 FOR EACH ROW EXECUTE FUNCTION trc_part_fix()');
    await client.query('CREATE TRIGGER logged AFTER INSERT ON trc_part2 FOR EACH ROW EXECUTE FUNCTION trc_part_fix()');
    await client.query('ALTER TABLE trc_parted ATTACH PARTITION trc_part1 FOR VALUES IN (1)');
    await client.query('ALTER TABLE trc_parted ATTACH PARTITION trc_part2 FOR VALUES IN (2)');
    const inserted = await client.query("INSERT INTO trc_parted VALUES (1, 'a'), (2, 'b'), (2, 'skip') RETURNING tableoid::regclass::text AS t, k, name");
    assert.equal(inserted.rowCount, 2);
    assert.deepEqual(inserted.rows, [{ t: 'trc_part1', k: 1, name: 'a' }, { t: 'trc_part2', k: 2, name: 'B' }]);
    // A prepared INSERT, then a trigger created on the first partition, then the same statement again.
    const insert = { name: 'trc_parted_insert', text: 'INSERT INTO trc_parted VALUES ($1, $2)' };
    await client.query({ ...insert, values: [1, 'c'] });
    await client.query('CREATE TRIGGER fix BEFORE INSERT ON trc_part1 FOR EACH ROW EXECUTE FUNCTION trc_part_fix()');
    const again = await client.query({ ...insert, values: [1, 'skip'] });
    assert.equal(again.rowCount, 0);
    await client.query({ ...insert, values: [1, 'd'] });
    const stream = client.query(copyFrom('COPY trc_parted FROM STDIN'));
    await new Promise<void>((resolve, reject) => {
      stream.on('finish', resolve);
      stream.on('error', reject);
      stream.end('2\te\n2\tskip\n1\tf\n');
    });
    assert.equal(stream.rowCount, 2);
    assert.deepEqual((await client.query('SELECT tableoid::regclass::text AS t, k, name FROM trc_parted ORDER BY name')).rows, [
      { t: 'trc_part2', k: 2, name: 'B' }, { t: 'trc_part1', k: 1, name: 'D' }, { t: 'trc_part2', k: 2, name: 'E' },
      { t: 'trc_part1', k: 1, name: 'F' }, { t: 'trc_part1', k: 1, name: 'a' }, { t: 'trc_part1', k: 1, name: 'c' },
    ]);
    assert.deepEqual((await client.query('SELECT tbl, k, name FROM trc_part_log ORDER BY name')).rows,
      [{ tbl: 'trc_part2', k: 2, name: 'B' }, { tbl: 'trc_part2', k: 2, name: 'E' }]);
    // An UPDATE that moves a row inserts it into its new partition: that partition's INSERT triggers fire.
    await client.query("UPDATE trc_parted SET k = 2 WHERE name = 'a'");
    assert.deepEqual((await client.query("SELECT tableoid::regclass::text AS t, name FROM trc_parted WHERE name IN ('a', 'A')")).rows,
      [{ t: 'trc_part2', name: 'A' }]);
    assert.equal((await client.query("SELECT count(*)::int AS n FROM trc_part_log WHERE name = 'A'")).rows[0].n, 1);
    // A BEFORE trigger that changes the partition key: the row no longer fits its partition.
    await assert.rejects(client.query("INSERT INTO trc_parted VALUES (2, 'move')"), { code: '23514' });
    assert.equal((await client.query('SELECT count(*)::int AS n FROM trc_parted')).rows[0].n, 6);
  } finally {
    await client.end();
  }
});
