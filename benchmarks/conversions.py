"""Section "models": the generated `from_dict` and `to_dict` against the hand-written
baseline and the peers, on the sample records.

Each timing is a loop of enough calls to take `loop_ms` (calibrated once per
contender), with the garbage collector paused as `timeit` pauses it. Every round runs
each contender once per case, cases and contenders in an order shuffled with a fixed
seed, so that a drift in the machine's speed falls on all of them alike.
"""

from __future__ import annotations

import importlib
import itertools
import sys
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

import msgspec

from benchmarks import baseline, peers
from benchmarks.records import RECORDS
from benchmarks.timing import (
    Target,
    Times,
    Trial,
    calibrate,
    case_rows,
    measure,
    print_table,
)

GENERATED_PYTHON = Path(__file__).resolve().parent.parent / "generated" / "python"
PEERS = ("pydantic", "msgspec", "mashumaro")
ABSENT = "<absent>"
"""What `differences` shows for a key or item that one side lacks."""

Family = dict[str, type[Any]]
"""One implementation's classes, by the name of the record they hold."""


@dataclass(frozen=True)
class Contender:
    """One way to run an operation: `bind(cls)` gives the function to time."""

    name: str
    family: str
    bind: Callable[[type[Any]], Callable[[Any], Any]]


def msgspec_decoder(cls: type[Any]) -> Callable[[Any], Any]:
    """`msgspec.convert(data, type=cls)`, but with the type passed by position, which
    msgspec takes about 0.2 us a call faster than by keyword."""
    return lambda data: msgspec.convert(data, cls)


DECODERS = (
    Contender("generated checked", "generated", lambda cls: cls.from_dict),
    Contender("generated trusted", "generated", lambda cls: cls.from_trusted_dict),
    Contender("baseline", "baseline", lambda cls: cls.from_dict),
    Contender("pydantic", "pydantic", lambda cls: cls.model_validate),
    Contender("msgspec", "msgspec", msgspec_decoder),
    Contender("mashumaro", "mashumaro", lambda cls: cls.from_dict),
)
ENCODERS = (
    Contender("generated", "generated", lambda cls: cls.to_dict),
    Contender("baseline", "baseline", lambda cls: cls.to_dict),
    Contender("pydantic", "pydantic", lambda cls: partial(cls.model_dump, mode="json")),
    Contender("msgspec", "msgspec", lambda cls: msgspec.to_builtins),
    Contender("mashumaro", "mashumaro", lambda cls: cls.to_dict),
)
OPERATIONS = {"from_dict": DECODERS, "to_dict": ENCODERS}
TARGETS = {
    "from_dict": {
        "generated trusted": Target("baseline", 1.10),
        "generated checked": Target("pydantic", 1.00, strict=True),
    },
    "to_dict": {"generated": Target("baseline", 1.10)},
}


def load_families() -> dict[str, Family]:
    """Every implementation's classes; the generated ones from generated/python."""
    if str(GENERATED_PYTHON) not in sys.path:
        sys.path.insert(0, str(GENERATED_PYTHON))
    generated = importlib.import_module("dreamvault_models")
    return {
        "generated": {name: getattr(generated, name) for name in RECORDS},
        "baseline": {name: getattr(baseline, name) for name in RECORDS},
        "pydantic": peers.PYDANTIC,
        "msgspec": peers.MSGSPEC,
        "mashumaro": peers.MASHUMARO,
    }


def decode(families: dict[str, Family], family: str, record: str) -> Any:
    """The sample record `record` as an object of `family`."""
    contender = next(c for c in DECODERS if c.family == family)
    return contender.bind(families[family][record])(RECORDS[record])


def encode(families: dict[str, Family], family: str, record: str) -> Any:
    """The sample record `record` decoded by `family` and written back by it."""
    contender = next(c for c in ENCODERS if c.family == family)
    return contender.bind(families[family][record])(decode(families, family, record))


def verify_records(families: dict[str, Family]) -> None:
    """Refuse to time anything unless every record passes the generated checked
    `from_dict` and comes back unchanged from the generated and baseline `to_dict`."""
    for name, record in RECORDS.items():
        generated = families["generated"][name].from_dict(record)
        if generated.to_dict() != record:
            raise RuntimeError(f"the generated {name}.to_dict() changes the record")
        if encode(families, "baseline", name) != record:
            raise RuntimeError(f"the baseline {name} changes the record")


def differences(expected: Any, actual: Any, pointer: str = "") -> list[str]:
    """Where `actual` differs from `expected`, as JSON pointers with both values."""
    if isinstance(expected, dict) and isinstance(actual, dict):
        keys = sorted(expected.keys() | actual.keys())
        pairs = [(expected.get(k, ABSENT), actual.get(k, ABSENT)) for k in keys]
        paths = [f"{pointer}/{key}" for key in keys]
    elif isinstance(expected, list) and isinstance(actual, list):
        pairs = list(itertools.zip_longest(expected, actual, fillvalue=ABSENT))
        paths = [f"{pointer}/{index}" for index in range(len(pairs))]
    elif type(expected) is type(actual) and expected == actual:
        return []
    else:
        return [f"{pointer}: {expected!r} -> {actual!r}"]
    return [
        d for (e, a), p in zip(pairs, paths, strict=True) for d in differences(e, a, p)
    ]


def print_agreement(families: dict[str, Family]) -> None:
    """How each peer's wire form differs from the generated `to_dict`'s."""
    rows = []
    for peer, record in itertools.product(PEERS, RECORDS):
        found = differences(RECORDS[record], encode(families, peer, record))
        summary = f"{len(found)} differ, e.g. {found[0]}" if found else "agrees"
        rows.append(f"  {peer:<10} {record:<13} {summary}")
    print("\nAgreement of each peer's to_dict with the generated to_dict:")
    print("\n".join(rows))


Case = tuple[str, str]
"""An operation and a record, such as ("from_dict", "Portfolio")."""


def build_cases(families: dict[str, Family]) -> dict[Case, list[Trial]]:
    """Every operation on every record, with the trial of each contender."""
    cases = {}
    for operation, contenders in OPERATIONS.items():
        for record in RECORDS:
            trials = [make_trial(families, operation, record, c) for c in contenders]
            cases[operation, record] = trials
    return cases


def make_trial(
    families: dict[str, Family], operation: str, record: str, contender: Contender
) -> Trial:
    """`from_dict` is given the wire record; `to_dict` the contender's own object."""
    if operation == "from_dict":
        argument = RECORDS[record]
    else:
        argument = decode(families, contender.family, record)
    call = contender.bind(families[contender.family][record])
    return Trial(contender.name, call, argument)


def report(times: dict[Case, Times], rounds: int) -> None:
    header = ["record", "contender", "us/call", "x baseline", "target", "measured"]
    for operation in OPERATIONS:
        rows = []
        for (name, record), series in times.items():
            if name == operation:
                targets = TARGETS.get(operation, {})
                rows += case_rows(record, series, "baseline", targets, "{:.2f}".format)
        title = (
            f"models: {operation}, median of {rounds} rounds "
            "(x: median of paired ratios)"
        )
        print_table(title, [*header, "met"], rows)


def run(rounds: int, loop_ms: float) -> None:
    """The whole section: verify, compare outputs, calibrate, measure, report."""
    families = load_families()
    verify_records(families)
    print_agreement(families)
    cases = build_cases(families)
    for trial in itertools.chain.from_iterable(cases.values()):
        calibrate(trial, int(loop_ms * 1_000_000))
    report(measure(cases, rounds), rounds)
