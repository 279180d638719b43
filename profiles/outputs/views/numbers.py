"""The district × indicator table that /compare/ and home lead with: each district's latest figure of each lead
indicator, its year, and a link to its source (numbers/results.py picks the figure; nothing typed here)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup

from ...engine.templating import environment
from ...facts import results
from ...facts.present import period_text
from ...ingest import policy
from ...model import City, District, Source
from ...model.dataset import Dataset
from ...model.enums import IndicatorKey
from ...model.indicators import INDICATORS, number_text

COLUMNS = (
    IndicatorKey.gdp,
    IndicatorKey.gdp_growth,
    IndicatorKey.population,
    IndicatorKey.budget_revenue,
    IndicatorKey.fixed_investment,
    IndicatorKey.retail_sales,
)


@dataclass(frozen=True)
class Column:
    label: str
    unit: str


@dataclass(frozen=True)
class Cell:
    text: str  # the number ("" where none)
    sort: str  # what the column sorts by
    when: str  # 2024 · 2025前三季度 · 2023年末
    single: bool  # read only on a repost
    source_url: str
    source_title: str  # publisher《title》，date
    anchor: str  # the figure on its profile, relative to the site root


@dataclass(frozen=True)
class NumberRow:
    slug: str
    name: str
    href: str  # the profile, relative to the site root
    cells: tuple[Cell, ...]


def _cell(p: District | City, key: IndicatorKey, sources: dict[str, Source], anchor_base: str) -> Cell:
    f = results.latest(p.figures, key, sources)
    if f is None:
        return Cell("", "", "", False, "", "", "")
    s = sources.get(f.sources[0])
    title = f"{s.publisher}，{s.published.isoformat()}" if s else ""  # short: the link opens the source itself
    url = s.link if s else ""
    text = number_text(f.value) + ("%" if INDICATORS[key].unit == "%" else "")
    return Cell(
        text,
        repr(f.value),
        period_text(f, compact=True),
        policy.single_source(f, sources),
        url,
        title,
        f"{anchor_base}#figure-{f.id}",
    )


def columns() -> tuple[Column, ...]:
    return tuple(Column(INDICATORS[k].label, INDICATORS[k].unit) for k in COLUMNS)


def rows(dataset: Dataset) -> tuple[NumberRow, ...]:
    if not any(d.figures for d in dataset.districts.values()):
        return ()  # nothing published yet: no table of dashes
    out = [
        NumberRow(
            slug,
            d.name.zh,
            f"districts/{slug}/",
            tuple(_cell(d, k, dataset.sources, f"districts/{slug}/") for k in COLUMNS),
        )
        for slug, d in dataset.districts.items()
    ]
    if dataset.city is not None and dataset.city.figures:
        c = dataset.city
        out.append(
            NumberRow("guangzhou", c.name.zh + "（全市）", "", tuple(_cell(c, k, dataset.sources, "") for k in COLUMNS))
        )
    return tuple(out)


def table_html(rows_: tuple[NumberRow, ...], prefix: str):
    """The table as HTML, for /compare/ and home alike (one template: views/templates/_numbers.html.j2)."""
    template = environment(Path(__file__).parent / "templates").get_template("_numbers.html.j2")
    return Markup(template.render(columns=columns(), rows=rows_, prefix=prefix, cells_of=lambda r: r.cells))
