"""Fixtures: a fresh, empty database per test on each of the four engines.

PostgreSQL and MariaDB get a database of a unique name, dropped after the test; SQLite
and DuckDB a file in the test's temporary folder. `engine` runs a test once per engine,
or for the engines a parametrisation names (`indirect=["engine"]`).

A server that does not answer skips its tests, with the reason; under `CI=true` (also
`1` or `yes`) it fails them instead, because there nothing may skip.
"""

from __future__ import annotations

import importlib
import os
import sqlite3
import uuid
from collections.abc import Callable, Iterator
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any, NoReturn

import pytest

DIALECTS = ("postgresql", "mysql", "sqlite", "duckdb")
POSTGRESQL_URL = "postgresql://postgres@127.0.0.1:5432"
MARIADB = {"host": "127.0.0.1", "port": 3306, "user": "root", "password": ""}
IN_CI = os.environ.get("CI", "").lower() in ("true", "1", "yes")
CONNECT_TIMEOUT = 5


@dataclass(frozen=True)
class Engine:
    """A fresh database: its dialect, an autocommit connection, and how to use it.

    `execute_script(sql)` sends a whole script through the driver in one call, as
    `schema.sql` is meant to run: no DELIMITER, no client meta-commands. `query(sql)`
    returns the rows of one statement as tuples.
    """

    dialect: str
    connection: Any
    execute_script: Callable[[str], None]
    query: Callable[[str], list[tuple[Any, ...]]]


def unavailable(reason: str) -> NoReturn:
    """Skip the test for `reason`; under CI fail it, since there nothing may skip."""
    if IN_CI:
        pytest.fail(
            f"{reason} (CI is set, so this fails instead of skipping)", pytrace=False
        )
    pytest.skip(reason)


def _driver(name: str) -> ModuleType:
    try:
        return importlib.import_module(name)
    except ImportError as error:
        unavailable(f"the driver {name!r} is not installed: {error}")


def _database_name() -> str:
    return f"dreamvault_test_{uuid.uuid4().hex[:12]}"


@pytest.fixture
def postgresql_engine() -> Iterator[Engine]:
    psycopg = _driver("psycopg")
    try:
        admin = psycopg.connect(
            f"{POSTGRESQL_URL}/postgres",
            autocommit=True,
            connect_timeout=CONNECT_TIMEOUT,
        )
    except psycopg.OperationalError as error:
        unavailable(f"PostgreSQL at {POSTGRESQL_URL} does not answer: {error}")
    name = _database_name()
    with admin:
        admin.execute(f'CREATE DATABASE "{name}"')
        try:
            with psycopg.connect(f"{POSTGRESQL_URL}/{name}", autocommit=True) as conn:
                # Without parameters psycopg sends the simple query protocol, which
                # runs a script of many statements (dollar-quoted bodies included).
                yield Engine(
                    "postgresql",
                    conn,
                    lambda sql: _run(conn, sql),
                    lambda sql: _rows(conn.execute(sql)),
                )
        finally:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def mysql_engine() -> Iterator[Engine]:
    pymysql = _driver("pymysql")
    try:
        conn = pymysql.connect(
            **MARIADB,
            autocommit=True,
            charset="utf8mb4",
            connect_timeout=CONNECT_TIMEOUT,
            client_flag=pymysql.constants.CLIENT.MULTI_STATEMENTS,
        )
    except pymysql.err.OperationalError as error:
        unavailable(
            f"MariaDB at {MARIADB['host']}:{MARIADB['port']} does not answer: {error}"
        )
    name = _database_name()
    with closing(conn):
        _mysql_script(conn, f"CREATE DATABASE `{name}`")
        try:
            conn.select_db(name)
            yield Engine(
                "mysql",
                conn,
                lambda sql: _mysql_script(conn, sql),
                lambda sql: _mysql_rows(conn, sql),
            )
        finally:
            _mysql_script(conn, f"DROP DATABASE IF EXISTS `{name}`")


def _run(conn: Any, sql: str) -> None:
    conn.execute(sql)


def _run_script(conn: sqlite3.Connection, sql: str) -> None:
    conn.executescript(sql)


def _rows(result: Any) -> list[tuple[Any, ...]]:
    return [tuple(row) for row in result.fetchall()]


def _mysql_rows(conn: Any, sql: str) -> list[tuple[Any, ...]]:
    with conn.cursor() as cursor:
        cursor.execute(sql)
        return _rows(cursor)


def _mysql_script(conn: Any, sql: str) -> None:
    """Run `sql` as one script, which CLIENT.MULTI_STATEMENTS lets the server split.

    So a trigger body's semicolons need no DELIMITER. A statement's error arrives with
    its result, so every result is read.
    """
    with conn.cursor() as cursor:
        cursor.execute(sql)
        while cursor.nextset():
            pass


@pytest.fixture
def sqlite_engine(tmp_path: Path) -> Iterator[Engine]:
    conn = sqlite3.connect(tmp_path / "test.sqlite", isolation_level=None)
    with closing(conn):
        # SQLite enforces foreign keys only when asked, per connection.
        conn.execute("PRAGMA foreign_keys = ON")
        yield Engine(
            "sqlite",
            conn,
            lambda sql: _run_script(conn, sql),
            lambda sql: _rows(conn.execute(sql)),
        )


@pytest.fixture
def duckdb_engine(tmp_path: Path) -> Iterator[Engine]:
    duckdb = _driver("duckdb")
    conn = duckdb.connect(str(tmp_path / "test.duckdb"))
    with closing(conn):
        # DuckDB's execute runs every statement of a script (and returns the last).
        yield Engine(
            "duckdb",
            conn,
            lambda sql: _run(conn, sql),
            lambda sql: _rows(conn.execute(sql)),
        )


@pytest.fixture(params=DIALECTS)
def engine(request: pytest.FixtureRequest) -> Engine:
    """One test per engine; `indirect` parametrisation picks the engines by dialect."""
    fixture: Engine = request.getfixturevalue(f"{request.param}_engine")
    return fixture
