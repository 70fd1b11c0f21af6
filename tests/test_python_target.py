"""The generated package as a product: it type-checks, lints, and handles $ref trees."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from tests.conftest import GENERATED, ROOT, write_specs

BIN = Path(sys.executable).parent


@pytest.mark.parametrize(
    "command",
    [
        ["mypy", "--strict", "dreamvault_models"],
        [
            "ruff",
            "check",
            "--config",
            str(ROOT / "pyproject.toml"),
            "dreamvault_models",
        ],
    ],
    ids=["mypy-strict", "ruff"],
)
def test_generated_package_passes(command: list[str]) -> None:
    result = subprocess.run(
        [str(BIN / command[0]), *command[1:]],
        cwd=GENERATED / "python",
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


MUTUAL = {
    "node_a.schema.json": {
        "title": "NodeA",
        "type": "object",
        "properties": {
            "b": {"$ref": "node_b.schema.json"},
            "kids": {"type": "array", "items": {"$ref": "node_a.schema.json"}},
        },
    },
    "node_b.schema.json": {
        "title": "NodeB",
        "type": "object",
        "properties": {
            "a": {"anyOf": [{"$ref": "node_a.schema.json"}, {"type": "null"}]}
        },
        "required": ["a"],
    },
}


def test_a_tree_across_two_modules_imports_and_round_trips(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_specs(tmp_path / "specs", MUTUAL)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["generate", "--out", "out"])
    assert result.exit_code == 0, result.output
    script = (
        "from dreamvault_models import NodeA\n"
        "wire = {'b': {'a': {'kids': [{}, {'b': {'a': None}}]}}}\n"
        "node = NodeA.from_dict(wire)\n"
        "assert node.to_dict() == wire, node.to_dict()\n"
        "assert NodeA.from_dict(node.to_dict()) == node\n"
        "print(type(node.b.a.kids[1].b).__name__)\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", script],
        cwd=tmp_path / "out/python",
        capture_output=True,
        text=True,
    )
    assert run.stdout.strip() == "NodeB", run.stderr
    for command in (
        ["mypy", "--strict"],
        ["ruff", "check", "--config", str(ROOT / "pyproject.toml")],
    ):
        checked = subprocess.run(
            [str(BIN / command[0]), *command[1:], "dreamvault_models"],
            cwd=tmp_path / "out/python",
            capture_output=True,
            text=True,
        )
        assert checked.returncode == 0, checked.stdout


BUILTIN_NAMES = {
    "thing.schema.json": {
        "title": "Thing",
        "type": "object",
        "properties": {
            name: {"type": "integer"}
            for name in ("int", "str", "list", "dict", "count")
        },
    }
}


def test_properties_named_like_builtins_type_check(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_specs(tmp_path / "specs", BUILTIN_NAMES)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["generate", "--out", "out"])
    assert result.exit_code == 0, result.output
    checked = subprocess.run(
        [str(BIN / "mypy"), "--strict", "dreamvault_models"],
        cwd=tmp_path / "out/python",
        capture_output=True,
        text=True,
    )
    assert checked.returncode == 0, checked.stdout
    source = (tmp_path / "out/python/dreamvault_models/thing.py").read_text()
    assert "    int_: int | Unset = UNSET" in source
    assert "    count: int | Unset = UNSET" in source
