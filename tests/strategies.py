"""Hypothesis strategies for valid wire records, built from the intermediate model.

Nothing here names an entity: each field's strategy follows its `ValueType` and
`Checks`, so a new spec is covered the day it is written. The relation rules of
DESIGN.md section 3 are applied after drawing: nested children carry their parent's key
in their foreign key, and an `x-ordered-by` array is sorted by that property (ties
allowed).

`places` walks a wire record alongside the model, for tests that inspect or break one.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal
from typing import Any

from hypothesis import strategies as st
from hypothesis.provisional import domains

from generator.model import Checks, Entity, EnumType, Field, Kind, Model, ValueType
from generator.patterns import to_python
from generator.pipeline import load_model
from tests.conftest import ROOT, SPECS

MODEL = load_model(SPECS, ROOT)
"""The repository's specs, as every emitter sees them."""

Strategy = st.SearchStrategy[Any]

_JSON_SCALARS: Strategy = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text()
)
JSON_VALUES: Strategy = st.recursive(
    _JSON_SCALARS,
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=4,
)
"""Any JSON value, nested objects and arrays included."""
JSON_OBJECTS: Strategy = st.dictionaries(st.text(max_size=8), JSON_VALUES, max_size=3)
"""A free-form JSON object."""

_LOCAL_PART = r"[A-Za-z0-9_%+-]{1,20}(\.[A-Za-z0-9_%+-]{1,20}){0,2}"
_NO_CHECKS = Checks()
_ARRAY_SIZE = 3
"""Extra items an array may hold beyond its minItems, to keep records small."""


def records(entity_name: str, model: Model = MODEL) -> Strategy:
    """Valid wire dicts for one entity: each field absent (if optional), null (if
    nullable) or present, nested entities and arrays included."""
    builder = _RECORDS if model is MODEL else _Records(model)
    return builder.entity(entity_name)


def rfc3339_texts() -> Strategy:
    """RFC 3339 date-times as the runtime accepts them: an offset (`Z`, `z`, `+hh:mm`,
    `-hh:mm`), zero to six fraction digits, and sometimes a lower-case `t`."""
    return st.builds(
        _rfc3339,
        st.datetimes(),
        st.sampled_from("Tt"),
        st.integers(0, 6).flatmap(
            lambda n: st.text("0123456789", min_size=n, max_size=n)
        ),
        st.sampled_from(["Z", "z"])
        | st.builds(_offset, st.booleans(), st.integers(0, 23), st.integers(0, 59)),
    )


def _rfc3339(moment: datetime, separator: str, fraction: str, offset: str) -> str:
    fraction = f".{fraction}" if fraction else ""
    clock = moment.strftime("%H:%M:%S")
    return f"{moment.date().isoformat()}{separator}{clock}{fraction}{offset}"


def _offset(west: bool, hours: int, minutes: int) -> str:
    return f"{'-' if west else '+'}{hours:02d}:{minutes:02d}"


def emails(max_length: int | None) -> Strategy:
    """Plausible addresses (`jane.doe+tag@example.com`), not every RFC 5322 oddity."""
    room = 255 if max_length is None else max_length
    return st.builds(
        "{}@{}".format,
        st.from_regex(_LOCAL_PART, fullmatch=True),
        domains(max_length=max(4, min(room - 63, 255))),
    ).filter(lambda text: len(text) <= room)


def instant(text: str) -> datetime:
    """The aware datetime of RFC 3339 text, parsed here independently of the runtime."""
    return datetime.fromisoformat(text.upper())


@dataclass(frozen=True)
class Place:
    """One field or array item of a wire record, as the model describes it."""

    pointer: str
    value_type: ValueType
    required: bool
    """A required property (an array item never is)."""
    present: bool
    value: Any = None

    @property
    def parent(self) -> str:
        return self.pointer.rpartition("/")[0]

    @property
    def key(self) -> str:
        return self.pointer.rpartition("/")[2]


def places(
    entity: Entity, record: dict[str, Any], model: Model = MODEL
) -> Iterator[Place]:
    """Every field of `record` (absent ones too) and every array item, depth first,
    descending into nested entities; free-form JSON is not entered."""
    yield from _entity_places(model, entity, record, "")


def _entity_places(
    model: Model, entity: Entity, record: dict[str, Any], pointer: str
) -> Iterator[Place]:
    for field in entity.fields:
        present = field.name in record
        value = record.get(field.name)
        here = f"{pointer}/{field.name}"
        yield Place(here, field.type, field.required, present, value)
        if present:
            yield from _value_places(model, field.type, value, here)


