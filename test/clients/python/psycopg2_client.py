"""psycopg2 2.9 (libpq, simple protocol, client-side parameter interpolation) through the shared
scenarios of test/clients/scenarios.md. Run by test/e2e/clients-python.test.ts with /usr/bin/python3."""
import io
import threading
import time

import psycopg2
import psycopg2.extensions
import psycopg2.extras

from driver_cases import (ERROR_CASES, ERROR_TABLE, PAW_QUERY, PAW_STEPS, PAW_TABLE, POOL_RELEASE_SCRIPT, REAL_ARRAY_TABLE,
                          REAL_ARRAY_VALUE, ROUNDTRIP_COLUMNS, ROUNDTRIP_TABLE, ROUNDTRIP_VALUES, compare_row)
from scenario_runner import (CANCEL_AFTER_S, DATABASE, HOST, LONG_QUERY, PASSWORD, PORT, USER, Failure, check,
                             expect_equal, md5_port, run, scenario_functions, scram_port)

CLIENT = "psycopg2"


def connect(port=PORT, password=None, autocommit=False):
    conn = psycopg2.connect(host=HOST, port=port, user=USER, dbname=DATABASE, password=password, connect_timeout=10)
    conn.autocommit = autocommit
    return conn


def select_one(conn, sql, params=None):
    with conn.cursor() as cur:
        cur.execute(sql, params)
        return cur.fetchone()


def connect_trust():
    with connect() as conn:
        expect_equal(select_one(conn, "SELECT 1")[0], 1, "SELECT 1")


def connect_scram():
    conn = connect(scram_port(), PASSWORD)
    expect_equal(select_one(conn, "SELECT 1")[0], 1, "SELECT 1")
    conn.close()


def connect_md5():
    conn = connect(md5_port(), PASSWORD)
    expect_equal(select_one(conn, "SELECT 1")[0], 1, "SELECT 1")
    conn.close()


def auth_wrong_password():
    try:
        connect(scram_port(), PASSWORD + "-wrong").close()
    except psycopg2.OperationalError as err:
        check("28P01" in str(err) or "password authentication failed" in str(err), f"unexpected error: {err}")
        return
    raise Failure("connected with a wrong password")


def version_schema():
    conn = connect(autocommit=True)
    version = select_one(conn, "SELECT version()")[0]
    check(version.startswith("PostgreSQL "), f"version() = {version!r}")
    check(conn.server_version >= 100000, f"server_version = {conn.server_version}")
    expect_equal(select_one(conn, "SELECT current_schema()")[0], "public", "current_schema()")
    conn.close()


def crud_params():
    conn = connect(autocommit=True)
    cur = conn.cursor()
    cur.execute("CREATE TABLE crud (id integer PRIMARY KEY, name text, score double precision)")
    for row in [(1, "ann", 1.5), (2, "bob", 2.5), (3, "cy", None)]:
        cur.execute("INSERT INTO crud (id, name, score) VALUES (%s, %s, %s)", row)
        expect_equal(cur.rowcount, 1, "INSERT rowcount")
    cur.execute("SELECT name, score FROM crud WHERE id = %s", (2,))
    expect_equal(cur.fetchall(), [("bob", 2.5)], "SELECT with a parameter")
    cur.execute("UPDATE crud SET score = score + %s WHERE id >= %s", (1, 2))
    expect_equal(cur.rowcount, 2, "UPDATE rowcount")
    cur.execute("DELETE FROM crud WHERE name = %s", ("ann",))
    expect_equal(cur.rowcount, 1, "DELETE rowcount")
    cur.execute("SELECT id, score FROM crud ORDER BY id")
    expect_equal(cur.fetchall(), [(2, 3.5), (3, None)], "rows after UPDATE/DELETE")
    conn.close()


def prepared_repeat():
    # psycopg2 has no protocol-level prepare: SQL PREPARE/EXECUTE is how its users prepare.
    conn = connect(autocommit=True)
    cur = conn.cursor()
    cur.execute("PREPARE add_one (integer) AS SELECT $1 + 1")
    for i in range(7):
        cur.execute("EXECUTE add_one (%s)", (i,))
        expect_equal(cur.fetchone()[0], i + 1, f"EXECUTE #{i + 1}")
    cur.execute("DEALLOCATE add_one")
    conn.close()


