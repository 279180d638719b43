"""Cross-district views: the /compare/ page (goals by theme, industry × district matrix, directories
of enterprises, parks and projects, charts) and the /data/ downloads page.

Same escaping rules as profiles.pages: data sits in HTML blocks under Jinja autoescape; front matter
goes through `yaml_str`. The sorting/filtering script is our own static file, copied to
assets/views/ (the generator owns that folder, see generate.MANAGED); pages are complete without it.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path

from ..dataset import Dataset
from ..exports import export_counts
from ..output import Outputs
from ..registry import CITY_SLUG
from ..rendering import Inputs, Output
from ..templating import environment
from . import compare, figures, matrix
from .downloads import DataPage, data_page

TEMPLATES = Path(__file__).parent / "templates"
STATIC = Path(__file__).parent / "static"
SCRIPT = "assets/views/tables.js"  # under docs/; mkdocs.yml loads it through extra_javascript


@dataclass(frozen=True)
class ComparePage:
    """What /compare/ shows: the tables and charts, computed from the data (rows carry the items)."""

    goals: compare.Shown
    matrix: matrix.Matrix
    enterprises: compare.Shown
    parks: compare.Shown
    projects: compare.Shown
    city_enterprises: tuple
    charts: dict
    city_parts: tuple[str, ...]
    city_name: str
    district_count: int


def compare_page(dataset: Dataset) -> ComparePage:
    themes = compare.goal_groups(dataset)
    return ComparePage(
        goals=compare.cap([r for g in themes for r in g.rows]),
        matrix=matrix.build_matrix(dataset),
        enterprises=compare.cap(compare.directory(dataset, "enterprises")),
        parks=compare.cap(compare.directory(dataset, "parks")),
        projects=compare.cap(compare.directory(dataset, "projects")),
        city_enterprises=tuple(compare.city_enterprises(dataset)),
        charts=figures.compare_charts(dataset, themes),
        city_parts=tuple(dataset.city.industrial_system.parts) if dataset.city else (),
        city_name=dataset.city.name.zh if dataset.city else "",
        district_count=len(dataset.districts),
    )


def render_compare_page(view: ComparePage, inputs=None) -> str:
    fields = {f.name: getattr(view, f.name) for f in dataclasses.fields(view)}
    fields["city_enterprises"] = list(view.city_enterprises)
    fields["city_parts"] = list(view.city_parts)
    template = environment(TEMPLATES).get_template("compare.md.j2")
    return template.render(**fields, kinds=matrix.KINDS, city_slug=CITY_SLUG)


def render_compare(dataset: Dataset) -> str:
    return render_compare_page(compare_page(dataset))


def render_data_page(page: DataPage, inputs=None) -> str:
    return environment(TEMPLATES).get_template("data.md.j2").render(page=page)


def _data_page(inputs: Inputs) -> DataPage:
    paths = list(inputs.results["download"])
    return data_page(paths, inputs.out, inputs.dataset.root, export_counts(inputs.dataset))


SOURCES = (Path(__file__).resolve().parent, Path(__file__).resolve().parent.parent / "templating.py")
COMPARE = Output("compare", lambda i: [("compare/index.md", compare_page(i.dataset))], render_compare_page, SOURCES)
DATA_PAGE = Output("data-page", lambda i: [("data/index.md", _data_page(i))], render_data_page, SOURCES)


def copy_assets(out: Outputs) -> list[str]:
    """The sorting/filtering script, copied as it is."""
    return [out.put(SCRIPT, (STATIC / "tables.js").read_bytes())]
