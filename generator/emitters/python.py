"""The Python target: one module per spec, `_runtime.py`, behaviour copies,
`__init__.py`.

Python decides every line of code here; the templates in `templates/python/` only lay
the pieces out. Values from the spec reach the code through `repr` (strings, defaults)
or `docstring` (descriptions), never as raw text.
"""

from __future__ import annotations

import hashlib
import json
import textwrap
from collections.abc import Iterator
from dataclasses import dataclass

from generator.emitters import layout, pycode
from generator.emitters.conditions import negated
from generator.emitters.dataset import emit_dataset
from generator.emitters.validators import module_text, validator_code
from generator.model import Entity, EnumType, Field, Kind, Model, ValueType
from generator.output import OutputFile, header_lines
from generator.render import Renderer

_STDLIB_ORDER = ("collections.abc", "dataclasses", "datetime", "decimal", "typing")


def emit_python(model: Model, package: str, renderer: Renderer) -> list[OutputFile]:
    root = f"python/{package}"
    emitter = _PythonEmitter(model, renderer)
    files = [
        OutputFile(f"{root}/py.typed", ""),
        emitter.runtime(f"{root}/_runtime.py"),
        emitter.package_init(f"{root}/__init__.py", package),
    ]
    files.append(emitter.validators(f"{root}/validators.py"))
    files += emit_dataset(model, renderer, root)
    files += [emitter.enum(f"{root}/{e.stem}.py", e) for e in model.enums]
    files += [emitter.entity(f"{root}/{e.stem}.py", e) for e in model.entities]
    if model.behaviours:
        files.append(emitter.behaviour_init(f"{root}/_behaviour/__init__.py"))
        files += [
            OutputFile(
                f"{root}/_behaviour/{b.stem}.py",
                "\n".join(header_lines("#", f"behaviour/{b.stem}.py", b.source_hash))
                + "\n"
                + b.source,
            )
            for b in model.behaviours
        ]
    return sorted(files, key=lambda f: f.path)


@dataclass(frozen=True)
class _FieldCode:
    """The pieces of code one field contributes to its class."""

    declaration: list[str]
    doc: str | None


