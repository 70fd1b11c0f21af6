"""The models' behaviour (specs/behaviour/), with worked numbers and the edge cases."""

from __future__ import annotations

import math
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal
from typing import Any

import pytest
from dreamvault_models import (
    Conversation,
    Message,
    MessageRole,
    PerformancePeriod,
    Portfolio,
    Stock,
)

T0 = datetime(2024, 3, 1, 10, 0, tzinfo=UTC)


def stock(current: str | None, purchase: str = "10.10", quantity: int = 3) -> Stock:
    return Stock.from_dict(
        {
            "id": f"s-{current}",
            "portfolio_id": "p1",
            "symbol": "ACME",
            "company_name": "Acme",
            "quantity": quantity,
            "purchase_price": purchase,
            "current_price": current,
            "purchase_date": "2024-01-02",
            "sector": None,
            "industry": None,
            "created_at": "2024-01-02T00:00:00Z",
            "updated_at": "2024-01-02T00:00:00Z",
        }
    )


def portfolio(*stocks: Stock, cash: str = "100.00") -> Portfolio:
    return Portfolio.from_dict(
        {
            "id": "p1",
            "user_id": "u1",
            "name": "Main",
            "description": None,
            "stocks": [s.to_dict() for s in stocks],
            "cash_balance": cash,
            "total_value": "0.00",
            "config": {"risk_tolerance": "moderate", "rebalance_frequency": "monthly"},
            "created_at": "2024-01-02T00:00:00Z",
            "updated_at": "2024-01-02T00:00:00Z",
        }
    )


# Stock.get_gain_loss ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("purchase", "current", "quantity", "expected"),
    [
        ("10.10", "12.35", 3, "6.75"),
        ("10.10", "9.99", 3, "-0.33"),
        ("0.10", "0.20", 1_000_000, "100000.00"),
        ("10.00", "10.00", 7, "0.00"),
    ],
    ids=["gain", "loss", "many-cheap-shares", "flat"],
)
def test_gain_loss_is_exact(
    purchase: str, current: str, quantity: int, expected: str
) -> None:
    result = stock(current, purchase, quantity).get_gain_loss()
    assert result == Decimal(expected)
    assert isinstance(result, Decimal)


def test_gain_loss_without_a_current_price_is_refused() -> None:
    with pytest.raises(ValueError, match="stock 'ACME' has no current price"):
        stock(None).get_gain_loss()


# Portfolio.calculate_total_value ----------------------------------------------------


def test_total_value_is_cash_plus_holdings_and_is_stored() -> None:
    held = portfolio(stock("12.35", quantity=3), stock("0.10", quantity=10))
    assert held.calculate_total_value() == Decimal("138.05")  # 100 + 37.05 + 1.00
    assert held.total_value == Decimal("138.05")
    assert held.to_dict()["total_value"] == "138.05"


def test_total_value_of_cash_only() -> None:
    assert portfolio(cash="42.50").calculate_total_value() == Decimal("42.50")


def test_total_value_with_an_unpriced_stock_is_refused_and_changes_nothing() -> None:
    held = portfolio(stock("12.35"), stock(None))
    with pytest.raises(ValueError, match="has no current price"):
        held.calculate_total_value()
    assert held.total_value == Decimal("0.00")


# Portfolio.get_performance ----------------------------------------------------------


def series(*values: float, start: date = date(2024, 1, 1)) -> list[tuple[date, Any]]:
    return [(start + timedelta(days=i), v) for i, v in enumerate(values)]


def test_performance_worked_example() -> None:
    # Returns: 102/100 - 1 = 0.02, 101/102 - 1 = -0.0098039, 105/101 - 1 = 0.0396040.
    metrics = portfolio().get_performance(series(100, 102, 101, 105))
    assert metrics.total_return == pytest.approx(5.0)
    assert metrics.total_return_percent == pytest.approx(5.0)
    assert metrics.daily_return == pytest.approx(0.0166000129)
    assert metrics.volatility == pytest.approx(0.0248787989 * math.sqrt(252))
    assert metrics.sharpe_ratio == pytest.approx(10.5920320847)
    assert metrics.period is PerformancePeriod.ALL


def test_sharpe_subtracts_the_daily_risk_free_rate() -> None:
    metrics = portfolio().get_performance(
        series(100, 102, 101, 105), risk_free_rate=0.05
    )
    expected = (0.0166000129 - 0.05 / 252) / 0.0248787989 * math.sqrt(252)
    assert metrics.sharpe_ratio == pytest.approx(expected)


