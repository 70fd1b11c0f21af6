"""The documentation target: `docs/dialects.md`, where each rule is enforced.

The table is data: one row per rule, one cell per dialect, taken from the dialect's
flags where the dialects differ. A cell says what the database does; "validators" means
only the generated validators hold the rule there.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from generator.model import Kind
from generator.output import OutputFile, header_lines
from generator.render import Renderer
from generator.sql.dialects import DIALECTS, Dialect

_YES = "yes"
_VALIDATORS = "validators only"

Cell = Callable[[Dialect], str]


def _always(text: str) -> Cell:
    return lambda dialect: text


def _when(flag: Callable[[Dialect], bool], yes: str, no: str) -> Cell:
    return lambda dialect: yes if flag(dialect) else no


RULES: tuple[tuple[str, Cell], ...] = (
    ("`required` (not null)", _always("yes: NOT NULL")),
    (
        "`type` of a column",
        _when(lambda d: d.typed_columns, _YES, "no: the engine stores any type"),
    ),
    ("`enum`, enum specs", _always("yes: CHECK IN")),
    (
        "`maxLength`",
        _when(lambda d: d.length_enforced, "yes: VARCHAR(n)", "yes: CHECK on length"),
    ),
    ("`minLength`", _always("yes: CHECK on length")),
    (
        "`minimum`, `exclusiveMinimum`, `maximum`, `exclusiveMaximum`",
        _when(
            lambda d: d.decimal_as_text,
            "yes: CHECK on the number the text holds",
            "yes: CHECK",
        ),
    ),
    ("`multipleOf`", _always(_VALIDATORS)),
    ("`pattern`", _always(_VALIDATORS)),
    (
        "`format: uuid`",
        _when(lambda d: d.types.get(Kind.UUID) == "UUID", "yes: UUID", _VALIDATORS),
    ),
    ("`format: email`", _always(_VALIDATORS)),
    (
        "`format: date-time`, `date`",
        _when(
            lambda d: d.types[Kind.DATETIME] != "TEXT",
            "yes: typed column",
            "validators only (text)",
        ),
    ),
    (
        "`format: decimal` precision and scale",
        _when(
            lambda d: not d.decimal_as_text,
            "integer digits yes; extra fraction digits are rounded, not refused",
            "yes: CHECK on the text",
        ),
    ),
    ("`x-unique`, unique `x-indexes`", _always("yes: UNIQUE")),
    ("`x-references`", _always("yes: FOREIGN KEY")),
    (
        "`x-on-delete`",
        _when(lambda d: d.on_delete, _YES, "no: default rule only (DV001)"),
    ),
    ("`x-default`", _always("yes: DEFAULT ('now' is the UTC instant)")),
    (
        "`x-on-update: now`",
        _when(
            lambda d: d.on_update is not None, "yes: trigger", "no: no triggers (DV002)"
        ),
    ),
    (
        "JSON columns hold valid JSON",
        _when(lambda d: d.json_check, "yes: CHECK json_valid", "yes: JSON type"),
    ),
    ("keywords inside JSON columns", _always(_VALIDATORS)),
    (
        "updating a unique or key column of a row a foreign key references",
        _when(
            lambda d: d.on_delete,
            "allowed",
            "refused by the engine: update the children first",
        ),
    ),
    ("`x-ordered-by`, `minItems`, `maxItems`, `uniqueItems`", _always(_VALIDATORS)),
)

WARNINGS = (
    (
        "DV001",
        "An `x-on-delete` rule is not emitted: the engine has only the default rule "
        "(DuckDB). Delete children first.",
    ),
    (
        "DV002",
        "An `x-on-update` column is not refreshed: the engine has no triggers "
        "(DuckDB). Set it in each UPDATE.",
    ),
    (
        "DV003",
        "An unbounded string under a key or index gets a length of 255: the engine "
        "cannot index TEXT (MariaDB). Give it a `maxLength`.",
    ),
)


# Every way our MariaDB tables differ from the design document's own MySQL tables, and
# why. tests/test_design_document.py creates both on MariaDB, compares them through
# introspection, and fails on a difference that no entry here explains.
DESIGN_DIFFERENCES = (
    (
        "uuid",
        "`VARCHAR(36)` keys are `CHAR(36)`",
        "a UUID always has 36 characters (`format: uuid`).",
    ),
    (
        "utc",
        "`TIMESTAMP ... DEFAULT CURRENT_TIMESTAMP` is `DATETIME(6) ... DEFAULT "
        "(UTC_TIMESTAMP(6))`",
        "instants are kept in UTC with microseconds: TIMESTAMP ends in 2038 and "
        "converts through the session's time zone, and CURRENT_TIMESTAMP is local "
        "time.",
    ),
    (
        "required",
        "columns the Python model requires are `NOT NULL` (timestamps, JSON columns, "
        "money, `company_name`)",
        "where the design's SQL allowed NULL but its Python did not, the Python wins "
        "(see each spec's description).",
    ),
    (
        "cascade",
        "foreign keys are `ON DELETE CASCADE` (the design had no rule: RESTRICT)",
        "deleting a user deletes their portfolios and conversations, and those their "
        "stocks and messages.",
    ),
    (
        "enum",
        "`messages.role` is `VARCHAR(9)` with a CHECK",
        "roles are the MessageRole enum; the column is as long as its longest value.",
    ),
    (
        "default",
        "`messages.metadata` defaults to `'{}'`",
        "the spec's default: metadata is an object, empty when not given.",
    ),
    (
        "index",
        "the index on `messages.conversation_id` is on `(conversation_id, timestamp)`",
        "messages are read in chronological order per conversation; the index still "
        "leads with the foreign key.",
    ),
    (
        "checks",
        "more CHECK constraints",
        "enums, positive quantities and prices, money never negative, non-empty names "
        "(the design's validation rules, held by the database too).",
    ),
)


def emit_docs(renderer: Renderer) -> list[OutputFile]:
    dialects = list(DIALECTS.values())
    rows = [(rule, [cell(d) for d in dialects]) for rule, cell in RULES]
    source = renderer.source("docs/dialects.md.j2")
    data = source + repr(rows) + repr(WARNINGS) + repr(DESIGN_DIFFERENCES)
    digest = hashlib.sha256(data.encode()).hexdigest()
    lines = header_lines("<!--", "the dialect table of the toolkit", digest)
    text = renderer.render(
        "docs/dialects.md.j2",
        header="\n".join(f"{line} -->" for line in lines),
        names=[d.name for d in dialects],
        rows=rows,
        warnings=WARNINGS,
        differences=DESIGN_DIFFERENCES,
    )
    return [OutputFile("docs/dialects.md", text)]
