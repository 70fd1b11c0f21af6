"""MariaDB's information_schema, read into the normal form of `generator.introspect`."""

from __future__ import annotations

import re

from generator.introspect.common import (
    DbApiConnection,
    Group,
    Index,
    Schema,
    _add_columns,
    _add_foreign_keys,
    _add_parsed_checks,
    _cursor_runner,
    _Draft,
    _drafts,
    _per_object,
    _schema,
    normalise_type,
)

_MYSQL_TABLES = """
SELECT TABLE_NAME FROM information_schema.TABLES
WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = 'BASE TABLE'
"""
_MYSQL_COLUMNS = """
SELECT TABLE_NAME, COLUMN_NAME, COLUMN_TYPE, IS_NULLABLE = 'YES', COLUMN_DEFAULT
FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE()
ORDER BY TABLE_NAME, ORDINAL_POSITION
"""
# Every key is an index here, unique constraints included; SUB_PART is a prefix length.
_MYSQL_KEYS = """
SELECT TABLE_NAME, INDEX_NAME, NON_UNIQUE, COLUMN_NAME, SUB_PART
FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE()
ORDER BY TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX
"""
_MYSQL_FOREIGN_KEYS = """
SELECT k.TABLE_NAME, k.CONSTRAINT_NAME, k.COLUMN_NAME, k.REFERENCED_TABLE_NAME,
       k.REFERENCED_COLUMN_NAME, r.DELETE_RULE
FROM information_schema.KEY_COLUMN_USAGE k
JOIN information_schema.REFERENTIAL_CONSTRAINTS r
  ON r.CONSTRAINT_SCHEMA = k.CONSTRAINT_SCHEMA AND r.TABLE_NAME = k.TABLE_NAME
 AND r.CONSTRAINT_NAME = k.CONSTRAINT_NAME
WHERE k.TABLE_SCHEMA = DATABASE()
ORDER BY k.TABLE_NAME, k.CONSTRAINT_NAME, k.ORDINAL_POSITION
"""
_MYSQL_CHECKS = """
SELECT TABLE_NAME, CHECK_CLAUSE FROM information_schema.CHECK_CONSTRAINTS
WHERE CONSTRAINT_SCHEMA = DATABASE()
"""
# MariaDB prints integer display widths (`int(11)`), which change nothing; MySQL 8 no
# longer prints them, but for TINYINT(1), the trace of BOOLEAN, kept here too.
_MYSQL_DISPLAY_WIDTH = re.compile(r"^(TINYINT|SMALLINT|MEDIUMINT|INT|BIGINT)\(\d+\)")


def _describe_mysql(connection: DbApiConnection) -> Schema:
    run = _cursor_runner(connection)
    drafts = _drafts(run(_MYSQL_TABLES))
    _add_columns(drafts, run(_MYSQL_COLUMNS), "mysql", form=_mysql_type)
    for draft, index_name, group in _per_object(drafts, run(_MYSQL_KEYS)):
        _mysql_key(draft, index_name, group)
    _add_foreign_keys(drafts, run(_MYSQL_FOREIGN_KEYS))
    _add_parsed_checks(drafts, run(_MYSQL_CHECKS), "mysql")
    return _schema(drafts)


def _mysql_type(text: str) -> str:
    type_ = normalise_type(text, "mysql")
    if type_.startswith("TINYINT(1)"):
        return type_
    return _MYSQL_DISPLAY_WIDTH.sub(r"\1", type_)


def _mysql_key(draft: _Draft, index_name: str, group: Group) -> None:
    """A unique index and a unique constraint are one and the same in MariaDB."""
    columns = tuple(
        name if prefix is None else f"{name}({prefix})" for _, name, prefix in group
    )
    if index_name == "PRIMARY":
        draft.primary_key = columns
    elif not group[0][0]:
        draft.uniques.add(columns)
    else:
        draft.indexes.add(Index(columns, unique=False))


# SQLite ------------------------------------------------------------------------------