def prepared_after_writes():
    conn = connect(autocommit=True)
    cur = conn.cursor()
    cur.execute(PAW_TABLE)
    cur.execute(PAW_STEPS[0][0])
    cur.execute("PREPARE paw_sums (integer) AS " + PAW_QUERY.format("$1"))
    for write, want in PAW_STEPS:
        if write != PAW_STEPS[0][0]:
            cur.execute(write)
        cur.execute("EXECUTE paw_sums (0)")
        expect_equal(cur.fetchone(), want, f"EXECUTE after {write}")
    cur.execute("DEALLOCATE paw_sums")
    conn.close()


def types_roundtrip():
    conn = connect(autocommit=True)
    cur = conn.cursor()
    cur.execute(ROUNDTRIP_TABLE)
    placeholders = ", ".join(["%s"] * (len(ROUNDTRIP_COLUMNS) + 1))
    values = [psycopg2.extras.Json(v) if c == "j" else v for c, v in zip(ROUNDTRIP_COLUMNS, ROUNDTRIP_VALUES)]
    cur.execute(f"INSERT INTO rt (id, {', '.join(ROUNDTRIP_COLUMNS)}) VALUES ({placeholders})", [1, *values])
    cur.execute(f"INSERT INTO rt (id, {', '.join(ROUNDTRIP_COLUMNS)}) VALUES ({placeholders})",
                [2, *[None] * len(ROUNDTRIP_COLUMNS)])
    cur.execute(f"SELECT {', '.join(ROUNDTRIP_COLUMNS)} FROM rt ORDER BY id")
    rows = cur.fetchall()
    problems = compare_row(rows[0]) + compare_row(rows[1], [None] * len(ROUNDTRIP_COLUMNS))
    check(not problems, "; ".join(problems))
    conn.close()


def types_real_array():
    conn = connect(autocommit=True)
    cur = conn.cursor()
    cur.execute(REAL_ARRAY_TABLE)
    cur.execute("INSERT INTO ra VALUES (%s, %s)", (1, REAL_ARRAY_VALUE))
    cur.execute("INSERT INTO ra VALUES (%s, %s)", (2, None))
    cur.execute("INSERT INTO ra VALUES (3, '{0.5,NULL}')")
    cur.execute("SELECT v FROM ra ORDER BY id")
    expect_equal([r[0] for r in cur.fetchall()], [REAL_ARRAY_VALUE, None, [0.5, None]], "real[] values")
    conn.close()


def txn_commit_rollback():
    conn = connect()
    cur = conn.cursor()
    cur.execute("CREATE TABLE tx (id integer)")
    conn.commit()
    cur.execute("INSERT INTO tx VALUES (1)")
    conn.rollback()
    cur.execute("INSERT INTO tx VALUES (2)")
    conn.commit()
    try:
        cur.execute("SELECT * FROM no_such_table")
        raise Failure("no error from a missing table")
    except psycopg2.errors.UndefinedTable:
        pass
    expect_equal(conn.info.transaction_status, psycopg2.extensions.TRANSACTION_STATUS_INERROR, "status after error")
    try:
        cur.execute("SELECT 1")
        raise Failure("statement after an error in a transaction succeeded")
    except psycopg2.errors.InFailedSqlTransaction:
        pass
    conn.rollback()
    cur.execute("SELECT id FROM tx ORDER BY id")
    expect_equal(cur.fetchall(), [(2,)], "rows after rollback/commit")
    conn.close()


def txn_savepoint():
    conn = connect()
    cur = conn.cursor()
    cur.execute("CREATE TABLE sp (id integer)")
    cur.execute("INSERT INTO sp VALUES (1)")
    cur.execute("SAVEPOINT s1")
    cur.execute("INSERT INTO sp VALUES (2)")
    cur.execute("ROLLBACK TO SAVEPOINT s1")
    cur.execute("SAVEPOINT s2")
    cur.execute("INSERT INTO sp VALUES (3)")
    cur.execute("RELEASE SAVEPOINT s2")
    conn.commit()
    cur.execute("SELECT id FROM sp ORDER BY id")
    expect_equal(cur.fetchall(), [(1,), (3,)], "rows after savepoints")
    conn.close()


