"""The generated DDL on the real engines: it applies, and it refuses what the specs
forbid where the dialect can hold the rule (issue 4 goes on: round trips of whole
records, introspection against the model, triggers and comments come next)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from tests.conftest import GENERATED, write_specs
from tests.engines import Engine

USER = "11111111-1111-1111-1111-111111111111"
PORTFOLIO = "22222222-2222-2222-2222-222222222222"


def schema(engine: Engine) -> str:
    return (GENERATED / "sql" / engine.dialect / "schema.sql").read_text("utf-8")


def q(engine: Engine, name: str) -> str:
    return f"`{name}`" if engine.dialect == "mysql" else f'"{name}"'


def insert(engine: Engine, table: str, row: dict[str, str]) -> None:
    columns = ", ".join(q(engine, c) for c in row)
    values = ", ".join(row.values())
    engine.execute_script(
        f"INSERT INTO {q(engine, table)} ({columns}) VALUES ({values})"
    )


def user(number: int = 1, email: str = "'ada@example.com'") -> dict[str, str]:
    return {
        "id": f"'{USER[:-1]}{number}'",
        "email": email,
        "username": f"'ada{number}'",
        "preferences": "'{}'",
    }


def portfolio() -> dict[str, str]:
    return {
        "id": f"'{PORTFOLIO}'",
        "user_id": f"'{USER}'",
        "name": "'Main'",
        "config": '\'{"risk_tolerance": "moderate"}\'',
    }


def stock(**changes: str) -> dict[str, str]:
    row = {
        "id": "'33333333-3333-3333-3333-333333333333'",
        "portfolio_id": f"'{PORTFOLIO}'",
        "symbol": "'ACME'",
        "company_name": "'Acme'",
        "quantity": "3",
        "purchase_price": "'10.10'",
        "purchase_date": "'2024-01-02'",
    }
    return {**row, **changes}


@pytest.fixture
def loaded(engine: Engine) -> Engine:
    engine.execute_script(schema(engine))
    insert(engine, "users", user())
    insert(engine, "portfolios", portfolio())
    return engine


def test_schema_applies_and_accepts_a_valid_stock(loaded: Engine) -> None:
    insert(loaded, "stocks", stock())
    rows = loaded.query(f"SELECT {q(loaded, 'symbol')} FROM {q(loaded, 'stocks')}")
    assert [tuple(r) for r in rows] == [("ACME",)]


def test_keys_differing_only_in_case_are_distinct_on_every_engine(
    loaded: Engine,
) -> None:
    """As in `dreamvault validate`: MariaDB's default collation would call 'Ada' and
    'ada' one key; the DDL makes text compare byte for byte there too."""
    # The loaded user is 'ada@example.com', 'ada1'.
    insert(loaded, "users", {**user(2, "'ADA@example.com'"), "username": "'ADA1'"})
    rows = loaded.query(f"SELECT COUNT(*) FROM {q(loaded, 'users')}")
    assert [tuple(r) for r in rows] == [(2,)]


@pytest.mark.parametrize(
    ("table", "row"),
    [
        ("stocks", stock(quantity="-1")),
        ("stocks", stock(quantity="0")),
        ("stocks", stock(purchase_price="'0.00'")),
        ("stocks", stock(symbol="'ABCDEFGHIJK'")),
        ("stocks", stock(portfolio_id="'44444444-4444-4444-4444-444444444444'")),
        ("users", user(2)),
    ],
    ids=[
        "negative-quantity",
        "zero-quantity",
        "zero-price-as-text",
        "symbol-too-long",
        "missing-portfolio",
        "duplicate-email",
    ],
)
def test_the_engine_refuses_what_the_specs_forbid(
    loaded: Engine, table: str, row: dict[str, str]
) -> None:
    with pytest.raises(Exception):  # noqa: B017 - each driver raises its own class
        insert(loaded, table, row)


def test_an_unknown_enum_value_is_refused(loaded: Engine) -> None:
    insert(
        loaded,
        "conversations",
        {
            "id": "'55555555-5555-5555-5555-555555555555'",
            "user_id": f"'{USER}'",
            "context": "'{}'",
            "state": "'{}'",
            "config": "'{}'",
        },
    )
    message = {
        "id": "'66666666-6666-6666-6666-666666666666'",
        "conversation_id": "'55555555-5555-5555-5555-555555555555'",
        "role": "'robot'",
        "content": "'hi'",
    }
    with pytest.raises(Exception):  # noqa: B017 - each driver raises its own class
        insert(loaded, "messages", message)


TRIGGER_DIALECTS = ["postgresql", "mysql", "sqlite"]
SESSION_ZONE = {
    "postgresql": "SET TIME ZONE 'Asia/Karachi'",
    "mysql": "SET time_zone = '+05:00'",
}


@pytest.mark.parametrize("engine", TRIGGER_DIALECTS, indirect=["engine"])
def test_updated_at_becomes_the_utc_instant_now(engine: Engine) -> None:
    """`x-on-update: now`, whatever the session's time zone (DESIGN.md section 4)."""
    engine.execute_script(schema(engine))
    if engine.dialect in SESSION_ZONE:
        engine.execute_script(SESSION_ZONE[engine.dialect])
    insert(engine, "users", {**user(), "updated_at": "'2000-01-01 00:00:00'"})
    table, name = q(engine, "users"), q(engine, "username")
    engine.execute_script(f"UPDATE {table} SET {name} = 'grace'")
    stamp = engine.query(f"SELECT {q(engine, 'updated_at')} FROM {table}")[0][0]
    now = datetime.now(UTC)
    if isinstance(stamp, str):  # SQLite keeps RFC 3339 text
        stamp = datetime.fromisoformat(stamp)
    if stamp.tzinfo is None:  # MariaDB's DATETIME(6) holds UTC without an offset
        stamp = stamp.replace(tzinfo=UTC)
    assert abs(now - stamp) < timedelta(minutes=2)


