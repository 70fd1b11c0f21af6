"""The SQL text itself, without an engine: names, quoting, order (tables of cases)."""

from __future__ import annotations

import pytest
import sqlglot
from sqlglot import exp

from generator.pipeline import load_model
from generator.sql.ddl import MAX_NAME, DDLBuilder, constraint_name, key_order
from generator.sql.dialects import DIALECTS
from tests.conftest import ROOT, SPECS

MODEL = load_model(SPECS, ROOT)
SQLGLOT = {
    "postgresql": "postgres",
    "mysql": "mysql",
    "sqlite": "sqlite",
    "duckdb": "duckdb",
}
TEXTS = ["plain", "it's", "back\\slash", "both ' and \\", "-- x; DROP TABLE t", "☃", ""]


@pytest.mark.parametrize("dialect", sorted(DIALECTS))
@pytest.mark.parametrize("text", TEXTS, ids=repr)
def test_literals_read_back_as_the_text_sqlglot_reads(dialect: str, text: str) -> None:
    """sqlglot is the oracle: parsing our literal gives back exactly the text."""
    literal = DDLBuilder(MODEL, DIALECTS[dialect], lambda t, c: "").literal(text)
    parsed = sqlglot.parse_one(f"SELECT {literal}", read=SQLGLOT[dialect])
    [value] = parsed.find_all(exp.Literal)
    assert value.this == text


@pytest.mark.parametrize("dialect", sorted(DIALECTS))
def test_identifiers_are_quoted_as_sqlglot_quotes_them(dialect: str) -> None:
    builder = DDLBuilder(MODEL, DIALECTS[dialect], lambda t, c: "")
    for name in ("order", "timestamp", "users", "_x1"):
        expected = exp.to_identifier(name, quoted=True).sql(dialect=SQLGLOT[dialect])
        assert builder.quote(name) == expected


@pytest.mark.parametrize(
    ("parts", "expected"),
    [
        (("pk", "users"), "pk_users"),
        (("fk", "stocks", "portfolio_id"), "fk_stocks_portfolio_id"),
        (("ck", "t" * 40, "c" * 40, "max_length"), None),
    ],
    ids=["short", "fk", "long"],
)
def test_constraint_names_are_deterministic_and_short(
    parts: tuple[str, ...], expected: str | None
) -> None:
    name = constraint_name(*parts)
    assert len(name) <= MAX_NAME
    assert name == constraint_name(*parts)
    if expected is not None:
        assert name == expected
    else:
        assert name != constraint_name(parts[0], parts[1], parts[2], "min_length")


def test_tables_come_after_the_tables_they_reference() -> None:
    order = [entity.table for entity in key_order(MODEL)]
    assert order.index("users") < order.index("portfolios") < order.index("stocks")
    assert order.index("conversations") < order.index("messages")
