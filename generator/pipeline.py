"""From a specs folder to the checked model: the one path every command takes."""

from __future__ import annotations

import ast
import hashlib
import re
import sys
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from generator.builder import build_model
from generator.consistency import check_model
from generator.errors import Location, SpecError
from generator.loader import display_under, read_specs, spec_paths
from generator.model import Behaviour, Entity, Model
from generator.schema import spec_tree


def load_model(spec_dir: Path, display_root: Path | None = None) -> Model:
    """Load the specs of `spec_dir` and their behaviour; SpecError if one is bad."""
    return load_model_from(spec_paths(spec_dir), spec_dir / "behaviour", display_root)


def load_model_from(
    paths: Iterable[Path], behaviour_dir: Path, display_root: Path | None = None
) -> Model:
    files = read_specs(paths, display_root)
    model = build_model(files)
    check_model(model, files)
    return replace(
        model,
        behaviours=_behaviours(model, behaviour_dir, display_root),
        schemas=spec_tree(model, files),
    )


def behaviour_paths(behaviour_dir: Path) -> list[Path]:
    if not behaviour_dir.is_dir():
        return []
    return sorted(p for p in behaviour_dir.glob("*.py") if p.name != "__init__.py")


def _behaviours(
    model: Model, behaviour_dir: Path, display_root: Path | None
) -> tuple[Behaviour, ...]:
    found = []
    for path in behaviour_paths(behaviour_dir):
        display = display_under(path, display_root)
        entity = model.by_stem(path.stem)
        if entity is None:
            raise SpecError(
                Location(display, 1, ""),
                f"behaviour file {path.name!r} has no spec {path.stem}.schema.json "
                "with properties beside it",
            )
        source = path.read_text("utf-8")
        class_name = f"{entity.name}Behaviour"
        if re.search(rf"^class {class_name}\b", source, re.MULTILINE) is None:
            raise SpecError(
                Location(display, 1, ""),
                f"behaviour file {path.name!r} must define the mixin class "
                f"{class_name}",
            )
        _check_shadowing(entity, source, display)
        digest = hashlib.sha256(source.encode("utf-8")).hexdigest()
        found.append(Behaviour(path.stem, class_name, source, digest))
    return tuple(found)


def _check_shadowing(entity: Entity, source: str, display: str) -> None:
    """A property named like a behaviour method would hide the method."""
    try:
        tree = ast.parse(source)
    except SyntaxError as error:
        raise SpecError(
            Location(display, error.lineno or 1, ""), f"not valid Python: {error.msg}"
        ) from None
    _check_imports(tree, display)
    methods = {
        node.name: node.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
    }
    for field in entity.fields:
        if field.attribute in methods:
            raise SpecError(
                field.location,
                f"property {field.name!r} has the name of a method of "
                f"{entity.name}Behaviour ({display}, line {methods[field.attribute]}); "
                "rename one of them",
            )


def _check_imports(tree: ast.Module, display: str) -> None:
    """Behaviour ships inside the generated package, which needs the standard library
    only: any other absolute import would break a vendored copy."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        else:
            continue
        for name in names:
            top = name.split(".")[0]
            if top not in sys.stdlib_module_names and top != "__future__":
                raise SpecError(
                    Location(display, node.lineno, ""),
                    f"behaviour imports {name!r}, which is not in the standard "
                    "library; the generated package may import nothing else (import "
                    "generated classes relatively, like 'from ..stock import Stock')",
                )
