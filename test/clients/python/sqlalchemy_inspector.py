"""Superset stand-in: SQLAlchemy 1.4 (psycopg2 dialect) first-connect probes and the Inspector
calls Superset makes when a database is added and a dataset browsed, over the metadata fixture
(test/clients/fixture.sql); and the ORM side's upsert (postgresql.insert … on_conflict_do_*).
Run by test/e2e/clients-python.test.ts with /usr/bin/python3."""
import psycopg2
import sqlalchemy
from sqlalchemy import Column, Integer, MetaData, Table, Text, inspect, text
from sqlalchemy.dialects.postgresql import insert

from scenario_runner import (DATABASE, HOST, PORT, USER, Failure, check, expect_equal, fixture_statements, run)

CLIENT = "sqlalchemy"
ENGINE = sqlalchemy.create_engine(f"postgresql+psycopg2://{USER}@{HOST}:{PORT}/{DATABASE}", pool_pre_ping=True)


def fixture():
    # Loaded with plain psycopg2: the engine's first connect already needs pg_catalog.
    problems = []
    conn = psycopg2.connect(host=HOST, port=PORT, user=USER, dbname=DATABASE, connect_timeout=10)
    conn.autocommit = True
    for statement in fixture_statements():
        try:
            conn.cursor().execute(statement)
        except psycopg2.Error as err:
            problems.append(f"{statement[:60]}: [{err.pgcode}] {str(err).splitlines()[0]}")
    conn.close()
    check(not problems, "; ".join(problems))


def first_connect():
    with ENGINE.connect() as conn:  # runs the dialect's initialize(): hstore lookup, version(), probes
        expect_equal(conn.execute(text("SELECT 1")).scalar(), 1, "SELECT 1")
        check(ENGINE.dialect.server_version_info >= (10,), f"server_version_info {ENGINE.dialect.server_version_info}")


def inspector():
    return inspect(ENGINE)


def inspect_schemas():
    names = inspector().get_schema_names()
    check("public" in names, f"schemas {names}")


def inspect_tables():
    names = inspector().get_table_names()
    check({"items", "orders"} <= set(names), f"tables {names}")


def inspect_views():
    expect_equal(inspector().get_view_names(), ["cheap_items"], "views")


def inspect_columns():
    columns = inspector().get_columns("items")
    # str() of SQLAlchemy's ARRAY type is "ARRAY" (so it is against PostgreSQL 15 too); its item_type says real.
    got = [(c["name"], str(c["type"]) + (f"({c['type'].item_type})" if hasattr(c["type"], "item_type") else ""), c["nullable"])
           for c in columns]
    expect_equal(got, [("id", "INTEGER", False), ("name", "VARCHAR(40)", False), ("price", "NUMERIC(12, 2)", True),
                       ("tags", "ARRAY(REAL)", True), ("created", "TIMESTAMP", True)], "columns of items")


def inspect_pk():
    expect_equal(inspector().get_pk_constraint("items")["constrained_columns"], ["id"], "primary key")


def inspect_fks():
    fks = inspector().get_foreign_keys("orders")
    got = [(f["constrained_columns"], f["referred_table"], f["referred_columns"]) for f in fks]
    expect_equal(got, [(["item_id"], "items", ["id"])], "foreign keys of orders")


def inspect_indexes():
    got = [(i["name"], i["column_names"]) for i in inspector().get_indexes("items")]
    expect_equal(got, [("items_name_idx", ["name"])], "indexes of items (primary key excluded)")


def inspect_table_comment():
    expect_equal(inspector().get_table_comment("items")["text"], "things for sale", "table comment")


def upsert():
    # The statements SQLAlchemy's PostgreSQL dialect compiles for on_conflict_do_update / _do_nothing,
    # with bound parameters, RETURNING and the result's rowcount (the command tag).
    with ENGINE.begin() as conn:
        conn.execute(text("CREATE TABLE upsert_kv (k int PRIMARY KEY, v text, hits int DEFAULT 0)"))
    kv = Table("upsert_kv", MetaData(), Column("k", Integer, primary_key=True), Column("v", Text), Column("hits", Integer))
    with ENGINE.begin() as conn:
        stmt = insert(kv).values([{"k": 1, "v": "a", "hits": 1}, {"k": 2, "v": "b", "hits": 1}])
        conn.execute(stmt)
        stmt = insert(kv).values(k=1, v="A", hits=1)
        stmt = stmt.on_conflict_do_update(index_elements=[kv.c.k], set_={"v": stmt.excluded.v, "hits": kv.c.hits + 1})
        got = conn.execute(stmt.returning(kv.c.k, kv.c.v, kv.c.hits)).fetchall()
        expect_equal([tuple(r) for r in got], [(1, "A", 2)], "on_conflict_do_update returning")
        stmt = insert(kv).values(k=2, v="B").on_conflict_do_nothing(index_elements=["k"])
        expect_equal(conn.execute(stmt).rowcount, 0, "on_conflict_do_nothing rowcount on a conflict")
        stmt = insert(kv).values(k=3, v="c").on_conflict_do_nothing(constraint="upsert_kv_pkey")
        expect_equal(conn.execute(stmt).rowcount, 1, "on_conflict_do_nothing(constraint=) rowcount without a conflict")
        stmt = insert(kv).values(k=2, v="z")
        stmt = stmt.on_conflict_do_update(index_elements=["k"], set_={"v": stmt.excluded.v}, where=(kv.c.v != "b"))
        expect_equal(conn.execute(stmt).rowcount, 0, "on_conflict_do_update whose WHERE is false")
        rows = conn.execute(text("SELECT k, v, hits FROM upsert_kv ORDER BY k")).fetchall()
        expect_equal([tuple(r) for r in rows], [(1, "A", 2), (2, "b", 1), (3, "c", 0)], "rows after the upserts")


if __name__ == "__main__":
    run(CLIENT, [
        ("fixture", fixture),
        ("first-connect", first_connect),
        ("inspect-schemas", inspect_schemas),
        ("inspect-tables", inspect_tables),
        ("inspect-views", inspect_views),
        ("inspect-columns", inspect_columns),
        ("inspect-pk", inspect_pk),
        ("inspect-fks", inspect_fks),
        ("inspect-indexes", inspect_indexes),
        ("inspect-table-comment", inspect_table_comment),
        ("upsert", upsert),
    ])
