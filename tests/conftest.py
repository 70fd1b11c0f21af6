"""Shared test helpers: repository paths, hypothesis profiles, spec folders."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

# Fresh databases on the four engines, for the tests that run DDL (tests/engines.py).
pytest_plugins = ("tests.engines",)

ROOT = Path(__file__).resolve().parent.parent
SPECS = ROOT / "specs"
GENERATED = ROOT / "generated"
IN_CI = os.environ.get("CI", "").lower() in ("true", "1", "yes")

settings.register_profile(
    "ci", max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile("dev", max_examples=50, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if IN_CI else "dev"))


def write_specs(folder: Path, specs: dict[str, Any]) -> Path:
    """Write `{file name: schema or raw text}` into `folder` and return it."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, spec in specs.items():
        text = spec if isinstance(spec, str) else json.dumps(spec, indent=2)
        (folder / name).write_text(text, "utf-8")
    return folder


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the repository's specs in a fresh project folder, made current."""
    shutil.copytree(SPECS, tmp_path / "specs")
    (tmp_path / "pyproject.toml").write_text(
        '[tool.dreamvault]\nspecs = "specs"\nout = "generated"\n', "utf-8"
    )
    monkeypatch.chdir(tmp_path)
    return tmp_path
