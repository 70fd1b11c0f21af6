"""The `dreamvault` command as a user drives it: exit codes, options, what it writes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from tests.conftest import ROOT


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        result.output
    )
    return result.exit_code, result.output


def tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and "__pycache__" not in p.parts
    }


@pytest.mark.parametrize(
    "args",
    [["--help"], ["generate", "--help"], ["--version"]],
    ids=["help", "generate-help", "version"],
)
def test_help_and_version_exit_0(args: list[str]) -> None:
    code, output = run(*args)
    assert code == 0
    assert "dreamvault" in output.lower() or "Usage" in output


def test_generate_writes_the_package_and_manifest(project: Path) -> None:
    result = CliRunner().invoke(main, ["generate"])
    code, output = result.exit_code, result.stdout
    assert code == 0, result.output
    package = project / "generated/python/dreamvault_models"
    assert (package / "py.typed").read_bytes() == b""
    assert {"__init__.py", "_runtime.py", "portfolio.py", "stock.py"} <= {
        p.name for p in package.iterdir()
    }
    manifest = json.loads((project / "generated/manifest.json").read_text())
    assert "python/dreamvault_models/portfolio.py" in manifest["outputs"]
    assert "specs/portfolio.schema.json" in manifest["inputs"]
    written = len(manifest["outputs"]) + 1  # and the manifest itself
    assert output == f"generated: {written} written, 0 removed, 0 unchanged\n"
    assert {f"sql/{d}/schema.sql" for d in ("postgresql", "sqlite")} <= set(
        manifest["outputs"]
    )


def test_a_dialect_warning_is_printed_once_with_its_code(project: Path) -> None:
    result = CliRunner().invoke(main, ["generate"])
    warnings = result.stderr.splitlines()
    assert [w.split(":")[1].strip() for w in warnings] == [
        "DV002 (duckdb)",
        "DV001 (duckdb)",
    ]
    assert "stocks.portfolio_id: loses ON DELETE CASCADE" in warnings[1]
    assert result.exit_code == 0


def test_generate_twice_writes_nothing_the_second_time(project: Path) -> None:
    run("generate")
    code, output = run("generate")
    assert code == 0
    assert "0 written, 0 removed" in output


def test_editing_a_spec_changes_exactly_the_affected_files(project: Path) -> None:
    run("generate")
    before = tree(project / "generated")
    spec = project / "specs/stock.schema.json"
    data = json.loads(spec.read_text())
    data["properties"]["sector"]["description"] = "Industry sector (GICS)."
    spec.write_text(json.dumps(data, indent=2))
    code, _ = run("generate")
    after = tree(project / "generated")
    changed = {path for path in after if after[path] != before.get(path)}
    assert code == 0
    tables = {
        f"sql/{d}/schema.sql" for d in ("postgresql", "mysql", "sqlite", "duckdb")
    }
    # The headers of the validators and the dataset rules hash every spec.
    validators = {
        "python/dreamvault_models/validators.py",
        "python/dreamvault_models/dataset.py",
    }
    bundles = {"jsonschema/stock.schema.json", "jsonschema/portfolio.schema.json"}
    assert changed == {
        "python/dreamvault_models/stock.py",
        *validators,
        "manifest.json",
        *tables,
        *bundles,  # the Portfolio bundle holds Stock
    }


def test_editing_a_value_type_leaves_the_ddl_alone(project: Path) -> None:
    run("generate")
    before = tree(project / "generated")
    _edit(
        project / "specs/api_response.schema.json",
        '"Whether the request succeeded."',
        '"Whether it worked."',
    )
    run("generate")
    after = tree(project / "generated")
    changed = {path for path in after if after[path] != before.get(path)}
    assert changed == {
        "python/dreamvault_models/api_response.py",
        "python/dreamvault_models/validators.py",
        "python/dreamvault_models/dataset.py",
        "jsonschema/api_response.schema.json",
        "manifest.json",
    }


def test_check_passes_on_a_current_tree(project: Path) -> None:
    run("generate")
    code, output = run("generate", "--check")
    assert (code, output) == (0, "generated is current\n")


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            lambda p: _edit(
                p / "generated/python/dreamvault_models/user.py",
                '"""Primary key',
                '"""Hand-edited primary key',
            ),
            [
                "--- a/generated/python/dreamvault_models/user.py",
                '-    """Hand-edited primary key, a UUID."""',
                '+    """Primary key, a UUID."""',
            ],
        ),
        (
            lambda p: _edit(
                p / "specs/user.schema.json",
                '"Primary key, a UUID."',
                '"The key."',
            ),
            ["+++ b/generated/python/dreamvault_models/user.py", '+    """The key."""'],
        ),
        (
            lambda p: (p / "generated/python/dreamvault_models/stock.py").unlink(),
            ["--- /dev/null", "+++ b/generated/python/dreamvault_models/stock.py"],
        ),
        (
            lambda p: (p / "generated/python/dreamvault_models/extra.py").write_text(
                "x = 1\n"
            ),
            [
                "--- a/generated/python/dreamvault_models/extra.py",
                "+++ /dev/null",
                "-x = 1",
            ],
        ),
    ],
    ids=["hand-edit", "spec-edit", "deleted-file", "extra-file"],
)
def test_check_fails_with_a_diff(project: Path, change, expected: list[str]) -> None:
    run("generate")
    change(project)
    result = CliRunner().invoke(main, ["generate", "--check"])
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    for line in expected:
        assert line in lines, result.stdout
    assert "generated is stale: run `dreamvault generate`" in result.stderr


