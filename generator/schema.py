"""The assertion tree: every JSON Schema keyword of a spec, settled into frozen nodes.

`model.Field` and `model.ValueType` say what a value *is* (for classes and columns);
this tree says every rule a value must *keep*, keyword by keyword, for the validators
and the bundled schemas. A `$ref` stays a reference (a key into `SchemaSet.nodes`), so
recursive specs give a finite tree.

Two callers build it: the spec pipeline, for every spec file, and `compile_document`,
for any one self-contained schema of the supported keywords (the conformance suite).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from decimal import Decimal as PyDecimal
from typing import TYPE_CHECKING, Any

from generator.errors import SpecError
from generator.jsonsource import escape_token
from generator.loader import SpecFile, lookup, resolve_ref

if TYPE_CHECKING:
    from generator.model import Model


@dataclass(frozen=True)
class DecimalType:
    """`"format": "decimal"` with `x-precision` and `x-scale`."""

    precision: int
    scale: int


@dataclass(frozen=True)
class Node:
    """One subschema. `location` is where it stands: `<file>#<JSON pointer>`.

    `accept` is set for the boolean schemas `true` and `false` only. Every other field
    is one keyword, None (or empty) when the schema does not use it. Bounds are numbers
    as the spec wrote them; those of a decimal string are exact Decimals of its text.
    """

    location: str
    accept: bool | None = None
    types: tuple[str, ...] = ()
    enum: tuple[Any, ...] | None = None
    const: tuple[Any] | None = None
    format: str | None = None
    decimal: DecimalType | None = None
    decimal_of_ref: DecimalType | None = None
    """Set when the node has bounds and its `$ref` is a decimal: the bounds apply to
    the decimal's value (the referenced node checks its syntax and digits)."""
    min_length: int | None = None
    max_length: int | None = None
    pattern: str | None = None
    minimum: int | float | PyDecimal | None = None
    exclusive_minimum: int | float | PyDecimal | None = None
    maximum: int | float | PyDecimal | None = None
    exclusive_maximum: int | float | PyDecimal | None = None
    multiple_of: int | float | PyDecimal | None = None
    required: tuple[str, ...] = ()
    properties: tuple[tuple[str, Node], ...] = ()
    additional: Node | None = None
    items: Node | None = None
    min_items: int | None = None
    max_items: int | None = None
    unique_items: bool = False
    all_of: tuple[Node, ...] = ()
    any_of: tuple[Node, ...] = ()
    one_of: tuple[Node, ...] = ()
    ref: str | None = None
    deprecated: bool = False
    ordered_by: OrderedBy | None = None
    parent_key: ParentKey | None = None

    def keyword_location(self, keyword: str) -> str:
        return f"{self.location}/{keyword}"


@dataclass(frozen=True)
class OrderedBy:
    """`x-ordered-by` on an array: items in non-decreasing order of `name`, compared
    as `format` values (date-time as instants, decimal and numbers by value)."""

    name: str
    format: str | None


@dataclass(frozen=True)
class ParentKey:
    """Nested table rows carry their parent's key: item `child` equals the parent's
    `parent` property (DESIGN.md section 3, relations)."""

    child: str
    parent: str
    form: str | None = None
    """"decimal" or "date-time": the key compares by value, as the databases hold it
    once the models wrote it; None: exactly (a uuid in its own case)."""


@dataclass(frozen=True)
class SchemaSet:
    """Named subschemas: each spec file's root (key `<file>#`), each `$ref` target."""

    nodes: dict[str, Node] = field(default_factory=dict)

    def resolve(self, node: Node) -> Node:
        """`node` itself, or the node its `$ref` chain ends at when it has no other
        keyword (what a property like `{"$ref": "stock.schema.json"}` means)."""
        seen = set()
        while node.ref in self.nodes and node.ref not in seen and _only_ref(node):
            seen.add(node.ref)
            node = self.nodes[node.ref]
        return node

    def compared_as(self, node: Node) -> str | None:
        """The format a value of `node` compares by, in `x-ordered-by` and in keys
        across records: "decimal" (by value), "date-time" (as instants), "date", or
        another format such as "uuid"; None for plain values. Found on the node
        itself, through its `$ref` (bounds may stand beside it) or in its `allOf`."""
        seen: set[str] = set()
        todo = [node]
        while todo:
            node = todo.pop(0)
            if node.decimal is not None:
                return "decimal"
            if node.format is not None:
                return node.format
            if node.ref is not None and node.ref in self.nodes and node.ref not in seen:
                seen.add(node.ref)
                todo.append(self.nodes[node.ref])
            todo += node.all_of
        return None


