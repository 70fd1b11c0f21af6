"""The bundled JSON Schema target: `jsonschema/<stem>.schema.json` per object spec.

Each file is one self-contained draft 2020-12 schema for tools other than ours, built
from the assertion tree: every spec it refers to stands in `$defs` under its title
(`#/$defs/Stock`), an enum spec is inlined where it is used, a `$ref` back to the
bundled spec itself is `#`, and no `x-` keyword is left.

What plain JSON Schema cannot say is expressed another way or noted (DESIGN.md section
4). An exact decimal loses `"format": "decimal"` (unknown to other tools) and its
numeric bounds (which JSON Schema applies to numbers only): its precision, its scale and
a sign bound (a bound of 0: `>= 0`, `> 0`, `<= 0`, `< 0`) become a `pattern`; every
other bound becomes a pattern of its own (`bound_pattern`, in `allOf` beside the first),
and `multipleOf`, which no short pattern states, is named in a `$comment` on that
schema, as are the array rules of `x-ordered-by` and of nested table rows (the parent
key). Bounds beside a decimal that a schema refers to (through `$ref` or `allOf`) go
the same way.

The decimal patterns keep to the subset of ECMA 262 that JSON Schema recommends to
tools (json-schema.org, "Understanding JSON Schema", Regular Expressions): no `(?:`, no
`\\d`. They end in `$(?!\\n)`, because Python's `$` (which jsonschema uses) also
matches before a final newline; in ECMA 262 the lookahead changes nothing. A spec's
own pattern gets the same lookahead after each `$`, and classes or look-arounds for
`.`, `\\d`, `\\s`, `\\w`, `\\b`, `[]` and `[^]` (`generator.patterns.portable`), so
that jsonschema reads it as ECMA 262 and our validators do.

In each schema the keywords stand sorted; lists (`type`, `enum`, `required`) and the
members of `properties` keep the spec's order, as `to_dict` does; `$defs` are sorted
by name.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from generator.model import Entity, EnumType, Model
from generator.output import OutputFile, header_lines
from generator.patterns import portable
from generator.schema import Node

DIALECT = "https://json-schema.org/draft/2020-12/schema"

_PLAIN_KEYWORDS = (
    ("min_length", "minLength"),
    ("max_length", "maxLength"),
    ("pattern", "pattern"),
    ("min_items", "minItems"),
    ("max_items", "maxItems"),
)
_NUMBER_KEYWORDS = (
    ("minimum", "minimum"),
    ("exclusive_minimum", "exclusiveMinimum"),
    ("maximum", "maximum"),
    ("exclusive_maximum", "exclusiveMaximum"),
    ("multiple_of", "multipleOf"),
)
_COMBINATIONS = (("all_of", "allOf"), ("any_of", "anyOf"), ("one_of", "oneOf"))
_SIGNS_OF_ZERO_BOUND = {
    "minimum": frozenset("+0"),
    "exclusiveMinimum": frozenset("+"),
    "maximum": frozenset("-0"),
    "exclusiveMaximum": frozenset("-"),
}
"""For each bound keyword with the value 0: the signs a value may then have."""


def emit_jsonschema(model: Model) -> list[OutputFile]:
    return [_Bundle(model, entity).file() for entity in model.entities]


def bundled_path(entity: Entity) -> str:
    return f"jsonschema/{entity.stem}.schema.json"


# Decimals ----------------------------------------------------------------------------


@dataclass(frozen=True)
class DecimalRule:
    """How the bundled schema states a decimal node: its `pattern`, the keywords
    (bounds of 0) that the pattern holds, those it cannot hold, and a note saying so.
    """

    pattern: str
    signed: bool
    """Whether `pattern` holds a sign bound (beside a `$ref`, it adds nothing else)."""
    bounds: tuple[str, ...]
    """A pattern for each other bound."""
    expressed: tuple[str, ...]
    unexpressed: tuple[str, ...]
    note: str


def decimal_rule(node: Node) -> DecimalRule:
    """The pattern of a decimal node, or of a node bounding a decimal it refers to
    (`decimal_of_ref`): precision, scale and its bounds of 0."""
    decimal = node.decimal or node.decimal_of_ref
    assert decimal is not None
    signs = frozenset("+0-")
    expressed: dict[str, Any] = {}
    unexpressed: dict[str, Any] = {}
    bounds = []
    for attribute, keyword in _NUMBER_KEYWORDS:
        limit = getattr(node, attribute)
        if limit is None:
            continue
        allowed = _SIGNS_OF_ZERO_BOUND.get(keyword)
        if allowed is not None and Decimal(str(limit)) == 0:
            signs &= allowed
            expressed[keyword] = limit
        elif allowed is not None:
            bounds.append(bound_pattern(keyword, Decimal(str(limit))))
            expressed[keyword] = limit
        else:
            unexpressed[keyword] = limit
    # 5.0 is an integer to JSON Schema; the tree may not have made it an int.
    precision, scale = int(decimal.precision), int(decimal.scale)
    note = _decimal_note if node.decimal is not None else _bounds_note
    return DecimalRule(
        decimal_pattern(precision, scale, signs),
        signs != frozenset("+0-"),
        tuple(bounds),
        tuple(expressed),
        tuple(unexpressed),
        note(precision, scale, expressed, unexpressed),
    )


def decimal_pattern(precision: int, scale: int, signs: frozenset[str]) -> str:
    """The strings DECIMAL(precision, scale) holds exactly (as the validators accept
    them: leading zeros and `-0` allowed, no `+`, no exponent) whose value has one of
    `signs`: `+` positive, `0` zero, `-` negative."""
    precision, scale = int(precision), int(scale)
    whole = f"0*{_repeat('[0-9]', 1, precision - scale)}" if precision > scale else "0+"
    fraction = f"(\\.{_repeat('[0-9]', 1, scale)})?" if scale else ""
    shapes = {
        "any": [f"{whole}{fraction}"],
        "zero": [f"0+(\\.{_repeat('0', 1, scale)})?" if scale else "0+"],
        "nonzero": _nonzero_shapes(precision - scale, scale, fraction),
    }
    unsigned = shapes[_part(signs, "+")]
    signed = shapes[_part(signs, "-")] if signs & {"-", "0"} else []
    if "+" not in signs and "0" not in signs:
        unsigned = []
    if unsigned == signed:
        branches = [f"-?{shape}" for shape in unsigned]
    else:
        branches = unsigned + [f"-{shape}" for shape in signed]
    body = branches[0] if len(branches) == 1 else f"({'|'.join(branches)})"
    return f"^{body}$(?!\\n)"


_ANY = "[0-9]+(\\.[0-9]+)?"
"""Any decimal string without its sign (the decimal pattern holds the digit limits)."""


def bound_pattern(keyword: str, limit: Decimal) -> str:
    """The decimal strings whose value keeps `keyword` (minimum, exclusiveMinimum,
    maximum, exclusiveMaximum) with a `limit` other than 0. It assumes what the
    decimal pattern beside it holds (the shape, the digits) and tests the value
    only, digit by digit, as a person compares two numbers."""
    whole, _, fraction = f"{abs(limit):f}".partition(".")
    whole, fraction = whole.lstrip("0"), fraction.rstrip("0")
    strict = keyword.startswith("exclusive")
    sign = "" if limit > 0 else "-"
    if keyword.endswith("inimum") == (limit > 0):
        # minimum 5, maximum -5: values of the limit's sign, at or beyond it
        body = sign + _group(_greater(whole, fraction, strict))
    else:
        # minimum -5, maximum 5: every value of the other sign, and those of the
        # limit's sign up to it
        other = "-" if limit > 0 else ""
        body = _group(f"{other}{_ANY}|{sign}{_group(_less(whole, fraction, strict))}")
    return f"^{body}$(?!\\n)"


def _greater(whole: str, fraction: str, strict: bool) -> str:
    """Unsigned decimal strings whose value is above (`strict`) or at least
    `whole`.`fraction` (no leading or trailing zeros)."""
    above = _whole_above(whole)
    branches = [f"{part}(\\.[0-9]+)?" for part in above]
    tail = _fraction_above(fraction, strict)
    if tail is not None:
        optional = "?" if not fraction and not strict else ""
        branches.append(f"{_whole_equal(whole)}(\\.{_group(tail)}){optional}")
    return "|".join(branches)


def _less(whole: str, fraction: str, strict: bool) -> str:
    """Unsigned decimal strings whose value is below (`strict`) or at most
    `whole`.`fraction`."""
    branches = [f"{part}(\\.[0-9]+)?" for part in _whole_below(whole)]
    tail = _fraction_below(fraction, strict)
    if tail is not None:  # None: below 0.0, no fraction is
        branches.append(f"{_whole_equal(whole)}(\\.{_group(tail)})?")
    return "|".join(branches)


def _whole_equal(whole: str) -> str:
    return f"0*{whole}" if whole else "0+"


def _whole_above(whole: str) -> list[str]:
    """Integer parts (leading zeros allowed) greater than `whole`."""
    longer = f"0*[1-9][0-9]{{{len(whole)},}}" if whole else "0*[1-9][0-9]*"
    same = [
        f"0*{whole[:i]}{_digits(int(d) + 1, 9)}{_repeat('[0-9]', n, n)}"
        for i, d in enumerate(whole)
        if d != "9"
        for n in [len(whole) - i - 1]
    ]
    return [longer, *same]


def _whole_below(whole: str) -> list[str]:
    """Integer parts (leading zeros allowed) less than `whole`."""
    if not whole:
        return []
    shorter = ["0+"]
    if len(whole) > 1:
        shorter.append(f"0*[1-9]{_repeat('[0-9]', 0, len(whole) - 2)}")
    same = [
        f"0*{whole[:i]}{_digits(0, int(d) - 1)}{_repeat('[0-9]', n, n)}"
        for i, d in enumerate(whole)
        if d != "0"
        for n in [len(whole) - i - 1]
    ]
    return shorter + same


def _fraction_above(fraction: str, strict: bool) -> str:
    """Fraction digits whose value is above (or at least) 0.`fraction`."""
    if not fraction and not strict:
        return "[0-9]+"  # at least 0.0: any
    branches = [
        f"{fraction[:i]}{_digits(int(d) + 1, 9)}[0-9]*"
        for i, d in enumerate(fraction)
        if d != "9"
    ]
    branches.append(f"{fraction}[0-9]*[1-9][0-9]*")
    if not strict:
        branches.append(f"{fraction}0*")
    return "|".join(branches)


def _fraction_below(fraction: str, strict: bool) -> str | None:
    """Fraction digits whose value is below (or at most) 0.`fraction`; None when
    none is (below 0)."""
    branches = [
        f"{fraction[:i]}{_digits(0, int(d) - 1)}[0-9]*"
        for i, d in enumerate(fraction)
        if d != "0"
    ]
    branches += [f"{fraction[:k]}0*" for k in range(len(fraction))]
    if not strict:
        branches.append(f"{fraction}0*" if fraction else "0+")
    return "|".join(branches) if branches else None


def _digits(low: int, high: int) -> str:
    return str(low) if low == high else f"[{low}-{high}]"


def _group(alternatives: str) -> str:
    return f"({alternatives})" if "|" in alternatives else alternatives


def _part(signs: frozenset[str], sign: str) -> str:
    """Which strings of one sign side (unsigned or `-`) the allowed signs take."""
    if sign in signs:
        return "any" if "0" in signs else "nonzero"
    return "zero"


def _nonzero_shapes(digits: int, scale: int, fraction: str) -> list[str]:
    """Decimal strings without sign whose value is not zero: a non-zero digit in the
    integer part, or an integer part of zeros and a non-zero digit in the fraction."""
    shapes = []
    if digits:
        shapes.append(f"0*[1-9]{_repeat('[0-9]', 0, digits - 1)}{fraction}")
    if scale:
        options = [
            f"{_repeat('0', zeros, zeros)}[1-9]{_repeat('[0-9]', 0, scale - 1 - zeros)}"
            for zeros in range(scale)
        ]
        shapes.append(f"0+\\.({'|'.join(options)})")
    return shapes


def _repeat(atom: str, low: int, high: int) -> str:
    if high == 0:
        return ""
    if low == high:
        return atom if low == 1 else f"{atom}{{{low}}}"
    if (low, high) == (0, 1):
        return f"{atom}?"
    return f"{atom}{{{low},{high}}}"


def _decimal_note(
    precision: int, scale: int, expressed: dict[str, Any], unexpressed: dict[str, Any]
) -> str:
    held = "its precision and scale"
    if expressed:
        held = f"its precision, its scale and {_listed(expressed, ' and ')}"
    verb = "the patterns hold" if _nonzero(expressed) else "the pattern holds"
    note = (
        f"An exact decimal, DECIMAL({precision},{scale}), as a string; {verb} {held}."
    )
    return note + _unexpressed_note(unexpressed)


def _bounds_note(
    precision: int, scale: int, expressed: dict[str, Any], unexpressed: dict[str, Any]
) -> str:
    """The note of bounds beside a decimal that the node refers to, whose own schema
    holds its precision and scale."""
    note = f"Bounds on the value of an exact decimal, DECIMAL({precision},{scale})"
    if expressed:
        verb = "the patterns hold" if len(expressed) > 1 else "the pattern holds"
        note += f"; {verb} {_listed(expressed, ' and ')}"
    return note + "." + _unexpressed_note(unexpressed)


def _nonzero(bounds: dict[str, Any]) -> bool:
    """Whether a bound has a pattern of its own (a bound other than 0)."""
    return any(Decimal(str(limit)) != 0 for limit in bounds.values())


def _unexpressed_note(unexpressed: dict[str, Any]) -> str:
    if not unexpressed:
        return ""
    rules = _listed(unexpressed, ", ")
    return f" Not expressed here (JSON Schema applies them to numbers): {rules}."


def _listed(bounds: dict[str, Any], separator: str) -> str:
    return separator.join(f"{keyword} {limit}" for keyword, limit in bounds.items())


# Patterns of the specs ----------------------------------------------------------------


def portable_pattern(pattern: str) -> str:
    """A spec's pattern as the bundle writes it: read alike by ECMA-262 and by
    Python's `re` (which jsonschema uses), as the spec means it."""
    return portable(pattern)


