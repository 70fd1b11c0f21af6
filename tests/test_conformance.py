"""The official JSON Schema Test Suite, run through validators the toolkit compiles.

Each case's schema goes through the same path as a spec (vocabulary check, meta-schema,
assertion tree, generated code), then every test datum of the case is validated. In
scope are the suite's files for the keywords of DESIGN.md section 3 and the formats we
assert; a case whose schema needs something else (an unsupported keyword, a remote or
cross-document `$ref`, a nested `$id`) is refused at compile time and counted apart,
never as a pass. The suite lives in `../shared/conformance/`, beside a checkout: a fresh
clone alone skips this test, CI never does.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from generator.compiled import compile_validator
from generator.errors import SpecError
from tests.conftest import IN_CI, ROOT

SUITE = ROOT.parent / "shared/conformance/json-schema-test-suite/tests/draft2020-12"

IN_SCOPE = [
    "additionalProperties.json",
    "allOf.json",
    "anyOf.json",
    "boolean_schema.json",
    "const.json",
    "default.json",
    "defs.json",
    "enum.json",
    "exclusiveMaximum.json",
    "exclusiveMinimum.json",
    "infinite-loop-detection.json",
    "items.json",
    "maxItems.json",
    "maxLength.json",
    "maximum.json",
    "minItems.json",
    "minLength.json",
    "minimum.json",
    "multipleOf.json",
    "oneOf.json",
    "pattern.json",
    "properties.json",
    "ref.json",
    "required.json",
    "type.json",
    "uniqueItems.json",
    "optional/ecmascript-regex.json",
    "optional/non-bmp-regex.json",
    "optional/format/date-time.json",
    "optional/format/date.json",
    "optional/format/email.json",
    "optional/format/uuid.json",
]
"""`format.json` is out: it tests format as an annotation, and we assert formats."""

DEVIATIONS = {
    (
        "optional/format/date-time.json",
        "a valid date-time with a leap second, UTC",
    ): "leap second: a Python datetime cannot hold :60 (DESIGN.md section 4)",
    (
        "optional/format/date-time.json",
        "a valid date-time with a leap second, with minus offset",
    ): "leap second: a Python datetime cannot hold :60 (DESIGN.md section 4)",
    (
        "optional/format/date-time.json",
        "a second fraction of fifteen nines is valid",
    ): "more than six fraction digits: a datetime holds microseconds (DESIGN.md §4)",
}
"""Test data whose verdict differs from the suite's on purpose, each with its reason."""

EXPECTED = {
    "additionalProperties.json": (8, 13),
    "allOf.json": (30, 0),
    "anyOf.json": (18, 0),
    "boolean_schema.json": (18, 0),
    "const.json": (54, 0),
    "default.json": (7, 0),
    "defs.json": (0, 2),
    "enum.json": (51, 0),
    "exclusiveMaximum.json": (4, 0),
    "exclusiveMinimum.json": (4, 0),
    "infinite-loop-detection.json": (2, 0),
    "items.json": (12, 17),
    "maxItems.json": (6, 0),
    "maxLength.json": (7, 0),
    "maximum.json": (8, 0),
    "minItems.json": (6, 0),
    "minLength.json": (7, 0),
    "minimum.json": (11, 0),
    "multipleOf.json": (11, 0),
    "oneOf.json": (27, 0),
    "pattern.json": (9, 3),
    "properties.json": (20, 8),
    "ref.json": (42, 37),
    "required.json": (18, 0),
    "type.json": (80, 0),
    "uniqueItems.json": (43, 26),
    "optional/ecmascript-regex.json": (50, 24),
    "optional/non-bmp-regex.json": (7, 5),
    "optional/format/date-time.json": (30, 0),
    "optional/format/date.json": (81, 0),
    "optional/format/email.json": (27, 0),
    "optional/format/uuid.json": (28, 0),
}
"""(test data that agree with the suite, test data refused with their schema) per file.

The refused ones need a keyword outside DESIGN.md section 3 (patternProperties,
prefixItems, contains, not, $anchor, $dynamicRef, unevaluated*, ...), a `$ref` into
another document, a `$id` below the root, or a pattern Python's `re` cannot run as
ECMA-262 does (`\\p{Letter}`). Any change to these numbers is a change in
what the validators accept: look at it, then update the table.
"""


def _run(name: str) -> tuple[Counter[str], list[str]]:
    """Counts of agree/refused/deviation for one file, and each disagreement."""
    counts: Counter[str] = Counter()
    wrong: list[str] = []
    for case in json.loads((SUITE / name).read_text("utf-8")):
        try:
            validate = compile_validator(case["schema"])
        except SpecError:
            counts["refused"] += len(case["tests"])
            continue
        for test in case["tests"]:
            got = _verdict(validate, test["data"])
            if (name, test["description"]) in DEVIATIONS:
                counts["deviation"] += 1
                assert got != test["valid"], f"{name}: {test['description']} now agrees"
            elif got == test["valid"]:
                counts["agree"] += 1
            else:
                wrong.append(
                    f"{name}: {case['description']}: {test['description']}: "
                    f"expected valid={test['valid']}"
                )
    return counts, wrong


def _verdict(validate: Any, data: Any) -> bool:
    return bool(validate(data).valid)


@pytest.fixture(scope="module")
def suite() -> Path:
    if not SUITE.is_dir():
        if IN_CI:
            pytest.fail(f"the conformance suite is missing: {SUITE}")
        pytest.skip(f"no conformance suite beside this checkout ({SUITE})")
    return SUITE


@pytest.mark.parametrize("name", IN_SCOPE)
def test_every_in_scope_case_agrees_with_the_suite(suite: Path, name: str) -> None:
    counts, wrong = _run(name)
    assert wrong == []
    assert (counts["agree"], counts["refused"]) == EXPECTED[name]


def test_the_count_per_keyword_is_printed(
    suite: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = []
    totals: Counter[str] = Counter()
    for name in IN_SCOPE:
        counts, _ = _run(name)
        totals.update(counts)
        rows.append(
            f"{name:<36} {counts['agree']:>5} {counts['refused']:>8} "
            f"{counts['deviation']:>10}"
        )
    with capsys.disabled():
        print("\nJSON Schema Test Suite, draft 2020-12")
        print(f"{'file':<36} {'agree':>5} {'refused':>8} {'deviation':>10}")
        print("\n".join(rows))
        print(
            f"{'total':<36} {totals['agree']:>5} {totals['refused']:>8} "
            f"{totals['deviation']:>10}"
        )
    assert totals["deviation"] == len(DEVIATIONS)


@pytest.mark.parametrize(
    ("schema", "needle"),
    [
        ({"not": {"type": "string"}}, "unknown keyword 'not'"),
        ({"prefixItems": [{"type": "integer"}]}, "unknown keyword 'prefixItems'"),
        ({"$ref": "http://example.com/x.json"}, "remote $ref"),
        ({"$ref": "other.json"}, "must name a spec file"),
        ({"$defs": {"a": {"$id": "a.json"}}}, "$id below the root"),
        (
            {
                "properties": {
                    "foo": {"$id": "b.json", "$ref": "#/$defs/inner"},
                },
            },
            "#/properties/foo/$id: $id below the root",
        ),
        ({"type": "string", "format": "hostname"}, "unknown format 'hostname'"),
    ],
)
def test_a_schema_beyond_the_vocabulary_is_refused_by_name(
    schema: dict[str, Any], needle: str
) -> None:
    with pytest.raises(SpecError) as raised:
        compile_validator(schema)
    assert needle in str(raised.value)
