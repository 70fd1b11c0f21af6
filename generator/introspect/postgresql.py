"""PostgreSQL's catalogs, read into the normal form of `generator.introspect`."""

from __future__ import annotations

import re

from generator.introspect.common import (
    DbApiConnection,
    Group,
    Index,
    Schema,
    _add_columns,
    _add_foreign_keys,
    _cursor_runner,
    _Draft,
    _drafts,
    _per_object,
    _schema,
    normalise_expression,
    normalise_type,
)

_PG_TABLES = """
SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND NOT c.relispartition
"""
_PG_COLUMNS = """
SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod), NOT a.attnotnull,
       CASE WHEN a.attgenerated = '' THEN pg_get_expr(d.adbin, d.adrelid) END
FROM pg_attribute a
JOIN pg_class c ON c.oid = a.attrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
WHERE n.nspname = current_schema() AND a.attnum > 0 AND NOT a.attisdropped
ORDER BY c.relname, a.attnum
"""
# Primary keys, unique constraints and checks, one row per covered column in key order
# (a check that names no column has one row with a NULL name).
_PG_CONSTRAINTS = """
SELECT t.relname, c.oid, c.contype, a.attname, pg_get_expr(c.conbin, c.conrelid)
FROM pg_constraint c
JOIN pg_class t ON t.oid = c.conrelid
JOIN pg_namespace n ON n.oid = t.relnamespace
LEFT JOIN LATERAL unnest(c.conkey) WITH ORDINALITY AS k(attnum, position) ON true
LEFT JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum
WHERE n.nspname = current_schema() AND c.contype IN ('p', 'u', 'c')
ORDER BY t.relname, c.oid, k.position
"""
# confdeltype as the documentation of pg_constraint lists it.
_PG_FOREIGN_KEYS = """
SELECT t.relname, c.oid, a.attname, r.relname, ra.attname,
       CASE c.confdeltype WHEN 'c' THEN 'CASCADE' WHEN 'n' THEN 'SET NULL'
            WHEN 'd' THEN 'SET DEFAULT' WHEN 'r' THEN 'RESTRICT' ELSE 'NO ACTION' END
FROM pg_constraint c
JOIN pg_class t ON t.oid = c.conrelid
JOIN pg_namespace n ON n.oid = t.relnamespace
JOIN pg_class r ON r.oid = c.confrelid
CROSS JOIN LATERAL unnest(c.conkey, c.confkey) WITH ORDINALITY AS k(key, ref, position)
JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.key
JOIN pg_attribute ra ON ra.attrelid = c.confrelid AND ra.attnum = k.ref
WHERE n.nspname = current_schema() AND c.contype = 'f'
ORDER BY t.relname, c.oid, k.position
"""
# Indexes of their own, not those behind a primary key, unique or exclusion constraint.
# An expression key has no attribute; pg_get_indexdef gives its text.
_PG_INDEXES = """
SELECT t.relname, i.indexrelid, i.indisunique, a.attname,
       pg_get_indexdef(i.indexrelid, k.position::int, true)
FROM pg_index i
JOIN pg_class t ON t.oid = i.indrelid
JOIN pg_namespace n ON n.oid = t.relnamespace
CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, position)
LEFT JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
WHERE n.nspname = current_schema() AND k.position <= i.indnkeyatts AND NOT EXISTS (
    SELECT FROM pg_constraint c
    WHERE c.conindid = i.indexrelid AND c.contype IN ('p', 'u', 'x'))
ORDER BY t.relname, i.indexrelid, k.position
"""
# format_type spells these two the long way; DDL writes the short names.
_PG_LONG_TYPE_NAMES = (
    (re.compile(r"^CHARACTER VARYING\b"), "VARCHAR"),
    (re.compile(r"^CHARACTER\b"), "CHAR"),
)


def _describe_postgresql(connection: DbApiConnection) -> Schema:
    run = _cursor_runner(connection)
    drafts = _drafts(run(_PG_TABLES))
    _add_columns(drafts, run(_PG_COLUMNS), "postgresql", form=_pg_type)
    for draft, _, group in _per_object(drafts, run(_PG_CONSTRAINTS)):
        _pg_constraint(draft, group)
    _add_foreign_keys(drafts, run(_PG_FOREIGN_KEYS))
    for draft, _, group in _per_object(drafts, run(_PG_INDEXES)):
        keys = (
            name or normalise_expression(text, "postgresql") for _, name, text in group
        )
        draft.indexes.add(Index(tuple(keys), unique=group[0][0]))
    return _schema(drafts)


def _pg_type(text: str) -> str:
    type_ = normalise_type(text, "postgresql")
    for long_name, short_name in _PG_LONG_TYPE_NAMES:
        type_ = long_name.sub(short_name, type_)
    return type_


def _pg_constraint(draft: _Draft, group: Group) -> None:
    kind, _, expression = group[0]
    columns = tuple(name for _, name, _ in group if name is not None)
    if kind == "p":
        draft.primary_key = columns
    elif kind == "u":
        draft.uniques.add(columns)
    else:
        check = normalise_expression(expression, "postgresql")
        draft.add_check(check, frozenset(columns))


# MariaDB (the mysql dialect) ---------------------------------------------------------