def _exact_bounds(spec: SpecFile, node: Node, pointer: str) -> dict[str, Any]:
    """A decimal's bounds as exact Decimals from the spec's own text (a float
    would turn 0.1000000000000000000000001 into 0.1)."""
    exact = {}
    for keyword, (attribute, _) in _AS_IS.items():
        value = getattr(node, attribute) if attribute in _BOUND_ATTRIBUTES else None
        if value is not None:
            text = spec.document.numbers.get(f"{pointer}/{keyword}", repr(value))
            exact[attribute] = PyDecimal(text)
    return exact


_BOUND_ATTRIBUTES = frozenset(
    {"minimum", "exclusive_minimum", "maximum", "exclusive_maximum", "multiple_of"}
)


def _has_bounds(node: Node) -> bool:
    bounds = (
        node.minimum,
        node.exclusive_minimum,
        node.maximum,
        node.exclusive_maximum,
        node.multiple_of,
    )
    return any(bound is not None for bound in bounds)


def _only_ref(node: Node) -> bool:
    return replace(node, ref=None, location="") == Node(location="")


_AS_IS: dict[str, tuple[str, Callable[[Any], Any] | None]] = {
    "enum": ("enum", tuple),
    "const": ("const", lambda value: (value,)),
    "format": ("format", str),
    "pattern": ("pattern", str),
    "required": ("required", tuple),
    "minLength": ("min_length", int),
    "maxLength": ("max_length", int),
    "minItems": ("min_items", int),
    "maxItems": ("max_items", int),
    "minimum": ("minimum", None),
    "exclusiveMinimum": ("exclusive_minimum", None),
    "maximum": ("maximum", None),
    "exclusiveMaximum": ("exclusive_maximum", None),
    "multipleOf": ("multiple_of", None),
}
"""Keywords whose value the node keeps, converted (2.0 is a valid minLength)."""


def _assertions(schema: dict[str, Any]) -> dict[str, Any]:
    """The node fields of the keywords that have no subschemas."""
    values: dict[str, Any] = {}
    for keyword, (attribute, convert) in _AS_IS.items():
        if keyword in schema:
            value = schema[keyword]
            values[attribute] = value if convert is None else convert(value)
    if "type" in schema:
        declared = schema["type"]
        values["types"] = tuple(declared if isinstance(declared, list) else [declared])
    if schema.get("uniqueItems") is True:
        values["unique_items"] = True
    if schema.get("deprecated") is True:
        values["deprecated"] = True
    if "x-precision" in schema and "x-scale" in schema:
        # 5.0 is an integer to JSON Schema, and DECIMAL(5.0, 2.0) no SQL.
        values["decimal"] = DecimalType(
            int(schema["x-precision"]), int(schema["x-scale"])
        )
    return values


Relations = Callable[[SpecFile, str], "ParentKey | None"]
"""For the spec pipeline: the parent key an array property at (spec, pointer) needs."""


class TreeBuilder:
    """Builds nodes for a set of spec files, each `$ref` target once."""

    def __init__(
        self, files: list[SpecFile], relations: Relations | None = None
    ) -> None:
        self.by_name = {f.name: f for f in files}
        self.schemas = SchemaSet()
        self.relations = relations
        self._building: set[str] = set()

    def root(self, spec: SpecFile) -> str:
        """The key of a spec file's root node, built with all it refers to."""
        return self._target(spec, "")

    def _target(self, spec: SpecFile, fragment: str) -> str:
        key = f"{spec.name}#{fragment}"
        if key not in self.schemas.nodes and key not in self._building:
            self._building.add(key)
            self.schemas.nodes[key] = self.node(spec, lookup(spec, fragment), fragment)
            self._building.discard(key)
        return key

    def node(self, spec: SpecFile, schema: Any, pointer: str) -> Node:
        location = f"{spec.name}#{pointer}"
        if isinstance(schema, bool):
            return Node(location, accept=schema)
        values = _assertions(schema)
        self._children(spec, schema, pointer, values)
        if "$ref" in schema:
            target, fragment = resolve_ref(
                self.by_name, spec, f"{pointer}/$ref", schema["$ref"]
            )
            values["ref"] = self._target(target, fragment)
        node = Node(location, **values)
        if node.format != "decimal" and (
            "x-precision" in schema or "x-scale" in schema
        ):
            raise spec.error(
                pointer,
                'x-precision and x-scale go with "type": "string", "format": "decimal"',
            )
        if node.decimal is None and node.format == "decimal":
            raise spec.error(
                pointer,
                'a "decimal" string needs x-precision and x-scale, like 15 and 2',
            )
        if node.decimal is None and _has_bounds(node):
            node = replace(node, decimal_of_ref=self._decimal_beneath(node))
        if node.decimal is not None or node.decimal_of_ref is not None:
            node = replace(node, **_exact_bounds(spec, node, pointer))
        if "x-ordered-by" in schema:
            node = replace(node, ordered_by=self._ordered_by(spec, node, pointer))
        if self.relations is not None and node.items is not None:
            node = replace(node, parent_key=self.relations(spec, pointer))
        return node

    def _decimal_beneath(self, node: Node) -> DecimalType | None:
        """The decimal that bounds beside a `$ref` (or in a schema whose `allOf`
        holds the decimal) apply to, if there is one."""
        for candidate in (Node("", ref=node.ref), *node.all_of):
            if candidate.ref is not None or candidate.decimal is not None:
                found = self.schemas.resolve(candidate)
                if found.decimal is not None:
                    return found.decimal
        return None

    def _children(
        self,
        spec: SpecFile,
        schema: dict[str, Any],
        pointer: str,
        values: dict[str, Any],
    ) -> None:
        if "properties" in schema:
            values["properties"] = tuple(
                (
                    name,
                    self.node(spec, sub, f"{pointer}/properties/{escape_token(name)}"),
                )
                for name, sub in schema["properties"].items()
            )
        if "additionalProperties" in schema:
            values["additional"] = self.node(
                spec, schema["additionalProperties"], f"{pointer}/additionalProperties"
            )
        if "items" in schema:
            values["items"] = self.node(spec, schema["items"], f"{pointer}/items")
        for keyword, attribute in (
            ("allOf", "all_of"),
            ("anyOf", "any_of"),
            ("oneOf", "one_of"),
        ):
            if keyword in schema:
                values[attribute] = tuple(
                    self.node(spec, sub, f"{pointer}/{keyword}/{index}")
                    for index, sub in enumerate(schema[keyword])
                )

    def _ordered_by(self, spec: SpecFile, node: Node, pointer: str) -> OrderedBy:
        """`consistency` has proven that the items are an entity with that property;
        an entity still being built (a cycle) compares its values as they come."""
        name = lookup(spec, pointer)["x-ordered-by"]
        item = self.schemas.resolve(node.items) if node.items is not None else None
        target = dict(item.properties).get(name) if item is not None else None
        if target is None:
            return OrderedBy(name, None)
        return OrderedBy(name, self.schemas.compared_as(target))


