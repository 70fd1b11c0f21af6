"""DESIGN.md section 4, cell by cell: presence and null, decimals, timestamps, dates,
enum member names, and Python keywords as property names.

Most cases run on a small spec of our own, generated into a temporary folder and
imported under its own package name. The decimal, timestamp and date tables are also
held against `generator.values`, the toolkit's copy of the same rules.
"""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path
from types import ModuleType
from typing import Any

import dreamvault_models
import pytest
from dreamvault_models import DecodeError, PerformanceMetrics, PerformancePeriod

from generator import naming, values
from generator.model import EnumType
from generator.project import render_all, write
from generator.settings import resolve
from tests.conftest import write_specs
from tests.strategies import MODEL

PACKAGE = "values_probe_models"
_SCHEMA = "https://json-schema.org/draft/2020-12/schema"
_TEXT = {"type": "string"}
_TEXT_OR_NULL = {"type": ["string", "null"]}
PROBE_SPECS = {
    "probe.schema.json": {
        "$schema": _SCHEMA,
        "title": "Probe",
        "type": "object",
        "properties": {
            "required_plain": _TEXT,
            "required_nullable": _TEXT_OR_NULL,
            "required_default": {**_TEXT, "default": "fallback"},
            "optional_plain": _TEXT,
            "optional_nullable": _TEXT_OR_NULL,
            "optional_default": {**_TEXT, "default": "fallback"},
            "optional_nullable_default": {**_TEXT_OR_NULL, "default": "fallback"},
            "class": {"type": "integer"},
            "amount": {
                "type": "string",
                "format": "decimal",
                "x-precision": 5,
                "x-scale": 2,
            },
            "at": {"type": "string", "format": "date-time"},
            "day": {"type": "string", "format": "date"},
        },
        "required": ["required_plain", "required_nullable", "required_default"],
        "additionalProperties": False,
    }
}
BASE = {"required_plain": "r", "required_nullable": "r", "required_default": "r"}
"""The smallest valid Probe record; each case changes one key of it."""


class _Marker:
    def __init__(self, name: str) -> None:
        self.name = name

    def __repr__(self) -> str:
        return self.name


ABSENT = _Marker("ABSENT")
"""The key is left out of the input."""
OMITTED = _Marker("OMITTED")
"""`to_dict` leaves the key out."""
UNSET_VALUE = _Marker("UNSET")
"""The attribute holds the package's UNSET."""


@pytest.fixture(scope="module")
def probe(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ModuleType]:
    """PROBE_SPECS generated into a temporary folder and imported as PACKAGE."""
    root = tmp_path_factory.mktemp("probe")
    write_specs(root / "specs", PROBE_SPECS)
    settings = resolve(
        {"specs": str(root / "specs"), "out": str(root / "out"), "package": PACKAGE},
        root,
    )
    write(settings, render_all(settings))
    yield _import_package(root / "out" / "python" / PACKAGE)
    for name in [n for n in sys.modules if n.split(".")[0] == PACKAGE]:
        del sys.modules[name]


def _import_package(folder: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        PACKAGE, folder / "__init__.py", submodule_search_locations=[str(folder)]
    )
    assert spec is not None and spec.loader is not None
    package = importlib.util.module_from_spec(spec)
    sys.modules[PACKAGE] = package
    spec.loader.exec_module(package)
    return package


def decode(probe: ModuleType, key: str, given: Any) -> Any:
    """`Probe.from_dict` of BASE with `key` set to `given` (or removed, for ABSENT)."""
    record = {k: v for k, v in BASE.items() if k != key}
    if given is not ABSENT:
        record[key] = given
    return probe.Probe.from_dict(record)


def refusal(probe: ModuleType, key: str, given: Any) -> list[tuple[str, str]]:
    """The (pointer, keyword) of each issue `from_dict` reports for one changed key."""
    with pytest.raises(probe.DecodeError) as caught:
        decode(probe, key, given)
    return [(issue.pointer, issue.keyword) for issue in caught.value.issues]


def python_value(probe: ModuleType, value: Any) -> Any:
    return UNSET_VALUE if value is probe.UNSET else value


# Required, nullable, absent -----------------------------------------------------------

