"""What a live database made from the generated DDL must show, in the terms of
`generator.introspect`, and how a described database differs from it.

Types, defaults and CHECK texts are left out: every engine rewrites them (ENGINES.md),
so the tests prove what a CHECK enforces by the rows it refuses instead. Names are
compared, not positions: ADD COLUMN appends.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.introspect import ForeignKey, Schema
from generator.model import Entity, Model
from generator.sql.ddl import DDLBuilder, is_relation, key_order
from generator.sql.dialects import DIALECTS, Dialect


@dataclass(frozen=True)
class ExpectedTable:
    columns: dict[str, bool]
    """Column name -> nullable."""
    primary_key: tuple[str, ...]
    uniques: frozenset[tuple[str, ...]]
    foreign_keys: frozenset[ForeignKey]
    indexes: frozenset[tuple[str, ...]]
    """Column lists that must lead some index (MariaDB adds its own on foreign keys)."""


def expected_schema(model: Model, dialect_name: str) -> dict[str, ExpectedTable]:
    dialect = DIALECTS[dialect_name]
    builder = DDLBuilder(model, dialect, lambda template, context: "")
    return {
        entity.table: _table(model, dialect, builder, entity)
        for entity in key_order(model)
        if entity.table is not None
    }


def _table(
    model: Model, dialect: Dialect, builder: DDLBuilder, entity: Entity
) -> ExpectedTable:
    columns = {
        f.name: not (f.required and not f.nullable)
        for f in entity.fields
        if not is_relation(model, f)
    }
    return ExpectedTable(
        columns=columns,
        primary_key=entity.primary_key,
        uniques=frozenset(builder.unique_keys(entity)),
        foreign_keys=frozenset(_foreign_keys(model, dialect, entity)),
        indexes=frozenset(key for _, key in builder.indexes(entity)),
    )


def _foreign_keys(model: Model, dialect: Dialect, entity: Entity) -> list[ForeignKey]:
    keys = []
    for field in entity.fields:
        if field.references is None:
            continue
        target = model.by_stem(field.references.stem)
        assert target is not None and target.table is not None
        rule = (field.references.on_delete or "").upper()
        if not rule or not dialect.on_delete:
            rule = dialect.default_on_delete
        keys.append(
            ForeignKey((field.name,), target.table, (field.references.field,), rule)
        )
    return keys


def differences(expected: dict[str, ExpectedTable], live: Schema) -> list[str]:
    """Each way `live` differs from `expected`, as a sentence; empty when it matches."""
    found = sorted(set(expected) ^ set(live.tables))
    problems = [f"table {name!r} is only on one side" for name in found]
    for name in sorted(set(expected) & set(live.tables)):
        want, have = expected[name], live.tables[name]
        nullable = {c: col.nullable for c, col in have.columns.items()}
        if nullable != want.columns:
            problems.append(f"{name}: columns {nullable} != {want.columns}")
        if have.primary_key != want.primary_key:
            problems.append(f"{name}: primary key {have.primary_key}")
        if have.uniques != want.uniques:
            problems.append(f"{name}: uniques {sorted(have.uniques)}")
        if have.foreign_keys != want.foreign_keys:
            problems.append(
                f"{name}: foreign keys {sorted(map(str, have.foreign_keys))}"
            )
        leading = {index.columns for index in have.indexes} | set(have.uniques)
        missing = sorted(want.indexes - leading)
        if missing:
            problems.append(f"{name}: no index on {missing}")
    return problems
