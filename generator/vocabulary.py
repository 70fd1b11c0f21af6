"""Which keywords a spec may use, and where (DESIGN.md section 3).

Draft 2020-12 itself ignores keywords it does not know, so a typo such as `maxLenght`
would silently drop a rule. Here every keyword outside the supported lists is refused,
and each `x-` keyword only where it means something.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator
from typing import Any

from generator.jsonsource import escape_token
from generator.patterns import problem as pattern_problem

ASSERTIONS = [
    "type",
    "enum",
    "const",
    "format",
    "minLength",
    "maxLength",
    "minimum",
    "exclusiveMinimum",
    "maximum",
    "exclusiveMaximum",
    "multipleOf",
    "pattern",
    "required",
    "properties",
    "additionalProperties",
    "items",
    "minItems",
    "maxItems",
    "uniqueItems",
    "allOf",
    "anyOf",
    "oneOf",
    "$ref",
]
ANNOTATIONS = [
    "$schema",
    "$id",
    "$defs",
    "$comment",
    "title",
    "description",
    "default",
    "examples",
    "deprecated",
]
ENTITY_EXTENSIONS = ("x-table", "x-primary-key", "x-indexes", "x-renamed-from")
PROPERTY_EXTENSIONS = [
    "x-unique",
    "x-index",
    "x-references",
    "x-on-delete",
    "x-renamed-from",
    "x-default",
    "x-on-update",
    "x-precision",
    "x-scale",
    "x-ordered-by",
    "x-sql-type",
]
# Type details that may stand in any schema, e.g. a decimal defined once in $defs.
ANYWHERE_EXTENSIONS = ("x-precision", "x-scale")
EXTENSIONS = frozenset((*ENTITY_EXTENSIONS, *PROPERTY_EXTENSIONS))
FORMATS = ("date", "date-time", "decimal", "email", "uuid")

_SCHEMA_MAPS = ("properties", "$defs")
_SCHEMA_LISTS = ("allOf", "anyOf", "oneOf")
_SCHEMA_VALUES = ("items", "additionalProperties")


def keyword_problems(spec: Any) -> Iterator[tuple[str, str]]:
    """Yield (JSON pointer, message) for each keyword that may not stand where it is."""
    yield from _walk(spec, "", "root")


def _walk(schema: Any, pointer: str, place: str) -> Iterator[tuple[str, str]]:
    if not isinstance(schema, dict):
        return
    allowed_x = _extensions_for(place)
    for key in schema:
        where = f"{pointer}/{escape_token(key)}"
        if key.startswith("x-"):
            if key not in EXTENSIONS:
                yield where, _unknown_extension(key)
            elif key not in allowed_x:
                yield where, _misplaced_extension(key)
        elif key not in ASSERTIONS and key not in ANNOTATIONS:
            yield where, _unknown_keyword(key)
    if isinstance(schema.get("format"), str) and schema["format"] not in FORMATS:
        yield (
            f"{pointer}/format",
            (
                f"unknown format {schema['format']!r}; expected one of "
                + ", ".join(repr(f) for f in FORMATS)
            ),
        )
    if isinstance(schema.get("pattern"), str):
        problem = pattern_problem(schema["pattern"])
        if problem is not None:
            yield f"{pointer}/pattern", problem
    yield from _children(schema, pointer, place)


def _children(
    schema: dict[str, Any], pointer: str, place: str
) -> Iterator[tuple[str, str]]:
    for key in _SCHEMA_MAPS:
        for name, sub in _mapping(schema.get(key)):
            child_place = (
                "property" if key == "properties" and place == "root" else "nested"
            )
            yield from _walk(sub, f"{pointer}/{key}/{escape_token(name)}", child_place)
    for key in _SCHEMA_LISTS:
        items = schema.get(key)
        for index, sub in enumerate(items if isinstance(items, list) else ()):
            yield from _walk(sub, f"{pointer}/{key}/{index}", "nested")
    for key in _SCHEMA_VALUES:
        yield from _walk(schema.get(key), f"{pointer}/{key}", "nested")


def _mapping(value: Any) -> list[tuple[str, Any]]:
    return list(value.items()) if isinstance(value, dict) else []


def _extensions_for(place: str) -> tuple[str, ...]:
    if place == "root":
        return ENTITY_EXTENSIONS
    if place == "property":
        return tuple(PROPERTY_EXTENSIONS)
    return ANYWHERE_EXTENSIONS


def _unknown_keyword(key: str) -> str:
    guess = _close_match(key, (*ASSERTIONS, *ANNOTATIONS))
    if guess is not None:
        return f"unknown keyword {key!r}; did you mean {guess!r}?"
    return (
        f"unknown keyword {key!r}; supported keywords are listed in DESIGN.md "
        "section 3 (an x- prefix marks an extension)"
    )


def _unknown_extension(key: str) -> str:
    guess = _close_match(key, EXTENSIONS)
    if guess is not None:
        return f"unknown extension keyword {key!r}; did you mean {guess!r}?"
    return f"unknown extension keyword {key!r}; expected one of " + ", ".join(
        sorted(EXTENSIONS)
    )


def _close_match(key: str, known: Iterable[str]) -> str | None:
    """The one known keyword `key` is most likely a misspelling of, if any."""
    matches = difflib.get_close_matches(key, sorted(known), n=1, cutoff=0.8)
    return matches[0] if matches else None


def _misplaced_extension(key: str) -> str:
    if key in ENTITY_EXTENSIONS and key not in PROPERTY_EXTENSIONS:
        return f"{key!r} belongs at the top level of a spec, not inside a property"
    return f"{key!r} belongs on a property of the spec (under /properties/<name>)"
