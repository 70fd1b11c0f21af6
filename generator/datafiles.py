"""Data files for `dreamvault validate`: which entity each holds, and reading them.

A `.json` file is read whole: one record, or an array of records. A `.ndjson` (or
`.jsonl`) file is streamed, one record per line, so memory does not grow with the file.
Each record goes to the `Dataset` (its validator, keys, references, order) with its
place, `file:line`, the line where the record starts, and its pointer in the document
(`/3` for the fourth element of an array, so that the records of a minified array,
all on line 1, stay apart; "" for a record that is the whole document). Broken JSON
is reported at its line: in NDJSON the run goes on with the next line; in a `.json`
file, whose structure is lost past the break, with the next file. A leading UTF-8 byte
order mark is skipped.

Broken JSON here also covers three things `json.loads` reads but the checks cannot
take: NaN and (-)Infinity, which are not JSON (the validators take values as
`json.loads` gives them and look for no NaN inside free-form values), a number beyond
the range of a double (`1e400`, which `json.loads` reads as infinity), and an integer
longer than Python converts (`sys.get_int_max_str_digits()`, 4300 digits by default).

The NDJSON loop is the hot path: one `scan_once` of the C decoder per line (what
`json.loads` does, less three Python calls), one check call, a dict lookup per key.
"""

from __future__ import annotations

import gc
import itertools
import json
import json.scanner
import math
import os
import re
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import nullcontext
from pathlib import Path
from typing import Any, NamedTuple

from generator.errors import UsageError


def _refuse_constant(name: str) -> Any:
    raise ValueError(name)  # `_refused_number` finds it and says why


def _finite_float(text: str) -> float:
    number = float(text)
    if math.isinf(number):
        raise ValueError(text)  # `_refused_number` finds it and says why
    return number


_DECODER = json.JSONDecoder(parse_constant=_refuse_constant, parse_float=_finite_float)
# The C scanner that `json.loads` ends in, called without the three Python calls
# around it; it reads its settings from the decoder (typeshed types that narrower).
_SCAN = json.scanner.make_scanner(_DECODER)  # type: ignore[arg-type]
_JSON_SPACE = " \t\r\n"
_WHITESPACE = re.compile(r"[ \t\r\n]*")
_CHUNK = 1 << 20
"""Bytes of lines read at a time (`readlines` hint); the progress bar moves by it."""
_STREAMED = {".ndjson": True, ".jsonl": True, ".json": False}
_BOM = "\ufeff"
_TOKENS = re.compile(
    r'"(?:[^"\\]|\\.)*"|(?P<constant>NaN|-?Infinity)'
    r"|-?(?P<digits>[0-9]+)(?P<real>[.eE][-+0-9.eE]*)?|[^\"0-9NI-]+|.",
    re.DOTALL,
)
"""JSON text as tokens enough to tell strings from numbers and NaN/Infinity."""
_PAIR = re.compile(r"([^/\\=]*)=(.*)", re.DOTALL)


STDIN = "-"
"""The FILE argument that means standard input (NDJSON unless `--input-format`)."""
FORMATS = {"json": False, "ndjson": True}
"""`--input-format`: whether a file of that format is streamed."""


class DataFile(NamedTuple):
    """One file to check: its path (None: standard input), the name findings give
    it, its entity (title), whether it is streamed (NDJSON), its size if known."""

    path: Path | None
    display: str
    entity: str
    streamed: bool
    size: int | None


def data_files(
    arguments: Sequence[str],
    entity: str | None,
    rules: Mapping[str, Any],
    input_format: str | None = None,
) -> list[DataFile]:
    """The files of the command line: `FILE` (of `--entity`) or `NAME=FILE` each.

    An argument is a pair when an `=` comes before any path separator, so
    `./a=b.ndjson` is a file. `-` is standard input. `input_format` ("json",
    "ndjson") says how to read every file; without it the name tells. Raises
    UsageError for an unknown entity, a missing file or folder, a file given twice,
    or one whose format neither its name nor `input_format` tells.
    """
    default = resolve_entity(entity, rules) if entity is not None else None
    files: list[DataFile] = []
    seen: dict[object, str] = {}
    for argument in arguments:
        pair = _PAIR.fullmatch(argument)
        if pair is not None:
            name, path = pair.groups()
            if not name or not path:
                raise UsageError(
                    f"{argument!r}: expected NAME=FILE, like User=users.ndjson"
                )
            data = _data_file(path, resolve_entity(name, rules), input_format)
        elif default is None:
            raise UsageError(
                f"{argument}: no entity for this file; give --entity NAME, or "
                f"NAME={argument}"
            )
        else:
            data = _data_file(argument, default, input_format)
        _refuse_repeat(data, seen)
        files.append(data)
    return files


def _refuse_repeat(data: DataFile, seen: dict[object, str]) -> None:
    """A file given twice would be checked against itself: every key a duplicate."""
    try:
        status = data.path.stat() if data.path else os.fstat(sys.stdin.fileno())
        identity: object = (status.st_dev, status.st_ino)
    except (OSError, ValueError):  # no standard input to look at: closed, replaced
        identity = STDIN
    if identity in seen:
        raise UsageError(
            f"{data.display}: given twice (also as {seen[identity]}); give each file "
            "once"
        )
    seen[identity] = data.display


