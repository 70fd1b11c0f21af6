"""`dreamvault validate` (DESIGN.md sections 3 and 6): records checked one by one and
across records (keys, references, child order), JSON and NDJSON, text and JSON output,
exit codes; and the generated `Dataset` on its own."""

from __future__ import annotations

import errno
import json
import os
import shutil
import subprocess
import sys
import textwrap
import threading
import types
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from generator.checks import dataset_module
from generator.cli import main
from generator.compiled import compile_dataset
from generator.pipeline import load_model
from generator.settings import resolve
from tests.conftest import GENERATED, ROOT, SPECS

T = "2024-03-01T10:00:00Z"
Records = list[Any]


# Records --------------------------------------------------------------------------


def uid(kind: int, number: int) -> str:
    """A uuid that says what it is: kind 1 users, 2 portfolios, 3 stocks,
    4 conversations, 5 messages. It holds letters, so that its upper case differs."""
    return f"{kind:08x}-beef-4000-8000-{number:012x}"


def user(number: int, **changes: Any) -> dict[str, Any]:
    return {
        "id": uid(1, number),
        "email": f"user{number}@example.com",
        "username": f"user{number}",
        "preferences": {},
        "created_at": T,
        "updated_at": T,
        "last_login": None,
        **changes,
    }


def stock(number: int, portfolio_number: int) -> dict[str, Any]:
    return {
        "id": uid(3, number),
        "portfolio_id": uid(2, portfolio_number),
        "symbol": "ACME",
        "company_name": "Acme",
        "quantity": 3,
        "purchase_price": "10.10",
        "current_price": None,
        "purchase_date": "2024-02-29",
        "sector": None,
        "industry": None,
        "created_at": T,
        "updated_at": T,
    }


def portfolio(number: int, owner: int, stocks: tuple[int, ...] = ()) -> dict[str, Any]:
    return {
        "id": uid(2, number),
        "user_id": uid(1, owner),
        "name": "Main",
        "description": None,
        "stocks": [stock(s, number) for s in stocks],
        "cash_balance": "100.00",
        "total_value": "100.00",
        "config": {"risk_tolerance": "moderate", "rebalance_frequency": "monthly"},
        "created_at": T,
        "updated_at": T,
    }


def message(number: int, conversation_number: int, minute: int) -> dict[str, Any]:
    return {
        "id": uid(5, number),
        "conversation_id": uid(4, conversation_number),
        "role": "user",
        "content": "hello",
        "timestamp": f"2024-03-01T10:{minute:02d}:00Z",
    }


def conversation(number: int, owner: int) -> dict[str, Any]:
    return {
        "id": uid(4, number),
        "user_id": uid(1, owner),
        "title": None,
        "messages": [],
        "context": {
            "user_profile": {},
            "conversation_history": [],
            "current_topic": None,
            "entities": [],
            "intent": None,
            "sentiment": None,
        },
        "state": {"status": "active", "current_step": None},
        "config": {"model": "m"},
        "created_at": T,
        "updated_at": T,
    }


def ndjson(*records: Any) -> str:
    """One record per line; a string is written as the raw line."""
    lines = [r if isinstance(r, str) else json.dumps(r) for r in records]
    return "".join(f"{line}\n" for line in lines)


def nested_stock_in_upper_case() -> dict[str, Any]:
    """Portfolio 1 of user 1, whose stock names it in upper case."""
    record = portfolio(1, 1, (1,))
    record["stocks"][0]["portfolio_id"] = uid(2, 1).upper()
    return record


BIG = "1" * 5000
"""An integer longer than Python converts (4300 digits unless set otherwise)."""
FORGED = "x\nusers.ndjson:99: /id: FORGED"
"""A key that, printed raw, would add a finding line of its own."""


# Running the command ----------------------------------------------------------------


@cache
def _compiled() -> types.ModuleType:
    return compile_dataset(load_model(SPECS, ROOT))


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh current folder; the dataset module is compiled once for all tests
    (what `dataset_module` chooses is tested on its own below)."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr("generator.checks.dataset_module", lambda _: _compiled())
    return tmp_path


