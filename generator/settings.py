"""Settings: the command line first, then `[tool.dreamvault]` in the nearest
`pyproject.toml` above the current folder, then the defaults (DESIGN.md section 6)."""

from __future__ import annotations

import keyword
import sys
import tomllib
from pathlib import Path
from typing import Any, NamedTuple

from generator.errors import UsageError

DIALECTS = ("postgresql", "mysql", "sqlite", "duckdb")
DEFAULTS: dict[str, Any] = {
    "specs": "specs",
    "out": "generated",
    "package": "dreamvault_models",
    "dialects": list(DIALECTS),
}


class Settings(NamedTuple):
    """Where the specs are, where output goes, and what is generated."""

    root: Path
    specs: Path
    out: Path
    package: str
    dialects: tuple[str, ...]

    def recorded(self) -> dict[str, Any]:
        """What the manifest records: the settings that shape the output's bytes."""
        return {"package": self.package, "dialects": list(self.dialects)}


def resolve(cli: dict[str, Any], cwd: Path) -> Settings:
    """Merge the command line (`cli`; None: not given) over pyproject and defaults."""
    pyproject = _nearest_pyproject(cwd)
    table = _table(pyproject) if pyproject else {}
    root = pyproject.parent if pyproject else cwd

    def pick(key: str) -> tuple[Any, Path]:
        if cli.get(key) not in (None, ()):
            return cli[key], cwd
        if key in table:
            return table[key], root
        return DEFAULTS[key], root

    specs, specs_base = pick("specs")
    out, out_base = pick("out")
    package, _ = pick("package")
    dialects, _ = pick("dialects")
    _check_package(package)
    _check_dialects(dialects)
    return Settings(
        root=root,
        specs=(specs_base / specs).resolve(),
        out=(out_base / out).resolve(),
        package=package,
        dialects=tuple(d for d in DIALECTS if d in dialects),
    )


def _nearest_pyproject(cwd: Path) -> Path | None:
    for folder in (cwd, *cwd.parents):
        candidate = folder / "pyproject.toml"
        if candidate.is_file():
            return candidate
    return None


def _table(pyproject: Path) -> dict[str, Any]:
    try:
        data = tomllib.loads(pyproject.read_text("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise UsageError(f"{pyproject}: not valid TOML: {error}") from None
    table = data.get("tool", {}).get("dreamvault", {})
    unknown = sorted(set(table) - set(DEFAULTS))
    if unknown:
        raise UsageError(
            f"{pyproject}: [tool.dreamvault] has unknown setting {unknown[0]!r}; "
            f"expected one of {', '.join(sorted(DEFAULTS))}"
        )
    for key in ("specs", "out", "package"):
        if key in table and not isinstance(table[key], str):
            raise UsageError(f"{pyproject}: [tool.dreamvault] {key} must be a string")
    return dict(table)


def _check_package(package: str) -> None:
    if package in sys.stdlib_module_names:
        raise UsageError(
            f"package name {package!r} is a standard library module, which it would "
            "hide; choose another, like 'dreamvault_models'"
        )
    if (
        not package.isidentifier()
        or not package.isascii()
        or keyword.iskeyword(package)
    ):
        raise UsageError(
            f"package name {package!r} is not a Python identifier; "
            "use letters, digits and _, like 'dreamvault_models'"
        )


def _check_dialects(dialects: Any) -> None:
    if not isinstance(dialects, list | tuple) or not dialects:
        raise UsageError(f"dialects must be a non-empty list of {', '.join(DIALECTS)}")
    for dialect in dialects:
        if dialect not in DIALECTS:
            raise UsageError(
                f"unknown dialect {dialect!r}; expected one of {', '.join(DIALECTS)}"
            )


def display_path(path: Path) -> str:
    """`path` as the user should read it: relative to the current folder when inside."""
    try:
        return path.relative_to(Path.cwd()).as_posix()
    except ValueError:
        return path.as_posix()
