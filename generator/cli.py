"""The `dreamvault` command. Exit codes: 0 ok, 1 findings, 2 usage or spec error.

Only click and the settings are imported at start-up; the loader, Jinja2 and jsonschema
are imported by the commands that need them, so `generate --check` on a current tree
stays fast.
"""

from __future__ import annotations

import logging
import sys
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


def _common(function: Any) -> Any:
    options = [
        click.option(
            "--specs",
            type=click.Path(file_okay=False, path_type=Path),
            help="Folder of specs (default: specs).",
        ),
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
