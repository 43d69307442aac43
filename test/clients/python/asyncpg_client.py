"""asyncpg 0.27 (named statements, Describe + Flush before Bind, binary parameters and results,
ParameterDescription-driven encoding) through the shared scenarios of test/clients/scenarios.md,
plus its type introspection. Run by test/e2e/clients-python.test.ts with /usr/bin/python3."""
import asyncio
import io
import json
import time

import asyncpg
from asyncpg import introspection

from driver_cases import (ERROR_CASES, ERROR_TABLE, JSON_VALUE, PAW_QUERY, PAW_STEPS, PAW_TABLE, POOL_RELEASE_SCRIPT,
                          REAL_ARRAY_TABLE, REAL_ARRAY_VALUE, ROUNDTRIP_COLUMNS, ROUNDTRIP_TABLE, ROUNDTRIP_VALUES,
                          compare_row)
from scenario_runner import (CANCEL_AFTER_S, CORE_SCENARIOS, DATABASE, HOST, LONG_QUERY, PASSWORD, PORT, USER, Failure,
                             check, expect_equal, md5_port, run, scenario_functions, scram_port)

CLIENT = "asyncpg"
# INTRO_LOOKUP_TYPES is the query asyncpg sends to servers >= 14 (uses pg_range.rngmultitypid).
TEXT_OID, FLOAT4_ARRAY_OID = 25, 1021


def connect(port=PORT, password=None):
    return asyncpg.connect(host=HOST, port=port, user=USER, database=DATABASE, password=password, timeout=10)


def row_count(status):
    """'INSERT 0 3' / 'UPDATE 2' → the count."""
    return int(status.split()[-1])


async def connect_trust():
    conn = await connect()
    expect_equal(await conn.fetchval("SELECT 1"), 1, "SELECT 1")
    await conn.close()


async def connect_scram():
    conn = await connect(scram_port(), PASSWORD)
    expect_equal(await conn.fetchval("SELECT 1"), 1, "SELECT 1")
    await conn.close()


async def connect_md5():
    conn = await connect(md5_port(), PASSWORD)
    expect_equal(await conn.fetchval("SELECT 1"), 1, "SELECT 1")
    await conn.close()


async def auth_wrong_password():
    try:
        await (await connect(scram_port(), PASSWORD + "-wrong")).close()
    except asyncpg.PostgresError as err:
        expect_equal(err.sqlstate, "28P01", "sqlstate")
        return
    raise Failure("connected with a wrong password")


async def version_schema():
    conn = await connect()
    version = await conn.fetchval("SELECT version()")
    check(version.startswith("PostgreSQL "), f"version() = {version!r}")
    check(conn.get_server_version().major >= 10, f"server version {conn.get_server_version()}")
    expect_equal(await conn.fetchval("SELECT current_schema()"), "public", "current_schema()")
    await conn.close()


async def crud_params():
    conn = await connect()
    await conn.execute("CREATE TABLE crud (id integer PRIMARY KEY, name text, score double precision)")
    for row in [(1, "ann", 1.5), (2, "bob", 2.5), (3, "cy", None)]:
        expect_equal(row_count(await conn.execute("INSERT INTO crud (id, name, score) VALUES ($1, $2, $3)", *row)), 1,
                     "INSERT count")
    rows = await conn.fetch("SELECT name, score FROM crud WHERE id = $1", 2)
    expect_equal([tuple(r) for r in rows], [("bob", 2.5)], "SELECT with a parameter")
    expect_equal(row_count(await conn.execute("UPDATE crud SET score = score + $1 WHERE id >= $2", 1, 2)), 2,
                 "UPDATE count")
    expect_equal(row_count(await conn.execute("DELETE FROM crud WHERE name = $1", "ann")), 1, "DELETE count")
    rows = await conn.fetch("SELECT id, score FROM crud ORDER BY id")
    expect_equal([tuple(r) for r in rows], [(2, 3.5), (3, None)], "rows after UPDATE/DELETE")
    await conn.close()


async def prepared_repeat():
    conn = await connect()
    stmt = await conn.prepare("SELECT $1::integer + 1")
    for i in range(7):
        expect_equal(await stmt.fetchval(i), i + 1, f"prepared run #{i + 1}")
    for i in range(7):  # the connection's statement cache reuses __asyncpg_stmt_N__
        expect_equal(await conn.fetchval("SELECT $1::text || 'x'", str(i)), f"{i}x", f"cached run #{i + 1}")
    await conn.close()


async def prepared_after_writes():
    conn = await connect()
    await conn.execute(PAW_TABLE)
    query = PAW_QUERY.format("$1")
    stmt = None
    for write, want in PAW_STEPS:
        await conn.execute(write)
        stmt = stmt or await conn.prepare(query)
        expect_equal(tuple(await stmt.fetchrow(0)), want, f"prepared statement after {write}")
        # The same text through the connection's statement cache (one __asyncpg_stmt_N__ for all runs).
        expect_equal(tuple(await conn.fetchrow(query, 0)), want, f"cached statement after {write}")
    await conn.close()


