"""Sample wire records: one User, a Portfolio of 20 stocks, a Conversation of 50
messages; and a Portfolio with five errors, for the validators to collect.

They are built from a seeded generator, so every run times the same data. Timestamps
carry offsets and microseconds and are written by `isoformat()`, decimals carry two
fraction digits, and some nullable values are null, so that each record is exactly what
the generated `to_dict` writes.
"""

from __future__ import annotations

import copy
import random
import uuid
from collections.abc import Mapping
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

Record = dict[str, Any]

SEED = 20240315
STOCK_COUNT = 20
MESSAGE_COUNT = 50

_NAMESPACE = uuid.UUID("6f1c2a6e-0d8b-4c39-9a57-3f0e6b1d2c44")
_NEW_YORK = timezone(timedelta(hours=-5))
_BERLIN = timezone(timedelta(hours=1))
_CREATED = datetime(2023, 2, 14, 8, 21, 7, 413_902, tzinfo=UTC)

# Symbol, company, sector, industry; the funds have no sector or industry.
_HOLDINGS = (
    ("AAPL", "Apple Inc.", "Technology", "Consumer Electronics"),
    ("MSFT", "Microsoft Corporation", "Technology", "Software"),
    ("GOOGL", "Alphabet Inc.", "Communication Services", "Internet Content"),
    ("AMZN", "Amazon.com, Inc.", "Consumer Cyclical", "Internet Retail"),
    ("NVDA", "NVIDIA Corporation", "Technology", "Semiconductors"),
    ("BRK.B", "Berkshire Hathaway Inc.", "Financial Services", "Insurance"),
    ("JPM", "JPMorgan Chase & Co.", "Financial Services", "Banks"),
    ("JNJ", "Johnson & Johnson", "Healthcare", "Drug Manufacturers"),
    ("V", "Visa Inc.", "Financial Services", "Credit Services"),
    ("PG", "The Procter & Gamble Company", "Consumer Defensive", "Household"),
    ("XOM", "Exxon Mobil Corporation", "Energy", "Oil & Gas Integrated"),
    ("UNH", "UnitedHealth Group Incorporated", "Healthcare", "Healthcare Plans"),
    ("HD", "The Home Depot, Inc.", "Consumer Cyclical", "Home Improvement"),
    ("KO", "The Coca-Cola Company", "Consumer Defensive", "Beverages"),
    ("PEP", "PepsiCo, Inc.", "Consumer Defensive", "Beverages"),
    ("COST", "Costco Wholesale Corporation", "Consumer Defensive", "Discount Stores"),
    ("DIS", "The Walt Disney Company", "Communication Services", "Entertainment"),
    ("NFLX", "Netflix, Inc.", "Communication Services", "Entertainment"),
    ("VTI", "Vanguard Total Stock Market ETF", None, None),
    ("SPY", "SPDR S&P 500 ETF Trust", None, None),
)
_UNQUOTED = frozenset({"BRK.B", "VTI"})
"""Holdings without a current quote: their current_price is null."""

_QUESTIONS = (
    "How is my portfolio doing this month compared with the S&P 500?",
    "Should I rebalance now that tech is over 40% of my holdings?",
    "What would happen to my risk if I sold half of my NVDA position?",
    "Can you explain the difference between my cash balance and total value?",
    "Which of my holdings paid dividends last quarter?",
)
_ANSWERS = (
    "Your portfolio returned 3.2% this month against 2.7% for the S&P 500; most of "
    "the difference comes from your semiconductor and software positions.",
    "Technology is 43.5% of your holdings against a 30% target for a moderate "
    "profile. Selling about 4,100 USD of AAPL and MSFT and buying VTI would bring "
    "it back within your band; shall I draft the trades?",
    "Selling half of NVDA lowers the portfolio's annualised volatility from 18.9% to "
    "16.2% and its beta from 1.21 to 1.08, at the cost of about 2,300 USD of "
    "realised gains this tax year.",
    "Cash balance is money not invested; total value adds the market value of every "
    "holding at its latest price.",
    "JNJ, KO, PEP, PG and XOM paid dividends last quarter, 184.20 USD in total.",
)


