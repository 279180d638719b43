"""Cross-district views: the /compare/ page (goals by theme, industry × district matrix, directories
of enterprises, parks and projects, charts) and the /data/ downloads page.

Same escaping rules as profiles.pages: data sits in HTML blocks under Jinja autoescape; front matter
goes through `yaml_str`. The sorting/filtering script is our own static file, copied to
assets/views/ (the generator owns that folder, see generate.MANAGED); pages are complete without it.
"""

from __future__ import annotations

import re
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

from ..dataset import Dataset
from ..exports import export_counts
from ..memo import NO_MEMO, PROSE
from ..output import Outputs
from ..pages import label, md, num, quantity_text, target_text, yaml_str
from ..registry import CITY_SLUG
from . import compare, figures, matrix
from .charts import fmt
from .downloads import data_page, human_size

TEMPLATES = Path(__file__).parent / "templates"
STATIC = Path(__file__).parent / "static"
SCRIPT = "assets/views/tables.js"  # under docs/; mkdocs.yml loads it through extra_javascript


def codespans(text: str) -> Markup:
    """Field descriptions use Markdown `code`; inside an HTML block we render it ourselves, after escaping."""
    return Markup(re.sub(r"`([^`<>]+)`", r"<code>\1</code>", str(escape(text))))


_ENV = Environment(
    loader=FileSystemLoader(TEMPLATES),
    autoescape=True,
    undefined=StrictUndefined,
    keep_trailing_newline=True,
    trim_blocks=True,
    lstrip_blocks=True,
)
_ENV.filters.update(
    md=md,
    yaml_str=yaml_str,
    num=num,
    target=target_text,
    qty=quantity_text,
    label=label,
    chartnum=fmt,
    sortkey=compare.sort_key,
    filesize=human_size,
    codespans=codespans,
)


def render_compare(dataset: Dataset) -> str:
    themes = compare.goal_groups(dataset)
    goal_rows = [r for g in themes for r in g.rows]
    return _ENV.get_template("compare.md.j2").render(
        districts=compare.cap(compare.district_rows(dataset)),
        comparable=compare.comparable_targets(dataset),
        goals=compare.cap(goal_rows),
        goal_status=any(r.item.status is not None and r.item.status.value != "unknown" for r in goal_rows),
        matrix=matrix.build_matrix(dataset),
        kinds=matrix.KINDS,
        enterprises=compare.cap(compare.directory(dataset, "enterprises")),
        parks=compare.cap(compare.directory(dataset, "parks")),
        projects=compare.cap(compare.directory(dataset, "projects")),
        city_enterprises=compare.city_enterprises(dataset),
        charts=figures.compare_charts(dataset),
        city_parts=dataset.city.industrial_system.parts if dataset.city else [],
        city_name=dataset.city.name.zh if dataset.city else "",
        district_count=len(dataset.districts),
        city_slug=CITY_SLUG,
    )


def render_data_page(dataset: Dataset, paths: list[str], out: Outputs) -> str:
    names = {slug: d.name.zh for slug, d in dataset.districts.items()}
    return _ENV.get_template("data.md.j2").render(
        page=data_page(paths, out, dataset.root, export_counts(dataset), names),
        coverage=compare.cap(compare.district_rows(dataset)),
    )


def write_views(dataset: Dataset, out: Outputs, export_paths: list[str], memo=NO_MEMO) -> None:
    """Put compare/index.md, data/index.md (beside the downloads) and the table script into `out`.
    `memo` (memo.Memo) keeps /compare/ while no district changes what it shows."""
    out.put("compare/index.md", memo.whole("compare", lambda: render_compare(dataset), PROSE))
    out.put("data/index.md", render_data_page(dataset, export_paths, out))
    out.put(SCRIPT, (STATIC / "tables.js").read_bytes())
