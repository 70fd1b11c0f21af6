"""Fit generated Python statements into 88 columns, the way a person would break them.

Generated code is laid out by the toolkit itself, so that no formatter version can change
a byte. A statement that is too long is broken at its outermost brackets (one argument per
line) or, when it has none, its value is wrapped in parentheses.
"""

from __future__ import annotations

WIDTH = 88
_OPEN = {"(": ")", "[": "]", "{": "}"}


def fit(statement: str, indent: int) -> list[str]:
    """`statement` as one or more lines, each indented and at most WIDTH columns if it can."""
    pad = " " * indent
    if indent + len(statement) <= WIDTH:
        return [pad + statement]
    split = _outer_brackets(statement)
    if split is not None:
        start, end = split
        head, body, tail = statement[: start + 1], statement[start + 1 : end], statement[end:]
        parts = _top_level_parts(body)
        lines = [pad + head]
        joined = ", ".join(parts)
        if indent + 4 + len(joined) <= WIDTH:  # all arguments on one indented line
            return [*lines, pad + "    " + joined, pad + tail]
        if len(parts) == 1:  # one argument, or a comprehension: no trailing comma
            lines += fit(parts[0], indent + 4)
        else:
            for part in parts:
                lines += fit(part + ",", indent + 4)
        return [*lines, pad + tail]
    cut = _value_start(statement)
    if cut is None:
        return [pad + statement]  # nothing to break: left long rather than made wrong
    value, comma = statement[cut:], ""
    if value.endswith(","):
        value, comma = value[:-1], ","
    return [pad + statement[:cut] + "(", *fit(value, indent + 4), pad + ")" + comma]


def _scan(text: str) -> list[tuple[int, str, int]]:
    """(position, character, depth) for each bracket and top-level marker outside strings."""
    found, depth, quote, index = [], 0, "", 0
    while index < len(text):
        char = text[index]
        if quote:
            if char == "\\":
                index += 1
            elif char == quote:
                quote = ""
        elif char in "\"'":
            quote = char
        elif char in _OPEN:
            found.append((index, char, depth))
            depth += 1
        elif char in ")]}":
            depth -= 1
            found.append((index, char, depth))
        elif char in ",=:" and depth == 0:
            found.append((index, char, depth))
        index += 1
    return found


def _outer_brackets(statement: str) -> tuple[int, int] | None:
    """The first top-level bracket pair that closes at the end (before `,` or `:`)."""
    marks = [m for m in _scan(statement) if m[1] in "([{)]}" and m[2] == 0]
    for (start, char, _), (end, close, _) in zip(marks[::2], marks[1::2], strict=False):
        rest = statement[end + 1 :].strip()
        if _OPEN[char] == close and rest in ("", ",", ":", "):", "),"):
            body = statement[start + 1 : end]
            if body.strip():
                return start, end
    return None


def _top_level_parts(body: str) -> list[str]:
    parts, depth, quote, current = [], 0, "", []
    index = 0
    while index < len(body):
        char = body[index]
        current.append(char)
        if quote:
            if char == "\\":
                index += 1
                current.append(body[index])
            elif char == quote:
                quote = ""
        elif char in "\"'":
            quote = char
        elif char in _OPEN:
            depth += 1
        elif char in ")]}":
            depth -= 1
        elif char == "," and depth == 0:
            parts.append("".join(current[:-1]).strip())
            current = []
        index += 1
    if "".join(current).strip():
        parts.append("".join(current).strip())
    return parts


def _value_start(statement: str) -> int | None:
    """Where the value of `x = value` or `"key": value` begins."""
    for position, char, depth in _scan(statement):
        if depth == 0 and char in "=:" and statement[position + 1 : position + 2] == " ":
            before = statement[position - 1 : position]
            if char == "=" and before in "=!<>":
                continue
            return position + 2
    return None
