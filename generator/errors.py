"""The one error root for spec problems, and the exit codes the CLI maps them to."""

from __future__ import annotations

from typing import NamedTuple

EXIT_FINDINGS = 1
EXIT_USAGE = 2


class Location(NamedTuple):
    """Where in a spec file something stands: the file, its line, its JSON pointer."""

    file: str
    line: int
    pointer: str

    def __str__(self) -> str:
        pointer = self.pointer.encode("unicode_escape").decode("ascii")
        return f"{self.file}:{self.line}: #{pointer}"


class SpecError(Exception):
    """A spec that cannot be used; the message names the place and what would be right.

    The text reads `<file>:<line>: #<JSON pointer>: <what is wrong>`.
    """

    def __init__(self, location: Location, message: str) -> None:
        super().__init__(f"{location}: {message}")
        self.location = location
        self.message = message


class UsageError(Exception):
    """Bad options or settings (not a spec problem): exit code 2 like a spec error."""
