"""The value rules of DESIGN.md section 4, for checking spec defaults at generate time.

The generated `_runtime.py` carries its own copy of these rules (it may import nothing
but the standard library); `tests/test_values.py` holds both to the same table of cases.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Mapping
from datetime import date, datetime
from decimal import Decimal

DECIMAL_TEXT = re.compile(r"-?([0-9]+)(?:\.([0-9]+))?\Z")
DATETIME_TEXT = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt][0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,6})?"
    r"([Zz]|[+-](?:[01][0-9]|2[0-3]):[0-5][0-9])\Z"
)
DATE_TEXT = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")


def decimal_problem(text: object, precision: int, scale: int) -> str | None:
    """Why `text` is not a decimal string for DECIMAL(precision, scale), or None."""
    match = DECIMAL_TEXT.match(text) if isinstance(text, str) else None
    if match is None:
        return f"{text!r} is not a decimal string like '12.50'"
    whole, fraction = match.group(1).lstrip("0"), match.group(2) or ""
    if len(whole) > precision - scale:
        return f"{text!r} has more than {precision - scale} integer digits"
    if len(fraction) > scale:
        return f"{text!r} has more than {scale} fraction digits"
    return None


def bound_problem(value: Decimal, bounds: Mapping[str, object]) -> str | None:
    """Check minimum/exclusiveMinimum/maximum/exclusiveMaximum on a decimal's value."""
    tests = {
        "minimum": operator.ge,
        "exclusiveMinimum": operator.gt,
        "maximum": operator.le,
        "exclusiveMaximum": operator.lt,
    }
    for keyword, test in tests.items():
        bound = bounds.get(keyword)
        if bound is not None and not test(value, Decimal(str(bound))):
            return f"{str(value)!r} breaks {keyword} {bound}"
    return None


def datetime_problem(text: object) -> str | None:
    """Why `text` is not an RFC 3339 timestamp with an offset (as narrowed), or None."""
    if not isinstance(text, str) or DATETIME_TEXT.match(text) is None:
        return f"{text!r} is not an RFC 3339 date-time with an offset"
    try:
        datetime.fromisoformat(text.upper())
    except ValueError:
        return (
            f"{text!r} names no real instant (a day the month lacks, or a leap "
            "second, which Python cannot hold)"
        )
    return None


def date_problem(text: object) -> str | None:
    if not isinstance(text, str) or DATE_TEXT.match(text) is None:
        return f"{text!r} is not a date like '2024-01-31'"
    try:
        date.fromisoformat(text)
    except ValueError:
        return f"{text!r} is not a real date"
    return None
