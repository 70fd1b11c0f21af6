"""Rules that span properties or specs: relations, keys, defaults, cycles, SQL types.

Each check raises the one `SpecError` for the first problem, in a stable order (specs by
file name, properties in spec order), so the same bad spec always gives the same
message.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from generator.errors import SpecError
from generator.loader import SpecFile
from generator.model import Entity, Field, Kind, Model

SQLGLOT_DIALECTS = {
    "postgresql": "postgres",
    "mysql": "mysql",
    "sqlite": "sqlite",
    "duckdb": "duckdb",
}
_SQL_TYPE_FORBIDDEN = re.compile(r";|--|/\*|\*/|#")


def check_model(model: Model, files: list[SpecFile]) -> None:
    by_stem = {f.stem: f for f in files}
    tables: dict[str, Entity] = {}
    for entity in model.entities:
        spec = by_stem[entity.stem]
        _check_table_name(entity, spec, tables)
        _check_keys(entity, spec)
        for field in entity.fields:
            _check_relation(model, spec, entity, field)
            _check_column_keywords(spec, field)
            _check_ordering(model, spec, field)
            _check_sql_types(spec, field)
            if entity.table is not None:
                _check_sql_text(model, spec, field)
    _check_defaults(model, files)
    _check_cycles(model)


def _keyword_error(
    spec: SpecFile, field: Field, keyword: str, message: str
) -> SpecError:
    """An error at `keyword` in the property schema of `field`."""
    return spec.error(f"{field.location.pointer}/{keyword}", message)


def _check_table_name(
    entity: Entity, spec: SpecFile, tables: dict[str, Entity]
) -> None:
    if entity.table is None:
        return
    if entity.table in tables:
        other = tables[entity.table].location.file
        raise spec.error(
            "/x-table",
            f"table {entity.table!r} is already the table of {other}; "
            "give each entity its own x-table",
        )
    tables[entity.table] = entity


def _check_keys(entity: Entity, spec: SpecFile) -> None:
    names = {f.name for f in entity.fields}
    if entity.table is not None:
        pointer = "/x-primary-key" if "x-primary-key" in spec.schema else "/x-table"
        for column in entity.primary_key:
            if column not in names:
                raise spec.error(
                    pointer,
                    f"primary key column {column!r} is not a property of "
                    f"{entity.name}; add it or set x-primary-key",
                )
            _check_key_column(entity.field(column), pointer, spec)
    for position, index in enumerate(entity.indexes):
        for number, column in enumerate(index.columns):
            if column not in names:
                raise spec.error(
                    f"/x-indexes/{position}/columns/{number}",
                    f"index column {column!r} is not a property of {entity.name}",
                )


_KEY_KINDS = (Kind.STRING, Kind.UUID, Kind.EMAIL, Kind.INTEGER, Kind.DECIMAL, Kind.DATE)


def _check_key_column(field: Field, pointer: str, spec: SpecFile) -> None:
    """A primary key column is required, never null, and one scalar value."""
    if not field.required or field.nullable or field.type.kind not in _KEY_KINDS:
        raise spec.error(
            pointer,
            f"primary key column {field.name!r} must be a required, non-null string, "
            "uuid, integer, decimal or date property",
        )


def _check_relation(model: Model, spec: SpecFile, entity: Entity, field: Field) -> None:
    if field.references is not None:
        _check_reference(model, spec, field)
    value_type = field.type
    if value_type.kind is Kind.ARRAY and value_type.items is not None:
        value_type = value_type.items
        is_array = True
    else:
        is_array = False
    if value_type.kind is not Kind.ENTITY or value_type.target is None:
        return
    target = model.entity(value_type.target)
    if target.table is None:
        return
    if not is_array:
        raise SpecError(
            field.location,
            f"{field.name!r} embeds table entity {target.name}; a table entity is "
            "nested only as array items (one-to-many), or linked by x-references",
        )
    _check_child_key(entity, field, target)


def _check_reference(model: Model, spec: SpecFile, field: Field) -> None:
    assert field.references is not None
    reference = field.references
    text = f"{reference.stem}.{reference.field}"
    target = model.by_stem(reference.stem)
    if target is None or target.table is None:
        raise _keyword_error(
            spec,
            field,
            "x-references",
            f"x-references {text!r}: there is no table entity in "
            f"{reference.stem}.schema.json",
        )
    names = {f.name: f for f in target.fields}
    if reference.field not in names:
        raise _keyword_error(
            spec,
            field,
            "x-references",
            f"x-references {text!r}: {target.name} has no property {reference.field!r}",
        )
    referenced = names[reference.field]
    if not referenced.unique and target.primary_key != (referenced.name,):
        raise _keyword_error(
            spec,
            field,
            "x-references",
            f"x-references {text!r}: a foreign key must name the primary key or an "
            f"x-unique property, and {text} is neither",
        )
    if names[reference.field].type.kind is not field.type.kind:
        raise _keyword_error(
            spec,
            field,
            "x-references",
            f"x-references {text!r}: {field.name!r} is {field.type.kind.value} but "
            f"{text} is {names[reference.field].type.kind.value}",
        )
    if reference.on_delete == "set null" and field.required and not field.nullable:
        raise _keyword_error(
            spec,
            field,
            "x-on-delete",
            "x-on-delete 'set null' needs a column that may be null; make the "
            "property optional or nullable, or choose 'cascade' or 'restrict'",
        )


def _check_child_key(parent: Entity, field: Field, child: Entity) -> None:
    if parent.table is None:
        raise SpecError(
            field.location,
            f"value type {parent.name} cannot hold table rows of {child.name}; "
            "only a table entity has children",
        )
    if not any(
        f.references is not None and f.references.stem == parent.stem
        for f in child.fields
    ):
        raise SpecError(
            field.location,
            f"nested {child.name} rows need a foreign key to {parent.name}: add a "
            f'property with "x-references": "{parent.stem}.{parent.primary_key[0]}" '
            f"to {child.stem}.schema.json",
        )


def _check_column_keywords(spec: SpecFile, field: Field) -> None:
    needs_timestamp = field.on_update_now or field.sql_default == "now"
    if needs_timestamp and field.type.kind is not Kind.DATETIME:
        raise _keyword_error(
            spec,
            field,
            "x-on-update" if field.on_update_now else "x-default",
            f"'now' (x-default or x-on-update) needs a date-time property; "
            f"{field.name!r} is {field.type.kind.value}",
        )


def _check_sql_text(model: Model, spec: SpecFile, field: Field) -> None:
    """Text that becomes an SQL literal (a default, an enum value) must be UTF-8: a
    lone surrogate (a JSON escape such as \\ud800 alone) is half a character, which
    no database stores as text."""
    texts: list[tuple[str, Any]] = []
    if field.default is not None:
        texts.append(("default", field.default.value))
    texts.append(("x-default", field.sql_default))
    texts += [("enum", value) for value in field.checks.enum or []]
    enum = model.lookup(field.type.target) if field.type.target else None
    texts += [("$ref", m.value) for m in getattr(enum, "members", ())]
    for keyword, text in texts:
        lone = _SURROGATE.search(text) if isinstance(text, str) else None
        if lone is not None:
            raise _keyword_error(
                spec,
                field,
                keyword,
                f"{text!r} holds half a character (a lone surrogate), which no "
                "database stores as text",
            )


_SURROGATE = re.compile("[\ud800-\udfff]")


def _check_ordering(model: Model, spec: SpecFile, field: Field) -> None:
    if field.ordered_by is None:
        return
    items = field.type.items
    if field.type.kind is not Kind.ARRAY or items is None or items.target is None:
        raise _keyword_error(
            spec,
            field,
            "x-ordered-by",
            "x-ordered-by goes on an array whose items are an entity",
        )
    item = model.lookup(items.target)
    if not isinstance(item, Entity) or field.ordered_by not in {
        f.name for f in item.fields
    }:
        raise _keyword_error(
            spec,
            field,
            "x-ordered-by",
            f"x-ordered-by {field.ordered_by!r} is not a property of {items.target}",
        )


def _check_sql_types(spec: SpecFile, field: Field) -> None:
    for dialect, text in field.sql_types:
        problem = sql_type_problem(text, dialect)
        if problem is not None:
            raise _keyword_error(
                spec,
                field,
                f"x-sql-type/{dialect}",
                f"x-sql-type for {dialect}: {text!r} {problem}",
            )


def sql_type_problem(text: str, dialect: str) -> str | None:
    """Why `text` is not exactly one SQL data type in `dialect`, or None when it is."""
    if _SQL_TYPE_FORBIDDEN.search(text):
        return "may hold no ';', comment or '#'; it must be exactly one data type"
    import sqlglot
    from sqlglot import exp
    from sqlglot.errors import ParseError

    try:
        parsed = sqlglot.parse(f"CAST(NULL AS {text})", read=SQLGLOT_DIALECTS[dialect])
    except ParseError:
        return "is not one SQL data type"
    if len(parsed) != 1 or not isinstance(parsed[0], exp.Cast):
        return "is not one SQL data type"
    return None


def _check_defaults(model: Model, files: list[SpecFile]) -> None:
    from generator.defaults import DefaultChecker

    checker = DefaultChecker(files)
    for entity in model.entities:
        for field in entity.fields:
            checker.check(entity, field)


def _check_cycles(model: Model) -> None:
    """Refuse a chain of required, non-null objects that leads back to its start."""
    for entity in model.entities:
        path = _forced_cycle(model, entity, (entity.name,))
        if path is not None:
            first = next(
                f for f in entity.fields if _forced_target(model, f) == path[1]
            )
            raise SpecError(
                first.location,
                "infinite $ref cycle " + " -> ".join(path) + ": every instance would "
                "contain itself; make one of these properties optional or nullable",
            )


def _forced_cycle(
    model: Model, entity: Entity, path: tuple[str, ...]
) -> tuple[str, ...] | None:
    for target in _forced_targets(model, entity):
        if target == path[0]:
            return (*path, target)
        if target not in path:
            found = _forced_cycle(model, model.entity(target), (*path, target))
            if found is not None:
                return found
    return None


def _forced_targets(model: Model, entity: Entity) -> Iterator[str]:
    for field in entity.fields:
        target = _forced_target(model, field)
        if target is not None:
            yield target


def _forced_target(model: Model, field: Field) -> str | None:
    value_type = field.type
    if not field.required or value_type.nullable:
        return None
    if value_type.kind is Kind.ARRAY and value_type.items is not None:
        if not field.checks.min_items:
            return None
        value_type = value_type.items
        if value_type.nullable:
            return None
    if value_type.kind is Kind.ENTITY and value_type.target is not None:
        return value_type.target
    return None
