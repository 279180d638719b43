"""Cross-district views: the /compare/ page (goals by theme, industry × district matrix, directories
of enterprises, parks and projects, charts) and the /data/ downloads page.

Same escaping rules as profiles.pages: data sits in HTML blocks under Jinja autoescape; front matter
goes through `yaml_str`. The sorting/filtering script is our own static file, copied to
assets/views/ (the generator owns that folder, see generate.MANAGED); pages are complete without it.
"""

from __future__ import annotations

from pathlib import Path

from ..dataset import Dataset
from ..exports import export_counts
from ..memo import NO_MEMO, PROSE
from ..output import Outputs
from ..registry import CITY_SLUG
from ..templating import environment
from . import compare, figures, matrix
from .downloads import data_page

TEMPLATES = Path(__file__).parent / "templates"
STATIC = Path(__file__).parent / "static"
SCRIPT = "assets/views/tables.js"  # under docs/; mkdocs.yml loads it through extra_javascript


def render_compare(dataset: Dataset) -> str:
    themes = compare.goal_groups(dataset)
    return (
        environment(TEMPLATES)
        .get_template("compare.md.j2")
        .render(
            goals=compare.cap([r for g in themes for r in g.rows]),
            matrix=matrix.build_matrix(dataset),
            kinds=matrix.KINDS,
            enterprises=compare.cap(compare.directory(dataset, "enterprises")),
            parks=compare.cap(compare.directory(dataset, "parks")),
            projects=compare.cap(compare.directory(dataset, "projects")),
            city_enterprises=compare.city_enterprises(dataset),
            charts=figures.compare_charts(dataset, themes),
            city_parts=dataset.city.industrial_system.parts if dataset.city else [],
            city_name=dataset.city.name.zh if dataset.city else "",
            district_count=len(dataset.districts),
            city_slug=CITY_SLUG,
        )
    )


def render_data_page(dataset: Dataset, paths: list[str], out: Outputs) -> str:
    return (
        environment(TEMPLATES)
        .get_template("data.md.j2")
        .render(page=data_page(paths, out, dataset.root, export_counts(dataset)))
    )


def write_views(dataset: Dataset, out: Outputs, export_paths: list[str], memo=NO_MEMO) -> None:
    """Put compare/index.md, data/index.md (beside the downloads) and the table script into `out`.
    `memo` (memo.Memo) keeps /compare/ while no district changes what it shows."""
    out.put("compare/index.md", memo.whole("compare", lambda: render_compare(dataset), PROSE))
    out.put("data/index.md", render_data_page(dataset, export_paths, out))
    out.put(SCRIPT, (STATIC / "tables.js").read_bytes())
