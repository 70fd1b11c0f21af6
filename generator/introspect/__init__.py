"""Read a live database into a normalised description that compares by name.

`describe(connection, dialect)` reads the user tables of the connection's current
database (PostgreSQL: its current schema, `public` unless the search path says
otherwise) from the engine's own catalogs. Columns, keys and checks are compared by name
and by what they cover, never by position (ENGINES.md: `ADD COLUMN` appends) nor by
constraint name (DuckDB replaces them), so a schema made by one `CREATE TABLE` and the
same schema made by a migration describe equal.

What the engine stores is reported as it is: MariaDB's `JSON` is `LONGTEXT` with a
`json_valid` CHECK, and the index it adds for a foreign key is an index like any other.
Filtering such engine additions is for the caller that compares with the model.

The normal forms:
- types: upper case outside quotes, no space around parentheses and commas
  (`decimal(15, 2)` -> `DECIMAL(15,2)`); PostgreSQL's `character varying` is `VARCHAR`
  and `character` is `CHAR`; MariaDB's integer display widths are dropped (`int(11)` ->
  `INT`), except `TINYINT(1)`, the trace of `BOOLEAN`.
- defaults and CHECK expressions: the engine's own text with comments dropped,
  whitespace runs made one space, and lower case outside string literals and quoted
  names (a literal is data: `'Open'` stays `'Open'`). A NULL default is no default.
- foreign-key rules: `CASCADE`, `SET NULL`, `SET DEFAULT`, `RESTRICT` or `NO ACTION`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from generator.introspect.common import (
    Column,
    Connection,
    ForeignKey,
    Index,
    Schema,
    Table,
    normalise_expression,
    normalise_type,
)
from generator.introspect.duckdb import _describe_duckdb
from generator.introspect.mysql import _describe_mysql
from generator.introspect.postgresql import _describe_postgresql
from generator.introspect.sqlite import _describe_sqlite

__all__ = [
    "Column",
    "Connection",
    "ForeignKey",
    "Index",
    "Schema",
    "Table",
    "describe",
    "normalise_expression",
    "normalise_type",
]


def describe(connection: Connection, dialect: str) -> Schema:
    """The user tables that `connection` sees, read from the catalogs of `dialect`."""
    try:
        read = _DESCRIBERS[dialect]
    except KeyError:
        known = ", ".join(sorted(_DESCRIBERS))
        raise ValueError(f"dialect {dialect!r} is not one of: {known}") from None
    return read(connection)


# Normal forms ----------------------------------------------------------------------


# The dialect says which driver's connection `describe` was given.
_DESCRIBERS: dict[str, Callable[[Any], Schema]] = {
    "postgresql": _describe_postgresql,
    "mysql": _describe_mysql,
    "sqlite": _describe_sqlite,
    "duckdb": _describe_duckdb,
}