def validate(folder: Path, files: dict[str, str], *args: str) -> tuple[int, str]:
    for name, text in files.items():
        (folder / name).write_text(text, "utf-8")
    result = CliRunner().invoke(main, ["validate", "--specs", str(SPECS), *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        result.output
    )
    return result.exit_code, result.stdout


U1, U2, P1, P2, C1, C2, C3 = (
    uid(1, 1),
    uid(1, 2),
    uid(2, 1),
    uid(2, 2),
    uid(4, 1),
    uid(4, 2),
    uid(4, 3),
)
S1 = uid(3, 1)

CASES: list[tuple[str, dict[str, str], list[str], int, list[str]]] = [
    (
        "clean",
        {"users.ndjson": ndjson(user(1), user(2))},
        ["--entity", "User", "users.ndjson"],
        0,
        ["1 file, 2 records: 0 errors, 0 warnings"],
    ),
    (
        "duplicate username and email in one file",
        {
            "users.ndjson": ndjson(
                user(1), user(2, username="user1", email="user1@example.com")
            )
        },
        ["--entity", "user", "users.ndjson"],
        1,
        [
            "users.ndjson:2: /email: 'user1@example.com' is already the email of the "
            "User at users.ndjson:1",
            "users.ndjson:2: /username: 'user1' is already the username of the User "
            "at users.ndjson:1",
            "1 file, 2 records: 2 errors, 0 warnings",
        ],
    ),
    (
        "duplicates across files",
        {
            "a.ndjson": ndjson(user(1)),
            "b.ndjson": ndjson(user(2, username="user1")),
        },
        ["--entity", "USER", "a.ndjson", "b.ndjson"],
        1,
        [
            "b.ndjson:1: /username: 'user1' is already the username of the User at "
            "a.ndjson:1",
            "2 files, 2 records: 1 error, 0 warnings",
        ],
    ),
    (
        "uuid keys compare case-insensitively, other keys exactly",
        {"users.ndjson": ndjson(user(1), user(2, id=U1.upper(), username="User1"))},
        ["--entity", "User", "users.ndjson"],
        1,
        [
            f"users.ndjson:2: /id: '{U1.upper()}' is already the id of the User at "
            "users.ndjson:1",
            "1 file, 2 records: 1 error, 0 warnings",
        ],
    ),
    (
        "a portfolio whose user is absent",
        {
            "users.ndjson": ndjson(user(1)),
            "portfolios.ndjson": ndjson(portfolio(1, 1), portfolio(2, 2)),
        },
        ["Portfolio=portfolios.ndjson", "User=users.ndjson"],
        1,
        [
            f"portfolios.ndjson:2: /user_id: '{U2}' is not the id of any User",
            "2 files, 3 records: 1 error, 0 warnings",
        ],
    ),
    (
        "references to an entity not given are a warning",
        {"portfolios.ndjson": ndjson(portfolio(1, 1), portfolio(2, 2))},
        ["--entity", "portfolio", "portfolios.ndjson"],
        0,
        [
            "warning: portfolios.ndjson:1: /user_id: 2 references to User.id not "
            "checked: no User records were given",
            "1 file, 2 records: 0 errors, 1 warning",
        ],
    ),
    (
        "nested stocks are Stock records",
        {
            "users.ndjson": ndjson(user(1)),
            "portfolios.ndjson": ndjson(portfolio(1, 1, (1,)), portfolio(2, 1, (2, 1))),
        },
        ["User=users.ndjson", "Portfolio=portfolios.ndjson"],
        1,
        [
            f"portfolios.ndjson:2: /stocks/1/id: '{S1}' is already the id of the Stock "
            "at portfolios.ndjson:1 /stocks/0",
            "2 files, 3 records: 1 error, 0 warnings",
        ],
    ),
    (
        "messages out of order per conversation; interleaved conversations are fine",
        {
            "messages.ndjson": ndjson(
                message(1, 1, 5),
                message(2, 2, 0),
                message(3, 1, 1),
                message(4, 1, 5),
                message(5, 2, 0),
                message(6, 3, 0),
            ),
            "conversations.ndjson": ndjson(conversation(1, 1), conversation(2, 1)),
        },
        ["Message=messages.ndjson", "Conversation=conversations.ndjson"],
        1,
        [
            "messages.ndjson:3: /timestamp: '2024-03-01T10:01:00Z' comes before "
            "'2024-03-01T10:05:00Z' of the Message at messages.ndjson:1; the records "
            f"with conversation_id '{C1}' must be in order of 'timestamp'",
            f"messages.ndjson:6: /conversation_id: '{C3}' is not the id of any "
            "Conversation",
            "warning: conversations.ndjson:1: /user_id: 2 references to User.id not "
            "checked: no User records were given",
            "2 files, 8 records: 2 errors, 1 warning",
        ],
    ),
    (
        "messages in order, the conversations file first or last",
        {
            "users.ndjson": ndjson(user(1)),
            "messages.ndjson": ndjson(
                message(1, 1, 0), message(2, 2, 0), message(3, 1, 0), message(4, 2, 9)
            ),
            "conversations.ndjson": ndjson(conversation(1, 1), conversation(2, 1)),
        },
        [
            "message=messages.ndjson",
            "conversation=conversations.ndjson",
            "user=users.ndjson",
        ],
        0,
        ["3 files, 7 records: 0 errors, 0 warnings"],
    ),
    (
        "broken JSON is reported at its line and the rest still checked",
        {
            "users.ndjson": ndjson(
                user(1), '{"id": ', "", user(2, username="user1"), "[1, 2]", " {} x"
            )
        },
        ["--entity", "User", "users.ndjson"],
        1,
        [
            "users.ndjson:2: (root): not valid JSON: Expecting value at column 8",
            "users.ndjson:4: /username: 'user1' is already the username of the User "
            "at users.ndjson:1",
            "users.ndjson:5: (root): [1, 2] is not of type 'object' (it is array)",
            "users.ndjson:6: (root): not valid JSON: Extra data at column 5",
            "1 file, 3 records: 4 errors, 0 warnings",
        ],
    ),
    (
        "not UTF-8",
        {"users.ndjson": ndjson(user(1))},
        ["--entity", "User", "users.ndjson", "latin.ndjson"],
        1,
        [
            "latin.ndjson:2: (root): not valid UTF-8 at byte 11",
            "2 files, 2 records: 1 error, 0 warnings",
        ],
    ),
    (
        "numbers JSON cannot carry or Python cannot read are broken JSON",
        {
            "users.ndjson": ndjson(
                user(1),
                f'{{"n": {BIG}}}',
                '{"n": [1.5, "NaN", NaN]}',
                '{"n": Infinity}',
                '{"n": -Infinity}',
                f'{{"n": {BIG}.5, "Infinity": "-Infinity", "m": -{BIG}}}',
                f'{{"Infinity": "-Infinity", "m": -{BIG}}}',
                '{"metadata": {"deep": [1.5, -1E400]}}',
                user(2, username="user1"),
            )
        },
        ["--entity", "User", "users.ndjson"],
        1,
        [
            "users.ndjson:2: (root): not valid JSON: an integer of 5000 digits, more "
            "than Python reads (4300) at column 7",
            "users.ndjson:3: (root): not valid JSON: NaN is not a JSON number at "
            "column 20",
            "users.ndjson:4: (root): not valid JSON: Infinity is not a JSON number at "
            "column 7",
            "users.ndjson:5: (root): not valid JSON: -Infinity is not a JSON number at "
            "column 7",
            "users.ndjson:6: (root): not valid JSON: a number of 5000 digits is beyond "
            "the range of a double at column 7",
            "users.ndjson:7: (root): not valid JSON: an integer of 5000 digits, more "
            "than Python reads (4300) at column 32",
            "users.ndjson:8: (root): not valid JSON: -1E400 is beyond the range of a "
            "double at column 29",
            "users.ndjson:9: /username: 'user1' is already the username of the User "
            "at users.ndjson:1",
            "1 file, 2 records: 8 errors, 0 warnings",
        ],
    ),
    (
        "a finding is one line whatever its keys hold",
        {
            "users.ndjson": ndjson(
                user(1, **{FORGED: 1}),
                user(2, **{"\ud800": 1}),
                user(3, **{"a\\nb": 1}),
                user(4, **{"\t\x1b[31m\u2028\x85": 1}),
            )
        },
        ["--entity", "User", "users.ndjson"],
        1,
        [
            "users.ndjson:1: /x\\nusers.ndjson:99: ~1id: FORGED: 'x\\nusers.ndjson:"
            "99: /id: FORGED' is not a property of this object",
            "users.ndjson:2: /\\ud800: '\\ud800' is not a property of this object",
            "users.ndjson:3: /a\\\\nb: 'a\\\\nb' is not a property of this object",
            "users.ndjson:4: /\\t\\x1b[31m\\u2028\\x85: '\\t\\x1b[31m\\u2028\\x85' is "
            "not a property of this object",
            "1 file, 4 records: 4 errors, 0 warnings",
        ],
    ),
    (
        "a byte order mark at the start of the file is skipped, not on a later line",
        {"users.ndjson": "\ufeff" + ndjson(user(1), "\ufeff" + json.dumps(user(2)))},
        ["--entity", "User", "users.ndjson"],
        1,
        [
            "users.ndjson:2: (root): not valid JSON: Expecting value at column 1",
            "1 file, 1 record: 1 error, 0 warnings",
        ],
    ),
    (
        "a byte order mark before a broken first line",
        {"users.ndjson": "\ufeff" + ndjson("{", user(1))},
        ["--entity", "User", "users.ndjson"],
        1,
        [
            "users.ndjson:1: (root): not valid JSON: Expecting property name enclosed "
            "in double quotes at column 2",
            "1 file, 1 record: 1 error, 0 warnings",
        ],
    ),
    (
        "a nested stock must name its portfolio's uuid in the same case",
        {
            "users.ndjson": ndjson(user(1)),
            "portfolios.ndjson": ndjson(nested_stock_in_upper_case()),
        },
        ["User=users.ndjson", "Portfolio=portfolios.ndjson"],
        1,
        [
            f"portfolios.ndjson:1: /stocks/0/portfolio_id: '{P1.upper()}' is not "
            f"'{P1}', the key of the record it is nested in (only its case differs: "
            "MariaDB and SQLite compare uuids as text)",
            "2 files, 2 records: 1 error, 0 warnings",
        ],
    ),
    (
        "a reference must name its uuid in the same case",
        {
            "users.ndjson": ndjson(user(1)),
            "portfolios.ndjson": ndjson(portfolio(1, 1) | {"user_id": U1.upper()}),
        },
        ["User=users.ndjson", "Portfolio=portfolios.ndjson"],
        1,
        [
            f"portfolios.ndjson:1: /user_id: '{U1.upper()}' is not the id of any "
            "User; the User at users.ndjson:1 has it in another case, and MariaDB "
            "and SQLite compare uuids as text",
            "2 files, 2 records: 1 error, 0 warnings",
        ],
    ),
]


@pytest.mark.parametrize(
    ("files", "args", "code", "expected"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_validate(
    folder: Path, files: dict[str, str], args: list[str], code: int, expected: list[str]
) -> None:
    if "latin.ndjson" in args:
        (folder / "latin.ndjson").write_bytes(
            json.dumps(user(2)).encode() + b'\n{"a": "caf\xe9"}\n'
        )
    assert validate(folder, files, *args) == (code, "".join(f"{e}\n" for e in expected))


def test_a_json_array_gives_each_record_its_own_line(folder: Path) -> None:
    text = json.dumps([user(1), user(2), user(3, username="user2")], indent=2)
    starts = [n for n, line in enumerate(text.splitlines(), 1) if line == "  {"]
    assert starts == [2, 11, 20]
    code, output = validate(
        folder, {"users.json": text}, "--entity", "User", "users.json"
    )
    assert (code, output) == (
        1,
        "users.json:20: /2/username: 'user2' is already the username of the User at "
        "users.json:11 /1\n"
        "1 file, 3 records: 1 error, 0 warnings\n",
    )


def test_the_records_of_a_minified_array_are_told_apart_by_pointer(
    folder: Path,
) -> None:
    records = [user(1), user(2, email="bad"), user(3, username="user1")]
    code, output = validate(
        folder, {"users.json": json.dumps(records)}, "--entity", "User", "users.json"
    )
    assert (code, output) == (
        1,
        "users.json:1: /1/email: 'bad' is not an email address like "
        "'name@example.com'\n"
        "users.json:1: /2/username: 'user1' is already the username of the User at "
        "users.json:1 /0\n"
        "1 file, 3 records: 2 errors, 0 warnings\n",
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("\n\n" + json.dumps(user(1, email="x")), ["users.json:3: /email: 'x' is not"]),
        ("[]", ["warning: users.json:1: (root): holds no records"]),
        (
            "[\n" + json.dumps(user(1)) + ",\n" + json.dumps(user(2)) + "\n]",
            [],
        ),
        (
            "[\n" + json.dumps(user(1, email="x")) + ",\n  {oops}\n]",
            [
                "users.json:2: /0/email: 'x' is not",
                "users.json:3: (root): not valid JSON: Expecting property name "
                "enclosed in double quotes at column 4; the rest of the file is not "
                "read",
            ],
        ),
        (
            json.dumps(user(1)) + "\n[]",
            ["users.json:2: (root): not valid JSON: Extra data at column 1"],
        ),
        ("", ["users.json:1: (root): not valid JSON: Expecting value at column 1"]),
        (
            ndjson(user(1), user(2)),
            [
                "users.json:2: (root): not valid JSON: Extra data at column 1; the "
                "rest of the file is not read (one record per line is NDJSON: name "
                "the file .ndjson or give --input-format ndjson)"
            ],
        ),
        (
            "[\n" + json.dumps(user(1)) + ",\n" + f'{{"n": {BIG}}}\n]',
            [
                "users.json:3: (root): not valid JSON: an integer of 5000 digits, "
                "more than Python reads (4300) at column 7; the rest of the file is "
                "not read"
            ],
        ),
        (
            '{\n  "n": [\n    -Infinity\n  ]\n}',
            [
                "users.json:3: (root): not valid JSON: -Infinity is not a JSON number "
                "at column 5; the rest of the file is not read"
            ],
        ),
        ("\ufeff" + json.dumps(user(1)), []),
        ("\ufeff\n" + json.dumps(user(1, email="x")), ["users.json:2: /email: 'x'"]),
        ("\ufeff[" + json.dumps(user(1)) + "]", []),
        (
            "\ufeff\ufeff[]",
            ["users.json:1: (root): not valid JSON: Expecting value at column 1"],
        ),
    ],
    ids=[
        "one-record",
        "empty-array",
        "array",
        "broken-element",
        "extra",
        "empty",
        "ndjson",
        "long-integer",
        "infinity",
        "bom",
        "bom-then-lines",
        "bom-array",
        "two-boms",
    ],
)
def test_json_files(folder: Path, text: str, expected: list[str]) -> None:
    code, output = validate(
        folder, {"users.json": text}, "--entity", "User", "users.json"
    )
    lines = output.splitlines()[:-1]
    errors = [line for line in expected if not line.startswith("warning: ")]
    assert code == (1 if errors else 0)
    assert len(lines) == len(expected)
    for line, start in zip(lines, expected, strict=True):
        assert line.startswith(start), line


RECORD = json.dumps(user(2))
"""A valid record, written as the second line with the end each case gives it."""
CLEAN = "1 file, 2 records: 0 errors, 0 warnings"
BROKEN = "1 file, 1 record: 1 error, 0 warnings"


def extra(after: int) -> str:
    """The finding of junk `after` characters past the end of `RECORD`."""
    column = len(RECORD) + after
    return f"users.ndjson:2: (root): not valid JSON: Extra data at column {column}"


EXTRA = extra(1)


@pytest.mark.parametrize(
    ("end", "expected"),
    [
        ("\n", [CLEAN]),
        ("", [CLEAN]),
        ("  \n", [CLEAN]),
        ("  ", [CLEAN]),
        (" \t\r\n", [CLEAN]),
        ("\r\n", [CLEAN]),
        ("\r", [CLEAN]),
        ("\n\n", [CLEAN]),
        ("}", [EXTRA, BROKEN]),
        ("}\n", [EXTRA, BROKEN]),
        ("}\r\n", [EXTRA, BROKEN]),
        ("}}", [EXTRA, BROKEN]),
        ("}}\n", [EXTRA, BROKEN]),
        ("x", [EXTRA, BROKEN]),
        (" }", [extra(2), BROKEN]),
        (
            "\n}",
            [
                "users.ndjson:3: (root): not valid JSON: Expecting value at column 1",
                "1 file, 2 records: 1 error, 0 warnings",
            ],
        ),
    ],
    ids=repr,
)
def test_the_end_of_an_ndjson_line(folder: Path, end: str, expected: list[str]) -> None:
    text = ndjson(user(1)) + RECORD + end
    code, output = validate(
        folder, {"users.ndjson": text}, "--entity", "User", "users.ndjson"
    )
    assert (code, output.splitlines()) == (0 if expected == [CLEAN] else 1, expected)


def test_json_format_holds_hostile_data(folder: Path) -> None:
    files = {
        "users.ndjson": ndjson(
            user(1, **{FORGED: 1}),
            user(2, **{"\ud800": 1, "café": 1}),
            f'{{"n": {BIG}}}',
            '{"n": NaN}',
        )
    }
    code, output = validate(
        folder, files, "--format", "json", "--entity", "User", "users.ndjson"
    )
    assert code == 1
    document = json.loads(output)
    found = [(f["line"], f["pointer"], f["message"]) for f in document["findings"]]
    assert found == [
        (
            1,
            "/x\nusers.ndjson:99: ~1id: FORGED",
            f"{FORGED!r} is not a property of this object",
        ),
        (2, "/\ud800", "'\\ud800' is not a property of this object"),
        (2, "/café", "'café' is not a property of this object"),
        (
            3,
            "",
            "not valid JSON: an integer of 5000 digits, more than Python reads "
            "(4300) at column 7",
        ),
        (4, "", "not valid JSON: NaN is not a JSON number at column 7"),
    ]
    assert "café" in output  # other characters than ASCII are kept as they are


def test_json_format_holds_every_finding(folder: Path) -> None:
    files = {
        "users.ndjson": ndjson(user(1), "{", user(2, username="user1")),
        "portfolios.ndjson": ndjson(portfolio(1, 3)),
        "conversations.ndjson": ndjson(conversation(1, 1)),
    }
    code, output = validate(
        folder,
        files,
        "--format",
        "json",
        "Conversation=conversations.ndjson",
        "User=users.ndjson",
        "Portfolio=portfolios.ndjson",
    )
    assert code == 1
    document = json.loads(output)
    found = [
        (f["file"], f["line"], f["pointer"], f["keyword"], f["severity"])
        for f in document["findings"]
    ]
    assert found == [
        ("users.ndjson", 2, "", "json", "error"),
        ("users.ndjson", 3, "/username", "x-unique", "error"),
        ("portfolios.ndjson", 1, "/user_id", "x-references", "error"),
    ]
    assert document["findings"][2] == {
        "file": "portfolios.ndjson",
        "line": 1,
        "entity": "Portfolio",
        "pointer": "/user_id",
        "keyword": "x-references",
        "schema_location": "portfolio.schema.json#/properties/user_id/x-references",
        "message": f"'{uid(1, 3)}' is not the id of any User",
        "severity": "error",
    }
    assert document["summary"] == {"files": 3, "records": 4, "errors": 3, "warnings": 0}


@pytest.mark.parametrize(
    ("files", "findings", "summary"),
    [
        ({"users.ndjson": ndjson(user(1))}, [], (1, 0, 0)),
        (
            {"conversations.ndjson": ndjson(conversation(1, 1))},
            [
                (
                    "warning",
                    "1 reference to User.id not checked: no User records were given",
                )
            ],
            (1, 0, 1),
        ),
    ],
    ids=["clean", "warning"],
)
def test_json_format_when_clean_or_with_a_warning(
    folder: Path,
    files: dict[str, str],
    findings: list[tuple[str, str]],
    summary: tuple[int, int, int],
) -> None:
    name = next(iter(files))
    entity = name.split(".")[0].removesuffix("s")
    code, output = validate(folder, files, "--format", "json", f"{entity}={name}")
    assert code == 0
    document = json.loads(output)
    assert [(f["severity"], f["message"]) for f in document["findings"]] == findings
    records, errors, warnings = summary
    assert document["summary"] == {
        "files": 1,
        "records": records,
        "errors": errors,
        "warnings": warnings,
    }


USAGE = [
    (
        ["--entity", "Nope", "users.ndjson"],
        "Error: unknown entity 'Nope'; expected one of APIResponse, Conversation, "
        "ConversationConfig, ConversationContext, ConversationState, Message, "
        "PerformanceMetrics, Portfolio, PortfolioConfig, Stock, User, UserPreferences "
        "(a title or a spec file stem)",
    ),
    (["Nope=users.ndjson"], "Error: unknown entity 'Nope'; expected one of"),
    (
        ["--entity", "MessageRole", "users.ndjson"],
        "Error: unknown entity 'MessageRole'",
    ),
    (["--entity", "User", "missing.ndjson"], "Error: missing.ndjson: no such file"),
    (["User=missing.ndjson"], "Error: missing.ndjson: no such file"),
    (["User="], "Error: 'User=': expected NAME=FILE, like User=users.ndjson"),
    (["=users.ndjson"], "Error: '=users.ndjson': expected NAME=FILE, like"),
    (
        ["users.ndjson"],
        "Error: users.ndjson: no entity for this file; give --entity NAME, or "
        "NAME=users.ndjson",
    ),
    (
        ["--entity", "User", "users.txt"],
        "Error: users.txt: cannot tell its format from the name; use .json (one "
        "record or an array of records) or .ndjson/.jsonl (one record per line), "
        "or give --input-format",
    ),
    (["--entity", "User", "."], "Error: .: a folder, not a file"),
    (
        ["--entity", "User", "users.ndjson", "./users.ndjson"],
        "Error: ./users.ndjson: given twice (also as users.ndjson); give each file "
        "once",
    ),
    (
        ["User=users.ndjson", "Portfolio=link.ndjson"],
        "Error: link.ndjson: given twice (also as users.ndjson)",
    ),
    (["--entity", "User", "-", "-"], "Error: <stdin>: given twice (also as <stdin>)"),
    (
        ["--input-format", "csv", "--entity", "User", "users.txt"],
        "Error: Invalid value for '--input-format'",
    ),
    (["--entity", "User"], "Error: Missing argument 'FILE...'."),
    (["--format", "xml", "--entity", "User", "users.ndjson"], "Error: Invalid value"),
]


@pytest.mark.parametrize(("args", "message"), USAGE, ids=[str(a) for a, _ in USAGE])
def test_usage_errors_exit_2(folder: Path, args: list[str], message: str) -> None:
    (folder / "users.ndjson").write_text(ndjson(user(1)))
    (folder / "users.txt").write_text(ndjson(user(1)))
    (folder / "link.ndjson").symlink_to(folder / "users.ndjson")
    result = CliRunner().invoke(main, ["validate", "--specs", str(SPECS), *args])
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    last = result.stderr.splitlines()[-1]
    assert last.startswith(message), last
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("args", "text"),
    [
        (["-"], ndjson(user(1), user(2, email="bad"))),
        (["--input-format", "ndjson", "-"], ndjson(user(1), user(2, email="bad"))),
        (["--input-format", "json", "-"], json.dumps([user(1), user(2, email="bad")])),
    ],
    ids=["ndjson by default", "ndjson", "json"],
)
def test_standard_input_is_read_as_told(
    folder: Path, args: list[str], text: str
) -> None:
    result = CliRunner().invoke(
        main, ["validate", "--specs", str(SPECS), "--entity", "User", *args], text
    )
    pointer = "/1/email" if "json" in args else "/email"
    line = 1 if "json" in args else 2
    assert (result.exit_code, result.stdout) == (
        1,
        f"<stdin>:{line}: {pointer}: 'bad' is not an email address like "
        "'name@example.com'\n"
        "1 file, 2 records: 1 error, 0 warnings\n",
    )


@pytest.mark.parametrize(
    ("name", "args"),
    [("users.ndjson", []), ("pipe", ["--input-format", "ndjson"])],
    ids=["named", "told"],
)
def test_a_pipe_is_streamed_like_a_file(
    folder: Path, name: str, args: list[str]
) -> None:
    """`dreamvault validate <(zcat users.ndjson.gz)`: a named pipe, whose size is
    unknown, read by a real process."""
    fifo = folder / name
    os.mkfifo(fifo)
    command = [sys.executable, "-m", "generator", "validate", "--specs", str(SPECS)]
    process = subprocess.Popen(
        [*command, "--entity", "User", *args, str(fifo)],
        stdout=subprocess.PIPE,
        text=True,
    )
    # Opening a pipe to write waits for its reader: a thread, so that a command
    # that never opens it fails the test instead of hanging it.
    text = ndjson(user(1), user(2, username="user1"))
    threading.Thread(target=fifo.write_text, args=(text,), daemon=True).start()
    out, _ = process.communicate(timeout=60)
    assert (process.returncode, out) == (
        1,
        f"{fifo}:2: /username: 'user1' is already the username of the User at "
        f"{fifo}:1\n"
        "1 file, 2 records: 1 error, 0 warnings\n",
    )


@pytest.mark.parametrize("name", ["users.ndjson", "users.json"])
def test_a_file_that_cannot_be_read_exits_2(
    folder: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    (folder / name).write_text(ndjson(user(1)))

    def failing(method: Any) -> Any:
        def read(path: Path, *args: Any, **kwargs: Any) -> Any:
            if path.name == name:
                raise OSError(errno.EIO, os.strerror(errno.EIO))
            return method(path, *args, **kwargs)

        return read

    monkeypatch.setattr(Path, "open", failing(Path.open))
    monkeypatch.setattr(Path, "read_bytes", failing(Path.read_bytes))
    result = CliRunner().invoke(
        main, ["validate", "--specs", str(SPECS), "--entity", "User", name]
    )
    assert (result.exit_code, result.stderr) == (
        2,
        f"Error: cannot read {name}: Input/output error\n",
    )


JSON_RUN = ["validate", "--specs", str(SPECS), "--format", "json", "--entity", "User"]


def test_a_run_stopped_by_an_unreadable_file_still_gives_whole_json(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (folder / "a.ndjson").write_text(ndjson(user(1, email="x")))
    (folder / "b.ndjson").write_text(ndjson(user(2)))
    original = Path.open

    def failing(path: Path, *args: Any, **kwargs: Any) -> Any:
        if path.name == "b.ndjson":
            raise OSError(errno.EIO, os.strerror(errno.EIO))
        return original(path, *args, **kwargs)

    monkeypatch.setattr(Path, "open", failing)
    result = CliRunner().invoke(
        main,
        [*JSON_RUN, "a.ndjson", "b.ndjson"],
    )
    assert result.exit_code == 2
    document = json.loads(result.stdout)
    assert [f["line"] for f in document["findings"]] == [1]
    assert document["summary"]["stopped"] == "cannot read b.ndjson: Input/output error"


def test_a_file_without_read_permission_is_refused_before_any_output(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # As root (CI) every file is readable: the check is made to see one that is not.
    (folder / "a.ndjson").write_text(ndjson(user(1, email="x")))
    (folder / "b.ndjson").write_text(ndjson(user(2)))
    access = os.access
    monkeypatch.setattr(
        os,
        "access",
        lambda path, mode: "b.ndjson" not in str(path) and access(path, mode),
    )
    result = CliRunner().invoke(
        main,
        [*JSON_RUN, "a.ndjson", "b.ndjson"],
    )
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == "Error: b.ndjson: cannot read it (no permission)\n"


def test_standard_input_and_the_same_file_by_name_are_one_file(folder: Path) -> None:
    path = folder / "users.ndjson"
    path.write_text(ndjson(user(1)))
    command = [sys.executable, "-m", "generator", "validate", "--specs", str(SPECS)]
    for other in (str(path), "/dev/stdin"):
        with path.open("rb") as stdin:
            result = subprocess.run(
                [*command, "--entity", "User", "--input-format", "ndjson", "-", other],
                stdin=stdin,
                capture_output=True,
                text=True,
                check=False,
            )
        assert (result.returncode, result.stdout) == (2, ""), result.stderr
        assert "given twice (also as <stdin>)" in result.stderr


@pytest.mark.parametrize("text", ["", "\n\n"], ids=["empty", "blank lines"])
def test_a_file_without_records_is_a_warning(folder: Path, text: str) -> None:
    code, output = validate(
        folder, {"users.ndjson": text}, "--entity", "User", "users.ndjson"
    )
    assert (code, output) == (
        0,
        "warning: users.ndjson:1: (root): holds no records\n"
        "1 file, 0 records: 0 errors, 1 warning\n",
    )


def test_a_broken_pipe_ends_quietly(folder: Path) -> None:
    """`dreamvault validate ... | head -1`: more findings than a pipe holds, and
    the reader gone after the first."""
    (folder / "users.ndjson").write_text(ndjson(*["{"] * 5000))
    command = [sys.executable, "-m", "generator", "validate", "--specs", str(SPECS)]
    with subprocess.Popen(
        [*command, "--entity", "User", "users.ndjson"],
        cwd=folder,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    ) as process:
        assert process.stdout is not None and process.stderr is not None
        assert process.stdout.readline().startswith(b"users.ndjson:1: (root): ")
        process.stdout.close()
        stderr = process.stderr.read()
    assert (process.returncode, stderr.decode()) == (1, "")


def test_a_path_with_an_equals_sign_is_a_file(folder: Path) -> None:
    (folder / "sub").mkdir()
    files = {"sub/a=b.ndjson": ndjson(user(1))}
    assert validate(folder, files, "--entity", "User", "sub/a=b.ndjson") == (
        0,
        "1 file, 1 record: 0 errors, 0 warnings\n",
    )


# Where the rules come from ----------------------------------------------------------


def test_the_generated_tree_is_used_only_when_current(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = resolve({}, project)
    stale = dataset_module(settings)
    assert stale.__name__ == "dreamvault_compiled_dataset.dataset"
    assert CliRunner().invoke(main, ["generate"]).exit_code == 0
    current = dataset_module(settings)
    assert current.__name__ == "dreamvault_generated_dataset.dataset"
    assert current.__file__ == str(
        project / "generated/python/dreamvault_models/dataset.py"
    )

    def data(rules: dict[str, Any]) -> list[Any]:
        return [
            r._replace(check=r.check.__name__, valid=r.valid.__name__)
            for r in rules.values()
        ]

    assert data(current.RULES) == data(stale.RULES)
    (project / "data.ndjson").write_text(ndjson(user(1), user(1)))
    result = CliRunner().invoke(main, ["validate", "--entity", "User", "data.ndjson"])
    assert result.exit_code == 1
    assert result.stdout.splitlines()[-1] == "1 file, 2 records: 3 errors, 0 warnings"


def test_a_bad_spec_exits_2(project: Path) -> None:
    spec = project / "specs/user.schema.json"
    spec.write_text(spec.read_text().replace('"maxLength"', '"maxLenght"', 1))
    (project / "users.ndjson").write_text(ndjson(user(1)))
    result = CliRunner().invoke(main, ["validate", "--entity", "User", "users.ndjson"])
    assert result.exit_code == 2
    assert "unknown keyword 'maxLenght'" in result.stderr


# The checker as a library -------------------------------------------------------------


def _checker(module: types.ModuleType, given: Any = None) -> Any:
    """A DatasetChecker over "Thing"s: a uuid key, a unique code, a unique pair
    (a, b), `owner` referring to another Thing's code and `boss` to an Owner's code.
    A Thing's own rules: a property `deprecated` is deprecated, `bad` is wrong."""
    keys = [
        module.Key("x-primary-key", ["id"], "pk", forms=["uuid"]),
        module.Key("x-unique", ["code"], "code", forms=[""]),
        module.Key("x-indexes", ["a", "b"], "ab", forms=["", ""]),
    ]
    references = [
        module.Reference("owner", "Thing", "code", "owner", form=""),
        module.Reference("boss", "Owner", "code", "boss", form=""),
    ]
    rules = {
        "Thing": module.Rules(
            "Thing", "thing", _check, _valid, "things", keys, references=references
        ),
        "Owner": module.Rules("Owner", "owner", _check, _valid, "owners", keys[1:2]),
    }
    return module.DatasetChecker(rules, given)


def _check(value: Any, pointer: str, issues: list[Any]) -> None:
    runtime = sys.modules["dreamvault_compiled_dataset._runtime"]
    for keyword in ("deprecated", "bad"):
        if keyword in value:
            issues.append(runtime.ValidationIssue(f"/{keyword}", keyword, "", "no"))


def _valid(value: Any) -> bool:
    return "deprecated" not in value and "bad" not in value


RULE_CASES = [
    ([{"code": None}, {"code": None}], []),
    ([{"id": None}, {}], []),
    ([{"code": "A"}, {"code": "a"}], []),
    (
        [{"code": 1}, {"code": 1.0}],
        ["2: /code: 1.0 is already the code of the Thing at 1"],
    ),
    (
        [{"id": "ABC"}, {"id": "abc"}],
        ["2: /id: 'abc' is already the id of the Thing at 1"],
    ),
    ([{"a": 1, "b": None}, {"a": 1, "b": None}], []),
    (
        [{"a": 1, "b": "x"}, {"a": 1, "b": "x"}],
        ["2: /a: (1, 'x') is already the (a, b) of the Thing at 1"],
    ),
    ([{"owner": "later"}, {"code": "later"}], []),
    ([{"code": "me", "owner": "me"}, {"owner": None}], []),
    ([{"deprecated": 1}, {"bad": 1}], ["warning 1: /deprecated: no", "2: /bad: no"]),
    ([{"code": True}, {"code": 1}, {"code": False}, {"code": 0}], []),
    ([{"code": 1}, {"code": 1.0}, {"code": True}], ["2: /code: 1.0 is already"]),
    (
        [{"code": True}, {"code": True}],
        ["2: /code: True is already the code of the Thing at 1"],
    ),
    ([{"a": "org", "b": True}, {"a": "org", "b": 1}], []),
    ([{"a": "org", "b": 0}, {"a": "org", "b": False}], []),
    (
        [{"a": "org", "b": 1}, {"a": "org", "b": 1.0}],
        ["2: /a: ('org', 1.0) is already the (a, b) of the Thing at 1"],
    ),
    (
        [{"code": 1}, {"owner": True}, {"owner": 1.0}],
        ["2: /owner: True is not the code of any Thing"],
    ),
    (
        [{"owner": "gone"}, {"code": "here"}, {"owner": "gone"}],
        ["1: /owner: 'gone' is not the code of any Thing", "3: /owner: 'gone' is not"],
    ),
]


@pytest.mark.parametrize(("records", "expected"), RULE_CASES)
def test_key_and_reference_rules(records: list[Any], expected: list[str]) -> None:
    checker = _checker(_compiled())
    findings = [
        f for n, r in enumerate(records, 1) for f in checker.add("Thing", r, str(n))
    ]
    findings += checker.finish()
    found = [f"warning {f}" if f.severity == "warning" else str(f) for f in findings]
    assert len(found) == len(expected), found
    for line, start in zip(found, expected, strict=True):
        assert line.startswith(start), line


PRICE_SPEC = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "Price",
    "type": "object",
    "x-table": "prices",
    "x-primary-key": ["amount"],
    "properties": {
        "amount": {
            "type": "string",
            "format": "decimal",
            "x-precision": 10,
            "x-scale": 2,
        },
        "at": {"type": "string", "format": "date-time", "x-unique": True},
        "code": {"type": "string", "format": "uuid", "x-unique": True},
        "ref": {
            "type": ["string", "null"],
            "format": "decimal",
            "x-precision": 10,
            "x-scale": 2,
            "x-references": "price.amount",
            "x-on-delete": "set null",
        },
    },
    "required": ["amount"],
    "additionalProperties": False,
}

# Keys compare as the databases hold them once the models wrote them: decimals by
# value, date-times as instants, uuids in any case; a reference names a decimal by
# value, but a uuid in its own case.
TYPED_KEY_CASES = [
    ([{"amount": "1.5"}, {"amount": "1.50"}], ["2: /amount: '1.50' is already"]),
    ([{"amount": "1.5"}, {"amount": "1.51"}], []),
    ([{"amount": "-0.0"}, {"amount": "0"}], ["2: /amount: '0' is already"]),
    (
        [
            {"amount": "1", "at": "2024-01-01T10:00:00Z"},
            {"amount": "2", "at": "2024-01-01t11:00:00.000+01:00"},
        ],
        ["2: /at: '2024-01-01t11:00:00.000+01:00' is already the at of the Price"],
    ),
    (
        [
            {"amount": "1", "at": "2024-01-01T10:00:00Z"},
            {"amount": "2", "at": "2024-01-01T10:00:00+01:00"},
        ],
        [],
    ),
    ([{"amount": "3.0"}, {"amount": "4", "ref": "3.00"}], []),
    ([{"amount": "4", "ref": "3.00"}, {"amount": "3"}], []),
    (
        [{"amount": "3.0"}, {"amount": "4", "ref": "3.01"}],
        ["2: /ref: '3.01' is not the amount of any Price"],
    ),
    (
        [
            {"amount": "1", "code": "0000000a-0000-4000-8000-000000000000"},
            {"amount": "2", "code": "0000000A-0000-4000-8000-000000000000"},
        ],
        ["2: /code: '0000000A-0000-4000-8000-000000000000' is already"],
    ),
    # Malformed values are the validators' to report, never a key.
    ([{"amount": "x"}, {"amount": "x"}], ["1: /amount:", "2: /amount:"]),
    ([{"amount": "NaN"}, {"amount": "NaN"}], ["1: /amount:", "2: /amount:"]),
]


@pytest.mark.parametrize(("records", "expected"), TYPED_KEY_CASES)
def test_typed_keys_compare_as_the_databases_hold_them(
    tmp_path: Path, records: list[Any], expected: list[str]
) -> None:
    (tmp_path / "specs").mkdir()
    spec = tmp_path / "specs" / "price.schema.json"
    spec.write_text(json.dumps(PRICE_SPEC), "utf-8")
    checker = compile_dataset(load_model(tmp_path / "specs", tmp_path)).Dataset()
    findings = [
        f for n, r in enumerate(records, 1) for f in checker.add("Price", r, str(n))
    ]
    found = [str(f) for f in findings + checker.finish()]
    assert len(found) == len(expected), found
    for line, start in zip(found, expected, strict=True):
        assert line.startswith(start), line


BOOK_SPECS = {
    "book": {
        "title": "Book",
        "x-table": "books",
        "properties": {
            "id": {"type": "string", "format": "uuid"},
            "by_price": {
                "type": "array",
                "items": {"$ref": "row.schema.json"},
                "x-ordered-by": "price",
            },
            "by_time": {
                "type": "array",
                "items": {"$ref": "row.schema.json"},
                "x-ordered-by": "at",
            },
        },
    },
    "row": {
        "title": "Row",
        "x-table": "rows",
        "$defs": {
            "money": {
                "type": "string",
                "format": "decimal",
                "x-precision": 8,
                "x-scale": 2,
            },
            "instant": {"type": "string", "format": "date-time"},
        },
        "properties": {
            "id": {"type": "string", "format": "uuid"},
            "book_id": {
                "type": "string",
                "format": "uuid",
                "x-references": "book.id",
                "x-on-delete": "cascade",
            },
            "price": {"$ref": "#/$defs/money", "minimum": 0},
            "at": {"allOf": [{"$ref": "#/$defs/instant"}]},
        },
    },
}

# x-ordered-by compares decimals by value and date-times as instants, also when the
# property reaches its format through a $ref with a bound beside it, or an allOf.
ORDER_CASES = [
    ("price", ["9.50", "10.00"], True),
    ("price", ["10.00", "9.50"], False),
    ("at", ["2024-01-01T10:00:00+02:00", "2024-01-01T09:00:00Z"], True),
    ("at", ["2024-01-01T09:00:00Z", "2024-01-01T10:00:00+02:00"], False),
]


@pytest.mark.parametrize(("name", "values", "in_order"), ORDER_CASES)
def test_order_compares_formats_reached_through_ref_or_all_of(
    tmp_path: Path, name: str, values: list[str], in_order: bool
) -> None:
    (tmp_path / "specs").mkdir()
    for stem, spec in BOOK_SPECS.items():
        full = {"type": "object", "required": ["id"], "additionalProperties": False}
        (tmp_path / "specs" / f"{stem}.schema.json").write_text(
            json.dumps({**full, **spec}), "utf-8"
        )
    module = compile_dataset(load_model(tmp_path / "specs", tmp_path))
    book = uid(9, 1)
    rows = [
        {"id": uid(9, 10 + n), "book_id": book, name: value}
        for n, value in enumerate(values)
    ]
    array = "by_price" if name == "price" else "by_time"
    nested = module.Dataset().add("Book", {"id": book, array: rows}, "b:1")
    standalone = module.Dataset()
    found = standalone.add("Book", {"id": book}, "b:1")
    for n, row in enumerate(rows, 1):
        found += standalone.add("Row", row, f"r:{n}")
    expected = [] if in_order else ["x-ordered-by"]
    assert [f.keyword for f in nested] == expected
    assert [f.keyword for f in found] == expected


ITEM_SPECS = {
    "item": {
        "title": "Item",
        "x-table": "items",
        "x-primary-key": ["code"],
        "properties": {
            "code": {
                "type": "string",
                "format": "decimal",
                "x-precision": 6,
                "x-scale": 2,
            },
            "lines": {"type": "array", "items": {"$ref": "line.schema.json"}},
        },
        "required": ["code"],
    },
    "line": {
        "title": "Line",
        "x-table": "lines",
        "properties": {
            "id": {"type": "string", "format": "uuid"},
            "item_code": {
                "type": "string",
                "format": "decimal",
                "x-precision": 6,
                "x-scale": 2,
                "x-references": "item.code",
                "x-on-delete": "cascade",
            },
        },
        "required": ["id"],
    },
}


@pytest.mark.parametrize(
    ("parent", "carried", "valid"),
    [("1", "1.00", True), ("1.5", "01.50", True), ("1", "1.01", False)],
)
def test_nested_rows_carry_a_decimal_key_by_value(
    tmp_path: Path, parent: str, carried: str, valid: bool
) -> None:
    (tmp_path / "specs").mkdir()
    for stem, spec in ITEM_SPECS.items():
        (tmp_path / "specs" / f"{stem}.schema.json").write_text(
            json.dumps({"type": "object", **spec}), "utf-8"
        )
    module = compile_dataset(load_model(tmp_path / "specs", tmp_path))
    line = {"id": uid(9, 1), "item_code": carried}
    found = module.Dataset().add("Item", {"code": parent, "lines": [line]}, "i:1")
    assert [f.pointer for f in found] == ([] if valid else ["/lines/0/item_code"])


def test_references_to_an_entity_without_records() -> None:
    checker = _checker(_compiled())
    checker.add("Thing", {"boss": "x"}, "t:1")
    checker.add("Thing", {"boss": "y"}, "t:2")
    [warning] = checker.finish()
    assert (warning.severity, str(warning)) == (
        "warning",
        "t:1: /boss: 2 references to Owner.code not checked: no Owner records were "
        "given",
    )
    declared = _checker(_compiled(), given=["Thing", "Owner"])
    assert declared.add("Thing", {"boss": "x"}, "t:1") == []
    [error] = declared.finish()
    assert (error.severity, str(error)) == (
        "error",
        "t:1: /boss: 'x' is not the code of any Owner",
    )
    alone = _checker(_compiled(), given=["Thing"])
    assert alone.add("Thing", {"boss": "x"}, "t:1") == []
    assert [(f.severity, f.message) for f in alone.finish()] == [
        (
            "warning",
            "1 reference to Owner.code not checked: no Owner records were given",
        )
    ]


def test_the_checker_refuses_unknown_and_undeclared_entities() -> None:
    dataset = _compiled().Dataset(given=["User"])
    with pytest.raises(ValueError, match="unknown entity 'Nope'; expected one of"):
        dataset.add("Nope", {}, "x:1")
    with pytest.raises(ValueError, match="'Portfolio' is not one of the entities"):
        dataset.add("Portfolio", {}, "x:1")
    assert dataset.reading_order(["Message", "Stock", "Conversation", "User"]) == [
        "User",
        "Conversation",
        "Message",
        "Stock",
    ]


VENDORED = textwrap.dedent(
    """
    import sys
    sys.path.insert(0, ".")  # -I leaves the current folder off the path
    from dreamvault_models import Dataset
    from dreamvault_models.dataset import RULES, Finding

    user = {
        "id": "00000001-0000-4000-8000-000000000001", "email": "a@example.com",
        "username": "a", "preferences": {}, "created_at": "2024-03-01T10:00:00Z",
        "updated_at": "2024-03-01T10:00:00Z", "last_login": None,
    }
    portfolio = {
        "id": "00000002-0000-4000-8000-000000000001",
        "user_id": "00000001-0000-4000-8000-000000000009",
        "name": "Main", "description": None, "stocks": [],
        "cash_balance": "1.00", "total_value": "1.00",
        "config": {"risk_tolerance": "moderate", "rebalance_frequency": "monthly"},
        "created_at": "2024-03-01T10:00:00Z", "updated_at": "2024-03-01T10:00:00Z",
    }
    dataset = Dataset()
    found = dataset.add("User", user, "u:1") + dataset.add("User", user, "u:2")
    found += dataset.add("Portfolio", portfolio, "p:1") + dataset.finish()
    for finding in found:
        assert isinstance(finding, Finding)
        print(finding)
    print(sorted(RULES) == sorted(set(RULES)), dataset.counts())
    third_party = [m for m in sys.modules if m.split(".")[0] in
                   ("generator", "jinja2", "jsonschema", "click", "sqlglot")]
    print(third_party)
    """
)


def test_the_generated_dataset_works_in_a_vendored_copy(tmp_path: Path) -> None:
    shutil.copytree(
        GENERATED / "python/dreamvault_models",
        tmp_path / "dreamvault_models",
        ignore=shutil.ignore_patterns("__pycache__"),
    )
    result = subprocess.run(
        [sys.executable, "-I", "-c", VENDORED],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert result.stdout.splitlines() == [
        "u:2: /id: '00000001-0000-4000-8000-000000000001' is already the id of the "
        "User at u:1",
        "u:2: /email: 'a@example.com' is already the email of the User at u:1",
        "u:2: /username: 'a' is already the username of the User at u:1",
        "p:1: /user_id: '00000001-0000-4000-8000-000000000009' is not the id of any "
        "User",
        "True {'Portfolio': 1, 'User': 2}",
        "[]",
    ], result.stderr
