"""Behaviour the design document gives a Message."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..message_role import MessageRole


class MessageBehaviour:
    """Methods mixed into the generated `Message` dataclass."""

    if TYPE_CHECKING:
        # What the dataclass defines, for the type checker. The empty __slots__ is
        # hidden from it, since it would refuse the assignments to these attributes.
        role: MessageRole
        content: str

    else:
        __slots__ = ()  # the dataclass keeps its slots: no __dict__

    def to_ai_format(self) -> dict[str, str]:
        """The message as chat-completion APIs take it: `{"role": ..., "content": ...}`.

        The role is the wire value (`"user"`, `"assistant"` or `"system"`).
        """
        return {"role": self.role.value, "content": self.content}
