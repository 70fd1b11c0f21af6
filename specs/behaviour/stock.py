"""Behaviour the design document gives a Stock."""

from __future__ import annotations

from decimal import Context, Decimal, localcontext
from typing import TYPE_CHECKING

EXACT = Context(prec=100)
"""Enough digits for any DECIMAL(p, s) times any quantity: the caller's decimal
context (which may round to a few digits) never decides a money result."""


class StockBehaviour:
    """Methods mixed into the generated `Stock` dataclass."""

    if TYPE_CHECKING:
        # What the dataclass defines, for the type checker. The empty __slots__ is
        # hidden from it, since it would refuse the assignments to these attributes.
        symbol: str
        quantity: int
        purchase_price: Decimal
        current_price: Decimal | None

    else:
        __slots__ = ()  # the dataclass keeps its slots: no __dict__

    def get_gain_loss(self) -> Decimal:
        """`(current_price - purchase_price) * quantity`, exact in any decimal context.

        Raises ValueError when the stock has no current price yet (`None`): an unknown
        price has no gain or loss, and guessing one (zero, or the purchase price)
        would report a number that is not true.
        """
        if self.current_price is None:
            raise ValueError(f"stock {self.symbol!r} has no current price")
        with localcontext(EXACT):
            return (self.current_price - self.purchase_price) * self.quantity
