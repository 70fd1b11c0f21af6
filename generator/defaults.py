"""A default must satisfy its own property's schema (DESIGN.md section 4).

jsonschema checks the JSON Schema keywords, `$ref`s included; the rules jsonschema
cannot know (decimal strings with precision, scale and bounds; our narrowed date-time)
are checked with `generator.values`.
"""

from __future__ import annotations

from typing import Any

from generator import values
from generator.loader import SpecFile, lookup
from generator.model import Entity, Field, Kind, ValueType

_BASE = "https://specs.dreamvault.invalid/"


class DefaultChecker:
    def __init__(self, files: list[SpecFile]) -> None:
        from jsonschema import Draft202012Validator
        from referencing import Registry
        from referencing.jsonschema import DRAFT202012

        self._validator_class = Draft202012Validator
        self._registry: Any = Registry().with_resources(
            (_BASE + f.name, DRAFT202012.create_resource(f.schema)) for f in files
        )
        self._by_stem = {f.stem: f for f in files}

    def check(self, entity: Entity, field: Field) -> None:
        if field.default is not None:
            self._check_value(entity, field, field.default.value, "default")
        sql_default = field.sql_default
        if sql_default is not None and sql_default != "now":
            # Without x-default, the SQL default is the JSON Schema `default`.
            spec = self._by_stem[entity.stem]
            own = lookup(spec, field.location.pointer)
            keyword = "x-default" if "x-default" in own else "default"
            self._check_value(entity, field, sql_default, keyword)

    def _check_value(
        self, entity: Entity, field: Field, value: Any, keyword: str
    ) -> None:
        problem = self._schema_problem(entity, field, value) or _value_problem(
            field, value
        )
        if problem is not None:
            raise self._by_stem[entity.stem].error(
                f"{field.location.pointer}/{keyword}",
                f"{keyword} {value!r} breaks the property's own schema: {problem}",
            )

    def _schema_problem(self, entity: Entity, field: Field, value: Any) -> str | None:
        ref = f"{_BASE}{entity.stem}.schema.json#{field.location.pointer}"
        validator = self._validator_class(
            {"$ref": ref},
            registry=self._registry,
            format_checker=self._validator_class.FORMAT_CHECKER,
        )
        error = next(iter(validator.iter_errors(value)), None)
        return None if error is None else str(error.message)


def _value_problem(field: Field, value: Any) -> str | None:
    if value is None:
        return None
    value_type: ValueType = field.type
    if value_type.kind is Kind.DECIMAL:
        assert value_type.precision is not None and value_type.scale is not None
        problem = values.decimal_problem(value, value_type.precision, value_type.scale)
        if problem is not None:
            return problem
        from decimal import Decimal

        checks = field.checks
        bounds = {
            "minimum": checks.minimum,
            "exclusiveMinimum": checks.exclusive_minimum,
            "maximum": checks.maximum,
            "exclusiveMaximum": checks.exclusive_maximum,
        }
        return values.bound_problem(Decimal(value), bounds)
    if value_type.kind is Kind.DATETIME:
        return values.datetime_problem(value)
    if value_type.kind is Kind.DATE:
        return values.date_problem(value)
    return None