# One bundle ---------------------------------------------------------------------------


class _Bundle:
    """The bundled schema of one object spec."""

    def __init__(self, model: Model, entity: Entity) -> None:
        self.model = model
        self.entity = entity
        self.schemas = model.schemas
        self.root = model.tree_key(entity)
        self.entities = {model.tree_key(e): e for e in model.entities}
        self.enums = {model.tree_key(e): e for e in model.enums}
        self.reached = sorted(self._reach(self.root, set()))
        self.names = _def_names(
            [k for k in self.reached if k != self.root and k not in self.enums],
            self._title,
        )

    def file(self) -> OutputFile:
        schema = self.key_schema(self.root)
        schema["$schema"] = DIALECT
        schema["$comment"] = self._header()
        if self.names:
            schema["$defs"] = {
                name: self.key_schema(key)
                for key, name in sorted(self.names.items(), key=lambda kv: kv[1])
            }
        # ASCII with escapes: a lone surrogate in a description stays writable.
        text = json.dumps(dict(sorted(schema.items())), indent=2, ensure_ascii=True)
        return OutputFile(bundled_path(self.entity), text + "\n")

    def _reach(self, key: str, seen: set[str]) -> set[str]:
        """Every tree key reachable from `key` through `$ref`, `key` included."""
        seen.add(key)
        for node in _walk(self.schemas.nodes[key]):
            if node.ref is not None and node.ref not in seen:
                self._reach(node.ref, seen)
        return seen

    def _title(self, key: str) -> str:
        stem = _stem(key)
        entity = self.model.by_stem(stem)
        if entity is not None:
            return entity.name
        enum = next((e for e in self.model.enums if e.stem == stem), None)
        return enum.name if enum is not None else stem

    def _header(self) -> str:
        stems = sorted({_stem(key) for key in self.reached} - {self.entity.stem})
        specs: list[Entity | EnumType] = [*self.model.entities, *self.model.enums]
        hashes = {s.stem: s.source_hash for s in specs}
        digest = hashlib.sha256(
            "".join(
                hashes.get(stem, "") for stem in [self.entity.stem, *stems]
            ).encode()
        ).hexdigest()
        source = f"{self.entity.stem}.schema.json"
        if stems:
            others = [f"{stem}.schema.json" for stem in stems]
            listed = ", ".join(others[:-1]) + " and " if len(others) > 1 else ""
            source += f", bundled with {listed}{others[-1]}"
        lines = header_lines("", source + ".", digest)
        return " ".join(line.strip() for line in lines)

    # Schemas ----------------------------------------------------------------------

    def key_schema(self, key: str) -> dict[str, Any]:
        """The schema of a spec's root (with its title and descriptions) or of any
        other `$ref` target."""
        node = self.schemas.nodes[key]
        entity = self.entities.get(key)
        schema = self.schema(node, entity)
        if not isinstance(schema, dict):
            return {"allOf": [schema]}
        if key in self.enums or entity is not None or key == self.root:
            schema["title"] = self._title(key)
        if entity is not None and entity.description:
            schema["description"] = entity.description
        return dict(sorted(schema.items()))

    def schema(self, node: Node, entity: Entity | None = None) -> Any:
        """One node as plain JSON Schema; `entity` gives a spec root's properties
        their descriptions and defaults."""
        if node.accept is not None:
            return node.accept
        out = _assertions(node)
        notes = list(_array_notes(node))
        if node.decimal is not None or node.decimal_of_ref is not None:
            rule = decimal_rule(node)
            # Beside a decimal it refers to, the pattern only adds a sign bound.
            if node.decimal is not None or rule.signed:
                _add_pattern(out, rule.pattern)
            for pattern in rule.bounds:
                _add_pattern(out, pattern)
            notes.insert(0, rule.note)
        self._children(node, entity, out)
        if node.ref is not None:
            self._reference(node.ref, out)
        if notes:
            out["$comment"] = " ".join(notes)
        return dict(sorted(out.items()))

    def _children(self, node: Node, entity: Entity | None, out: dict[str, Any]) -> None:
        if node.properties:
            out["properties"] = {
                name: self._property(sub, entity, name) for name, sub in node.properties
            }
        if node.additional is not None:
            out["additionalProperties"] = self.schema(node.additional)
        if node.items is not None:
            out["items"] = self.schema(node.items)
        for attribute, keyword in _COMBINATIONS:
            subs = getattr(node, attribute)
            if subs:
                out[keyword] = [*out.get(keyword, []), *map(self.schema, subs)]

    def _property(self, node: Node, entity: Entity | None, name: str) -> Any:
        schema = self.schema(node)
        field = entity.field(name) if entity is not None else None
        if field is None or not isinstance(schema, dict):
            return schema
        if field.description:
            schema["description"] = field.description
        if field.default is not None:
            schema["default"] = field.default.value
        return dict(sorted(schema.items()))

    def _reference(self, key: str, out: dict[str, Any]) -> None:
        """A `$ref` into the file, or an enum spec inlined: the whole schema when the
        node says nothing else, else one more `allOf` member."""
        if key not in self.enums:
            out["$ref"] = "#" if key == self.root else f"#/$defs/{self.names[key]}"
            return
        inlined = self.key_schema(key)
        if not out:
            out.update(inlined)
        else:
            out["allOf"] = [inlined, *out.get("allOf", [])]


