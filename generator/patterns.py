"""JSON Schema patterns are ECMA-262 regular expressions; the validators run Python's.

Which ECMA-262: unicode mode (the `u` flag), as jsonschema-rs, ajv and most JSON Schema
tools read a pattern. It is the strict flavour: a lone `{`, `}` or `]`, an escape of a
letter that means nothing (`\\Z`, `\\a`) and `{,3}` are errors there, where the legacy
mode would take them as literal text. Python's own syntax (`(?i)`, `(?P<name>...)`,
`(?>...)`, `a++`, `(?#...)`) is no ECMA-262 in either mode.

When a spec loads, `problem` checks its pattern twice: regress (Rust's ECMA-262 engine)
decides whether it is valid ECMA-262, and the translator below, which reads it token by
token, names the construct at fault and refuses what Python's `re` cannot run as
ECMA-262 does. (regress costs about a millisecond to import and a few microseconds a
pattern, less than `re.compile`.) The generated validators cannot use regress (they
import the standard library only), so they run the translation, which keeps each
construct's ECMA-262 meaning:

- `$` ends the text in ECMA-262; Python's also matches before a final newline: `\\Z`.
- `.` matches anything but the line terminators `\\n`, `\\r`, `\\u2028` and `\\u2029`;
  Python's excludes `\\n` only: a class excluding the four.
- `\\d`, `\\w` are ASCII and `\\s` is a fixed list (ECMA-262's white space and line
  terminators); Python's are Unicode and its `\\s` differs (it takes `\\x1c`-`\\x1f`
  and `\\x85`, not `\\ufeff`): explicit classes, also inside a class (`[^a\\D]`).
- `\\b` and `\\B` stand between an ASCII word character and another character:
  lookarounds on `[A-Za-z0-9_]`.
- `[]` matches nothing and `[^]` any character; Python reads a `]` there as a literal:
  `[^\\s\\S]` and `[\\s\\S]`.
- `\\cX`, `\\0`, `\\u{...}` and a surrogate pair `\\uD83D\\uDE00` become the character
  they mean; a group name is dropped (Python writes `(?P<name>`), since no
  backreference may refer to it.

`portable` writes the same translation for the bundled schemas, but ends the text with
`$(?!\\n)` (which both engines read as the end, where `\\Z` is no ECMA-262): every
construct it writes reads alike in ECMA-262 unicode mode and in Python's `re`, which
jsonschema uses.

Refused although ECMA-262 has them, because Python's `re` would match otherwise:
Unicode property escapes (`\\p{Letter}`: `re` has none), backreferences (`\\1`,
`\\k<name>`: a group that has not matched matches the empty text in ECMA-262 and
nothing in Python), modifier groups (`(?i:...)`: case folding and line ends differ), a
lone surrogate, and what `re` cannot compile, such as a look-behind of varying width.

Known shortcoming: an engine that reads a bundled pattern without the `u` flag takes a
character beyond U+FFFF (an emoji) as two halves, so a `+` after one repeats the second
half only. (Where regress itself is lenient, taking a repeated `\\b`, the translator
refuses.)
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import NoReturn

import regress

DIGIT = "0-9"
WORD = "A-Za-z0-9_"
SPACE = (
    "\\t\\n\\v\\f\\r \\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029"
    "\\u202f\\u205f\\u3000\\ufeff"
)
"""ECMA-262's white space (the Zs category among it) and line terminators."""
DOT = "[^\\n\\r\\u2028\\u2029]"
ANY = "[\\s\\S]"
NOTHING = "[^\\s\\S]"
BOUNDARY = f"(?:(?<=[{WORD}])(?![{WORD}])|(?<![{WORD}])(?=[{WORD}]))"
NOT_BOUNDARY = f"(?:(?<=[{WORD}])(?=[{WORD}])|(?<![{WORD}])(?![{WORD}]))"

_SETS = {"d": DIGIT, "w": WORD, "s": SPACE}
_CONTROL = {"f": "\f", "n": "\n", "r": "\r", "t": "\t", "v": "\v"}
_SYNTAX = "^$\\.*+?()[]{}|"
_QUANTIFIER = re.compile(r"\{([0-9]+)(,([0-9]*))?\}")
_HEX = "0123456789abcdefABCDEF"
_SHOWN = {"\t": "\\t", "\n": "\\n", "\v": "\\v", "\f": "\\f", "\r": "\\r"}
_IN_CLASS = {"&": "\\x26", "~": "\\x7e"}
"""Python warns about `&&` and `~~` in a class, and ECMA-262 has no `\\&` or `\\~`."""


