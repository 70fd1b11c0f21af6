"""`generator.introspect` on the real engines: hand-written DDL, read back exactly.

Each engine gets the same small schema (a parent and a child table) in its own dialect,
as ENGINES.md says it should be written there, and the expected description says what
that engine stores: the engine's own spelling of types, defaults and CHECKs. Tables of
cases then pin types, defaults, foreign-key rules, key shapes and what counts as a user
table, per engine; and one schema made by CREATE TABLE and by ALTER TABLE ADD COLUMN
must describe equal, though the column order differs.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

import pytest

from generator.introspect import (
    Column,
    ForeignKey,
    Index,
    Schema,
    Table,
    describe,
    normalise_expression,
    normalise_type,
)

if TYPE_CHECKING:
    from tests.engines import Engine

# The engine fixtures; imported here only until conftest.py takes them in.

HOSTILE = "it''s; -- not a comment /* nor this */"
HOSTILE_STORED = "'it''s; -- not a comment /* nor this */'"


def column(
    name: str, type_: str, *, nullable: bool = True, default: str | None = None
) -> Column:
    return Column(name, type_, nullable, default)


def table(
    name: str,
    columns: Iterable[Column],
    *,
    primary_key: tuple[str, ...] = (),
    uniques: Iterable[tuple[str, ...]] = (),
    indexes: Iterable[Index] = (),
    foreign_keys: Iterable[ForeignKey] = (),
    checks: Mapping[str, Iterable[str]] | None = None,
) -> Table:
    """A Table as a test writes it: checks as {expression: covered columns}."""
    check_columns = {text: frozenset(names) for text, names in (checks or {}).items()}
    return Table(
        name=name,
        columns={c.name: c for c in columns},
        primary_key=primary_key,
        uniques=frozenset(uniques),
        indexes=frozenset(indexes),
        foreign_keys=frozenset(foreign_keys),
        checks=frozenset(check_columns),
        check_columns=check_columns,
    )


def schema(*tables: Table) -> Schema:
    return Schema({t.name: t for t in tables})


# The schema, per engine --------------------------------------------------------------

# The ALTER test adds these two columns after this line of `holdings` in a fresh
# CREATE TABLE, and appends them with ALTER TABLE in the migrated one.
SYMBOL_LINE = "    symbol VARCHAR(10) NOT NULL,\n"
ADDED_COLUMNS = (
    "note VARCHAR(20) DEFAULT 'none'",
    "lot_size INTEGER NOT NULL DEFAULT 1",
)
HOLDINGS_INDEXES = """CREATE INDEX ix_holdings_symbol ON holdings (symbol);
CREATE INDEX ix_holdings_status_symbol ON holdings (status, symbol);
"""

POSTGRESQL_DDL = f"""
CREATE TABLE owners (
    id BIGINT NOT NULL,
    email VARCHAR(255) NOT NULL,
    nickname VARCHAR(50) NOT NULL DEFAULT '{HOSTILE}',
    created_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,
    settings JSONB,
    CONSTRAINT pk_owners PRIMARY KEY (id),
    CONSTRAINT uq_owners_email UNIQUE (email),
    CONSTRAINT ck_owners_nickname CHECK (char_length(nickname) > 0)
);
CREATE UNIQUE INDEX ux_owners_nickname ON owners (nickname);
CREATE TABLE holdings (
    id BIGINT NOT NULL,
    owner_id BIGINT NOT NULL,
    backup_owner_id BIGINT,
{SYMBOL_LINE}    quantity NUMERIC(15,2) NOT NULL DEFAULT 0 CHECK (quantity >= 0),
    status VARCHAR(10) NOT NULL DEFAULT 'open',
    CONSTRAINT pk_holdings PRIMARY KEY (id),
    CONSTRAINT uq_holdings_owner_symbol UNIQUE (owner_id, symbol),
    CONSTRAINT fk_holdings_owner FOREIGN KEY (owner_id)
        REFERENCES owners (id) ON DELETE CASCADE,
    CONSTRAINT fk_holdings_backup FOREIGN KEY (backup_owner_id)
        REFERENCES owners (id) ON DELETE SET NULL,
    CONSTRAINT ck_holdings_status CHECK (status IN ('open', 'Closed'))
);
{HOLDINGS_INDEXES}"""

# JSON is LONGTEXT with a json_valid CHECK; instants are DATETIME(6) in UTC.
MYSQL_DDL = f"""
CREATE TABLE owners (
    id BIGINT NOT NULL,
    email VARCHAR(255) NOT NULL,
    nickname VARCHAR(50) NOT NULL DEFAULT '{HOSTILE}',
    created_at DATETIME(6) NOT NULL DEFAULT (UTC_TIMESTAMP(6)),
    settings JSON,
    CONSTRAINT pk_owners PRIMARY KEY (id),
    CONSTRAINT uq_owners_email UNIQUE (email),
    CONSTRAINT ck_owners_nickname CHECK (char_length(nickname) > 0)
);
CREATE UNIQUE INDEX ux_owners_nickname ON owners (nickname);
CREATE TABLE holdings (
    id BIGINT NOT NULL,
    owner_id BIGINT NOT NULL,
    backup_owner_id BIGINT,
{SYMBOL_LINE}    quantity DECIMAL(15,2) NOT NULL DEFAULT 0 CHECK (quantity >= 0),
    status VARCHAR(10) NOT NULL DEFAULT 'open',
    CONSTRAINT pk_holdings PRIMARY KEY (id),
    CONSTRAINT uq_holdings_owner_symbol UNIQUE (owner_id, symbol),
    CONSTRAINT fk_holdings_owner FOREIGN KEY (owner_id)
        REFERENCES owners (id) ON DELETE CASCADE,
    CONSTRAINT fk_holdings_backup FOREIGN KEY (backup_owner_id)
        REFERENCES owners (id) ON DELETE SET NULL,
    CONSTRAINT ck_holdings_status CHECK (status IN ('open', 'Closed'))
);
{HOLDINGS_INDEXES}"""

# Instants as RFC 3339 text, JSON as text checked by json_valid, decimals as text
# compared as numbers (ENGINES.md: numeric affinity and text comparison).
SQLITE_DDL = f"""
CREATE TABLE owners (
    id INTEGER NOT NULL,
    email VARCHAR(255) NOT NULL,
    nickname VARCHAR(50) NOT NULL DEFAULT '{HOSTILE}',
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    settings TEXT,
    CONSTRAINT pk_owners PRIMARY KEY (id),
    CONSTRAINT uq_owners_email UNIQUE (email),
    CONSTRAINT ck_owners_nickname CHECK (length(nickname) > 0),
    CONSTRAINT ck_owners_settings CHECK (settings IS NULL OR json_valid(settings))
);
CREATE UNIQUE INDEX ux_owners_nickname ON owners (nickname);
CREATE TABLE holdings (
    id INTEGER NOT NULL,
    owner_id INTEGER NOT NULL,
    backup_owner_id INTEGER,
{SYMBOL_LINE}    quantity TEXT NOT NULL DEFAULT '0.00'
        CHECK (CAST(quantity AS NUMERIC) >= 0),
    status VARCHAR(10) NOT NULL DEFAULT 'open',
    CONSTRAINT pk_holdings PRIMARY KEY (id),
    CONSTRAINT uq_holdings_owner_symbol UNIQUE (owner_id, symbol),
    CONSTRAINT fk_holdings_owner FOREIGN KEY (owner_id)
        REFERENCES owners (id) ON DELETE CASCADE,
    CONSTRAINT fk_holdings_backup FOREIGN KEY (backup_owner_id)
        REFERENCES owners (id) ON DELETE SET NULL,
    CONSTRAINT ck_holdings_status CHECK (status IN ('open', 'Closed'))
);
{HOLDINGS_INDEXES}"""

# No ON DELETE rule but the default (ENGINES.md).
DUCKDB_DDL = f"""
CREATE TABLE owners (
    id BIGINT NOT NULL,
    email VARCHAR(255) NOT NULL,
    nickname VARCHAR(50) NOT NULL DEFAULT '{HOSTILE}',
    created_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,
    settings JSON,
    CONSTRAINT pk_owners PRIMARY KEY (id),
    CONSTRAINT uq_owners_email UNIQUE (email),
    CONSTRAINT ck_owners_nickname CHECK (length(nickname) > 0)
);
CREATE UNIQUE INDEX ux_owners_nickname ON owners (nickname);
CREATE TABLE holdings (
    id BIGINT NOT NULL,
    owner_id BIGINT NOT NULL,
    backup_owner_id BIGINT,
{SYMBOL_LINE}    quantity DECIMAL(15,2) NOT NULL DEFAULT 0 CHECK (quantity >= 0),
    status VARCHAR(10) NOT NULL DEFAULT 'open',
    CONSTRAINT pk_holdings PRIMARY KEY (id),
    CONSTRAINT uq_holdings_owner_symbol UNIQUE (owner_id, symbol),
    CONSTRAINT fk_holdings_owner FOREIGN KEY (owner_id) REFERENCES owners (id),
    CONSTRAINT fk_holdings_backup FOREIGN KEY (backup_owner_id) REFERENCES owners (id),
    CONSTRAINT ck_holdings_status CHECK (status IN ('open', 'Closed'))
);
{HOLDINGS_INDEXES}"""

DDL = {
    "postgresql": POSTGRESQL_DDL,
    "mysql": MYSQL_DDL,
    "sqlite": SQLITE_DDL,
    "duckdb": DUCKDB_DDL,
}

SYMBOL_INDEXES = {Index(("symbol",), False), Index(("status", "symbol"), False)}


def holding_references(cascade: str, set_null: str) -> set[ForeignKey]:
    return {
        ForeignKey(("owner_id",), "owners", ("id",), cascade),
        ForeignKey(("backup_owner_id",), "owners", ("id",), set_null),
    }


EXPECTED = {
    "postgresql": schema(
        table(
            "owners",
            [
                column("id", "BIGINT", nullable=False),
                column("email", "VARCHAR(255)", nullable=False),
                column(
                    "nickname",
                    "VARCHAR(50)",
                    nullable=False,
                    default=f"{HOSTILE_STORED}::character varying",
                ),
                column(
                    "created_at",
                    "TIMESTAMP WITH TIME ZONE",
                    nullable=False,
                    default="current_timestamp",
                ),
                column("settings", "JSONB"),
            ],
            primary_key=("id",),
            uniques={("email",)},
            indexes={Index(("nickname",), True)},
            checks={"(char_length((nickname)::text) > 0)": ["nickname"]},
        ),
        table(
            "holdings",
            [
                column("id", "BIGINT", nullable=False),
                column("owner_id", "BIGINT", nullable=False),
                column("backup_owner_id", "BIGINT"),
                column("symbol", "VARCHAR(10)", nullable=False),
                column("quantity", "NUMERIC(15,2)", nullable=False, default="0"),
                column(
                    "status",
                    "VARCHAR(10)",
                    nullable=False,
                    default="'open'::character varying",
                ),
            ],
            primary_key=("id",),
            uniques={("owner_id", "symbol")},
            indexes=SYMBOL_INDEXES,
            foreign_keys=holding_references("CASCADE", "SET NULL"),
            checks={
                "(quantity >= (0)::numeric)": ["quantity"],
                "((status)::text = any ((array['open'::character varying, "
                "'Closed'::character varying])::text[]))": ["status"],
            },
        ),
    ),
    "mysql": schema(
        table(
            "owners",
            [
                column("id", "BIGINT", nullable=False),
                column("email", "VARCHAR(255)", nullable=False),
                column(
                    "nickname", "VARCHAR(50)", nullable=False, default=HOSTILE_STORED
                ),
                column(
                    "created_at",
                    "DATETIME(6)",
                    nullable=False,
                    default="utc_timestamp(6)",
                ),
                column("settings", "LONGTEXT"),
            ],
            primary_key=("id",),
            # A unique index is a unique key like any other.
            uniques={("email",), ("nickname",)},
            checks={
                "char_length(`nickname`) > 0": ["nickname"],
                "json_valid(`settings`)": ["settings"],
            },
        ),
        table(
            "holdings",
            [
                column("id", "BIGINT", nullable=False),
                column("owner_id", "BIGINT", nullable=False),
                column("backup_owner_id", "BIGINT"),
                column("symbol", "VARCHAR(10)", nullable=False),
                column("quantity", "DECIMAL(15,2)", nullable=False, default="0.00"),
                column("status", "VARCHAR(10)", nullable=False, default="'open'"),
            ],
            primary_key=("id",),
            uniques={("owner_id", "symbol")},
            # The index MariaDB adds for fk_holdings_backup; owner_id is served by
            # the unique key it leads.
            indexes={*SYMBOL_INDEXES, Index(("backup_owner_id",), False)},
            foreign_keys=holding_references("CASCADE", "SET NULL"),
            checks={
                "`quantity` >= 0": ["quantity"],
                "`status` in ('open','Closed')": ["status"],
            },
        ),
    ),
    "sqlite": schema(
        table(
            "owners",
            [
                column("id", "INTEGER", nullable=False),
                column("email", "VARCHAR(255)", nullable=False),
                column(
                    "nickname", "VARCHAR(50)", nullable=False, default=HOSTILE_STORED
                ),
                column(
                    "created_at",
                    "TEXT",
                    nullable=False,
                    default="strftime('%Y-%m-%dT%H:%M:%fZ', 'now')",
                ),
                column("settings", "TEXT"),
            ],
            primary_key=("id",),
            uniques={("email",)},
            indexes={Index(("nickname",), True)},
            checks={
                "length(nickname) > 0": ["nickname"],
                "settings is null or json_valid(settings)": ["settings"],
            },
        ),
        table(
            "holdings",
            [
                column("id", "INTEGER", nullable=False),
                column("owner_id", "INTEGER", nullable=False),
                column("backup_owner_id", "INTEGER"),
                column("symbol", "VARCHAR(10)", nullable=False),
                column("quantity", "TEXT", nullable=False, default="'0.00'"),
                column("status", "VARCHAR(10)", nullable=False, default="'open'"),
            ],
            primary_key=("id",),
            uniques={("owner_id", "symbol")},
            indexes=SYMBOL_INDEXES,
            foreign_keys=holding_references("CASCADE", "SET NULL"),
            checks={
                "cast(quantity as numeric) >= 0": ["quantity"],
                "status in ('open', 'Closed')": ["status"],
            },
        ),
    ),
    "duckdb": schema(
        table(
            "owners",
            [
                column("id", "BIGINT", nullable=False),
                column("email", "VARCHAR", nullable=False),
                column("nickname", "VARCHAR", nullable=False, default=HOSTILE_STORED),
                column(
                    "created_at",
                    "TIMESTAMP WITH TIME ZONE",
                    nullable=False,
                    default="current_timestamp",
                ),
                column("settings", "JSON"),
            ],
            primary_key=("id",),
            uniques={("email",)},
            indexes={Index(("nickname",), True)},
            checks={"(length(nickname) > 0)": ["nickname"]},
        ),
        table(
            "holdings",
            [
                column("id", "BIGINT", nullable=False),
                column("owner_id", "BIGINT", nullable=False),
                column("backup_owner_id", "BIGINT"),
                column("symbol", "VARCHAR", nullable=False),
                column("quantity", "DECIMAL(15,2)", nullable=False, default="0"),
                column("status", "VARCHAR", nullable=False, default="'open'"),
            ],
            primary_key=("id",),
            uniques={("owner_id", "symbol")},
            indexes=SYMBOL_INDEXES,
            foreign_keys=holding_references("NO ACTION", "NO ACTION"),
            checks={
                "(quantity >= 0)": ["quantity"],
                "(status in ('open', 'Closed'))": ["status"],
            },
        ),
    ),
}


def test_the_schema_is_described_exactly(engine: Engine) -> None:
    engine.execute_script(DDL[engine.dialect])

    described = describe(engine.connection, engine.dialect)

    assert described == EXPECTED[engine.dialect]


def test_added_columns_describe_as_if_created(engine: Engine) -> None:
    """ENGINES.md: ADD COLUMN appends, so the order differs and nothing else does."""
    ddl = DDL[engine.dialect]
    middle = "".join(f"    {definition},\n" for definition in ADDED_COLUMNS)
    engine.execute_script(ddl.replace(SYMBOL_LINE, SYMBOL_LINE + middle))
    created = describe(engine.connection, engine.dialect)
    engine.execute_script("DROP TABLE holdings; DROP TABLE owners;")

    # DuckDB refuses to alter a table that has an index ("entries that depend on
    # it"), so the indexes come after the new columns.
    engine.execute_script(ddl.replace(HOLDINGS_INDEXES, ""))
    for definition in ADDED_COLUMNS:
        engine.execute_script(f"ALTER TABLE holdings ADD COLUMN {definition};")
    engine.execute_script(HOLDINGS_INDEXES)
    migrated = describe(engine.connection, engine.dialect)

    assert migrated == created
    assert list(migrated.tables["holdings"].columns)[-2:] == ["note", "lot_size"]
    assert list(created.tables["holdings"].columns)[-2:] != ["note", "lot_size"]


def test_an_empty_database_has_no_tables(engine: Engine) -> None:
    assert describe(engine.connection, engine.dialect) == Schema({})


# Tables of cases -------------------------------------------------------------------

# (declared type, normalised type) per engine; the engine decides what it stores.
TYPES = {
    "postgresql": [
        ("varchar(255)", "VARCHAR(255)"),
        ("character varying", "VARCHAR"),
        ("char(3)", "CHAR(3)"),
        ("numeric(15, 2)", "NUMERIC(15,2)"),
        ("decimal(15,2)", "NUMERIC(15,2)"),
        ("timestamptz", "TIMESTAMP WITH TIME ZONE"),
        ("timestamp(6) with time zone", "TIMESTAMP(6) WITH TIME ZONE"),
        ("timestamp", "TIMESTAMP WITHOUT TIME ZONE"),
        ("text", "TEXT"),
        ("jsonb", "JSONB"),
        ("json", "JSON"),
        ("uuid", "UUID"),
        ("int", "INTEGER"),
        ("bigint", "BIGINT"),
        ("boolean", "BOOLEAN"),
        ("date", "DATE"),
        ("double precision", "DOUBLE PRECISION"),
        ("text[]", "TEXT[]"),
    ],
    "mysql": [
        ("varchar(255)", "VARCHAR(255)"),
        ("char(36)", "CHAR(36)"),
        ("decimal(15, 2)", "DECIMAL(15,2)"),
        ("numeric(15,2)", "DECIMAL(15,2)"),
        ("datetime(6)", "DATETIME(6)"),
        ("timestamp(6) NULL", "TIMESTAMP(6)"),
        ("json", "LONGTEXT"),
        ("text", "TEXT"),
        ("int", "INT"),
        ("bigint unsigned", "BIGINT UNSIGNED"),
        ("boolean", "TINYINT(1)"),
        ("date", "DATE"),
        ("double", "DOUBLE"),
        ("enum('open','Closed')", "ENUM('open','Closed')"),
    ],
    "sqlite": [
        ("VARCHAR ( 255 )", "VARCHAR(255)"),
        ("decimal(15, 2)", "DECIMAL(15,2)"),
        ("timestamp with time zone", "TIMESTAMP WITH TIME ZONE"),
        ("text", "TEXT"),
        ("integer", "INTEGER"),
        ("json", "JSON"),
        ("", ""),
    ],
    "duckdb": [
        ("varchar(255)", "VARCHAR"),
        ("text", "VARCHAR"),
        ("decimal(15, 2)", "DECIMAL(15,2)"),
        ("numeric(15,2)", "DECIMAL(15,2)"),
        ("timestamptz", "TIMESTAMP WITH TIME ZONE"),
        ("timestamp", "TIMESTAMP"),
        ("json", "JSON"),
        ("uuid", "UUID"),
        ("int", "INTEGER"),
        ("boolean", "BOOLEAN"),
        ("date", "DATE"),
        ("double", "DOUBLE"),
    ],
}


def test_types_are_normalised(engine: Engine) -> None:
    cases = TYPES[engine.dialect]
    columns = ", ".join(f"c{n} {declared}" for n, (declared, _) in enumerate(cases))
    engine.execute_script(f"CREATE TABLE typed ({columns});")

    typed = describe(engine.connection, engine.dialect).tables["typed"]

    found = {name: c.type for name, c in typed.columns.items()}
    assert found == {f"c{n}": expected for n, (_, expected) in enumerate(cases)}


# (column definition, normalised default) per engine.
DEFAULTS = {
    "postgresql": [
        ("VARCHAR(10) DEFAULT 'open'", "'open'::character varying"),
        ("TEXT DEFAULT 'Two  Spaces'", "'Two  Spaces'::text"),
        ("NUMERIC(15,2) DEFAULT 1.50", "1.50"),
        ("TIMESTAMPTZ DEFAULT now()", "now()"),
        ("BOOLEAN DEFAULT FALSE", "false"),
        ("JSONB DEFAULT '{}'", "'{}'::jsonb"),
        ("INTEGER DEFAULT NULL", None),
        ("INTEGER", None),
    ],
    "mysql": [
        ("VARCHAR(20) DEFAULT 'Two  Spaces'", "'Two  Spaces'"),
        ("DECIMAL(15,2) DEFAULT 1.5", "1.50"),
        ("DATETIME(6) DEFAULT CURRENT_TIMESTAMP(6)", "current_timestamp(6)"),
        ("BOOLEAN DEFAULT FALSE", "0"),
        ("INTEGER DEFAULT NULL", None),
        ("INTEGER", None),
    ],
    "sqlite": [
        ("TEXT DEFAULT 'Two  Spaces'", "'Two  Spaces'"),
        ("TEXT DEFAULT '1.50'", "'1.50'"),
        ("TEXT DEFAULT CURRENT_TIMESTAMP", "current_timestamp"),
        ("TEXT DEFAULT (lower(  'A' ))", "lower( 'A' )"),
        ("INTEGER DEFAULT NULL", None),
        ("INTEGER", None),
    ],
    "duckdb": [
        ("VARCHAR DEFAULT 'Two  Spaces'", "'Two  Spaces'"),
        ("DECIMAL(15,2) DEFAULT 1.5", "1.5"),
        ("TIMESTAMPTZ DEFAULT CURRENT_TIMESTAMP", "current_timestamp"),
        ("BOOLEAN DEFAULT FALSE", "false"),
        ("INTEGER DEFAULT NULL", None),
        ("INTEGER", None),
    ],
}


def test_defaults_are_normalised(engine: Engine) -> None:
    cases = DEFAULTS[engine.dialect]
    columns = ", ".join(f"c{n} {definition}" for n, (definition, _) in enumerate(cases))
    engine.execute_script(f"CREATE TABLE defaulted ({columns});")

    defaulted = describe(engine.connection, engine.dialect).tables["defaulted"]

    found = {name: c.default for name, c in defaulted.columns.items()}
    assert found == {f"c{n}": expected for n, (_, expected) in enumerate(cases)}


# (ON DELETE clause, the rule read back) per engine. MariaDB stores an omitted rule
# as RESTRICT; DuckDB knows only the default.
RULES = {
    "postgresql": [
        ("", "NO ACTION"),
        ("ON DELETE NO ACTION", "NO ACTION"),
        ("ON DELETE RESTRICT", "RESTRICT"),
        ("ON DELETE CASCADE", "CASCADE"),
        ("ON DELETE SET NULL", "SET NULL"),
        ("ON DELETE SET DEFAULT", "SET DEFAULT"),
    ],
    "mysql": [
        ("", "RESTRICT"),
        ("ON DELETE NO ACTION", "NO ACTION"),
        ("ON DELETE RESTRICT", "RESTRICT"),
        ("ON DELETE CASCADE", "CASCADE"),
        ("ON DELETE SET NULL", "SET NULL"),
    ],
    "sqlite": [
        ("", "NO ACTION"),
        ("ON DELETE NO ACTION", "NO ACTION"),
        ("ON DELETE RESTRICT", "RESTRICT"),
        ("ON DELETE CASCADE", "CASCADE"),
        ("ON DELETE SET NULL", "SET NULL"),
        ("ON DELETE SET DEFAULT", "SET DEFAULT"),
    ],
    "duckdb": [("", "NO ACTION")],
}


def test_on_delete_rules_are_normalised(engine: Engine) -> None:
    cases = RULES[engine.dialect]
    children = "".join(
        f"CREATE TABLE child{n} (parent_id INTEGER, FOREIGN KEY (parent_id) "
        f"REFERENCES parent (id) {clause});\n"
        for n, (clause, _) in enumerate(cases)
    )
    engine.execute_script(f"CREATE TABLE parent (id INTEGER PRIMARY KEY);\n{children}")

    tables = describe(engine.connection, engine.dialect).tables

    found = {f"child{n}": tables[f"child{n}"].foreign_keys for n in range(len(cases))}
    assert found == {
        f"child{n}": {ForeignKey(("parent_id",), "parent", ("id",), rule)}
        for n, (_, rule) in enumerate(cases)
    }


COMPOSITE_DDL = """
CREATE TABLE pairs (a INTEGER NOT NULL, b INTEGER NOT NULL, PRIMARY KEY (b, a));
CREATE TABLE pair_refs (
    x INTEGER, y INTEGER, FOREIGN KEY (y, x) REFERENCES pairs (b, a)
);
"""
# The index MariaDB adds for a foreign key, in the key's column order.
COMPOSITE_INDEXES = {"mysql": {Index(("y", "x"), False)}}


def test_composite_keys_keep_their_column_order(engine: Engine) -> None:
    engine.execute_script(COMPOSITE_DDL)

    tables = describe(engine.connection, engine.dialect).tables

    assert tables["pairs"].primary_key == ("b", "a")
    (key,) = tables["pair_refs"].foreign_keys
    assert (key.columns, key.ref_table, key.ref_columns) == (
        ("y", "x"),
        "pairs",
        ("b", "a"),
    )
    assert tables["pair_refs"].indexes == COMPOSITE_INDEXES.get(engine.dialect, set())


# A column named like a function: `length(label)` is a call, `length` the column.
CHECKED_DDL = """
CREATE TABLE ranges (
    low INTEGER, high INTEGER, label VARCHAR(20), length INTEGER,
    CHECK (low <= high),
    CHECK (length(label) < length)
);
"""


def test_checks_say_which_columns_they_cover(engine: Engine) -> None:
    engine.execute_script(CHECKED_DDL)

    ranges = describe(engine.connection, engine.dialect).tables["ranges"]

    covered = sorted(sorted(names) for names in ranges.check_columns.values())
    assert covered == [["high", "low"], ["label", "length"]]
    assert ranges.checks == frozenset(ranges.check_columns)


# (DDL, the index read back) per engine: expression keys in the engine's own text; an
# index on a MariaDB TEXT column becomes a 768-character prefix index (ENGINES.md).
EXPRESSION_INDEXES = [
    pytest.param(
        "postgresql",
        "CREATE TABLE people (id INTEGER, name TEXT);"
        "CREATE INDEX ix_people ON people (lower(name), id);",
        Index(("lower(name)", "id"), False),
        id="postgresql",
    ),
    pytest.param(
        "sqlite",
        "CREATE TABLE people (id INTEGER, name TEXT);"
        "CREATE INDEX ix_people ON people (lower(  name ), id DESC);",
        Index(("lower( name )", "id"), False),
        id="sqlite",
    ),
    pytest.param(
        "duckdb",
        "CREATE TABLE people (id INTEGER, name TEXT);"
        "CREATE UNIQUE INDEX ix_people ON people (lower(name), id);",
        Index(('(lower("name"))', "id"), True),
        id="duckdb",
    ),
    pytest.param(
        "mysql",
        "CREATE TABLE people (id INTEGER, name TEXT);"
        "CREATE INDEX ix_people ON people (name);",
        Index(("name(768)",), False),
        id="mysql",
    ),
]


@pytest.mark.parametrize(
    ("engine", "ddl", "expected"), EXPRESSION_INDEXES, indirect=["engine"]
)
def test_index_keys_are_read_as_stored(
    engine: Engine, ddl: str, expected: Index
) -> None:
    engine.execute_script(ddl)

    people = describe(engine.connection, engine.dialect).tables["people"]

    assert people.indexes == {expected}


# Views, sequences, other schemas, temporary tables and the engine's own tables are not
# user tables of the current database; a PostgreSQL partitioned table is one, its
# partitions are not.
OTHER_OBJECTS = {
    "postgresql": """
        CREATE TABLE kept (id INTEGER);
        CREATE VIEW seen AS SELECT 1 AS x;
        CREATE SEQUENCE counter;
        CREATE SCHEMA other;
        CREATE TABLE other.kept (elsewhere INTEGER);
        CREATE TABLE parted (id INTEGER) PARTITION BY RANGE (id);
        CREATE TABLE parted_low PARTITION OF parted FOR VALUES FROM (0) TO (10);
    """,
    "mysql": """
        CREATE TABLE kept (id INTEGER);
        CREATE VIEW seen AS SELECT 1 AS x;
        CREATE SEQUENCE counter;
    """,
    "sqlite": """
        CREATE TABLE kept (id INTEGER PRIMARY KEY AUTOINCREMENT);
        CREATE INDEX ix_kept ON kept (id);
        ANALYZE;
        CREATE VIEW seen AS SELECT 1 AS x;
        CREATE TEMP TABLE kept (elsewhere INTEGER);
    """,
    "duckdb": """
        CREATE TABLE kept (id INTEGER);
        CREATE VIEW seen AS SELECT 1 AS x;
        CREATE SEQUENCE counter;
        CREATE TEMP TABLE hidden (id INTEGER);
        CREATE SCHEMA other;
        CREATE TABLE other.kept (elsewhere INTEGER);
    """,
}
USER_TABLES = {"postgresql": {"kept", "parted"}}


def test_only_user_tables_of_the_current_database(engine: Engine) -> None:
    engine.execute_script(OTHER_OBJECTS[engine.dialect])

    tables = describe(engine.connection, engine.dialect).tables

    assert set(tables) == USER_TABLES.get(engine.dialect, {"kept"})
    assert set(tables["kept"].columns) == {"id"}


# SQLite lets a primary-key column hold NULL unless it is the rowid (a lone key column
# declared exactly INTEGER) or the table is WITHOUT ROWID; `nullable` says what a NULL
# does, and the row shows it.
SQLITE_KEYS = [
    ("CREATE TABLE t (id INTEGER PRIMARY KEY)", False),
    ("CREATE TABLE t (id integer, PRIMARY KEY (id))", False),
    ("CREATE TABLE t (id INT PRIMARY KEY)", True),
    ("CREATE TABLE t (id TEXT PRIMARY KEY)", True),
    ("CREATE TABLE t (id TEXT PRIMARY KEY) WITHOUT ROWID", False),
    ("CREATE TABLE t (id INTEGER, k INTEGER, PRIMARY KEY (id, k))", True),
]


@pytest.mark.parametrize(("ddl", "nullable"), SQLITE_KEYS)
def test_sqlite_key_nullability_is_what_the_engine_does(
    sqlite_engine: Engine, ddl: str, nullable: bool
) -> None:
    sqlite_engine.execute_script(ddl)

    described = describe(sqlite_engine.connection, "sqlite").tables["t"]

    assert described.columns["id"].nullable is nullable
    assert _stores_null_key(sqlite_engine.connection) is nullable


def _stores_null_key(connection: sqlite3.Connection) -> bool:
    try:
        connection.execute("INSERT INTO t (id) VALUES (NULL)")
    except sqlite3.IntegrityError:
        return False
    (count,) = connection.execute("SELECT count(*) FROM t WHERE id IS NULL").fetchone()
    return bool(count)


# Each engine's script runner takes a whole script: semicolons inside a trigger body, a
# dollar-quoted function, a literal or a comment do not end a statement.
SCRIPTS = {
    "postgresql": """
        CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL DEFAULT 'a;b');
        CREATE FUNCTION stamp() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN NEW.body := NEW.body || ';stamped'; RETURN NEW; END; $$;
        CREATE TRIGGER notes_stamp BEFORE INSERT ON notes
            FOR EACH ROW EXECUTE FUNCTION stamp();
        INSERT INTO notes (id) VALUES (1); -- the trigger; fires
    """,
    "mysql": """
        CREATE TABLE notes (
            id INTEGER PRIMARY KEY, body VARCHAR(40) NOT NULL DEFAULT 'a;b'
        );
        CREATE TRIGGER notes_stamp BEFORE INSERT ON notes FOR EACH ROW
        BEGIN SET NEW.body = CONCAT(NEW.body, ';stamped'); END;
        INSERT INTO notes (id) VALUES (1); -- the trigger; fires
    """,
    "sqlite": """
        CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL DEFAULT 'a;b');
        CREATE TRIGGER notes_stamp AFTER INSERT ON notes BEGIN
            UPDATE notes SET body = body || ';stamped' WHERE id = NEW.id;
        END;
        INSERT INTO notes (id) VALUES (1); -- the trigger; fires
    """,
    # DuckDB has no triggers.
    "duckdb": """
        CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL DEFAULT 'a;b');
        INSERT INTO notes (id, body) VALUES (1, 'a;b' || ';stamped'); -- no; trigger
    """,
}


def test_a_script_runs_whole(engine: Engine) -> None:
    engine.execute_script(SCRIPTS[engine.dialect])

    assert engine.query("SELECT id, body FROM notes") == [(1, "a;b;stamped")]


def test_a_failing_statement_in_a_script_raises(engine: Engine) -> None:
    script = "CREATE TABLE once (id INTEGER); CREATE TABLE once (id INTEGER);"

    with pytest.raises(Exception, match="already exists"):
        engine.execute_script(script)


def test_an_unknown_dialect_is_refused() -> None:
    with pytest.raises(ValueError) as raised:
        describe(sqlite3.connect(":memory:"), "oracle")

    assert str(raised.value) == (
        "dialect 'oracle' is not one of: duckdb, mysql, postgresql, sqlite"
    )


# Normal forms, without an engine ------------------------------------------------------


@pytest.mark.parametrize(
    ("dialect", "text", "expected"),
    [
        (
            "postgresql",
            "(A  >= 0)\n  AND  B <> 'Mixed  Case'",
            "(a >= 0) and b <> 'Mixed  Case'",
        ),
        ("postgresql", 'LENGTH("Name") /* why */ > 0 -- done', 'length("Name") > 0'),
        ("postgresql", "E'It\\'s' || 'x\\'", "E'It\\'s' || 'x\\'"),
        ("mysql", "`Name` IN ('A','b\\'C')", "`Name` in ('A','b\\'C')"),
        ("sqlite", "X IS NULL OR json_valid( X )", "x is null or json_valid( x )"),
    ],
)
def test_expressions_keep_literals_and_quoted_names(
    dialect: str, text: str, expected: str
) -> None:
    assert normalise_expression(text, dialect) == expected


@pytest.mark.parametrize(
    ("dialect", "text", "expected"),
    [
        ("sqlite", "varchar ( 255 )", "VARCHAR(255)"),
        ("sqlite", "decimal(15,  2)", "DECIMAL(15,2)"),
        ("postgresql", "timestamp(6) with time zone", "TIMESTAMP(6) WITH TIME ZONE"),
        ("mysql", "enum('open','Closed')", "ENUM('open','Closed')"),
        ("mysql", "int(10)  unsigned", "INT(10) UNSIGNED"),
    ],
)
def test_types_are_upper_case_and_tight(dialect: str, text: str, expected: str) -> None:
    assert normalise_type(text, dialect) == expected


def test_every_dialect_has_a_schema_and_its_cases() -> None:
    from tests.engines import DIALECTS

    for cases in (DDL, EXPECTED, TYPES, DEFAULTS, RULES, OTHER_OBJECTS):
        assert set(cases) == set(DIALECTS)
