"""The pydantic peer of the validate section: the models of peers.py, with every rule
of the specs that pydantic can state.

The models section keeps peers.py as it is, because there pydantic stands against the
generated checked `from_dict`, which checks types, formats and keys but not bounds,
lengths or patterns. Here it stands against the generated validators, which check
every rule, so each model below overrides, and only overrides, the fields that gain a
rule.

What is checked, and how:

- A value that JSON Schema gives a format must first be a string of that format's
  shape (`Text`, a regular expression in pydantic-core), and only then is it
  converted: lax pydantic would also take a number of seconds as a timestamp, a
  space for the `T`, a date-time at midnight as a date, or a JSON number, an
  exponent or padding spaces as a decimal. The shapes are the generated runtime's:
  RFC 3339 with an offset and at most six fraction digits; a UUID as 36 characters
  with hyphens; the decimal strings that DECIMAL(p,s) holds. Conversion then refuses
  a day or hour that does not exist, and the bounds of the decimals (`gt`/`ge` 0)
  are checked on the Decimal.
- Integers, booleans and the temperature are strict: lax pydantic would take "5",
  "yes" or true for them.
- The order of the messages and the parent keys of nested rows (x-ordered-by and
  each stock's portfolio_id, each message's conversation_id) are model validators,
  Python run after the fields pass, as pydantic's documentation suggests.

Where it still differs from the generated validators: an email address literal in
brackets is taken whatever it holds (the generated code parses it as an IP address);
an integer written as 5.0 is refused (JSON Schema and the generated code take it);
free-form objects are `dict[str, Any]`, which takes any Python value where the
generated code takes only what JSON carries (no difference for data from
`json.loads`); and the model validators run only when every field is valid, so an
out-of-order message beside a bad field is not reported.
"""

from __future__ import annotations

import itertools
from datetime import date
from decimal import Decimal
from typing import Annotated, Any, Self

from pydantic import (
    AwareDatetime,
    Field,
    GetCoreSchemaHandler,
    StrictBool,
    model_validator,
)
from pydantic_core import CoreSchema, core_schema

from benchmarks.peers import (
    PydanticConversation,
    PydanticConversationConfig,
    PydanticMessage,
    PydanticPortfolio,
    PydanticPortfolioConfig,
    PydanticStock,
    PydanticUser,
    PydanticUserPreferences,
)


class Text:
    """Annotated metadata: the value must be a string matching `pattern` before the
    annotated type converts it. Both steps run in pydantic-core, as one chain."""

    def __init__(self, pattern: str) -> None:
        self.pattern = pattern

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        text = core_schema.str_schema(pattern=self.pattern, strict=True)
        return core_schema.chain_schema([text, handler(source)])


def decimal_shape(precision: int, scale: int) -> str:
    """The decimal strings DECIMAL(precision, scale) holds, as the generated runtime
    writes them: at most precision - scale integer digits, at most scale fraction
    digits."""
    return rf"^-?0*[0-9]{{1,{precision - scale}}}(?:\.[0-9]{{1,{scale}}})?$"


UUID = "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"
_ATOM = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+"
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
EMAIL = (
    rf'^(?:{_ATOM}(?:\.{_ATOM})*|"(?:[^"\\\r\n]|\\[^\r\n])*")'
    rf"@(?:{_LABEL}(?:\.{_LABEL})*|\[[^\]]+\])$"
)
DATETIME = (
    r"^[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt][0-9]{2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]{1,6})?"
    r"(?:[Zz]|[+-][0-9]{2}:[0-5][0-9])$"
)
DATE = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"

Uuid = Annotated[str, Field(pattern=UUID)]
Timestamp = Annotated[AwareDatetime, Text(DATETIME)]
Day = Annotated[date, Text(DATE)]
Price = Annotated[Decimal, Field(gt=0), Text(decimal_shape(10, 2))]
"""DECIMAL(10,2), positive: a price per share."""
Money = Annotated[Decimal, Field(ge=0), Text(decimal_shape(15, 2))]
"""DECIMAL(15,2), never negative: a cash balance or total value."""


Username = Annotated[
    str, Field(min_length=1, max_length=100, pattern="^[A-Za-z0-9_][A-Za-z0-9_.-]*$")
]
Symbol = Annotated[
    str, Field(min_length=1, max_length=10, pattern=r"^[A-Z][A-Z0-9.\-]{0,9}$")
]


class RulesUserPreferences(PydanticUserPreferences):
    theme: Annotated[str, Field(min_length=1, max_length=50)] = "system"
    notifications: StrictBool = True


class RulesUser(PydanticUser):
    id: Uuid
    email: Annotated[str, Field(max_length=255, pattern=EMAIL)]
    username: Username
    preferences: RulesUserPreferences
    created_at: Timestamp
    updated_at: Timestamp
    last_login: Timestamp | None


class RulesStock(PydanticStock):
    id: Uuid
    portfolio_id: Uuid
    symbol: Symbol
    company_name: Annotated[str, Field(min_length=1, max_length=255)]
    quantity: Annotated[int, Field(strict=True, gt=0, le=2_147_483_647)]
    purchase_price: Price
    current_price: Price | None
    purchase_date: Day
    sector: Annotated[str, Field(max_length=100)] | None
    industry: Annotated[str, Field(max_length=100)] | None
    created_at: Timestamp
    updated_at: Timestamp


class RulesPortfolioConfig(PydanticPortfolioConfig):
    auto_trade: StrictBool = False


class RulesPortfolio(PydanticPortfolio):
    id: Uuid
    user_id: Uuid
    name: Annotated[str, Field(min_length=1, max_length=255)]
    stocks: list[RulesStock]  # type: ignore[assignment]
    cash_balance: Money
    total_value: Money
    config: RulesPortfolioConfig
    created_at: Timestamp
    updated_at: Timestamp

    @model_validator(mode="after")
    def _stocks_belong_here(self) -> Self:
        if any(stock.portfolio_id != self.id for stock in self.stocks):
            raise ValueError("a stock's portfolio_id is not this portfolio's id")
        return self


class RulesMessage(PydanticMessage):
    id: Uuid
    conversation_id: Uuid
    timestamp: Timestamp
    content_type: Annotated[str, Field(min_length=1, max_length=50)] = "text"


class RulesConversationConfig(PydanticConversationConfig):
    model: Annotated[str, Field(min_length=1, max_length=100)]
    temperature: Annotated[float, Field(strict=True, ge=0, le=2)] = 0.7
    # Optional but not nullable, as in peers.py: a default is not validated.
    max_tokens: Annotated[int, Field(strict=True, gt=0)] = None  # type: ignore[assignment]


class RulesConversation(PydanticConversation):
    id: Uuid
    user_id: Uuid
    title: Annotated[str, Field(max_length=255)] | None
    messages: list[RulesMessage]  # type: ignore[assignment]
    config: RulesConversationConfig
    created_at: Timestamp
    updated_at: Timestamp

    @model_validator(mode="after")
    def _messages_belong_here_in_order(self) -> Self:
        if any(message.conversation_id != self.id for message in self.messages):
            raise ValueError("a message's conversation_id is not this conversation's")
        pairs = itertools.pairwise(self.messages)
        if any(later.timestamp < earlier.timestamp for earlier, later in pairs):
            raise ValueError("the messages are not in order of timestamp")
        return self


MODELS = {
    "User": RulesUser,
    "Portfolio": RulesPortfolio,
    "Conversation": RulesConversation,
}
"""Each model by the name of the record it validates."""
