"""Our MariaDB tables against the design document's own MySQL tables, created side by
side and compared through introspection: every difference is one we chose, and
docs/dialects.md says why (generator/emitters/docs.py, DESIGN_DIFFERENCES)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from generator.emitters.docs import DESIGN_DIFFERENCES
from generator.introspect import Schema, describe
from tests.conftest import GENERATED, ROOT
from tests.engines import Engine

DESIGN_SQL = ROOT / "tests/data/design_document.sql"


def _cascade(before: Any, after: Any) -> bool:
    rules = {(k.columns, k.ref_table): k.on_delete for k in after}
    return all(rules.get((k.columns, k.ref_table)) == "CASCADE" for k in before)


# (documented choice, test of one difference: table, aspect, before, after)
REASONS: tuple[tuple[str, Callable[[str, str, Any, Any], bool]], ...] = (
    ("uuid", lambda t, a, b, c: a == "type" and (b, c) == ("VARCHAR(36)", "CHAR(36)")),
    ("utc", lambda t, a, b, c: a == "type" and (b, c) == ("TIMESTAMP", "DATETIME(6)")),
    ("utc", lambda t, a, b, c: a == "default" and c == "utc_timestamp(6)"),
    ("required", lambda t, a, b, c: a == "nullable" and (b, c) == (True, False)),
    ("cascade", lambda t, a, b, c: a == "foreign_keys" and _cascade(b, c)),
    ("enum", lambda t, a, b, c: (t, a, c) == ("messages", "type", "VARCHAR(9)")),
    ("default", lambda t, a, b, c: (t, a, c) == ("messages", "default", "'{}'")),
    ("index", lambda t, a, b, c: (t, a) == ("messages", "indexes")),
    ("checks", lambda t, a, b, c: a == "checks" and len(c) > len(b)),
)


def reason(table: str, aspect: str, before: Any, after: Any) -> str | None:
    """Which documented choice explains one difference, or None."""
    return next(
        (key for key, test in REASONS if test(table, aspect, before, after)), None
    )


def differences(design: Schema, ours: Schema) -> list[tuple[str, str, Any, Any]]:
    found = []
    for name, theirs in design.tables.items():
        mine = ours.tables[name]
        assert set(mine.columns) == set(theirs.columns), name
        for column, before in theirs.columns.items():
            after = mine.columns[column]
            for aspect in ("type", "nullable", "default"):
                if getattr(before, aspect) != getattr(after, aspect):
                    found.append(
                        (name, aspect, getattr(before, aspect), getattr(after, aspect))
                    )
        for aspect in ("primary_key", "uniques", "foreign_keys", "indexes", "checks"):
            if getattr(theirs, aspect) != getattr(mine, aspect):
                found.append(
                    (name, aspect, getattr(theirs, aspect), getattr(mine, aspect))
                )
    return found


DROP_ALL = "DROP TABLE messages, conversations, stocks, portfolios, users"


@pytest.mark.parametrize("engine", ["mysql"], indirect=["engine"])
def test_every_difference_from_the_design_document_is_chosen_and_documented(
    engine: Engine,
) -> None:
    engine.execute_script(DESIGN_SQL.read_text())
    design = describe(engine.connection, "mysql")
    engine.execute_script(DROP_ALL)
    engine.execute_script((GENERATED / "sql/mysql/schema.sql").read_text())
    ours = describe(engine.connection, "mysql")
    found = differences(design, ours)
    unexplained = [d for d in found if reason(*d) is None]
    assert unexplained == []
    used = {reason(*d) for d in found}
    documented = {key for key, _, _ in DESIGN_DIFFERENCES}
    assert used == documented
    doc = (GENERATED / "docs/dialects.md").read_text()
    assert all(what in doc for _, what, _ in DESIGN_DIFFERENCES)