class PatternProblem(ValueError):
    """A pattern the toolkit refuses: `syntax` when it is no ECMA-262 at all."""

    def __init__(self, detail: str, *, syntax: bool) -> None:
        super().__init__(detail)
        self.detail = detail
        self.syntax = syntax


def to_python(pattern: str) -> str:
    """`pattern` rewritten so that Python's `re.search` reads it as ECMA-262 does."""
    return _Translator(pattern, "\\Z").run()


def portable(pattern: str) -> str:
    """`pattern` rewritten so that ECMA-262 and Python's `re` (which jsonschema uses)
    both read it as ECMA-262 reads the original: for the bundled schemas. `$(?!\\n)`
    ends the text in both, where `\\Z` is no ECMA-262."""
    return _Translator(pattern, "$(?!\\n)").run()


def problem(pattern: str) -> str | None:
    """Why the validators cannot run `pattern` as ECMA-262 means it, or None."""
    try:
        translated = to_python(pattern)
    except PatternProblem as found:
        return _refusal(pattern, found)
    oracle = _ecma_262_error(pattern)
    if oracle is not None:
        return f"pattern {pattern!r} is not an ECMA-262 regular expression: {oracle}"
    try:
        re.compile(translated)
    except (re.error, OverflowError) as error:
        reason = getattr(error, "msg", str(error))
        return (
            f"pattern {pattern!r} is ECMA-262, but Python's re cannot run it: {reason}"
        )
    return None


def _refusal(pattern: str, found: PatternProblem) -> str:
    """The translator's reason, unless it refused a construct ECMA-262 has while the
    pattern is no ECMA-262 anyway: then the engine's reason."""
    oracle = None if found.syntax else _ecma_262_error(pattern)
    if found.syntax or oracle is not None:
        detail = found.detail if oracle is None else oracle
        return f"pattern {pattern!r} is not an ECMA-262 regular expression: {detail}"
    return (
        f"pattern {pattern!r} is ECMA-262, but Python's re cannot run it as ECMA-262 "
        f"does: {found.detail}"
    )


def _ecma_262_error(pattern: str) -> str | None:
    """Regress's reason to refuse `pattern` in unicode mode, if any."""
    try:
        regress.Regex(pattern, "u")
    except regress.RegressError as error:
        return str(error)
    except UnicodeEncodeError:  # a lone surrogate: regress takes UTF-8 only
        return None
    return None


