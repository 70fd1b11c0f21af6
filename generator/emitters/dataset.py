"""The checks across records: `_dataset.py` (the engine, from its template) and
`dataset.py` (each entity's relation rules, as data, and the `Dataset` class).

The rules come from the model only: keys from `x-primary-key`, `x-unique` and unique
`x-indexes`; references from `x-references`; nested rows from arrays of table
entities; and the order of child records given on their own from the parent's
`x-ordered-by` array. `validate` compiles the same text in memory
(`generator.compiled.compile_dataset`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator

from generator.emitters import layout
from generator.emitters.fastpath import fast_name
from generator.emitters.pycode import literal
from generator.emitters.validators import function_name
from generator.model import Entity, Field, Kind, Model
from generator.output import OutputFile, header_lines
from generator.render import Renderer
from generator.schema import SchemaSet

RUNTIME_TEMPLATE = "python/_dataset.py.j2"
_ORDER_FORMATS = ("date-time", "date", "decimal")
"""The formats whose values `x-ordered-by` compares by value; others as text."""
_KEY_FORMS = ("uuid", "decimal", "date-time")
"""The formats whose keys compare as the databases hold them (`FORMS`)."""


def emit_dataset(model: Model, renderer: Renderer, root: str) -> list[OutputFile]:
    """`<root>/_dataset.py` and `<root>/dataset.py`."""
    source = renderer.source(RUNTIME_TEMPLATE)
    digest = hashlib.sha256(source.encode("utf-8")).hexdigest()
    runtime_header = _header(f"templates/{RUNTIME_TEMPLATE}", digest)
    digest = hashlib.sha256(
        "".join(e.source_hash for e in model.entities).encode("ascii")
    ).hexdigest()
    return [
        OutputFile(f"{root}/_dataset.py", runtime_text(renderer, runtime_header)),
        OutputFile(
            f"{root}/dataset.py",
            dataset_text(model, _header("every object spec", digest)),
        ),
    ]


def runtime_text(renderer: Renderer, header: str) -> str:
    return renderer.render(RUNTIME_TEMPLATE, header=header)


def dataset_text(model: Model, header: str) -> str:
    """The `dataset.py` module: `RULES` by entity title, and `Dataset`."""
    names = check_names(model.schemas)
    checks = sorted(names[model.tree_key(e)] for e in model.entities)
    checks = sorted([*checks, *map(fast_name, checks)])
    rules = ", ".join(
        f"{literal(e.name)}: {_rules(model, e, names[model.tree_key(e)])}"
        for e in model.entities
    )
    lines = [
        *([header] if header else []),
        '"""Relation rules of every entity, as data, and `Dataset`, which checks',
        "records against them and against their validators together.",
        "",
        "    ds = Dataset()",
        '    errors = ds.add("User", record, "users.ndjson:3")  # for each record',
        "    errors = ds.finish()  # references, once every record is in",
        "",
        "See `_dataset.py` for what is checked and how values compare.",
        '"""',
        "",
        "from __future__ import annotations",
        "",
        "from collections.abc import Iterable",
        "from typing import Final",
        "",
        "from ._dataset import (",
        *(f"    {name}," for name in _IMPORTED if _uses(name, rules)),
        ")",
        "from .validators import (",
        *(f"    {name}," for name in checks),
        ")",
        "",
        *layout.fit(f"RULES: Final[dict[str, Rules]] = {{{rules}}}", 0),
        '"""The rules of every object spec, by title."""',
        "",
        "",
        "class Dataset(DatasetChecker):",
        '    """A collection of DreamVault records, checked as they are added."""',
        "",
        "    def __init__(self, given: Iterable[str] | None = None) -> None:",
        "        super().__init__(RULES, given)",
        "",
        "",
        '__all__ = ["RULES", "Dataset", "Finding"]',
    ]
    return "\n".join(lines) + "\n"


_IMPORTED = ("Child", "DatasetChecker", "Finding", "Key", "Order", "Reference", "Rules")


def _uses(name: str, rules: str) -> bool:
    """Whether `dataset.py` needs `name` from `_dataset` (ruff refuses unused ones)."""
    return name in ("DatasetChecker", "Finding", "Rules") or f"{name}(" in rules


def check_names(schemas: SchemaSet) -> dict[str, str]:
    """The name of each tree key's check function in `validators.py`, given the way
    `validator_code` names them (every key, in sorted order)."""
    taken: set[str] = set()
    return {key: function_name(key, taken) for key in sorted(schemas.nodes)}


