"""Fit generated Python statements into 88 columns, the way a person would break them.

Generated code is laid out by the toolkit itself, so that no formatter version can
change a byte. A statement that is too long is broken, in this order of preference: a
value that is a conditional or a string is wrapped in parentheses; a call or literal is
broken at its outermost brackets (all arguments on one line, else one per line); inside
brackets a comprehension is broken before `for`, a conditional before `if` and `else`,
and a string into adjacent pieces. Inside brackets a line break changes no meaning, so a
break can only cost readability, never correctness.

Known shortcoming: a single name or annotation longer than the width cannot be broken,
so a property name of more than about 50 characters still gives lines over 88 columns.
"""

from __future__ import annotations

import re

WIDTH = 88
MAX_COMPLEXITY = 10
"""ruff's mccabe limit in pyproject.toml, which the generated code keeps too."""
_OPEN = {"(": ")", "[": "]", "{": "}"}
_WORDS = (" if ", " else ", " for ", " and ", " or ")
# One character of a string literal's body: an escape sequence is never cut in two.
_STRING_UNIT = re.compile(
    r"\\(?:x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|N\{[^}]*\}|.)|.", re.DOTALL
)


def fit(statement: str, indent: int, enclosed: bool = False) -> list[str]:
    """`statement` as lines indented by `indent`, each within WIDTH columns if it can.

    `enclosed` says that the statement stands inside brackets, where a line may end
    anywhere without a backslash.
    """
    pad = " " * indent
    if indent + len(statement) <= WIDTH:
        return [pad + statement]
    body, comma = (statement[:-1], ",") if statement.endswith(",") else (statement, "")
    if enclosed:
        broken = (
            _break_comprehension(body, indent)
            or _break_conditional(body, indent)
            or _break_boolean(body, indent)
            or _break_string(body, indent)
        )
        if broken is not None:
            return [*broken[:-1], broken[-1] + comma]
    if statement.startswith("if ") and statement.endswith(":"):
        condition = statement[3:-1]
        # A condition of several terms breaks between them, not inside the last
        # one's brackets.
        boolean = any(word in ("and", "or") for _, word in _top_level_words(condition))
        if boolean or _outer_brackets(statement) is None:
            return [pad + "if (", *fit(condition, indent + 4, True), pad + "):"]
    cut = _value_start(statement)
    if cut is not None and (_conditional(body[cut:]) or _is_string(body[cut:])):
        return _wrap_value(statement, cut, indent)
    split = _outer_brackets(statement)
    if split is not None:
        return _break_brackets(statement, split, indent)
    if cut is not None:
        return _wrap_value(statement, cut, indent)
    return [pad + statement]  # nothing to break: left long rather than made wrong


def _wrap_value(statement: str, cut: int, indent: int) -> list[str]:
    pad = " " * indent
    value, comma = statement[cut:], ""
    if value.endswith(","):
        value, comma = value[:-1], ","
    inner = fit(value, indent + 4, enclosed=True)
    return [pad + statement[:cut] + "(", *inner, pad + ")" + comma]


def _break_brackets(statement: str, split: tuple[int, int], indent: int) -> list[str]:
    pad = " " * indent
    start, end = split
    head, body, tail = (
        statement[: start + 1],
        statement[start + 1 : end],
        statement[end:],
    )
    parts = _top_level_parts(body)
    joined = ", ".join(parts)
    if indent + 4 + len(joined) <= WIDTH:  # all arguments on one indented line
        return [pad + head, pad + "    " + joined, pad + tail]
    lines = [pad + head]
    if len(parts) == 1:  # one argument, or a comprehension: no trailing comma
        lines += fit(parts[0], indent + 4, enclosed=True)
    else:
        for part in parts:
            lines += fit(part + ",", indent + 4, enclosed=True)
    return [*lines, pad + tail]


def _break_comprehension(body: str, indent: int) -> list[str] | None:
    """`expression for item in items` as two lines, before `for`."""
    at = next((i for i, w in _top_level_words(body) if w == "for"), None)
    if at is None:
        return None
    return [
        *fit(body[:at].strip(), indent, enclosed=True),
        *fit(body[at:], indent, enclosed=True),
    ]


def _break_conditional(body: str, indent: int) -> list[str] | None:
    """`a if c else b` as three lines, the `else` branch broken again if it is long."""
    parts = _conditional(body)
    if parts is None:
        return None
    value, condition, alternative = parts
    pad = " " * indent
    tested = fit(condition, indent + 3, enclosed=True)
    tested[0] = pad + "if " + tested[0].lstrip()
    head = [*fit(value, indent, enclosed=True), *tested]
    if indent + 5 + len(alternative) <= WIDTH:
        return [*head, pad + "else " + alternative]
    if _conditional(alternative):  # a chain reads better with the rest in parentheses
        inner = fit(alternative, indent + 4, enclosed=True)
        return [*head, pad + "else (", *inner, pad + ")"]
    rest = fit(alternative, indent, enclosed=True)
    return [*head, pad + "else " + rest[0].lstrip(), *rest[1:]]


