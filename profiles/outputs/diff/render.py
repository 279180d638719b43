"""The renderers behind one call, for the command line: text, Markdown or JSON, and the map image."""

from __future__ import annotations

from . import mapview
from .markdown import render_error, render_markdown
from .report import DiffReport, to_json
from .text import render_text

MAP_SUFFIXES = (".svg", ".png")


def render(report: DiffReport, fmt: str, site: str = "") -> str:
    if fmt == "json":
        return to_json(report, mapview.geojson(report))
    if fmt == "markdown":
        return render_markdown(report, site, mapview.geojson(report))
    return render_text(report)


def map_image(report: DiffReport, suffix: str) -> bytes:
    """The before/after map as SVG or PNG bytes (`suffix` ".svg" or ".png")."""
    return mapview.png(report, report.boundaries) if suffix == ".png" else mapview.svg(report, report.boundaries)


def error(lines: list[str], fmt: str) -> str | None:
    """What stdout says when a side is unreadable: Markdown for the job summary; None for text and JSON (stderr only)."""
    return render_error(lines) if fmt == "markdown" else None
