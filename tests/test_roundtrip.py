"""Round trips of every entity, on records drawn from the model (DESIGN.md section 7).

Each property holds for every entity in `specs/`; a new spec is tested without a line
here. Mutated records check the other half: `from_dict` reports every problem, each at
its own place, in one `DecodeError`.
"""

from __future__ import annotations

import copy
import dataclasses
import json
import re
from collections.abc import Iterator
from datetime import datetime
from typing import Any

import dreamvault_models
import pytest
from dreamvault_models import DecodeError, ValidationIssue
from hypothesis import given
from hypothesis import strategies as st
from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry
from referencing.jsonschema import DRAFT202012

from generator.model import Entity, Kind, ValueType
from tests.conftest import SPECS
from tests.strategies import MODEL, Place, instant, order_key, places, records

ENTITIES = [entity.name for entity in MODEL.entities]
PARENTS = [
    entity.name
    for entity in MODEL.entities
    if any(
        f.type.items is not None and f.type.items.kind is Kind.ENTITY
        for f in entity.fields
    )
]
"""Entities with a one-to-many relation (an array of nested entities)."""


def model_class(name: str) -> Any:
    return getattr(dreamvault_models, name)


# Valid records ------------------------------------------------------------------------

_BASE = "https://specs.dreamvault.invalid/"
_REGISTRY: Registry[Any] = Registry().with_resources(
    (
        _BASE + path.name,
        DRAFT202012.create_resource(json.loads(path.read_text("utf-8"))),
    )
    for path in SPECS.glob("*.schema.json")
)


@pytest.mark.parametrize("name", ENTITIES)
@given(data=st.data())
def test_drawn_records_satisfy_the_spec(name: str, data: st.DataObject) -> None:
    """The strategies themselves, against jsonschema as the oracle."""
    wire = data.draw(records(name))
    errors = list(_validator(name).iter_errors(wire))
    assert errors == []


@pytest.mark.parametrize("name", PARENTS)
@given(data=st.data())
def test_drawn_children_follow_their_relation(name: str, data: st.DataObject) -> None:
    """Children carry the parent's key, and an x-ordered-by array is in order."""
    wire = data.draw(records(name))
    assert list(_relation_breaks(MODEL.entity(name), wire)) == []


@pytest.mark.parametrize("name", ENTITIES)
@given(data=st.data())
def test_round_trip_is_exact(name: str, data: st.DataObject) -> None:
    """DESIGN.md section 7: `from_dict(to_dict(x)) == x`, the output is JSON-ready,
    and decimals and instants are exact. One property, so each record is drawn once."""
    cls = model_class(name)
    wire = data.draw(records(name))
    decoded = cls.from_dict(wire)
    written = decoded.to_dict()
    again = cls.from_dict(written)

    assert again == decoded
    assert cls.from_trusted_dict(written) == decoded
    assert json.loads(json.dumps(written, allow_nan=False)) == written
    assert again.to_dict() == written
    assert _badly_scaled_decimals(name, written) == []
    # `==` on aware datetimes compares instants only: the offsets are compared too.
    assert _instants(again) == _instants(decoded)
    sent = _instants_sent(name, wire)
    assert {pointer: _instants(decoded)[pointer] for pointer in sent} == sent


def _validator(name: str) -> Draft202012Validator:
    stem = MODEL.entity(name).stem
    return Draft202012Validator(
        {"$ref": f"{_BASE}{stem}.schema.json"},
        registry=_REGISTRY,
        format_checker=FormatChecker(),
    )


def _relation_breaks(entity: Entity, wire: dict[str, Any]) -> Iterator[str]:
    for field in entity.fields:
        items = field.type.items
        if items is None or items.kind is not Kind.ENTITY or not wire.get(field.name):
            continue
        child = MODEL.entity(str(items.target))
        children = wire[field.name]
        for key in child.fields:
            if key.references is not None and key.references.stem == entity.stem:
                parent_key = wire[key.references.field]
                if any(item[key.name] != parent_key for item in children):
                    yield f"{field.name}: {key.name} is not the parent's key"
        if field.ordered_by is not None:
            order = child.field(field.ordered_by)
            keys = [order_key(order, item) for item in children]
            if keys != sorted(keys):
                yield f"{field.name}: not in {field.ordered_by} order"


def _badly_scaled_decimals(name: str, written: dict[str, Any]) -> list[str]:
    """The decimal strings of `written` without exactly x-scale fraction digits."""
    return [
        p.value
        for p in places(MODEL.entity(name), written)
        if p.value_type.kind is Kind.DECIMAL
        and p.value is not None
        and not _has_scale(p.value, p.value_type)
    ]


def _has_scale(text: str, value_type: ValueType) -> bool:
    fraction = rf"\.[0-9]{{{value_type.scale}}}" if value_type.scale else ""
    return re.fullmatch(rf"-?[0-9]+{fraction}", text) is not None


def _instants_sent(name: str, wire: dict[str, Any]) -> dict[str, tuple[datetime, Any]]:
    """Every date-time of a wire record by its JSON pointer, parsed independently."""
    return {
        p.pointer: (instant(p.value), instant(p.value).utcoffset())
        for p in places(MODEL.entity(name), wire)
        if p.value_type.kind is Kind.DATETIME and p.value is not None
    }


def _instants(instance: Any) -> dict[str, tuple[datetime, Any]]:
    """Every datetime in a decoded instance by its JSON pointer, with its utcoffset."""
    return {
        pointer: (value, value.utcoffset()) for pointer, value in _walk(instance, "")
    }


