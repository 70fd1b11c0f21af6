"""The `dreamvault` console script and `python -m generator`.

`generate --check` on a current tree is answered here, before click is imported: the
check itself only hashes files, and importing click would be a third of its time. Any
other command, or a tree that is not current, goes to the click application in
`generator.cli`, which gives the same answer for a current tree.
"""

from __future__ import annotations

import sys


def main() -> None:
    if sys.argv[1:] == ["generate", "--check"] and _report_current():
        sys.exit(0)
    from generator.cli import main as cli

    cli(prog_name="dreamvault")


def _report_current() -> bool:
    from pathlib import Path

    from generator.errors import UsageError
    from generator.manifest import is_current
    from generator.settings import display_path, resolve

    try:
        settings = resolve({}, Path.cwd())
    except UsageError:
        return False  # the CLI reports it
    if not is_current(settings):
        return False
    print(f"{display_path(settings.out)} is current")
    return True