def resolve_entity(name: str, rules: Mapping[str, Any]) -> str:
    """The title of the entity `name` means: its title or spec stem, in any case."""
    for title, entry in rules.items():
        if name.lower() in (title.lower(), entry.stem):
            return title
    raise UsageError(
        f"unknown entity {name!r}; expected one of {', '.join(sorted(rules))} "
        "(a title or a spec file stem)"
    )


def _data_file(argument: str, entity: str, input_format: str | None) -> DataFile:
    if argument == STDIN:
        return DataFile(
            None, "<stdin>", entity, FORMATS[input_format or "ndjson"], None
        )
    path = Path(argument)
    if not path.exists():
        raise UsageError(f"{argument}: no such file")
    if path.is_dir():
        raise UsageError(f"{argument}: a folder, not a file")
    if not os.access(path, os.R_OK):
        raise UsageError(f"{argument}: cannot read it (no permission)")
    # A pipe (`<(zcat users.ndjson.gz)`) is read like a file; only its size is unknown.
    size = path.stat().st_size if path.is_file() else None
    if input_format is not None:
        streamed: bool | None = FORMATS[input_format]
    else:
        streamed = _STREAMED.get(path.suffix.lower())
    if streamed is None:
        raise UsageError(
            f"{argument}: cannot tell its format from the name; use .json (one record "
            "or an array of records) or .ndjson/.jsonl (one record per line), or give "
            "--input-format"
        )
    return DataFile(path, argument, entity, streamed, size)


Report = Callable[[Any], None]
"""Receives each finding (a `Finding` of the dataset module) as it is found."""
Add = Callable[..., list[Any]]
"""A dataset's adder: `(record, where)`, or `(record, where, pointer)`."""


class UnreadableFile(Exception):
    """A data file that could not be read (gone, a folder, no permission)."""

    def __init__(self, data: DataFile, error: OSError) -> None:
        super().__init__(f"cannot read {data.display}: {error.strerror}")


class Reader:
    """Reads files into a dataset; every finding goes to `report` as it is found."""

    def __init__(
        self,
        finding: Callable[..., Any],
        report: Report,
        progress: Callable[[int], None] | None = None,
    ) -> None:
        self.finding = finding
        """The `Finding` class of the dataset module, for broken JSON."""
        self.report = report
        self.progress = progress
        self.records = 0
        self.broken = 0

    def read(self, data: DataFile, add: Add) -> None:
        """Check every record of `data` through `add` (the dataset's adder)."""
        # Records are JSON, acyclic, freed by reference counting as soon as they are
        # checked: the cyclic collector would only walk the growing key indexes over
        # and over (a tenth of the time of a large file).
        collecting = gc.isenabled()
        gc.disable()
        broken = self.broken
        try:
            if data.streamed:
                records = self._read_lines(data, add)
            else:
                records = self._read_whole(data, add)
        finally:
            if collecting:
                gc.enable()
        self.records += records
        if not records and self.broken == broken:
            # Not an error (an empty table exports as an empty file), but a cut-off
            # export would otherwise look clean.
            where = f"{data.display}:1"
            message = "holds no records"
            self.report(
                self.finding(where, data.entity, "", "json", "", message, "warning")
            )

    def _read_lines(self, data: DataFile, add: Add) -> int:
        scan, report, name = _SCAN, self.report, data.display
        number = records = 0
        for chunk in _chunks(data):
            for raw in chunk:
                number += 1
                try:
                    line = raw.decode()
                    record, end = scan(line, 0)
                    # The rest is the line's newline, none (the last line), or
                    # more, which must be space.
                    if line[end:] != "\n" and line[end:].strip(_JSON_SPACE):
                        raise ValueError(line)
                except (ValueError, StopIteration, RecursionError):
                    record = self._parse_line(raw, data, number)
                    if record is _SKIP:
                        continue
                records += 1
                for finding in add(record, f"{name}:{number}"):
                    report(finding)
            if self.progress is not None:
                self.progress(sum(map(len, chunk)))
        return records

    def _parse_line(self, raw: bytes, data: DataFile, number: int) -> Any:
        """The slow path of a line: blank, leading space or byte order mark, or
        broken (reported)."""
        try:
            line = raw.decode()
        except UnicodeDecodeError as error:
            self._broken(data, number, f"not valid UTF-8 at byte {error.start + 1}")
            return _SKIP
        if number == 1:
            line = line.removeprefix(_BOM)
        line = line.rstrip("\r\n")  # else an error at the end is "line 2, column 1"
        if not line.strip(_JSON_SPACE):
            return _SKIP
        try:
            return _loads(line)
        except json.JSONDecodeError as error:
            self._broken(data, number, _json_message(error))
        except RecursionError:
            self._broken(data, number, "not valid JSON: nested too deeply to read")
        return _SKIP

    def _read_whole(self, data: DataFile, add: Add) -> int:
        try:
            raw = data.path.read_bytes() if data.path else sys.stdin.buffer.read()
        except OSError as error:
            raise UnreadableFile(data, error) from None
        if self.progress is not None:
            self.progress(len(raw))
        try:
            text = raw.decode().removeprefix(_BOM)
        except UnicodeDecodeError as error:
            line = raw.count(b"\n", 0, error.start) + 1
            self._broken(data, line, f"not valid UTF-8 at byte {error.start + 1}")
            return 0
        records = 0
        try:
            for line, pointer, record in json_records(text):
                records += 1
                for finding in add(record, f"{data.display}:{line}", pointer):
                    self.report(finding)
        except json.JSONDecodeError as error:
            message = f"{_json_message(error)}; the rest of the file is not read"
            if error.msg == "Extra data" and not records:
                message += (
                    " (one record per line is NDJSON: name the file .ndjson or give "
                    "--input-format ndjson)"
                )
            self._broken(data, error.lineno, message)
        except RecursionError:
            self._broken(data, 1, "not valid JSON: nested too deeply to read")
        return records

    def _broken(self, data: DataFile, line: int, message: str) -> None:
        self.broken += 1
        where = f"{data.display}:{line}"
        self.report(self.finding(where, data.entity, "", "json", "", message))