def _add_pattern(out: dict[str, Any], pattern: str) -> None:
    """A second pattern goes into `allOf`: a schema holds one `pattern`."""
    if "pattern" in out:
        out["allOf"] = [*out.get("allOf", []), {"pattern": pattern}]
    else:
        out["pattern"] = pattern


def _assertions(node: Node) -> dict[str, Any]:
    """The keywords of `node` that other tools read as they are: all but the format
    and numeric keywords of a decimal, or of bounds on one it refers to."""
    out = _value_keywords(node)
    numeric = node.decimal is None and node.decimal_of_ref is None
    for attribute, keyword in _PLAIN_KEYWORDS + (_NUMBER_KEYWORDS if numeric else ()):
        if getattr(node, attribute) is not None:
            out[keyword] = getattr(node, attribute)
    if node.pattern is not None:
        out["pattern"] = portable_pattern(node.pattern)
    if node.unique_items:
        out["uniqueItems"] = True
    if node.required:
        out["required"] = list(node.required)
    return out


def _value_keywords(node: Node) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if node.types:
        out["type"] = node.types[0] if len(node.types) == 1 else list(node.types)
    if node.enum is not None:
        out["enum"] = list(node.enum)
    if node.const is not None:
        out["const"] = node.const[0]
    if node.format is not None and node.decimal is None:
        out["format"] = node.format
    return out


