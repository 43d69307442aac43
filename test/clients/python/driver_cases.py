"""Values and SQL shared by the Python driver programs (psycopg2, psycopg 3, asyncpg), so each
checks the same round trip. The Node and Java programs carry the same values (scenarios.md)."""
import datetime
import decimal
import json

# prepared-after-writes: the table, the statement prepared once (its parameter is 0), and each write with the
# (count, sum) the statement must then return; the first write comes before the statement is prepared.
PAW_TABLE = "CREATE TABLE paw (a integer)"
PAW_QUERY = "SELECT count(*)::integer, sum(a)::integer FROM paw WHERE a > {}"
PAW_STEPS = [
    ("INSERT INTO paw VALUES (1)", (1, 1)),
    ("INSERT INTO paw VALUES (2), (3)", (3, 6)),
    ("DELETE FROM paw WHERE a = 1", (2, 5)),
    ("ALTER TABLE paw ADD COLUMN b integer", (2, 5)),
    ("UPDATE paw SET a = a * 10", (2, 50)),
]

ROUNDTRIP_TABLE = (
    "CREATE TABLE rt (id integer, i2 smallint, i4 integer, i8 bigint, f4 real, f8 double precision,"
    " num numeric(12,2), b boolean, t text, vc varchar(20), bin bytea, d date, ts timestamp,"
    " tstz timestamptz, j json)"
)
ROUNDTRIP_COLUMNS = ["i2", "i4", "i8", "f4", "f8", "num", "b", "t", "vc", "bin", "d", "ts", "tstz", "j"]
UTC = datetime.timezone.utc
JSON_VALUE = {"a": [1, 2, None], "b": "x"}
ROUNDTRIP_VALUES = [
    -32768,
    2147483647,
    9007199254740993,
    1.5,
    0.1,
    decimal.Decimal("12345.67"),
    True,
    "h\u00e9llo\ttab",
    "abc",
    b"\x00\x01\xff",
    datetime.date(2024, 2, 29),
    datetime.datetime(2024, 1, 2, 3, 4, 5, 123456),
    datetime.datetime(2024, 1, 2, 3, 4, 5, 123456, tzinfo=UTC),
    JSON_VALUE,
]

REAL_ARRAY_TABLE = "CREATE TABLE ra (id integer, v real[])"
REAL_ARRAY_VALUE = [1.5, -2.25, 0.0]

ERROR_TABLE = "CREATE TABLE errt (id integer NOT NULL, name text)"
ERROR_CASES = [
    ("SELECT * FROM no_such_table", "42P01"),
    ("SELECT no_such_column FROM errt", "42703"),
    ("SELECT 'abc'::integer", "22P02"),
    ("INSERT INTO errt (id) VALUES (NULL)", "23502"),
]

POOL_RELEASE_SCRIPT = "SELECT pg_advisory_unlock_all();\nCLOSE ALL;\nUNLISTEN *;\nRESET ALL;"


def normalise(column, value):
    """Brings a decoded value to the form ROUNDTRIP_VALUES uses (json may arrive as text)."""
    if column == "j" and isinstance(value, str):
        return json.loads(value)
    if column == "bin" and isinstance(value, memoryview):
        return bytes(value)
    if column == "tstz" and isinstance(value, datetime.datetime) and value.tzinfo is not None:
        return value.astimezone(UTC)
    return value


def compare_row(row, expected=ROUNDTRIP_VALUES):
    """Differences between a fetched row (columns in ROUNDTRIP_COLUMNS order) and the expected values."""
    problems = []
    for column, got, want in zip(ROUNDTRIP_COLUMNS, row, expected):
        got = normalise(column, got)
        if got != want or type(got) is not type(want) and want is not None:
            problems.append(f"{column}: sent {want!r}, got {got!r} ({type(got).__name__})")
    return problems
