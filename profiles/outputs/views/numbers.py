"""The district × indicator table that /compare/ and home lead with: each district's latest figure of each lead
indicator, its year, and a link to its source (numbers/results.py picks the figure; nothing typed here)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup

from ...engine.templating import environment
from ...facts import results, units
from ...facts.present import period_text
from ...facts.texts import phrases
from ...facts.texts.phrases import SOURCE
from ...ingest import policy
from ...model import City, District, Source
from ...model.dataset import Dataset
from ...model.enums import IndicatorKey
from ...model.indicators import INDICATORS, number_text

phrase = phrases.of(__file__).phrase  # this stage's catalogue first (profiles/facts/texts/phrases.py)

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
    label: str  # the indicator, in the edition's language (a phrase: its Chinese label, views/en.po)
    unit: str


@dataclass(frozen=True)
class Cell:
    text: str  # the number ("" where none)
    sort: str  # what the column sorts by
    when: str  # 2024 · 2025前三季度 · 2023年末
    single: bool  # read only on a repost
    source_url: str
    source_title: str  # publisher，date (the publisher as the source names itself: Chinese in both editions)
    anchor: str  # the figure on its profile, relative to the site root


@dataclass(frozen=True)
class NumberRow:
    slug: str
    name: str
    href: str  # the profile, relative to the site root
    cells: tuple[Cell, ...]
    lang: str = SOURCE  # the edition the table is shown in (its headers and notes)


def _cell(
    p: District | City, key: IndicatorKey, sources: dict[str, Source], anchor_base: str, lang: str = SOURCE
) -> Cell:
    f = results.latest(p.figures, key, sources)
    if f is None:
        return Cell("", "", "", False, "", "", "")
    s = sources.get(f.sources[0])
    # short: the link opens the source itself
    title = phrase("{publisher}，{date}", lang, publisher=s.publisher, date=s.published.isoformat()) if s else ""
    url = s.link if s else ""
    unit = INDICATORS[key].unit
    number = number_text(f.value) if lang == SOURCE else units.amount(f.value, unit)[0]
    return Cell(
        number + ("%" if unit == "%" else ""),
        repr(f.value),
        period_text(f, compact=True, lang=lang),
        policy.single_source(f, sources),
        url,
        title,
        f"{anchor_base}#figure-{f.id}",
    )


def columns(lang: str = SOURCE) -> tuple[Column, ...]:
    """Each column's indicator and the unit its numbers are in: the source's (亿元) in Chinese, the English unit
    the numbers are moved into in English ("billion yuan": profiles.facts.units, never rounded)."""
    return tuple(Column(phrase(INDICATORS[k].label, lang), _unit(INDICATORS[k].unit, lang)) for k in COLUMNS)


def _unit(unit: str, lang: str) -> str:
    return unit if lang == SOURCE else units.unit_name(unit)


def rows(dataset: Dataset) -> tuple[NumberRow, ...]:
    if not any(d.figures for d in dataset.districts.values()):
        return ()  # nothing published yet: no table of dashes
    lang = dataset.lang
    out = [
        NumberRow(
            slug,
            dataset.name_of(slug),
            f"districts/{slug}/",
            tuple(_cell(d, k, dataset.sources, f"districts/{slug}/", lang) for k in COLUMNS),
            lang,
        )
        for slug, d in dataset.districts.items()
    ]
    if dataset.city is not None and dataset.city.figures:
        c = dataset.city
        name = phrase("{name}（全市）", lang, name=c.name.zh if lang == SOURCE else c.name.en)
        out.append(
            NumberRow("guangzhou", name, "", tuple(_cell(c, k, dataset.sources, "", lang) for k in COLUMNS), lang)
        )
    return tuple(out)


def table_html(rows_: tuple[NumberRow, ...], prefix: str):
    """The table as HTML, for /compare/ and home alike (one template: views/templates/_numbers.html.j2), in the
    language its rows were made in."""
    lang = rows_[0].lang if rows_ else SOURCE
    template = environment(Path(__file__).parent / "templates").get_template("_numbers.html.j2")
    return Markup(
        template.render(columns=columns(lang), rows=rows_, prefix=prefix, cells_of=lambda r: r.cells, lang=lang)
    )