async def types_roundtrip():
    conn = await connect()
    await conn.execute(ROUNDTRIP_TABLE)
    placeholders = ", ".join(f"${i + 1}" for i in range(len(ROUNDTRIP_COLUMNS) + 1))
    insert = f"INSERT INTO rt (id, {', '.join(ROUNDTRIP_COLUMNS)}) VALUES ({placeholders})"
    values = [json.dumps(v) if c == "j" else v for c, v in zip(ROUNDTRIP_COLUMNS, ROUNDTRIP_VALUES)]
    await conn.execute(insert, 1, *values)
    await conn.execute(insert, 2, *[None] * len(ROUNDTRIP_COLUMNS))
    rows = await conn.fetch(f"SELECT {', '.join(ROUNDTRIP_COLUMNS)} FROM rt ORDER BY id")
    problems = compare_row(tuple(rows[0])) + compare_row(tuple(rows[1]), [None] * len(ROUNDTRIP_COLUMNS))
    check(not problems, "; ".join(problems))
    await conn.close()


async def types_real_array():
    conn = await connect()
    await conn.execute(REAL_ARRAY_TABLE)
    await conn.execute("INSERT INTO ra VALUES ($1, $2)", 1, REAL_ARRAY_VALUE)
    await conn.execute("INSERT INTO ra VALUES ($1, $2)", 2, None)
    await conn.execute("INSERT INTO ra VALUES (3, '{0.5,NULL}')")
    got = [r["v"] for r in await conn.fetch("SELECT v FROM ra ORDER BY id")]
    expect_equal(got, [REAL_ARRAY_VALUE, None, [0.5, None]], "real[] values")
    await conn.close()


async def txn_commit_rollback():
    conn = await connect()
    await conn.execute("CREATE TABLE tx (id integer)")
    tr = conn.transaction()
    await tr.start()
    await conn.execute("INSERT INTO tx VALUES ($1)", 1)
    await tr.rollback()
    async with conn.transaction():
        await conn.execute("INSERT INTO tx VALUES ($1)", 2)
    tr = conn.transaction()
    await tr.start()
    try:
        await conn.execute("SELECT * FROM no_such_table")
        raise Failure("no error from a missing table")
    except asyncpg.UndefinedTableError:
        pass
    try:
        await conn.fetchval("SELECT 1")
        raise Failure("statement after an error in a transaction succeeded")
    except asyncpg.InFailedSQLTransactionError:
        pass
    await tr.rollback()
    expect_equal([r["id"] for r in await conn.fetch("SELECT id FROM tx ORDER BY id")], [2], "rows after rollback/commit")
    await conn.close()


async def txn_savepoint():
    conn = await connect()
    await conn.execute("CREATE TABLE sp (id integer)")
    async with conn.transaction():
        await conn.execute("INSERT INTO sp VALUES (1)")
        try:
            async with conn.transaction():  # SAVEPOINT ... ROLLBACK TO SAVEPOINT
                await conn.execute("INSERT INTO sp VALUES (2)")
                raise RuntimeError("roll back to the savepoint")
        except RuntimeError:
            pass
        async with conn.transaction():  # SAVEPOINT ... RELEASE SAVEPOINT
            await conn.execute("INSERT INTO sp VALUES (3)")
    expect_equal([r["id"] for r in await conn.fetch("SELECT id FROM sp ORDER BY id")], [1, 3], "rows after savepoints")
    await conn.close()


async def cursor_fetch():
    conn = await connect()
    async with conn.transaction():  # portal __asyncpg_portal_N__, Execute with maxRows
        cur = await conn.cursor("SELECT g FROM generate_series(1, 10) AS g")
        expect_equal([r[0] for r in await cur.fetch(3)], [1, 2, 3], "cursor.fetch(3)")
        expect_equal([r[0] for r in await cur.fetch(100)], list(range(4, 11)), "cursor.fetch(100)")
        seen = [r[0] async for r in conn.cursor("SELECT g FROM generate_series(1, 10) AS g", prefetch=4)]
        expect_equal(seen, list(range(1, 11)), "async for with prefetch=4")
    await conn.close()


async def batch():
    conn = await connect()
    await conn.execute("CREATE TABLE bt (id integer, name text)")
    await conn.executemany("INSERT INTO bt VALUES ($1, $2)", [(i, f"n{i}") for i in range(20)])
    expect_equal(await conn.fetchval("SELECT count(*) FROM bt"), 20, "rows after executemany")
    await conn.close()


