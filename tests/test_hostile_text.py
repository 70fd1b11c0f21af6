"""Free text in a spec is data: it is escaped, never becomes code (DESIGN.md section 7).

One spec set carries hostile descriptions, enum values and string defaults. The
generated package must compile, import without running any of that text, give every
value back byte for byte, and pass `ruff check` and `mypy --strict`.
"""

from __future__ import annotations

import ast
import itertools
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from generator.cli import main
from tests.conftest import ROOT, write_specs

PACKAGE = "hostile_models"
BIN = Path(sys.executable).parent
RUFF_CHECK = [
    str(BIN / "ruff"),
    "check",
    "--no-cache",
    "--config",
    str(ROOT / "pyproject.toml"),
    PACKAGE,
]
DRAFT = "https://json-schema.org/draft/2020-12/schema"
SENTINEL = '"""\nimport os; os.system("touch PWNED")\n"""'

# Property name -> a text used as its description and as its default.
TEXTS = {
    "sentinel": SENTINEL,
    "single_sentinel": "'''\nimport os; os.system('touch PWNED')\n'''",
    "triple_double": 'quotes """ inside, and at the end """',
    "triple_single": "quotes ''' inside, and at the end '''",
    "many_quotes": 'five """"" then four """"',
    "trailing_quote": 'ends with a quote "',
    "escaped_quote": 'ends with an escaped quote \\"',
    "backslashes": "C:\\new\\table, \\N{BULLET}, \\x41 and \\u0041 stay text",
    "trailing_backslash": "ends with a backslash \\",
    "newlines": "first line\nsecond line\n\nsecond paragraph\n",
    "carriage_return": "windows\r\nline and a lone\rreturn",
    "nul": "a NUL \x00 in the middle",
    "line_separator": "line\u2028separator and paragraph\u2029separator",
    "lone_surrogate": "half a pair \ud800 alone",
    "comment_marker": "# not a comment\n# nor this  # type: ignore",
    "sql": "'; DROP TABLE x; --",
    "braces": "{value} {0} {{}} {{{self}}}",
    "look_alikes": "en \u2013 dash, \u2018quotes\u2019 and a Cyrillic \u0430",
}
ENUM_VALUES = [
    "it's",
    'say "hi"',
    "back\\slash",
    "\\",
    "trailing\\",
    "{value}",
    "{{0}}",
    '"""',
    "'''x",
    "two\nlines",
    "nul\x00",
]
# Texts whose docstring must show an escape, and the escape as it stands in the source.
ESCAPES = {
    "carriage_return": "\\r",
    "nul": "\\x00",
    "line_separator": "\\u2028",
    "lone_surrogate": "\\\\ud800",
    "look_alikes": "\\u2013",
}

PATTERN = "^it's \"\"\" \\\\ [{]x[}] '''$"
PATTERNED = ["it's \"\"\" \\ {x} '''", "it's \"\"\" \\ {y} '''"]
"""A pattern full of quotes and backslashes, a text it matches and one it does not."""

PROBE = f"""
import json, sys
sys.path.insert(0, ".")
from {PACKAGE} import Mood, Note, validate_note

note = Note()
print(json.dumps({{
    "note_doc": Note.__doc__,
    "mood_doc": Mood.__doc__,
    "values": [m.value for m in Mood],
    "by_value": [Mood(m.value) is m for m in Mood],
    "defaults": {{name: getattr(note, name) for name in {sorted(TEXTS)!r}}},
    "mood": note.mood.value,
    "round_trip": Note.from_dict(note.to_dict()) == note,
    "wire": note.to_dict(),
    "valid_defaults": validate_note(note.to_dict()).valid,
    "valid_moods": [validate_note({{"mood": m.value}}).valid for m in Mood],
    "patterned": [
        validate_note({{"patterned": text}}).valid for text in {PATTERNED!r}
    ],
}}))
"""


def hostile_specs() -> dict[str, Any]:
    properties: dict[str, Any] = {
        "id": {"type": "string", "format": "uuid", "description": SENTINEL},
        "mood": {"$ref": "mood.schema.json", "default": "{value}"},
        "patterned": {"type": "string", "pattern": PATTERN},
    }
    for name, text in TEXTS.items():
        properties[name] = {"type": "string", "description": text, "default": text}
    note = {
        "$schema": DRAFT,
        "title": "Note",
        "description": "\n\n".join(TEXTS.values()),
        "type": "object",
        "properties": properties,
    }
    mood = {
        "$schema": DRAFT,
        "title": "Mood",
        "description": SENTINEL + "\\",
        "type": "string",
        "enum": ENUM_VALUES,
    }
    return {"note.schema.json": note, "mood.schema.json": mood}


def generate(root: Path, specs: dict[str, Any]) -> Path:
    """Generate `specs` into `root/out`; the `python/` folder of the tree."""
    write_specs(root / "specs", specs)
    options = {"--specs": root / "specs", "--out": root / "out", "--package": PACKAGE}
    arguments = [str(part) for pair in options.items() for part in pair]
    result = CliRunner().invoke(main, ["generate", *arguments])
    assert (result.exit_code, result.exception) == (0, None), result.output
    return root / "out" / "python"


