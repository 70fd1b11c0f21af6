"""The Jinja2 environment: templates lay text out; Python has decided the rest."""

from __future__ import annotations

from pathlib import Path
from typing import Any


def template_root() -> Path:
    """Templates ship inside the package when installed, beside it in a checkout."""
    installed = Path(__file__).parent / "templates"
    return (
        installed if installed.is_dir() else Path(__file__).parent.parent / "templates"
    )


class Renderer:
    def __init__(self, root: Path | None = None) -> None:
        import jinja2

        self.root = root or template_root()
        self.environment = jinja2.Environment(
            loader=jinja2.FileSystemLoader(self.root),
            undefined=jinja2.StrictUndefined,
            autoescape=False,
            keep_trailing_newline=True,
            trim_blocks=True,
            lstrip_blocks=True,
        )

    def source(self, name: str) -> str:
        return (self.root / name).read_text("utf-8")

    def render_with(self, template: str, context: dict[str, str]) -> str:
        return self.render(template, **context)

    def render(self, template: str, **context: Any) -> str:
        return self.environment.get_template(template).render(**context)
