"""Behaviour the design document gives a Portfolio: its value and its performance."""

from __future__ import annotations

import calendar
import itertools
import math
import statistics
from collections.abc import Sequence
from datetime import date, timedelta
from decimal import Context, Decimal, localcontext
from typing import TYPE_CHECKING

from ..performance_metrics import PerformanceMetrics
from ..performance_period import PerformancePeriod

if TYPE_CHECKING:
    from ..stock import Stock

TRADING_DAYS = 252
"""Trading days in a year: daily statistics are annualised with it."""
EXACT = Context(prec=100)
"""Enough digits that the caller's decimal context never rounds a money total."""
ZERO_DEVIATION = 1e-12
"""A standard deviation of daily returns below this is rounding noise: zero."""


class PortfolioBehaviour:
    """Methods mixed into the generated `Portfolio` dataclass."""

    if TYPE_CHECKING:
        # What the dataclass defines, for the type checker. The empty __slots__ is
        # hidden from it, since it would refuse the assignments to these attributes.
        stocks: list[Stock]
        cash_balance: Decimal
        total_value: Decimal

    else:
        __slots__ = ()  # the dataclass keeps its slots: no __dict__

    def calculate_total_value(self) -> Decimal:
        """Cash plus each stock's `current_price * quantity`, exact; also stored.

        Exact in any decimal context, like `Stock.get_gain_loss`.

        The result is written to `total_value` as well, so the stored figure is the
        one just computed. Raises ValueError, changing nothing, when a stock has no
        current price: its value is unknown, so the total is too.
        """
        total = self.cash_balance
        with localcontext(EXACT):
            for stock in self.stocks:
                if stock.current_price is None:
                    raise ValueError(f"stock {stock.symbol!r} has no current price")
                total += stock.current_price * stock.quantity
        self.total_value = total
        return total

    def get_performance(
        self,
        values: Sequence[tuple[date, Decimal | float]],
        period: PerformancePeriod | str = PerformancePeriod.ALL,
        risk_free_rate: float = 0.0,
    ) -> PerformanceMetrics:
        """Performance over the trailing `period` of daily portfolio values.

        `values` are `(date, value)` pairs in strictly increasing date order. The
        window starts at the last value on or before one period before the last date
        (`1d`: one day, `1w`: seven days, `1m` and `1y`: one calendar month or year,
        clamped to the month's last day), or at the first value when none is that
        old, and ends at the last value; `all` keeps every value. Within it:

        - `total_return`: last value minus first; `total_return_percent`: that as a
          percentage of the first value;
        - `daily_return`: the mean daily simple return (`v[i] / v[i-1] - 1`), as a
          fraction (0.01 is 1%);
        - `volatility`: the sample standard deviation of those returns times
          `sqrt(252)` (annualised), 0.0 with fewer than two returns;
        - `sharpe_ratio`: `(mean - risk_free_rate / 252) / stdev * sqrt(252)`, with
          `risk_free_rate` annual; None with fewer than two returns or zero
          volatility (below 1e-12 a day, which is rounding noise), where it is
          undefined.

        Raises ValueError for empty or unsorted values, and for a value that is not
        a positive finite number, from which no return can be computed.
        """
        period = PerformancePeriod(period)
        window = _window(_checked(values), period)
        returns = [now / before - 1 for before, now in itertools.pairwise(window)]
        mean = statistics.fmean(returns) if returns else 0.0
        deviation = statistics.stdev(returns) if len(returns) >= 2 else 0.0
        if deviation < ZERO_DEVIATION:  # steady growth leaves float noise, not risk
            deviation = 0.0
        sharpe = None
        if deviation > 0:
            excess = mean - risk_free_rate / TRADING_DAYS
            sharpe = excess / deviation * math.sqrt(TRADING_DAYS)
        return PerformanceMetrics(
            total_return=window[-1] - window[0],
            total_return_percent=(window[-1] / window[0] - 1) * 100,
            daily_return=mean,
            volatility=deviation * math.sqrt(TRADING_DAYS),
            sharpe_ratio=sharpe,
            period=period,
        )


def _checked(
    values: Sequence[tuple[date, Decimal | float]],
) -> list[tuple[date, float]]:
    if not values:
        raise ValueError("no values: performance needs at least one (date, value)")
    for index in range(1, len(values)):
        if values[index][0] <= values[index - 1][0]:
            raise ValueError(
                f"values are not in strictly increasing date order: "
                f"{values[index][0].isoformat()} at index {index} follows "
                f"{values[index - 1][0].isoformat()}"
            )
    checked = [(day, float(value)) for day, value in values]
    for day, value in checked:
        if not math.isfinite(value) or value <= 0:
            raise ValueError(
                f"value {value} on {day.isoformat()} is not a positive finite "
                "number; no return can be computed from it"
            )
    return checked


def _window(values: list[tuple[date, float]], period: PerformancePeriod) -> list[float]:
    """From the last value on or before one `period` before the last date, to the end.

    Anchored on a value, not a calendar day: on trading-day data `1d` on a Monday
    starts at Friday's value, where a strict calendar window would hold Monday alone.
    """
    start = _period_start(values[-1][0], period)
    first = 0
    if start is not None:
        first = max((i for i, (day, _) in enumerate(values) if day <= start), default=0)
    return [value for _, value in values[first:]]


def _period_start(last: date, period: PerformancePeriod) -> date | None:
    if period is PerformancePeriod.ALL:
        return None
    if period is PerformancePeriod.V1D:
        return last - timedelta(days=1)
    if period is PerformancePeriod.V1W:
        return last - timedelta(days=7)
    months = 1 if period is PerformancePeriod.V1M else 12
    year, month = divmod(last.year * 12 + last.month - 1 - months, 12)
    day = min(last.day, calendar.monthrange(year, month + 1)[1])
    return date(year, month + 1, day)