def _value_places(
    model: Model, value_type: ValueType, value: Any, pointer: str
) -> Iterator[Place]:
    if value is None:
        return
    if value_type.kind is Kind.ENTITY:
        assert value_type.target is not None
        yield from _entity_places(
            model, model.entity(value_type.target), value, pointer
        )
    elif value_type.kind is Kind.ARRAY:
        assert value_type.items is not None
        for index, item in enumerate(value):
            here = f"{pointer}/{index}"
            yield Place(here, value_type.items, False, True, item)
            yield from _value_places(model, value_type.items, item, here)


class _Records:
    """Strategies for one model, one per entity, built once (deferred, for trees)."""

    def __init__(self, model: Model) -> None:
        self.model = model
        self.cache: dict[str, Strategy] = {}
        self.kinds: dict[Kind, Callable[[ValueType, Checks], Strategy]] = {
            Kind.STRING: lambda _, checks: _strings(checks),
            Kind.UUID: lambda _, __: st.uuids().map(str),
            Kind.EMAIL: lambda _, checks: emails(checks.max_length),
            Kind.INTEGER: lambda _, checks: _integers(checks),
            Kind.NUMBER: lambda _, checks: _floats(checks),
            Kind.BOOLEAN: lambda _, __: st.booleans(),
            Kind.DECIMAL: _decimals,
            Kind.DATETIME: lambda _, __: rfc3339_texts(),
            Kind.DATE: lambda _, __: st.dates().map(date.isoformat),
            Kind.ENUM: self._enum,
            Kind.ENTITY: lambda value_type, _: self.entity(_target(value_type)),
            Kind.OBJECT: lambda _, __: JSON_OBJECTS,
            Kind.ARRAY: self._array,
            Kind.JSON: lambda _, __: JSON_VALUES,
        }

    def entity(self, name: str) -> Strategy:
        if name not in self.cache:
            self.cache[name] = st.deferred(lambda: self._build(self.model.entity(name)))
        return self.cache[name]

    def _build(self, entity: Entity) -> Strategy:
        required = {f.name: self.field(f) for f in entity.fields if f.required}
        optional = {f.name: self.field(f) for f in entity.fields if not f.required}
        drawn = st.fixed_dictionaries(required, optional=optional)
        return drawn.map(lambda record: _relate(self.model, entity, record))

    def field(self, field: Field) -> Strategy:
        return self.value(field.type, field.checks)

    def value(self, value_type: ValueType, checks: Checks = _NO_CHECKS) -> Strategy:
        present = self._present(value_type, checks)
        return st.none() | present if value_type.nullable else present

    def _present(self, value_type: ValueType, checks: Checks) -> Strategy:
        if checks.has_const:
            return st.just(checks.const)
        if checks.enum is not None:
            return st.sampled_from([v for v in checks.enum if v is not None])
        return self.kinds[value_type.kind](value_type, checks)

    def _enum(self, value_type: ValueType, _: Checks) -> Strategy:
        enum = self.model.lookup(_target(value_type))
        assert isinstance(enum, EnumType)
        return st.sampled_from([m.value for m in enum.members])

    def _array(self, value_type: ValueType, checks: Checks) -> Strategy:
        assert value_type.items is not None
        low = checks.min_items or 0
        high = checks.max_items if checks.max_items is not None else low + _ARRAY_SIZE
        unique = _json_key if checks.unique_items else None
        return st.lists(
            self.value(value_type.items), min_size=low, max_size=high, unique_by=unique
        )


def _target(value_type: ValueType) -> str:
    assert value_type.target is not None
    return value_type.target


def _json_key(value: Any) -> str:
    return json.dumps(value, sort_keys=True)


# Scalars ------------------------------------------------------------------------------


def _strings(checks: Checks) -> Strategy:
    low, high = checks.min_length or 0, checks.max_length
    if checks.pattern is None:
        return st.text(min_size=low, max_size=high)
    # Drawn from Python's reading of the spec's text (hypothesis cannot draw from the
    # look-arounds of `to_python`), kept if it matches as ECMA-262 reads it: Python's
    # reading also draws a "\r" for a `.`.
    ours = re.compile(to_python(checks.pattern)).search
    matching = st.from_regex(checks.pattern, fullmatch=True).filter(ours)
    return matching.filter(lambda s: low <= len(s) and (high is None or len(s) <= high))