_SKIP = object()
"""A line that holds no record: blank, or reported as broken."""


def _chunks(data: DataFile) -> Iterator[list[bytes]]:
    """The lines of `data`, about `_CHUNK` bytes of them at a time. UnreadableFile
    when reading fails; errors of the caller's own (writing the report) pass."""
    try:
        # Standard input is left open when the `with` ends.
        source = data.path.open("rb") if data.path else nullcontext(sys.stdin.buffer)
        with source as stream:
            while chunk := stream.readlines(_CHUNK):
                yield chunk
    except OSError as error:
        raise UnreadableFile(data, error) from None


def json_records(text: str) -> Iterator[tuple[int, str, Any]]:
    """(line, pointer, record) for the one record of a JSON text (pointer ""), or
    each element of its top-level array (pointer "/0", "/1", ...: several records
    may share a line); the line is where the record starts. JSONDecodeError at the
    first break, after the records before it."""
    at = _skip(text, 0)
    if not text.startswith("[", at):
        record = _loads(text)
        yield 1 + text.count("\n", 0, at), "", record
        return
    line, counted = 1, 0
    at = _skip(text, at + 1)
    if text.startswith("]", at):
        _expect_end(text, at + 1)
        return
    for number in itertools.count():
        line += text.count("\n", counted, at)
        counted = at
        record, end = _raw_decode(text, at)
        yield line, f"/{number}", record
        at = _skip(text, end)
        if text.startswith(",", at):
            at = _skip(text, at + 1)
        elif text.startswith("]", at):
            break
        else:
            raise json.JSONDecodeError("Expecting ',' delimiter", text, at)
    _expect_end(text, at + 1)


def _loads(text: str) -> Any:
    """`json.loads(text)`, refusing what `_raw_decode` refuses."""
    record, end = _raw_decode(text, _skip(text, 0))
    _expect_end(text, end)
    return record


def _raw_decode(text: str, at: int) -> tuple[Any, int]:
    """The JSON value at `at` and where it ends. JSONDecodeError for broken JSON,
    also for NaN and Infinity and for an integer too long to convert."""
    try:
        return _DECODER.raw_decode(text, at)
    except json.JSONDecodeError:
        raise
    except ValueError as error:
        message, where = _refused_number(text, at) or (str(error), at)
        raise json.JSONDecodeError(message, text, where) from None


def _refused_number(text: str, at: int) -> tuple[str, int] | None:
    """What the decoder refused in the value at `at`, and where: the first NaN or
    Infinity, or integer of more digits than Python converts. The text before it is
    JSON, so the tokens line up."""
    limit = sys.get_int_max_str_digits()
    for token in _TOKENS.finditer(text, at):
        if token["constant"]:
            return f"{token['constant']} is not a JSON number", token.start()
        digits = token["digits"]
        if digits and token["real"] and _overflows(token[0]):
            number = (
                token[0] if len(token[0]) <= 30 else f"a number of {len(digits)} digits"
            )
            return f"{number} is beyond the range of a double", token.start()
        if digits and not token["real"] and limit and len(digits) > limit:
            count = len(digits)
            message = f"an integer of {count} digits, more than Python reads ({limit})"
            return message, token.start()
    return None


def _overflows(number: str) -> bool:
    try:
        return math.isinf(float(number))
    except ValueError:  # not a number after all: the decoder said what
        return False


def _skip(text: str, at: int) -> int:
    match = _WHITESPACE.match(text, at)
    return match.end() if match else at


def _expect_end(text: str, at: int) -> None:
    at = _skip(text, at)
    if at != len(text):
        raise json.JSONDecodeError("Extra data", text, at)


def _json_message(error: json.JSONDecodeError) -> str:
    return f"not valid JSON: {error.msg} at column {error.colno}"
