"""Turn checked spec files into the intermediate model, settling every spec quirk once.

Here a property schema becomes a `ValueType` (what kind of value, nullable or not), its
assertions become `Checks`, and the `x-` keywords become relations, keys and defaults.
"""

from __future__ import annotations

import keyword
from typing import Any

from generator import naming
from generator.errors import SpecError
from generator.jsonsource import escape_token
from generator.loader import SpecFile, lookup, resolve_ref
from generator.model import (
    Checks,
    Default,
    Entity,
    EnumMember,
    EnumType,
    Field,
    ForeignKey,
    Index,
    Kind,
    Model,
    ValueType,
)

_FORMAT_KINDS = {
    "date-time": Kind.DATETIME,
    "date": Kind.DATE,
    "uuid": Kind.UUID,
    "email": Kind.EMAIL,
    "decimal": Kind.DECIMAL,
}
_TYPE_KINDS = {
    "string": Kind.STRING,
    "integer": Kind.INTEGER,
    "number": Kind.NUMBER,
    "boolean": Kind.BOOLEAN,
    "object": Kind.OBJECT,
}
_CHECK_KEYWORDS = {
    "minLength": "min_length",
    "maxLength": "max_length",
    "minimum": "minimum",
    "exclusiveMinimum": "exclusive_minimum",
    "maximum": "maximum",
    "exclusiveMaximum": "exclusive_maximum",
    "multipleOf": "multiple_of",
    "pattern": "pattern",
    "minItems": "min_items",
    "maxItems": "max_items",
    "uniqueItems": "unique_items",
}


def is_enum_spec(schema: dict[str, Any]) -> bool:
    return "enum" in schema and "properties" not in schema


def build_model(files: list[SpecFile]) -> Model:
    """The model of checked spec files (see `loader.read_specs`)."""
    builder = _Builder(files)
    enums = tuple(builder.enum(f) for f in files if is_enum_spec(f.schema))
    entities = tuple(builder.entity(f) for f in files if not is_enum_spec(f.schema))
    return Model(entities, enums)