class _PythonEmitter:
    def __init__(self, model: Model, renderer: Renderer) -> None:
        self.model = model
        self.renderer = renderer
        self.edges = {e.name: set(_entity_targets(e)) for e in model.entities}
        self.enum_stems = {e.name: e.stem for e in model.enums}

    def runtime(self, path: str) -> OutputFile:
        source = self.renderer.source("python/_runtime.py.j2")
        digest = hashlib.sha256(source.encode("utf-8")).hexdigest()
        header = _header("templates/python/_runtime.py.j2", digest)
        return OutputFile(
            path, self.renderer.render("python/_runtime.py.j2", header=header)
        )

    def validators(self, path: str) -> OutputFile:
        """Every entity's validator, in one module that imports only the runtime."""
        code = validator_code(self.model.schemas)
        entries = [
            (
                validator_name(e),
                self.model.tree_key(e),
                "    "
                + docstring(
                    f"Check JSON data (as `json.loads` gives it) against every rule of "
                    f"{e.stem}.schema.json.",
                    4,
                ),
            )
            for e in self.model.entities
        ]
        digest = hashlib.sha256(
            "".join(e.source_hash for e in self.model.entities).encode("ascii")
        ).hexdigest()
        preamble = [
            _header("every object spec", digest),
            '"""Validators: every rule of the specs, each issue with its JSON pointer.',
            "",
            "`validate_<spec>(data)` checks JSON data as `json.loads` gives it and "
            "returns a",
            "ValidationResult with every error (`fail_fast=True` stops at the first).",
            '"""',
            "",
        ]
        runtime = [
            "from . import _runtime as _rt",
            "from ._runtime import ValidationIssue, ValidationResult",
        ]
        return OutputFile(path, module_text(code, entries, preamble, runtime))

    def package_init(self, path: str, package: str) -> OutputFile:
        specs: tuple[Entity | EnumType, ...] = (*self.model.enums, *self.model.entities)
        names = sorted((spec.stem, spec.name) for spec in specs)
        digest = hashlib.sha256(json.dumps(names).encode("utf-8")).hexdigest()
        validators = sorted(validator_name(e) for e in self.model.entities)
        exports = _sorted_names(
            ["UNSET", "DecodeError", "Unset", "ValidationIssue", "ValidationResult"]
            + ["Dataset"]
            + [name for _, name in names]
            + validators
        )
        text = self.renderer.render(
            "python/__init__.py.j2",
            header=_header("the list of specs", digest),
            package=package,
            modules=sorted([*names, ("dataset", "Dataset")]),
            validators=validators,
            exports=exports,
        )
        return OutputFile(path, text)

    def behaviour_init(self, path: str) -> OutputFile:
        stems = [b.stem for b in self.model.behaviours]
        digest = hashlib.sha256(json.dumps(stems).encode("utf-8")).hexdigest()
        header = _header("the list of behaviour files", digest)
        docstring = '"""Hand-written behaviour, copied from specs/behaviour/."""'
        return OutputFile(path, f"{header}\n{docstring}\n")

    def enum(self, path: str, enum: EnumType) -> OutputFile:
        text = self.renderer.render(
            "python/enum.py.j2",
            docstring_module=(
                f'"""The {enum.name} enum, from {enum.stem}.schema.json."""'
            ),
            header=_header(f"{enum.stem}.schema.json", enum.source_hash),
            name=enum.name,
            docstring=docstring(enum.description or f"The {enum.name} values.", 4),
            members=[
                line
                for m in enum.members
                for line in layout.fit(f"{m.name} = {pycode.literal(m.value)}", 4)
            ],
            by_value=layout.fit(
                f"{pycode.members_name(enum.name)}: Final[dict[str, {enum.name}]] = "
                f"{{m._value_: m for m in {enum.name}}}",
                0,
            ),
        )
        return OutputFile(path, text)

    def entity(self, path: str, entity: Entity) -> OutputFile:
        ordered = sorted(entity.fields, key=lambda f: not f.required)
        behaviour = self.model.behaviour(entity.stem)
        top, bottom = self._entity_imports(entity, behaviour is not None)
        text = self.renderer.render(
            "python/entity.py.j2",
            header=_header(f"{entity.stem}.schema.json", entity.source_hash),
            imports=top,
            late_imports=bottom,
            name=entity.name,
            base=f"({behaviour.class_name})" if behaviour else "",
            docstring=docstring(entity.description or f"A {entity.name}.", 4),
            docstring_module=(
                f'"""The {entity.name} class, from {entity.stem}.schema.json."""'
            ),
            fields=[self._field_code(f) for f in ordered],
            to_dict=_laid_out(list(_to_dict_lines(entity)), 8),
            trusted=_laid_out(_trusted_lines(ordered), 8),
            checked=_laid_out(_checked_lines(entity, ordered, self.enum_stems), 8),
            fast=_laid_out(_fast_lines(entity, ordered), 8),
            known=_laid_out([f"_KNOWN_KEYS = {_known_keys(entity)}"], 0)
            if not entity.additional_properties
            else [],
            constants=_laid_out(
                _default_constants(entity) + _pattern_constants(entity), 0
            ),
            location=f"{entity.stem}.schema.json#",
            late_reason=(
                "these modules import this one; at the top it would be circular."
            ),
        )
        return OutputFile(path, text)

    def _field_code(self, field: Field) -> _FieldCode:
        # None goes last in the union (ruff RUF036): `T | Unset | None`.
        annotation = pycode.hint(field.type)
        if field.has_unset:
            annotation += " | Unset"
        if field.nullable:
            annotation += " | None"
        declaration = f"{field.attribute}: {annotation}"
        default = _default_code(field)
        if default is not None:
            declaration += f" = {default}"
        return _FieldCode(
            layout.fit(declaration, 4),
            docstring(field.description, 4) if field.description else None,
        )

    def _entity_imports(
        self, entity: Entity, has_behaviour: bool
    ) -> tuple[list[str], list[str]]:
        stdlib = _stdlib_imports(entity)
        runtime = ["UNSET", "DecodeError", "ValidationIssue", "ValidationResult"]
        kinds = {vt.kind for f in entity.fields for vt in _walk(f.type)}
        if Kind.DATETIME in kinds:
            runtime.append("datetime_from_iso")
        if Kind.DATE in kinds:
            runtime.append("date_from_iso")
        if any(f.has_unset for f in entity.fields):
            runtime.append("Unset")
        local = ["from . import _runtime as _rt"]
        if has_behaviour:
            local.append(
                f"from ._behaviour.{entity.stem} import {entity.name}Behaviour"
            )
        local.append(_import_line("._runtime", runtime))
        local.append(f"from .validators import {validator_name(entity)} as _validate")
        late: list[str] = []
        for stem, names in self._imported_specs(entity):
            line = _import_line(f".{stem}", names)
            cyclic = isinstance(self.model.lookup(names[-1]), Entity) and self._reaches(
                names[-1], entity.name
            )
            (late if cyclic else local).append(line)
        return [*stdlib, "", *_sorted_local(local)], late

    def _imported_specs(self, entity: Entity) -> list[tuple[str, list[str]]]:
        found: dict[str, list[str]] = {}
        for field in entity.fields:
            for value_type in _walk(field.type):
                if value_type.target is None or value_type.target == entity.name:
                    continue
                target = self.model.lookup(value_type.target)
                names = [target.name]
                if isinstance(target, EnumType):
                    names.insert(0, pycode.members_name(target.name))
                found[target.stem] = names
        return sorted(found.items())

    def _reaches(self, start: str, goal: str) -> bool:
        seen, todo = set(), [start]
        while todo:
            name = todo.pop()
            if name == goal:
                return True
            if name not in seen:
                seen.add(name)
                todo.extend(self.edges.get(name, ()))
        return False


