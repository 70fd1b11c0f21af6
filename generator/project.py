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
    foreign: list[str] = field(default_factory=list)
    unchanged: int = 0
    stale: list[str] = field(default_factory=list)
    diff: list[str] = field(default_factory=list)


def render_all(settings: Settings) -> list[OutputFile]:
    """Every output file, and the manifest last; raises SpecError for a bad spec."""
    from generator.emitters.docs import emit_docs
    from generator.emitters.jsonschema import emit_jsonschema
    from generator.emitters.python import emit_python
    from generator.emitters.sql import emit_sql
    from generator.pipeline import load_model
    from generator.render import Renderer

    model = load_model(settings.specs, settings.root)
    renderer = Renderer()
    files = emit_python(model, settings.package, renderer)
    files += emit_sql(model, settings.dialects, renderer)
    files += emit_jsonschema(model)
    files += _other_dialects(settings)
    files += emit_docs(renderer)
    manifest = Manifest(
        settings.recorded(),
        input_hashes(settings),
        {f.path: sha256_text(f.text) for f in files},
    )
    return [*files, OutputFile(MANIFEST, manifest.to_text())]


def _other_dialects(settings: Settings) -> list[OutputFile]:
    """`--dialect` narrows what is written: the files of the other dialects are kept
    as they are (and listed in the manifest), never removed."""
    from generator.settings import DIALECTS

    kept = []
    for dialect in DIALECTS:
        path = f"sql/{dialect}/schema.sql"
        current = _read(settings.out / path)
        if dialect not in settings.dialects and current is not None:
            kept.append(OutputFile(path, _text(current)))
    return kept


def write(settings: Settings, files: list[OutputFile]) -> Report:
    """Write what changed; remove what an earlier run wrote and this one does not.

    A file that no run of `generate` wrote (no manifest lists it) is never removed:
    it is reported as foreign, so that a wrong `--out` cannot delete a user's files.
    """
    report = Report()
    wanted = {f.path for f in files}
    earlier = _earlier_outputs(settings)
    for output in files:
        target = settings.out / output.path
        if _read(target) == output.text.encode("utf-8"):
            report.unchanged += 1
            continue
        _write_atomically(target, output.text)
        report.written.append(output.path)
    for path in files_on_disk(settings.out):
        if path in wanted:
            continue
        if path in earlier:
            (settings.out / path).unlink()
            _remove_empty_parents(settings.out / path, settings.out)
            report.removed.append(path)
        else:
            report.foreign.append(path)
    return report


def compare(settings: Settings, files: list[OutputFile], label: str) -> Report:
    """A unified diff from what is on disk to what `generate` would write.

    Files that `generate` would remove, and files it did not write, are stale too: the
    output folder holds generated files only.
    """
    report = Report()
    wanted = {f.path for f in files}
    for output in files:
        current = _read(settings.out / output.path)
        if current == output.text.encode("utf-8"):
            report.unchanged += 1
            continue
        report.stale.append(output.path)
        report.diff += _diff(f"{label}/{output.path}", current, output.text)
    for path in files_on_disk(settings.out):
        if path not in wanted:
            report.stale.append(path)
            current = _read(settings.out / path)
            report.diff += _diff(f"{label}/{path}", current, None)
    return report


def _earlier_outputs(settings: Settings) -> set[str]:
    manifest = Manifest.read(settings.out)
    return set(manifest.outputs) if manifest else set()


def _diff(path: str, old: bytes | None, new: str | None) -> list[str]:
    """A unified diff, with its header even when no line differs (empty files)."""
    old_lines = [] if old is None else _text(old).splitlines(keepends=True)
    new_lines = [] if new is None else new.splitlines(keepends=True)
    before = "/dev/null" if old is None else f"a/{path}"
    after = "/dev/null" if new is None else f"b/{path}"
    lines = list(difflib.unified_diff(old_lines, new_lines, before, after))
    if not lines:
        lines = [f"--- {before}\n", f"+++ {after}\n"]
        if old is not None and new is not None:
            lines.append("@@ bytes differ (line endings or encoding) @@\n")
    return [line if line.endswith("\n") else line + "\n" for line in lines]


def _text(data: bytes) -> str:
    """The text of a file for a diff; bytes that are not UTF-8 are shown replaced."""
    return data.decode("utf-8", errors="replace")


def _read(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
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
