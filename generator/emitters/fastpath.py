"""The fast path of the validators: `_valid_<name>(v) -> bool`, True only for a value
that the checking path (`_check_<name>`) would give no issue at all.

Most data is valid, and a valid value needs no pointer, no issue list and no message:
the fast path is one test after another that returns False at the first that fails,
and then the checking path runs to say what is wrong. It may be conservative (False
for a value that is valid, such as one under `anyOf` or with a deprecated property:
the checking path then decides), never the reverse; the tests hold it to that.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Protocol

from generator.emitters.conditions import grouped, negated
from generator.emitters.pycode import literal
from generator.patterns import to_python
from generator.schema import DecimalType, Node, SchemaSet

TYPE_TESTS = {
    # JSON types as `json.loads` gives them: true is no integer, 1.0 is one, NaN none.
    "string": "type({v}) is str",
    "integer": "(type({v}) is int or (type({v}) is float and {v}.is_integer()))",
    "number": "(type({v}) is int or (type({v}) is float and _isfinite({v})))",
    "boolean": "type({v}) is bool",
    "null": "{v} is None",
    "object": "type({v}) is dict",
    "array": "type({v}) is list",
}
NEGATED = {
    "string": "type({v}) is not str",
    "boolean": "type({v}) is not bool",
    "null": "{v} is not None",
    "object": "type({v}) is not dict",
    "array": "type({v}) is not list",
}
_FORMAT_FAILS = {
    # The pattern holds every range; only the 29th to the 31st need the calendar.
    "date-time": (
        '_RFC3339({v}) is None or ({v}[8:10] > "28" and not _rt.real_day({v}))'
    ),
    "date": '_DATE({v}) is None or ({v}[8:10] > "28" and not _rt.real_day({v}))',
    "uuid": "_UUID({v}) is None",
    "email": "not _rt.is_email({v})",
}
_BOUNDS = (
    ("minimum", "<"),
    ("exclusive_minimum", "<="),
    ("maximum", ">"),
    ("exclusive_maximum", ">="),
)
FAIL = "return False"
_SIGNS = {("<=", 0): "positive", ("<", 0): "nonnegative"}
"""(operator that fails, bound) of a sign bound -> its `signed_decimal_pattern`."""


class Pool(Protocol):
    """What the fast path shares with the checking path's writer."""

    @property
    def names(self) -> dict[str, str]: ...

    @property
    def schemas(self) -> SchemaSet: ...

    def constant(self, prefix: str, code: str) -> str: ...

    def fresh(self, prefix: str) -> str: ...


def fast_name(check_name: str) -> str:
    """`_valid_stock` for `_check_stock`."""
    return "_valid_" + check_name.removeprefix("_check_")