@pytest.mark.parametrize("engine", ["duckdb"], indirect=["engine"])
def test_duckdb_says_where_it_cannot_keep_the_rule(engine: Engine) -> None:
    text = schema(engine)
    assert "-- DV001: stocks.portfolio_id loses ON DELETE CASCADE" in text
    assert "-- DV002: stocks.updated_at is not refreshed on UPDATE" in text
    keys = [line for line in text.splitlines() if "FOREIGN KEY" in line]
    assert len(keys) == 4
    assert not [line for line in keys if "ON DELETE" in line]


HOSTILE = [
    "it's",
    'say "hi"',
    "back\\slash\\",
    "-- not a comment",
    "/* nor this */",
    "a; DROP TABLE notes; --",
    "$$ dollar $$",
    "line\nbreak",
    "tab\tand %s and {braces}",
]


def hostile_specs(tmp_path: Path) -> Path:
    specs = {
        "note.schema.json": {
            "title": "Note",
            "description": "\n".join(HOSTILE),
            "type": "object",
            "x-table": "notes",
            "properties": {
                "id": {"type": "string", "description": HOSTILE[5]},
                "body": {
                    "type": "string",
                    "description": HOSTILE[2],
                    "x-default": HOSTILE[0] + HOSTILE[2] + HOSTILE[5],
                },
                "mood": {"$ref": "mood.schema.json", "description": HOSTILE[6]},
            },
            "required": ["id"],
        },
        "mood.schema.json": {
            "title": "Mood",
            "description": HOSTILE[3],
            "type": "string",
            "enum": HOSTILE,
        },
    }
    return write_specs(tmp_path / "specs", specs)


