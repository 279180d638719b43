"""A district's page (districts/<slug>.md): PAGES. Its view is the district and four small groups — what the
build knows of it, where it sits among the others, the embeds it offers, its part of the data's history —
and the template reads them as `view.x`; what the page says of the district itself is derived when it
renders (`Reading`), never digested twice. profile.py arranges the page for a reader, around.py places it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ...engine.context import BuildContext
from ...engine.rendering import Output
from ...engine.templating import environment, label
from ...facts import headline
from ...facts.texts import phrases
from ...facts.texts.phrases import SOURCE
from ...model import District, Goal, Source, Statement
from ...model.dataset import Dataset
from ...model.kinds import KINDS
from ...model.localized import Localized
from ..embeds import CardPanel, Panel, card_panel, panel
from ..embeds.cards import CardPage, build_cards, district_cards
from . import around, figures, profile

phrase = phrases.of(__file__).phrase  # this stage's catalogue first (profiles/facts/texts/phrases.py)

TEMPLATES = Path(__file__).parent / "templates"


@dataclass(frozen=True)
class Facts:
    """What the build knows of the district besides its file: where to edit it, whether maps exist, its area by
    our boundary, the date of its file's last commit."""

    edit_base: str
    maps: bool
    polygon_area: float | None
    last_changed: str | None


@dataclass(frozen=True)
class Around:
    """Where the district sits among the others: its city, the switcher's districts, the ones before and after it,
    its neighbours, and its place on the city's outline (for a page without a map)."""

    city_name: str
    district_count: int
    switcher: tuple[tuple[str, str], ...]  # (slug, name) of every district, in display order; none past SWITCHER_MAX
    prev: tuple[str, str] | None  # (slug, name) of the districts before and after it in display order
    next: tuple[str, str] | None
    neighbours: tuple[tuple[str, str], ...]
    locator: tuple[str, tuple[tuple[str, str], ...]] | None  # viewBox, (slug, SVG path) of every district


@dataclass(frozen=True)
class Panels:
    """The embeds the page offers: the map's panel, the fact cards' ("嵌入数字卡片"; None when the district has no
    card), the oEmbed JSON of each (URL, title), and the 分享长图's alt text (None: the build makes none)."""

    map: Panel | None
    cards: CardPanel | None
    oembed: tuple[tuple[str, str], ...]
    share_alt: str | None = None


@dataclass(frozen=True)
class PageHistory:
    """The page's part of the data's history (profiles/outputs/history/): the latest changes (None: a page rendered on its
    own), whether the district's feed is published, and each fact's first appearance (anchor, date)."""

    changes: Any = None  # history.Recent
    feed: bool = False
    since: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class DistrictPage:
    """What a district's page shows: the district, the sources it cites, the date of its facts, the city-wide goals
    a thin page shows (they apply to every district), and the four groups above."""

    d: District
    cited: tuple[Source, ...]
    as_of: headline.AsOf | None
    city_goals: tuple[Goal, ...]
    facts: Facts
    around: Around
    panels: Panels
    history: PageHistory = PageHistory()
    lang: str = SOURCE  # the edition: its words, its names; shared files (assets, feeds) one folder up in English


def _numbers(d: District, city_goals: tuple[Goal, ...]) -> dict[str, int]:
    numbers = profile.citation_numbers(d)
    for g in city_goals:  # a thin page's city-wide goals cite their sources on this page too
        for sid in g.sources:
            numbers.setdefault(sid, len(numbers) + 1)
    return numbers


def _around(inputs) -> tuple[dict, tuple]:
    """Neighbours and outlines, once per build (from the boundaries the build read), and once per
    boundaries in a resident process."""
    b = inputs.boundaries

    def make() -> tuple[dict, tuple]:
        return around.neighbours(b) if b else {}, around.outlines(b)

    key = inputs.ctx.boundaries_digest
    return inputs.resource("around", lambda: inputs.cache.keep("around", make, key) if b and key else make())


