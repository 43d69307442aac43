"""psycopg 3.1 (libpq; extended protocol whenever there are parameters, binary int parameters,
auto-prepare after 5 runs, server-side cursors described as portals) through the shared scenarios
of test/clients/scenarios.md. Run by test/e2e/clients-python.test.ts with /usr/bin/python3."""
import threading
import time

import psycopg
from psycopg import pq
from psycopg.types.json import Json

from driver_cases import (ERROR_CASES, ERROR_TABLE, PAW_QUERY, PAW_STEPS, PAW_TABLE, POOL_RELEASE_SCRIPT, REAL_ARRAY_TABLE,
                          REAL_ARRAY_VALUE, ROUNDTRIP_COLUMNS, ROUNDTRIP_TABLE, ROUNDTRIP_VALUES, compare_row)
from scenario_runner import (CANCEL_AFTER_S, DATABASE, HOST, LONG_QUERY, PASSWORD, PORT, USER, Failure, check,
                             expect_equal, md5_port, run, scenario_functions, scram_port)

CLIENT = "psycopg3"
AUTO_PREPARE_THRESHOLD = 5


def connect(port=PORT, password=None, autocommit=False):
    return psycopg.connect(host=HOST, port=port, user=USER, dbname=DATABASE, password=password,
                           connect_timeout=10, autocommit=autocommit)


def one(conn, sql, params=None):
    return conn.execute(sql, params).fetchone()


def connect_trust():
    with connect() as conn:
        expect_equal(one(conn, "SELECT 1")[0], 1, "SELECT 1")


def connect_scram():
    with connect(scram_port(), PASSWORD) as conn:
        expect_equal(one(conn, "SELECT 1")[0], 1, "SELECT 1")


def connect_md5():
    with connect(md5_port(), PASSWORD) as conn:
        expect_equal(one(conn, "SELECT 1")[0], 1, "SELECT 1")


def auth_wrong_password():
    try:
        connect(scram_port(), PASSWORD + "-wrong").close()
    except psycopg.OperationalError as err:
        check("28P01" in str(err) or "password authentication failed" in str(err), f"unexpected error: {err}")
        return
    raise Failure("connected with a wrong password")


def version_schema():
    with connect(autocommit=True) as conn:
        version = one(conn, "SELECT version()")[0]
        check(version.startswith("PostgreSQL "), f"version() = {version!r}")
        check(conn.info.server_version >= 100000, f"server_version = {conn.info.server_version}")
        expect_equal(one(conn, "SELECT current_schema()")[0], "public", "current_schema()")


def crud_params():
    with connect(autocommit=True) as conn:
        conn.execute("CREATE TABLE crud (id integer PRIMARY KEY, name text, score double precision)")
        for row in [(1, "ann", 1.5), (2, "bob", 2.5), (3, "cy", None)]:
            expect_equal(conn.execute("INSERT INTO crud (id, name, score) VALUES (%s, %s, %s)", row).rowcount, 1,
                         "INSERT rowcount")
        expect_equal(conn.execute("SELECT name, score FROM crud WHERE id = %s", (2,)).fetchall(), [("bob", 2.5)],
                     "SELECT with a parameter")
        expect_equal(conn.execute("UPDATE crud SET score = score + %s WHERE id >= %s", (1, 2)).rowcount, 2,
                     "UPDATE rowcount")
        expect_equal(conn.execute("DELETE FROM crud WHERE name = %s", ("ann",)).rowcount, 1, "DELETE rowcount")
        expect_equal(conn.execute("SELECT id, score FROM crud ORDER BY id").fetchall(), [(2, 3.5), (3, None)],
                     "rows after UPDATE/DELETE")


def prepared_repeat():
    with connect(autocommit=True) as conn:
        check(conn.prepare_threshold == AUTO_PREPARE_THRESHOLD, f"prepare_threshold = {conn.prepare_threshold}")
        for i in range(7):  # runs 6 and 7 use the auto-prepared statement _pg3_0
            expect_equal(one(conn, "SELECT %s::integer + 1", (i,))[0], i + 1, f"auto-prepared run #{i + 1}")
        for i in range(3):
            expect_equal(conn.execute("SELECT %s::text || 'x'", (str(i),), prepare=True).fetchone()[0], f"{i}x",
                         f"prepare=True run #{i + 1}")