async def copy_in():
    conn = await connect()
    await conn.execute("CREATE TABLE cp (id integer, name text)")
    problems = []
    try:
        await conn.copy_to_table("cp", source=io.BytesIO(b"1\tone\n2\t\\N\n"), columns=["id", "name"])
    except Exception as err:  # noqa: BLE001 - every part is reported
        problems.append(f"copy_to_table (text COPY FROM STDIN): {type(err).__name__}: {err}")
    try:  # asyncpg sends COPY ... FROM STDIN (FORMAT binary)
        await conn.copy_records_to_table("cp", records=[(3, "three"), (4, None)], columns=["id", "name"])
    except Exception as err:  # noqa: BLE001
        problems.append(f"copy_records_to_table (binary COPY FROM STDIN): {type(err).__name__}: {err}")
    got = [tuple(r) for r in await conn.fetch("SELECT id, name FROM cp ORDER BY id")]
    if not problems:
        expect_equal(got, [(1, "one"), (2, None), (3, "three"), (4, None)], "rows after COPY")
    check(not problems, "; ".join(problems) + f" (rows now {got})")
    await conn.close()


async def copy_out():
    conn = await connect()
    await conn.execute("CREATE TABLE co (id integer, name text)")
    await conn.execute("INSERT INTO co VALUES (1, 'a'), (2, NULL)")
    buf = io.BytesIO()
    await conn.copy_from_table("co", output=buf)
    expect_equal(buf.getvalue(), b"1\ta\n2\t\\N\n", "copy_from_table")
    buf = io.BytesIO()
    await conn.copy_from_query("SELECT id, name FROM co ORDER BY id", output=buf, format="csv")
    expect_equal(buf.getvalue(), b"1,a\n2,\n", "copy_from_query csv")
    await conn.close()


async def cancel():
    conn = await connect()
    started = time.monotonic()
    try:  # on timeout asyncpg sends a CancelRequest and waits for the query to end
        await conn.fetchval(LONG_QUERY, timeout=CANCEL_AFTER_S)
        raise Failure("the long query finished before the timeout")
    except asyncio.TimeoutError:
        pass
    check(time.monotonic() - started < 10, "cancel took longer than 10 s")
    expect_equal(await conn.fetchval("SELECT 1"), 1, "connection usable after cancel")
    await conn.close()


async def errors_sqlstate():
    conn = await connect()
    await conn.execute(ERROR_TABLE)
    problems = []
    for sql, code in ERROR_CASES:
        try:
            await conn.execute(sql)
            problems.append(f"{sql}: no error")
        except asyncpg.PostgresError as err:
            if err.sqlstate != code:
                problems.append(f"{sql}: sqlstate {err.sqlstate}, expected {code} ({err})")
    check(not problems, "; ".join(problems))
    await conn.close()


async def notice():
    conn = await connect()
    notices = []
    conn.add_log_listener(lambda _conn, message: notices.append(str(message)))
    await conn.execute("DROP TABLE IF EXISTS no_such_table_for_notice")
    await asyncio.sleep(0.1)
    check(any("does not exist" in n for n in notices), f"notices: {notices!r}")
    await conn.close()


async def pool_reset():
    pool = await asyncpg.create_pool(host=HOST, port=PORT, user=USER, database=DATABASE, min_size=1, max_size=1)
    try:
        async with pool.acquire() as conn:
            pid = conn.get_server_pid()
            await conn.execute("SET application_name = 'pooled'")
        # release ran the reset script; a failing reset closes the connection and the pool opens a new one
        async with pool.acquire() as conn:
            expect_equal(conn.get_server_pid(), pid, "same backend after release (reset script succeeded)")
            expect_equal(await conn.fetchval("SHOW application_name"), "", "application_name after RESET ALL")
            await conn.execute(POOL_RELEASE_SCRIPT)
            await conn.execute("DISCARD ALL")
    finally:
        await pool.close()


async def set_type_codec():
    conn = await connect()
    await conn.set_type_codec("json", encoder=json.dumps, decoder=json.loads, schema="pg_catalog")
    expect_equal(await conn.fetchval("SELECT $1::json", JSON_VALUE), JSON_VALUE, "json through the custom codec")
    await conn.close()


async def type_introspection():
    conn = await connect()
    rows = await conn.fetch(introspection.INTRO_LOOKUP_TYPES, [TEXT_OID, FLOAT4_ARRAY_OID])
    names = sorted(r["name"] for r in rows)
    # The recursive term follows _float4's element type, so PostgreSQL 15 also returns float4.
    expect_equal(names, ["_float4", "float4", "text"], "introspected type names")
    await conn.close()


if __name__ == "__main__":
    run(CLIENT, scenario_functions(globals(), CORE_SCENARIOS + ("set-type-codec", "type-introspection")))
