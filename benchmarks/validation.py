"""Section "validate": the generated validators against jsonschema, fastjsonschema,
jsonschema-rs and pydantic, with formats on, on the sample records, as ratios to the
hand-written baseline `from_dict`; then a Portfolio with five errors, every error
collected, as ratios to the generated validator.

The JSON Schema peers read the bundled schemas of generated/jsonschema (one
self-contained draft 2020-12 file per entity, decimal rules as a `pattern`); pydantic
uses the models of pydantic_rules.py. Before anything is timed, every validator must
accept the three valid records and refuse each record of `FORMAT_PROBES` (one value
made wrong, most of them a format), so that a validator whose formats are off cannot
win; then the section prints where the validators disagree on a few edge cases.
Timing is the models section's: loops of calls, interleaved rounds, medians of paired
ratios.
"""

from __future__ import annotations

import importlib
import itertools
import json
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import fastjsonschema
import jsonschema
import jsonschema_rs
import pydantic

from benchmarks import baseline, pydantic_rules
from benchmarks.conversions import GENERATED_PYTHON
from benchmarks.records import (
    INVALID_PORTFOLIO,
    PORTFOLIO_ERRORS,
    RECORDS,
    Record,
    with_values,
)
from benchmarks.timing import (
    Target,
    Times,
    Trial,
    calibrate,
    case_rows,
    measure,
    paired_ratio,
    print_table,
)

SCHEMAS = GENERATED_PYTHON.parent / "jsonschema"
STEMS = {"User": "user", "Portfolio": "portfolio", "Conversation": "conversation"}
"""The spec stem of each record: user.schema.json, validate_user."""

BASELINE = "baseline from_dict"
OURS = "generated"
VALID_TARGETS = {OURS: Target(BASELINE, 2.00)}
INVALID_TARGETS = (
    Target("jsonschema-rs", 2.00),
    Target("jsonschema", 1 / 50, strict=True),
)
"""What the issue asks of the generated validator on the Portfolio with five errors:
within 2x of jsonschema-rs, and over 50 times faster than jsonschema."""


@dataclass(frozen=True)
class Validator:
    """One validator made for one record's schema."""

    check: Callable[[Record], Any]
    """The call its documentation suggests for checking data: what is timed on the
    valid records."""
    errors: Callable[[Record], list[Any]]
    """Every error it reports on `data`, none if valid: what is timed on the
    Portfolio with five errors."""


def load_schema(record: str) -> dict[str, Any]:
    path = SCHEMAS / f"{STEMS[record]}.schema.json"
    if not path.is_file():
        raise RuntimeError(f"{path} is missing: run `dreamvault generate` first")
    schema: dict[str, Any] = json.loads(path.read_text("utf-8"))
    return schema


def generated(record: str) -> Validator:
    if str(GENERATED_PYTHON) not in sys.path:
        sys.path.insert(0, str(GENERATED_PYTHON))
    validators = importlib.import_module("dreamvault_models.validators")
    validate = getattr(validators, f"validate_{STEMS[record]}")
    return Validator(validate, lambda data: list(validate(data).errors))


def with_jsonschema(record: str) -> Validator:
    """Formats are checked only with a FormatChecker; date-time only with the
    rfc3339-validator package installed (the bench extra installs it)."""
    validator = jsonschema.Draft202012Validator(
        load_schema(record), format_checker=jsonschema.FormatChecker()
    )
    return Validator(validator.is_valid, lambda data: list(validator.iter_errors(data)))


def with_fastjsonschema(record: str) -> Validator:
    """Formats are on by default. It raises at the first error and has no way to
    collect them all: `errors` gives that first one."""
    validate = fastjsonschema.compile(load_schema(record))

    def first_error(data: Record) -> list[Any]:
        try:
            validate(data)
        except fastjsonschema.JsonSchemaException as error:
            return [error]
        return []

    return Validator(validate, first_error)


def with_jsonschema_rs(record: str) -> Validator:
    """Formats are off by default in draft 2020-12 (an annotation there); on here."""
    validator = jsonschema_rs.Draft202012Validator(
        load_schema(record), validate_formats=True
    )
    return Validator(validator.is_valid, lambda data: list(validator.iter_errors(data)))


def with_pydantic(record: str) -> Validator:
    """`model_validate` builds the model as it checks: pydantic has no check alone."""
    model = pydantic_rules.MODELS[record]

    def errors(data: Record) -> list[Any]:
        try:
            model.model_validate(data)
        except pydantic.ValidationError as error:
            return list(error.errors())
        return []

    return Validator(model.model_validate, errors)


VALIDATORS: dict[str, Callable[[str], Validator]] = {
    OURS: generated,
    "jsonschema": with_jsonschema,
    "fastjsonschema": with_fastjsonschema,
    "jsonschema-rs": with_jsonschema_rs,
    "pydantic": with_pydantic,
}
FIRST_ERROR_ONLY = frozenset({"fastjsonschema"})

Validators = dict[str, dict[str, Validator]]
"""Each validator made for each record: validators[name][record]."""

FORMAT_PROBES: dict[str, dict[str, Any]] = {
    "User": {
        "/id": "not-a-uuid",
        "/email": "ada.lovelace.example.com",
        "/created_at": "2023-02-14T08:21:07",
    },
    "Portfolio": {
        "/stocks/3/id": "stock-3",
        "/stocks/3/purchase_date": "2023-02-30",
        "/cash_balance": "12.345",
    },
    "Conversation": {
        "/messages/7/id": "message-7",
        "/messages/7/timestamp": "yesterday",
        "/config/temperature": 2.5,
    },
}
"""Values every validator must refuse, each tried alone in its record: a UUID, an
email address, a date-time without offset, a date, a decimal, a bound."""