def validator_name(entity: Entity) -> str:
    """`validate_stock` for stock.schema.json: the stem is an identifier."""
    return f"validate_{entity.stem}"


def _header(source: str, digest: str) -> str:
    """The `#` header of a generated Python file."""
    return "\n".join(header_lines("#", source, digest))


def docstring(text: str, indent: int) -> str:
    """A triple-quoted docstring holding `text` as data: nothing in it can end it.

    Backslashes, quotes and every character outside printable ASCII are escaped (ruff
    flags look-alikes such as an en dash); lines are wrapped to the 88 columns of the
    generated code.
    """
    width = 88 - indent
    paragraphs = [
        textwrap.fill(
            _escape_doc(p.strip()),
            width - 3,
            break_long_words=False,
            break_on_hyphens=False,
        )
        for p in text.strip().split("\n\n")
    ]
    body = "\n\n".join(paragraphs)
    backslashes = len(body[:-1]) - len(body[:-1].rstrip("\\"))
    if body.endswith('"') and backslashes % 2 == 0:
        # A last quote that is not escaped yet would merge with the closing quotes.
        body = body[:-1] + '\\"'
    if "\n" not in body and len(body) + 6 <= width:
        return f'"""{body}"""'
    pad = " " * indent
    lines = [f"{pad}{line}" if line else "" for line in f"{body}\n".split("\n")]
    return '"""' + "\n".join(lines)[indent:] + pad + '"""'


def _escape_doc(text: str) -> str:
    text = text.replace("\\", "\\\\").replace('"""', '\\"\\"\\"')
    text = " ".join(text.split("\n"))
    return "".join(c if " " <= c <= "~" else _escape_char(c) for c in text)