ACCEPTED = [
    # property, input, Python value, what to_dict writes
    ("required_plain", "a", "a", "a"),
    ("required_nullable", None, None, None),
    ("required_nullable", "a", "a", "a"),
    ("optional_plain", ABSENT, UNSET_VALUE, OMITTED),
    ("optional_plain", "a", "a", "a"),
    ("optional_nullable", ABSENT, UNSET_VALUE, OMITTED),
    ("optional_nullable", None, None, None),
    ("optional_nullable", "a", "a", "a"),
    ("optional_default", ABSENT, "fallback", "fallback"),
    ("optional_default", "a", "a", "a"),
    ("optional_nullable_default", ABSENT, "fallback", "fallback"),
    ("optional_nullable_default", None, None, None),
]
ACCEPTED_IDS = [
    f"{key}-{'null' if given is None else given}" for key, given, *_ in ACCEPTED
]
REFUSED = [
    # property, input, pointer and keyword of the issue
    ("required_plain", ABSENT, ("", "required")),
    ("required_plain", None, ("/required_plain", "type")),
    ("required_nullable", ABSENT, ("", "required")),
    ("required_default", ABSENT, ("", "required")),
    ("optional_plain", None, ("/optional_plain", "type")),
    ("optional_default", None, ("/optional_default", "type")),
]
REFUSED_IDS = [
    f"{key}-{'null' if given is None else given}" for key, given, _ in REFUSED
]
ANNOTATIONS = [
    # DESIGN.md writes `T | None | Unset`; None goes last for ruff (RUF036).
    ("required_plain", "str"),
    ("required_nullable", "str | None"),
    ("required_default", "str"),
    ("optional_plain", "str | Unset"),
    ("optional_nullable", "str | Unset | None"),
    ("optional_default", "str"),
    ("optional_nullable_default", "str | None"),
]


@pytest.mark.parametrize(
    ("key", "given", "value", "written"), ACCEPTED, ids=ACCEPTED_IDS
)
def test_from_dict_gives(
    probe: ModuleType, key: str, given: Any, value: Any, written: Any
) -> None:
    assert python_value(probe, getattr(decode(probe, key, given), key)) == value


@pytest.mark.parametrize(
    ("key", "given", "value", "written"), ACCEPTED, ids=ACCEPTED_IDS
)
def test_to_dict_writes(
    probe: ModuleType, key: str, given: Any, value: Any, written: Any
) -> None:
    assert decode(probe, key, given).to_dict().get(key, OMITTED) == written


@pytest.mark.parametrize(("key", "given", "issue"), REFUSED, ids=REFUSED_IDS)
def test_from_dict_refuses(
    probe: ModuleType, key: str, given: Any, issue: tuple[str, str]
) -> None:
    assert refusal(probe, key, given) == [issue]


@pytest.mark.parametrize(
    ("key", "annotation"), ANNOTATIONS, ids=[a for a, _ in ANNOTATIONS]
)
def test_python_type(probe: ModuleType, key: str, annotation: str) -> None:
    assert probe.Probe.__annotations__[key] == annotation


# Decimals: DECIMAL(5, 2), at most 3 integer and 2 fraction digits -------------------

DECIMALS = [
    # wire text, what to_dict writes
    ("0", "0.00"),
    ("-0", "0.00"),
    ("12.5", "12.50"),
    ("12.50", "12.50"),
    ("0.01", "0.01"),
    ("-0.01", "-0.01"),
    ("999.99", "999.99"),
    ("-999.99", "-999.99"),
    ("007.5", "7.50"),
]
BAD_DECIMALS = [
    # wire value, keyword of the issue
    ("1000", "format"),
    ("1000.00", "format"),
    ("0.001", "format"),
    ("1e5", "format"),
    ("+1", "format"),
    (".5", "format"),
    ("5.", "format"),
    (" 1", "format"),
    ("1 ", "format"),
    ("1,0", "format"),
    ("", "format"),
    ("NaN", "format"),
    ("\u0661\u0662", "format"),
    (12.5, "type"),
    (12, "type"),
]


@pytest.mark.parametrize(("text", "written"), DECIMALS, ids=[t for t, _ in DECIMALS])
def test_decimal_is_read_exactly(probe: ModuleType, text: str, written: str) -> None:
    assert decode(probe, "amount", text).amount == Decimal(text)


@pytest.mark.parametrize(("text", "written"), DECIMALS, ids=[t for t, _ in DECIMALS])
def test_decimal_is_written_with_its_scale(
    probe: ModuleType, text: str, written: str
) -> None:
    assert decode(probe, "amount", text).to_dict()["amount"] == written


@pytest.mark.parametrize(
    ("value", "keyword"), BAD_DECIMALS, ids=[repr(v) for v, _ in BAD_DECIMALS]
)
def test_bad_decimal_is_refused(probe: ModuleType, value: Any, keyword: str) -> None:
    assert refusal(probe, "amount", value) == [("/amount", keyword)]


@pytest.mark.parametrize(
    ("value", "accepted"),
    [(text, True) for text, _ in DECIMALS]
    + [(value, False) for value, _ in BAD_DECIMALS],
    ids=[t for t, _ in DECIMALS] + [repr(v) for v, _ in BAD_DECIMALS],
)
def test_toolkit_agrees_on_decimal(value: Any, accepted: bool) -> None:
    assert (values.decimal_problem(value, 5, 2) is None) == accepted


