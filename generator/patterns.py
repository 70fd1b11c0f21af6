"""JSON Schema patterns are ECMA-262 regular expressions; the validators run Python's.

The two read most patterns alike. Where they differ in a way a spec would notice, the
pattern is rewritten before it is compiled:

- `$` ends the text in ECMA-262, but in Python it also matches before a final newline
  (`^[A-Z]+$` would take "AAPL\\n"): it becomes `\\Z`.
- `\\d` and `\\w` are ASCII in ECMA-262 and Unicode in Python (which counts "٣" as a
  digit): they become `[0-9]` and `[A-Za-z0-9_]`, and `\\D`, `\\W` their complements.

The bundled schemas (`portable`) write `$` as `$(?!\\n)` instead, which both engines
read as the end of the text.

Known shortcoming: `\\s`, `\\b` and `\\D`/`\\W` inside a character class keep Python's
Unicode meaning; ECMA-262 syntax Python lacks (`\\p{...}`) is refused at load time.
"""

from __future__ import annotations

_OUTSIDE = {
    r"\d": "[0-9]",
    r"\D": "[^0-9]",
    r"\w": "[A-Za-z0-9_]",
    r"\W": "[^A-Za-z0-9_]",
}
_INSIDE = {r"\d": "0-9", r"\w": "A-Za-z0-9_"}


def to_python(pattern: str) -> str:
    """`pattern` rewritten so that Python's `re.search` reads it as ECMA-262 does."""
    return _rewritten(pattern, r"\Z")


def portable(pattern: str) -> str:
    """`pattern` rewritten so that ECMA-262 and Python's `re` (which jsonschema uses)
    both read it as ECMA-262 reads the original: for the bundled schemas. `$(?!\n)`
    ends the text in both, where `\\Z` is no ECMA-262."""
    return _rewritten(pattern, "$(?!\\n)")


def _rewritten(pattern: str, end: str) -> str:
    out: list[str] = []
    index, in_class = 0, False
    while index < len(pattern):
        char = pattern[index]
        if char == "\\" and index + 1 < len(pattern):
            pair = pattern[index : index + 2]
            out.append((_INSIDE if in_class else _OUTSIDE).get(pair, pair))
            index += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
            out.append(char)
            index += 1
            # Python reads a `]` right after `[` or `[^` as a literal, not the end.
            for opener in ("^", "]"):
                if pattern.startswith(opener, index):
                    out.append(opener)
                    index += 1
            continue
        elif char == "$":
            char = end
        out.append(char)
        index += 1
    return "".join(out)