class FastPath:
    def __init__(self, pool: Pool) -> None:
        self.pool = pool

    def node(self, node: Node, v: str, owner: str | None) -> Iterator[str]:
        """Statements that `return False` as soon as `v` breaks a keyword of `node`."""
        if node.accept is not None:
            if not node.accept:
                yield FAIL
            return
        if node.any_of or node.one_of or node.deprecated:
            yield FAIL  # rare: the checking path decides
            return
        if node.ref is not None:
            target = self.pool.schemas.nodes[node.ref]
            if _is_leaf(target):
                yield from self.node(target, v, owner)  # an enum, say: no call
            else:
                yield f"if not {fast_name(self.pool.names[node.ref])}({v}):"
                yield f"    {FAIL}"
        yield from self.typed(node, v, owner)
        yield from self.enum_const(node, v)
        for sub in node.all_of:
            yield from self.node(sub, v, owner)

    def typed(self, node: Node, v: str, owner: str | None) -> Iterator[str]:
        groups = {
            "string": list(self.string(node, v)),
            "number": list(self.number(node, v)),
            "object": list(self.object(node, v)),
            "array": list(self.array(node, v, owner)),
        }
        group_of = {"integer": "number", "number": "number"}
        if not node.types:
            guards = {
                "string": f"type({v}) is str",
                "number": TYPE_TESTS["number"].format(v=v),
                "object": f"type({v}) is dict",
                "array": f"type({v}) is list",
            }
            for group, body in groups.items():
                if body:
                    yield f"if {guards[group]}:"
                    yield from _indent(body)
            return
        types = [
            t for t in node.types if not (t == "integer" and "number" in node.types)
        ]
        bodies = [groups.get(group_of.get(t, t), []) for t in types]
        tests = [TYPE_TESTS[t].format(v=v) for t in types]
        if len(types) == 1:
            negated = NEGATED.get(types[0])
            yield f"if {negated.format(v=v)}:" if negated else f"if not {tests[0]}:"
            yield f"    {FAIL}"
            yield from bodies[0]
            return
        if not any(bodies):
            yield f"if not ({' or '.join(tests)}):"
            yield f"    {FAIL}"
            return
        keyword = "if"
        for test, body in zip(tests, bodies, strict=True):
            yield f"{keyword} {test}:"
            yield from _indent(body or ["pass"])
            keyword = "elif"
        yield "else:"
        yield f"    {FAIL}"

    def string(self, node: Node, v: str) -> Iterator[str]:
        if node.min_length is not None:
            yield f"if len({v}) < {node.min_length}:"
            yield f"    {FAIL}"
        if node.max_length is not None:
            yield f"if len({v}) > {node.max_length}:"
            yield f"    {FAIL}"
        if node.pattern is not None:
            search = self.pool.constant(
                "PATTERN", f"re.compile({literal(to_python(node.pattern))}).search"
            )
            yield f"if {search}({v}) is None:"
            yield f"    {FAIL}"
        decimal = node.decimal or node.decimal_of_ref
        if decimal is not None:
            yield from self.decimal(node, decimal, v)
        elif node.format in _FORMAT_FAILS:
            yield f"if {_FORMAT_FAILS[node.format].format(v=v)}:"
            yield f"    {FAIL}"

    def decimal(self, node: Node, decimal: DecimalType, v: str) -> Iterator[str]:
        bounds = [
            (getattr(node, attribute), op)
            for attribute, op in _BOUNDS
            if getattr(node, attribute) is not None
        ]
        digits = f"{decimal.precision}, {decimal.scale}"
        sign = _SIGNS.get((bounds[0][1], bounds[0][0])) if len(bounds) == 1 else None
        if node.multiple_of is not None:
            sign = None  # the step needs the number anyway
        if sign is not None:  # the common money bound, held by the pattern itself
            shape = self.pool.constant(
                "DECIMAL", f"_rt.signed_decimal_pattern({digits}, {sign!r}).fullmatch"
            )
            bounds = []
        else:
            shape = self.pool.constant(
                "DECIMAL", f"_rt.decimal_pattern({digits}).fullmatch"
            )
        yield f"if {shape}({v}) is None:"
        yield f"    {FAIL}"
        if bounds or node.multiple_of is not None:
            number = self.pool.fresh("d")
            yield f"{number} = Decimal({v})"
        for limit, op in bounds:
            bound = self.pool.constant("BOUND", f"Decimal({literal(str(limit))})")
            yield f"if {number} {op} {bound}:"
            yield f"    {FAIL}"
        if node.multiple_of is not None:
            step = self.pool.constant(
                "STEP", f"Decimal({literal(str(node.multiple_of))})"
            )
            yield f"if not _rt.decimal_multiple({number}, {step}):"
            yield f"    {FAIL}"

    def number(self, node: Node, v: str) -> Iterator[str]:
        if node.decimal is not None or node.decimal_of_ref is not None:
            return
        for attribute, op in _BOUNDS:
            limit = getattr(node, attribute)
            if limit is not None:
                yield f"if {v} {op} {literal(limit)}:"
                yield f"    {FAIL}"
        if node.multiple_of is not None:
            yield f"if not _rt.is_multiple({v}, {literal(node.multiple_of)}):"
            yield f"    {FAIL}"

    def object(self, node: Node, v: str) -> Iterator[str]:
        declared = dict(node.properties)
        if node.additional is not None and node.additional.accept is False:
            if declared:
                known = self.pool.constant(
                    "KEYS", f"frozenset({literal(sorted(declared))})"
                )
                yield f"if not {v}.keys() <= {known}:"
            else:
                yield f"if {v}:"
            yield f"    {FAIL}"
        elif node.additional is not None and node.additional.accept is not True:
            yield FAIL  # a schema for other keys: the checking path decides
            return
        for name in node.required:
            if name not in declared:
                yield f"if {literal(name)} not in {v}:"
                yield f"    {FAIL}"
        for name, sub in node.properties:
            yield from self.property(node, name, sub, v)

    def property(self, node: Node, name: str, sub: Node, v: str) -> Iterator[str]:
        value = self.pool.fresh("v")
        body = list(self.node(sub, value, v))
        required = name in node.required
        if not body:
            if required:
                yield f"if {literal(name)} not in {v}:"
                yield f"    {FAIL}"
            return
        yield f"{value} = {v}.get({literal(name)}, _ABSENT)"
        if required and sub.types:
            yield from body  # its type test fails for _ABSENT, a value of no JSON type
        elif required:
            yield f"if {value} is _ABSENT:"
            yield f"    {FAIL}"
            yield from body
        elif len(body) == 2 and body[0].startswith("if ") and body[1] == f"    {FAIL}":
            yield f"if {value} is not _ABSENT and {grouped(body[0][3:-1])}:"
            yield body[1]
        else:
            yield f"if {value} is not _ABSENT:"
            yield from _indent(body)

    def array(self, node: Node, v: str, owner: str | None) -> Iterator[str]:
        if node.min_items is not None:
            yield f"if len({v}) < {node.min_items}:"
            yield f"    {FAIL}"
        if node.max_items is not None:
            yield f"if len({v}) > {node.max_items}:"
            yield f"    {FAIL}"
        if node.unique_items:
            yield f"if _rt.has_duplicates({v}):"
            yield f"    {FAIL}"
        if node.items is not None and node.items.accept is False:
            yield f"if {v}:"  # `"items": false`: no item is valid
            yield f"    {FAIL}"
        elif node.items is not None and node.items.accept is not True:
            item = self.pool.fresh("x")
            body = list(self.node(node.items, item, None))
            if body:
                yield f"for {item} in {v}:"
                yield from _indent(body)
        if node.ordered_by is not None:
            order = node.ordered_by
            yield (
                f"if not _rt.in_order({v}, {literal(order.name)}, "
                f"{literal(order.format)}):"
            )
            yield f"    {FAIL}"
        if node.parent_key is not None and owner is not None:
            key = node.parent_key
            form = f", {literal(key.form)}" if key.form else ""
            yield (
                f"if not _rt.carry_key({v}, {literal(key.child)}, "
                f"{owner}.get({literal(key.parent)}){form}):"
            )
            yield f"    {FAIL}"

    def enum_const(self, node: Node, v: str) -> Iterator[str]:
        if node.enum is not None:
            values = list(node.enum)
            if all(isinstance(value, str) for value in values):
                allowed = self.pool.constant("ENUM", f"frozenset({literal(values)})")
                if node.types == ("string",):  # the type test came first
                    yield f"if {v} not in {allowed}:"
                else:
                    yield f"if type({v}) is not str or {v} not in {allowed}:"
            else:
                allowed = self.pool.constant(
                    "ENUM", f"_rt.json_keys({literal(values)})"
                )
                yield f"if _rt.json_key({v}) not in {allowed}:"
            yield f"    {FAIL}"
        if node.const is not None:
            value = node.const[0]
            if isinstance(value, str):
                yield f"if type({v}) is not str or {v} != {literal(value)}:"
            else:
                key = self.pool.constant("CONST", f"_rt.json_key({literal(value)})")
                yield f"if _rt.json_key({v}) != {key}:"
            yield f"    {FAIL}"


def function_body(lines: list[str]) -> list[str]:
    """The statements of a fast function, ending in its return: a last test returns
    its own verdict, as a person would write it (ruff's SIM103)."""
    if len(lines) >= 2 and lines[-1] == f"    {FAIL}" and lines[-2].startswith("if "):
        return [*lines[:-2], f"return {negated(lines[-2][3:-1])}"]
    if lines and lines[-1] == FAIL:
        return lines
    return [*lines, "return True"]


def _is_leaf(node: Node) -> bool:
    """A node with no subschema and no reference, which is cheap to inline."""
    return (
        node.accept is None
        and node.ref is None
        and not node.properties
        and node.items is None
        and node.additional is None
        and not (node.all_of or node.any_of or node.one_of)
    )


def _indent(lines: list[str]) -> list[str]:
    return [f"    {line}" for line in lines]