def prepared_after_writes():
    with connect(autocommit=True) as conn:
        conn.execute(PAW_TABLE)
        query = PAW_QUERY.format("%s")
        for write, want in PAW_STEPS:
            conn.execute(write)
            if write == PAW_STEPS[0][0]:
                for _ in range(AUTO_PREPARE_THRESHOLD):  # from here on psycopg runs its auto-prepared _pg3_N
                    conn.execute(query, (0,))
            expect_equal(one(conn, query, (0,)), want, f"auto-prepared statement after {write}")
            expect_equal(conn.execute(query, (0,), prepare=True).fetchone(), want, f"prepare=True after {write}")


def types_roundtrip():
    with connect(autocommit=True) as conn:
        conn.execute(ROUNDTRIP_TABLE)
        placeholders = ", ".join(["%s"] * (len(ROUNDTRIP_COLUMNS) + 1))
        values = [Json(v) if c == "j" else v for c, v in zip(ROUNDTRIP_COLUMNS, ROUNDTRIP_VALUES)]
        insert = f"INSERT INTO rt (id, {', '.join(ROUNDTRIP_COLUMNS)}) VALUES ({placeholders})"
        conn.execute(insert, [1, *values])
        conn.execute(insert, [2, *[None] * len(ROUNDTRIP_COLUMNS)])
        rows = conn.execute(f"SELECT {', '.join(ROUNDTRIP_COLUMNS)} FROM rt ORDER BY id").fetchall()
        problems = compare_row(rows[0]) + compare_row(rows[1], [None] * len(ROUNDTRIP_COLUMNS))
        binary = conn.cursor(binary=True).execute(f"SELECT {', '.join(ROUNDTRIP_COLUMNS)} FROM rt ORDER BY id").fetchall()
        problems += [f"binary results: {p}" for p in compare_row(binary[0])]
        check(not problems, "; ".join(problems))


def types_real_array():
    with connect(autocommit=True) as conn:
        conn.execute(REAL_ARRAY_TABLE)
        conn.execute("INSERT INTO ra VALUES (%s, %s)", (1, REAL_ARRAY_VALUE))
        conn.execute("INSERT INTO ra VALUES (%s, %s)", (2, None))
        conn.execute("INSERT INTO ra VALUES (3, '{0.5,NULL}')")
        got = [r[0] for r in conn.execute("SELECT v FROM ra ORDER BY id").fetchall()]
        expect_equal(got, [REAL_ARRAY_VALUE, None, [0.5, None]], "real[] values")


def txn_commit_rollback():
    with connect() as conn:
        conn.execute("CREATE TABLE tx (id integer)")
        conn.commit()
        conn.execute("INSERT INTO tx VALUES (%s)", (1,))
        conn.rollback()
        conn.execute("INSERT INTO tx VALUES (%s)", (2,))
        conn.commit()
        try:
            conn.execute("SELECT * FROM no_such_table")
            raise Failure("no error from a missing table")
        except psycopg.errors.UndefinedTable:
            pass
        expect_equal(conn.info.transaction_status, pq.TransactionStatus.INERROR, "status after error")
        try:
            conn.execute("SELECT 1")
            raise Failure("statement after an error in a transaction succeeded")
        except psycopg.errors.InFailedSqlTransaction:
            pass
        conn.rollback()
        expect_equal(conn.execute("SELECT id FROM tx ORDER BY id").fetchall(), [(2,)], "rows after rollback/commit")


def txn_savepoint():
    with connect() as conn:
        conn.execute("CREATE TABLE sp (id integer)")
        conn.execute("INSERT INTO sp VALUES (1)")
        try:
            with conn.transaction():  # nested: SAVEPOINT, then ROLLBACK TO SAVEPOINT on error
                conn.execute("INSERT INTO sp VALUES (2)")
                raise RuntimeError("roll back to the savepoint")
        except RuntimeError:
            pass
        with conn.transaction():  # nested: SAVEPOINT ... RELEASE
            conn.execute("INSERT INTO sp VALUES (3)")
        conn.commit()
        expect_equal(conn.execute("SELECT id FROM sp ORDER BY id").fetchall(), [(1,), (3,)], "rows after savepoints")


