"""The same models for the peers: pydantic v2, msgspec and mashumaro.

Each is written the way its documentation suggests, with the enums of the baseline. The
validating peers (pydantic, msgspec) refuse unknown keys, as the generated checked
`from_dict` does; mashumaro converts without checking, as its default is. pydantic also
checks what the generated checked path checks beyond types: each decimal fits its
column (`max_digits`/`decimal_places` from the spec's x-precision/x-scale: DECIMAL(10,2)
for prices, DECIMAL(15,2) for cash_balance and total_value), and `max_tokens` may be
absent but not null. msgspec has no constraint on a decimal's digits, so it checks
only that a decimal is one.

Where their output differs from the generated `to_dict` on the sample records (the
runner prints every difference before it times anything):

- pydantic and msgspec write a UTC timestamp with `Z` ("...:07.413902Z"), the
  generated code and mashumaro with `+00:00` (`isoformat()`); neither pydantic
  (`ser_json_temporal` only chooses between ISO 8601 and numbers) nor msgspec has a
  setting for it. Both are RFC 3339 and name the same instant.
- All three write a decimal with `str()`, which keeps the scale of the input
  ("67.1" stays "67.1"), where the generated code writes exactly the scale's fraction
  digits ("67.10"). The sample records carry two fraction digits, so they agree here.
- An absent `max_tokens` comes back as null from pydantic and mashumaro (neither can
  omit one unset field without omitting every null); msgspec omits it, with UNSET,
  as the generated code does. The sample conversation sets it, so they agree here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any

import msgspec
from mashumaro import DataClassDictMixin
from pydantic import BaseModel, ConfigDict, Field

from benchmarks.baseline import (
    ConversationStatus,
    MessageRole,
    RebalanceFrequency,
    RiskTolerance,
)

# pydantic v2: `model_validate(data)` and `model_dump(mode="json")`.


class _PydanticModel(BaseModel):
    model_config = ConfigDict(extra="forbid")


PydanticPrice = Annotated[Decimal, Field(max_digits=10, decimal_places=2)]
"""A price per share, DECIMAL(10,2) as the spec's x-precision and x-scale say."""
PydanticMoney = Annotated[Decimal, Field(max_digits=15, decimal_places=2)]
"""A cash balance or total value, DECIMAL(15,2)."""


class PydanticUserPreferences(_PydanticModel):
    theme: str = "system"
    notifications: bool = True
    portfolio_defaults: dict[str, Any] = Field(default_factory=dict)
    ai_assistant_config: dict[str, Any] = Field(default_factory=dict)


class PydanticUser(_PydanticModel):
    id: str
    email: str
    username: str
    preferences: PydanticUserPreferences
    created_at: datetime
    updated_at: datetime
    last_login: datetime | None


class PydanticStock(_PydanticModel):
    id: str
    portfolio_id: str
    symbol: str
    company_name: str
    quantity: int
    purchase_price: PydanticPrice
    current_price: PydanticPrice | None
    purchase_date: date
    sector: str | None
    industry: str | None
    created_at: datetime
    updated_at: datetime


class PydanticPortfolioConfig(_PydanticModel):
    risk_tolerance: RiskTolerance
    rebalance_frequency: RebalanceFrequency
    auto_trade: bool = False
    notification_settings: dict[str, Any] = Field(default_factory=dict)


class PydanticPortfolio(_PydanticModel):
    id: str
    user_id: str
    name: str
    description: str | None
    stocks: list[PydanticStock]
    cash_balance: PydanticMoney
    total_value: PydanticMoney
    config: PydanticPortfolioConfig
    created_at: datetime
    updated_at: datetime


class PydanticMessage(_PydanticModel):
    id: str
    conversation_id: str
    role: MessageRole
    content: str
    timestamp: datetime
    content_type: str = "text"
    metadata: dict[str, Any] = Field(default_factory=dict)


class PydanticConversationContext(_PydanticModel):
    user_profile: dict[str, Any]
    conversation_history: list[dict[str, Any]]
    current_topic: str | None
    entities: list[dict[str, Any]]
    intent: str | None
    sentiment: str | None


class PydanticConversationState(_PydanticModel):
    status: ConversationStatus
    current_step: str | None
    variables: dict[str, Any] = Field(default_factory=dict)
    flags: dict[str, Any] = Field(default_factory=dict)


class PydanticConversationConfig(_PydanticModel):
    model: str
    temperature: float = 0.7
    # Optional but not nullable: pydantic does not validate a default, so an absent
    # key gives None while an explicit null is refused as not an integer. (pydantic
    # 2.12+ could say it exactly with its MISSING sentinel, which model_dump also
    # omits, but the bench extras allow pydantic 2.7.)
    max_tokens: int = None  # type: ignore[assignment]
    system_prompt: str | None = None


class PydanticConversation(_PydanticModel):
    id: str
    user_id: str
    title: str | None
    messages: list[PydanticMessage]
    context: PydanticConversationContext
    state: PydanticConversationState
    config: PydanticConversationConfig
    created_at: datetime
    updated_at: datetime


# msgspec: `msgspec.convert(data, type=...)` and `msgspec.to_builtins(obj)`.


class _MsgspecStruct(msgspec.Struct, forbid_unknown_fields=True):
    pass