def _integers(checks: Checks) -> Strategy:
    low = _tightest(
        max,
        None if checks.minimum is None else math.ceil(checks.minimum),
        None
        if checks.exclusive_minimum is None
        else math.floor(checks.exclusive_minimum) + 1,
    )
    high = _tightest(
        min,
        None if checks.maximum is None else math.floor(checks.maximum),
        None
        if checks.exclusive_maximum is None
        else math.ceil(checks.exclusive_maximum) - 1,
    )
    step = checks.multiple_of
    if step is None:
        return st.integers(low, high)
    assert isinstance(step, int), "multipleOf on an integer must be an integer here"
    first = None if low is None else -(-low // step)
    last = None if high is None else high // step
    return st.integers(first, last).map(lambda k: k * step)


def _tightest(pick: Callable[..., int], *bounds: int | None) -> int | None:
    found = [b for b in bounds if b is not None]
    return pick(found) if found else None


def _floats(checks: Checks) -> Strategy:
    assert checks.multiple_of is None, "multipleOf on a number is not generated here"
    low, exclude_low = _float_bound(checks.minimum, checks.exclusive_minimum, max)
    high, exclude_high = _float_bound(checks.maximum, checks.exclusive_maximum, min)
    return st.floats(
        low,
        high,
        allow_nan=False,
        allow_infinity=False,
        exclude_min=exclude_low,
        exclude_max=exclude_high,
    )


def _float_bound(
    inclusive: Any, exclusive: Any, pick: Callable[..., Any]
) -> tuple[float | None, bool]:
    """The tighter of two bounds, and whether it is the exclusive one."""
    if exclusive is None:
        return (None if inclusive is None else float(inclusive)), False
    if inclusive is None or pick(inclusive, exclusive) == exclusive:
        return float(exclusive), True
    return float(inclusive), False


# Decimals -----------------------------------------------------------------------------


def _decimals(value_type: ValueType, checks: Checks) -> Strategy:
    """Decimal strings within precision, scale and bounds, with 0 to scale fraction
    digits, sometimes with leading zeros or a negative zero (both valid wire text)."""
    assert value_type.precision is not None and value_type.scale is not None
    ranges = [
        (
            places,
            *_decimal_range(value_type.precision, places, value_type.scale, checks),
        )
        for places in range(value_type.scale + 1)
    ]
    return st.one_of(
        st.builds(
            _spell_decimal,
            st.decimals(low, high, places=places),
            st.sampled_from(["", "0", "00"]),
            st.booleans(),
        )
        for places, low, high in ranges
        if low <= high
    )


def _decimal_range(
    precision: int, places: int, scale: int, checks: Checks
) -> tuple[Decimal, Decimal]:
    """The lowest and highest value with `places` fraction digits that fit the column
    and satisfy the spec's bounds."""
    step = Decimal(1).scaleb(-places)
    largest = Decimal(10) ** (precision - scale) - step
    low, high = -largest, largest
    if checks.minimum is not None:
        low = max(low, _on_step(checks.minimum, step, ROUND_CEILING))
    if checks.exclusive_minimum is not None:
        above = _on_step(checks.exclusive_minimum, step, ROUND_CEILING)
        low = max(
            low,
            above + step if above == Decimal(str(checks.exclusive_minimum)) else above,
        )
    if checks.maximum is not None:
        high = min(high, _on_step(checks.maximum, step, ROUND_FLOOR))
    if checks.exclusive_maximum is not None:
        below = _on_step(checks.exclusive_maximum, step, ROUND_FLOOR)
        high = min(
            high,
            below - step if below == Decimal(str(checks.exclusive_maximum)) else below,
        )
    return low, high


def _on_step(bound: Any, step: Decimal, rounding: str) -> Decimal:
    return Decimal(str(bound)).quantize(step, rounding=rounding)


def _spell_decimal(value: Decimal, zeros: str, signed_zero: bool) -> str:
    text = f"{value:f}"
    sign = "-" if text.startswith("-") or (signed_zero and value.is_zero()) else ""
    return sign + zeros + text.lstrip("-")


# Relations ----------------------------------------------------------------------------


def _relate(model: Model, entity: Entity, record: dict[str, Any]) -> dict[str, Any]:
    """Give nested children the parent's key, and sort `x-ordered-by` arrays."""
    for field in entity.fields:
        children = record.get(field.name)
        items = field.type.items
        if children is None or items is None or items.kind is not Kind.ENTITY:
            continue
        child = model.entity(_target(items))
        for key in _keys_to(child, entity):
            assert key.references is not None
            if key.references.field in record:
                for item in children:
                    item[key.name] = record[key.references.field]
        if field.ordered_by is not None:
            order = child.field(field.ordered_by)
            record[field.name] = sorted(children, key=lambda c: order_key(order, c))
    return record


def _keys_to(child: Entity, parent: Entity) -> list[Field]:
    """The child's foreign keys that point at `parent`."""
    return [
        f
        for f in child.fields
        if f.references is not None and f.references.stem == parent.stem
    ]


def order_key(field: Field, record: dict[str, Any]) -> Any:
    value = record[field.name]
    if field.type.kind is Kind.DATETIME:
        return instant(value)
    if field.type.kind is Kind.DATE:
        return date.fromisoformat(value)
    if field.type.kind is Kind.DECIMAL:
        return Decimal(value)
    return value


_RECORDS = _Records(MODEL)
"""Built once, so that hypothesis sees the same strategy objects on every draw."""
