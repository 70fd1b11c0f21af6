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
        _when(lambda d: d.name != "sqlite", _YES, "no: SQLite stores any type"),
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
            lambda d: not d.decimal_as_text,
            "yes: typed column",
            "validators only (text)",
        ),
    ),
    (
        "`format: decimal` precision and scale",
        _when(
            lambda d: not d.decimal_as_text,
            "integer digits yes; extra fraction digits are rounded, not refused",
            "validators only (text)",
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


def emit_docs(renderer: Renderer) -> list[OutputFile]:
    dialects = list(DIALECTS.values())
    rows = [(rule, [cell(d) for d in dialects]) for rule, cell in RULES]
    source = renderer.source("docs/dialects.md.j2")
    digest = hashlib.sha256((source + repr(rows) + repr(WARNINGS)).encode()).hexdigest()
    lines = header_lines("<!--", "the dialect table of the toolkit", digest)
    text = renderer.render(
        "docs/dialects.md.j2",
        header="\n".join(f"{line} -->" for line in lines),
        names=[d.name for d in dialects],
        rows=rows,
        warnings=WARNINGS,
    )
    return [OutputFile("docs/dialects.md", text)]