def _uuid(name: str) -> str:
    return str(uuid.uuid5(_NAMESPACE, name))


def _money(cents: int) -> str:
    return f"{cents // 100}.{cents % 100:02d}"


def _later(start: datetime, rng: random.Random, max_seconds: int) -> datetime:
    """A moment after `start`, with microseconds, at most `max_seconds` later."""
    return start + timedelta(
        seconds=rng.randint(1, max_seconds), microseconds=rng.randint(1, 999_999)
    )


def user_record() -> Record:
    return {
        "id": _uuid("user"),
        "email": "ada.lovelace@example.com",
        "username": "ada_lovelace",
        "preferences": {
            "theme": "dark",
            "notifications": True,
            "portfolio_defaults": {"currency": "USD", "risk_tolerance": "moderate"},
            "ai_assistant_config": {"tone": "concise", "explain_jargon": True},
        },
        "created_at": _CREATED.isoformat(),
        "updated_at": datetime(2024, 3, 1, 17, 2, 44, 90_311, tzinfo=UTC).isoformat(),
        "last_login": datetime(
            2024, 3, 15, 9, 28, 51, 702_118, tzinfo=_BERLIN
        ).isoformat(),
    }


def _stock(index: int, portfolio_id: str, rng: random.Random) -> Record:
    symbol, company, sector, industry = _HOLDINGS[index]
    bought = date(2021, 1, 4) + timedelta(days=rng.randint(0, 900))
    created = datetime(bought.year, bought.month, bought.day, 14, 30, tzinfo=UTC)
    created = _later(created, rng, 3600)
    price = rng.randint(2_500, 90_000)
    quote = None if symbol in _UNQUOTED else price * rng.randint(70, 160) // 100
    return {
        "id": _uuid(f"stock-{index}"),
        "portfolio_id": portfolio_id,
        "symbol": symbol,
        "company_name": company,
        "quantity": rng.randint(1, 400),
        "purchase_price": _money(price),
        "current_price": None if quote is None else _money(quote),
        "purchase_date": bought.isoformat(),
        "sector": sector,
        "industry": industry,
        "created_at": created.isoformat(),
        "updated_at": _later(created, rng, 86_400 * 400).isoformat(),
    }


def _total_cents(cash: int, stocks: list[Record]) -> int:
    """Cash plus every holding at its latest price (the purchase price if unquoted)."""
    total = cash
    for stock in stocks:
        price = stock["current_price"] or stock["purchase_price"]
        total += int(price.replace(".", "")) * stock["quantity"]
    return total


def portfolio_record() -> Record:
    rng = random.Random(SEED)
    portfolio_id = _uuid("portfolio")
    stocks = [_stock(index, portfolio_id, rng) for index in range(STOCK_COUNT)]
    cash = 1_250_037
    return {
        "id": portfolio_id,
        "user_id": _uuid("user"),
        "name": "Long-term growth",
        "description": "Core holdings for retirement, rebalanced monthly.",
        "stocks": stocks,
        "cash_balance": _money(cash),
        "total_value": _money(_total_cents(cash, stocks)),
        "config": {
            "risk_tolerance": "moderate",
            "rebalance_frequency": "monthly",
            "auto_trade": False,
            "notification_settings": {"price_alerts": True, "threshold_percent": 5},
        },
        "created_at": _CREATED.isoformat(),
        "updated_at": datetime(2024, 3, 15, 8, 0, 3, 5_020, tzinfo=UTC).isoformat(),
    }


_SYSTEM_PROMPT = (
    "You are DreamVault's portfolio assistant. Answer from the user's holdings, "
    "state figures with their units, and never place a trade without confirmation."
)