def test_check_writes_nothing(project: Path) -> None:
    run("generate")
    (project / "generated/python/dreamvault_models/stock.py").unlink()
    before = tree(project / "generated")
    run("generate", "--check")
    assert tree(project / "generated") == before


def test_check_on_a_current_tree_imports_no_heavy_library(project: Path) -> None:
    run("generate")
    script = (
        "import sys\n"
        "from generator.cli import main\n"
        "try:\n"
        "    main(['generate', '--check'])\n"
        "except SystemExit as stop:\n"
        "    heavy = {'jinja2', 'jsonschema', 'sqlglot', 'generator.loader'}\n"
        "    print(stop.code, sorted(heavy & set(sys.modules)))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=project, capture_output=True, text=True
    )
    assert result.stdout.strip().splitlines()[-1] == "0 []", result.stderr


def test_a_bad_spec_leaves_the_tree_exactly_as_it_was(project: Path) -> None:
    run("generate")
    before = tree(project / "generated")
    _edit(project / "specs/stock.schema.json", '"maxLength": 10', '"maxLenght": 10')
    code, output = run("generate")
    assert code == 2
    assert "unknown keyword 'maxLenght'" in output
    assert "Traceback" not in output
    assert tree(project / "generated") == before


def test_check_with_a_bad_spec_exits_2(project: Path) -> None:
    run("generate")
    _edit(project / "specs/stock.schema.json", '"maxLength": 10', '"maxLenght": 10')
    code, _ = run("generate", "--check")
    assert code == 2


# Option precedence: command line, then [tool.dreamvault], then defaults.


def test_command_line_beats_pyproject(project: Path) -> None:
    pyproject = project / "pyproject.toml"
    pyproject.write_text(pyproject.read_text() + 'package = "from_pyproject"\n')
    run("generate", "--package", "from_cli", "--out", "elsewhere")
    assert (project / "elsewhere/python/from_cli/__init__.py").is_file()
    assert not (project / "generated").exists()


def test_pyproject_beats_defaults(project: Path) -> None:
    pyproject = project / "pyproject.toml"
    pyproject.write_text(
        pyproject.read_text().replace('"generated"', '"gen"')
        + 'package = "from_pyproject"\n'
    )
    run("generate")
    assert (project / "gen/python/from_pyproject/__init__.py").is_file()


