"""The four SQL dialects as data: what each calls a type, and what it can enforce.

A reader finds every difference between two dialects on this screen; the DDL builder
asks these flags instead of testing dialect names. ENGINES.md says why each one is set.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from generator.model import Kind


@dataclass(frozen=True)
class Dialect:
    name: str
    quote: str
    """The identifier quote: `"` in standard SQL, a backtick in MySQL."""
    types: Mapping[Kind, str]
    """The column type of each kind; `{n}`, `{p}`, `{s}` take length and precision."""
    bounded_string: str
    """A string with `maxLength`."""
    length_enforced: bool
    """Whether `VARCHAR(n)` refuses longer text (SQLite and DuckDB ignore n)."""
    length_function: str
    """Counts characters: MariaDB's `length` counts bytes."""
    backslash_escapes: bool = False
    """Whether a backslash escapes in string literals (MySQL, by default)."""
    typed_columns: bool = True
    """Whether a column refuses a value of another type (SQLite stores any type)."""
    on_delete: bool = True
    """Whether `ON DELETE CASCADE` and `SET NULL` exist (DuckDB has neither)."""
    decimal_as_text: bool = False
    """Whether exact decimals are stored as text and compared as numbers (SQLite)."""
    boolean_check: bool = False
    """Whether booleans are integers that need `CHECK (x IN (0, 1))` (SQLite, and
    MariaDB, whose BOOLEAN is TINYINT(1))."""
    json_check: bool = False
    """Whether JSON is text that needs `CHECK (x IS NULL OR json_valid(x))` (SQLite)."""
    now: str = "CURRENT_TIMESTAMP"
    """The column default for the UTC instant now."""
    true_false: tuple[str, str] = ("TRUE", "FALSE")
    on_update: str | None = None
    """How `x-on-update: now` is kept: the trigger family of templates/sql, or None
    where the engine has no triggers (DuckDB)."""
    comments: str = "comment_on"
    """How descriptions are kept: `COMMENT ON` statements, `inline` column and table
    COMMENT clauses (MySQL), or `sql` comments in the script (SQLite)."""
    keyed_text_length: int | None = None
    """The length given to an unbounded string that a key or index covers, where the
    engine cannot index TEXT (MariaDB: "BLOB/TEXT column used in key specification
    without a key length")."""
    default_on_delete: str = "NO ACTION"
    """The rule a foreign key without one shows in the catalog (MariaDB: RESTRICT)."""
    table_options: str = ""
    """Written after each CREATE TABLE's closing bracket, before any comment."""
    inline_indexes: bool = False
    """Whether indexes are declared in CREATE TABLE: MariaDB gives every foreign key an
    index of its own unless one leading with its column exists when the key is made."""


_COMMON = {
    Kind.INTEGER: "INTEGER",
    Kind.DATE: "DATE",
}

POSTGRESQL = Dialect(
    name="postgresql",
    quote='"',
    types=MappingProxyType(
        {
            **_COMMON,
            Kind.STRING: "TEXT",
            Kind.EMAIL: "TEXT",
            Kind.UUID: "UUID",
            Kind.NUMBER: "DOUBLE PRECISION",
            Kind.BOOLEAN: "BOOLEAN",
            Kind.DECIMAL: "NUMERIC({p}, {s})",
            Kind.DATETIME: "TIMESTAMPTZ",
            Kind.JSON: "JSONB",
        }
    ),
    bounded_string="VARCHAR({n})",
    length_enforced=True,
    length_function="length",
    now="now()",
    on_update="postgresql",
)

MYSQL = Dialect(
    name="mysql",
    quote="`",
    types=MappingProxyType(
        {
            **_COMMON,
            Kind.STRING: "TEXT",
            Kind.EMAIL: "TEXT",
            Kind.UUID: "CHAR(36)",
            Kind.NUMBER: "DOUBLE",
            Kind.BOOLEAN: "BOOLEAN",
            Kind.DECIMAL: "DECIMAL({p}, {s})",
            # Instants in UTC: TIMESTAMP ends in 2038 and converts through the session
            # time zone (ENGINES.md).
            Kind.DATETIME: "DATETIME(6)",
            Kind.JSON: "JSON",
        }
    ),
    bounded_string="VARCHAR({n})",
    length_enforced=True,
    length_function="CHAR_LENGTH",
    backslash_escapes=True,
    inline_indexes=True,
    keyed_text_length=255,
    boolean_check=True,  # BOOLEAN is TINYINT(1): 7 would be accepted
    default_on_delete="RESTRICT",
    # MariaDB's CURRENT_TIMESTAMP is the session's local time; UTC_TIMESTAMP is UTC.
    now="(UTC_TIMESTAMP(6))",
    on_update="mysql",
    comments="inline",
    # Text compares byte for byte, as in the other engines and the validators: the
    # default collation is case-insensitive, where 'Ada' and 'ada' would collide in
    # a unique key that PostgreSQL and `dreamvault validate` accept.
    table_options=" DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin",
)

SQLITE = Dialect(
    name="sqlite",
    quote='"',
    types=MappingProxyType(
        {
            **_COMMON,
            Kind.STRING: "TEXT",
            Kind.EMAIL: "TEXT",
            Kind.UUID: "TEXT",
            Kind.NUMBER: "REAL",
            Kind.BOOLEAN: "INTEGER",
            # TEXT, not DECIMAL: a DECIMAL column has numeric affinity and gives 12.30
            # back as the float 12.3 (ENGINES.md).
            Kind.DECIMAL: "TEXT",
            Kind.DATETIME: "TEXT",
            Kind.DATE: "TEXT",
            Kind.JSON: "TEXT",
        }
    ),
    bounded_string="TEXT",
    length_enforced=False,
    length_function="length",
    typed_columns=False,
    decimal_as_text=True,
    boolean_check=True,
    json_check=True,
    now="(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))",
    true_false=("1", "0"),
    on_update="sqlite",
    comments="sql",
)

DUCKDB = Dialect(
    name="duckdb",
    quote='"',
    types=MappingProxyType(
        {
            **_COMMON,
            Kind.STRING: "VARCHAR",
            Kind.EMAIL: "VARCHAR",
            Kind.UUID: "UUID",
            Kind.NUMBER: "DOUBLE",
            Kind.BOOLEAN: "BOOLEAN",
            Kind.DECIMAL: "DECIMAL({p}, {s})",
            Kind.DATETIME: "TIMESTAMPTZ",
            Kind.JSON: "JSON",
        }
    ),
    bounded_string="VARCHAR",
    length_enforced=False,
    length_function="length",
    on_delete=False,
)

DIALECTS = {d.name: d for d in (POSTGRESQL, MYSQL, SQLITE, DUCKDB)}