@dataclass
class _Translator:
    """Reads an ECMA-262 pattern (unicode mode) and writes it for Python's `re`,
    refusing on the way what is no ECMA-262 or what `re` would read otherwise."""

    text: str
    end: str
    pos: int = 0

    def run(self) -> str:
        out = self.disjunction()
        if self.pos < len(self.text):  # only a `)` stops a disjunction early
            self.fail(f") at position {self.pos} closes no group")
        return out

    # Errors and reading -----------------------------------------------------------

    def fail(self, detail: str) -> NoReturn:
        raise PatternProblem(detail, syntax=True)

    def refuse(self, detail: str) -> NoReturn:
        raise PatternProblem(detail, syntax=False)

    def peek(self, offset: int = 0) -> str:
        index = self.pos + offset
        return self.text[index] if index < len(self.text) else ""

    def take(self) -> str:
        char = self.peek()
        self.pos += 1
        return char

    # Structure --------------------------------------------------------------------

    def disjunction(self) -> str:
        alternatives = [self.alternative()]
        while self.peek() == "|":
            self.pos += 1
            alternatives.append(self.alternative())
        return "|".join(alternatives)

    def alternative(self) -> str:
        terms: list[str] = []
        while self.peek() not in ("", "|", ")"):
            terms.append(self.term())
        return "".join(terms)

    def term(self) -> str:
        atom, quantifiable = self.atom()
        start = self.pos
        quantifier = self.quantifier()
        if quantifier and not quantifiable:
            self.fail(f"{quantifier} at position {start} has nothing to repeat")
        if quantifier and self.peek() in tuple("*+?{"):
            self.repeated_quantifier(quantifier)
        return atom + quantifier

    def repeated_quantifier(self, quantifier: str) -> NoReturn:
        if self.peek() == "+" and not quantifier.endswith("?"):
            self.fail(
                f"{quantifier}+ at position {self.pos - len(quantifier)} is Python's "
                f"possessive quantifier; {_NONE}"
            )
        self.fail(f"{self.peek()} at position {self.pos} has nothing to repeat")

    def quantifier(self) -> str:
        if self.peek() in tuple("*+?"):
            quantifier = self.take()
        elif self.peek() == "{":
            quantifier = self.braces()
        else:
            return ""
        if self.peek() == "?":
            quantifier += self.take()
        return quantifier

    def braces(self) -> str:
        """`{n}`, `{n,}` or `{n,m}`; in unicode mode any other `{` is an error."""
        found = _QUANTIFIER.match(self.text, self.pos)
        if found is None:
            self.lone_brace()
        low, comma, high = found.group(1), found.group(2), found.group(3)
        if high and int(high) < int(low):
            self.fail(f"{found.group()} at position {self.pos} counts down")
        self.pos = found.end()
        upper = str(int(high)) if high else ""
        return "{" + str(int(low)) + ("," if comma else "") + upper + "}"

    def lone_brace(self) -> NoReturn:
        closing = self.text.find("}", self.pos, self.pos + 12)
        shown = self.text[self.pos : closing + 1] if closing >= 0 else "{"
        self.fail(
            f"{shown} at position {self.pos} is no quantifier: ECMA-262 has {{n}}, "
            "{n,} and {n,m}, and writes a literal { as \\{"
        )

    # Atoms ------------------------------------------------------------------------

    def atom(self) -> tuple[str, bool]:
        """The translation of the atom here, and whether a quantifier may follow it."""
        char = self.peek()
        if char in _ATOMS:
            return _ATOMS[char](self)
        if char in tuple("*+?{"):
            if char == "{" and _QUANTIFIER.match(self.text, self.pos) is None:
                self.lone_brace()
            self.fail(f"{char} at position {self.pos} has nothing to repeat")
        if char in tuple("]}"):
            self.fail(f"a lone {char} at position {self.pos} is written \\{char}")
        self.pos += 1
        return _outside(self.literal(char)), True

    def literal(self, char: str) -> str:
        if "\ud800" <= char <= "\udfff":
            self.refuse(
                f"lone surrogate \\u{ord(char):04x} at position {self.pos - 1}: Python "
                "matches it inside a pair, ECMA-262 does not"
            )
        return char

    def anchor(self) -> tuple[str, bool]:
        return ("^" if self.take() == "^" else self.end), False

    def dot(self) -> tuple[str, bool]:
        self.pos += 1
        return DOT, True

    def group(self) -> tuple[str, bool]:
        start = self.pos
        opening, quantifiable = self.group_opening()
        inner = self.disjunction()
        if self.peek() != ")":
            self.fail(f"( at position {start} is never closed")
        self.pos += 1
        return f"{opening}{inner})", quantifiable

    def group_opening(self) -> tuple[str, bool]:
        for opening, quantifiable in _GROUPS:
            if self.text.startswith(opening, self.pos):
                self.pos += len(opening)
                return opening, quantifiable
        if self.text.startswith("(?<", self.pos):
            self.group_name()
            return "(", True
        if self.text.startswith("(?", self.pos):
            self.unknown_group()
        self.pos += 1
        return "(", True

    def group_name(self) -> None:
        """Skip `(?<name>`: nothing may refer to the name, so Python needs none (and
        regress has checked it)."""
        closing = self.text.find(">", self.pos + 3)
        name = self.text[self.pos + 3 : closing]
        if closing < 0 or not name:
            self.fail(f"(?< at position {self.pos} opens no group name")
        self.pos = closing + 1

    def unknown_group(self) -> NoReturn:
        rest = self.text[self.pos :]
        found = _MODIFIERS.match(rest)
        if found is not None:
            self.refuse(
                f"modifier group {found.group()} at position {self.pos}: Python's re "
                "reads i, m and s otherwise (case folding, line terminators)"
            )
        for shape, name, hint in _PYTHON_GROUPS:
            found = shape.match(rest)
            if found is not None:
                self.fail(
                    f"{found.group()} at position {self.pos} is Python's {name}; {hint}"
                )
        self.fail(f"{rest[:3]} at position {self.pos} opens no ECMA-262 group")

    # Escapes ----------------------------------------------------------------------

    def escape(self) -> tuple[str, bool]:
        """An escape outside a class."""
        letter = self.peek(1)
        if letter in ("b", "B"):
            self.pos += 2
            return (BOUNDARY if letter == "b" else NOT_BOUNDARY), False
        if letter.lower() in _SETS:
            self.pos += 2
            caret = "" if letter.islower() else "^"
            return f"[{caret}{_SETS[letter.lower()]}]", True
        if letter == "k" or (letter != "" and letter in "123456789"):
            self.refuse(
                f"backreference \\{letter} at position {self.pos}: a group that has "
                "not matched matches the empty text in ECMA-262 and nothing in Python"
            )
        return _outside(self.character_escape(in_class=False)), True

    def character_escape(self, *, in_class: bool) -> str:
        """The character that the escape here stands for, past it."""
        start = self.pos
        self.pos += 1
        letter = self.take()
        if letter == "":
            self.fail(f"\\ at position {start} escapes nothing")
        if letter in ("p", "P"):
            closing = self.text.find("}", self.pos)
            shown = self.text[start : closing + 1] if closing >= 0 else f"\\{letter}"
            self.refuse(
                f"{shown} at position {start} is a Unicode property escape, which "
                "Python's re has none of"
            )
        if letter in _CONTROL:
            return _CONTROL[letter]
        if letter in _ESCAPES:
            return _ESCAPES[letter](self, start)
        if letter in _SYNTAX or letter == "/" or (in_class and letter == "-"):
            return letter
        self.fail(f"\\{letter} at position {start} is no ECMA-262 escape")

    def control(self, start: int) -> str:
        letter = self.peek()
        if not (letter.isascii() and letter.isalpha()):
            self.fail(f"\\c at position {start} is not followed by a letter")
        self.pos += 1
        return chr(ord(letter) % 32)

    def nul(self, start: int) -> str:
        if self.peek().isdigit() and self.peek().isascii():
            self.fail(
                f"\\0{self.peek()} at position {start}: unicode mode has no octal"
            )
        return "\0"

    def hex_escape(self, start: int) -> str:
        digits = self.text[self.pos : self.pos + 2]
        if len(digits) < 2 or any(d not in _HEX for d in digits):
            self.fail(f"\\x at position {start} is not followed by two hex digits")
        self.pos += 2
        return chr(int(digits, 16))

    def unicode_escape(self, start: int) -> str:
        if self.peek() == "{":
            code = self.braced_code(start)
        else:
            code = self.four_hex(start)
            if 0xD800 <= code < 0xDC00 and self.text.startswith("\\u", self.pos):
                code = self.low_surrogate(code)
        if 0xD800 <= code <= 0xDFFF:
            self.refuse(
                f"lone surrogate \\u{code:04x} at position {start}: Python matches it "
                "inside a pair, ECMA-262 does not"
            )
        return chr(code)

    def four_hex(self, start: int) -> int:
        digits = self.text[self.pos : self.pos + 4]
        if len(digits) < 4 or any(d not in _HEX for d in digits):
            self.fail(f"\\u at position {start} is not followed by four hex digits")
        self.pos += 4
        return int(digits, 16)

    def low_surrogate(self, high: int) -> int:
        """A `\\uD83D\\uDE00` pair is one character in unicode mode."""
        digits = self.text[self.pos + 2 : self.pos + 6]
        if len(digits) < 4 or any(d not in _HEX for d in digits):
            return high
        low = int(digits, 16)
        if not 0xDC00 <= low <= 0xDFFF:
            return high
        self.pos += 6
        return 0x10000 + (high - 0xD800) * 0x400 + (low - 0xDC00)

    def braced_code(self, start: int) -> int:
        closing = self.text.find("}", self.pos)
        digits = self.text[self.pos + 1 : closing]
        if closing < 0 or not digits or any(d not in _HEX for d in digits):
            self.fail(f"\\u{{ at position {start} holds no hex number")
        if int(digits, 16) > 0x10FFFF:
            self.fail(f"\\u{{{digits}}} at position {start} is beyond U+10FFFF")
        self.pos = closing + 1
        return int(digits, 16)

    # Classes ----------------------------------------------------------------------

    def character_class(self) -> tuple[str, bool]:
        start = self.pos
        self.pos += 1
        negated = self.peek() == "^"
        if negated:
            self.pos += 1
        ranges: list[str] = []
        complements: list[str] = []
        while self.peek() != "]":
            if self.peek() == "":
                self.fail(f"[ at position {start} is never closed")
            self.class_item(ranges, complements)
        self.pos += 1
        return _class_text(negated, ranges, complements), True

    def class_item(self, ranges: list[str], complements: list[str]) -> None:
        """One character, range or escaped set, added to `ranges` (as class text)
        or, for `\\D`, `\\S` and `\\W`, to `complements` (the text of their
        complement)."""
        start = self.pos
        low = self.class_atom()
        if self.peek() != "-" or self.peek(1) in ("]", ""):
            _add_set(low, ranges, complements)
            return
        self.pos += 1
        high = self.class_atom()
        if isinstance(low, tuple) or isinstance(high, tuple):
            self.fail(f"a range at position {start} is bounded by a class escape")
        if high < low:
            self.fail(f"range {low}-{high} at position {start} runs backwards")
        ranges.append(f"{_inside(low)}-{_inside(high)}")

    def class_atom(self) -> str | tuple[str, bool]:
        """A character, or (set text, complemented) for an escaped set."""
        char = self.peek()
        if char != "\\":
            self.pos += 1
            return self.literal(char)
        letter = self.peek(1)
        if letter.lower() in _SETS:
            self.pos += 2
            return _SETS[letter.lower()], letter.lower() != letter
        if letter == "b":  # backspace, inside a class
            self.pos += 2
            return "\b"
        return self.character_escape(in_class=True)


