"""Validators as straight-line Python: one function per named subschema of the tree.

Each function `_check_<name>(v, p, issues)` tests `v` against every keyword of its node
in the order they stand, with no schema consulted at run time: keyword values are
literals and module constants. `p` is the JSON pointer of `v`; a pointer below it is
built only when an issue is reported, except at calls into another function.

The rules are JSON Schema's: a keyword about strings ignores a number, `1.0` is an
integer, `true` is not `1`. Where a node declares its types, the keywords of the other
types are not tested (a value of the wrong type gets one `type` issue, not one per
keyword); the conformance suite agrees with that on every in-scope case.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from generator.emitters import layout
from generator.emitters.conditions import grouped, join_nested_ifs
from generator.emitters.fastpath import (
    NEGATED,
    TYPE_TESTS,
    FastPath,
    fast_name,
    function_body,
)
from generator.emitters.pycode import literal
from generator.patterns import to_python
from generator.schema import DecimalType, Node, SchemaSet

_GROUP_OF_TYPE = {
    "string": "string",
    "integer": "number",
    "number": "number",
    "object": "object",
    "array": "array",
    "boolean": None,
    "null": None,
}
_FORMAT_TESTS = {
    "date-time": "not _rt.is_datetime({v})",
    "date": "not _rt.is_date({v})",
    "uuid": "_UUID({v}) is None",
    "email": "not _rt.is_email({v})",
}
_BOUNDS = (
    ("minimum", "minimum", "<"),
    ("exclusive_minimum", "exclusiveMinimum", "<="),
    ("maximum", "maximum", ">"),
    ("exclusive_maximum", "exclusiveMaximum", ">="),
)


@dataclass
class ValidatorCode:
    """The lines of a validator module body, and the function of each tree key."""

    constants: list[str] = field(default_factory=list)
    functions: list[str] = field(default_factory=list)
    names: dict[str, str] = field(default_factory=dict)


def validator_code(schemas: SchemaSet) -> ValidatorCode:
    """The check functions of every node of `schemas`, named after their keys."""
    writer = _Writer(schemas)
    for key in sorted(schemas.nodes):
        writer.function(key)
    return writer.code


def function_name(key: str, taken: set[str]) -> str:
    """`_check_stock` for `stock.schema.json#`, `_check_stock__defs_money` below it."""
    file_part, _, fragment = key.partition("#")
    stem = file_part.removesuffix(".schema.json").removesuffix(".json")
    base = re.sub(r"[^A-Za-z0-9_]+", "_", f"{stem}{fragment}".replace("/", "_")).strip(
        "_"
    )
    base = f"_check_{base.lower() or 'root'}"
    name, number = base, 2
    while name in taken:
        name, number = f"{base}_{number}", number + 1
    taken.add(name)
    return name


class _Writer:
    def __init__(self, schemas: SchemaSet) -> None:
        self.schemas = schemas
        self.code = ValidatorCode()
        taken: set[str] = set()
        self.code.names = {
            key: function_name(key, taken) for key in sorted(schemas.nodes)
        }
        self._constants: dict[str, str] = {}
        self._counter = 0

    @property
    def names(self) -> dict[str, str]:
        return self.code.names

    def function(self, key: str) -> None:
        """The checking function of one node, and its fast path (see `fastpath`)."""
        self._counter = 0
        name = self.code.names[key]
        node = self.schemas.nodes[key]
        fast = function_body(
            join_nested_ifs(list(FastPath(self).node(node, "v", None)))
        )
        lines = [f"def {fast_name(name)}(v: Any) -> bool:", *_indent(fast)]
        self.code.functions.append("\n".join(_fit_all(lines)))
        self._counter = 0
        body = join_nested_ifs(list(self.node(node, "v", "p", "issues", None)))
        lines = [
            f"def {name}(v: Any, p: str, issues: list[ValidationIssue]) -> None:",
            *(f"    {line}" for line in body or ["pass"]),
        ]
        self.code.functions.append("\n".join(_fit_all(lines)))

    def constant(self, prefix: str, code: str) -> str:
        if code not in self._constants:
            name = f"_{prefix}{len(self._constants)}"
            self._constants[code] = name
            self.code.constants.extend(layout.fit(f"{name}: Final = {code}", 0))
        return self._constants[code]

    def fresh(self, prefix: str) -> str:
        self._counter += 1
        return f"{prefix}{self._counter}"

    # One node ------------------------------------------------------------------------

    def node(
        self, node: Node, v: str, p: str, sink: str, owner: str | None
    ) -> Iterator[str]:
        """Statements that append an issue to `sink` for each keyword `v` breaks.

        `p` is an expression for the pointer of `v`; `owner` names the object that
        holds `v` as a property, for checks that compare with a sibling.
        """
        if node.accept is not None:
            if not node.accept:
                yield self.issue(sink, "false", v, "None", p, node.location)
            return
        if node.ref is not None:
            # The fast path first: a valid part costs no pointer and no issue list.
            check = self.code.names[node.ref]
            yield f"if not {fast_name(check)}({v}):"
            yield f"    {check}({v}, {p}, {sink})"
        yield from self.typed(node, v, p, sink, owner)
        yield from self.enum_const(node, v, p, sink)
        for sub in node.all_of:
            yield from self.node(sub, v, p, sink, owner)
        for keyword, options in (("anyOf", node.any_of), ("oneOf", node.one_of)):
            if options:
                yield from self.alternatives(node, options, keyword, v, p, sink, owner)

    def typed(
        self, node: Node, v: str, p: str, sink: str, owner: str | None
    ) -> Iterator[str]:
        groups = {
            "string": list(self.string_group(node, v, p, sink)),
            "number": list(self.number_group(node, v, p, sink)),
            "object": list(self.object_group(node, v, p, sink)),
            "array": list(self.array_group(node, v, p, sink, owner)),
        }
        if not node.types:
            for group, body in groups.items():
                if body:
                    yield f"if {self.guard(group, v)}:"
                    yield from _indent(body)
            return
        types = [
            t for t in node.types if not (t == "integer" and "number" in node.types)
        ]
        expected = literal(list(node.types) if len(node.types) > 1 else node.types[0])
        mismatch = self.issue(sink, "type", v, expected, p, node.location)
        bodies = [groups.get(_GROUP_OF_TYPE[t] or "", []) for t in types]
        if not any(bodies):
            tests = " or ".join(TYPE_TESTS[t].format(v=v) for t in types)
            if len(types) == 1 and types[0] in NEGATED:
                yield f"if {NEGATED[types[0]].format(v=v)}:"
            elif len(types) == 1:
                yield f"if not {tests}:"
            else:
                yield f"if not ({tests}):"
            yield f"    {mismatch}"
            return
        keyword = "if"
        for declared in types:
            yield f"{keyword} {TYPE_TESTS[declared].format(v=v)}:"
            yield from _indent(
                groups.get(_GROUP_OF_TYPE[declared] or "", ["pass"]) or ["pass"]
            )
            keyword = "elif"
        yield "else:"
        yield f"    {mismatch}"

    def guard(self, group: str, v: str) -> str:
        return {
            "string": f"type({v}) is str",
            "number": TYPE_TESTS["number"].format(v=v),
            "object": f"type({v}) is dict",
            "array": f"type({v}) is list",
        }[group]

    def issue(
        self, sink: str, keyword: str, v: str, limit: str, p: str, location: str
    ) -> str:
        where = literal(f"{location}/{keyword}")
        return (
            f"{sink}.append(_rt.broken({literal(keyword)}, {v}, {limit}, {p}, {where}))"
        )

    def missing(self, sink: str, name: str, p: str, location: str) -> str:
        return f"{sink}.append(_rt.missing({literal(name)}, {p}, {literal(location)}))"

    # Keywords by the type they test --------------------------------------------------

    def string_group(self, node: Node, v: str, p: str, sink: str) -> Iterator[str]:
        loc = node.location
        if node.min_length is not None:
            yield f"if len({v}) < {node.min_length}:"
            yield "    " + self.issue(
                sink, "minLength", v, str(node.min_length), p, loc
            )
        if node.max_length is not None:
            yield f"if len({v}) > {node.max_length}:"
            yield "    " + self.issue(
                sink, "maxLength", v, str(node.max_length), p, loc
            )
        if node.pattern is not None:
            search = self.constant(
                "PATTERN", f"re.compile({literal(to_python(node.pattern))}).search"
            )
            yield f"if {search}({v}) is None:"
            yield "    " + self.issue(sink, "pattern", v, literal(node.pattern), p, loc)
        if node.decimal is not None:
            yield from self.decimal(node, v, p, sink)
        elif node.decimal_of_ref is not None:
            yield from self.decimal_bounds(node, node.decimal_of_ref, v, p, sink)
        elif node.format in _FORMAT_TESTS:
            yield f"if {_FORMAT_TESTS[node.format].format(v=v)}:"
            yield "    " + self.issue(sink, "format", v, literal(node.format), p, loc)

    def decimal(self, node: Node, v: str, p: str, sink: str) -> Iterator[str]:
        assert node.decimal is not None
        precision, scale = node.decimal.precision, node.decimal.scale
        shape = self.constant(
            "DECIMAL", f"_rt.decimal_pattern({precision}, {scale}).fullmatch"
        )
        where = literal(f"{node.location}/format")
        yield f"if {shape}({v}) is None:"
        yield (
            f"    {sink}.append(_rt.decimal_issue({v}, {p}, {where}, {precision}, "
            f"{scale}))"
        )
        bounds = list(self.bounds(node, v, p, sink))
        if bounds:
            yield "else:"
            yield from _indent(bounds)

    def decimal_bounds(
        self, node: Node, decimal: DecimalType, v: str, p: str, sink: str
    ) -> Iterator[str]:
        """Bounds beside a `$ref` to a decimal, which reports a malformed string."""
        shape = self.constant(
            "DECIMAL",
            f"_rt.decimal_pattern({decimal.precision}, {decimal.scale}).fullmatch",
        )
        yield f"if {shape}({v}) is not None:"
        yield from _indent(list(self.bounds(node, v, p, sink)))

    def bounds(self, node: Node, v: str, p: str, sink: str) -> Iterator[str]:
        """The numeric bounds of a decimal string that has the decimal's shape."""
        bounds = [
            (attribute, keyword, op)
            for attribute, keyword, op in _BOUNDS
            if getattr(node, attribute) is not None
        ]
        if not bounds and node.multiple_of is None:
            return
        number = self.fresh("d")
        yield f"{number} = Decimal({v})"
        for attribute, keyword, op in bounds:
            limit = getattr(node, attribute)
            bound = self.constant("BOUND", f"Decimal({literal(str(limit))})")
            yield f"if {number} {op} {bound}:"
            yield "    " + self.issue(sink, keyword, v, bound, p, node.location)
        if node.multiple_of is not None:
            step = self.constant("STEP", f"Decimal({literal(str(node.multiple_of))})")
            yield f"if not _rt.decimal_multiple({number}, {step}):"
            yield "    " + self.issue(sink, "multipleOf", v, step, p, node.location)

    def number_group(self, node: Node, v: str, p: str, sink: str) -> Iterator[str]:
        if node.decimal is not None or node.decimal_of_ref is not None:
            return
        for attribute, keyword, op in _BOUNDS:
            limit = getattr(node, attribute)
            if limit is not None:
                yield f"if {v} {op} {literal(limit)}:"
                yield "    " + self.issue(
                    sink, keyword, v, literal(limit), p, node.location
                )
        if node.multiple_of is not None:
            factor = literal(node.multiple_of)
            yield f"if not _rt.is_multiple({v}, {factor}):"
            yield "    " + self.issue(sink, "multipleOf", v, factor, p, node.location)

    def object_group(self, node: Node, v: str, p: str, sink: str) -> Iterator[str]:
        loc = node.location
        declared = dict(node.properties)
        for name in node.required:
            if name not in declared:
                yield f"if {literal(name)} not in {v}:"
                yield f"    {self.missing(sink, name, p, loc)}"
        for name, sub in node.properties:
            yield from self.property(node, name, sub, v, p, sink)
        if node.additional is None or node.additional.accept is True:
            return
        if node.additional.accept is False:
            yield from self.closed(node, declared, v, p, sink)
            return
        known = (
            self.constant("KEYS", f"frozenset({literal(sorted(declared))})")
            if declared
            else "()"
        )
        key, value = self.fresh("k"), self.fresh("x")
        child = f'{p} + "/" + _rt.escape({key})'
        body = list(self.node(node.additional, value, child, sink, v))
        if not body:  # a schema that asserts nothing, such as {}: like true
            return
        if declared:
            yield f"if not {v}.keys() <= {known}:"
        else:
            yield f"if {v}:"
        yield f"    for {key}, {value} in {v}.items():"
        if declared:
            yield f"        if {key} in {known}:"
            yield "            continue"
        yield from _indent(body, 2)

    def closed(
        self, node: Node, declared: dict[str, Node], v: str, p: str, sink: str
    ) -> Iterator[str]:
        """`additionalProperties: false`: one issue per unknown key, at that key."""
        key = self.fresh("k")
        where = literal(f"{node.location}/additionalProperties")
        report = (
            f'{sink}.append(_rt.broken("additionalProperties", {key}, None, '
            f'{p} + "/" + _rt.escape({key}), {where}))'
        )
        if not declared:
            yield f"for {key} in {v}:"
            yield f"    {report}"
            return
        known = self.constant("KEYS", f"frozenset({literal(sorted(declared))})")
        yield f"if not {v}.keys() <= {known}:"
        yield f"    for {key} in {v}:"
        yield f"        if {key} not in {known}:"
        yield f"            {report}"

    def property(
        self, node: Node, name: str, sub: Node, v: str, p: str, sink: str
    ) -> Iterator[str]:
        required = name in node.required
        child_p = f"{p} + {literal('/' + _escape(name))}"
        value = self.fresh("v")
        body = list(self.node(sub, value, child_p, sink, v))
        missing = self.missing(sink, name, p, node.location)
        if sub.deprecated:
            # A warning, not an error: the data still holds a property on its way out.
            where = literal(f"{sub.location}/deprecated")
            body.append(
                f"{sink}.append(_rt.deprecated({literal(name)}, {child_p}, {where}))"
            )
        if not body:
            if required:
                yield f"if {literal(name)} not in {v}:"
                yield f"    {missing}"
            return
        yield f"{value} = {v}.get({literal(name)}, _ABSENT)"
        if required:
            yield f"if {value} is _ABSENT:"
            yield f"    {missing}"
            if _single_chain(body):
                yield f"el{body[0]}"
                yield from body[1:]
            else:
                yield "else:"
                yield from _indent(body)
        elif _single_if(body):
            # One test under the presence test: joined, as a person would (SIM102).
            yield f"if {value} is not _ABSENT and {grouped(body[0][3:-1])}:"
            yield from body[1:]
        else:
            yield f"if {value} is not _ABSENT:"
            yield from _indent(body)

    def array_group(
        self, node: Node, v: str, p: str, sink: str, owner: str | None
    ) -> Iterator[str]:
        loc = node.location
        if node.min_items is not None:
            yield f"if len({v}) < {node.min_items}:"
            yield "    " + self.issue(sink, "minItems", v, str(node.min_items), p, loc)
        if node.max_items is not None:
            yield f"if len({v}) > {node.max_items}:"
            yield "    " + self.issue(sink, "maxItems", v, str(node.max_items), p, loc)
        if node.unique_items:
            yield f"if _rt.has_duplicates({v}):"
            yield "    " + self.issue(sink, "uniqueItems", v, "True", p, loc)
        if node.items is not None and node.items.accept is not True:
            index, item = self.fresh("i"), self.fresh("x")
            body = list(
                self.node(node.items, item, f'{p} + "/" + str({index})', sink, None)
            )
            if body:
                yield f"for {index}, {item} in enumerate({v}):"
                yield from _indent(body)
        if node.ordered_by is not None:
            order = node.ordered_by
            where = literal(f"{loc}/x-ordered-by")
            yield (
                f"_rt.check_order({v}, {literal(order.name)}, "
                f"{literal(order.format)}, {p}, {where}, {sink})"
            )
        if node.parent_key is not None and owner is not None:
            key = node.parent_key
            where = literal(f"{loc}/items")
            form = f", {literal(key.form)}" if key.form else ""
            yield (
                f"_rt.check_parent_key({v}, {literal(key.child)}, "
                f"{owner}.get({literal(key.parent)}), {p}, {where}, {sink}{form})"
            )

    def enum_const(self, node: Node, v: str, p: str, sink: str) -> Iterator[str]:
        if node.enum is not None:
            values = list(node.enum)
            if all(isinstance(value, str) for value in values):
                allowed = self.constant("ENUM", f"frozenset({literal(values)})")
                yield f"if type({v}) is not str or {v} not in {allowed}:"
            else:
                allowed = self.constant("ENUM", f"_rt.json_keys({literal(values)})")
                yield f"if _rt.json_key({v}) not in {allowed}:"
            shown = self.constant("VALUES", literal(values))
            yield "    " + self.issue(sink, "enum", v, shown, p, node.location)
        if node.const is not None:
            value = node.const[0]
            if isinstance(value, str):
                yield f"if type({v}) is not str or {v} != {literal(value)}:"
            else:
                key = self.constant("CONST", f"_rt.json_key({literal(value)})")
                yield f"if _rt.json_key({v}) != {key}:"
            shown = self.constant("VALUE", literal(value))
            yield "    " + self.issue(sink, "const", v, shown, p, node.location)

    def alternatives(
        self,
        node: Node,
        options: tuple[Node, ...],
        keyword: str,
        v: str,
        p: str,
        sink: str,
        owner: str | None,
    ) -> Iterator[str]:
        """anyOf stops at the first option that holds; oneOf counts them all. An
        option fails on an error, not on a warning; the holding option's warnings
        (deprecated properties) are the value's."""
        found = [self.fresh("e") for _ in options]
        where = literal(f"{node.location}/{keyword}")
        finish = (
            f"{sink}.append(_rt.alternatives({literal(keyword)}, {v}, {p}, {where}, "
            f"[{', '.join(found)}]))"
        )
        if keyword == "anyOf":
            lines: list[str] = [finish]
            for errors, option in reversed(list(zip(found, options, strict=True))):
                body = list(self.node(option, v, p, errors, owner))
                lines = [
                    f"{errors}: list[ValidationIssue] = []",
                    *body,
                    f"if _rt.failed({errors}):",
                    *_indent(lines),
                    "else:",
                    f"    {sink}.extend({errors})",
                ]
            yield from lines
            return
        for errors, option in zip(found, options, strict=True):
            yield f"{errors}: list[ValidationIssue] = []"
            yield from self.node(option, v, p, errors, owner)
        holding = " + ".join(f"(not _rt.failed({errors}))" for errors in found)
        yield f"if {holding} != 1:"
        yield f"    {finish}"
        yield "else:"
        yield f"    {sink}.extend(_rt.held_warnings([{', '.join(found)}]))"


