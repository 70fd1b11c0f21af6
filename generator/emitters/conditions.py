"""Conditions of generated code, joined and negated the way a person writes them, so
that the validators pass ruff's simplification rules (SIM102, SIM103, E714)."""

from __future__ import annotations

_FLIPS = (
    (" is not ", " is "),
    (" not in ", " in "),
    (" is ", " is not "),
    (" in ", " not in "),
)
"""Each operator and its opposite, the longer first: " is not " holds " is "."""


def grouped(test: str) -> str:
    """`test`, safe as an operand of `and`: parenthesised if it has a top-level `or`."""
    return f"({test})" if " or " in _top_level(test) else test


def negated(test: str) -> str:
    """`not test`, simplified: `not (a)` loses its brackets, `x is None` becomes
    `x is not None` (E714), anything else is bracketed."""
    if test.startswith("not ") and _whole(test[4:]):
        inner = test[4:]
        return inner[1:-1] if inner.startswith("(") else inner
    if _whole(test):
        return f"not {test}"  # one bracketed group, name or call: no more brackets
    top = _top_level(test)
    if " or " not in top and " and " not in top and not top.startswith("not "):
        for old, new in _FLIPS:
            if top.count(old) == 1:
                at = top.index(old)
                return test[:at] + new + test[at + len(old) :]
    return f"not ({test})"


def join_nested_ifs(lines: list[str]) -> list[str]:
    """`if a:` whose whole body is `if b:` (neither with elif or else) as one
    `if a and b:` (SIM102); `lines` are statements indented by four spaces a level."""
    lines = list(lines)
    index = 0
    while index < len(lines) - 1:
        outer, inner = lines[index], lines[index + 1]
        depth = _depth(outer)
        end = _block_end(lines, index + 1)
        if (
            _is_if(outer)
            and _is_if(inner)
            and _depth(inner) == depth + 4
            and (end == len(lines) or _depth(lines[end]) <= depth)
            and not (end < len(lines) and _continues(lines[end], depth))
            and not any(_continues(line, depth + 4) for line in lines[index + 2 : end])
        ):
            joined = (
                f"{grouped(outer.strip()[3:-1])} and {grouped(inner.strip()[3:-1])}"
            )
            body = [line[4:] for line in lines[index + 2 : end]]
            lines[index:end] = [f"{' ' * depth}if {joined}:", *body]
            continue
        index += 1
    return lines


def _is_if(line: str) -> bool:
    stripped = line.strip()
    return stripped.startswith("if ") and stripped.endswith(":")


def _continues(line: str, depth: int) -> bool:
    """Whether `line` is an `elif` or `else` of an `if` at `depth`."""
    return _depth(line) == depth and line.strip().startswith(("elif ", "else:"))


def _block_end(lines: list[str], start: int) -> int:
    """The index after the statement at `start` and everything indented below it
    (its `elif` and `else` clauses too)."""
    depth = _depth(lines[start])
    end = start + 1
    while end < len(lines) and (
        _depth(lines[end]) > depth or _continues(lines[end], depth)
    ):
        end += 1
    return end


def _depth(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _whole(text: str) -> bool:
    """Whether `text` is one bracketed group, name or call (no top-level space)."""
    return " " not in _top_level(text) and not text.startswith("not")


def _top_level(text: str) -> str:
    """`text` with every bracketed part and string literal blanked out."""
    out, depth, quote = [], 0, ""
    for char in text:
        if quote:
            quote = "" if char == quote else quote
            out.append("_")
        elif char in "\"'":
            quote = char
            out.append("_")
        elif char in "([{":
            depth += 1
            out.append("_")
        elif char in ")]}":
            depth -= 1
            out.append("_")
        else:
            out.append(char if depth == 0 else "_")
    return "".join(out)
