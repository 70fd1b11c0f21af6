"""Spec patterns are ECMA-262 (unicode mode); the validators run Python's `re`.

regress, Rust's ECMA-262 engine, is the reference: the translation our validators run
(`to_python`) and the one the bundled schemas hold (`portable`, read by Python's `re`
in jsonschema and by ECMA-262 engines) must match a text exactly when regress matches
the spec's pattern. Each table row also states the verdict by hand, so that a wrong
reading of the reference shows too. The refusals and their messages are in
tests/test_bad_specs.py.
"""

from __future__ import annotations

import functools
import itertools
import re
import warnings

import pytest
import regress
from hypothesis import example, given
from hypothesis import strategies as st

from generator.patterns import PatternProblem, portable, problem, to_python

LINE_ENDS = "\n\r\u2028\u2029"
MATCHES = [
    # `.` stops at the four ECMA-262 line terminators, not at NEL
    ("^.$", "a", True),
    ("^.$", "\n", False),
    ("^.$", "\r", False),
    ("^.$", "\u2028", False),
    ("^.$", "\u2029", False),
    ("^.$", "\x85", True),
    ("^.$", "\U0001f600", True),
    ("^[.]$", "\r", False),
    # `$` is the end of the text, also before a final newline
    ("^a$", "a", True),
    ("^a$", "a\n", False),
    ("a$|b", "a\n", False),
    ("[$]", "$", True),
    # `[]` matches nothing, `[^]` any character
    ("^[]$", "", False),
    ("^[]$", "]", False),
    ("a[]|b", "a", False),
    ("a[]|b", "b", True),
    ("^a[]*$", "a", True),
    ("^[^]$", "\n", True),
    ("^[^]$", "]", True),
    ("^[^]$", "", False),
    ("^[\\]]$", "]", True),
    # `\d`, `\w`, `\s`, `\b` are ECMA-262's, not Python's Unicode ones
    ("^\\d$", "3", True),
    ("^\\d$", "\u0663", False),  # ARABIC-INDIC DIGIT THREE
    ("^\\D$", "\u0663", True),
    ("^\\w$", "_", True),
    ("^\\w$", "\xe9", False),
    ("^\\W$", "\xe9", True),
    ("^\\s$", "\ufeff", True),
    ("^\\s$", "\u3000", True),
    ("^\\s$", "\u2028", True),
    ("^\\s$", "\x85", False),
    ("^\\s$", "\x1c", False),
    ("^\\S$", "\x85", True),
    ("a\\b", "a\xe9", True),
    ("a\\B", "a\xe9", False),
    ("\\b\xe9", "\xe9", False),
    ("\\B\xe9", "\xe9", True),
    ("^[\\d]$", "\u0663", False),
    ("^[^\\d]$", "\u0663", True),
    ("^[a\\D]$", "\u0663", True),
    ("^[a\\D]$", "3", False),
    ("^[^a\\D]$", "3", True),
    ("^[^a\\D]$", "\u0663", False),
    ("^[^a\\D]$", "a", False),
    ("^[\\s\\w]+$", "a \ufeff", True),
    ("^[^\\S\\n]$", "\n", False),
    ("^[^\\S\\n]$", "\t", True),
    # escapes mean the character they name
    ("^\\cJ$", "\n", True),
    ("^\\0$", "\0", True),
    ("^\\x41\\u0042$", "AB", True),
    ("^\\u{1F600}$", "\U0001f600", True),
    ("^\\ud83d\\ude00$", "\U0001f600", True),
    ("^[\\ud83d\\ude00]$", "\U0001f600", True),
    ("^[\\b]$", "\b", True),
    ("^\\/$", "/", True),
    ("^\\t\\v\\f$", "\t\v\f", True),
    ("^[a&&b~~c]+$", "&~", True),
    ("^[--/]+$", ".", True),
    ("^[[|]+$", "[|", True),
    # groups, look-arounds, quantifiers
    ("^(?<year>[0-9]{4})-(?<m>[0-9]{2})$", "2024-05", True),
    ("(?<=\\$)[0-9]+", "$5", True),
    ("(?<=\\$)[0-9]+", "5", False),
    ("(?<!a)b", "ab", False),
    ("^(?:ab)+?$", "abab", True),
    ("^a{2,}$", "a", False),
    ("^a{2,}$", "aaa", True),
]
"""(ECMA-262 pattern, text, whether the pattern matches somewhere in the text)."""


@functools.cache
def _ecma(pattern: str) -> regress.Regex:
    return regress.Regex(pattern, "u")


def _in_ecma(pattern: str, text: str) -> bool:
    return _ecma(pattern).find(text) is not None


@pytest.mark.parametrize(("pattern", "text", "matches"), MATCHES)
def test_the_validators_match_as_ecma_262_does(
    pattern: str, text: str, matches: bool
) -> None:
    assert problem(pattern) is None
    assert _in_ecma(pattern, text) is matches, "the table is wrong"
    assert (re.search(to_python(pattern), text) is not None) is matches


@pytest.mark.parametrize(("pattern", "text", "matches"), MATCHES)
def test_the_bundled_pattern_reads_alike_in_both_engines(
    pattern: str, text: str, matches: bool
) -> None:
    bundled = portable(pattern)
    assert (re.search(bundled, text) is not None) is matches
    assert _in_ecma(bundled, text) is matches


