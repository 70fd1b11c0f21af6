"""`generate` and `generate --check`: render every target in memory, then write or
compare.

Nothing is written until every target has rendered, so a bad spec leaves the output tree
exactly as it was. Each file is replaced atomically, and only when its bytes change.
"""

from __future__ import annotations

import difflib
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from generator.manifest import (
    MANIFEST,
    Manifest,
    files_on_disk,
    input_hashes,
    sha256_text,
)
from generator.output import OutputFile
from generator.settings import Settings


@dataclass
class Report:
    """What `generate` did or `--check` found, for the CLI to print."""

    written: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: int = 0
    diff: list[str] = field(default_factory=list)

    @property
    def stale(self) -> bool:
        return bool(self.diff)


def render_all(settings: Settings) -> list[OutputFile]:
    """Every output file, and the manifest last; raises SpecError for a bad spec."""
    from generator.emitters.python import emit_python
    from generator.pipeline import load_model
    from generator.render import Renderer

    model = load_model(settings.specs, settings.root)
    files = emit_python(model, settings.package, Renderer())
    manifest = Manifest(
        settings.recorded(),
        input_hashes(settings),
        {f.path: sha256_text(f.text) for f in files},
    )
    return [*files, OutputFile(MANIFEST, manifest.to_text())]


def write(settings: Settings, files: list[OutputFile]) -> Report:
    report = Report()
    wanted = {f.path for f in files}
    for output in files:
        target = settings.out / output.path
        if _read(target) == output.text:
            report.unchanged += 1
            continue
        _write_atomically(target, output.text)
        report.written.append(output.path)
    for orphan in files_on_disk(settings.out):
        if orphan not in wanted:
            (settings.out / orphan).unlink()
            _remove_empty_parents(settings.out / orphan, settings.out)
            report.removed.append(orphan)
    return report


def compare(settings: Settings, files: list[OutputFile], label: str) -> Report:
    """A unified diff from what is on disk to what `generate` would write."""
    report = Report()
    wanted = {f.path for f in files}
    for output in files:
        current = _read(settings.out / output.path)
        if current == output.text:
            report.unchanged += 1
            continue
        report.diff += _diff(f"{label}/{output.path}", current, output.text)
    for orphan in files_on_disk(settings.out):
        if orphan not in wanted:
            current = _read(settings.out / orphan)
            report.diff += _diff(f"{label}/{orphan}", current, None)
    return report


def _diff(path: str, old: str | None, new: str | None) -> list[str]:
    old_lines = [] if old is None else old.splitlines(keepends=True)
    new_lines = [] if new is None else new.splitlines(keepends=True)
    lines = list(
        difflib.unified_diff(
            old_lines,
            new_lines,
            "/dev/null" if old is None else f"a/{path}",
            "/dev/null" if new is None else f"b/{path}",
        )
    )
    return [line if line.endswith("\n") else line + "\n" for line in lines]


def _read(path: Path) -> str | None:
    try:
        return path.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def _write_atomically(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(text.encode("utf-8"))
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _remove_empty_parents(path: Path, root: Path) -> None:
    folder = path.parent
    while folder != root and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent
