"""What the sections share: loops of calls timed in interleaved rounds, medians of
paired ratios, the targets, and the tables."""

from __future__ import annotations

import gc
import itertools
import random
import statistics
import time
from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

Times = dict[str, list[float]]
"""Each contender's time in every round of one case, in round order."""

SEED = 3
"""Seeds the order in which contenders run, so that two runs shuffle alike."""

CaseKey = TypeVar("CaseKey", bound=Hashable)
"""What a section times each contender on, such as ("from_dict", "Portfolio")."""


@dataclass
class Trial:
    """One contender on one case: `call(argument)`, `loops` times per timing."""

    contender: str
    call: Callable[[Any], Any]
    argument: Any
    loops: int = 1


def loop_ns(trial: Trial, loops: int) -> int:
    """Nanoseconds that `loops` calls take, with the garbage collector paused."""
    call, argument = trial.call, trial.argument
    gc.disable()
    try:
        start = time.perf_counter_ns()
        for _ in itertools.repeat(None, loops):
            call(argument)
        return time.perf_counter_ns() - start
    finally:
        gc.enable()


def calibrate(trial: Trial, target_ns: int) -> None:
    """Set `trial.loops` so that one timing takes about `target_ns`."""
    loops = 1
    while (elapsed := loop_ns(trial, loops)) < target_ns // 10:
        loops *= 10
    trial.loops = max(1, round(loops * target_ns / elapsed))


def measure(cases: Mapping[CaseKey, list[Trial]], rounds: int) -> dict[CaseKey, Times]:
    """Microseconds per call of every trial in every round, interleaved: each round
    runs every case once, cases and contenders in an order shuffled with `SEED`."""
    times = {case: {t.contender: [] for t in trials} for case, trials in cases.items()}
    order = random.Random(SEED)
    for _ in range(rounds):
        for case in order.sample(list(cases), len(cases)):
            for trial in order.sample(cases[case], len(cases[case])):
                elapsed = loop_ns(trial, trial.loops)
                times[case][trial.contender].append(elapsed / trial.loops / 1000)
    return times


def paired_ratio(times: Sequence[float], reference: Sequence[float]) -> float:
    """The median over rounds of a time divided by the reference's, round by round.

    Pairing cancels what drifts between rounds (frequency scaling, other load), which
    a ratio of two medians would not.
    """
    return statistics.median(
        time / other for time, other in zip(times, reference, strict=True)
    )


@dataclass(frozen=True)
class Target:
    """What issue 3 asks of one contender: its paired ratio to `reference`."""

    reference: str
    limit: float
    strict: bool = False
    """Whether the ratio must stay below the limit ("<") rather than reach it."""

    def describe(self) -> str:
        # Two decimals, unless they would round the limit (1/30 reads 0.0333).
        digits = 2 if round(self.limit, 2) == self.limit else 4
        return (
            f"{'<' if self.strict else '<='} {self.limit:.{digits}f}x {self.reference}"
        )

    def met(self, ratio: float) -> bool:
        return ratio < self.limit if self.strict else ratio <= self.limit


def case_rows(
    case: str,
    times: Times,
    reference: str,
    targets: Mapping[str, Target],
    show: Callable[[float], str],
) -> list[list[str]]:
    """One row per contender of one case, the reference first; `show` formats a
    median time."""
    order = [reference, *(name for name in times if name != reference)]
    rows = []
    for name in order:
        ratio = paired_ratio(times[name], times[reference])
        row = [case, name, show(statistics.median(times[name])), f"{ratio:.2f}x"]
        rows.append(row + _target_cells(times, name, targets.get(name)))
        case = ""
    return rows


def _target_cells(times: Times, name: str, target: Target | None) -> list[str]:
    """The target of contender `name`, its measured ratio, and whether it is met."""
    if target is None:
        return ["", "", ""]
    ratio = paired_ratio(times[name], times[target.reference])
    # Three decimals, so that a miss by a hair does not read as the limit itself.
    return [target.describe(), f"{ratio:.3f}x", "yes" if target.met(ratio) else "NO"]


FIGURES = frozenset({2, 3, 5})
"""The columns of `case_rows` that hold figures: the time and both ratios."""


def print_table(
    title: str, header: Sequence[str], rows: Sequence[Sequence[str]]
) -> None:
    """A plain-text table of `case_rows`: figures right-aligned, text left-aligned."""
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    print(f"\n{title}")
    for row in [header, *rows]:
        cells = [
            cell.rjust(width) if i in FIGURES else cell.ljust(width)
            for i, (cell, width) in enumerate(zip(row, widths, strict=True))
        ]
        print("  ".join(cells).rstrip())