def test_decimal_values_are_accepted() -> None:
    values = [(d, Decimal(str(v))) for d, v in series(100, 102, 101, 105)]
    assert portfolio().get_performance(values).total_return == pytest.approx(5.0)


@pytest.mark.parametrize(
    ("values", "volatility", "sharpe"),
    [
        (series(100), 0.0, None),
        (series(100, 110), 0.0, None),
        (series(100, 110, 121), 0.0, None),
    ],
    ids=["one-value", "one-return", "zero-volatility"],
)
def test_sharpe_is_none_where_undefined(
    values: list[tuple[date, Any]], volatility: float, sharpe: float | None
) -> None:
    metrics = portfolio().get_performance(values)
    assert metrics.volatility == pytest.approx(volatility)
    assert metrics.sharpe_ratio is sharpe


def test_a_single_value_has_no_return() -> None:
    metrics = portfolio().get_performance(series(100))
    assert (metrics.total_return, metrics.total_return_percent) == (0.0, 0.0)
    assert metrics.daily_return == 0.0


# 2024-01-01 .. 2024-03-31, one value a day, each value its day number (1 .. 91).
QUARTER = series(*range(1, 92))


@pytest.mark.parametrize(
    ("period", "first_day", "count"),
    [
        ("1d", date(2024, 3, 30), 2),
        ("1w", date(2024, 3, 24), 8),
        ("1m", date(2024, 2, 29), 32),  # 31 March minus a month, clamped to February
        ("1y", date(2024, 1, 1), 91),  # a year back is before the first value
        ("all", date(2024, 1, 1), 91),
    ],
)
def test_period_selects_the_trailing_window(
    period: str, first_day: date, count: int
) -> None:
    metrics = portfolio().get_performance(QUARTER, period)
    first_value = first_day.timetuple().tm_yday
    assert metrics.total_return == pytest.approx(91 - first_value)
    assert metrics.period is PerformancePeriod(period)
    assert first_value + count - 1 == 91


def test_period_as_enum_member() -> None:
    metrics = portfolio().get_performance(QUARTER, PerformancePeriod.V1W)
    assert metrics.total_return == pytest.approx(7.0)


