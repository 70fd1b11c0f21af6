"""Section "generate": `dreamvault generate` as whole processes from a cold start,
against datamodel-code-generator making plain dataclasses from the same specs.

Each run gets a fresh copy of specs/ (behaviour files included) with one spec's
description edited, and a fresh output folder, so that nothing can be reused from an
earlier run; only the process is timed, not the copying. `generate --check` runs on a
tree generated once beforehand, which is current. Every round runs the three commands
in a rotated order; each of ours is divided by the peer's time in the same round.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from benchmarks.timing import Target, Times, case_rows, print_table

REPO = Path(__file__).resolve().parent.parent
SPECS = REPO / "specs"
EDITED_SPEC = "user.schema.json"

PEER = "datamodel-codegen"
GENERATE = "dreamvault generate"
CHECK = "dreamvault generate --check"
TARGETS = {GENERATE: Target(PEER, 0.80), CHECK: Target(PEER, 0.15)}

Command = tuple[list[str], Path]
"""The arguments of a process and the folder it runs in."""


def script(name: str) -> Path:
    """A console script installed beside this interpreter (the venv's bin folder)."""
    return Path(sys.executable).parent / name


def dreamvault() -> list[str]:
    path = script("dreamvault")
    return [str(path)] if path.is_file() else [sys.executable, "-m", "generator"]


def copy_specs(folder: Path, run: int) -> Path:
    """A copy of specs/ in `folder`, with one description changed for `run`."""
    specs = folder / "specs"
    shutil.copytree(SPECS, specs, ignore=shutil.ignore_patterns("__pycache__"))
    path = specs / EDITED_SPEC
    text = path.read_text("utf-8")
    description = json.loads(text)["description"]
    old = json.dumps(description, ensure_ascii=False)
    new = json.dumps(f"{description} (Benchmark run {run}.)", ensure_ascii=False)
    if old not in text:
        raise RuntimeError(f"cannot find the description of {EDITED_SPEC} to edit")
    path.write_text(text.replace(old, new, 1), "utf-8")
    return specs


PYPROJECT = '[tool.dreamvault]\nspecs = "specs"\nout = "out"\n'
"""Each run is a project of its own: the commands run as a user types them there."""


def generate_command(workspace: Path, run: int) -> Command:
    folder = workspace / f"generate-{run}"
    copy_specs(folder, run)
    (folder / "pyproject.toml").write_text(PYPROJECT, "utf-8")
    return [*dreamvault(), "generate"], folder


def check_command(workspace: Path, run: int) -> Command:
    """`--check` on the tree of the untimed first `generate` (run 0), still current."""
    return [*dreamvault(), "generate", "--check"], workspace / "generate-0"


def peer_command(workspace: Path, run: int) -> Command:
    """The peer reads a folder of JSON specs only: it stops at the behaviour files."""
    folder = workspace / f"peer-{run}"
    specs = copy_specs(folder, run)
    only_json = folder / "json"
    only_json.mkdir()
    for path in specs.glob("*.json"):
        shutil.copy2(path, only_json)
    options = ["--input-file-type", "jsonschema", "--formatters", "builtin"]
    options += ["--output-model-type", "dataclasses.dataclass"]
    out = ["--output", str(folder / "models")]
    return [str(script(PEER)), "--input", str(only_json), *options, *out], folder


COMMANDS: dict[str, Callable[[Path, int], Command]] = {
    GENERATE: generate_command,
    CHECK: check_command,
    PEER: peer_command,
}
"""In this order the untimed run 0 makes the tree that `--check` then finds current."""


def seconds(command: Command) -> float:
    """How long the process takes, start to exit; a failing process stops the run."""
    arguments, folder = command
    start = time.perf_counter_ns()
    done = subprocess.run(
        arguments, cwd=folder, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    elapsed = time.perf_counter_ns() - start
    if done.returncode != 0:
        raise RuntimeError(
            f"{' '.join(arguments)} exited with {done.returncode}:\n"
            + done.stderr.decode(errors="replace")
        )
    return elapsed / 1e9


def measure(workspace: Path, rounds: int) -> Times:
    """Run 0 untimed (it warms the file cache and makes the tree for `--check`),
    then `rounds` rounds, each in an order rotated by one."""
    names = list(COMMANDS)
    for name in names:
        seconds(COMMANDS[name](workspace, 0))
    times: Times = {name: [] for name in names}
    for run in range(1, rounds + 1):
        shift = run % len(names)
        for name in names[shift:] + names[:shift]:
            times[name].append(seconds(COMMANDS[name](workspace, run)))
    return times


def count_files(folder: Path) -> int:
    return sum(1 for path in folder.rglob("*") if path.is_file())


def run(rounds: int) -> None:
    with tempfile.TemporaryDirectory(prefix="dreamvault-bench-") as name:
        workspace = Path(name)
        times = measure(workspace, rounds)
        ours = count_files(workspace / "generate-1" / "out")
        theirs = count_files(workspace / "peer-1" / "models")
    header = ["specs", "command", "seconds", "x peer", "target", "measured", "met"]
    rows = case_rows("DreamVault", times, PEER, TARGETS, "{:.3f}".format)
    title = (
        f"generate: whole processes, median of {rounds} rounds "
        "(x: median of paired ratios)"
    )
    print_table(title, header, rows)
    print(f"Each run: {GENERATE} wrote {ours} files, {PEER} {theirs}.")