def _walk(value: Any, pointer: str) -> Iterator[tuple[str, datetime]]:
    if isinstance(value, datetime):
        yield pointer, value
    elif dataclasses.is_dataclass(value):
        for field in dataclasses.fields(value):
            wire_name = _wire_name(type(value).__name__, field.name)
            yield from _walk(getattr(value, field.name), f"{pointer}/{wire_name}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _walk(item, f"{pointer}/{index}")


def _wire_name(entity: str, attribute: str) -> str:
    return next(f.name for f in MODEL.entity(entity).fields if f.attribute == attribute)


# Broken records -----------------------------------------------------------------------

_WRONG = {
    Kind.STRING: 7,
    Kind.UUID: 7,
    Kind.EMAIL: 7,
    Kind.DECIMAL: 12.5,
    Kind.DATETIME: 1704067200,
    Kind.DATE: 20240101,
    Kind.ENUM: 7,
    Kind.INTEGER: "7",
    Kind.NUMBER: "7.5",
    Kind.BOOLEAN: "true",
    Kind.ENTITY: [],
    Kind.OBJECT: [],
    Kind.ARRAY: {},
}
"""A JSON value of the wrong type for each kind (JSON accepts anything: absent here)."""
_UNKNOWN_KEY = "not_in_the_spec"


@dataclasses.dataclass(frozen=True)
class Mutation:
    """One change that makes a record invalid, and the issue it must produce."""

    action: str
    """"remove" a required key, "retype" a value, or add an "unknown" key."""
    place: str
    """JSON pointer of the value changed (for "unknown", of the object it goes in)."""
    pointer: str
    keyword: str
    needle: str = ""
    """Text the issue's message must hold (the missing key's name)."""
    wrong: Any = None
    """The value put in place by "retype"."""


def mutations(name: str, wire: dict[str, Any]) -> list[Mutation]:
    """Every single change to `wire` that `from_dict` must refuse."""
    entity = MODEL.entity(name)
    found = [] if entity.additional_properties else [_unknown("")]
    for place in places(entity, wire):
        found += _mutations_at(place)
    return found


def _mutations_at(place: Place) -> list[Mutation]:
    found = []
    kind = place.value_type.kind
    if place.required and place.present:
        found.append(
            Mutation(
                "remove",
                place.pointer,
                place.parent,
                "required",
                needle=repr(place.key),
            )
        )
    if kind in _WRONG:
        keyword = "enum" if kind is Kind.ENUM else "type"
        found.append(
            Mutation(
                "retype", place.pointer, place.pointer, keyword, wrong=_WRONG[kind]
            )
        )
    if kind is Kind.ENTITY and place.value is not None and _closed(place.value_type):
        found.append(_unknown(place.pointer))
    return found


def _unknown(pointer: str) -> Mutation:
    return Mutation(
        "unknown", pointer, f"{pointer}/{_UNKNOWN_KEY}", "additionalProperties"
    )


def _closed(value_type: ValueType) -> bool:
    assert value_type.target is not None
    return not MODEL.entity(value_type.target).additional_properties


def independent(chosen: list[Mutation]) -> list[Mutation]:
    """Drop each mutation inside a value that another one removes or replaces."""
    hiders = [m.place for m in chosen if m.action != "unknown"]
    return [m for m in chosen if not any(m.place.startswith(h + "/") for h in hiders)]


def apply(wire: dict[str, Any], chosen: list[Mutation]) -> dict[str, Any]:
    broken = copy.deepcopy(wire)
    for mutation in chosen:
        if mutation.action == "unknown":
            _resolve(broken, mutation.place)[_UNKNOWN_KEY] = True
            continue
        parent_pointer, _, token = mutation.place.rpartition("/")
        parent = _resolve(broken, parent_pointer)
        key: Any = int(token) if isinstance(parent, list) else token
        if mutation.action == "remove":
            del parent[key]
        else:
            parent[key] = mutation.wrong
    return broken


def _resolve(document: Any, pointer: str) -> Any:
    for token in pointer.split("/")[1:]:
        document = document[int(token) if isinstance(document, list) else token]
    return document


def matches(issue: ValidationIssue, mutation: Mutation) -> bool:
    return (
        issue.pointer == mutation.pointer
        and issue.keyword == mutation.keyword
        and mutation.needle in issue.message
    )


def reported(error: DecodeError, mutation: Mutation) -> bool:
    return any(matches(issue, mutation) for issue in error.issues)


@pytest.mark.parametrize("name", ENTITIES)
@given(data=st.data())
def test_one_mutation_is_reported_at_its_place(name: str, data: st.DataObject) -> None:
    wire = data.draw(records(name))
    mutation = data.draw(st.sampled_from(mutations(name, wire)))
    with pytest.raises(DecodeError) as caught:
        model_class(name).from_dict(apply(wire, [mutation]))
    assert [matches(i, mutation) for i in caught.value.issues] == [True], caught.value


@pytest.mark.parametrize("name", ENTITIES)
@given(data=st.data())
def test_every_mutation_is_reported_in_one_exception(
    name: str, data: st.DataObject
) -> None:
    wire = data.draw(records(name))
    candidates = mutations(name, wire)
    chosen = independent(
        data.draw(
            st.lists(
                st.sampled_from(candidates),
                min_size=2,
                max_size=6,
                unique_by=lambda m: m.place,
            )
        )
    )
    with pytest.raises(DecodeError) as caught:
        model_class(name).from_dict(apply(wire, chosen))
    missed = [m for m in chosen if not reported(caught.value, m)]
    assert missed == [], caught.value
    assert len(caught.value.issues) == len(chosen), caught.value
