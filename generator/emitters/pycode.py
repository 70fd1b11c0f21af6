"""Python expressions for one value, by kind: its type hint, check, conversion, wire
form.

Each table maps a `Kind` to a format string, so the differences between kinds can be
read in one screen; only arrays, enums and entities, which name other things, need code.
"""

from __future__ import annotations

import json
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
# The checked path: how `from_dict` converts a value of each kind while checking it,
# as the converter of `_rt.take`/`_rt.as_array` and its extra arguments.
_CONVERTERS = {
    Kind.STRING: "_rt.as_string",
    Kind.UUID: "_rt.as_string",
    Kind.EMAIL: "_rt.as_string",
    Kind.INTEGER: "_rt.as_integer",
    Kind.NUMBER: "_rt.as_number",
    Kind.BOOLEAN: "_rt.as_boolean",
    Kind.DATETIME: "_rt.as_datetime",
    Kind.DATE: "_rt.as_date",
    Kind.OBJECT: "_rt.as_object",
    Kind.JSON: "_rt.as_json",
    Kind.DECIMAL: "_rt.as_decimal, {type.precision}, {type.scale}",
    Kind.ENUM: "_rt.as_member, {members}, {enum_location}",
    Kind.ENTITY: "{type.target}._from_checked",
    Kind.ARRAY: "_rt.as_array, {items}",
}
# Kinds used as they come, which `_rt` reads with one call of its own (the common case).
_TAKERS = {
    Kind.STRING: "_rt.take_string",
    Kind.UUID: "_rt.take_string",
    Kind.EMAIL: "_rt.take_string",
    Kind.INTEGER: "_rt.take_integer",
    Kind.NUMBER: "_rt.take_number",
    Kind.BOOLEAN: "_rt.take_boolean",
    Kind.OBJECT: "_rt.take_object",
    Kind.JSON: "_rt.take_json",
}
# The fast path: a test that a value of a kind used as it comes is valid ...
_TYPE_TESTS = {
    Kind.STRING: "type({value}) is str",
    Kind.UUID: "type({value}) is str",
    Kind.EMAIL: "type({value}) is str",
    Kind.INTEGER: "type({value}) is int",
    Kind.BOOLEAN: "type({value}) is bool",
}
# ... and, for a kind that is converted, the function converting it or giving INVALID,
# with its extra arguments (also the item functions of arrays).
_VALIDATORS = {
    Kind.STRING: "_rt.valid_string",
    Kind.UUID: "_rt.valid_string",
    Kind.EMAIL: "_rt.valid_string",
    Kind.INTEGER: "_rt.valid_integer",
    Kind.NUMBER: "_rt.valid_number",
    Kind.BOOLEAN: "_rt.valid_boolean",
    Kind.OBJECT: "_rt.valid_object",
    Kind.JSON: "_rt.valid_json",
    Kind.DECIMAL: "_rt.valid_decimal, {type.precision}, {type.scale}",
    Kind.DATETIME: "_rt.valid_datetime",
    Kind.DATE: "_rt.valid_date",
    Kind.ENUM: "_rt.valid_member, {members}",
    Kind.ENTITY: "_rt.valid_entity, {type.target}._from_valid",
    Kind.ARRAY: "_rt.valid_array, {items}",
}
# Conversions from the wire value; a kind that is absent here is used as it comes.
_FROM_WIRE = {
    Kind.DECIMAL: "Decimal({value})",
    # Trusted data was written by `to_dict` (`isoformat`, an upper-case T): the fast
    # standard parser is enough; the checked path also takes RFC 3339's lower case.
    Kind.DATETIME: "datetime_from_iso({value})",
    Kind.DATE: "date_from_iso({value})",
    Kind.ENUM: "{members}[{value}]",
    Kind.ENTITY: "{type.target}.from_trusted_dict({value})",
}
_TO_WIRE = {
    # `z`: a negative zero is written 0.00 (DECIMAL has none, and the sign pattern of
    # the bundled schema would refuse "-0.00").
    Kind.DECIMAL: 'f"{{{value}:z.{type.scale}f}}"',
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


def converter(value_type: ValueType, enum_stems: dict[str, str]) -> str:
    """The converter of a value and its extra arguments, comma-separated."""
    items = ""
    if value_type.items is not None:
        items = converter(value_type.items, enum_stems)
        if value_type.items.nullable:
            items = f"_rt.as_nullable, {items}"
    location = ""
    if value_type.kind is Kind.ENUM:
        assert value_type.target is not None
        location = json.dumps(f"{enum_stems[value_type.target]}.schema.json#")
    return _CONVERTERS[value_type.kind].format(
        type=value_type,
        members=_members(value_type),
        items=items,
        enum_location=location,
    )


def validator(value_type: ValueType) -> str:
    """The fast path's function for a value and its extra arguments, comma-separated."""
    items = ""
    if value_type.items is not None:
        items = validator(value_type.items)
        if value_type.items.nullable:
            items = f"_rt.valid_nullable, {items}"
    return _VALIDATORS[value_type.kind].format(
        type=value_type, members=_members(value_type), items=items
    )


# The fast path converts these inline, with no call of a helper; a date the calendar
# lacks raises ValueError, which the fast path answers with None.
_FAST_CONVERSIONS = {
    Kind.DECIMAL: (
        "Decimal({value}) if type({value}) is str and "
        "{pattern}.fullmatch({value}) else _rt.INVALID"
    ),
    Kind.DATETIME: (
        "datetime_from_iso({value}) if type({value}) is str and "
        "_rt.DATETIME_SHAPE.fullmatch({value}) else _rt.INVALID"
    ),
    Kind.DATE: (
        "date_from_iso({value}) if type({value}) is str and "
        "_rt.DATE_SHAPE.fullmatch({value}) else _rt.INVALID"
    ),
    Kind.ENUM: (
        "{members}.get({value}, _rt.INVALID) if type({value}) is str else _rt.INVALID"
    ),
}


def decimal_pattern_name(value_type: ValueType) -> str:
    """The module constant holding the pattern of DECIMAL(precision, scale)."""
    return f"_DECIMAL_{value_type.precision}_{value_type.scale}"


def fast_conversion(value_type: ValueType, value: str) -> str | None:
    """An inline expression converting `value` or giving INVALID, where there is one."""
    template = _FAST_CONVERSIONS.get(value_type.kind)
    if template is None:
        return None
    return template.format(
        value=value,
        pattern=decimal_pattern_name(value_type),
        members=_members(value_type),
    )


def type_test(value_type: ValueType, value: str) -> str | None:
    """An expression true when `value` (not null, not absent) is valid, for the kinds
    used as they come; None for a kind that needs converting."""
    test = _TYPE_TESTS.get(value_type.kind)
    return None if test is None else test.format(value=value)


def take(value_type: ValueType, enum_stems: dict[str, str]) -> tuple[str, str]:
    """The `_rt` function reading a field, and the converter arguments it needs."""
    if value_type.kind in _TAKERS:
        return _TAKERS[value_type.kind], ""
    return "_rt.take", converter(value_type, enum_stems)


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
        if converted.endswith(f"({item})") and "(" not in converted[: -len(item) - 2]:
            return f"list(map({converted[: -len(item) - 2]}, {value}))"  # one call each
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