EDGE_PROBES: tuple[tuple[str, str, Any], ...] = (
    ("User", "/email", "ada@@example.com"),
    ("User", "/email", "ada@localhost"),
    ("User", "/updated_at", "2024-03-01T17:02:60Z"),
    ("User", "/updated_at", "2024-03-01T17:02:44.0903117Z"),
    ("Portfolio", "/stocks/4/quantity", 150.0),
    ("Portfolio", "/stocks/4/portfolio_id", "00000000-0000-0000-0000-000000000000"),
    ("Conversation", "/messages/9/timestamp", "2024-03-15T09:30:12.418203+01:00"),
)
"""Where the validators part ways: an email with two @, a host without a dot, a leap
second, seven fraction digits, an integer written as a float, a stock of another
portfolio, a message before the one above it."""


def make_validators() -> Validators:
    return {
        name: {record: make(record) for record in RECORDS}
        for name, make in VALIDATORS.items()
    }


def prove(validators: Validators) -> None:
    """Refuse to time a validator that refuses a valid record, lets a probe through,
    or does not find the five errors of the invalid Portfolio."""
    for (name, made), (record, data) in itertools.product(
        validators.items(), RECORDS.items()
    ):
        if found := made[record].errors(data):
            raise RuntimeError(f"{name} refuses the valid {record}: {found[0]}")
        for pointer, value in FORMAT_PROBES[record].items():
            if not made[record].errors(with_values(data, {pointer: value})):
                raise RuntimeError(
                    f"{name} accepts {record} with {pointer} = {value!r}: "
                    "are its formats off?"
                )
    for name, made in validators.items():
        count = len(made["Portfolio"].errors(INVALID_PORTFOLIO))
        expected = 1 if name in FIRST_ERROR_ONLY else len(PORTFOLIO_ERRORS)
        if count != expected:
            raise RuntimeError(
                f"{name} finds {count} errors in the invalid Portfolio, not {expected}"
            )


def print_edges(validators: Validators) -> None:
    """Each validator's verdict on each of `EDGE_PROBES`."""
    probes = [f"{r} {p} = {v!r}" for r, p, v in EDGE_PROBES]
    rows = [["", *validators]]
    for probe, (record, pointer, value) in zip(probes, EDGE_PROBES, strict=True):
        data = with_values(RECORDS[record], {pointer: value})
        verdicts = [
            "refuses" if made[record].errors(data) else "accepts"
            for made in validators.values()
        ]
        rows.append([probe, *verdicts])
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    print("\nWhere the validators part ways (one value changed in a valid record):")
    for row in rows:
        cells = (cell.ljust(width) for cell, width in zip(row, widths, strict=True))
        print("  " + "  ".join(cells).rstrip())


Case = tuple[str, str]
"""("valid", record) or ("invalid", "Portfolio")."""


def build_cases(validators: Validators) -> dict[Case, list[Trial]]:
    cases = {}
    for record, data in RECORDS.items():
        decode = getattr(baseline, record).from_dict
        trials = [Trial(BASELINE, decode, data)]
        trials += [
            Trial(name, made[record].check, data) for name, made in validators.items()
        ]
        cases["valid", record] = trials
    cases["invalid", "Portfolio"] = [
        Trial(name, made["Portfolio"].errors, INVALID_PORTFOLIO)
        for name, made in validators.items()
    ]
    return cases


def report(times: dict[Case, Times], rounds: int) -> None:
    header = ["record", "validator", "us/call", "x baseline", "target", "measured"]
    rows = []
    for record in RECORDS:
        series = times["valid", record]
        rows += case_rows(record, series, BASELINE, VALID_TARGETS, "{:.2f}".format)
    title = (
        f"validate: valid records, formats on, median of {rounds} rounds "
        f"(x: median of paired ratios to the {BASELINE})"
    )
    print_table(title, [*header, "met"], rows)
    report_invalid(times["invalid", "Portfolio"], rounds)


def report_invalid(series: Times, rounds: int) -> None:
    header = ["record", "validator", "us/call", f"x {OURS}"]
    rows = [
        row[:4] for row in case_rows("Portfolio", series, OURS, {}, "{:.2f}".format)
    ]
    title = (
        f"validate: a Portfolio with {len(PORTFOLIO_ERRORS)} errors, every error "
        f"collected, median of {rounds} rounds (x: median of paired ratios to {OURS})"
    )
    print_table(title, header, rows)
    first_only = ", ".join(sorted(FIRST_ERROR_ONLY))
    print(f"{first_only}: stops at the first error, where the others find all five.")
    for target in INVALID_TARGETS:
        ratio = paired_ratio(series[OURS], series[target.reference])
        met = "yes" if target.met(ratio) else "NO"
        print(f"target: {OURS} {target.describe()}: {ratio:.3f}x, met: {met}")


def run(rounds: int, loop_ms: float) -> None:
    """The whole section: make, prove, show the edges, calibrate, measure, report."""
    validators = make_validators()
    prove(validators)
    print(f"\nJSON Schemas: {SCHEMAS.relative_to(SCHEMAS.parent.parent)}/")
    print_edges(validators)
    cases = build_cases(validators)
    for trial in itertools.chain.from_iterable(cases.values()):
        calibrate(trial, int(loop_ms * 1_000_000))
    report(measure(cases, rounds), rounds)