def _array_notes(node: Node) -> Iterator[str]:
    """The x- rules of an array, which plain JSON Schema cannot state."""
    rules = []
    if node.ordered_by is not None:
        name = node.ordered_by.name
        rules.append(f"items are in non-decreasing order of {name} (ties allowed)")
    if node.parent_key is not None:
        key = node.parent_key
        rules.append(
            f"each item's {key.child} equals the {key.parent} of the object holding "
            "this array"
        )
    if rules:
        what = "this" if len(rules) == 1 else "either"
        text = " and ".join(rules)
        yield f"{text[0].upper()}{text[1:]}; plain JSON Schema cannot state {what}."


def _walk(node: Node) -> Iterator[Node]:
    """`node` and every node inside it (not through `$ref`)."""
    yield node
    children = [sub for _, sub in node.properties]
    children += [n for n in (node.additional, node.items) if n is not None]
    children += [*node.all_of, *node.any_of, *node.one_of]
    for child in children:
        yield from _walk(child)


def _stem(key: str) -> str:
    return key.partition("#")[0].removesuffix(".schema.json").removesuffix(".json")


def _def_names(keys: list[str], title: Callable[[str], str]) -> dict[str, str]:
    """A `$defs` name for each key: the spec's title, then the tokens of the pointer
    below its root (`$defs` left out), as characters that need no escaping in a
    `$ref`; a clash gets a number."""
    names: dict[str, str] = {}
    taken: set[str] = set()
    for key in sorted(keys):
        fragment = key.partition("#")[2]
        tokens = [t for t in fragment.split("/")[1:] if t != "$defs"]
        base = re.sub(r"[^A-Za-z0-9_]", "_", "_".join([title(key), *tokens]))
        name, number = base, 2
        while name in taken:
            name, number = f"{base}_{number}", number + 1
        taken.add(name)
        names[key] = name
    return names