def spec_tree(model: Model, files: list[SpecFile]) -> SchemaSet:
    """The tree of every spec file, with the parent keys of nested table rows."""

    def relations(spec: SpecFile, pointer: str) -> ParentKey | None:
        entity = model.by_stem(spec.stem)
        prefix = "/properties/"
        if entity is None or entity.table is None or not pointer.startswith(prefix):
            return None
        name = pointer[len(prefix) :]
        field = next((f for f in entity.fields if escape_token(f.name) == name), None)
        items = field.type.items if field is not None else None
        if items is None or items.kind.value != "entity" or items.target is None:
            return None
        child = model.entity(items.target)
        for candidate in child.fields:
            reference = candidate.references
            if reference is not None and reference.stem == entity.stem:
                kind = entity.field(reference.field).type.kind.value
                form = kind if kind in ("decimal", "date-time") else None
                return ParentKey(candidate.name, reference.field, form)
        return None

    builder = TreeBuilder(files, relations)
    for spec in files:
        builder.root(spec)
    return SchemaSet(dict(sorted(builder.schemas.nodes.items())))


def compile_document(schema: Any, name: str = "schema.json") -> tuple[SchemaSet, str]:
    """The tree of one self-contained schema, and the key of its root.

    Refused with SpecError, as a spec would be: keywords outside DESIGN.md section 3,
    `$ref`s to other documents, and a `$id` below the root (it would start a new base
    for the `$ref`s beneath it, which this toolkit does not follow).
    """
    from generator.jsonsource import parse
    from generator.loader import check_document

    if isinstance(schema, bool):
        schemas = SchemaSet({f"{name}#": Node(f"{name}#", accept=schema)})
        return schemas, f"{name}#"
    text = json.dumps(schema, indent=1, ensure_ascii=False)
    spec = SpecFile(name, name, parse(text), "")
    # First: a `$ref` beneath a nested `$id` resolves against it, so the document's
    # checks would call it dangling and hide the reason.
    for pointer in _nested_ids(schema, ""):
        raise spec.error(
            pointer, "$id below the root starts a new schema resource; not supported"
        )
    check_document(spec)
    builder = TreeBuilder([spec])
    return builder.schemas, builder.root(spec)


def _nested_ids(schema: Any, pointer: str) -> list[str]:
    found = []
    if isinstance(schema, dict):
        if pointer and "$id" in schema:
            found.append(f"{pointer}/$id")
        for key, value in schema.items():
            if key not in ("enum", "const", "default", "examples"):
                found += _nested_ids(value, f"{pointer}/{escape_token(key)}")
    elif isinstance(schema, list):
        for index, value in enumerate(schema):
            found += _nested_ids(value, f"{pointer}/{index}")
    return found


__all__ = [
    "DecimalType",
    "Node",
    "OrderedBy",
    "ParentKey",
    "SchemaSet",
    "SpecError",
    "TreeBuilder",
    "compile_document",
]
