"""The hand-written baseline: slots dataclasses converted the plain, careful way.

It converts exactly what the generated models convert (decimal strings, timestamps,
dates, enums, nested objects; free-form objects passed through, the lists of the
conversation context copied) and checks nothing, so that the generated trusted path
can be held against it. Standard library only; it never imports the generated package.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any


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


@dataclass(slots=True)
class UserPreferences:
    theme: str = "system"
    notifications: bool = True
    portfolio_defaults: dict[str, Any] = field(default_factory=dict)
    ai_assistant_config: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> UserPreferences:
        return cls(
            theme=data.get("theme", "system"),
            notifications=data.get("notifications", True),
            portfolio_defaults=data.get("portfolio_defaults", {}),
            ai_assistant_config=data.get("ai_assistant_config", {}),
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
            id=data["id"],
            email=data["email"],
            username=data["username"],
            preferences=UserPreferences.from_dict(data["preferences"]),
            created_at=datetime.fromisoformat(data["created_at"]),
            updated_at=datetime.fromisoformat(data["updated_at"]),
            last_login=None
            if last_login is None
            else datetime.fromisoformat(last_login),
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
            id=data["id"],
            portfolio_id=data["portfolio_id"],
            symbol=data["symbol"],
            company_name=data["company_name"],
            quantity=data["quantity"],
            purchase_price=Decimal(data["purchase_price"]),
            current_price=None if current_price is None else Decimal(current_price),
            purchase_date=date.fromisoformat(data["purchase_date"]),
            sector=data["sector"],
            industry=data["industry"],
            created_at=datetime.fromisoformat(data["created_at"]),
            updated_at=datetime.fromisoformat(data["updated_at"]),
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
            risk_tolerance=RiskTolerance(data["risk_tolerance"]),
            rebalance_frequency=RebalanceFrequency(data["rebalance_frequency"]),
            auto_trade=data.get("auto_trade", False),
            notification_settings=data.get("notification_settings", {}),
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "risk_tolerance": self.risk_tolerance.value,
            "rebalance_frequency": self.rebalance_frequency.value,
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
            id=data["id"],
            user_id=data["user_id"],
            name=data["name"],
            description=data["description"],
            stocks=[Stock.from_dict(item) for item in data["stocks"]],
            cash_balance=Decimal(data["cash_balance"]),
            total_value=Decimal(data["total_value"]),
            config=PortfolioConfig.from_dict(data["config"]),
            created_at=datetime.fromisoformat(data["created_at"]),
            updated_at=datetime.fromisoformat(data["updated_at"]),
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
            id=data["id"],
            conversation_id=data["conversation_id"],
            role=MessageRole(data["role"]),
            content=data["content"],
            timestamp=datetime.fromisoformat(data["timestamp"]),
            content_type=data.get("content_type", "text"),
            metadata=data.get("metadata", {}),
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "conversation_id": self.conversation_id,
            "role": self.role.value,
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
            user_profile=data["user_profile"],
            conversation_history=list(data["conversation_history"]),
            current_topic=data["current_topic"],
            entities=list(data["entities"]),
            intent=data["intent"],
            sentiment=data["sentiment"],
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
            status=ConversationStatus(data["status"]),
            current_step=data["current_step"],
            variables=data.get("variables", {}),
            flags=data.get("flags", {}),
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "status": self.status.value,
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
            model=data["model"],
            temperature=data.get("temperature", 0.7),
            max_tokens=data.get("max_tokens"),
            system_prompt=data.get("system_prompt"),
        )

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"model": self.model, "temperature": self.temperature}
        if self.max_tokens is not None:
            data["max_tokens"] = self.max_tokens
        data["system_prompt"] = self.system_prompt
        return data


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
            id=data["id"],
            user_id=data["user_id"],
            title=data["title"],
            messages=[Message.from_dict(item) for item in data["messages"]],
            context=ConversationContext.from_dict(data["context"]),
            state=ConversationState.from_dict(data["state"]),
            config=ConversationConfig.from_dict(data["config"]),
            created_at=datetime.fromisoformat(data["created_at"]),
            updated_at=datetime.fromisoformat(data["updated_at"]),
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
