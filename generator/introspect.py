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

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import closing
from dataclasses import dataclass, field
from typing import Any, Protocol, TypeAlias

from sqlglot import Dialect, Token, TokenType
from sqlglot.errors import TokenError

from generator.consistency import SQLGLOT_DIALECTS


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    nullable: bool
    default: str | None


@dataclass(frozen=True)
class Index:
    """An index that backs no primary key or unique constraint.

    A column is its name; an expression is its normalised text; a MariaDB prefix index
    on a column is `name(length)`. Sort order, collation and a partial index's predicate
    are not read.
    """

    columns: tuple[str, ...]
    unique: bool


@dataclass(frozen=True)
class ForeignKey:
    columns: tuple[str, ...]
    ref_table: str
    ref_columns: tuple[str, ...]
    on_delete: str


@dataclass(frozen=True)
class Table:
    """One table, its parts as sets and mappings so that order and names do not count.

    `checks` holds the normalised CHECK expressions; `check_columns` maps each to the
    columns it covers. PostgreSQL and DuckDB say so in their catalogs; for MariaDB and
    SQLite it is best effort: the words and quoted names of the expression that name a
    column of the table, function names aside.
    """

    name: str
    columns: dict[str, Column]
    primary_key: tuple[str, ...] = ()
    uniques: frozenset[tuple[str, ...]] = frozenset()
    indexes: frozenset[Index] = frozenset()
    foreign_keys: frozenset[ForeignKey] = frozenset()
    checks: frozenset[str] = frozenset()
    check_columns: dict[str, frozenset[str]] = field(default_factory=dict)


@dataclass(frozen=True)
class Schema:
    tables: dict[str, Table]


class Result(Protocol):
    def fetchall(self) -> Sequence[Sequence[Any]]: ...


class DbApiCursor(Result, Protocol):
    def execute(self, query: str, /) -> object: ...

    def close(self) -> None: ...


class DbApiConnection(Protocol):
    """A connection of psycopg, PyMySQL or sqlite3."""

    def cursor(self) -> DbApiCursor: ...


class DuckDBConnection(Protocol):
    """A DuckDB connection: queried itself, since its `cursor()` opens a new one."""

    def execute(self, query: str, /) -> Result: ...


Connection: TypeAlias = DbApiConnection | DuckDBConnection
Rows: TypeAlias = list[tuple[Any, ...]]
Run: TypeAlias = Callable[[str], Rows]


def describe(connection: Connection, dialect: str) -> Schema:
    """The user tables that `connection` sees, read from the catalogs of `dialect`."""
    try:
        read = _DESCRIBERS[dialect]
    except KeyError:
        known = ", ".join(sorted(_DESCRIBERS))
        raise ValueError(f"dialect {dialect!r} is not one of: {known}") from None
    return read(connection)


# Normal forms ----------------------------------------------------------------------

# Tokens whose text is data or a quoted name: their case and spacing are kept.
_VERBATIM = frozenset(
    {
        TokenType.STRING,
        TokenType.IDENTIFIER,
        TokenType.NATIONAL_STRING,
        TokenType.NATIONAL_RAW_STRING,
        TokenType.BYTE_STRING,
        TokenType.BIT_STRING,
        TokenType.HEX_STRING,
        TokenType.RAW_STRING,
        TokenType.HEREDOC_STRING,
        TokenType.UNICODE_STRING,
    }
)
_NO_SPACE_BEFORE = frozenset({TokenType.L_PAREN, TokenType.R_PAREN, TokenType.COMMA})
_NO_SPACE_AFTER = frozenset({TokenType.L_PAREN, TokenType.COMMA})


def normalise_expression(text: str, dialect: str) -> str:
    """An expression made comparable: no comments, single spaces, lower case.

    String literals and quoted names keep their text.
    """
    return _normalise(text, dialect, str.lower, tight=False)


def normalise_type(text: str, dialect: str) -> str:
    """A column type in upper case with no space around `(`, `)` and `,`."""
    return _normalise(text, dialect, str.upper, tight=True)


def _normalise(
    text: str, dialect: str, case: Callable[[str], str], *, tight: bool
) -> str:
    tokens = _tokenize(text, dialect)
    if tokens is None:  # no token boundaries to respect: collapse and case it whole
        return case(" ".join(text.split()))
    pieces: list[str] = []
    for previous, token in zip([None, *tokens], tokens, strict=False):
        if previous is not None and _spaced(previous, token, tight=tight):
            pieces.append(" ")
        pieces.append(_token_text(token, text, case))
    return "".join(pieces)


