"""The benchmark of issue 3, in one command: `python -m benchmarks.run`.

Section "models" times the generated `from_dict` (checked and trusted) and `to_dict`
against a hand-written baseline, pydantic v2, msgspec and mashumaro on the sample
records; section "validate" times the generated validators against jsonschema,
fastjsonschema, jsonschema-rs and pydantic, as ratios to the same baseline; section
"generate" times `dreamvault generate` and `generate --check` as whole processes
against datamodel-code-generator. All report medians of paired ratios beside the
targets of the issues. Benchmarks are not tests: the exit code is 0 whether or not a
target is met.
"""

from __future__ import annotations

import argparse
import platform
import sys
from importlib.metadata import version

from benchmarks import conversions, processes, validation

ROUNDS = {"models": 21, "validate": 21, "generate": 7}
QUICK_ROUNDS = {"models": 5, "validate": 5, "generate": 3}
LOOP_MS = 10.0
"""How long one timing of the models and validate sections takes: a loop of calls."""
QUICK_LOOP_MS = 5.0
LIBRARIES = (
    "pydantic",
    "msgspec",
    "mashumaro",
    "jsonschema",
    "rfc3339-validator",
    "fastjsonschema",
    "jsonschema-rs",
    "datamodel-code-generator",
)


def parse_arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.run",
        description="Time the generated code and the generator against peers.",
    )
    parser.add_argument(
        "--rounds",
        type=int,
        help="rounds of each section (default: models and validate 21, generate 7;"
        " --quick: 5, 5, 3)",
    )
    parser.add_argument(
        "--quick", action="store_true", help="fewer rounds and shorter loops"
    )
    parser.add_argument(
        "--only", choices=list(ROUNDS), help="run one section (default: all)"
    )
    options = parser.parse_args(argv)
    if options.rounds is not None and options.rounds < 1:
        parser.error(f"--rounds must be at least 1, not {options.rounds}")
    return options


def print_environment() -> None:
    libraries = ", ".join(f"{name} {version(name)}" for name in LIBRARIES)
    print(f"Python {platform.python_version()} on {platform.platform()}")
    print(f"Peers: {libraries}")


def main(argv: list[str] | None = None) -> int:
    options = parse_arguments(argv)
    defaults = QUICK_ROUNDS if options.quick else ROUNDS
    sections = [options.only] if options.only else list(ROUNDS)
    print_environment()
    loop_ms = QUICK_LOOP_MS if options.quick else LOOP_MS
    if "models" in sections:
        conversions.run(options.rounds or defaults["models"], loop_ms)
    if "validate" in sections:
        validation.run(options.rounds or defaults["validate"], loop_ms)
    if "generate" in sections:
        processes.run(options.rounds or defaults["generate"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