class _Builder:
    def __init__(self, files: list[SpecFile]) -> None:
        self.by_name = {f.name: f for f in files}
        self.titles: dict[str, SpecFile] = {}
        self.constants: dict[str, SpecFile] = {}
        for spec in files:
            self._claim_title(spec)
        self.taken = frozenset((*self.titles, *self.constants))

    def _claim_title(self, spec: SpecFile) -> None:
        if "title" not in spec.schema:
            raise spec.error(
                "", "the spec has no title; add the name of its class, like 'Stock'"
            )
        title = spec.schema["title"]
        if not isinstance(title, str) or not naming.is_identifier(title):
            raise spec.error(
                "/title",
                f"title {title!r} is not a class name; give the spec a title that is "
                "an identifier, like 'PortfolioConfig'",
            )
        if keyword.iskeyword(title):
            raise spec.error(
                "/title", f"title {title!r} is a Python keyword; it cannot name a class"
            )
        if title in naming.RUNTIME_NAMES:
            raise spec.error(
                "/title",
                f"title {title!r} clashes with a name the generated modules import or "
                "define; choose another title",
            )
        if title in self.titles:
            other = self.titles[title].display
            raise spec.error("/title", f"title {title!r} is already used by {other}")
        constant = naming.members_constant(title)
        if constant in self.constants:
            other = self.constants[constant].display
            raise spec.error(
                "/title",
                f"title {title!r} and the title of {other} both give the constant "
                f"{constant!r}; choose titles that differ in more than case",
            )
        self.titles[title] = spec
        self.constants[constant] = spec

    # Enums ---------------------------------------------------------------------------

    def enum(self, spec: SpecFile) -> EnumType:
        schema = spec.schema
        _check_enum_spec(spec)
        return EnumType(
            schema["title"],
            spec.stem,
            schema.get("description"),
            _enum_members(spec, schema["enum"]),
            spec.at(""),
            spec.sha256,
        )

    # Entities ------------------------------------------------------------------------

    def entity(self, spec: SpecFile) -> Entity:
        schema = spec.schema
        properties = schema.get("properties")
        if schema.get("type") != "object" or not isinstance(properties, dict):
            raise spec.error(
                "",
                'a spec is either an object ("type": "object" with "properties") or '
                'a string enum ("type": "string" with "enum")',
            )
        if schema.get("additionalProperties", True) not in (True, False):
            raise spec.error(
                "/additionalProperties",
                "a class has no place for extra properties of a schema; use false "
                "(extra keys refused) or true, or give them a free-form object "
                "property",
            )
        required = schema.get("required", [])
        for index, name in enumerate(required):
            if name not in properties:
                raise spec.error(
                    f"/required/{index}",
                    f"required names {name!r}, which is not in properties; define the "
                    "property or remove the name",
                )
        fields = tuple(
            self.field(spec, name, sub, name in required)
            for name, sub in properties.items()
        )
        _check_attributes(spec, fields)
        return Entity(
            name=schema["title"],
            stem=spec.stem,
            description=schema.get("description"),
            fields=fields,
            table=schema.get("x-table"),
            primary_key=tuple(schema.get("x-primary-key", ["id"])),
            indexes=tuple(
                Index(tuple(i["columns"]), i.get("unique", False))
                for i in schema.get("x-indexes", [])
            ),
            additional_properties=schema.get("additionalProperties", True) is not False,
            renamed_from=schema.get("x-renamed-from"),
            location=spec.at(""),
            source_hash=spec.sha256,
        )

    def field(self, spec: SpecFile, name: str, schema: Any, required: bool) -> Field:
        pointer = f"/properties/{escape_token(name)}"
        if not naming.is_identifier(name):
            raise spec.error(
                pointer,
                f"property name {name!r} is not an identifier "
                "(letters, digits and _, not starting with a digit)",
            )
        if name in naming.GENERATED_METHODS:
            raise spec.error(
                pointer,
                f"property {name!r} clashes with a method of the generated class; "
                "choose another name",
            )
        if name.startswith("__"):
            raise spec.error(
                pointer,
                f"property {name!r} starts with two underscores, which Python mangles "
                "inside a class; choose another name",
            )
        if not isinstance(schema, dict):
            schema = {}
        _check_column_keywords(spec, pointer, schema)
        value_type, effective = self.value_type(spec, schema, pointer, frozenset())
        default = _settled(value_type, schema.get("default"))
        return Field(
            name=name,
            attribute=naming.attribute_name(name, self.taken),
            type=value_type,
            required=required,
            description=schema.get("description"),
            location=spec.at(pointer),
            checks=_checks(effective),
            default=Default(default) if "default" in schema and not required else None,
            sql_default=_settled(value_type, schema.get("x-default", default)),
            on_update_now=schema.get("x-on-update") == "now",
            unique=schema.get("x-unique", False),
            index=schema.get("x-index", False),
            references=_foreign_key(schema),
            renamed_from=schema.get("x-renamed-from"),
            ordered_by=schema.get("x-ordered-by"),
            sql_types=tuple(sorted(schema.get("x-sql-type", {}).items())),
        )

    # Types ---------------------------------------------------------------------------

    def value_type(
        self, spec: SpecFile, schema: dict[str, Any], pointer: str, seen: frozenset[str]
    ) -> tuple[ValueType, dict[str, Any]]:
        """The type a schema describes, and the schema with its `$ref`s merged in."""
        if "$ref" in schema:
            return self._ref_type(spec, schema, pointer, seen)
        nullable_variant = _nullable_variant(schema)
        if nullable_variant is not None:
            index, key = nullable_variant
            inner = schema[key][index]
            kind, effective = self.value_type(
                spec, inner, f"{pointer}/{key}/{index}", seen
            )
            return _with_nullable(kind), {**effective, **_annotations(schema)}
        return self._plain_type(spec, schema, pointer, seen), schema

    def _ref_type(
        self, spec: SpecFile, schema: dict[str, Any], pointer: str, seen: frozenset[str]
    ) -> tuple[ValueType, dict[str, Any]]:
        target, fragment = resolve_ref(
            self.by_name, spec, f"{pointer}/$ref", schema["$ref"]
        )
        key = f"{target.name}#{fragment}"
        if key in seen:
            raise spec.error(
                f"{pointer}/$ref",
                f"$ref {schema['$ref']!r} leads back to itself without reaching "
                "a schema",
            )
        if not fragment:
            title = target.schema["title"]
            kind = Kind.ENUM if is_enum_spec(target.schema) else Kind.ENTITY
            return ValueType(kind, target=title), {}
        merged = {
            **lookup(target, fragment),
            **{k: v for k, v in schema.items() if k != "$ref"},
        }
        return self.value_type(target, merged, pointer, seen | {key})

    def _plain_type(
        self, spec: SpecFile, schema: dict[str, Any], pointer: str, seen: frozenset[str]
    ) -> ValueType:
        declared = schema.get("type")
        types = declared if isinstance(declared, list) else [declared]
        nullable = "null" in types
        concrete = [t for t in types if t not in ("null", None)]
        if len(concrete) != 1:
            return ValueType(Kind.JSON, nullable=nullable or declared is None)
        if concrete[0] == "array":
            items = schema.get("items", {})
            item_type, _ = self.value_type(
                spec, items if isinstance(items, dict) else {}, f"{pointer}/items", seen
            )
            return ValueType(Kind.ARRAY, nullable=nullable, items=item_type)
        if concrete[0] == "string" and "format" in schema:
            return _string_format(spec, schema, pointer, nullable)
        if "x-precision" in schema or "x-scale" in schema:
            raise spec.error(
                pointer,
                'x-precision and x-scale go with "type": "string", "format": "decimal"',
            )
        return ValueType(_TYPE_KINDS[concrete[0]], nullable=nullable)


