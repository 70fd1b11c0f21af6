"""The intermediate model: what the specs mean, with every JSON Schema quirk settled.

The loader builds it once; every emitter reads only this. All classes are frozen, so an
emitter cannot change what another one sees.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from generator.errors import Location
from generator.schema import SchemaSet


class Kind(Enum):
    """What a value is, as the targets need to know it."""

    STRING = "string"
    INTEGER = "integer"
    NUMBER = "number"
    BOOLEAN = "boolean"
    DECIMAL = "decimal"
    DATETIME = "date-time"
    DATE = "date"
    UUID = "uuid"
    EMAIL = "email"
    ENUM = "enum"
    ENTITY = "entity"
    OBJECT = "object"
    ARRAY = "array"
    JSON = "json"


@dataclass(frozen=True)
class ValueType:
    """The type of a field or array item.

    `target` names the enum or entity (by title) for ENUM and ENTITY; `items` is the
    item type of an ARRAY. OBJECT is a free-form JSON object (also an inline object
    schema, which the Python target does not model as a class); JSON is any JSON value,
    for combinations and untyped schemas.
    """

    kind: Kind
    nullable: bool = False
    target: str | None = None
    items: ValueType | None = None
    precision: int | None = None
    scale: int | None = None


@dataclass(frozen=True)
class Checks:
    """The assertions of one field that targets other than the validators also use."""

    enum: tuple[Any, ...] | None = None
    const: Any = None
    has_const: bool = False
    min_length: int | None = None
    max_length: int | None = None
    minimum: int | float | str | None = None
    exclusive_minimum: int | float | str | None = None
    maximum: int | float | str | None = None
    exclusive_maximum: int | float | str | None = None
    multiple_of: int | float | None = None
    pattern: str | None = None
    min_items: int | None = None
    max_items: int | None = None
    unique_items: bool = False


@dataclass(frozen=True)
class ForeignKey:
    """`x-references`: this field holds `field` of the entity in spec file `stem`."""

    stem: str
    field: str
    on_delete: str | None


@dataclass(frozen=True)
class Default:
    """A JSON Schema `default` (applied by `from_dict`), as its wire value."""

    value: Any


@dataclass(frozen=True)
class Field:
    """One property of an entity."""

    name: str
    attribute: str
    type: ValueType
    required: bool
    description: str | None
    location: Location
    checks: Checks = Checks()
    default: Default | None = None
    sql_default: Any = None
    on_update_now: bool = False
    unique: bool = False
    index: bool = False
    references: ForeignKey | None = None
    renamed_from: str | None = None
    ordered_by: str | None = None
    sql_types: tuple[tuple[str, str], ...] = ()

    @property
    def nullable(self) -> bool:
        return self.type.nullable

    @property
    def has_unset(self) -> bool:
        """Whether the Python attribute can hold UNSET (optional without a default)."""
        return not self.required and self.default is None


@dataclass(frozen=True)
class Index:
    """An `x-indexes` entry."""

    columns: tuple[str, ...]
    unique: bool


@dataclass(frozen=True)
class Entity:
    """An object spec: a table when `table` is set, otherwise a value type."""

    name: str
    stem: str
    description: str | None
    fields: tuple[Field, ...]
    table: str | None
    primary_key: tuple[str, ...]
    indexes: tuple[Index, ...]
    additional_properties: bool
    renamed_from: str | None
    location: Location
    source_hash: str

    def field(self, name: str) -> Field:
        return next(f for f in self.fields if f.name == name)


@dataclass(frozen=True)
class EnumMember:
    name: str
    value: str


@dataclass(frozen=True)
class EnumType:
    """A string enum spec."""

    name: str
    stem: str
    description: str | None
    members: tuple[EnumMember, ...]
    location: Location
    source_hash: str


@dataclass(frozen=True)
class Behaviour:
    """A hand-written mixin, `specs/behaviour/<stem>.py`, for the entity of the stem."""

    stem: str
    class_name: str
    source: str
    source_hash: str


@dataclass(frozen=True)
class Model:
    """Every spec, sorted by stem so that output never depends on listing order."""

    entities: tuple[Entity, ...]
    enums: tuple[EnumType, ...]
    behaviours: tuple[Behaviour, ...] = ()
    schemas: SchemaSet = field(default_factory=SchemaSet, compare=False)
    """The assertion tree of every spec; an entity's root is `tree_key(entity)`."""
    _by_name: dict[str, Entity | EnumType] = field(
        default_factory=dict, compare=False, repr=False
    )

    def __post_init__(self) -> None:
        items: tuple[Entity | EnumType, ...] = (*self.entities, *self.enums)
        for item in items:
            self._by_name[item.name] = item

    def lookup(self, name: str) -> Entity | EnumType:
        return self._by_name[name]

    def entity(self, name: str) -> Entity:
        item = self._by_name[name]
        assert isinstance(item, Entity)
        return item

    def by_stem(self, stem: str) -> Entity | None:
        return next((e for e in self.entities if e.stem == stem), None)

    @staticmethod
    def tree_key(spec: Entity | EnumType) -> str:
        """The key of a spec's root node in `schemas`."""
        return f"{spec.stem}.schema.json#"

    def behaviour(self, stem: str) -> Behaviour | None:
        return next((b for b in self.behaviours if b.stem == stem), None)
