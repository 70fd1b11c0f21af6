"""Read a folder of specs: parse with line numbers, meta-validate, resolve `$ref`.

The result is a list of `SpecFile`s that are each valid draft 2020-12, use only the
supported vocabulary, and whose `$ref`s all point at something that exists. `builder`
turns them into the intermediate model.
"""

from __future__ import annotations

import codecs
import hashlib
import json
import keyword
import re
import urllib.parse
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from generator import naming
from generator.errors import Location, SpecError, UsageError
from generator.jsonsource import JSONSyntaxError, SourceDocument, parse
from generator.vocabulary import keyword_problems

DRAFT_2020_12 = "https://json-schema.org/draft/2020-12/schema"
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")


@dataclass(frozen=True)
class SpecFile:
    """One parsed spec file. `display` is the path shown in messages."""

    name: str
    display: str
    document: SourceDocument
    sha256: str

    @property
    def stem(self) -> str:
        return self.name.removesuffix(".schema.json")

    @property
    def schema(self) -> Any:
        return self.document.value

    def at(self, pointer: str) -> Location:
        return Location(self.display, self.document.line_of(pointer), pointer)

    def error(self, pointer: str, message: str) -> SpecError:
        return SpecError(self.at(pointer), message)


def spec_paths(spec_dir: Path) -> list[Path]:
    """The spec files of a folder, sorted by name (`*.json` only, no subfolders)."""
    if not spec_dir.is_dir():
        raise UsageError(f"no such specs folder: {spec_dir}; pass --specs DIR")
    paths = sorted(p for p in spec_dir.iterdir() if p.suffix == ".json" and p.is_file())
    if not paths:
        raise UsageError(f"no spec files (*.json) in {spec_dir}")
    return paths


def read_specs(
    paths: Iterable[Path], display_root: Path | None = None
) -> list[SpecFile]:
    """Parse and check every file; sorted by file name, whatever the input order."""
    files = sorted((_read(path, display_root) for path in paths), key=lambda f: f.name)
    for spec in files:
        _check_vocabulary(spec)
    _check_meta_schema(files)
    by_name = {spec.name: spec for spec in files}
    for spec in files:
        for pointer, ref in _refs(spec.schema, ""):
            resolve_ref(by_name, spec, pointer, ref)
    return files


def check_document(spec: SpecFile) -> None:
    """The checks of `read_specs` for one self-contained document."""
    _check_vocabulary(spec)
    _check_meta_schema([spec])
    for pointer, ref in _refs(spec.schema, ""):
        resolve_ref({spec.name: spec}, spec, pointer, ref)


def _read(path: Path, display_root: Path | None) -> SpecFile:
    display = display_under(path, display_root)
    match = naming.SPEC_FILE.match(path.name)
    if match is None or keyword.iskeyword(match.group(1)):
        raise SpecError(
            Location(display, 1, ""),
            f"spec file name {path.name!r} is not <stem>.schema.json with a snake_case "
            "stem (a lower-case letter, then letters, digits and _; not a Python "
            "keyword), since the stem names a Python module",
        )
    if match.group(1) in naming.GENERATED_MODULES:
        raise SpecError(
            Location(display, 1, ""),
            f"spec file name {path.name!r} would name the module "
            f"{match.group(1)}.py, which the generated package already has; "
            "rename the spec",
        )
    raw = path.read_bytes()
    if raw.startswith(codecs.BOM_UTF8):
        raise SpecError(
            Location(display, 1, ""),
            "the file starts with a byte order mark; save it as UTF-8 without one",
        )
    try:
        document = parse(raw.decode("utf-8"))
    except UnicodeDecodeError as error:
        raise SpecError(Location(display, 1, ""), f"not UTF-8 text: {error}") from None
    except JSONSyntaxError as error:
        raise SpecError(
            Location(display, error.line, error.pointer),
            f"malformed JSON at column {error.column}: {error.message}",
        ) from None
    return SpecFile(path.name, display, document, hashlib.sha256(raw).hexdigest())


def display_under(path: Path, root: Path | None) -> str:
    """`path` relative to `root` when inside it, as messages show it."""
    if root is not None:
        try:
            return path.resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            pass
    return path.as_posix()


def _check_vocabulary(spec: SpecFile) -> None:
    if not isinstance(spec.schema, dict):
        raise spec.error("", "a spec must be a JSON object")
    declared = spec.schema.get("$schema", DRAFT_2020_12)
    if declared != DRAFT_2020_12:
        raise spec.error(
            "/$schema", f"$schema is {declared!r}; expected {DRAFT_2020_12!r}"
        )
    for pointer, message in keyword_problems(spec.schema):
        raise spec.error(pointer, message)