@pytest.fixture(scope="module")
def python_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The `python/` folder of a tree generated from the hostile specs."""
    return generate(tmp_path_factory.mktemp("hostile"), hostile_specs())


@pytest.fixture(scope="module")
def probe(python_dir: Path) -> dict[str, Any]:
    """What a clean interpreter sees when it imports the generated package."""
    completed = subprocess.run(
        [sys.executable, "-I", "-c", PROBE],
        cwd=python_dir,
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    result: dict[str, Any] = json.loads(completed.stdout)
    return result


def words(text: str) -> str:
    return " ".join(text.split())


def shown(text: str) -> str:
    """The text a docstring holds: a lone surrogate shows as its escape."""
    return re.sub("[\ud800-\udfff]", lambda m: ascii(m[0]).strip("'"), text)


def test_every_module_compiles(python_dir: Path) -> None:
    modules = sorted((python_dir / PACKAGE).glob("*.py"))

    assert {p.name for p in modules} >= {"note.py", "mood.py"}
    for path in modules:
        compile(path.read_bytes(), str(path), "exec")


def test_import_runs_no_text_as_code(python_dir: Path, probe: dict[str, Any]) -> None:
    assert probe["round_trip"] is True
    assert not (python_dir / "PWNED").exists()
    assert not list(python_dir.parent.parent.rglob("PWNED"))


def test_generated_source_is_printable_ascii(python_dir: Path) -> None:
    """Every control character, and every look-alike, reaches the code as an escape."""
    for path in (python_dir / PACKAGE).glob("*.py"):
        source = path.read_text("utf-8")
        assert all(" " <= c <= "~" or c == "\n" for c in source), path.name


@pytest.mark.parametrize("name", sorted(ESCAPES))
def test_docstring_shows_escapes(python_dir: Path, name: str) -> None:
    _, source = _attribute_docs(python_dir / PACKAGE / "note.py")[name]

    assert ESCAPES[name] in source


@pytest.mark.parametrize("name", sorted(TEXTS))
def test_field_docstring_holds_the_text(python_dir: Path, name: str) -> None:
    documented, _ = _attribute_docs(python_dir / PACKAGE / "note.py")[name]

    assert words(documented) == words(shown(TEXTS[name]))


def test_class_and_enum_docstrings_hold_the_text(probe: dict[str, Any]) -> None:
    assert words(probe["note_doc"]) == words(shown(" ".join(TEXTS.values())))
    assert words(probe["mood_doc"]) == words(SENTINEL + "\\")


@pytest.mark.parametrize("name", sorted(TEXTS))
def test_string_default_comes_back_exact(probe: dict[str, Any], name: str) -> None:
    assert probe["defaults"][name] == TEXTS[name]
    assert probe["wire"][name] == TEXTS[name]


def test_validators_keep_hostile_values_as_data(probe: dict[str, Any]) -> None:
    assert probe["valid_defaults"]
    assert probe["valid_moods"] == [True] * len(ENUM_VALUES)
    assert probe["patterned"] == [True, False]


def test_enum_values_come_back_exact(probe: dict[str, Any]) -> None:
    assert probe["values"] == ENUM_VALUES
    assert all(probe["by_value"])
    assert probe["mood"] == "{value}"


def test_ruff_check_passes(python_dir: Path) -> None:
    completed = _run(RUFF_CHECK, python_dir)

    assert completed.returncode == 0, completed.stdout + completed.stderr


def test_ruff_check_passes_with_values_longer_than_a_line(tmp_path: Path) -> None:
    value = "a plain value, long enough that no line of 88 columns can hold it whole"
    note = {
        "$schema": DRAFT,
        "title": "Note",
        "type": "object",
        "properties": {
            "text": {"type": "string", "default": value},
            "mood": {"$ref": "mood.schema.json", "default": value},
        },
    }
    mood = {"$schema": DRAFT, "title": "Mood", "type": "string", "enum": [value]}
    specs = {"note.schema.json": note, "mood.schema.json": mood}

    completed = _run(RUFF_CHECK, generate(tmp_path, specs))

    assert completed.returncode == 0, completed.stdout + completed.stderr


def test_mypy_strict_passes(python_dir: Path, tmp_path: Path) -> None:
    cache = str(tmp_path / "mypy_cache")
    command = [str(BIN / "mypy"), "--strict", "--cache-dir", cache, "-p", PACKAGE]

    completed = _run(command, python_dir)

    assert completed.returncode == 0, completed.stdout + completed.stderr


def _run(command: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)


def _attribute_docs(module: Path) -> dict[str, tuple[str, str]]:
    """Each field of the module's class: the docstring under it, and its source."""
    source = module.read_text("utf-8")
    body = next(n for n in ast.parse(source).body if isinstance(n, ast.ClassDef)).body
    docs = {}
    for field, after in itertools.pairwise(body):
        if not isinstance(field, ast.AnnAssign) or not isinstance(after, ast.Expr):
            continue
        assert isinstance(field.target, ast.Name)
        assert isinstance(after.value, ast.Constant)
        assert isinstance(after.value.value, str)
        segment = ast.get_source_segment(source, after)
        docs[field.target.id] = (after.value.value, segment or "")
    return docs


def test_a_lone_surrogate_in_a_column_description_is_an_escape_in_sql(
    tmp_path: Path,
) -> None:
    """Descriptions become SQL comments, which are UTF-8 text: half a character
    shows as its escape there, as in a docstring."""
    thing = {
        "$schema": DRAFT,
        "title": "Thing",
        "x-table": "things",
        "description": "table \ud800",
        "type": "object",
        "properties": {
            "id": {"type": "string", "format": "uuid"},
            "x": {"type": "string", "description": "column \udc00"},
        },
        "required": ["id"],
    }
    generate(tmp_path, {"thing.schema.json": thing})
    for dialect in ("postgresql", "mysql", "sqlite", "duckdb"):
        sql = (tmp_path / "out" / "sql" / dialect / "schema.sql").read_text("utf-8")
        # MariaDB's string literals escape the backslash itself.
        escape = "\\\\udc00" if dialect == "mysql" else "\\udc00"
        assert f"column {escape}" in sql, dialect