@pytest.fixture(scope="module")
def hostile_sql(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("hostile")
    hostile_specs(root)
    out = root / "out"
    result = CliRunner().invoke(
        main, ["generate", "--specs", str(root / "specs"), "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    return out / "sql"


def test_hostile_text_stays_data_on_every_engine(
    engine: Engine, hostile_sql: Path
) -> None:
    engine.execute_script((hostile_sql / engine.dialect / "schema.sql").read_text())
    table = q(engine, "notes")
    for number, mood in enumerate(HOSTILE):
        literal = "'" + mood.replace("'", "''") + "'"
        if engine.dialect == "mysql":
            literal = "'" + mood.replace("\\", "\\\\").replace("'", "''") + "'"
        engine.execute_script(
            f"INSERT INTO {table} ({q(engine, 'id')}, {q(engine, 'mood')}) "
            f"VALUES ('n{number}', {literal})"
        )
    rows = engine.query(
        f"SELECT {q(engine, 'body')}, {q(engine, 'mood')} FROM {table} "
        f"ORDER BY {q(engine, 'id')}"
    )
    assert [row[1] for row in rows] == HOSTILE
    assert {row[0] for row in rows} == {HOSTILE[0] + HOSTILE[2] + HOSTILE[5]}
    assert [tuple(r) for r in engine.query(f"SELECT COUNT(*) FROM {table}")] == [(9,)]


def test_x_sql_type_is_used_for_its_dialect(tmp_path: Path) -> None:
    specs = {
        "item.schema.json": {
            "title": "Item",
            "type": "object",
            "x-table": "items",
            "properties": {
                "id": {"type": "string", "x-sql-type": {"postgresql": "CHAR(12)"}},
            },
            "required": ["id"],
        }
    }
    write_specs(tmp_path / "specs", specs)
    result = CliRunner().invoke(
        main,
        ["generate", "--specs", str(tmp_path / "specs"), "--out", str(tmp_path / "o")],
    )
    assert result.exit_code == 0, result.output
    sql = tmp_path / "o/sql"
    assert '"id" CHAR(12) NOT NULL' in (sql / "postgresql/schema.sql").read_text()
    assert '"id" TEXT NOT NULL' in (sql / "sqlite/schema.sql").read_text()


def test_the_live_schema_is_what_the_model_says(engine: Engine) -> None:
    from generator.introspect import describe
    from generator.pipeline import load_model
    from generator.sql.expected import differences, expected_schema
    from tests.conftest import ROOT, SPECS

    engine.execute_script(schema(engine))
    expected = expected_schema(load_model(SPECS, ROOT), engine.dialect)
    assert differences(expected, describe(engine.connection, engine.dialect)) == []


@pytest.mark.parametrize("engine", ["postgresql", "sqlite"], indirect=["engine"])
def test_a_drifted_schema_is_reported(engine: Engine) -> None:
    from generator.introspect import describe
    from generator.pipeline import load_model
    from generator.sql.expected import differences, expected_schema
    from tests.conftest import ROOT, SPECS

    engine.execute_script(schema(engine))
    engine.execute_script(f"DROP TABLE {q(engine, 'messages')}")
    engine.execute_script(f"DROP INDEX {q(engine, 'ix_stocks_portfolio_id')}")
    expected = expected_schema(load_model(SPECS, ROOT), engine.dialect)
    found = differences(expected, describe(engine.connection, engine.dialect))
    assert found == [
        "table 'messages' is only on one side",
        "stocks: no index on [('portfolio_id',)]",
    ]


@pytest.mark.parametrize("engine", ["sqlite"], indirect=["engine"])
@pytest.mark.parametrize(
    ("price", "accepted"),
    [
        ("'10.10'", True),
        ("'007.50'", True),
        ("'99999999.99'", True),
        ("'abc'", False),
        ("'5abc'", False),
        ("'1e3'", False),
        ("'12.345'", False),
        ("'123456789.00'", False),
        ("'-5.00'", False),
        ("'5.'", False),
        ("'.5'", False),
        ("'1.2.3'", False),
        ("'1-2'", False),
    ],
)
def test_sqlite_holds_decimal_text_to_the_spec(
    loaded: Engine, price: str, accepted: bool
) -> None:
    if accepted:
        insert(loaded, "stocks", stock(purchase_price=price))
    else:
        with pytest.raises(Exception):  # noqa: B017 - sqlite3.IntegrityError
            insert(loaded, "stocks", stock(purchase_price=price))


@pytest.mark.parametrize("engine", ["sqlite"], indirect=["engine"])
def test_sqlite_on_update_trigger_survives_recursive_triggers(engine: Engine) -> None:
    engine.execute_script(schema(engine))
    engine.execute_script("PRAGMA recursive_triggers = ON")
    insert(engine, "users", {**user(), "updated_at": "'2000-01-01T00:00:00.000Z'"})
    engine.execute_script(
        f"UPDATE {q(engine, 'users')} SET {q(engine, 'username')} = 'b'"
    )
    [(stamp,)] = engine.query(
        f"SELECT {q(engine, 'updated_at')} FROM {q(engine, 'users')}"
    )
    assert stamp > "2024"


@pytest.mark.parametrize("engine", ["mysql", "sqlite"], indirect=["engine"])
def test_a_boolean_column_holds_only_true_and_false(
    engine: Engine, tmp_path: Path
) -> None:
    specs = {
        "flag.schema.json": {
            "title": "Flag",
            "type": "object",
            "x-table": "flags",
            "properties": {"id": {"type": "integer"}, "on": {"type": "boolean"}},
            "required": ["id"],
        }
    }
    write_specs(tmp_path / "specs", specs)
    out = tmp_path / "out"
    result = CliRunner().invoke(
        main, ["generate", "--specs", str(tmp_path / "specs"), "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    engine.execute_script((out / "sql" / engine.dialect / "schema.sql").read_text())
    insert(engine, "flags", {"id": "1", "on": "1"})
    with pytest.raises(Exception):  # noqa: B017 - each driver raises its own class
        insert(engine, "flags", {"id": "2", "on": "7"})