def _complexity(function: str) -> int:
    """McCabe's number as ruff counts it for this code: one plus each `if`, `elif`
    and `for` (the checks use no other branching statement)."""
    tree = ast.parse(function)
    return 1 + sum(
        isinstance(node, (ast.If, ast.For, ast.While)) for node in ast.walk(tree)
    )


def _signature(name: str) -> list[str]:
    line = f"def {name}(data: Any, *, fail_fast: bool = False) -> ValidationResult:"
    if len(line) <= layout.WIDTH:
        return [line]
    return [
        f"def {name}(",
        "    data: Any, *, fail_fast: bool = False",
        ") -> ValidationResult:",
    ]


def _single_chain(lines: list[str]) -> bool:
    """Whether `lines` are one `if` statement, with any `elif` and `else` clauses."""
    return lines[0].startswith("if ") and all(
        line.startswith(("    ", "elif ", "else:")) for line in lines[1:]
    )


def _single_if(lines: list[str]) -> bool:
    """Whether `lines` are one `if` statement without `elif` or `else`."""
    return (
        lines[0].startswith("if ")
        and lines[0].endswith(":")
        and all(line.startswith("    ") for line in lines[1:])
    )


def _escape(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")


def _indent(lines: list[str], depth: int = 1) -> list[str]:
    pad = "    " * depth
    return [f"{pad}{line}" for line in lines]


def _fit_all(lines: list[str]) -> list[str]:
    laid_out = []
    for line in lines:
        own = len(line) - len(line.lstrip(" "))
        laid_out += layout.fit(line.strip(), own)
    return laid_out


def module_text(
    code: ValidatorCode,
    entries: list[tuple[str, str, str]],
    preamble: list[str],
    runtime_imports: list[str],
) -> str:
    """A validator module: `preamble` (header, docstring), imports, constants, one
    public `validate_*` function per entry `(name, tree key, docstring)`, the checks.

    The checks are long straight-line functions on purpose (no schema is walked at
    run time), so the module exempts itself from the complexity limit.
    """
    text = "\n".join([*code.constants, *code.functions])
    imports = ["from __future__ import annotations", ""]
    if "re.compile" in text:
        imports.append("import re")
    if "Decimal(" in text:
        imports.append("from decimal import Decimal")
    if "_isfinite(" in text:
        imports.append("from math import isfinite as _isfinite")
    shared = {
        "_UUID": "_rt.UUID_SHAPE.fullmatch",
        "_RFC3339": "_rt.RFC3339",
        "_DATE": "_rt.DATE",
    }
    uuid = [
        f"{name}: Final = {code}" for name, code in shared.items() if f"{name}(" in text
    ]
    imports.append("from typing import Any, Final")
    exempt = (
        [
            "# ruff: noqa: C901",
            "# (each check is one straight-line function per schema, long by design)",
            "",
        ]
        if any(
            _complexity(function) > layout.MAX_COMPLEXITY for function in code.functions
        )
        else []
    )
    lines = [*preamble, *exempt, *imports, "", *runtime_imports, ""]
    lines += ["_ABSENT: Final = _rt.UNSET", *uuid, *code.constants, ""]
    for name, key, doc in entries:
        lines += [
            "",
            *_signature(name),
            doc,
            f"    if {fast_name(code.names[key])}(data):",
            "        return _rt.VALID",
            f"    return _rt.run({code.names[key]}, data, fail_fast)",
            "",
        ]
    for function in code.functions:
        lines += ["", function, ""]
    while lines and lines[-1] == "":
        lines.pop()
    return "\n".join(lines) + "\n"