def district_page(
    d: District,
    dataset: Dataset,
    ctx: BuildContext,
    near: tuple[dict, tuple] = ({}, ("", {})),
    order: around.Order | None = None,
    cards: tuple[CardPage, ...] | None = None,
) -> DistrictPage:
    """`cards`: the district's fact cards, made once per build (`cards.build_cards`); made here if None."""
    neighbours, (viewbox, paths) = near
    thin = headline.coverage(d).thin
    city_goals = tuple(dataset.city.goals) if thin and dataset.city is not None else ()
    numbers = _numbers(d, city_goals)
    order = order or around.Order.of(dataset)
    prev, next_ = order.around(d.slug)
    map_panel = panel(ctx, d.slug, [d], dataset.sources) if profile.has_points(d) else None
    if cards is None:
        cards = district_cards(d, dataset.sources, ctx)
    card_embeds = card_panel(ctx, d.slug, cards)
    return DistrictPage(
        d=d,
        cited=tuple(dataset.sources[s] for s in numbers if s in dataset.sources),
        as_of=headline.facts_as_of(d, dataset.sources),
        city_goals=city_goals,
        facts=Facts(
            edit_base=ctx.edit_base,
            maps=ctx.maps,
            polygon_area=ctx.polygon_area.get(d.slug),
            last_changed=ctx.last_changed.get(d.slug),
        ),
        around=Around(
            city_name=(dataset.city.name.zh if ctx.lang == SOURCE else dataset.city.name.en)
            if dataset.city is not None
            else "",
            district_count=len(order.pairs),
            switcher=order.pairs if len(order.pairs) <= around.SWITCHER_MAX else (),
            prev=prev,
            next=next_,
            neighbours=tuple((s, dataset.name_of(s)) for s in neighbours.get(d.slug, ())),
            locator=(viewbox, tuple(paths.items())) if d.slug in paths and not profile.has_points(d) else None,
        ),
        panels=Panels(
            map=map_panel,
            cards=card_embeds,
            oembed=profile.oembed_links(ctx, map_panel, card_embeds),
            share_alt=None
            if ctx.embed_names is None
            else profile.share_alt(d, dataset.sources, ctx, d.slug in ctx.embed_names),
        ),
        history=_history(ctx, d),
        lang=ctx.lang,
    )


def _history(ctx: BuildContext, d: District) -> PageHistory:
    """The page's part of the data's history (ctx.history: profiles/outputs/history/), when the build read it."""
    if ctx.history is None:
        return PageHistory()
    return PageHistory(
        changes=ctx.history.recent(d.slug),
        feed=ctx.history.feeds,
        since=ctx.history.dates(f"data/districts/{d.slug}.yaml"),
    )


@dataclass(frozen=True)
class Reading:
    """What a district's page says of it, derived from its view when the page renders (not a view: never digested):
    the sections it shows, its title and description, its headline cards, key figures, goals by theme, the
    sentences that lead them, the features of its map, and what editors could add."""

    lang: str  # the edition
    name: str  # the district's name in it
    numbers: dict[str, int]  # source id -> its number on the page
    shown: dict[str, str]  # anchor -> heading of each section shown, in page order
    title: str
    description: str
    coverage: headline.Coverage
    role: Statement | None  # the role statement the lede shows (headline.role_line's), beside the industrial system
    role_sources: list[str]
    sentences: list[str]
    missing: str
    cards: list
    keyfigs: list
    results: dict
    figure_table: Any
    themes: list
    show_status: bool
    features: list[dict]
    park_names: dict[str, str]
    basis_says_precision: frozenset[
        str
    ]  # anchors of the parks and projects whose location basis opens with its precision
    invitations: list
    guide: str  # CONTRIBUTING.md in the repository ("" without an edit base)
    since: dict[str, str]  # anchor -> date of the fact's first appearance

    @classmethod
    def of(cls, view: DistrictPage) -> Reading:
        d, edit_base, lang = view.d, view.facts.edit_base, view.lang
        name = d.name.zh if lang == SOURCE else d.name.en
        gaps = auto_gaps(d, lang)
        coverage = headline.coverage(d)
        sources = {s.id: s for s in view.cited}
        sentences = (
            headline.goals_sentence(name, d.goals, lang),
            headline.status_sentence(d.goals, lang),
            headline.indicators_sentence(name, d.indicators, lang),
        )
        return cls(
            lang=lang,
            name=name,
            numbers=_numbers(d, view.city_goals),
            shown=profile.sections(
                d, bool(view.city_goals), gaps, view.facts.maps, view.history.changes is not None, lang
            ),
            title=profile.title(d, lang),
            description=profile.description(d, lang),
            coverage=coverage,
            role=profile.role_statement(d),
            role_sources=headline.role_sources(d),
            sentences=[s for s in sentences if s],
            missing=headline.missing_sentence(name, coverage, lang),
            cards=headline.cards(d, lang=lang),
            keyfigs=figures.key_figures(d, sources, lang),
            results=figures.goal_results(d, sources, lang),
            figure_table=figures.figure_table(d, sources, lang),
            themes=profile.goal_themes(d.goals),
            show_status=profile.any_status(d.goals),
            features=map_features(d),
            park_names={p.id: p.name for p in d.parks},
            basis_says_precision=frozenset(
                f"{kind}-{p.id}"
                for kind, items in (("park", d.parks), ("project", d.projects))
                for p in items
                if p.location.basis
                and (getattr(p.location.basis, "zh", None) or p.location.basis).startswith(label(p.location.precision))
            ),
            invitations=profile.invitations(d, gaps, edit_base),
            guide=profile.repo_file(edit_base, "CONTRIBUTING.md") if edit_base else "",
            since=dict(view.history.since),
        )


