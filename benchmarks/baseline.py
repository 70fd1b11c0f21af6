"""The hand-written baseline: slots dataclasses converted the fast, careful way.

It converts exactly what the generated models convert (decimal strings, timestamps,
dates, enums, nested objects; free-form objects passed through, the lists of the
conversation context copied) and checks nothing, so that the generated trusted path
can be held against it. Standard library only; it never imports the generated package.

It is written the way a careful programmer who cares about speed would write it by
hand, so that it is a fair measuring stick: a slow baseline would flatter the generated
code and every peer alike. So `from_dict` passes the fields by position in declaration
order, looks enum members up in a value->member dict built once at import (calling the
enum class is several times slower), calls `datetime.fromisoformat` and
`date.fromisoformat` through names bound once at import and `Decimal(s)` directly, and
builds a list of nested rows with `map`; `to_dict` reads an enum's `_value_` rather
than the `.value` property, and writes decimals with `f"{d:.2f}"` and timestamps with
`isoformat()`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any, Final

_parse_datetime: Final = datetime.fromisoformat
_parse_date: Final = date.fromisoformat


class RiskTolerance(Enum):
    CONSERVATIVE = "conservative"
    MODERATE = "moderate"
    AGGRESSIVE = "aggressive"


class RebalanceFrequency(Enum):
    DAILY = "daily"
    WEEKLY = "weekly"
    MONTHLY = "monthly"


class MessageRole(Enum):
    USER = "user"
    ASSISTANT = "assistant"
    SYSTEM = "system"


class ConversationStatus(Enum):
    ACTIVE = "active"
    PAUSED = "paused"
    COMPLETED = "completed"


_RISK_TOLERANCE: Final = {m.value: m for m in RiskTolerance}
_REBALANCE_FREQUENCY: Final = {m.value: m for m in RebalanceFrequency}
_MESSAGE_ROLE: Final = {m.value: m for m in MessageRole}
_CONVERSATION_STATUS: Final = {m.value: m for m in ConversationStatus}
"""Each enum's members by wire value: a dict lookup is faster than `Enum(value)`."""


@dataclass(slots=True)
class UserPreferences:
    theme: str = "system"
    notifications: bool = True
    portfolio_defaults: dict[str, Any] = field(default_factory=dict)
    ai_assistant_config: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> UserPreferences:
        return cls(
            data.get("theme", "system"),
            data.get("notifications", True),
            data.get("portfolio_defaults", {}),
            data.get("ai_assistant_config", {}),
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "theme": self.theme,
            "notifications": self.notifications,
            "portfolio_defaults": self.portfolio_defaults,
            "ai_assistant_config": self.ai_assistant_config,
        }


@dataclass(slots=True)
class User:
    id: str
    email: str
    username: str
    preferences: UserPreferences
    created_at: datetime
    updated_at: datetime
    last_login: datetime | None

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> User:
        last_login = data["last_login"]
        return cls(
            data["id"],
            data["email"],
            data["username"],
            UserPreferences.from_dict(data["preferences"]),
            _parse_datetime(data["created_at"]),
            _parse_datetime(data["updated_at"]),
            None if last_login is None else _parse_datetime(last_login),
        )

    def to_dict(self) -> dict[str, Any]:
        last_login = self.last_login
        return {
            "id": self.id,
            "email": self.email,
            "username": self.username,
            "preferences": self.preferences.to_dict(),
            "created_at": self.created_at.isoformat(),
            "updated_at": self.updated_at.isoformat(),
            "last_login": None if last_login is None else last_login.isoformat(),
        }


@dataclass(slots=True)
class Stock:
    id: str
    portfolio_id: str
    symbol: str
    company_name: str
    quantity: int
    purchase_price: Decimal
    current_price: Decimal | None
    purchase_date: date
    sector: str | None
    industry: str | None
    created_at: datetime
    updated_at: datetime

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Stock:
        current_price = data["current_price"]
        return cls(
            data["id"],
            data["portfolio_id"],
            data["symbol"],
            data["company_name"],
            data["quantity"],
            Decimal(data["purchase_price"]),
            None if current_price is None else Decimal(current_price),
            _parse_date(data["purchase_date"]),
            data["sector"],
            data["industry"],
            _parse_datetime(data["created_at"]),
            _parse_datetime(data["updated_at"]),
        )

    def to_dict(self) -> dict[str, Any]:
        current_price = self.current_price
        return {
            "id": self.id,
            "portfolio_id": self.portfolio_id,
            "symbol": self.symbol,
            "company_name": self.company_name,
            "quantity": self.quantity,
            "purchase_price": f"{self.purchase_price:.2f}",
            "current_price": None if current_price is None else f"{current_price:.2f}",
            "purchase_date": self.purchase_date.isoformat(),
            "sector": self.sector,
            "industry": self.industry,
            "created_at": self.created_at.isoformat(),
            "updated_at": self.updated_at.isoformat(),
        }


