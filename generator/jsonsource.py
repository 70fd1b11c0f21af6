"""JSON parsing that remembers, for every value and key, the line it starts on.

The standard library parser gives no positions, and a spec error must name its line.
This module walks the text once with the standard library's own string scanner, building
the value and a map from JSON pointer to line. Duplicate keys are refused: in a spec
they are always a mistake, and the standard parser would silently keep the last one.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

# The standard library's own JSON string scanner (the C version where available). It is
# public in `json.decoder` but missing from the type stubs, hence the annotation here.
_scanstring: Callable[[str, int, bool], tuple[str, int]] = json.decoder.scanstring  # type: ignore[attr-defined]

_WHITESPACE = re.compile(r"[ \t\n\r]*")
_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?")
MAX_DEPTH = 100
"""How deep values may nest: far beyond any spec, and far below Python's stack limit."""
_LITERALS = {"true": True, "false": False, "null": None}


class JSONSyntaxError(ValueError):
    """Malformed JSON, with the line, column and JSON pointer where reading stopped."""

    def __init__(self, message: str, line: int, column: int, pointer: str) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column
        self.pointer = pointer


@dataclass(frozen=True)
class SourceDocument:
    """A parsed JSON document and the line of each JSON pointer in it."""

    value: Any
    lines: dict[str, int]
    numbers: dict[str, str] = field(default_factory=dict)
    """The text of each number with a fraction or exponent, by pointer: a float
    cannot hold 0.1000000000000000000000001, which a decimal bound may be."""

    def line_of(self, pointer: str) -> int:
        """The line of `pointer`, or of its nearest ancestor that exists in the text."""
        while pointer not in self.lines:
            pointer = pointer.rpartition("/")[0]
        return self.lines[pointer]


def escape_token(token: str) -> str:
    """Escape one reference token of a JSON pointer (RFC 6901)."""
    return token.replace("~", "~0").replace("/", "~1")


def parse(text: str) -> SourceDocument:
    """Parse `text` as one JSON document; JSONSyntaxError where it is malformed."""
    reader = _Reader(text)
    value = reader.document()
    return SourceDocument(value, reader.lines, reader.numbers)


class _Reader:
    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0
        self.lines: dict[str, int] = {}
        self.numbers: dict[str, str] = {}

    def fail(
        self, message: str, pointer: str, pos: int | None = None
    ) -> JSONSyntaxError:
        where = self.pos if pos is None else pos
        line = self.text.count("\n", 0, where) + 1
        column = where - (self.text.rfind("\n", 0, where) + 1) + 1
        return JSONSyntaxError(message, line, column, pointer)

    def line(self) -> int:
        return self.text.count("\n", 0, self.pos) + 1

    def skip(self) -> None:
        match = _WHITESPACE.match(self.text, self.pos)
        assert match is not None  # the pattern matches the empty string
        self.pos = match.end()

    def document(self) -> Any:
        value = self.value("")
        self.skip()
        if self.pos != len(self.text):
            raise self.fail("unexpected text after the JSON document", "")
        return value

    def value(self, pointer: str) -> Any:
        self.skip()
        if pointer.count("/") > MAX_DEPTH:
            raise self.fail(f"values nested more than {MAX_DEPTH} deep", pointer)
        self.lines[pointer] = self.line()
        char = self.text[self.pos : self.pos + 1]
        if char == "{":
            return self.object(pointer)
        if char == "[":
            return self.array(pointer)
        if char == '"':
            return self.string(pointer)
        return self.scalar(pointer)

    def string(self, pointer: str) -> str:
        try:
            text, self.pos = _scanstring(self.text, self.pos + 1, True)
        except json.JSONDecodeError as error:
            raise self.fail(error.msg, pointer, error.pos) from None
        return text

    def scalar(self, pointer: str) -> Any:
        for word, literal in _LITERALS.items():
            if self.text.startswith(word, self.pos):
                self.pos += len(word)
                return literal
        match = _NUMBER.match(self.text, self.pos)
        if match is None or match.end() == self.pos:
            raise self.fail("expected a JSON value", pointer)
        start, self.pos = self.pos, match.end()
        number = match.group()
        if not number.lstrip("-").isdigit():
            self.numbers[pointer] = number
        try:
            value = int(number) if number.lstrip("-").isdigit() else float(number)
            if value in (math.inf, -math.inf):
                raise ValueError(number)
            return value
        except ValueError:  # more digits than Python converts (sys.int_info)
            raise self.fail(
                f"number {number[:20]!r} is too large (no finite value, or over "
                "4300 digits)",
                pointer,
                start,
            ) from None

    def object(self, pointer: str) -> dict[str, Any]:
        result: dict[str, Any] = {}
        self.pos += 1
        self.skip()
        if self.text.startswith("}", self.pos):
            self.pos += 1
            return result
        while True:
            self.skip()
            if not self.text.startswith('"', self.pos):
                raise self.fail("expected a property name in double quotes", pointer)
            key_pos = self.pos
            key = self.string(pointer)
            where = f"{pointer}/{escape_token(key)}"
            if key in result:
                raise self.fail(
                    f"duplicate key {key!r}, already set on line {self.lines[where]}; "
                    "keep only one of the two",
                    pointer,
                    key_pos,
                )
            self.skip()
            if not self.text.startswith(":", self.pos):
                raise self.fail("expected ':' after a property name", pointer)
            self.pos += 1
            result[key] = self.value(where)
            if self.separator("}", pointer):
                return result

    def array(self, pointer: str) -> list[Any]:
        result: list[Any] = []
        self.pos += 1
        self.skip()
        if self.text.startswith("]", self.pos):
            self.pos += 1
            return result
        while True:
            result.append(self.value(f"{pointer}/{len(result)}"))
            if self.separator("]", pointer):
                return result

    def separator(self, closing: str, pointer: str) -> bool:
        """Consume ',' (False: more follows) or the closing bracket (True)."""
        self.skip()
        char = self.text[self.pos : self.pos + 1]
        self.pos += 1
        if char == closing:
            return True
        if char == ",":
            return False
        raise self.fail(f"expected ',' or {closing!r}", pointer, self.pos - 1)
