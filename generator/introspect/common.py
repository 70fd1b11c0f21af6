"""What every engine's reader shares: the description classes, normal forms, drafts."""

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
