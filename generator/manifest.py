"""`generated/manifest.json`: the hash of every input and output.

It lets `generate --check` confirm a current tree by hashing files, without importing
the loader, Jinja2 or jsonschema, and without rendering anything.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any, NamedTuple

from generator import __version__
from generator.settings import Settings

MANIFEST = "manifest.json"
# Folders under the output root that a user's tools make (bytecode, caches); never ours.
IGNORED_PARTS = frozenset(
    {"__pycache__", ".mypy_cache", ".ruff_cache", ".pytest_cache"}
)


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def sha256_text(text: str) -> str:
    return sha256_bytes(text.encode("utf-8"))


class Manifest(NamedTuple):
    settings: dict[str, Any]
    inputs: dict[str, str]
    outputs: dict[str, str]

    def to_text(self) -> str:
        data = {
            "$comment": "Written by `dreamvault generate`; do not edit.",
            "generator": f"dreamvault-codegen {__version__}",
            "settings": self.settings,
            "inputs": dict(sorted(self.inputs.items())),
            "outputs": dict(sorted(self.outputs.items())),
        }
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"

    @classmethod
    def read(cls, out: Path) -> Manifest | None:
        try:
            data = json.loads((out / MANIFEST).read_text("utf-8"))
            return cls(data["settings"], data["inputs"], data["outputs"])
        except (OSError, ValueError, KeyError, TypeError):
            return None


def input_hashes(settings: Settings) -> dict[str, str]:
    """Hashes of everything the output is derived from, keyed by a machine-free name."""
    from generator.render import template_root

    toolkit = Path(__file__).parent
    groups = [
        ("specs", settings.specs, "*.json"),
        ("specs/behaviour", settings.specs / "behaviour", "*.py"),
        ("templates", template_root(), "**/*.j2"),
        ("toolkit", toolkit, "**/*.py"),
        ("toolkit", toolkit, "**/*.json"),
    ]
    hashes: dict[str, str] = {}
    for prefix, folder, pattern in groups:
        if not folder.is_dir():
            continue
        for path in folder.glob(pattern):
            relative = path.relative_to(folder)
            if path.is_file() and not IGNORED_PARTS & set(relative.parts):
                if prefix == "toolkit" and relative.parts[0] == "templates":
                    continue
                hashes[f"{prefix}/{relative.as_posix()}"] = sha256_bytes(
                    path.read_bytes()
                )
    return hashes


def files_on_disk(out: Path) -> list[str]:
    """Every file under the output root (POSIX paths), but the manifest and caches."""
    if not out.is_dir():
        return []
    found = []
    for path in out.rglob("*"):
        relative = path.relative_to(out)
        if IGNORED_PARTS & set(relative.parts) or not path.is_file():
            continue
        if relative.as_posix() != MANIFEST:
            found.append(relative.as_posix())
    return sorted(found)


def is_current(settings: Settings) -> bool:
    """Whether the manifest proves the tree current: same inputs, outputs untouched."""
    manifest = Manifest.read(settings.out)
    if manifest is None or manifest.settings != settings.recorded():
        return False
    if (settings.out / MANIFEST).read_bytes() != manifest.to_text().encode("utf-8"):
        return False  # hand-edited: what generate writes would differ
    if manifest.inputs != input_hashes(settings):
        return False
    if files_on_disk(settings.out) != sorted(manifest.outputs):
        return False
    return all(
        sha256_bytes((settings.out / path).read_bytes()) == digest
        for path, digest in manifest.outputs.items()
    )
