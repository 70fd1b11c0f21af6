"""Python expressions for one value, by kind: its type hint, check, conversion, wire
form.

Each table maps a `Kind` to a format string, so the differences between kinds can be
read in one screen; only arrays, enums and entities, which name other things, need code.
"""

from __future__ import annotations

from typing import Any

from generator.model import Kind, ValueType
from generator.naming import constant_name

_HINTS = {
    Kind.STRING: "str",
    Kind.UUID: "str",
    Kind.EMAIL: "str",
    Kind.INTEGER: "int",
    Kind.NUMBER: "float",
    Kind.BOOLEAN: "bool",
    Kind.DECIMAL: "Decimal",
    Kind.DATETIME: "datetime",
    Kind.DATE: "date",
    Kind.OBJECT: "dict[str, Any]",
    Kind.JSON: "Any",
}
_CHECKS = {
    Kind.STRING: "_rt.check_string",
    Kind.UUID: "_rt.check_string",
    Kind.EMAIL: "_rt.check_string",
    Kind.INTEGER: "_rt.check_integer",
    Kind.NUMBER: "_rt.check_number",
    Kind.BOOLEAN: "_rt.check_boolean",
    Kind.DATETIME: "_rt.check_datetime",
    Kind.DATE: "_rt.check_date",
    Kind.OBJECT: "_rt.check_json_object",
    Kind.JSON: "_rt.check_json",
    Kind.DECIMAL: "_rt.check_decimal, {type.precision}, {type.scale}",
    Kind.ENUM: "_rt.check_member, {members}",
    Kind.ENTITY: "{type.target}._check_dict",
    Kind.ARRAY: "_rt.check_array, {items}",
}
# Conversions from the wire value; a kind that is absent here is used as it comes.
_FROM_WIRE = {
    Kind.DECIMAL: "Decimal({value})",
    Kind.DATETIME: "_rt.parse_datetime({value})",
    Kind.DATE: "date.fromisoformat({value})",
    Kind.ENUM: "{members}[{value}]",
    Kind.ENTITY: "{type.target}.from_trusted_dict({value})",
}
_TO_WIRE = {
    Kind.DECIMAL: "_rt.decimal_text({value}, {type.scale})",
    Kind.DATETIME: "{value}.isoformat()",
    Kind.DATE: "{value}.isoformat()",
    Kind.ENUM: "{value}._value_",
    Kind.ENTITY: "{value}.to_dict()",
}


def members_name(enum_title: str) -> str:
    """The module constant mapping each enum value to its member."""
    return f"{constant_name(enum_title)}_BY_VALUE"


def hint(value_type: ValueType) -> str:
    """The type hint of a value, without `| None` for nullability."""
    if value_type.kind is Kind.ARRAY:
        assert value_type.items is not None
        return f"list[{nullable_hint(value_type.items)}]"
    if value_type.kind in (Kind.ENUM, Kind.ENTITY):
        assert value_type.target is not None
        return value_type.target
    return _HINTS[value_type.kind]


def nullable_hint(value_type: ValueType) -> str:
    text = hint(value_type)
    return f"{text} | None" if value_type.nullable else text


def check_arguments(value_type: ValueType) -> str:
    """The checker and its extra arguments, as `check_field` and `check_array` want."""
    items = ""
    if value_type.items is not None:
        items = check_arguments(value_type.items)
        if value_type.items.nullable:
            items = f"_rt.check_nullable, {items}"
    return _CHECKS[value_type.kind].format(
        type=value_type, members=_members(value_type), items=items
    )


def from_wire(value_type: ValueType, value: str, depth: int = 0) -> str:
    """An expression converting the wire value `value` (not null) to Python."""
    if value_type.kind is Kind.ARRAY:
        assert value_type.items is not None
        item = f"item{depth}" if depth else "item"
        converted = _nullable_wrap(
            value_type.items, item, from_wire(value_type.items, item, depth + 1)
        )
        if converted == item:
            return f"list({value})"
        return f"[{converted} for {item} in {value}]"
    template = _FROM_WIRE.get(value_type.kind, "{value}")
    return template.format(value=value, type=value_type, members=_members(value_type))


def to_wire(value_type: ValueType, value: str, depth: int = 0) -> str:
    """An expression converting the Python value `value` (not None) to its wire form."""
    if value_type.kind is Kind.ARRAY:
        assert value_type.items is not None
        item = f"item{depth}" if depth else "item"
        converted = _nullable_wrap(
            value_type.items, item, to_wire(value_type.items, item, depth + 1)
        )
        if converted == item:
            return f"list({value})"
        return f"[{converted} for {item} in {value}]"
    template = _TO_WIRE.get(value_type.kind, "{value}")
    return template.format(value=value, type=value_type)


def is_identity(value_type: ValueType) -> bool:
    """Whether the wire value is used as it comes (no conversion, no copy)."""
    return value_type.kind not in _FROM_WIRE and value_type.kind is not Kind.ARRAY


def _nullable_wrap(value_type: ValueType, value: str, converted: str) -> str:
    if value_type.nullable and converted != value:
        return f"None if {value} is None else {converted}"
    return converted


def _members(value_type: ValueType) -> str:
    if value_type.kind is not Kind.ENUM:
        return ""
    assert value_type.target is not None
    return members_name(value_type.target)


def literal(value: Any) -> str:
    """A Python literal for a JSON value; `ascii` escapes every string safely.

    `ascii` rather than `repr`: a non-ASCII character is written as its escape, so no
    look-alike character (which ruff flags) reaches the generated code.
    """
    if isinstance(value, dict):
        pairs = ", ".join(f"{literal(k)}: {literal(v)}" for k, v in value.items())
        return f"{{{pairs}}}"
    if isinstance(value, list):
        return f"[{', '.join(literal(v) for v in value)}]"
    text = ascii(value)
    if isinstance(value, str) and text.startswith("'") and '"' not in value:
        # ascii chose single quotes because the text holds no quote at all: the same
        # escapes are valid between double quotes, the project's quote style.
        return f'"{text[1:-1]}"'
    return text
