"""SQLite's pragmas and CREATE texts, in the normal form of `generator.introspect`."""

from __future__ import annotations

from generator.introspect.common import (
    DbApiConnection,
    Group,
    Index,
    Schema,
    _add_columns,
    _add_foreign_keys,
    _add_parsed_checks,
    _check_clauses,
    _cursor_runner,
    _Draft,
    _drafts,
    _index_items,
    _per_object,
    _schema,
)

_SQLITE_TABLES = """
SELECT name FROM pragma_table_list
WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'
"""
# A primary-key column may hold NULL unless it is declared NOT NULL, is the rowid (a
# lone key column declared exactly INTEGER) or the table is WITHOUT ROWID
# (https://www.sqlite.org/lang_createtable.html#the_primary_key).
_SQLITE_COLUMNS = """
SELECT m.name, c.name, c.type,
       NOT c."notnull" AND NOT (c.pk AND (t.wr OR (upper(c.type) = 'INTEGER' AND
           (SELECT count(*) FROM pragma_table_info(m.name, 'main') WHERE pk) = 1))),
       c.dflt_value
FROM sqlite_master m
JOIN pragma_table_list t ON t.schema = 'main' AND t.name = m.name
JOIN pragma_table_info(m.name, 'main') c
WHERE m.type = 'table' ORDER BY m.name, c.cid
"""
# One group per table: the key columns in key order.
_SQLITE_PRIMARY_KEYS = """
SELECT m.name, 'primary key', c.name
FROM sqlite_master m JOIN pragma_table_info(m.name, 'main') c
WHERE m.type = 'table' AND c.pk ORDER BY m.name, c.pk
"""
# Key columns of every index; `x.name` is NULL for an expression, read from `i.sql`.
# `origin` says what made the index: the primary key, a unique constraint or CREATE.
_SQLITE_INDEXES = """
SELECT m.name, l.name, l."unique", l.origin, x.name, i.sql
FROM sqlite_master m
JOIN pragma_index_list(m.name, 'main') l
JOIN pragma_index_xinfo(l.name, 'main') x
LEFT JOIN sqlite_master i ON i.type = 'index' AND i.name = l.name
WHERE m.type = 'table' AND l.origin <> 'pk' AND x.key
ORDER BY m.name, l.name, x.seqno
"""
_SQLITE_FOREIGN_KEYS = """
SELECT m.name, f.id, f."from", f."table", f."to", f.on_delete
FROM sqlite_master m JOIN pragma_foreign_key_list(m.name, 'main') f
WHERE m.type = 'table' ORDER BY m.name, f.id, f.seq
"""
_SQLITE_CREATE = "SELECT name, sql FROM sqlite_master WHERE type = 'table'"


def _describe_sqlite(connection: DbApiConnection) -> Schema:
    run = _cursor_runner(connection)
    drafts = _drafts(run(_SQLITE_TABLES))
    _add_columns(drafts, run(_SQLITE_COLUMNS), "sqlite")
    for draft, _, group in _per_object(drafts, run(_SQLITE_PRIMARY_KEYS)):
        draft.primary_key = tuple(name for (name,) in group)
    for draft, _, group in _per_object(drafts, run(_SQLITE_INDEXES)):
        _sqlite_index(draft, group)
    _add_foreign_keys(drafts, run(_SQLITE_FOREIGN_KEYS))
    checks = [
        (table, clause)
        for table, create_table in run(_SQLITE_CREATE)
        for clause in _check_clauses(create_table, "sqlite")
    ]
    _add_parsed_checks(drafts, checks, "sqlite")
    return _schema(drafts)


def _sqlite_index(draft: _Draft, group: Group) -> None:
    unique, origin, _, create_index = group[0]
    names = [name for _, _, name, _ in group]
    if None in names:
        items = _index_items(create_index, "sqlite", draft.columns)
        names = [name or item for name, item in zip(names, items, strict=True)]
    if origin == "u":
        draft.uniques.add(tuple(names))
    else:
        draft.indexes.add(Index(tuple(names), unique=bool(unique)))


# DuckDB ------------------------------------------------------------------------------