@pytest.mark.parametrize("pattern", sorted({row[0] for row in MATCHES}))
def test_python_reads_the_translations_without_a_warning(pattern: str) -> None:
    """Python warns of a class holding `[`, `&&`, `~~`, `||` or `--`, which a later
    version may read as set operations."""
    re.purge()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        re.compile(to_python(pattern))
        re.compile(portable(pattern))


# Properties ---------------------------------------------------------------------------

_TRICKY = "ab_0Z3 \t" + LINE_ENDS + "\x85\x1c\ufeff\u3000\u0663\xe9\U0001f600.$]-"
TEXTS = st.text(st.sampled_from(_TRICKY), max_size=4) | st.text(
    st.characters(exclude_categories=["Cs"]), max_size=6
)
"""Texts regress can take (no lone surrogate), rich in what the engines disagree on."""
PROBES = ["", *_TRICKY, *map("".join, itertools.product(_TRICKY, repeat=2))]


def _verdicts(pattern: str, text: str) -> set[bool]:
    """Whether each reading of `pattern` matches `text`: one value when they agree."""
    bundled = portable(pattern)
    return {
        _in_ecma(pattern, text),
        re.search(to_python(pattern), text) is not None,
        re.search(bundled, text) is not None,
        _in_ecma(bundled, text),
    }


@pytest.mark.parametrize(
    "pattern", ["^.+$", "a.$", "^\\s*\\S\\s*$", "\\b\\w+\\B", "^[^\\W\\d]*$", "[]|[^]$"]
)
@given(text=TEXTS)
def test_every_reading_agrees_on_any_text(pattern: str, text: str) -> None:
    assert len(_verdicts(pattern, text)) == 1


_CHARACTERS = st.sampled_from(
    [
        *"ab0_-.\xe9",
        *["\\d", "\\D", "\\w", "\\W", "\\s", "\\S", "\\n", "\\.", "\\]", "\\u2028"],
        *["\\u{1F600}", "\\cJ", "\\x85", "[]", "[^]"],
    ]
)
_CLASS_ITEMS = st.sampled_from(
    [
        *"ab-.$\xe9",
        *["b-z", "0-9", "\\d", "\\D", "\\s", "\\S", "\\w", "\\W", "\\n", "\\]"],
        *["\\u2028", "\\b", "\\u{1F600}"],
    ]
)
_CLASSES = st.builds(
    "[{}{}]".format, st.sampled_from(["", "^"]), st.lists(_CLASS_ITEMS).map("".join)
)
_QUANTIFIERS = st.sampled_from(["", "", "*", "+", "?", "{2}", "{0,2}", "{1,}", "*?"])
_ASSERTIONS = st.sampled_from(["^", "$", "\\b", "\\B"])


def _patterns(atoms: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    """Alternatives of terms: an atom with a quantifier, an assertion or a
    look-around."""
    looks = st.builds(
        "{}{})".format, st.sampled_from(["(?=", "(?!", "(?<=", "(?<!"]), atoms
    )
    quantified = st.builds("{}{}".format, atoms, _QUANTIFIERS)
    # Mostly atoms and no empty alternative: a pattern of many assertions matches
    # next to nothing, one with an empty alternative anything.
    terms = st.one_of(*[quantified] * 6, _ASSERTIONS, looks)
    alternatives = st.lists(terms, min_size=1, max_size=3).map("".join)
    return st.lists(alternatives, min_size=1, max_size=2).map("|".join)


def _groups(inner: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    openings = st.sampled_from(["(", "(?:", "(?<g>"])
    return st.builds("{}{})".format, openings, _patterns(inner))


PATTERNS = _patterns(st.recursive(_CHARACTERS | _CLASSES, _groups, max_leaves=3))
"""ECMA-262 patterns, most of them valid, of the constructs the translation rewrites."""

_TOKENS = [
    *"ab0^$.*+?|-]{}",
    *["\\d", "\\D", "\\w", "\\b", "\\B", "\\.", "\\-", "(", ")", "(?:", "(?=", "(?<="],
    *[
        "(?<g>",
        "[",
        "[^",
        "[]",
        "{2}",
        "{1,3}",
        "{,2}",
        "\\u{1F600}",
        "\\Z",
        "\\1",
        "(?i)",
    ],
]
TOKENS = st.lists(st.sampled_from(_TOKENS), min_size=1, max_size=7).map("".join)
"""Strings of pattern tokens, most of them no ECMA-262."""


@given(pattern=PATTERNS, texts=st.lists(TEXTS, max_size=5))
@example(pattern="[^]$", texts=["\n"])
def test_a_loaded_pattern_means_what_regress_means(
    pattern: str, texts: list[str]
) -> None:
    """For any pattern the toolkit loads, all readings agree on any text: every
    text of up to two tricky characters, and some drawn."""
    if problem(pattern) is None:
        for text in [*PROBES, *texts]:
            assert len(_verdicts(pattern, text)) == 1, text


def _regress_accepts(pattern: str) -> bool:
    try:
        _ecma(pattern)
    except regress.RegressError:
        return False
    return True


_REPEATED_ASSERTION = re.compile(r"\\[bB][*+?{]")


@given(pattern=PATTERNS | TOKENS)
@example(pattern="(?<g>[^])")
def test_what_the_translator_calls_no_ecma_262_is_none(pattern: str) -> None:
    """The translator's syntax refusals are regress's too; its own reasons name the
    construct. regress alone takes a repeated `\\b` or `\\B`, which unicode mode
    forbids."""
    try:
        to_python(pattern)
    except PatternProblem as found:
        if found.syntax and not _REPEATED_ASSERTION.search(pattern):
            assert not _regress_accepts(pattern), found.detail
