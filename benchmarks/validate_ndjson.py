"""`dreamvault validate` on an NDJSON file of users, against a plain loop of
`json.loads` and jsonschema's validator over the same file: whole processes.

    python -m benchmarks.validate_ndjson [--lines N] [--rounds R]

The file holds N valid users (100,000 by default), each with its own id, username and
email, written to a temporary folder. Both sides run as processes from a cold start
and are timed start to exit, in an order that alternates from round to round; the
ratio is the median of the paired ratios. Before timing, both must find the one bad
line of a three-line file, so that a side that checks nothing cannot win. If the
command does not exist yet, the script says so and exits 0.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

from benchmarks.processes import REPO, dreamvault
from benchmarks.records import RECORDS
from benchmarks.timing import Target, Times, case_rows, paired_ratio, print_table

SCHEMA = REPO / "generated" / "jsonschema" / "user.schema.json"
COMMAND = "dreamvault validate"
PEER = "json.loads + jsonschema"
TARGET = Target(PEER, 1 / 30)
"""The issue: at least 30 times faster than the plain loop."""

PEER_LOOP = """\
import json, sys
from jsonschema import Draft202012Validator, FormatChecker

with open(sys.argv[2], encoding="utf-8") as file:
    validator = Draft202012Validator(json.load(file), format_checker=FormatChecker())
invalid = 0
with open(sys.argv[1], encoding="utf-8") as lines:
    for line in lines:
        if not validator.is_valid(json.loads(line)):
            invalid += 1
print(invalid)
"""
"""The peer, as a user would write it: the lines that fail, counted."""

_NAMESPACE = uuid.UUID("0b7e55a3-5f62-4d1c-8a1e-2c8f0d6a9b31")


def parse_arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.validate_ndjson",
        description="Time `dreamvault validate` on NDJSON against jsonschema.",
    )
    parser.add_argument("--lines", type=int, default=100_000, help="default 100000")
    parser.add_argument("--rounds", type=int, default=3, help="default 3")
    options = parser.parse_args(argv)
    if options.lines < 1 or options.rounds < 1:
        parser.error("--lines and --rounds must be at least 1")
    return options


def users(count: int) -> Iterator[str]:
    """`count` lines of NDJSON: the sample user with its own id, username and email."""
    for index in range(count):
        user = dict(
            RECORDS["User"],
            id=str(uuid.uuid5(_NAMESPACE, f"user-{index}")),
            username=f"user_{index:06d}",
            email=f"user.{index:06d}@example.com",
        )
        yield json.dumps(user, separators=(",", ":")) + "\n"


def commands(path: Path) -> dict[str, list[str]]:
    return {
        COMMAND: [*dreamvault(), "validate", str(path), "--entity", "User"],
        PEER: [sys.executable, "-c", PEER_LOOP, str(path), str(SCHEMA)],
    }


def command_exists() -> bool:
    done = subprocess.run(
        [*dreamvault(), "validate", "--help"], cwd=REPO, capture_output=True
    )
    return done.returncode == 0


def prove(folder: Path) -> None:
    """Both sides must find the bad line (an email without @) of a three-line file:
    the command by a failing exit code, the peer by its count."""
    lines = list(users(3))
    lines[1] = lines[1].replace("@example.com", ".example.com")
    path = folder / "one-bad-line.ndjson"
    path.write_text("".join(lines), "utf-8")
    arguments = commands(path)
    ours = subprocess.run(arguments[COMMAND], cwd=REPO, capture_output=True)
    if ours.returncode == 0:
        raise RuntimeError(f"{COMMAND} exits 0 on a file with an invalid line")
    theirs = subprocess.run(arguments[PEER], cwd=REPO, capture_output=True, text=True)
    if theirs.stdout.strip() != "1":
        raise RuntimeError(f"the peer loop counts {theirs.stdout!r} invalid lines")


def seconds(arguments: list[str]) -> float:
    """How long the process takes, start to exit; it must exit 0 (all lines valid)."""
    start = time.perf_counter_ns()
    done = subprocess.run(
        arguments, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    elapsed = time.perf_counter_ns() - start
    if done.returncode != 0:
        raise RuntimeError(
            f"{arguments[0]} ... exited with {done.returncode}:\n"
            + done.stderr.decode(errors="replace")[-2000:]
        )
    return elapsed / 1e9


def measure(path: Path, rounds: int) -> Times:
    """One untimed run of each (the file cache), then `rounds` alternating rounds."""
    arguments = commands(path)
    for argv in arguments.values():
        seconds(argv)
    times: Times = {name: [] for name in arguments}
    names = list(arguments)
    for run in range(rounds):
        for name in names if run % 2 == 0 else names[::-1]:
            times[name].append(seconds(arguments[name]))
    return times


def main(argv: list[str] | None = None) -> int:
    options = parse_arguments(argv)
    if not command_exists():
        print(f"`{COMMAND}` does not exist yet in this checkout: nothing timed.")
        return 0
    with tempfile.TemporaryDirectory(prefix="dreamvault-ndjson-") as name:
        folder = Path(name)
        prove(folder)
        path = folder / "users.ndjson"
        with path.open("w", encoding="utf-8") as file:
            file.writelines(users(options.lines))
        size = path.stat().st_size / 1e6
        times = measure(path, options.rounds)
    label = f"{options.lines:,} users"
    rows = case_rows(label, times, PEER, {COMMAND: TARGET}, "{:.2f}".format)
    header = ["file", "process", "seconds", "x peer", "target", "measured", "met"]
    title = (
        f"validate NDJSON ({size:.1f} MB): whole processes, median of "
        f"{options.rounds} rounds (x: median of paired ratios)"
    )
    print_table(title, header, rows)
    ratio = paired_ratio(times[COMMAND], times[PEER])
    print(f"{COMMAND} is {1 / ratio:.1f} times as fast; the target is 30.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
