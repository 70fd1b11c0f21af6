"""DuckDB's catalog functions, read into the normal form of `generator.introspect`."""

from __future__ import annotations

from generator.introspect.common import (
    DuckDBConnection,
    ForeignKey,
    Index,
    Schema,
    _add_columns,
    _Draft,
    _drafts,
    _duckdb_runner,
    _index_items,
    _per_table,
    _schema,
    normalise_expression,
)

_DUCKDB_CURRENT = (
    "database_name = current_database() AND schema_name = current_schema()"
)
_DUCKDB_TABLES = f"""
SELECT table_name FROM duckdb_tables()
WHERE {_DUCKDB_CURRENT} AND NOT internal AND NOT temporary
"""
_DUCKDB_COLUMNS = f"""
SELECT table_name, column_name, data_type, is_nullable, column_default
FROM duckdb_columns() WHERE {_DUCKDB_CURRENT} ORDER BY table_name, column_index
"""
_DUCKDB_CONSTRAINTS = f"""
SELECT table_name, constraint_type, constraint_column_names, expression,
       referenced_table, referenced_column_names
FROM duckdb_constraints()
WHERE {_DUCKDB_CURRENT}
  AND constraint_type IN ('PRIMARY KEY', 'UNIQUE', 'FOREIGN KEY', 'CHECK')
ORDER BY table_name, constraint_index
"""
# The `expressions` column is a list printed with quoting of its own; the keys are read
# from the CREATE INDEX statement instead.
_DUCKDB_INDEXES = f"""
SELECT table_name, is_unique, sql FROM duckdb_indexes() WHERE {_DUCKDB_CURRENT}
"""
# DuckDB has only the default rule, which refuses to delete a referenced row.
_DUCKDB_RULE = "NO ACTION"


def _describe_duckdb(connection: DuckDBConnection) -> Schema:
    run = _duckdb_runner(connection)
    drafts = _drafts(run(_DUCKDB_TABLES))
    _add_columns(drafts, run(_DUCKDB_COLUMNS), "duckdb")
    for draft, row in _per_table(drafts, run(_DUCKDB_CONSTRAINTS)):
        _duckdb_constraint(draft, *row)
    for draft, (unique, create_index) in _per_table(drafts, run(_DUCKDB_INDEXES)):
        keys = _index_items(create_index, "duckdb", draft.columns)
        draft.indexes.add(Index(tuple(keys), unique=unique))
    return _schema(drafts)


def _duckdb_constraint(
    draft: _Draft,
    kind: str,
    names: list[str],
    expression: str | None,
    ref_table: str | None,
    ref_names: list[str],
) -> None:
    columns = tuple(names)
    if kind == "PRIMARY KEY":
        draft.primary_key = columns
    elif kind == "UNIQUE":
        draft.uniques.add(columns)
    elif kind == "FOREIGN KEY":
        key = ForeignKey(columns, str(ref_table), tuple(ref_names), _DUCKDB_RULE)
        draft.foreign_keys.add(key)
    else:
        check = normalise_expression(str(expression), "duckdb")
        draft.add_check(check, frozenset(columns))