# Timestamps ---------------------------------------------------------------------------

NOON = datetime(2024, 1, 1, 12, tzinfo=UTC)
NOON_INDIA = datetime(2024, 1, 1, 12, tzinfo=timezone(timedelta(hours=5, minutes=30)))
NOON_FAR_WEST = datetime(
    2024, 1, 1, 12, tzinfo=timezone(-timedelta(hours=23, minutes=59))
)
TIMESTAMPS = [
    # wire text, the aware datetime it means, what to_dict writes
    ("2024-01-01T12:00:00Z", NOON, "2024-01-01T12:00:00+00:00"),
    ("2024-01-01T12:00:00z", NOON, "2024-01-01T12:00:00+00:00"),
    ("2024-01-01t12:00:00Z", NOON, "2024-01-01T12:00:00+00:00"),
    ("2024-01-01T12:00:00+05:30", NOON_INDIA, "2024-01-01T12:00:00+05:30"),
    ("2024-01-01T12:00:00-23:59", NOON_FAR_WEST, "2024-01-01T12:00:00-23:59"),
    # RFC 3339 reads -00:00 as "offset unknown"; a Python datetime keeps only UTC.
    ("2024-01-01T12:00:00-00:00", NOON, "2024-01-01T12:00:00+00:00"),
    (
        "2024-01-01T12:00:00.123456Z",
        NOON.replace(microsecond=123456),
        "2024-01-01T12:00:00.123456+00:00",
    ),
    (
        "2024-01-01T00:00:00.5Z",
        NOON.replace(hour=0, microsecond=500000),
        "2024-01-01T00:00:00.500000+00:00",
    ),
    (
        "2024-02-29T12:00:00Z",
        NOON.replace(month=2, day=29),
        "2024-02-29T12:00:00+00:00",
    ),
]
BAD_TIMESTAMPS = [
    # wire value, keyword of the issue
    ("2024-01-01T12:00:00.1234567Z", "format"),
    ("2016-12-31T23:59:60Z", "format"),
    ("2024-01-01T12:00:00", "format"),
    ("2024-01-01 12:00:00Z", "format"),
    ("2024-01-01T12:00:00+24:00", "format"),
    ("2024-01-01T12:00:00+0530", "format"),
    ("2024-02-30T00:00:00Z", "format"),
    ("2023-02-29T00:00:00Z", "format"),
    ("2024-01-01T24:00:00Z", "format"),
    ("2024-01-01T12:00Z", "format"),
    ("2024-01-01T12:00:00,5Z", "format"),
    ("2024-01-01T12:00:00Z\n", "format"),
    ("2024-01-01", "format"),
    (1704110400, "type"),
]


def _instant(value: datetime) -> tuple[datetime, timedelta | None]:
    """`==` on aware datetimes compares instants only; the offset is compared too."""
    return value, value.utcoffset()


@pytest.mark.parametrize(
    ("text", "meant", "written"), TIMESTAMPS, ids=[t for t, *_ in TIMESTAMPS]
)
def test_timestamp_is_read_with_its_offset(
    probe: ModuleType, text: str, meant: datetime, written: str
) -> None:
    assert _instant(decode(probe, "at", text).at) == _instant(meant)


@pytest.mark.parametrize(
    ("text", "meant", "written"), TIMESTAMPS, ids=[t for t, *_ in TIMESTAMPS]
)
def test_timestamp_is_written_with_its_offset(
    probe: ModuleType, text: str, meant: datetime, written: str
) -> None:
    assert decode(probe, "at", text).to_dict()["at"] == written


@pytest.mark.parametrize(
    ("text", "meant", "written"), TIMESTAMPS, ids=[t for t, *_ in TIMESTAMPS]
)
def test_timestamp_survives_a_round_trip(
    probe: ModuleType, text: str, meant: datetime, written: str
) -> None:
    again = decode(probe, "at", decode(probe, "at", text).to_dict()["at"])
    assert _instant(again.at) == _instant(meant)


@pytest.mark.parametrize(
    ("value", "keyword"), BAD_TIMESTAMPS, ids=[repr(v) for v, _ in BAD_TIMESTAMPS]
)
def test_bad_timestamp_is_refused(probe: ModuleType, value: Any, keyword: str) -> None:
    assert refusal(probe, "at", value) == [("/at", keyword)]


@pytest.mark.parametrize(
    ("value", "accepted"),
    [(text, True) for text, *_ in TIMESTAMPS] + [(v, False) for v, _ in BAD_TIMESTAMPS],
    ids=[t for t, *_ in TIMESTAMPS] + [repr(v) for v, _ in BAD_TIMESTAMPS],
)
def test_toolkit_agrees_on_timestamp(value: Any, accepted: bool) -> None:
    assert (values.datetime_problem(value) is None) == accepted