def _message_body(index: int, rng: random.Random) -> tuple[str, str, Record]:
    """Role, content and metadata of the message at `index`: a system prompt, then
    questions and answers in turn."""
    if index == 0:
        return "system", _SYSTEM_PROMPT, {}
    if index % 2:
        metadata = {"client": "ios", "app_version": "4.12.0", "locale": "en-GB"}
        return "user", _QUESTIONS[index // 2 % len(_QUESTIONS)], metadata
    metadata = {
        "model": "gpt-4o-2024-08-06",
        "prompt_tokens": rng.randint(400, 3_000),
        "completion_tokens": rng.randint(40, 400),
        "latency_ms": rng.randint(300, 4_000),
        "finish_reason": "stop",
    }
    return "assistant", _ANSWERS[index // 2 % len(_ANSWERS)], metadata


def _messages(
    conversation_id: str, start: datetime, rng: random.Random
) -> list[Record]:
    messages = []
    moment = start
    for index in range(MESSAGE_COUNT):
        role, content, metadata = _message_body(index, rng)
        moment = _later(moment, rng, 240)
        messages.append(
            {
                "id": _uuid(f"message-{index}"),
                "conversation_id": conversation_id,
                "role": role,
                "content": content,
                "content_type": "markdown" if role == "assistant" else "text",
                "metadata": metadata,
                "timestamp": moment.isoformat(),
            }
        )
    return messages


def _context() -> Record:
    return {
        "user_profile": {
            "name": "Ada",
            "experience": "intermediate",
            "risk_tolerance": "moderate",
            "goals": ["retirement", "house deposit"],
        },
        "conversation_history": [
            {"topic": "dividends", "summary": "Listed last quarter's payers."},
            {"topic": "risk", "summary": "Compared volatility before and after."},
            {"topic": "rebalancing", "summary": "Technology is over its target."},
        ],
        "current_topic": "rebalancing",
        "entities": [
            {"type": "ticker", "value": "NVDA"},
            {"type": "ticker", "value": "VTI"},
            {"type": "amount", "value": "4100.00", "currency": "USD"},
        ],
        "intent": "rebalance_portfolio",
        "sentiment": None,
    }


def conversation_record() -> Record:
    rng = random.Random(SEED + 1)
    conversation_id = _uuid("conversation")
    start = datetime(2024, 3, 15, 9, 30, 12, 418_203, tzinfo=_BERLIN)
    messages = _messages(conversation_id, start, rng)
    last = datetime.fromisoformat(messages[-1]["timestamp"])
    return {
        "id": conversation_id,
        "user_id": _uuid("user"),
        "title": "Rebalancing after the tech rally",
        "messages": messages,
        "context": _context(),
        "state": {
            "status": "active",
            "current_step": None,
            "variables": {"portfolio_id": _uuid("portfolio"), "proposed_trades": 3},
            "flags": {"needs_confirmation": True},
        },
        "config": {
            "model": "gpt-4o-2024-08-06",
            "temperature": 0.7,
            "max_tokens": 1024,
            "system_prompt": _SYSTEM_PROMPT,
        },
        "created_at": start.astimezone(UTC).isoformat(),
        "updated_at": last.astimezone(_NEW_YORK).isoformat(),
    }


RECORDS: dict[str, Record] = {
    "User": user_record(),
    "Portfolio": portfolio_record(),
    "Conversation": conversation_record(),
}
"""Each sample record by the name of its class."""


def with_values(record: Record, changes: Mapping[str, Any]) -> Record:
    """A deep copy of `record` with the value at each JSON pointer replaced (or a key
    added, where the pointer names a new one)."""
    changed = copy.deepcopy(record)
    for pointer, value in changes.items():
        *path, last = pointer.removeprefix("/").split("/")
        target = changed
        for token in path:
            target = target[int(token) if isinstance(target, list) else token]
        target[int(last) if isinstance(target, list) else last] = value
    return changed


PORTFOLIO_ERRORS: dict[str, Any] = {
    "/stocks/2/symbol": "brk b",
    "/stocks/5/quantity": 0,
    "/stocks/11/purchase_date": "2023-02-30",
    "/cash_balance": "12.345",
    "/config/risk_tolerance": "reckless",
}
"""Five values that each break one rule, and only one, in every validator: a pattern,
an exclusive minimum, a date that does not exist, a third fraction digit for a
DECIMAL(15,2) and a value outside an enum."""

INVALID_PORTFOLIO: Record = with_values(RECORDS["Portfolio"], PORTFOLIO_ERRORS)