def _escape_char(char: str) -> str:
    escape = char.encode("unicode_escape").decode("ascii")
    # A class docstring is encoded as UTF-8 when the class is made, which fails on a
    # lone surrogate: the docstring shows its escape as text instead.
    return "\\" + escape if "\ud800" <= char <= "\udfff" else escape


def _walk(value_type: ValueType) -> Iterator[ValueType]:
    yield value_type
    if value_type.items is not None:
        yield from _walk(value_type.items)


def _entity_targets(entity: Entity) -> Iterator[str]:
    for field in entity.fields:
        for value_type in _walk(field.type):
            if value_type.kind is Kind.ENTITY and value_type.target is not None:
                yield value_type.target


def _stdlib_imports(entity: Entity) -> list[str]:
    kinds = {vt.kind for f in entity.fields for vt in _walk(f.type)}
    wanted = {
        "collections.abc": ["Mapping"],
        "dataclasses": ["dataclass"],
        "datetime": sorted(
            {"date" for k in kinds if k is Kind.DATE}
            | {"datetime" for k in kinds if k is Kind.DATETIME}
            | {"datetime" for f in entity.fields if _datetime_default(f)}
        ),
        "decimal": ["Decimal"] if Kind.DECIMAL in kinds else [],
        "typing": ["Any"],
    }
    if any(
        _default_code(f) and "field(" in (_default_code(f) or "") for f in entity.fields
    ):
        wanted["dataclasses"].append("field")
    lines = ["from __future__ import annotations", ""]
    lines += [
        f"from {module} import {', '.join(wanted[module])}"
        for module in _STDLIB_ORDER
        if wanted[module]
    ]
    return lines


def _datetime_default(field: Field) -> bool:
    return field.default is not None and field.type.kind is Kind.DATETIME


def _import_line(module: str, names: list[str]) -> str:
    """`from module import names`, a name a line when it would not fit (as isort)."""
    ordered = _sorted_names(names)
    line = f"from {module} import {', '.join(ordered)}"
    if len(line) <= layout.WIDTH:
        return line
    return "\n".join([f"from {module} import (", *(f"    {n}," for n in ordered), ")"])


def _sorted_names(names: list[str]) -> list[str]:
    """isort's order: CONSTANTS, then Classes, then the rest, each alphabetical."""

    def key(name: str) -> tuple[int, str]:
        if name.isupper() and len(name) > 1:  # isort: one capital is a class
            return 0, name
        return (1 if name[0].isupper() else 2), name.lower()

    return sorted(set(names), key=key)


def _sorted_local(lines: list[str]) -> list[str]:
    def key(line: str) -> tuple[str, int]:
        module = line.split()[1]
        return module.lstrip("."), 0 if line.startswith("from . import") else 1

    return sorted(lines, key=key)


def _default_code(field: Field) -> str | None:
    """The dataclass default: `= UNSET`, a literal, or a factory for mutable values."""
    if field.default is None:
        return "UNSET" if field.has_unset else None
    value = field.default.value
    if value is None:
        return "None"
    expression = pycode.from_wire(field.type, pycode.literal(value))
    if isinstance(value, (dict, list)) or field.type.kind is Kind.ENTITY:
        if value in ({}, []) and expression in ("{}", "list([])"):
            return f"field(default_factory={type(value).__name__})"
        return f"field(default_factory=lambda: {expression})"
    if field.type.kind in _CALLED_DEFAULTS:
        return _default_constant(field)
    return expression


# Kinds whose default is built by a call (`Decimal("0.00")`): a call in a dataclass
# default reads as if it ran per instance, so it becomes a module constant instead.
_CALLED_DEFAULTS = (Kind.DECIMAL, Kind.DATE, Kind.DATETIME)


def _default_constant(field: Field) -> str:
    return f"_DEFAULT_{field.attribute}"