def _break_boolean(body: str, indent: int) -> list[str] | None:
    """`a and b and c` (or `or`) with each operand on its own line, operator first."""
    words = _top_level_words(body)
    for operator in ("or", "and"):  # split at the operator that binds least
        cuts = [i for i, word in words if word == operator]
        if cuts:
            break
    else:
        return None
    starts = [0, *(cut + len(operator) + 1 for cut in cuts)]
    ends = [*(cut - 1 for cut in cuts), len(body)]
    terms = [body[start:end].strip() for start, end in zip(starts, ends, strict=True)]
    lines = fit(terms[0], indent, enclosed=True)
    prefix = f"{operator} "
    pad = " " * indent
    for term in terms[1:]:
        if indent + len(prefix) + len(term) <= WIDTH:
            lines.append(pad + prefix + term)
        elif _outer_brackets(term) == (0, len(term) - 1):  # `and (...)`: open it
            inner = fit(term[1:-1], indent + 4, enclosed=True)
            lines += [pad + prefix + "(", *inner, pad + ")"]
        else:
            laid = fit(term, indent + len(prefix), enclosed=True)
            lines += [pad + prefix + laid[0].lstrip(), *laid[1:]]
    return lines


def _break_string(body: str, indent: int) -> list[str] | None:
    """A plain string literal as adjacent pieces, each within the width."""
    if not _is_string(body):
        return None
    quote, text = body[0], body[1:-1]
    room = max(WIDTH - indent - 2, 8)
    pieces, current = [], ""
    for unit in _STRING_UNIT.findall(text):
        if current and len(current) + len(unit) > room:
            pieces.append(current)
            current = ""
        current += unit
    pieces.append(current)
    pad = " " * indent
    return [f"{pad}{quote}{piece}{quote}" for piece in pieces]


def _is_string(text: str) -> bool:
    """Whether `text` is one plain (not f, not raw) single-line string literal."""
    if len(text) < 2 or text[0] not in "\"'" or text[-1] != text[0]:
        return False
    marks = [m for m in _scan(text) if m[1] not in ",=:"]
    return not marks and _string_end(text, 0) == len(text) - 1


def _string_end(text: str, start: int) -> int:
    """The index of the quote that closes the string opening at `start`."""
    quote, index = text[start], start + 1
    while index < len(text):
        if text[index] == "\\":
            index += 2
            continue
        if text[index] == quote:
            return index
        index += 1
    return -1


def _conditional(text: str) -> tuple[str, str, str] | None:
    """(value, condition, alternative) of a top-level `value if condition else ...`."""
    words = _top_level_words(text)
    if_at = next((i for i, w in words if w == "if"), None)
    if any(w == "for" for _, w in words):
        return None
    if if_at is None or text.lstrip().startswith("lambda"):
        return None
    else_at = next((i for i, w in words if w == "else" and i > if_at), None)
    if else_at is None:
        return None
    return (
        text[:if_at].strip(),
        text[if_at + 3 : else_at].strip(),
        text[else_at + 5 :].strip(),
    )


def _top_level_words(text: str) -> list[tuple[int, str]]:
    """(position, word) of the keywords of `_WORDS` outside brackets and strings."""
    found, depth, index = [], 0, 0
    while index < len(text):
        char = text[index]
        if char in "\"'":
            index = _string_end(text, index) + 1
            if index == 0:
                break
            continue
        if char in _OPEN:
            depth += 1
        elif char in ")]}":
            depth -= 1
        elif depth == 0 and text.startswith(_WORDS, index):
            found.append((index + 1, text[index + 1 :].split(" ", 1)[0]))
        index += 1
    return found


def _scan(text: str) -> list[tuple[int, str, int]]:
    """(position, character, depth) of brackets and top-level marks outside strings."""
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
    """The comma-separated parts of a bracket's body."""
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
    """Where the value of `x = value`, `x: T = value` or `"key": value` begins."""
    marks = [(p, c) for p, c, depth in _scan(statement) if depth == 0 and c in "=:"]
    for position, char in reversed(marks):
        if statement[position + 1 : position + 2] != " ":
            continue
        if char == "=" and statement[position - 1 : position] in "=!<>":
            continue
        return position + 2
    return None
