"""Behaviour the design document gives a Conversation."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..conversation_config import ConversationConfig
    from ..conversation_context import ConversationContext
    from ..message import Message

RECENT_MESSAGES = 20
"""How many of the latest messages `get_context` passes on by default."""


class ConversationBehaviour:
    """Methods mixed into the generated `Conversation` dataclass."""

    if TYPE_CHECKING:
        # What the dataclass defines, for the type checker. The empty __slots__ is
        # hidden from it, since it would refuse the assignments to these attributes.
        id: str
        messages: list[Message]
        context: ConversationContext
        config: ConversationConfig
        updated_at: datetime

    else:
        __slots__ = ()  # the dataclass keeps its slots: no __dict__

    def add_message(self, message: Message) -> None:
        """Append `message`, keeping the messages in chronological order.

        A message may share its timestamp with the last one (ties keep arrival order).
        Raises ValueError, changing nothing, for a message of another conversation, an
        id already present, a timestamp without offset, or one earlier than the last
        message. On success `updated_at` becomes the current UTC time, as the
        database's `x-on-update` would set it (the time of the change, which is not
        the message's own timestamp).
        """
        if message.conversation_id != self.id:
            raise ValueError(
                f"message {message.id!r} belongs to conversation "
                f"{message.conversation_id!r}, not {self.id!r}"
            )
        if message.timestamp.utcoffset() is None:
            raise ValueError(f"message {message.id!r} has a timestamp without offset")
        if any(known.id == message.id for known in self.messages):
            raise ValueError(f"message {message.id!r} is already in the conversation")
        if self.messages and message.timestamp < self.messages[-1].timestamp:
            raise ValueError(
                f"message {message.id!r} at {message.timestamp.isoformat()} is earlier "
                f"than the last message, at {self.messages[-1].timestamp.isoformat()}"
            )
        self.messages.append(message)
        self.updated_at = datetime.now(UTC)

    def get_context(self, recent: int = RECENT_MESSAGES) -> dict[str, Any]:
        """What an AI model needs to continue the conversation, JSON-ready.

        Keys: `user_profile` (dict), `history` (the last `recent` messages, oldest
        first, each `{"role", "content"}` as `Message.to_ai_format` gives it),
        `topic`, `intent` and `sentiment` (str or None), `entities` (list of dicts),
        and `system_prompt` (the configured one, or None).
        """
        history = self.messages[-recent:] if recent > 0 else []
        return {
            "user_profile": self.context.user_profile,
            "history": [message.to_ai_format() for message in history],
            "topic": self.context.current_topic,
            "entities": self.context.entities,
            "intent": self.context.intent,
            "sentiment": self.context.sentiment,
            "system_prompt": self.config.system_prompt,
        }