def _check_meta_schema(files: list[SpecFile]) -> None:
    """Draft 2020-12's own meta-schema, then ours for the shapes of the x- keywords."""
    from jsonschema import Draft202012Validator

    standard = Draft202012Validator(Draft202012Validator.META_SCHEMA)
    ours = Draft202012Validator(_vocabulary_schema())
    for spec in files:
        for validator, prefix in ((standard, "not valid draft 2020-12"), (ours, "")):
            errors = sorted(
                validator.iter_errors(spec.schema), key=lambda e: list(e.absolute_path)
            )
            if errors:
                raise _meta_error(spec, errors[0], prefix)


def _meta_error(spec: SpecFile, error: Any, prefix: str) -> SpecError:
    pointer = "".join(f"/{_token(part)}" for part in error.absolute_path)
    subject = str(error.absolute_path[-1]) if error.absolute_path else "the spec"
    message = error.message
    if error.validator == "pattern" and "description" in error.schema:
        message = f"{error.instance!r} is not {error.schema['description']}"
    if not prefix and subject.startswith("x-"):
        return spec.error(pointer, f"invalid {subject}: {message}")
    if not prefix:
        return spec.error(pointer, f"invalid value in an x- keyword: {message}")
    return spec.error(pointer, f"{prefix}: {error.message}")


def _token(part: object) -> str:
    return str(part).replace("~", "~0").replace("/", "~1")


@cache
def _vocabulary_schema() -> Any:
    text = (Path(__file__).parent / "vocabulary.schema.json").read_text("utf-8")
    return json.loads(text)


def _refs(schema: Any, pointer: str) -> Iterable[tuple[str, str]]:
    """Every `$ref` in a schema, with the pointer of the `$ref` keyword."""
    if isinstance(schema, dict):
        for key, value in schema.items():
            where = f"{pointer}/{_token(key)}"
            if key == "$ref" and isinstance(value, str):
                yield where, value
            elif key not in ("enum", "const", "default", "examples", "x-default"):
                yield from _refs(value, where)
    elif isinstance(schema, list):
        for index, item in enumerate(schema):
            yield from _refs(item, f"{pointer}/{index}")


def resolve_ref(
    by_name: dict[str, SpecFile], spec: SpecFile, pointer: str, ref: str
) -> tuple[SpecFile, str]:
    """The spec file and JSON pointer a `$ref` names; an error if it names nothing."""
    file_part, _, fragment = ref.partition("#")
    fragment = urllib.parse.unquote(fragment)  # a URI fragment: %20 is a space
    if _SCHEME.match(ref) or ref.startswith("//"):
        raise spec.error(
            pointer,
            f"remote $ref {ref!r} is refused; refer to a spec file of the same folder "
            "by its name, like 'stock.schema.json'",
        )
    if file_part and naming.SPEC_FILE.match(file_part) is None:
        raise spec.error(
            pointer,
            f"$ref {ref!r} must name a spec file of the same folder, like "
            "'stock.schema.json' (no folders, no '..')",
        )
    target = by_name.get(file_part) if file_part else spec
    if target is None:
        raise spec.error(
            pointer, f"dangling $ref {ref!r}: no spec file {file_part!r} in this folder"
        )
    if fragment and not fragment.startswith("/"):
        raise spec.error(
            pointer,
            f"$ref {ref!r}: the part after '#' must be a JSON pointer like '/$defs/x'",
        )
    if _lookup(target.schema, fragment) is _MISSING:
        raise spec.error(
            pointer, f"dangling $ref {ref!r}: {target.name} has nothing at #{fragment}"
        )
    return target, fragment


_MISSING = object()


def _lookup(document: Any, pointer: str) -> Any:
    node = document
    for raw in pointer.split("/")[1:]:
        token = raw.replace("~1", "/").replace("~0", "~")
        if isinstance(node, dict) and token in node:
            node = node[token]
        elif isinstance(node, list) and token.isdigit() and int(token) < len(node):
            node = node[int(token)]
        else:
            return _MISSING
    return node


def lookup(spec: SpecFile, pointer: str) -> Any:
    """The subschema of `spec` at `pointer`, which `resolve_ref` has proven exists."""
    return _lookup(spec.schema, pointer)
