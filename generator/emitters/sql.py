"""The SQL targets: `sql/<dialect>/schema.sql` for each dialect the settings name."""

from __future__ import annotations

import hashlib

from generator.model import Entity, EnumType, Model
from generator.output import OutputFile, header_lines
from generator.render import Renderer
from generator.sql.ddl import DDLBuilder
from generator.sql.dialects import DIALECTS


def emit_sql(
    model: Model, dialects: tuple[str, ...], renderer: Renderer
) -> list[OutputFile]:
    digest = _source_hash(model)
    files = []
    for name in dialects:
        builder = DDLBuilder(model, DIALECTS[name])
        tables = [
            {"quoted": builder.quote(t.name), "lines": t.lines, "indexes": t.indexes}
            for t in builder.tables()
        ]
        header = "\n".join(header_lines("--", "the specs with x-table", digest))
        text = renderer.render("sql/schema.sql.j2", header=header, tables=tables)
        files.append(OutputFile(f"sql/{name}/schema.sql", text))
    return files


def _source_hash(model: Model) -> str:
    """One hash of every spec the DDL reads: the tables and the enums, in stem order.

    Value types are stored as JSON, so editing one leaves the DDL as it was."""
    tables = tuple(e for e in model.entities if e.table is not None)
    specs: tuple[Entity | EnumType, ...] = (*tables, *model.enums)
    parts = sorted(f"{spec.stem}:{spec.source_hash}" for spec in specs)
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()