class MsgspecUserPreferences(_MsgspecStruct):
    theme: str = "system"
    notifications: bool = True
    portfolio_defaults: dict[str, Any] = msgspec.field(default_factory=dict)
    ai_assistant_config: dict[str, Any] = msgspec.field(default_factory=dict)


class MsgspecUser(_MsgspecStruct):
    id: str
    email: str
    username: str
    preferences: MsgspecUserPreferences
    created_at: datetime
    updated_at: datetime
    last_login: datetime | None


class MsgspecStock(_MsgspecStruct):
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


class MsgspecPortfolioConfig(_MsgspecStruct):
    risk_tolerance: RiskTolerance
    rebalance_frequency: RebalanceFrequency
    auto_trade: bool = False
    notification_settings: dict[str, Any] = msgspec.field(default_factory=dict)


class MsgspecPortfolio(_MsgspecStruct):
    id: str
    user_id: str
    name: str
    description: str | None
    stocks: list[MsgspecStock]
    cash_balance: Decimal
    total_value: Decimal
    config: MsgspecPortfolioConfig
    created_at: datetime
    updated_at: datetime


class MsgspecMessage(_MsgspecStruct):
    id: str
    conversation_id: str
    role: MessageRole
    content: str
    timestamp: datetime
    content_type: str = "text"
    metadata: dict[str, Any] = msgspec.field(default_factory=dict)


class MsgspecConversationContext(_MsgspecStruct):
    user_profile: dict[str, Any]
    conversation_history: list[dict[str, Any]]
    current_topic: str | None
    entities: list[dict[str, Any]]
    intent: str | None
    sentiment: str | None


class MsgspecConversationState(_MsgspecStruct):
    status: ConversationStatus
    current_step: str | None
    variables: dict[str, Any] = msgspec.field(default_factory=dict)
    flags: dict[str, Any] = msgspec.field(default_factory=dict)


class MsgspecConversationConfig(_MsgspecStruct):
    model: str
    temperature: float = 0.7
    max_tokens: int | msgspec.UnsetType = msgspec.UNSET
    system_prompt: str | None = None


class MsgspecConversation(_MsgspecStruct):
    id: str
    user_id: str
    title: str | None
    messages: list[MsgspecMessage]
    context: MsgspecConversationContext
    state: MsgspecConversationState
    config: MsgspecConversationConfig
    created_at: datetime
    updated_at: datetime


# mashumaro: slots dataclasses with `from_dict(data)` and `to_dict()` compiled by
# DataClassDictMixin.


@dataclass(slots=True)
class MashumaroUserPreferences(DataClassDictMixin):
    theme: str = "system"
    notifications: bool = True
    portfolio_defaults: dict[str, Any] = field(default_factory=dict)
    ai_assistant_config: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class MashumaroUser(DataClassDictMixin):
    id: str
    email: str
    username: str
    preferences: MashumaroUserPreferences
    created_at: datetime
    updated_at: datetime
    last_login: datetime | None


@dataclass(slots=True)
class MashumaroStock(DataClassDictMixin):
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


@dataclass(slots=True)
class MashumaroPortfolioConfig(DataClassDictMixin):
    risk_tolerance: RiskTolerance
    rebalance_frequency: RebalanceFrequency
    auto_trade: bool = False
    notification_settings: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class MashumaroPortfolio(DataClassDictMixin):
    id: str
    user_id: str
    name: str
    description: str | None
    stocks: list[MashumaroStock]
    cash_balance: Decimal
    total_value: Decimal
    config: MashumaroPortfolioConfig
    created_at: datetime
    updated_at: datetime


@dataclass(slots=True)
class MashumaroMessage(DataClassDictMixin):
    id: str
    conversation_id: str
    role: MessageRole
    content: str
    timestamp: datetime
    content_type: str = "text"
    metadata: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class MashumaroConversationContext(DataClassDictMixin):
    user_profile: dict[str, Any]
    conversation_history: list[dict[str, Any]]
    current_topic: str | None
    entities: list[dict[str, Any]]
    intent: str | None
    sentiment: str | None


@dataclass(slots=True)
class MashumaroConversationState(DataClassDictMixin):
    status: ConversationStatus
    current_step: str | None
    variables: dict[str, Any] = field(default_factory=dict)
    flags: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class MashumaroConversationConfig(DataClassDictMixin):
    model: str
    temperature: float = 0.7
    max_tokens: int | None = None
    system_prompt: str | None = None


@dataclass(slots=True)
class MashumaroConversation(DataClassDictMixin):
    id: str
    user_id: str
    title: str | None
    messages: list[MashumaroMessage]
    context: MashumaroConversationContext
    state: MashumaroConversationState
    config: MashumaroConversationConfig
    created_at: datetime
    updated_at: datetime


PYDANTIC = {
    "User": PydanticUser,
    "Portfolio": PydanticPortfolio,
    "Conversation": PydanticConversation,
}
MSGSPEC = {
    "User": MsgspecUser,
    "Portfolio": MsgspecPortfolio,
    "Conversation": MsgspecConversation,
}
MASHUMARO = {
    "User": MashumaroUser,
    "Portfolio": MashumaroPortfolio,
    "Conversation": MashumaroConversation,
}
