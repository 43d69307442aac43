"""Shared runner for the Python client programs of the compatibility matrix.

Reads the connection settings the node:test wrapper passes in CLIENTS_* variables, runs each
scenario with a time limit and prints one JSON line per scenario:
{"client": ..., "scenario": ..., "ok": true|false, "error": "..."}.
Scenario ids and their meaning: test/clients/scenarios.md.
"""
import asyncio
import inspect
import json
import os
import signal
import sys
import traceback

HOST = os.environ.get("CLIENTS_HOST", "127.0.0.1")
PORT = int(os.environ.get("CLIENTS_PORT", "5433"))
USER = os.environ.get("CLIENTS_USER", "thanosql")
DATABASE = os.environ.get("CLIENTS_DB", "thanosql")
SCRAM_PORT = int(os.environ.get("CLIENTS_SCRAM_PORT") or 0)
MD5_PORT = int(os.environ.get("CLIENTS_MD5_PORT") or 0)
PASSWORD = os.environ.get("CLIENTS_PASSWORD", "")
FIXTURE = os.environ.get("CLIENTS_FIXTURE", "")
ONLY = [s for s in os.environ.get("CLIENTS_ONLY", "").split(",") if s]
SCENARIO_TIMEOUT_S = int(os.environ.get("CLIENTS_SCENARIO_TIMEOUT_S", "15"))

# The long query cancel scenarios interrupt: ~30 s on our executor, far longer than any wait.
LONG_QUERY = "SELECT count(*) FROM generate_series(1, 100000000)"
CANCEL_AFTER_S = 0.5


class Failure(Exception):
    """A scenario's check did not hold."""


def check(condition, message):
    if not condition:
        raise Failure(message)


def expect_equal(actual, expected, what):
    if actual != expected:
        raise Failure(f"{what}: expected {expected!r}, got {actual!r}")


def md5_port():
    """The md5 server's port; fails the scenario when the wrapper could not start one."""
    if not MD5_PORT:
        raise Failure("server has no md5 authentication (no --auth-method md5 in src/config)")
    return MD5_PORT


def scram_port():
    if not SCRAM_PORT:
        raise Failure("no SCRAM server was started")
    return SCRAM_PORT


def fixture_statements():
    """Statements of test/clients/fixture.sql (one per ';'-terminated line group)."""
    with open(FIXTURE, encoding="utf-8") as f:
        text = "\n".join(line for line in f.read().splitlines() if not line.startswith("--"))
    return [s.strip().rstrip(";") for s in text.split(";\n") if s.strip()]


def emit(client, scenario, ok, error=None):
    line = {"client": client, "scenario": scenario, "ok": ok}
    if error is not None:
        line["error"] = error[:2000]
    print(json.dumps(line), flush=True)


class _Timeout(BaseException):
    pass


def _on_alarm(signum, frame):
    raise _Timeout()


def _describe(err):
    code = getattr(err, "pgcode", None) or getattr(err, "sqlstate", None)
    text = f"{type(err).__name__}: {err}".strip()
    return f"[{code}] {text}" if code else text


# The core scenarios every Python driver program runs, in this order (scenarios.md).
CORE_SCENARIOS = (
    "connect-trust",
    "connect-scram",
    "connect-md5",
    "auth-wrong-password",
    "version-schema",
    "crud-params",
    "prepared-repeat",
    "prepared-after-writes",
    "types-roundtrip",
    "types-real-array",
    "txn-commit-rollback",
    "txn-savepoint",
    "cursor-fetch",
    "batch",
    "copy-in",
    "copy-out",
    "cancel",
    "errors-sqlstate",
    "notice",
    "pool-reset",
)


def scenario_functions(namespace, ids=CORE_SCENARIOS):
    """[(id, fn)] for run(): each scenario id is run by the function of namespace (a program's globals())
    named like it with '_' for '-' (connect-trust -> connect_trust)."""
    missing = [i for i in ids if i.replace("-", "_") not in namespace]
    if missing:
        raise NameError(f"no scenario function for {', '.join(missing)}")
    return [(i, namespace[i.replace("-", "_")]) for i in ids]


def run(client, scenarios):
    """Runs [(id, fn)] in order; fn may be sync or async (async ones share one event loop)."""
    loop = asyncio.new_event_loop()
    for scenario, fn in scenarios:
        if ONLY and scenario not in ONLY:
            continue
        try:
            if inspect.iscoroutinefunction(fn):
                loop.run_until_complete(asyncio.wait_for(fn(), SCENARIO_TIMEOUT_S))
            else:
                signal.signal(signal.SIGALRM, _on_alarm)
                signal.alarm(SCENARIO_TIMEOUT_S)
                try:
                    fn()
                finally:
                    signal.alarm(0)
            emit(client, scenario, True)
        except (_Timeout, asyncio.TimeoutError):
            emit(client, scenario, False, f"timed out after {SCENARIO_TIMEOUT_S} s")
        except Failure as err:
            emit(client, scenario, False, str(err))
        except Exception as err:  # every driver error is a scenario failure, never a crash
            emit(client, scenario, False, _describe(err) + "\n" + "".join(traceback.format_tb(err.__traceback__)[-3:]))
    loop.close()
    sys.stdout.flush()