@pytest.mark.parametrize(
    ("values", "period", "message"),
    [
        ([], "all", "no values"),
        (
            [(date(2024, 1, 2), 100), (date(2024, 1, 1), 101)],
            "all",
            "not in strictly increasing date order: 2024-01-01 at index 1",
        ),
        (
            [(date(2024, 1, 1), 100), (date(2024, 1, 1), 101)],
            "all",
            "not in strictly increasing date order",
        ),
        (series(100, 0, 5), "all", "value 0.0 on 2024-01-02 is not a positive"),
        (series(100, 101), "2d", "'2d' is not a valid PerformancePeriod"),
    ],
    ids=["empty", "unsorted", "duplicate-date", "zero-value", "unknown-period"],
)
def test_bad_performance_input_is_refused(
    values: list[tuple[date, Any]], period: str, message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        portfolio().get_performance(values, period)


# Conversation and Message ------------------------------------------------------------


def message(at: datetime, number: int = 1, conversation: str = "c1") -> Message:
    return Message.from_dict(
        {
            "id": f"m{number}",
            "conversation_id": conversation,
            "role": "assistant" if number % 2 == 0 else "user",
            "content": f"message {number}",
            "timestamp": at.isoformat(),
        }
    )


def conversation(*messages: Message) -> Conversation:
    return Conversation.from_dict(
        {
            "id": "c1",
            "user_id": "u1",
            "title": None,
            "messages": [m.to_dict() for m in messages],
            "context": {
                "user_profile": {"name": "Ada"},
                "conversation_history": [],
                "current_topic": "stocks",
                "entities": [{"symbol": "ACME"}],
                "intent": "advice",
                "sentiment": None,
            },
            "state": {"status": "active", "current_step": None},
            "config": {"model": "m", "system_prompt": "Be brief."},
            "created_at": T0.isoformat(),
            "updated_at": T0.isoformat(),
        }
    )


def test_to_ai_format() -> None:
    assert message(T0, 2).to_ai_format() == {
        "role": "assistant",
        "content": "message 2",
    }
    assert message(T0).role is MessageRole.USER


def test_add_message_appends_and_updates_updated_at() -> None:
    chat = conversation(message(T0))
    before = datetime.now(UTC)
    chat.add_message(message(T0 + timedelta(seconds=1), 2))
    assert [m.id for m in chat.messages] == ["m1", "m2"]
    assert chat.updated_at >= before
    assert chat.updated_at.utcoffset() == timedelta(0)


def test_add_message_allows_a_tie() -> None:
    chat = conversation(message(T0))
    chat.add_message(message(T0, 2))
    assert [m.id for m in chat.messages] == ["m1", "m2"]


def test_add_message_compares_instants_not_clock_readings() -> None:
    chat = conversation(message(T0))
    # 05:00:01 at -05:00 is 10:00:01 UTC: later, although the clock reads earlier.
    later_elsewhere = T0.astimezone(timezone(timedelta(hours=-5))) + timedelta(
        seconds=1
    )
    chat.add_message(message(later_elsewhere, 2))
    assert len(chat.messages) == 2


@pytest.mark.parametrize(
    ("new", "error"),
    [
        (message(T0 - timedelta(microseconds=1), 2), "is earlier than the last"),
        (message(T0, 2, conversation="c2"), "belongs to conversation 'c2', not 'c1'"),
    ],
    ids=["earlier", "other-conversation"],
)
def test_add_message_refuses_and_changes_nothing(new: Message, error: str) -> None:
    chat = conversation(message(T0))
    with pytest.raises(ValueError, match=error):
        chat.add_message(new)
    assert [m.id for m in chat.messages] == ["m1"]
    assert chat.updated_at == T0


def test_get_context_holds_what_a_model_needs() -> None:
    chat = conversation(*(message(T0 + timedelta(minutes=i), i) for i in range(25)))
    context = chat.get_context()
    assert set(context) == {
        "user_profile",
        "history",
        "topic",
        "entities",
        "intent",
        "sentiment",
        "system_prompt",
    }
    assert len(context["history"]) == 20
    assert context["history"][0] == {"role": "user", "content": "message 5"}
    assert context["history"][-1] == {"role": "assistant", "content": "message 24"}
    assert context["topic"] == "stocks"
    assert context["entities"] == [{"symbol": "ACME"}]
    assert (context["intent"], context["sentiment"]) == ("advice", None)
    assert context["system_prompt"] == "Be brief."


@pytest.mark.parametrize(("recent", "count"), [(0, 0), (2, 2), (100, 3)])
def test_get_context_recent_history(recent: int, count: int) -> None:
    chat = conversation(*(message(T0 + timedelta(minutes=i), i) for i in range(3)))
    assert len(chat.get_context(recent)["history"]) == count


def test_behaviour_keeps_slots() -> None:
    assert not hasattr(stock("1.00"), "__dict__")
    assert not hasattr(conversation(), "__dict__")


@pytest.mark.parametrize(
    "bad", [math.nan, math.inf, Decimal("NaN"), Decimal("-Infinity")], ids=repr
)
def test_a_value_that_is_not_finite_is_refused(bad: Any) -> None:
    with pytest.raises(ValueError, match="is not a positive finite number"):
        portfolio().get_performance([*series(100, 101), (date(2024, 1, 3), bad)])


def test_one_day_on_trading_days_starts_at_the_last_trading_day() -> None:
    friday, monday = date(2024, 3, 1), date(2024, 3, 4)
    metrics = portfolio().get_performance([(friday, 100), (monday, 103)], "1d")
    assert metrics.total_return == pytest.approx(3.0)
    assert metrics.daily_return == pytest.approx(0.03)


def test_steady_growth_has_no_sharpe_ratio() -> None:
    values = series(*(100 * 1.01**day for day in range(30)))
    metrics = portfolio().get_performance(values)
    assert metrics.volatility == 0.0
    assert metrics.sharpe_ratio is None


def test_money_stays_exact_in_a_coarse_decimal_context() -> None:
    from decimal import localcontext

    held = portfolio(stock("99999999.99", purchase="0.01", quantity=2_000_000_000))
    with localcontext(prec=6):
        assert held.stocks[0].get_gain_loss() == Decimal("199999999960000000.00")
        assert held.calculate_total_value() == Decimal("199999999980000100.00")


@pytest.mark.parametrize(
    ("new", "error"),
    [
        (message(T0 + timedelta(seconds=1)), "'m1' is already in the conversation"),
        (
            Message.from_trusted_dict(
                {
                    "id": "m9",
                    "conversation_id": "c1",
                    "role": "user",
                    "content": "x",
                    "timestamp": "2024-03-01T10:00:00",
                }
            ),
            "timestamp without offset",
        ),
    ],
    ids=["duplicate-id", "naive-timestamp"],
)
def test_add_message_refuses_bad_messages(new: Message, error: str) -> None:
    chat = conversation(message(T0))
    with pytest.raises(ValueError, match=error):
        chat.add_message(new)
    assert [m.id for m in chat.messages] == ["m1"]