def _rules(model: Model, entity: Entity, check: str) -> str:
    arguments = [literal(entity.name), literal(entity.stem), check, fast_name(check)]
    if entity.table is not None:
        arguments.append(f"table={literal(entity.table)}")
        parts = {
            "keys": list(_keys(model, entity)),
            "references": list(_references(model, entity)),
            "children": list(_children(model, entity)),
            "orders": list(_orders(model, entity)),
        }
        arguments += [f"{k}=[{', '.join(v)}]" for k, v in parts.items() if v]
    return f"Rules({', '.join(arguments)})"


def _keys(model: Model, entity: Entity) -> Iterator[str]:
    """Primary key, `x-unique` columns, unique `x-indexes`; each set of columns once."""
    where = f"{entity.stem}.schema.json#"
    candidates = [("x-primary-key", entity.primary_key, f"{where}/x-primary-key")]
    candidates += [
        ("x-unique", (f.name,), f"{where}/properties/{f.name}/x-unique")
        for f in entity.fields
        if f.unique
    ]
    candidates += [
        ("x-indexes", index.columns, f"{where}/x-indexes/{number}")
        for number, index in enumerate(entity.indexes)
        if index.unique
    ]
    seen: set[frozenset[str]] = set()
    for keyword, columns, location in candidates:
        if frozenset(columns) in seen:
            continue
        seen.add(frozenset(columns))
        forms = [_form(model, entity, c) for c in columns]
        yield (
            f"Key({literal(keyword)}, {literal(list(columns))}, {literal(location)}, "
            f"forms={literal(forms)})"
        )


def _references(model: Model, entity: Entity) -> Iterator[str]:
    for field in entity.fields:
        reference = field.references
        target = model.by_stem(reference.stem) if reference else None
        if reference is None or target is None or target.table is None:
            continue
        location = f"{entity.stem}.schema.json#/properties/{field.name}/x-references"
        form = _form(model, target, reference.field)
        yield (
            f"Reference({literal(field.name)}, {literal(target.name)}, "
            f"{literal(reference.field)}, {literal(location)}, form={literal(form)})"
        )


def _children(model: Model, entity: Entity) -> Iterator[str]:
    for field in entity.fields:
        child = _nested_table(model, field)
        if child is not None:
            foreign = _foreign_key(child, entity)
            carried = foreign.name if foreign is not None else ""
            yield (
                f"Child({literal(field.name)}, {literal(child.name)}, "
                f"{literal(carried)})"
            )


def _foreign_key(child: Entity, parent: Entity) -> Field | None:
    """The field of `child` that refers to `parent`, if there is one."""
    return next(
        (f for f in child.fields if f.references and f.references.stem == parent.stem),
        None,
    )


def _orders(model: Model, entity: Entity) -> Iterator[str]:
    """The `x-ordered-by` of each parent array that nests this entity's rows, kept per
    value of the foreign key to that parent."""
    for parent in model.entities:
        for field in parent.fields:
            if field.ordered_by is None or _nested_table(model, field) is not entity:
                continue
            foreign = _foreign_key(entity, parent)
            if foreign is None or foreign.references is None:
                continue
            compared = _compared_as(model, entity, field.ordered_by)
            location = (
                f"{parent.stem}.schema.json#/properties/{field.name}/x-ordered-by"
            )
            form = _form(model, parent, foreign.references.field)
            yield (
                f"Order({literal(foreign.name)}, {literal(field.ordered_by)}, "
                f"{literal(compared if compared in _ORDER_FORMATS else None)}, "
                f"{literal(location)}, parent_form={literal(form)})"
            )


def _nested_table(model: Model, field: Field) -> Entity | None:
    """The table entity whose rows the array `field` nests, if it is one."""
    items = field.type.items if field.type.kind is Kind.ARRAY else None
    if items is None or items.kind is not Kind.ENTITY or items.target is None:
        return None
    child = model.entity(items.target)
    return child if child.table is not None else None


def _form(model: Model, entity: Entity, name: str) -> str:
    """How the values of a key column compare (the dataset module's `FORMS`): as
    the databases hold them once the models wrote them. uuids case-insensitively,
    as PostgreSQL's uuid type does; decimals by value; date-times as instants."""
    compared = _compared_as(model, entity, name)
    return compared if compared in _KEY_FORMS else ""


def _compared_as(model: Model, entity: Entity, name: str) -> str | None:
    """The format of property `name` of `entity`, read from the assertion tree (so
    through a `$ref` with bounds beside it, or an `allOf`), as the validators read
    it."""
    root = model.schemas.nodes[model.tree_key(entity)]
    node = dict(root.properties).get(name)
    return model.schemas.compared_as(node) if node is not None else None


def _header(source: str, digest: str) -> str:
    return "\n".join(header_lines("#", source, digest))