@dataclass(slots=True)
class PortfolioConfig:
    risk_tolerance: RiskTolerance
    rebalance_frequency: RebalanceFrequency
    auto_trade: bool = False
    notification_settings: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> PortfolioConfig:
        return cls(
            _RISK_TOLERANCE[data["risk_tolerance"]],
            _REBALANCE_FREQUENCY[data["rebalance_frequency"]],
            data.get("auto_trade", False),
            data.get("notification_settings", {}),
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "risk_tolerance": self.risk_tolerance._value_,
            "rebalance_frequency": self.rebalance_frequency._value_,
            "auto_trade": self.auto_trade,
            "notification_settings": self.notification_settings,
        }


@dataclass(slots=True)
class Portfolio:
    id: str
    user_id: str
    name: str
    description: str | None
    stocks: list[Stock]
    cash_balance: Decimal
    total_value: Decimal
    config: PortfolioConfig
    created_at: datetime
    updated_at: datetime

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Portfolio:
        return cls(
            data["id"],
            data["user_id"],
            data["name"],
            data["description"],
            list(map(Stock.from_dict, data["stocks"])),
            Decimal(data["cash_balance"]),
            Decimal(data["total_value"]),
            PortfolioConfig.from_dict(data["config"]),
            _parse_datetime(data["created_at"]),
            _parse_datetime(data["updated_at"]),
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "user_id": self.user_id,
            "name": self.name,
            "description": self.description,
            "stocks": [stock.to_dict() for stock in self.stocks],
            "cash_balance": f"{self.cash_balance:.2f}",
            "total_value": f"{self.total_value:.2f}",
            "config": self.config.to_dict(),
            "created_at": self.created_at.isoformat(),
            "updated_at": self.updated_at.isoformat(),
        }


@dataclass(slots=True)
class Message:
    id: str
    conversation_id: str
    role: MessageRole
    content: str
    timestamp: datetime
    content_type: str = "text"
    metadata: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Message:
        return cls(
            data["id"],
            data["conversation_id"],
            _MESSAGE_ROLE[data["role"]],
            data["content"],
            _parse_datetime(data["timestamp"]),
            data.get("content_type", "text"),
            data.get("metadata", {}),
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "conversation_id": self.conversation_id,
            "role": self.role._value_,
            "content": self.content,
            "content_type": self.content_type,
            "metadata": self.metadata,
            "timestamp": self.timestamp.isoformat(),
        }


@dataclass(slots=True)
class ConversationContext:
    user_profile: dict[str, Any]
    conversation_history: list[dict[str, Any]]
    current_topic: str | None
    entities: list[dict[str, Any]]
    intent: str | None
    sentiment: str | None

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ConversationContext:
        # The lists are copied, as the generated models copy them.
        return cls(
            data["user_profile"],
            list(data["conversation_history"]),
            data["current_topic"],
            list(data["entities"]),
            data["intent"],
            data["sentiment"],
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "user_profile": self.user_profile,
            "conversation_history": list(self.conversation_history),
            "current_topic": self.current_topic,
            "entities": list(self.entities),
            "intent": self.intent,
            "sentiment": self.sentiment,
        }


@dataclass(slots=True)
class ConversationState:
    status: ConversationStatus
    current_step: str | None
    variables: dict[str, Any] = field(default_factory=dict)
    flags: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ConversationState:
        return cls(
            _CONVERSATION_STATUS[data["status"]],
            data["current_step"],
            data.get("variables", {}),
            data.get("flags", {}),
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "status": self.status._value_,
            "current_step": self.current_step,
            "variables": self.variables,
            "flags": self.flags,
        }


@dataclass(slots=True)
class ConversationConfig:
    model: str
    temperature: float = 0.7
    max_tokens: int | None = None
    """None stands for an absent key: the wire form has no null max_tokens."""
    system_prompt: str | None = None

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ConversationConfig:
        return cls(
            data["model"],
            data.get("temperature", 0.7),
            data.get("max_tokens"),
            data.get("system_prompt"),
        )

    def to_dict(self) -> dict[str, Any]:
        max_tokens = self.max_tokens
        if max_tokens is None:
            return {
                "model": self.model,
                "temperature": self.temperature,
                "system_prompt": self.system_prompt,
            }
        return {
            "model": self.model,
            "temperature": self.temperature,
            "max_tokens": max_tokens,
            "system_prompt": self.system_prompt,
        }


@dataclass(slots=True)
class Conversation:
    id: str
    user_id: str
    title: str | None
    messages: list[Message]
    context: ConversationContext
    state: ConversationState
    config: ConversationConfig
    created_at: datetime
    updated_at: datetime

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Conversation:
        return cls(
            data["id"],
            data["user_id"],
            data["title"],
            list(map(Message.from_dict, data["messages"])),
            ConversationContext.from_dict(data["context"]),
            ConversationState.from_dict(data["state"]),
            ConversationConfig.from_dict(data["config"]),
            _parse_datetime(data["created_at"]),
            _parse_datetime(data["updated_at"]),
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "user_id": self.user_id,
            "title": self.title,
            "messages": [message.to_dict() for message in self.messages],
            "context": self.context.to_dict(),
            "state": self.state.to_dict(),
            "config": self.config.to_dict(),
            "created_at": self.created_at.isoformat(),
            "updated_at": self.updated_at.isoformat(),
        }
