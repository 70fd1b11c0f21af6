"""CREATE TABLE and CREATE INDEX statements for one dialect, from the model.

Python decides every clause here; `templates/sql/schema.sql.j2` lays the statements out.
Names from the specs are identifiers (the loader refuses anything else), so quoting
them cannot be escaped from; text from the specs (enum values, defaults) becomes SQL
only through `literal`, which doubles the quote (and the backslash where the dialect
treats it as an escape).

Not yet done (issue 4 goes on): the keyword x dialect table in the docs, and the
comparison with the design document's own MySQL tables.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from generator.model import Entity, Field, Kind, Model, ValueType
from generator.sql.dialects import Dialect

MAX_NAME = 63
"""PostgreSQL truncates longer identifiers silently; MariaDB refuses over 64."""
_INT32 = (-(2**31), 2**31 - 1)
_JSON_KINDS = (Kind.OBJECT, Kind.ARRAY, Kind.JSON, Kind.ENTITY)
_BOUNDS = (
    ("minimum", ">="),
    ("exclusive_minimum", ">"),
    ("maximum", "<="),
    ("exclusive_maximum", "<"),
)


@dataclass(frozen=True)
class Table:
    name: str
    lines: tuple[str, ...]
    """Column definitions and table constraints, without their separating commas."""
    statements: tuple[str, ...]
    """What follows CREATE TABLE: indexes, comments, triggers, each with its `;`."""
    comments: tuple[str, ...] = ()
    """SQL comment lines before CREATE TABLE (descriptions in SQLite, warnings)."""
    suffix: str = ""
    """Table options after the closing parenthesis (MySQL's COMMENT)."""


@dataclass(frozen=True)
class DialectWarning:
    """A construct this dialect changes the meaning of, with a stable code."""

    code: str
    dialect: str
    place: str
    """The table whose DDL carries the warning as a comment."""
    subject: str
    """The column it is about, as `table.column`."""
    summary: str
    """What changes and what to do, the same for every subject of the kind."""

    @property
    def message(self) -> str:
        return f"{self.subject} {self.summary}"


RenderTrigger = Callable[[str, dict[str, str]], str]
"""Renders `templates/sql/on_update/<family>.sql.j2` with the names it needs."""


def constraint_name(prefix: str, table: str, *parts: str) -> str:
    """`prefix_table_parts`, shortened with a hash when over MAX_NAME characters."""
    name = "_".join((prefix, table, *parts))
    if len(name) <= MAX_NAME:
        return name
    digest = hashlib.sha256(name.encode("utf-8")).hexdigest()[:8]
    return f"{name[: MAX_NAME - 9]}_{digest}"


class DDLBuilder:
    def __init__(
        self, model: Model, dialect: Dialect, render_trigger: RenderTrigger
    ) -> None:
        self.model = model
        self.dialect = dialect
        self.render_trigger = render_trigger
        self.warnings: list[DialectWarning] = []

    def tables(self) -> list[Table]:
        """Every table, parents before the children whose foreign keys name them."""
        return [self.table(entity) for entity in key_order(self.model)]

    def quote(self, name: str) -> str:
        return f"{self.dialect.quote}{name}{self.dialect.quote}"

    def literal(self, value: Any) -> str:
        """A SQL literal for a JSON value of the spec: text is quoted, never spliced."""
        if value is True or value is False:
            return self.dialect.true_false[0 if value else 1]
        if isinstance(value, int | float):
            return repr(value)
        text = value if isinstance(value, str) else json.dumps(value, sort_keys=True)
        if self.dialect.backslash_escapes:
            text = text.replace("\\", "\\\\")
        return "'" + text.replace("'", "''") + "'"

    def table(self, entity: Entity) -> Table:
        assert entity.table is not None
        columns = [f for f in entity.fields if not is_relation(self.model, f)]
        lines = [self.column(entity, f) for f in columns]
        lines.append(
            f"CONSTRAINT {self.quote(constraint_name('pk', entity.table))} "
            f"PRIMARY KEY ({self.columns(entity.primary_key)})"
        )
        lines += self.uniques(entity)
        lines += self.foreign_keys(entity)
        lines += [check for f in columns for check in self.checks(entity.table, f)]
        indexes = self.indexes(entity)
        statements = []
        if self.dialect.inline_indexes:
            lines += [f"INDEX {self.quote(n)} ({self.columns(k)})" for n, k in indexes]
        else:
            statements += [
                f"CREATE INDEX {self.quote(name)} ON {self.quote(entity.table)} "
                f"({self.columns(key)});"
                for name, key in indexes
            ]
        statements += self.comment_statements(entity, columns)
        statements += [
            self.on_update(entity.table, f) for f in columns if f.on_update_now
        ]
        return Table(
            entity.table,
            tuple(lines),
            tuple(s for s in statements if s),
            tuple(self.comment_lines(entity, columns)),
            self.table_suffix(entity),
        )

    # Descriptions ---------------------------------------------------------------------

    def comment_statements(self, entity: Entity, columns: list[Field]) -> list[str]:
        if self.dialect.comments != "comment_on":
            return []
        table = self.quote(entity.table or "")
        statements = []
        if entity.description:
            text = self.literal(_comment_text(entity.description))
            statements.append(f"COMMENT ON TABLE {table} IS {text};")
        for field in columns:
            if field.description:
                text = self.literal(_comment_text(field.description))
                column = f"{table}.{self.quote(field.name)}"
                statements.append(f"COMMENT ON COLUMN {column} IS {text};")
        return statements

    def comment_lines(self, entity: Entity, columns: list[Field]) -> list[str]:
        """Warnings, and for SQLite (which has no COMMENT) the descriptions."""
        lines = [
            f"{w.code}: {w.message}" for w in self.warnings if w.place == entity.table
        ]
        if self.dialect.comments != "sql":
            return lines
        described = [(entity.table or "", entity.description)]
        described += [(f.name, f.description) for f in columns]
        for name, description in described:
            if description:
                text = _comment_text(description)
                lines += [f"{name}: {line}" for line in text.splitlines()]
        return lines

    def table_suffix(self, entity: Entity) -> str:
        options = self.dialect.table_options
        if self.dialect.comments != "inline" or not entity.description:
            return options
        comment = self.literal(_comment_text(entity.description)[:2048])
        return f"{options} COMMENT = {comment}"

    # Refreshing a timestamp on update -------------------------------------------------

    def on_update(self, table: str, field: Field) -> str:
        """The trigger that sets `field` to now on every update, where there is one."""
        if self.dialect.on_update is None:
            self.warnings.append(
                DialectWarning(
                    "DV002",
                    self.dialect.name,
                    table,
                    f"{table}.{field.name}",
                    f"is not refreshed on UPDATE ({self.dialect.name} has no "
                    "triggers): set it in each UPDATE",
                )
            )
            return ""
        name = constraint_name("tg", table, field.name)
        return self.render_trigger(
            f"sql/on_update/{self.dialect.on_update}.sql.j2",
            {
                "trigger": self.quote(name),
                "function": self.quote(name),
                "table": self.quote(table),
                "column": self.quote(field.name),
                "now": self.dialect.now,
            },
        ).rstrip("\n")

    def columns(self, names: tuple[str, ...] | list[str]) -> str:
        return ", ".join(self.quote(name) for name in names)

    def column(self, entity: Entity, field: Field) -> str:
        parts = [self.quote(field.name), self.column_type(entity, field)]
        if field.required and not field.nullable:
            parts.append("NOT NULL")
        default = self.default(field)
        if default is not None:
            parts.append(f"DEFAULT {default}")
        if self.dialect.comments == "inline" and field.description:
            text = _comment_text(field.description)[:1024]  # MariaDB's longest
            parts.append(f"COMMENT {self.literal(text)}")
        return " ".join(parts)

    def _keyed(self, entity: Entity, field: Field) -> bool:
        """Whether a key or an index covers `field`."""
        covered = set(entity.primary_key)
        covered |= {c for index in entity.indexes for c in index.columns}
        return (
            field.name in covered
            or field.unique
            or field.index
            or field.references is not None
        )

    def _keyed_text(self, table: str, field: Field, length: int) -> str:
        self.warnings.append(
            DialectWarning(
                "DV003",
                self.dialect.name,
                table,
                f"{table}.{field.name}",
                f"is limited to {length} characters ({self.dialect.name} cannot "
                "index unbounded text): give it a maxLength",
            )
        )
        return self.dialect.bounded_string.format(n=length)

    def column_type(self, entity: Entity, field: Field) -> str:
        """The column type: `x-sql-type` where the spec gives one for this dialect
        (the loader proved it is exactly one type), otherwise the dialect's map."""
        override = dict(field.sql_types).get(self.dialect.name)
        if override is not None:
            return override
        value_type = field.type
        kind = Kind.JSON if value_type.kind in _JSON_KINDS else value_type.kind
        if kind is Kind.ENUM:
            assert value_type.target is not None
            members = self.model.lookup(value_type.target)
            longest = max(len(m.value) for m in getattr(members, "members", ()))
            return self.dialect.bounded_string.format(n=max(longest, 1))
        if kind in (Kind.STRING, Kind.EMAIL) and field.checks.max_length is not None:
            return self.dialect.bounded_string.format(n=field.checks.max_length)
        values = field.checks.enum
        if kind is Kind.STRING and values and all(isinstance(v, str) for v in values):
            longest = max(len(v) for v in values)
            return self.dialect.bounded_string.format(n=max(longest, 1))
        length = self.dialect.keyed_text_length
        if kind in (Kind.STRING, Kind.EMAIL) and length and self._keyed(entity, field):
            assert entity.table is not None
            return self._keyed_text(entity.table, field, length)
        if kind is Kind.INTEGER and not _fits_int32(field):
            return "BIGINT"
        return self.dialect.types[kind].format(
            p=value_type.precision, s=value_type.scale
        )

    def default(self, field: Field) -> str | None:
        value = field.sql_default
        if value is None:
            return None
        if value == "now" and field.type.kind is Kind.DATETIME:
            return self.dialect.now
        if field.type.kind is Kind.DECIMAL and not self.dialect.decimal_as_text:
            return str(Decimal(value))
        literal = self.literal(value)
        return f"({literal})" if field.type.kind in _JSON_KINDS else literal

    def unique_keys(self, entity: Entity) -> list[tuple[str, ...]]:
        keys: list[tuple[str, ...]] = [(f.name,) for f in entity.fields if f.unique]
        return keys + [index.columns for index in entity.indexes if index.unique]

    def uniques(self, entity: Entity) -> list[str]:
        assert entity.table is not None
        keys = self.unique_keys(entity)
        return [
            f"CONSTRAINT {self.quote(constraint_name('uq', entity.table, *key))} "
            f"UNIQUE ({self.columns(key)})"
            for key in keys
        ]

    def foreign_keys(self, entity: Entity) -> list[str]:
        assert entity.table is not None
        lines = []
        for field in entity.fields:
            if field.references is None:
                continue
            target = self.model.by_stem(field.references.stem)
            assert target is not None and target.table is not None
            name = constraint_name("fk", entity.table, field.name)
            rule = field.references.on_delete
            clause = (
                f" ON DELETE {rule.upper()}" if rule and self.dialect.on_delete else ""
            )
            if rule and not self.dialect.on_delete:
                self.warnings.append(
                    DialectWarning(
                        "DV001",
                        self.dialect.name,
                        entity.table,
                        f"{entity.table}.{field.name}",
                        f"loses ON DELETE {rule.upper()} ({self.dialect.name} has "
                        f"only the default rule): {_by_hand(rule)}",
                    )
                )
            lines.append(
                f"CONSTRAINT {self.quote(name)} FOREIGN KEY ({self.quote(field.name)}) "
                f"REFERENCES {self.quote(target.table)} "
                f"({self.quote(field.references.field)}){clause}"
            )
        return lines

    def indexes(self, entity: Entity) -> list[tuple[str, tuple[str, ...]]]:
        """`x-index`, `x-indexes`, and one for every foreign key no other key leads."""
        assert entity.table is not None
        keys: list[tuple[str, ...]] = [
            index.columns for index in entity.indexes if not index.unique
        ]
        keys += [(f.name,) for f in entity.fields if f.index and not f.unique]
        leading = {key[0] for key in keys} | {entity.primary_key[0]}
        leading |= {f.name for f in entity.fields if f.unique}
        keys += [
            (f.name,)
            for f in entity.fields
            if f.references is not None and f.name not in leading
        ]
        return [
            (constraint_name("ix", entity.table, *key), key)
            for key in dict.fromkeys(keys)
        ]

    def checks(self, table: str, field: Field) -> list[str]:
        """CHECK constraints for the rules of one column this engine can hold."""
        rules = self.rules(field)
        return [
            f"CONSTRAINT {self.quote(constraint_name('ck', table, field.name, rule))} "
            f"CHECK ({expression})"
            for rule, expression in rules
        ]

    def rules(self, field: Field) -> list[tuple[str, str]]:
        column = self.quote(field.name)
        value_type: ValueType = field.type
        rules = []
        if value_type.kind is Kind.ENUM:
            assert value_type.target is not None
            enum = self.model.lookup(value_type.target)
            values = ", ".join(
                self.literal(m.value) for m in getattr(enum, "members", ())
            )
            rules.append(("enum", f"{column} IN ({values})"))
        elif field.checks.enum is not None:
            values = ", ".join(self.literal(v) for v in field.checks.enum)
            rules.append(("enum", f"{column} IN ({values})"))
        rules += self._length_rules(field, column)
        if value_type.kind is Kind.DECIMAL and self.dialect.decimal_as_text:
            rules.append(("decimal", _decimal_text_check(column, value_type)))
        rules += self._bound_rules(field, column)
        if value_type.kind is Kind.BOOLEAN and self.dialect.boolean_check:
            rules.append(("boolean", f"{column} IN (0, 1)"))
        if value_type.kind in _JSON_KINDS and self.dialect.json_check:
            rules.append(("json", f"{column} IS NULL OR json_valid({column})"))
        return rules

    def _length_rules(self, field: Field, column: str) -> list[tuple[str, str]]:
        if field.type.kind not in (Kind.STRING, Kind.EMAIL):
            return []
        length = f"{self.dialect.length_function}({column})"
        rules = []
        if field.checks.min_length:
            rules.append(("min_length", f"{length} >= {field.checks.min_length}"))
        if field.checks.max_length is not None and not self.dialect.length_enforced:
            rules.append(("max_length", f"{length} <= {field.checks.max_length}"))
        return rules

    def _bound_rules(self, field: Field, column: str) -> list[tuple[str, str]]:
        kind = field.type.kind
        if kind not in (Kind.INTEGER, Kind.NUMBER, Kind.DECIMAL):
            return []
        if kind is Kind.DECIMAL and self.dialect.decimal_as_text:
            # Text compared with a number is compared as text in SQLite: compare the
            # number the text holds (ENGINES.md).
            column = f"CAST({column} AS NUMERIC)"
        rules = []
        for attribute, operator in _BOUNDS:
            bound = getattr(field.checks, attribute)
            if bound is not None:
                name = attribute.replace("exclusive_", "x")
                rules.append((name, f"{column} {operator} {bound}"))
        return rules


def _by_hand(rule: str) -> str:
    if rule == "set null":
        return "set the column to NULL before deleting the row it references"
    return "delete the children first"


def _decimal_text_check(column: str, value_type: ValueType) -> str:
    """The text is `-?[0-9]+(.[0-9]+)?` within precision and scale, in SQLite's GLOB.

    A cast alone would read 'abc' as 0 and '5abc' as 5, so the bounds would hold
    text that is no number at all (ENGINES.md).
    """
    assert value_type.precision is not None and value_type.scale is not None
    c, scale = column, value_type.scale
    dot = f"instr({c}, '.')"
    whole = f"CASE {dot} WHEN 0 THEN {c} ELSE substr({c}, 1, {dot} - 1) END"
    return " AND ".join(
        [
            f"({c} GLOB '[0-9]*' OR {c} GLOB '-[0-9]*')",
            f"{c} NOT GLOB '?*-*'",
            f"replace({c}, '-', '') NOT GLOB '*[^0-9.]*'",
            f"{c} NOT GLOB '*.*.*'",
            f"{c} NOT GLOB '*.'",
            f"(instr({c}, '.') = 0 OR length({c}) - instr({c}, '.') <= {scale})",
            f"length(ltrim(replace({whole}, '-', ''), '0')) "
            f"<= {value_type.precision - scale}",
        ]
    )


def _comment_text(description: str) -> str:
    """A description as comment text: no NUL, which PostgreSQL refuses in text, and
    a lone surrogate (half a character, which UTF-8 cannot hold) as its escape."""
    text = description.replace("\x00", "")
    return _SURROGATE.sub(lambda lone: f"\\u{ord(lone[0]):04x}", text)


_SURROGATE = re.compile("[\ud800-\udfff]")


def _fits_int32(field: Field) -> bool:
    low = field.checks.minimum
    if low is None:
        low = field.checks.exclusive_minimum
    high = field.checks.maximum
    if high is None:
        high = field.checks.exclusive_maximum
    return (
        low is not None
        and high is not None
        and _INT32[0] <= float(low)
        and float(high) <= _INT32[1]
    )


def is_relation(model: Model, field: Field) -> bool:
    """An array of table rows is a one-to-many relation: no column of its own."""
    items = field.type.items
    if field.type.kind is not Kind.ARRAY or items is None or items.target is None:
        return False
    target = model.lookup(items.target)
    return isinstance(target, Entity) and target.table is not None


def key_order(model: Model) -> list[Entity]:
    """Tables ordered so that each comes after the tables its foreign keys name."""
    tables = [e for e in model.entities if e.table is not None]
    placed: list[Entity] = []
    while len(placed) < len(tables):
        progress = False
        for entity in tables:
            if entity in placed:
                continue
            parents = {
                f.references.stem
                for f in entity.fields
                if f.references is not None and f.references.stem != entity.stem
            }
            if parents <= {p.stem for p in placed}:
                placed.append(entity)
                progress = True
        if not progress:  # a cycle of foreign keys: keep spec order for the rest
            placed += [e for e in tables if e not in placed]
    return placed