def cursor_fetch():
    conn = connect()
    cur = conn.cursor("big_cursor")  # named cursor: DECLARE ... CURSOR WITHOUT HOLD, FETCH FORWARD n
    cur.itersize = 4
    cur.execute("SELECT g FROM generate_series(1, 10) AS g")
    expect_equal([r[0] for r in cur.fetchmany(3)], [1, 2, 3], "first fetchmany(3)")
    expect_equal([r[0] for r in cur], list(range(4, 11)), "iteration over the rest")
    cur.close()
    conn.commit()
    conn.close()


def batch():
    conn = connect()
    cur = conn.cursor()
    cur.execute("CREATE TABLE bt (id integer, name text)")
    cur.executemany("INSERT INTO bt VALUES (%s, %s)", [(i, f"n{i}") for i in range(20)])
    expect_equal(cur.rowcount, 20, "executemany rowcount")
    psycopg2.extras.execute_values(cur, "INSERT INTO bt VALUES %s", [(100 + i, "v") for i in range(5)])
    conn.commit()
    cur.execute("SELECT count(*) FROM bt")
    expect_equal(cur.fetchone()[0], 25, "rows after the batches")
    conn.close()


def copy_in():
    conn = connect()
    cur = conn.cursor()
    cur.execute("CREATE TABLE cp (id integer, name text)")
    cur.copy_from(io.StringIO("1\tone\n2\t\\N\n"), "cp", columns=("id", "name"))  # old WITH DELIMITER AS syntax
    cur.copy_expert("COPY cp (id, name) FROM STDIN WITH (FORMAT csv)", io.StringIO('3,"three, 3"\n4,\n'))
    conn.commit()
    cur.execute("SELECT id, name FROM cp ORDER BY id")
    expect_equal(cur.fetchall(), [(1, "one"), (2, None), (3, "three, 3"), (4, None)], "rows after COPY FROM")
    conn.close()


def copy_out():
    conn = connect(autocommit=True)
    cur = conn.cursor()
    cur.execute("CREATE TABLE co (id integer, name text)")
    cur.execute("INSERT INTO co VALUES (1, 'a'), (2, NULL)")
    buf = io.StringIO()
    cur.copy_to(buf, "co")
    expect_equal(buf.getvalue(), "1\ta\n2\t\\N\n", "copy_to text")
    buf = io.StringIO()
    cur.copy_expert("COPY (SELECT id, name FROM co ORDER BY id) TO STDOUT WITH (FORMAT csv, HEADER)", buf)
    expect_equal(buf.getvalue(), "id,name\n1,a\n2,\n", "copy_expert csv")
    conn.close()


def cancel():
    conn = connect(autocommit=True)
    timer = threading.Timer(CANCEL_AFTER_S, conn.cancel)
    timer.start()
    started = time.monotonic()
    try:
        select_one(conn, LONG_QUERY)
        raise Failure("the long query finished without being cancelled")
    except psycopg2.errors.QueryCanceled as err:
        expect_equal(err.pgcode, "57014", "pgcode")
    finally:
        timer.cancel()
    check(time.monotonic() - started < 10, "cancel took longer than 10 s")
    expect_equal(select_one(conn, "SELECT 1")[0], 1, "connection usable after cancel")
    conn.close()


def errors_sqlstate():
    conn = connect(autocommit=True)
    conn.cursor().execute(ERROR_TABLE)
    problems = []
    for sql, code in ERROR_CASES:
        try:
            conn.cursor().execute(sql)
            problems.append(f"{sql}: no error")
        except psycopg2.Error as err:
            if err.pgcode != code:
                problems.append(f"{sql}: pgcode {err.pgcode}, expected {code} ({err})")
    check(not problems, "; ".join(problems))
    conn.close()


def notice():
    conn = connect(autocommit=True)
    conn.cursor().execute("DROP TABLE IF EXISTS no_such_table_for_notice")
    check(any("does not exist" in n for n in conn.notices), f"notices: {conn.notices!r}")
    conn.close()


def pool_reset():
    conn = connect(autocommit=True)
    cur = conn.cursor()
    cur.execute("SET application_name = 'pooled'")
    cur.execute(POOL_RELEASE_SCRIPT)
    cur.execute("DISCARD ALL")
    expect_equal(select_one(conn, "SHOW application_name")[0], "", "application_name after RESET ALL/DISCARD ALL")
    conn.close()


if __name__ == "__main__":
    run(CLIENT, scenario_functions(globals()))
