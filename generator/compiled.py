"""Validators compiled in memory: the same code `generate` writes, run without a file.

`dreamvault validate` checks data against the specs as they are now (not against a
possibly stale `generated/`), and the conformance test compiles one validator per
schema of the JSON Schema Test Suite. Both exec the generated text with the runtime
rendered from the same template as `generated/.../_runtime.py`.
"""

from __future__ import annotations

import sys
import types
from collections.abc import Callable
from functools import cache
from typing import Any

from generator.emitters.validators import module_text, validator_code
from generator.model import Model
from generator.schema import SchemaSet, compile_document

_RUNTIME = "dreamvault_compiled_runtime"


@cache
def runtime() -> types.ModuleType:
    """The generated runtime, as a module of its own (registered in sys.modules, which
    its dataclasses need)."""
    from generator.render import Renderer

    text = Renderer().render("python/_runtime.py.j2", header="")
    module = types.ModuleType(_RUNTIME)
    sys.modules[_RUNTIME] = module
    exec(compile(text, "<dreamvault runtime>", "exec"), module.__dict__)
    return module


def compile_module(
    schemas: SchemaSet, entries: list[tuple[str, str]], name: str
) -> types.ModuleType:
    """A module with one `validate`-style function per entry `(function, tree key)`."""
    code = validator_code(schemas)
    docs = [
        (function, key, '    """Generated in memory."""') for function, key in entries
    ]
    text = module_text(code, docs, [], [])
    rt = runtime()
    module = types.ModuleType(name)
    module.__dict__.update(
        _rt=rt, ValidationIssue=rt.ValidationIssue, ValidationResult=rt.ValidationResult
    )
    exec(compile(text, f"<validators of {name}>", "exec"), module.__dict__)
    return module


def compile_validator(schema: Any, name: str = "schema.json") -> Callable[..., Any]:
    """`validate(data, *, fail_fast=False) -> ValidationResult` for one schema.

    The schema must be self-contained and use only the keywords of DESIGN.md section 3;
    anything else raises SpecError naming the place, as a spec would.
    """
    schemas, root = compile_document(schema, name)
    module = compile_module(schemas, [("validate", root)], name)
    validate: Callable[..., Any] = module.validate
    return validate


# The checks across records (`dreamvault validate`) ---------------------------------


def compile_dataset(model: Model) -> types.ModuleType:
    """The generated `dataset` module (`RULES`, `Dataset`), compiled in memory with
    its validators, `_dataset` and the runtime, as members of a package that exists
    only in `sys.modules` (their relative imports find each other there)."""
    from generator.checks import exec_member, register, virtual_package
    from generator.emitters.dataset import dataset_text, runtime_text
    from generator.render import Renderer

    package = virtual_package("dreamvault_compiled_dataset")
    register(package, "_runtime", runtime())
    entries = [(f"validate_{e.stem}", model.tree_key(e)) for e in model.entities]
    name = f"{package.__name__}.validators"
    register(package, "validators", compile_module(model.schemas, entries, name))
    exec_member(package, "_dataset", runtime_text(Renderer(), header=""))
    return exec_member(package, "dataset", dataset_text(model, header=""))
