"""Whole records through the real engines: a Portfolio with its stocks and a
Conversation with its messages, from the generated `to_dict`, inserted and read back
equal (exact decimals, timestamps with their instant, JSON intact)."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from dreamvault_models import Conversation, Portfolio

from generator.model import Entity, Kind, Model
from generator.pipeline import load_model
from tests.conftest import GENERATED, ROOT, SPECS
from tests.engines import Engine

MODEL: Model = load_model(SPECS, ROOT)
_JSON = (Kind.OBJECT, Kind.ARRAY, Kind.JSON, Kind.ENTITY)


U, P, S, C = (f"{n}0000000-0000-4000-8000-000000000000" for n in "1234")
M1, M2 = "50000000-0000-4000-8000-000000000001", "50000000-0000-4000-8000-000000000002"
USER_ROW = {
    "id": U,
    "email": "ada@example.com",
    "username": "ada",
    "preferences": {"theme": "dark"},
    "created_at": "2024-03-01T10:00:00Z",
    "updated_at": "2024-03-01T10:00:00Z",
    "last_login": None,
}
PORTFOLIO = {
    "id": P,
    "user_id": U,
    "name": "Main",
    "description": 'It\'s "mine"; -- all of it',
    "stocks": [
        {
            "id": S,
            "portfolio_id": P,
            "symbol": "ACME",
            "company_name": "Acme",
            "quantity": 2147483647,
            "purchase_price": "99999999.99",
            "current_price": None,
            "purchase_date": "2024-02-29",
            "sector": None,
            "industry": "Rockets",
            "created_at": "2024-03-01T10:00:00.123456-07:30",
            "updated_at": "2024-03-01T10:00:00Z",
        }
    ],
    "cash_balance": "1234567890123.45",
    "total_value": "0.01",
    "config": {"risk_tolerance": "moderate", "rebalance_frequency": "monthly"},
    "created_at": "2024-03-01T10:00:00Z",
    "updated_at": "2024-03-01T10:00:00Z",
}
MESSAGE = {
    "conversation_id": C,
    "role": "user",
    "content": "hello ☃",
    "metadata": {"nested": {"list": [1, 2.5, None, True]}},
}
CONVERSATION = {
    "id": C,
    "user_id": U,
    "title": None,
    "messages": [
        {**MESSAGE, "id": M1, "timestamp": "2024-03-01T10:00:00.250000+02:00"},
        {**MESSAGE, "id": M2, "timestamp": "2024-03-01T23:59:59Z"},
    ],
    "context": {
        "user_profile": {"name": "Ada"},
        "conversation_history": [],
        "current_topic": None,
        "entities": [],
        "intent": None,
        "sentiment": None,
    },
    "state": {"status": "active", "current_step": None},
    "config": {"model": "m", "temperature": 0.5},
    "created_at": "2024-03-01T10:00:00Z",
    "updated_at": "2024-03-01T10:00:00Z",
}


def to_column(dialect: str, kind: Kind, value: Any) -> Any:
    """A wire value as this engine's driver takes it for the generated column type."""
    if value is None:
        return None
    if kind in _JSON:
        return json.dumps(value)
    if kind is Kind.DATETIME and dialect in ("mysql", "sqlite"):
        instant = datetime.fromisoformat(value).astimezone(UTC)
        if dialect == "mysql":  # DATETIME(6) holds UTC without an offset
            return instant.replace(tzinfo=None)
        return instant.strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    return value


def to_wire(kind: Kind, value: Any, scale: int | None) -> Any:
    """A value as the engine gives it back, as wire data for `from_dict`."""
    if value is None:
        return None
    if kind in _JSON:
        return json.loads(value) if isinstance(value, str) else value
    if kind is Kind.DECIMAL:
        return f"{Decimal(value):.{scale}f}"
    if kind is Kind.DATETIME:
        if isinstance(value, str):
            return value
        aware = value if value.tzinfo else value.replace(tzinfo=UTC)
        return aware.isoformat()
    if kind is Kind.DATE and isinstance(value, date):
        return value.isoformat()
    return str(value) if kind is Kind.UUID else value


def columns(entity: Entity) -> list[tuple[str, Kind, int | None]]:
    return [
        (f.name, f.type.kind, f.type.scale)
        for f in entity.fields
        if not (f.type.kind is Kind.ARRAY and f.name in ("stocks", "messages"))
    ]


def insert(engine: Engine, entity: Entity, row: dict[str, Any]) -> None:
    names = columns(entity)
    quote = "`" if engine.dialect == "mysql" else '"'
    marks = ", ".join(
        ["%s" if engine.dialect in ("postgresql", "mysql") else "?"] * len(names)
    )
    sql = (
        f"INSERT INTO {quote}{entity.table}{quote} "
        f"({', '.join(quote + n + quote for n, _, _ in names)}) VALUES ({marks})"
    )
    values = [to_column(engine.dialect, kind, row.get(name)) for name, kind, _ in names]
    if engine.dialect == "duckdb":
        engine.connection.execute(sql, values)
    else:
        cursor = engine.connection.cursor()
        cursor.execute(sql, values)
        if engine.dialect == "sqlite":
            engine.connection.commit()


def select(engine: Engine, entity: Entity) -> list[dict[str, Any]]:
    names = columns(entity)
    quote = "`" if engine.dialect == "mysql" else '"'
    order = f"{quote}id{quote}"
    sql = (
        f"SELECT {', '.join(quote + n + quote for n, _, _ in names)} "
        f"FROM {quote}{entity.table}{quote} ORDER BY {order}"
    )
    return [
        {
            name: to_wire(kind, value, scale)
            for (name, kind, scale), value in zip(names, row, strict=True)
        }
        for row in engine.query(sql)
    ]


def test_portfolio_and_conversation_round_trip(engine: Engine) -> None:
    engine.execute_script(
        (GENERATED / "sql" / engine.dialect / "schema.sql").read_text()
    )
    insert(engine, MODEL.entity("User"), USER_ROW)
    portfolio = Portfolio.from_dict(PORTFOLIO)
    conversation = Conversation.from_dict(CONVERSATION)
    wire = portfolio.to_dict()
    insert(engine, MODEL.entity("Portfolio"), wire)
    for stock in wire["stocks"]:
        insert(engine, MODEL.entity("Stock"), stock)
    wire = conversation.to_dict()
    insert(engine, MODEL.entity("Conversation"), wire)
    for message in wire["messages"]:
        insert(engine, MODEL.entity("Message"), message)

    [portfolio_row] = select(engine, MODEL.entity("Portfolio"))
    portfolio_row["stocks"] = select(engine, MODEL.entity("Stock"))
    assert Portfolio.from_dict(portfolio_row) == portfolio
    [conversation_row] = select(engine, MODEL.entity("Conversation"))
    conversation_row["messages"] = select(engine, MODEL.entity("Message"))
    assert Conversation.from_dict(conversation_row) == conversation