def _pattern_constants(entity: Entity) -> list[str]:
    """One compiled decimal pattern per DECIMAL(p, s) the fast path checks inline."""
    decimals = {
        pycode.decimal_pattern_name(f.type): (f.type.precision, f.type.scale)
        for f in entity.fields
        if f.type.kind is Kind.DECIMAL
    }
    return [
        f"{name} = _rt.decimal_pattern({precision}, {scale})"
        for name, (precision, scale) in sorted(decimals.items())
    ]


def _default_constants(entity: Entity) -> list[str]:
    lines = []
    for field in entity.fields:
        default = field.default
        if (
            field.type.kind in _CALLED_DEFAULTS
            and default
            and default.value is not None
        ):
            expression = pycode.from_wire(field.type, pycode.literal(default.value))
            lines.append(f"{_default_constant(field)} = {expression}")
    return lines


def _fresh_default(field: Field) -> str:
    """An expression that builds the default anew, for `from_trusted_dict`."""
    assert field.default is not None
    value = field.default.value
    if value is None:
        return "None"
    if field.type.kind in _CALLED_DEFAULTS:
        return _default_constant(field)
    return pycode.from_wire(field.type, pycode.literal(value))


def _to_dict_lines(entity: Entity) -> Iterator[str]:
    """One dict literal in spec order; an optional field that is UNSET is left out.

    Absent optional fields are filtered once at the end rather than with an `if` per
    field, so the method stays straight-line however many optional fields there are.
    """
    yield "data: dict[str, Any] = {"
    for field in entity.fields:
        attribute = f"self.{field.attribute}"
        value = _nullable_to_wire(field.type, attribute)
        if field.has_unset:
            value = f"UNSET if {attribute} is UNSET else {value}"
        yield f"    {json.dumps(field.name)}: {value},"
    yield "}"
    if any(field.has_unset for field in entity.fields):
        yield "return {key: value for key, value in data.items() if value is not UNSET}"
    else:
        yield "return data"


def _nullable_to_wire(value_type: ValueType, expression: str) -> str:
    converted = pycode.to_wire(value_type, expression)
    if value_type.nullable and converted != expression:
        return f"None if {expression} is None else {converted}"
    return converted


def _local(field: Field) -> str:
    return f"_{field.attribute}"


def _needs_local(field: Field) -> bool:
    if pycode.is_identity(field.type):
        return False
    return field.nullable or not field.required


def _laid_out(lines: list[str], indent: int) -> list[str]:
    """Each line at `indent` plus its own leading spaces, broken to fit 88 columns."""
    laid_out = []
    for line in lines:
        own = len(line) - len(line.lstrip(" "))
        # A generated statement never ends with a comma; an argument or an entry of a
        # literal does, and stands inside brackets.
        enclosed = line.endswith(",")
        laid_out += layout.fit(line.strip(), indent + own, enclosed)
    return laid_out


def _trusted_lines(fields: list[Field]) -> list[str]:
    arguments = [f"    {_trusted_arg(f)}," for f in fields]
    return [*_trusted_locals(fields), "return cls(", *arguments, ")"]


def _trusted_locals(fields: list[Field]) -> Iterator[str]:
    for field in fields:
        if not _needs_local(field):
            continue
        key = json.dumps(field.name)
        fetch = f"data[{key}]" if field.required else f"data.get({key}, UNSET)"
        yield f"{_local(field)} = {fetch}"


def _trusted_arg(field: Field) -> str:
    key = json.dumps(field.name)
    if not _needs_local(field):
        if field.required:
            return pycode.from_wire(field.type, f"data[{key}]")
        fallback = "UNSET" if field.default is None else _fresh_default(field)
        return f"data.get({key}, {fallback})"
    name = _local(field)
    converted = pycode.from_wire(field.type, name)
    absent = [] if field.required else [f"{name} is UNSET"]
    null = [f"{name} is None"] if field.nullable else []
    if field.required:
        return f"None if {name} is None else {converted}"
    fallback = "UNSET" if field.default is None else _fresh_default(field)
    if null:
        return (
            f"{fallback} if {name} is UNSET "
            f"else None if {name} is None else {converted}"
        )
    return f"{fallback} if {' or '.join(absent)} else {converted}"


