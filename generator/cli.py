"""The `dreamvault` command. Exit codes: 0 ok, 1 findings, 2 usage or spec error.

Only click and the settings are imported at start-up; the loader, Jinja2 and jsonschema
are imported by the commands that need them, so `generate --check` on a current tree
stays fast.
"""

from __future__ import annotations

import json
import logging
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NoReturn

import click

from generator import __version__
from generator.errors import EXIT_FINDINGS, EXIT_USAGE, SpecError, UsageError
from generator.settings import DIALECTS, Settings, display_path, resolve


class _Failure(click.ClickException):
    """A spec or usage error: one message, exit code 2, no traceback."""

    exit_code = EXIT_USAGE


def _settings(**cli: Any) -> Settings:
    try:
        return resolve(cli, Path.cwd())
    except UsageError as error:
        raise _Failure(str(error)) from None


_SPECS = click.option(
    "--specs",
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder of specs (default: specs).",
)


def _common(function: Any) -> Any:
    options = [
        _SPECS,
        click.option(
            "--out",
            type=click.Path(file_okay=False, path_type=Path),
            help="Root of the generated tree (default: generated).",
        ),
        click.option(
            "--package",
            help="Name of the generated Python package (dreamvault_models).",
        ),
        click.option(
            "--dialect",
            "dialects",
            multiple=True,
            type=click.Choice(DIALECTS),
            help="SQL dialect to write; repeat for several (default: all).",
        ),
    ]
    for option in reversed(options):
        function = option(function)
    return function


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="dreamvault")
def main() -> None:
    """DreamVault schema toolkit: JSON Schema specs to Python, SQL and validators.

    Settings come from the options, then [tool.dreamvault] in the nearest
    pyproject.toml, then the defaults.
    """


@main.command()
@_common
@click.option(
    "--check",
    is_flag=True,
    help="Write nothing; exit 1 with a diff when the generated tree is not current.",
)
def generate(check: bool, **options: Any) -> None:
    """Regenerate everything derivable from the specs."""
    settings = _settings(**options)
    if check:
        _check(settings)
    else:
        _generate(settings)


def _generate(settings: Settings) -> None:
    from generator.project import write

    files = _render(settings)
    try:
        report = write(settings, files)
    except OSError as error:
        raise _Failure(
            f"cannot write to {display_path(settings.out)}: {error}"
        ) from None
    click.echo(
        f"{display_path(settings.out)}: {len(report.written)} written, "
        f"{len(report.removed)} removed, {report.unchanged} unchanged"
    )
    for path in report.foreign:
        click.echo(
            f"warning: {display_path(settings.out / path)} was not written by "
            "dreamvault generate; left in place (generate --check reports it until "
            "removed)",
            err=True,
        )


def _check(settings: Settings) -> NoReturn:
    from generator.manifest import is_current

    if is_current(settings):
        click.echo(f"{display_path(settings.out)} is current")
        sys.exit(0)
    from generator.project import compare

    report = compare(settings, _render(settings), display_path(settings.out))
    if not report.stale:
        click.echo(f"{display_path(settings.out)} is current")
        sys.exit(0)
    click.echo("".join(report.diff), nl=False)
    click.echo(
        f"{display_path(settings.out)} is stale: run `dreamvault generate`", err=True
    )
    sys.exit(EXIT_FINDINGS)


class _WarningEcho(logging.Handler):
    """Warnings of the toolkit's loggers, printed through click to stderr."""

    def emit(self, record: logging.LogRecord) -> None:
        click.echo(f"warning: {record.getMessage()}", err=True)


def _render(settings: Settings) -> list[Any]:
    from generator.project import render_all

    toolkit = logging.getLogger("generator")
    if not any(isinstance(h, _WarningEcho) for h in toolkit.handlers):
        toolkit.addHandler(_WarningEcho(logging.WARNING))
        toolkit.propagate = False

    try:
        return render_all(settings)
    except (SpecError, UsageError) as error:
        raise _Failure(str(error)) from None


@main.command()
@click.argument("files", nargs=-1, required=True, metavar="FILE...")
@click.option(
    "--entity",
    metavar="NAME",
    help="Entity of every FILE: its title or spec stem, in any case. Or give "
    "NAME=FILE pairs to mix entities.",
)
@click.option(
    "--format",
    "output",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text: a `file:line: /pointer: message` line per finding and a summary; "
    "json: one document for machines.",
)
@click.option(
    "--input-format",
    type=click.Choice(["json", "ndjson"]),
    help="Read every FILE as this, whatever its name: for a pipe, or `-` (standard "
    "input, NDJSON unless told).",
)
@_SPECS
def validate(
    files: tuple[str, ...],
    entity: str | None,
    output: str,
    input_format: str | None,
    **options: Any,
) -> NoReturn:
    """Check JSON (.json: a record or an array) or NDJSON (.ndjson, .jsonl) records.

    Each record is checked against its spec, and all records of all files together:
    duplicate keys (x-primary-key, x-unique, unique x-indexes), references to records
    that are not there (x-references), and child records in a file of their own in
    their parent's x-ordered-by order, per parent. An error's line is where its record
    starts. Exit code 0 clean, 1 findings, 2 usage or spec error.
    """
    from generator.checks import dataset_module
    from generator.datafiles import data_files

    settings = _settings(**options)
    try:
        module = dataset_module(settings)
        plan = data_files(files, entity, module.RULES, input_format)
    except (SpecError, UsageError) as error:
        raise _Failure(str(error)) from None
    report = _JsonReport() if output == "json" else _TextReport()
    records = _check_files(module, plan, report)
    report.close(len(plan), records)
    sys.exit(EXIT_FINDINGS if report.errors else 0)