def _add_set(
    item: str | tuple[str, bool], ranges: list[str], complements: list[str]
) -> None:
    if isinstance(item, str):
        ranges.append(_inside(item))
    elif item[1]:
        complements.append(item[0])
    else:
        ranges.append(item[0])


def _class_text(negated: bool, ranges: list[str], complements: list[str]) -> str:
    """A class of `ranges` and of the complements of `complements`, written so that
    Python reads it alike: its class syntax cannot hold a complement."""
    body = "".join(ranges)
    if not complements:
        if not body:
            return ANY if negated else NOTHING
        return f"[{'^' if negated else ''}{body}]"
    if not negated:
        parts = ([f"[{body}]"] if body else []) + [f"[^{c}]" for c in complements]
        return parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"
    # Not in `body`, and in each complemented set.
    guards = ([f"(?![{body}])"] if body else []) + [
        f"(?=[{c}])" for c in complements[:-1]
    ]
    return "(?:" + "".join(guards) + f"[{complements[-1]}])"


def _outside(char: str) -> str:
    """`char` as a pattern outside a class writes it, in both engines."""
    if char in _SYNTAX:
        return "\\" + char
    return _shown(char)


def _inside(char: str) -> str:
    """`char` as a class writes it, in both engines."""
    if char in "\\]^-[|":
        return "\\" + char
    return _IN_CLASS.get(char) or _shown(char)