_PRESENCE = {
    (True, False): "_rt.REQUIRED",
    (True, True): "_rt.REQUIRED | _rt.NULLABLE",
    (False, False): "0",
    (False, True): "_rt.NULLABLE",
}


def _checked_lines(
    entity: Entity, fields: list[Field], enums: dict[str, str]
) -> list[str]:
    """Check and convert a record in a single pass; build it if nothing failed."""
    known = "_KNOWN_KEYS" if not entity.additional_properties else "None"
    lines = [
        "if type(value) is dict:",
        "    instance = cls._from_valid(value)",
        "    if instance is not None:",
        "        return instance",
        "count = len(issues)",
        f"record = _rt.as_record(value, issues, pointer, _LOCATION, {known})",
        "if record is None:",
        "    return None",
    ]
    for field in entity.fields:
        reader, arguments = pycode.take(field.type, enums)
        call = (
            f"{reader}(record, {json.dumps(field.name)}, "
            f"{_PRESENCE[field.required, field.nullable]}, issues, pointer, "
            f"_LOCATION{', ' if arguments else ''}{arguments})"
        )
        lines.append(f"{_local(field)} = {call}")
    return [
        *lines,
        "if len(issues) > count:",
        "    return None",
        "return cls(",
        *(f"    {_checked_argument(f)}," for f in fields),
        ")",
    ]


def _fast_lines(entity: Entity, fields: list[Field]) -> list[str]:
    """Build a record that breaks no rule the checked path knows; None otherwise.

    Plain values are tested in one expression, converted ones marked INVALID: no
    branch per field, and no issue is prepared on the way.
    """
    lines = []
    if not entity.additional_properties:
        lines += ["if not record.keys() <= _KNOWN_KEYS:", "    return None"]
    lines += [f"{_local(f)} = record.get({json.dumps(f.name)}, UNSET)" for f in fields]
    tests, converted, conversions = [], [], []
    for field in fields:
        test = pycode.type_test(field.type, _local(field))
        if test is None:
            expression = pycode.fast_conversion(field.type, _local(field))
            if expression is None:
                function, *arguments = pycode.validator(field.type).split(", ")
                expression = f"{function}({', '.join([_local(field), *arguments])})"
            conversions.append(f"{_local(field)} = {_when_present(field, expression)}")
            converted.append(f"{_local(field)} is _rt.INVALID")
        else:
            tests.append(_when_present(field, test, test=True))
    if conversions:  # a date the calendar lacks raises: the checked path says which
        lines += ["try:", *(f"    {c}" for c in conversions), "except ValueError:"]
        lines.append("    return None")
    if tests:
        lines += [f"if {negated(' and '.join(tests))}:", "    return None"]
    if converted:
        lines += [f"if {' or '.join(converted)}:", "    return None"]
    arguments = [f"    {_checked_argument(f)}," for f in fields]
    return [*lines, "return cls(", *arguments, ")"]


def _when_present(field: Field, expression: str, test: bool = False) -> str:
    """`expression` for a present, non-null value; absence and null where allowed."""
    name = _local(field)
    allowed = ([] if field.required else [f"{name} is UNSET"]) + (
        [f"{name} is None"] if field.nullable else []
    )
    if test:
        return f"({' or '.join([*allowed, expression])})" if allowed else expression
    if not allowed:
        return expression
    return f"{name} if {' or '.join(allowed)} else {expression}"


def _checked_argument(field: Field) -> str:
    if field.default is None:
        return _local(field)
    return f"{_fresh_default(field)} if {_local(field)} is UNSET else {_local(field)}"


def _known_keys(entity: Entity) -> str | None:
    if entity.additional_properties:
        return None
    names = ", ".join(json.dumps(f.name) for f in entity.fields)
    return f"frozenset({{{names}}})"