def _check_files(module: Any, files: list[Any], report: _TextReport) -> int:
    """Read `files` into one dataset, the referenced entities first (so references
    settle as records come); report every finding. Returns the number of records."""
    from generator.datafiles import Reader, UnreadableFile

    entities = list(dict.fromkeys(data.entity for data in files))
    dataset = module.Dataset(given=entities)
    order = dataset.reading_order(entities)
    sizes = [data.size for data in files]
    total = None if None in sizes else sum(size or 0 for size in sizes)
    with _progress(total, report) as progress:
        reader = Reader(module.Finding, report.add, progress)
        for data in sorted(files, key=lambda data: order.index(data.entity)):
            # A broken pipe on stdout passes: click ends quietly on it (exit 1).
            try:
                reader.read(data, dataset.adder(data.entity))
            except UnreadableFile as error:
                report.close(len(files), reader.records, error=str(error))
                raise _Failure(str(error)) from None
        for finding in dataset.finish():
            report.add(finding)
    return reader.records


@contextmanager
def _progress(total: int | None, report: _TextReport) -> Iterator[Any]:
    """A progress bar on stderr, by bytes read, when stderr is a terminal and the
    size of every file is known (a pipe's is not)."""
    if total is None or not sys.stderr.isatty():
        yield None
        return
    with click.progressbar(length=total, label="Validating", file=sys.stderr) as bar:
        report.live = True
        yield bar.update
    report.live = False


class _TextReport:
    """Findings as `file:line: /pointer: message` lines (a warning's prefixed with
    `warning: `), then a summary line. A finding is one line whatever the data holds:
    see `_one_line`."""

    def __init__(self) -> None:
        self.errors = 0
        self.warnings = 0
        self.live = False
        """A progress bar is drawn on stderr: clear its line before each finding."""

    def add(self, finding: Any) -> None:
        if finding.severity == "warning":
            self.warnings += 1
            self._write(f"warning: {_one_line(finding)}\n")
        else:
            self.errors += 1
            self._write(f"{_one_line(finding)}\n")

    def close(self, files: int, records: int, error: str | None = None) -> None:
        """The summary; or, when the run stopped at `error` (a usage error, which
        the caller prints), nothing: the findings so far stand."""
        if error is not None:
            return
        click.echo(
            f"{_count(files, 'file')}, {_count(records, 'record')}: "
            f"{_count(self.errors, 'error')}, {_count(self.warnings, 'warning')}"
        )

    def _write(self, text: str) -> None:
        if self.live:
            click.echo("\r\x1b[K", nl=False, err=True)
        click.echo(text, nl=False)


class _JsonReport(_TextReport):
    """One JSON document: `findings`, streamed as they are found (each with its
    file, line, entity, pointer, keyword, schema location, message and severity),
    then `summary`."""

    def __init__(self) -> None:
        super().__init__()
        click.echo('{\n  "findings": [', nl=False)

    def add(self, finding: Any) -> None:
        first = not self.errors and not self.warnings
        if finding.severity == "warning":
            self.warnings += 1
        else:
            self.errors += 1
        data = _json_text(_finding_data(finding))
        self._write(("\n    " if first else ",\n    ") + data)

    def close(self, files: int, records: int, error: str | None = None) -> None:
        """End the document; a run stopped by `error` says so in `summary`, so
        that the document stays whole."""
        summary: dict[str, Any] = {
            "files": files,
            "records": records,
            "errors": self.errors,
            "warnings": self.warnings,
        }
        if error is not None:
            summary["stopped"] = error
        end = "\n  ]" if self.errors or self.warnings else "]"
        click.echo(f'{end},\n  "summary": {_json_text(summary)}\n}}')


def _finding_data(finding: Any) -> dict[str, Any]:
    file, _, line = finding.where.rpartition(":")
    return {
        "file": file,
        "line": int(line),
        "entity": finding.entity,
        "pointer": finding.pointer,
        "keyword": finding.keyword,
        "schema_location": finding.schema_location,
        "message": finding.message,
        "severity": finding.severity,
    }


def _one_line(finding: Any) -> str:
    """`file:line: /pointer: message`, with every character that is not printable
    (line breaks, other control characters, lone surrogates) escaped as `repr`
    escapes it, so that no data can break the line or forge one. In the pointer, a
    key's own backslash is doubled, so that the escapes are unambiguous; the
    message shows data only through `repr`, already escaped."""
    pointer = finding.pointer.replace("\\", "\\\\") or "(root)"
    where, message = finding.where, finding.message
    return f"{_printable(where)}: {_printable(pointer)}: {_printable(message)}"


def _printable(text: str) -> str:
    if text.isprintable():
        return text
    return "".join(
        c if c.isprintable() else c.encode("unicode_escape").decode("ascii")
        for c in text
    )


def _json_text(data: Any) -> str:
    """`data` as JSON, other characters than ASCII kept, but a lone surrogate (from
    a key or string of the data: UTF-8 cannot encode it) as an escape."""
    text = json.dumps(data, ensure_ascii=False)
    return _SURROGATE.sub(lambda match: f"\\u{ord(match[0]):04x}", text)


_SURROGATE = re.compile("[\ud800-\udfff]")


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"