def test_nearest_pyproject_is_found_from_a_subfolder(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (project / "sub/deeper").mkdir(parents=True)
    monkeypatch.chdir(project / "sub/deeper")
    code, _ = run("generate")
    assert code == 0
    assert (project / "generated/python/dreamvault_models/user.py").is_file()


def test_defaults_without_pyproject(project: Path) -> None:
    (project / "pyproject.toml").unlink()
    code, _ = run("generate")
    assert code == 0
    assert (project / "generated/python/dreamvault_models/user.py").is_file()


@pytest.mark.parametrize(
    ("args", "pyproject", "message"),
    [
        (["--package", "not-valid"], "", "package name 'not-valid' is not a Python"),
        (["--package", "class"], "", "package name 'class' is not a Python"),
        (["--dialect", "oracle"], "", "'oracle' is not one of"),
        ([], "colour = 1\n", "[tool.dreamvault] has unknown setting 'colour'"),
        ([], 'dialects = ["oracle"]\n', "unknown dialect 'oracle'"),
        (["--specs", "missing"], "", "no such specs folder"),
        (["--bogus"], "", "No such option '--bogus'"),
    ],
    ids=[
        "bad-package",
        "keyword-package",
        "bad-dialect",
        "unknown-setting",
        "bad-dialect-setting",
        "missing-specs",
        "unknown-option",
    ],
)
def test_usage_errors_exit_2(
    project: Path, args: list[str], pyproject: str, message: str
) -> None:
    path = project / "pyproject.toml"
    path.write_text(path.read_text() + pyproject)
    code, output = run("generate", *args)
    assert code == 2
    assert message in output
    assert "Traceback" not in output
    assert not (project / "generated").exists()


def test_python_dash_m_generator_is_the_same_command(project: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "generator", "generate", "--check"],
        cwd=project,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1  # nothing generated yet: missing files
    assert "+++ b/generated/python/dreamvault_models/user.py" in result.stdout


def test_the_repository_tree_is_current() -> None:
    """The committed `generated/` is the golden copy: rendering must give its bytes."""
    from generator.project import compare, render_all
    from generator.settings import resolve

    settings = resolve({}, ROOT)
    report = compare(settings, render_all(settings), "generated")
    assert report.diff == []


# What --out holds: generated files only; a user's own files are never deleted.


def test_generate_never_deletes_a_file_it_did_not_write(project: Path) -> None:
    (project / "notes.txt").write_text("mine\n")
    result = CliRunner().invoke(main, ["generate", "--out", "."])
    assert result.exit_code == 0, result.output
    assert (project / "notes.txt").read_text() == "mine\n"
    assert (project / "specs/user.schema.json").is_file()
    assert "warning: notes.txt was not written by dreamvault generate" in result.stderr


def test_generate_removes_what_an_earlier_run_wrote(project: Path) -> None:
    run("generate")
    (project / "specs/performance_metrics.schema.json").unlink()
    _edit(
        project / "specs/portfolio.schema.json",
        '"description": "Portfolio settings, stored as JSON."',
        '"description": "Settings."',
    )
    code, output = run("generate")
    assert code == 0, output
    package = project / "generated/python/dreamvault_models"
    assert not (package / "performance_metrics.py").exists()


@pytest.mark.parametrize(
    "change",
    [
        lambda p: (p / "generated/python/dreamvault_models/py.typed").unlink(),
        lambda p: (p / "generated/python/dreamvault_models/empty.py").write_text(""),
        lambda p: (p / "generated/blob.bin").write_bytes(b"\xff\xfe"),
        lambda p: (p / "generated/python/dreamvault_models/stock.py").write_bytes(
            (p / "generated/python/dreamvault_models/stock.py").read_bytes() + b"\xff"
        ),
        lambda p: _edit(p / "generated/manifest.json", '"generator"', '"made_by"'),
        lambda p: (p / "generated/python/dreamvault_models/user.py").write_bytes(
            (p / "generated/python/dreamvault_models/user.py")
            .read_bytes()
            .replace(b"\n", b"\r\n")
        ),
    ],
    ids=[
        "deleted-empty-file",
        "extra-empty-file",
        "extra-binary-file",
        "bytes-not-utf8",
        "hand-edited-manifest",
        "crlf-line-endings",
    ],
)
def test_check_sees_changes_that_show_no_lines(project: Path, change) -> None:
    run("generate")
    change(project)
    result = CliRunner().invoke(main, ["generate", "--check"])
    assert result.exit_code == 1, result.output
    assert "generated is stale" in result.stderr


def test_out_that_is_not_a_folder_is_a_usage_error(project: Path) -> None:
    (project / "file").write_text("x")
    code, output = run("generate", "--out", "file/sub")
    assert code == 2
    assert "Error: cannot write to file/sub" in output
    assert "Traceback" not in output


def test_empty_specs_folder_is_a_usage_error(project: Path) -> None:
    (project / "empty").mkdir()
    code, output = run("generate", "--specs", "empty")
    assert code == 2
    assert "no spec files (*.json) in" in output


def test_console_script_answers_a_current_check_without_click(project: Path) -> None:
    """`generate --check` on a current tree: the same answer, click not loaded."""
    run("generate")
    script = (
        "import sys\n"
        "sys.argv = ['dreamvault', 'generate', '--check']\n"
        "from generator.entry import main\n"
        "try:\n"
        "    main()\n"
        "except SystemExit as stop:\n"
        "    print(stop.code, 'click' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=project, capture_output=True, text=True
    )
    assert result.stdout.splitlines() == ["generated is current", "0 False"]


def test_console_script_hands_a_stale_tree_to_the_full_check(project: Path) -> None:
    run("generate")
    (project / "generated/python/dreamvault_models/py.typed").unlink()
    result = subprocess.run(
        [sys.executable, "-m", "generator", "generate", "--check"],
        cwd=project,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    assert "+++ b/generated/python/dreamvault_models/py.typed" in result.stdout


def test_dialect_leaves_the_other_dialects_files_alone(project: Path) -> None:
    run("generate")
    before = tree(project / "generated")
    code, output = run("generate", "--dialect", "sqlite")
    assert code == 0
    assert "0 removed" in output
    after = tree(project / "generated")
    assert {p for p in before if p.startswith("sql/")} == {
        p for p in after if p.startswith("sql/")
    }
    assert run("generate", "--dialect", "sqlite", "--check")[0] == 0