def _shown(char: str) -> str:
    """A character that does not print as an escape both engines read; one beyond
    U+FFFF as itself (ECMA-262 has no `\\U`, Python no `\\u{...}`)."""
    if char.isprintable() or ord(char) > 0xFFFF:
        return char
    if char in _SHOWN:
        return _SHOWN[char]
    return f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}"


_Atom = Callable[[_Translator], tuple[str, bool]]
_ATOMS: dict[str, _Atom] = {
    "^": _Translator.anchor,
    "$": _Translator.anchor,
    ".": _Translator.dot,
    "(": _Translator.group,
    "[": _Translator.character_class,
    "\\": _Translator.escape,
}
_ESCAPES: dict[str, Callable[[_Translator, int], str]] = {
    "c": _Translator.control,
    "0": _Translator.nul,
    "x": _Translator.hex_escape,
    "u": _Translator.unicode_escape,
}
_GROUPS = (
    ("(?:", True),
    ("(?=", False),
    ("(?!", False),
    ("(?<=", False),
    ("(?<!", False),
)
"""Group openings both engines share, and whether a quantifier may follow the group
(in unicode mode no look-around may be repeated)."""
_MODIFIERS = re.compile(r"\(\?[a-zA-Z]*-?[a-zA-Z]*:")
_NONE = "ECMA-262 has none"
_PYTHON_GROUPS = (
    (re.compile(r"\(\?P[<=>]?"), "named group", "ECMA-262 writes (?<name>...)"),
    (re.compile(r"\(\?#"), "comment", _NONE),
    (re.compile(r"\(\?>"), "atomic group", _NONE),
    (re.compile(r"\(\?\("), "conditional group", _NONE),
    (re.compile(r"\(\?[a-zA-Z-]+\)"), "inline flags", _NONE),
)
