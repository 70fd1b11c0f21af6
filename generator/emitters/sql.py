"""The SQL targets: `sql/<dialect>/schema.sql` for each dialect the settings name."""

from __future__ import annotations

import hashlib
import logging

from generator.model import Entity, EnumType, Model
from generator.output import OutputFile, header_lines
from generator.render import Renderer
from generator.sql.ddl import DDLBuilder, DialectWarning
from generator.sql.dialects import DIALECTS

log = logging.getLogger(__name__)


def emit_sql(
    model: Model, dialects: tuple[str, ...], renderer: Renderer
) -> list[OutputFile]:
    """One `schema.sql` per dialect; each warning is logged once, with its code."""
    digest = _source_hash(model)
    files = []
    for name in dialects:
        builder = DDLBuilder(model, DIALECTS[name], renderer.render_with)
        tables = [
            {
                "quoted": builder.quote(t.name),
                "lines": t.lines,
                "statements": t.statements,
                "comments": t.comments,
                "suffix": t.suffix,
            }
            for t in builder.tables()
        ]
        _log_warnings(builder.warnings)
        header = "\n".join(header_lines("--", "the specs with x-table", digest))
        text = renderer.render("sql/schema.sql.j2", header=header, tables=tables)
        files.append(OutputFile(f"sql/{name}/schema.sql", text))
    return files


def _log_warnings(warnings: list[DialectWarning]) -> None:
    """One line per kind of warning and dialect, naming every column it is about."""
    grouped: dict[tuple[str, str, str], list[str]] = {}
    for w in warnings:
        grouped.setdefault((w.code, w.dialect, w.summary), []).append(w.subject)
    for (code, dialect, summary), subjects in grouped.items():
        log.warning("%s (%s): %s: %s", code, dialect, ", ".join(subjects), summary)


def _source_hash(model: Model) -> str:
    """One hash of every spec the DDL reads: the tables and the enums, in stem order.

    Value types are stored as JSON, so editing one leaves the DDL as it was."""
    tables = tuple(e for e in model.entities if e.table is not None)
    specs: tuple[Entity | EnumType, ...] = (*tables, *model.enums)
    parts = sorted(f"{spec.stem}:{spec.source_hash}" for spec in specs)
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()