def _spaced(previous: Token, token: Token, *, tight: bool) -> bool:
    if token.start == previous.end + 1:
        return False
    if not tight:
        return True
    return not (
        previous.token_type in _NO_SPACE_AFTER or token.token_type in _NO_SPACE_BEFORE
    )


def _token_text(token: Token, text: str, case: Callable[[str], str]) -> str:
    raw = text[token.start : token.end + 1]
    if token.token_type in _VERBATIM:
        return raw
    return case(" ".join(raw.split()))


def _tokenize(text: str, dialect: str) -> list[Token] | None:
    """sqlglot's tokens of `text`, or None when it cannot read them."""
    try:
        return Dialect.get_or_raise(SQLGLOT_DIALECTS[dialect]).tokenize(text)
    except TokenError:
        return None


def _default(text: str | None, dialect: str) -> str | None:
    if text is None:
        return None
    default = normalise_expression(text, dialect)
    return None if default == "null" else default


def _mentioned_columns(
    expression: str, columns: Iterable[str], dialect: str
) -> frozenset[str]:
    """The columns that `expression` names, a name before `(` being a function."""
    by_folded = {name.lower(): name for name in columns}
    tokens = _tokenize(expression, dialect) or []
    found = set()
    for token, following in zip(tokens, [*tokens[1:], None], strict=True):
        is_call = following is not None and following.token_type is TokenType.L_PAREN
        is_name = token.token_type is TokenType.IDENTIFIER or (
            token.token_type not in _VERBATIM
            and token.token_type is not TokenType.NUMBER
        )
        if is_name and not is_call and token.text.lower() in by_folded:
            found.add(by_folded[token.text.lower()])
    return frozenset(found)


def _is_word(token: Token, word: str) -> bool:
    return token.token_type not in _VERBATIM and token.text.upper() == word


def _closing(tokens: Sequence[Token], opening: int) -> int:
    """The position of the parenthesis that closes the one at `opening`."""
    depth = 0
    for position in range(opening, len(tokens)):
        kind = tokens[position].token_type
        depth += (kind is TokenType.L_PAREN) - (kind is TokenType.R_PAREN)
        if depth == 0:
            return position
    raise ValueError("the engine's SQL text has unbalanced parentheses")


def _check_clauses(create_table: str, dialect: str) -> list[str]:
    """The text inside every `CHECK (...)` of a CREATE TABLE statement, as written."""
    tokens = _tokenize(create_table, dialect) or []
    clauses = []
    for position, token in enumerate(tokens[:-2]):
        if _is_word(token, "CHECK") and tokens[position + 1].token_type is (
            TokenType.L_PAREN
        ):
            end = _closing(tokens, position + 1)
            clauses.append(create_table[tokens[position + 2].start : tokens[end].start])
    return clauses


def _index_items(create_index: str, dialect: str, columns: Iterable[str]) -> list[str]:
    """The keys of a CREATE INDEX statement: a column's name or an expression's text."""
    tokens = _tokenize(create_index, dialect) or []
    on = next(n for n, token in enumerate(tokens) if _is_word(token, "ON"))
    opening = next(
        n for n in range(on, len(tokens)) if tokens[n].token_type is TokenType.L_PAREN
    )
    by_folded = {name.lower(): name for name in columns}
    return [
        _index_item(create_index, item, dialect, by_folded)
        for item in _listed(tokens, opening)
    ]


def _listed(tokens: Sequence[Token], opening: int) -> list[Sequence[Token]]:
    """The comma-separated items inside the parentheses that open at `opening`."""
    items, depth, start = [], 0, opening + 1
    for position in range(opening + 1, _closing(tokens, opening) + 1):
        kind = tokens[position].token_type
        if depth == 0 and kind in (TokenType.COMMA, TokenType.R_PAREN):
            items.append(tokens[start:position])
            start = position + 1
        depth += (kind is TokenType.L_PAREN) - (kind is TokenType.R_PAREN)
    return items


def _index_item(
    text: str, tokens: Sequence[Token], dialect: str, by_folded: dict[str, str]
) -> str:
    """A lone name is the column's name as declared (both engines fold case)."""
    if len(tokens) == 1 and tokens[0].token_type in (
        TokenType.IDENTIFIER,
        TokenType.VAR,
    ):
        return by_folded.get(tokens[0].text.lower(), tokens[0].text)
    return normalise_expression(text[tokens[0].start : tokens[-1].end + 1], dialect)


# Reading, whatever the engine --------------------------------------------------------