def cursor_fetch():
    with connect() as conn:
        with conn.cursor(name="big_cursor") as cur:  # DECLARE, Describe portal, FETCH FORWARD n
            cur.itersize = 4
            cur.execute("SELECT g FROM generate_series(1, 10) AS g")
            expect_equal([r[0] for r in cur.fetchmany(3)], [1, 2, 3], "first fetchmany(3)")
            expect_equal([r[0] for r in cur], list(range(4, 11)), "iteration over the rest")
        conn.commit()


def batch():
    with connect() as conn:
        conn.execute("CREATE TABLE bt (id integer, name text)")
        with conn.cursor() as cur:
            cur.executemany("INSERT INTO bt VALUES (%s, %s)", [(i, f"n{i}") for i in range(20)])
        conn.commit()
        expect_equal(one(conn, "SELECT count(*) FROM bt")[0], 20, "rows after executemany")


def copy_in():
    with connect() as conn:
        conn.execute("CREATE TABLE cp (id integer, name text)")
        with conn.cursor() as cur:
            with cur.copy("COPY cp (id, name) FROM STDIN") as copy:
                copy.write_row((1, "one"))
                copy.write_row((2, None))
            with cur.copy("COPY cp (id, name) FROM STDIN WITH (FORMAT csv)") as copy:
                copy.write('3,"three, 3"\n4,\n')
        conn.commit()
        expect_equal(conn.execute("SELECT id, name FROM cp ORDER BY id").fetchall(),
                     [(1, "one"), (2, None), (3, "three, 3"), (4, None)], "rows after COPY FROM")


def copy_out():
    with connect(autocommit=True) as conn:
        conn.execute("CREATE TABLE co (id integer, name text)")
        conn.execute("INSERT INTO co VALUES (1, 'a'), (2, NULL)")
        with conn.cursor() as cur:
            with cur.copy("COPY co TO STDOUT") as copy:
                text = b"".join(bytes(chunk) for chunk in copy).decode()
            expect_equal(text, "1\ta\n2\t\\N\n", "COPY TO STDOUT text")
            with cur.copy("COPY (SELECT id, name FROM co ORDER BY id) TO STDOUT") as copy:
                copy.set_types(["int4", "text"])
                expect_equal(list(copy.rows()), [(1, "a"), (2, None)], "COPY (query) rows()")


def cancel():
    with connect(autocommit=True) as conn:
        timer = threading.Timer(CANCEL_AFTER_S, conn.cancel)
        timer.start()
        started = time.monotonic()
        try:
            conn.execute(LONG_QUERY)
            raise Failure("the long query finished without being cancelled")
        except psycopg.errors.QueryCanceled as err:
            expect_equal(err.sqlstate, "57014", "sqlstate")
        finally:
            timer.cancel()
        check(time.monotonic() - started < 10, "cancel took longer than 10 s")
        expect_equal(one(conn, "SELECT 1")[0], 1, "connection usable after cancel")


def errors_sqlstate():
    with connect(autocommit=True) as conn:
        conn.execute(ERROR_TABLE)
        problems = []
        for sql, code in ERROR_CASES:
            try:
                conn.execute(sql)
                problems.append(f"{sql}: no error")
            except psycopg.Error as err:
                if err.sqlstate != code:
                    problems.append(f"{sql}: sqlstate {err.sqlstate}, expected {code} ({err})")
        try:
            conn.execute("SELECT * FROM errt WHERE id = %s", ("abc",))
            problems.append("bound 'abc' for an integer: no error")
        except psycopg.Error as err:
            if err.sqlstate != "22P02":
                problems.append(f"bound 'abc' for an integer: sqlstate {err.sqlstate}, expected 22P02 ({err})")
        check(not problems, "; ".join(problems))


def notice():
    with connect(autocommit=True) as conn:
        notices = []
        conn.add_notice_handler(lambda diag: notices.append(diag.message_primary or ""))
        conn.execute("DROP TABLE IF EXISTS no_such_table_for_notice")
        check(any("does not exist" in n for n in notices), f"notices: {notices!r}")


def pool_reset():
    # python3-psycopg-pool is not installed by default: the reset statements themselves are checked.
    with connect(autocommit=True) as conn:
        conn.execute("SET application_name = 'pooled'")
        conn.execute(POOL_RELEASE_SCRIPT)
        conn.execute("DISCARD ALL")
        expect_equal(one(conn, "SHOW application_name")[0], "", "application_name after RESET ALL/DISCARD ALL")


if __name__ == "__main__":
    run(CLIENT, scenario_functions(globals()))
