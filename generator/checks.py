"""What `dreamvault validate` checks with: the `dataset` module of the generated
package (its `RULES`, `Dataset` and `Finding`), with the validators it calls.

The rules are always those of the specs as they are now. When the manifest proves the
generated tree current (same specs, templates and toolkit source; outputs untouched),
its files are that very text, and loading them (through Python's bytecode cache) spares
the loader, jsonschema and Jinja2, most of the start-up; otherwise the module is
compiled in memory from the specs (`generator.compiled.compile_dataset`).
"""

from __future__ import annotations

import sys
import types
from pathlib import Path

from generator.settings import Settings


def dataset_module(settings: Settings) -> types.ModuleType:
    """The dataset module for the specs of `settings`; SpecError for a bad spec."""
    from generator.manifest import is_current

    if is_current(settings):
        return load_generated_dataset(settings.out / "python" / settings.package)
    from generator.compiled import compile_dataset
    from generator.pipeline import load_model

    return compile_dataset(load_model(settings.specs, settings.root))


def load_generated_dataset(folder: Path) -> types.ModuleType:
    """The `dataset` module of the generated package in `folder`, loaded with the
    modules it needs (`_runtime`, `validators`, `_dataset`) as members of a package
    that exists only in `sys.modules`, so the package's `__init__` (every class) does
    not run."""
    import importlib.util

    package = virtual_package("dreamvault_generated_dataset")
    module = package
    for name in ("_runtime", "validators", "_dataset", "dataset"):
        spec = importlib.util.spec_from_file_location(
            f"{package.__name__}.{name}", folder / f"{name}.py"
        )
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        register(package, name, module)
        spec.loader.exec_module(module)
    return module


def virtual_package(name: str) -> types.ModuleType:
    """An empty package, in `sys.modules` only, for modules that import each other
    relatively (`from . import _runtime`)."""
    package = types.ModuleType(name)
    package.__path__ = []
    sys.modules[name] = package
    return package


def register(package: types.ModuleType, name: str, module: types.ModuleType) -> None:
    sys.modules[f"{package.__name__}.{name}"] = module
    setattr(package, name, module)


def exec_member(package: types.ModuleType, name: str, text: str) -> types.ModuleType:
    """Run `text` as the module `name` of `package`, registered first (dataclasses
    look their module up while the class is made)."""
    module = types.ModuleType(f"{package.__name__}.{name}")
    module.__package__ = package.__name__
    register(package, name, module)
    exec(compile(text, f"<{module.__name__}>", "exec"), module.__dict__)
    return module
