"""Cross-district views: the /compare/ page (goals by theme, industry × district matrix, directories
of enterprises, parks and projects, charts) and the /data/ downloads page.

Same escaping rules as profiles.outputs.pages: data sits in HTML blocks under Jinja autoescape; front matter
goes through `yaml_str`. The sorting/filtering script is our own static file, copied to
assets/views/ (the generator owns that folder, see generate.MANAGED); pages are complete without it.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path

from ...engine.context import BuildContext
from ...engine.output import Outputs
from ...engine.rendering import Inputs, Output
from ...engine.templating import environment
from ...facts.present import any_status_known
from ...model import CITY_SLUG
from ...model.dataset import Dataset
from ..charts import ChartView, build_chart_views, figure_html
from ..exports import export_counts
from . import compare, matrix, numbers
from .downloads import DataPage, data_page

TEMPLATES = Path(__file__).parent / "templates"
STATIC = Path(__file__).parent / "static"
SCRIPT = "assets/views/tables.js"  # under docs/; mkdocs.yml loads it through extra_javascript


@dataclass(frozen=True)
class ComparePage:
    """What /compare/ shows: the tables and charts, computed from the data (rows carry the items)."""

    districts: compare.Shown  # each district's system and roles lead the page
    comparable: tuple  # compare.Comparable: targets whose metric, unit and year match
    goals: compare.Shown
    goal_status: bool  # some goal has a known status (else no status column)
    matrix: matrix.Matrix
    enterprises: compare.Shown
    parks: compare.Shown
    projects: compare.Shown
    city_enterprises: tuple
    city_parts: tuple[str, ...]
    city_name: str
    district_count: int
    number_columns: tuple = ()  # numbers.Column: the lead indicators
    number_rows: tuple = ()  # numbers.NumberRow: each district's latest figures
    figures: tuple = ()  # charts.ChartView: the Vega-Lite charts
    lang: str = "zh"  # the edition: its fixed words (views/en.po); the data come in that edition already


def compare_page(dataset: Dataset, figures: tuple[ChartView, ...]) -> ComparePage:
    themes = compare.goal_groups(dataset)
    goal_rows = [r for g in themes for r in g.rows]
    return ComparePage(
        districts=compare.cap(compare.district_rows(dataset)),
        comparable=tuple(compare.comparable_targets(dataset)),
        goals=compare.cap(goal_rows),
        goal_status=any_status_known(r.item for r in goal_rows),
        matrix=matrix.build_matrix(dataset),
        enterprises=compare.cap(compare.directory(dataset, "enterprises")),
        parks=compare.cap(compare.directory(dataset, "parks")),
        projects=compare.cap(compare.directory(dataset, "projects")),
        city_enterprises=tuple(compare.city_enterprises(dataset)),
        city_parts=tuple(dataset.city.industrial_system.parts) if dataset.city else (),
        city_name=(dataset.city.name.en if dataset.lang == "en" else dataset.city.name.zh) if dataset.city else "",
        district_count=len(dataset.districts),
        number_columns=numbers.columns(dataset.lang),
        number_rows=numbers.rows(dataset),
        figures=figures,
        lang=dataset.lang,
    )


def render_compare_page(view: ComparePage, inputs=None) -> str:
    fields = {f.name: getattr(view, f.name) for f in dataclasses.fields(view)}
    fields["city_enterprises"] = list(view.city_enterprises)
    fields["city_parts"] = list(view.city_parts)
    template = environment(TEMPLATES).get_template("compare.md.j2")
    return template.render(
        **fields,
        legend=matrix.legend(view.lang),
        city_slug=CITY_SLUG,
        figure_html=figure_html,
        numbers_html=numbers.table_html,
    )


@dataclass(frozen=True)
class DataView:
    """/data/: the files, and each district's coverage (computed once, by profiles.facts.headline)."""

    page: DataPage
    coverage: compare.Shown
    lang: str = "zh"  # the edition (the files it lists are the same in both)


def render_data_page(view: DataView, inputs=None) -> str:
    template = environment(TEMPLATES).get_template("data.md.j2")
    return template.render(page=view.page, coverage=view.coverage, lang=view.lang, up=BuildContext(lang=view.lang).up)


def _data_page(inputs: Inputs) -> DataView:
    paths = list(inputs.results["download"])
    dataset = inputs.dataset
    names = {slug: dataset.name_of(slug) for slug in dataset.districts}
    page = data_page(paths, inputs.out, dataset.root, export_counts(dataset, dataset.lang), names, dataset.lang)
    return DataView(page, compare.cap(compare.coverage_rows(dataset)), dataset.lang)


COMPARE = Output(
    "compare", lambda i: [("compare/index.md", compare_page(i.dataset, build_chart_views(i)))], render_compare_page
)
DATA_PAGE = Output("data-page", lambda i: [("data/index.md", _data_page(i))], render_data_page)


def copy_assets(out: Outputs) -> list[str]:
    """The sorting/filtering script, copied as it is."""
    return [out.put(SCRIPT, (STATIC / "tables.js").read_bytes())]
