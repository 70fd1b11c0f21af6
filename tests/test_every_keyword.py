"""A spec that uses every keyword of DESIGN.md section 3 in the ways the repository's
own specs do not: `$defs` with bounds beside a `$ref` or under `allOf`, `anyOf` and
`oneOf` over references, deprecated properties inside them, ordering by a decimal,
ECMA-262 patterns, exact decimal bounds, false schemas. Its generated package must
pass ruff and `mypy --strict`, and its validators must give these verdicts."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from generator.cli import main
from tests.conftest import ROOT

PACKAGE = "every_keyword"
BIN = Path(sys.executable).parent
DRAFT = "https://json-schema.org/draft/2020-12/schema"

PART = {
    "$schema": DRAFT,
    "title": "Part",
    "type": "object",
    "properties": {
        "seq": {"type": "string", "format": "decimal", "x-precision": 5, "x-scale": 1},
        "legacy": {"type": "string", "deprecated": True},
    },
    "required": ["seq"],
}
# Written as text: the bound has more digits than a float holds.
THING = """{
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "title": "Thing",
  "type": "object",
  "additionalProperties": false,
  "$defs": {
    "money": {"type": "string", "format": "decimal",
              "x-precision": 10.0, "x-scale": 2.0}
  },
  "properties": {
    "price": {"$ref": "#/$defs/money", "minimum": 1, "maximum": 100.5},
    "fee": {"allOf": [{"$ref": "#/$defs/money"}], "exclusiveMinimum": 0},
    "nickel": {"$ref": "#/$defs/money", "multipleOf": 0.05},
    "tiny": {"type": "string", "format": "decimal", "x-precision": 30, "x-scale": 25,
             "minimum": 0.1000000000000000000000001},
    "n": {"type": "integer", "allOf": [{"minimum": 1}, {"maximum": 5}]},
    "code": {"type": "string", "pattern": "^\\\\d{3}$"},
    "either": {"anyOf": [{"$ref": "part.schema.json"}, {"type": "null"}]},
    "one": {"oneOf": [{"$ref": "part.schema.json"}, {"type": "integer"}]},
    "parts": {"type": "array", "items": {"$ref": "part.schema.json"},
              "x-ordered-by": "seq", "uniqueItems": true, "maxItems": 3},
    "tag": {"enum": ["a", 1, null, [1], {"k": true}]},
    "fixed": {"const": {"a": [1, 2]}},
    "none": {"type": "array", "items": false},
    "never": false,
    "loose": {"type": "object", "additionalProperties": {}},
    "three": {"multipleOf": 3},
    "int3": {"allOf": [{"type": "integer"}, {"multipleOf": 3}]}
  }
}
"""
# One plain test in the fast path of `from_dict` (E714 once came of it).
NOTE = {
    "$schema": DRAFT,
    "title": "Note",
    "type": "object",
    "x-table": "notes",
    "properties": {
        "id": {"type": "string", "format": "uuid"},
        "body": {"type": "object"},
    },
    "required": ["id"],
    "additionalProperties": False,
}


@pytest.fixture(scope="module")
def python_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("every")
    specs = root / "specs"
    specs.mkdir()
    (specs / "part.schema.json").write_text(json.dumps(PART), "utf-8")
    (specs / "thing.schema.json").write_text(THING, "utf-8")
    (specs / "note.schema.json").write_text(json.dumps(NOTE), "utf-8")
    arguments = ["--specs", str(specs), "--out", str(root / "out")]
    result = CliRunner().invoke(main, ["generate", *arguments, "--package", PACKAGE])
    assert (result.exit_code, result.exception) == (0, None), result.output
    return root / "out" / "python"


def _run(command: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)


def test_ruff_check_passes(python_dir: Path) -> None:
    config = str(ROOT / "pyproject.toml")
    ruff = [str(BIN / "ruff"), "check", "--no-cache", "--config", config, PACKAGE]
    completed = _run(ruff, python_dir)
    assert completed.returncode == 0, completed.stdout


def test_mypy_strict_passes(python_dir: Path, tmp_path: Path) -> None:
    cache = str(tmp_path / "mypy_cache")
    command = [str(BIN / "mypy"), "--strict", "--cache-dir", cache, "-p", PACKAGE]
    completed = _run(command, python_dir)
    assert completed.returncode == 0, completed.stdout


VERDICTS: list[tuple[dict[str, Any], list[str], list[str]]] = [
    ({}, [], []),
    ({"price": "1.00", "fee": "0.01", "nickel": "2.05", "n": 5}, [], []),
    ({"price": "0.99"}, ["/price minimum"], []),
    ({"price": "100.51"}, ["/price maximum"], []),
    ({"price": "1.234"}, ["/price format"], []),
    ({"fee": "0.00"}, ["/fee exclusiveMinimum"], []),
    ({"nickel": "2.01"}, ["/nickel multipleOf"], []),
    ({"tiny": "0.1"}, ["/tiny minimum"], []),
    ({"tiny": "0.1000000000000000000000001"}, [], []),
    ({"n": 0}, ["/n minimum"], []),
    ({"n": 6}, ["/n maximum"], []),
    ({"code": "123"}, [], []),
    ({"code": "123\n"}, ["/code pattern"], []),  # ECMA-262: $ ends the text
    ({"code": "\u0661\u0662\u0663"}, ["/code pattern"], []),  # \d is ASCII
    # A deprecated property under anyOf/oneOf is a warning, never a failed option.
    ({"either": {"seq": "1.0", "legacy": "x"}}, [], ["/either/legacy"]),
    ({"either": None}, [], []),
    ({"either": 5}, ["/either anyOf"], []),
    ({"one": {"seq": "1.0", "legacy": "x"}}, [], ["/one/legacy"]),
    ({"one": 5}, [], []),
    ({"one": "x"}, ["/one oneOf"], []),
    ({"parts": [{"seq": "1.0"}, {"seq": "2.0"}]}, [], []),
    ({"parts": [{"seq": "2.0"}, {"seq": "1.0"}]}, ["/parts/1/seq x-ordered-by"], []),
    # Malformed order values get their own issue and no crash of the order check.
    ({"parts": [{"seq": "1.0"}, {"seq": "NaN"}]}, ["/parts/1/seq format"], []),
    ({"parts": [{"seq": "1.0"}, {"seq": 5}]}, ["/parts/1/seq type"], []),
    ({"parts": [{"seq": "1.0"}, {"seq": "1.0"}]}, ["/parts uniqueItems"], []),
    ({"parts": [{"seq": "1.0"}] * 4}, ["/parts maxItems", "/parts uniqueItems"], []),
    ({"tag": [1]}, [], []),
    ({"tag": {"k": True}}, [], []),
    ({"tag": True}, ["/tag enum"], []),
    ({"tag": [True]}, ["/tag enum"], []),
    ({"tag": 1.0}, [], []),
    ({"fixed": {"a": [1, 2.0]}}, [], []),
    ({"fixed": {"a": [2, 1]}}, ["/fixed const"], []),
    ({"extra": 1}, ["/extra additionalProperties"], []),
    ({"none": []}, [], []),
    ({"none": [1]}, ["/none/0 false"], []),
    ({"never": None}, ["/never false"], []),
    ({"loose": {"a": [1, {"b": None}]}}, [], []),
    ({"loose": []}, ["/loose type"], []),
    ({"three": 9, "int3": 9}, [], []),
    ({"three": "x"}, [], []),
    ({"three": 9.5}, ["/three multipleOf"], []),
    ({"int3": 9.0}, [], []),
    ({"int3": 10}, ["/int3 multipleOf"], []),
]


def test_validators_give_the_expected_verdicts(python_dir: Path) -> None:
    probe = (
        "import json, sys\n"
        "sys.path.insert(0, '.')\n"
        f"from {PACKAGE} import validate_thing\n"
        "cases = json.loads(sys.stdin.read())\n"
        "out = []\n"
        "for data in cases:\n"
        "    r = validate_thing(data)\n"
        "    out.append([sorted(f'{i.pointer} {i.keyword}' for i in r.errors),\n"
        "                [w.pointer for w in r.warnings], r.valid])\n"
        "print(json.dumps(out))\n"
    )
    cases = [data for data, _, _ in VERDICTS]
    completed = subprocess.run(
        [sys.executable, "-I", "-c", probe],
        cwd=python_dir,
        input=json.dumps(cases),
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    got = json.loads(completed.stdout)
    expected = [[sorted(e), w, not e] for _, e, w in VERDICTS]
    mismatches = [
        (data, want, have)
        for (data, _, _), want, have in zip(VERDICTS, expected, got, strict=True)
        if want != have
    ]
    assert mismatches == []