def render_district_page(view: DistrictPage, inputs=None) -> str:
    template = environment(TEMPLATES).get_template("district.md.j2")
    return template.render(
        d=view.d, view=view, page=Reading.of(view), lang=view.lang, up="" if view.lang == SOURCE else "../"
    )


def map_features(d: District) -> list[dict]:
    """The map's features as a list: same order as the map, linking to each entry; kinds and statuses as codes (the
    template's |label says them in the page's language)."""
    out = [dict(name=p.name, kind=p.kind.value, status="", href=f"#park-{p.id}") for p in d.parks]
    out += [
        dict(name=p.name, kind=p.category.value, status=p.status.value, href=f"#project-{p.id}") for p in d.projects
    ]
    return out


def auto_gaps(d: District, lang: str = SOURCE) -> list[str]:
    """What an editor could add: the file's own `gaps`, plus every empty section. In English each added gap is a
    `Localized` holding its Chinese (`.zh`: what tells whether a gap is named already, and which guide explains it)."""
    missing = list(d.gaps)

    def named(words: str) -> bool:
        return any(words in (getattr(g, "zh", None) or g) for g in missing)

    def add(text: str, **args: object) -> None:
        zh = text.format(**args, where=figures.WHERE) if args else text
        if lang == SOURCE:
            missing.append(zh)
            return
        shown = phrase(text, lang, **args, where=figures.where(lang)) if args else phrase(text, lang)
        missing.append(Localized(zh, "zh-CN", "missing", zh=zh) if shown == zh else Localized(shown, lang, "ok", zh=zh))

    for kind in KINDS:  # each kind a page asks for (profiles.model.kinds)
        text = kind.invitation
        if text and not getattr(d, kind.list) and not named(text[:4]):
            add(text)
    if d.industrial_system is None and not named("产业体系"):
        add("区现代化产业体系")
    if d.area is None and not named("面积"):
        add("常用面积数字（需官方来源）")
    if d.searched is not None:  # last year's results, published in this year's reports
        year = d.searched.year - 1
        if not any(f.indicator.value == "gdp" and f.year == year and f.period.value == "full_year" for f in d.figures):
            add("{year}年全年地区生产总值及增速（{where}，一般在次年初公布）", year=year)
    return missing


PAGES = Output(
    "page",
    collect=lambda i: (
        (
            f"districts/{slug}.md",
            district_page(
                d,
                i.dataset,
                i.ctx,
                _around(i),
                i.resource("order", lambda: around.Order.of(i.dataset)),
                build_cards(i)[slug],
            ),
        )
        for slug, d in i.dataset.districts.items()
    ),
    render=render_district_page,
)
