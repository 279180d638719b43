"""The home page (index.md: the city, its map panel, a card per district) and the district index
(districts/index.md): HOME and INDEX, which show the same district cards, made once per build."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ...engine.context import BuildContext
from ...engine.rendering import Output
from ...engine.templating import environment
from ...facts import headline
from ...facts.texts import phrases, t
from ...facts.texts.phrases import SOURCE
from ...model import CITY_SLUG, City, District, Source
from ...model.dataset import Dataset
from ..charts import ChartView, build_chart_views, figure_html
from ..embeds import Panel, panel
from ..views import numbers
from . import figures
from .profile import citation_numbers, oembed_links, role_statement

phrase = phrases.of(__file__).phrase  # this stage's catalogue first (profiles/facts/texts/phrases.py)

TEMPLATES = Path(__file__).parent / "templates"


@dataclass(frozen=True)
class DistrictCard:
    """A district on the home page and the index: who it is, its first headline figure, what the sources cover."""

    slug: str
    name: str  # in the edition's language
    role: str  # the role statement its lede shows ("" without), beside its industrial system
    figure: headline.Card | None
    counts: tuple[str, ...]
    as_of: str
    thin: bool
    system: tuple[str, str] | None = None  # the industrial system's label and name
    name_zh: str = ""  # in Chinese script, beside the name on an English page ("" on a Chinese one)


def district_card(d: District, sources: dict[str, Source], lang: str = SOURCE) -> DistrictCard:
    c = headline.coverage(d)
    cards = headline.cards(d, limit=1, lang=lang)
    as_of = headline.facts_as_of(d, sources)
    role = role_statement(d)
    system = d.industrial_system
    return DistrictCard(
        slug=d.slug,
        name=d.name.zh if lang == SOURCE else d.name.en,
        role=role.text if role is not None else "",
        figure=cards[0] if cards else None,
        counts=tuple(headline.coverage_parts(c, lang)),
        as_of=(as_of.text if lang == SOURCE else _dates(as_of, lang)) if as_of else "",
        thin=c.thin,
        system=(system.label, system.name) if system is not None else None,
        name_zh="" if lang == SOURCE else d.name.zh,
    )


def _dates(as_of: headline.AsOf, lang: str) -> str:
    return (
        as_of.newest
        if as_of.oldest == as_of.newest
        else t("dates.range", lang=lang, first=as_of.oldest, last=as_of.newest)
    )


def site_sentence(dataset: Dataset, lang: str = SOURCE) -> str:
    """What the site is, with the totals every page agrees on (zero counts left out)."""
    total = [headline.coverage(d) for d in dataset.districts.values()]
    sums = headline.Coverage(*(sum(getattr(c, f.name) for c in total) for f in dataclasses.fields(headline.Coverage)))
    city = (
        (dataset.city.name.zh if lang == SOURCE else dataset.city.name.en) if dataset.city else phrase("广州市", lang)
    )
    held = t("list.sep", lang=lang).join(headline.coverage_parts(sums, lang))
    count = len(dataset.districts)
    if held:
        return phrase("{city} {count} 个区公布的 {held}，每条都注明出处。", lang, city=city, count=count, held=held)
    return phrase("{city} {count} 个区的区情，每条都注明出处。", lang, city=city, count=count)


@dataclass(frozen=True)
class HomePage:
    city: City | None
    cited: tuple[Source, ...]
    cards: tuple[DistrictCard, ...]
    sentence: str
    maps: bool
    panel: Panel | None
    oembed: tuple[tuple[str, str], ...] = ()  # (URL, title) of the city map's oEmbed JSON
    number_rows: tuple = ()  # views.numbers.NumberRow: each district's latest lead figures
    gdp_chart: Any = None  # charts.ChartView: GDP by district
    changes: Any = None  # history.Recent: the latest changes of the data (None: a page rendered on its own)
    feed: bool = False  # the site's Atom feed of changes is published
    since: tuple[tuple[str, str], ...] = ()  # (anchor, first appearance) of the city's goals and figures
    lang: str = SOURCE  # the edition


def home_page(
    dataset: Dataset, ctx: BuildContext, figures: tuple[ChartView, ...], cards: tuple[DistrictCard, ...] | None = None
) -> HomePage:
    city = dataset.city
    cited = tuple(dataset.sources[s] for s in citation_numbers(city) if s in dataset.sources) if city else ()
    cards = index_page(dataset, ctx.lang) if cards is None else cards
    city_panel = panel(ctx, CITY_SLUG, dataset.districts.values(), dataset.sources)
    return HomePage(
        city,
        cited,
        cards,
        site_sentence(dataset, ctx.lang),
        ctx.maps,
        city_panel,
        oembed_links(ctx, city_panel if ctx.maps else None, None),
        numbers.rows(dataset),
        next((v for v in figures if v.chart.name == "gdp-by-district"), None),
        *_history(ctx),
        lang=ctx.lang,
    )


LATEST = 3  # changes the home page shows


def _history(ctx: BuildContext) -> tuple:
    if ctx.history is None:
        return ()
    return ctx.history.recent(None, LATEST), ctx.history.feeds, ctx.history.dates("data/city.yaml")


def render_home_page(view: HomePage, inputs=None) -> str:
    sources = {s.id: s for s in view.cited}
    return (
        environment(TEMPLATES)
        .get_template("index.md.j2")
        .render(
            city=view.city,
            numbers=citation_numbers(view.city) if view.city else {},
            number_rows=view.number_rows,
            numbers_html=numbers.table_html,
            gdp_chart=figure_html(view.gdp_chart, "", table_open=False, compact=True) if view.gdp_chart else "",
            keyfigs=figures.key_figures(view.city, sources, view.lang) if view.city else [],
            results=figures.goal_results(view.city, sources, view.lang) if view.city else {},
            figure_table=figures.figure_table(view.city, sources, view.lang) if view.city else None,
            cited=view.cited,
            cards=view.cards,
            sentence=view.sentence,
            ctx=BuildContext(maps=view.maps, lang=view.lang),
            lang=view.lang,
            up="" if view.lang == SOURCE else "../",
            city_slug=CITY_SLUG,
            panel=view.panel,
            oembed=view.oembed,
            changes=view.changes,
            feed=view.feed,
            since=dict(view.since),
        )
    )


def index_page(dataset: Dataset, lang: str = SOURCE) -> tuple[DistrictCard, ...]:
    return tuple(district_card(d, dataset.sources, lang) for d in dataset.districts.values())


@dataclass(frozen=True)
class IndexPage:
    """The district index: every district's card, in the edition's language."""

    cards: tuple[DistrictCard, ...]
    lang: str = SOURCE


def render_index_page(view: IndexPage, inputs=None) -> str:
    return environment(TEMPLATES).get_template("districts.md.j2").render(cards=view.cards, lang=view.lang)


def _cards(inputs) -> tuple[DistrictCard, ...]:
    """Every district's card, once per build: the home page and the index show the same."""
    return inputs.resource("cards", lambda: index_page(inputs.dataset, inputs.ctx.lang))


HOME = Output(
    "home", lambda i: [("index.md", home_page(i.dataset, i.ctx, build_chart_views(i), _cards(i)))], render_home_page
)
INDEX = Output(
    "district-index", lambda i: [("districts/index.md", IndexPage(_cards(i), i.ctx.lang))], render_index_page
)