@dataclass
class _Draft:
    """A table while its catalogs are read, query by query; `freeze` makes the Table."""

    name: str
    columns: dict[str, Column] = field(default_factory=dict)
    primary_key: tuple[str, ...] = ()
    uniques: set[tuple[str, ...]] = field(default_factory=set)
    indexes: set[Index] = field(default_factory=set)
    foreign_keys: set[ForeignKey] = field(default_factory=set)
    check_columns: dict[str, frozenset[str]] = field(default_factory=dict)

    def add_check(self, expression: str, columns: frozenset[str]) -> None:
        known = self.check_columns.get(expression, frozenset())
        self.check_columns[expression] = known | columns

    def freeze(self) -> Table:
        return Table(
            name=self.name,
            columns=dict(self.columns),
            primary_key=self.primary_key,
            uniques=frozenset(self.uniques),
            indexes=frozenset(self.indexes),
            foreign_keys=frozenset(self.foreign_keys),
            checks=frozenset(self.check_columns),
            check_columns=dict(self.check_columns),
        )


Group: TypeAlias = list[tuple[Any, ...]]


def _drafts(rows: Rows) -> dict[str, _Draft]:
    return {name: _Draft(name) for name, *_ in rows}


def _schema(drafts: dict[str, _Draft]) -> Schema:
    return Schema({name: drafts[name].freeze() for name in sorted(drafts)})


def _per_table(drafts: dict[str, _Draft], rows: Rows) -> Iterator[tuple[_Draft, Any]]:
    """Rows `(table, *rest)` of the user tables, with the table's draft."""
    for table, *rest in rows:
        if table in drafts:
            yield drafts[table], tuple(rest)


def _per_object(
    drafts: dict[str, _Draft], rows: Rows
) -> Iterator[tuple[_Draft, Any, Group]]:
    """Rows `(table, object, *rest)` gathered per object of a user table, in order."""
    groups: dict[tuple[Any, Any], Group] = {}
    for table, key, *rest in rows:
        if table in drafts:
            groups.setdefault((table, key), []).append(tuple(rest))
    for (table, key), group in groups.items():
        yield drafts[table], key, group


def _add_columns(
    drafts: dict[str, _Draft],
    rows: Rows,
    dialect: str,
    form: Callable[[str], str] | None = None,
) -> None:
    """Rows `(table, column, type, nullable, default)`; `form` normalises the type."""
    for draft, (name, type_, nullable, default) in _per_table(drafts, rows):
        type_ = form(type_) if form else normalise_type(type_, dialect)
        column = Column(name, type_, bool(nullable), _default(default, dialect))
        draft.columns[name] = column


def _add_foreign_keys(drafts: dict[str, _Draft], rows: Rows) -> None:
    """Rows `(table, key, column, ref_table, ref_column, rule)` in key order.

    A NULL `ref_column` (SQLite's `REFERENCES parent` without columns) stands for the
    parent's primary key.
    """
    for draft, _, group in _per_object(drafts, rows):
        columns = tuple(row[0] for row in group)
        ref_table, rule = str(group[0][1]), str(group[0][3])
        ref_columns = tuple(row[2] for row in group)
        if None in ref_columns:
            parent = drafts.get(ref_table)
            ref_columns = parent.primary_key if parent is not None else ()
        draft.foreign_keys.add(ForeignKey(columns, ref_table, ref_columns, rule))


def _add_parsed_checks(drafts: dict[str, _Draft], rows: Rows, dialect: str) -> None:
    """Rows `(table, expression)`; the columns covered are read from the expression."""
    for draft, (expression,) in _per_table(drafts, rows):
        covered = _mentioned_columns(expression, draft.columns, dialect)
        draft.add_check(normalise_expression(expression, dialect), covered)


def _cursor_runner(connection: DbApiConnection) -> Run:
    def run(query: str) -> Rows:
        with closing(connection.cursor()) as cursor:
            cursor.execute(query)
            return [tuple(row) for row in cursor.fetchall()]

    return run


def _duckdb_runner(connection: DuckDBConnection) -> Run:
    def run(query: str) -> Rows:
        return [tuple(row) for row in connection.execute(query).fetchall()]

    return run


# PostgreSQL --------------------------------------------------------------------------

# Each query reads the current schema only: a table of the same name in another schema
# is another table.
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


# The dialect says which driver's connection `describe` was given.
_DESCRIBERS: dict[str, Callable[[Any], Schema]] = {
    "postgresql": _describe_postgresql,
    "mysql": _describe_mysql,
    "sqlite": _describe_sqlite,
    "duckdb": _describe_duckdb,
}