def _check_enum_spec(spec: SpecFile) -> None:
    schema = spec.schema
    if not schema["enum"]:
        raise spec.error("/enum", "an enum spec needs at least one value")
    if "type" not in schema:
        raise spec.error("", 'an enum spec needs "type": "string"')
    if schema["type"] != "string":
        raise spec.error(
            "/type", f'an enum spec has "type": "string", not {schema["type"]!r}'
        )
    for index, value in enumerate(schema["enum"]):
        if not isinstance(value, str):
            raise spec.error(
                f"/enum/{index}",
                f"enum value {value!r} is not a string; an enum spec holds strings",
            )
    for name in ("x-table", "x-primary-key", "x-indexes"):
        if name in schema:
            raise spec.error(f"/{name}", f"an enum spec cannot have {name}")


def _enum_members(spec: SpecFile, values: list[str]) -> tuple[EnumMember, ...]:
    """One member per value; two values that give one member name are refused."""
    members: dict[str, EnumMember] = {}
    for index, value in enumerate(values):
        name = naming.enum_member_name(value)
        if name in members and members[name].value == value:
            raise spec.error(
                f"/enum/{index}", f"enum value {value!r} is listed twice; keep one"
            )
        if name in members:
            raise spec.error(
                f"/enum/{index}",
                f"enum values {members[name].value!r} and {value!r} both give the "
                f"member name {name!r}; rename one of them",
            )
        members[name] = EnumMember(name, value)
    return tuple(members.values())


def _settled(value_type: ValueType, value: Any) -> Any:
    """Defaults in the form the targets write: JSON Schema counts 1.0 as an integer
    (the Python and SQL defaults hold 1), and RFC 3339 allows a lower-case t and z
    (Python's parser and the databases want upper case)."""
    if value_type.kind is Kind.INTEGER and isinstance(value, float):
        return int(value) if value.is_integer() else value
    if value_type.kind is Kind.DATETIME and isinstance(value, str) and value != "now":
        return value.upper()
    return value


def _string_format(
    spec: SpecFile, schema: dict[str, Any], pointer: str, nullable: bool
) -> ValueType:
    kind = _FORMAT_KINDS[schema["format"]]
    if kind is not Kind.DECIMAL:
        return ValueType(kind, nullable=nullable)
    precision, scale = schema.get("x-precision"), schema.get("x-scale")
    if precision is None or scale is None:
        raise spec.error(
            pointer, 'a "decimal" string needs x-precision and x-scale, like 15 and 2'
        )
    if scale > precision:
        raise spec.error(
            f"{pointer}/x-scale",
            f"x-scale {scale} is larger than x-precision {precision}",
        )
    return ValueType(
        Kind.DECIMAL, nullable=nullable, precision=int(precision), scale=int(scale)
    )


def _nullable_variant(schema: dict[str, Any]) -> tuple[int, str] | None:
    """For `anyOf`/`oneOf` of a schema and `{"type": "null"}`: the schema's index."""
    for key in ("anyOf", "oneOf"):
        options = schema.get(key)
        if (
            isinstance(options, list)
            and len(options) == 2
            and {"type": "null"} in options
        ):
            other = 1 - options.index({"type": "null"})
            if isinstance(options[other], dict):
                return other, key
    return None


def _with_nullable(value_type: ValueType) -> ValueType:
    return ValueType(
        value_type.kind,
        True,
        value_type.target,
        value_type.items,
        value_type.precision,
        value_type.scale,
    )


def _annotations(schema: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in schema.items() if k not in ("anyOf", "oneOf")}


def _checks(schema: dict[str, Any]) -> Checks:
    values = {
        attr: schema[key] for key, attr in _CHECK_KEYWORDS.items() if key in schema
    }
    if "enum" in schema:
        values["enum"] = tuple(schema["enum"])
    if "const" in schema:
        values["const"] = schema["const"]
        values["has_const"] = True
    return Checks(**values)


def _foreign_key(schema: dict[str, Any]) -> ForeignKey | None:
    reference = schema.get("x-references")
    if reference is None:
        return None
    stem, _, column = reference.partition(".")
    return ForeignKey(stem, column, schema.get("x-on-delete"))


_COLUMN_KEYWORDS = ("x-unique", "x-index", "x-references", "x-default", "x-on-update")


def _check_column_keywords(
    spec: SpecFile, pointer: str, schema: dict[str, Any]
) -> None:
    if "x-on-delete" in schema and "x-references" not in schema:
        raise spec.error(
            f"{pointer}/x-on-delete", "x-on-delete needs x-references beside it"
        )
    if "x-table" in spec.schema:
        return
    for name in _COLUMN_KEYWORDS:
        if name in schema:
            raise spec.error(
                f"{pointer}/{name}",
                f"{name} needs a table: {spec.schema['title']} has no x-table, "
                "so its properties are not columns",
            )


def _check_attributes(spec: SpecFile, fields: tuple[Field, ...]) -> None:
    seen: dict[str, str] = {}
    for f in fields:
        if f.attribute in seen:
            raise SpecError(
                f.location,
                f"property {f.name!r} becomes the Python attribute {f.attribute!r}, "
                f"which property {seen[f.attribute]!r} already has",
            )
        seen[f.attribute] = f.name