# Dates --------------------------------------------------------------------------------

DATES = [
    ("2024-01-31", date(2024, 1, 31)),
    ("2024-02-29", date(2024, 2, 29)),
    ("0001-01-01", date(1, 1, 1)),
]
BAD_DATES = [
    ("2023-02-29", "format"),
    ("2024-1-01", "format"),
    ("20240101", "format"),
    ("2024-13-01", "format"),
    ("2024-01-01T00:00:00Z", "format"),
    (20240101, "type"),
]


@pytest.mark.parametrize(("text", "meant"), DATES, ids=[t for t, _ in DATES])
def test_date_is_read(probe: ModuleType, text: str, meant: date) -> None:
    assert decode(probe, "day", text).day == meant


@pytest.mark.parametrize(("text", "meant"), DATES, ids=[t for t, _ in DATES])
def test_date_is_written_as_it_came(probe: ModuleType, text: str, meant: date) -> None:
    assert decode(probe, "day", text).to_dict()["day"] == text


@pytest.mark.parametrize(
    ("value", "keyword"), BAD_DATES, ids=[repr(v) for v, _ in BAD_DATES]
)
def test_bad_date_is_refused(probe: ModuleType, value: Any, keyword: str) -> None:
    assert refusal(probe, "day", value) == [("/day", keyword)]


@pytest.mark.parametrize(
    ("value", "accepted"),
    [(text, True) for text, _ in DATES] + [(v, False) for v, _ in BAD_DATES],
    ids=[t for t, _ in DATES] + [repr(v) for v, _ in BAD_DATES],
)
def test_toolkit_agrees_on_date(value: Any, accepted: bool) -> None:
    assert (values.date_problem(value) is None) == accepted


# Enums --------------------------------------------------------------------------------

MEMBER_NAMES = [
    ("1d", "V1D"),
    ("all", "ALL"),
    ("in-progress", "IN_PROGRESS"),
    ("Dark Mode", "DARK_MODE"),
    ("_private", "V_PRIVATE"),
    ("é", "V_"),
]
METRICS = {
    "total_return": 1.0,
    "total_return_percent": 1.0,
    "daily_return": 0.1,
    "volatility": 0.5,
    "sharpe_ratio": None,
    "period": "1d",
}


@pytest.mark.parametrize(
    ("value", "name"), MEMBER_NAMES, ids=[v for v, _ in MEMBER_NAMES]
)
def test_enum_member_name(value: str, name: str) -> None:
    assert naming.enum_member_name(value) == name


def test_performance_period_members() -> None:
    members = [(m.name, m.value) for m in PerformancePeriod]
    assert members == [
        ("V1D", "1d"),
        ("V1W", "1w"),
        ("V1M", "1m"),
        ("V1Y", "1y"),
        ("ALL", "all"),
    ]


@pytest.mark.parametrize("enum", MODEL.enums, ids=[e.name for e in MODEL.enums])
def test_generated_enum_has_the_model_members(enum: EnumType) -> None:
    generated = getattr(dreamvault_models, enum.name)
    assert [(m.name, m.value) for m in generated] == [
        (m.name, m.value) for m in enum.members
    ]


def test_enum_value_is_read_as_its_member() -> None:
    assert PerformanceMetrics.from_dict(METRICS).period is PerformancePeriod.V1D


@pytest.mark.parametrize(
    ("value", "keyword"),
    [("2d", "enum"), ("1D", "enum"), ("", "enum"), (1, "enum"), (None, "type")],
    ids=repr,
)
def test_unknown_enum_value_is_refused(value: Any, keyword: str) -> None:
    """A value outside the enum breaks `enum`; null, for a non-nullable one, `type`."""
    with pytest.raises(DecodeError) as caught:
        PerformanceMetrics.from_dict({**METRICS, "period": value})
    issues = [(issue.pointer, issue.keyword) for issue in caught.value.issues]
    assert issues == [("/period", keyword)]


# Python keywords as property names ---------------------------------------------------


def test_keyword_property_becomes_an_attribute_with_underscore(
    probe: ModuleType,
) -> None:
    assert decode(probe, "class", 3).class_ == 3


def test_keyword_property_keeps_its_wire_name(probe: ModuleType) -> None:
    written = decode(probe, "class", 3).to_dict()
    assert (written.get("class"), "class_" in written) == (3, False)


def test_keyword_property_is_refused_under_its_wire_name(probe: ModuleType) -> None:
    assert refusal(probe, "class", "three") == [("/class", "type")]
