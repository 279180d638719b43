"""Render the Markdown pages MkDocs builds: one per district (PAGES, here), the home page and the
district index (HOME and INDEX, home.py). The package's entry point for the build: its outputs,
`copy_assets` and `search_words`; profile.py arranges a district page for a reader, around.py places it
among the others.

Everything that comes from YAML is escaped: data sits inside HTML blocks (which Markdown leaves alone)
and Jinja's autoescape handles HTML text and attributes; the few places in Markdown proper (the h1,
front matter) use the `md` and `yaml_str` filters.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import headline
from ..context import BuildContext
from ..dataset import Dataset
from ..embeds import CardPanel, Panel, card_panel, panel
from ..embeds.cards import CardPage, build_cards, district_cards
from ..kinds import KINDS
from ..models import City, District, Goal, Source
from ..rendering import Output
from ..templating import environment, label, md, num, quantity_text, target_text, yaml_str
from . import around, figures, profile
from .home import HOME, INDEX, render_district_index, render_home
from .profile import citation_numbers

__all__ = [
    "HOME",
    "INDEX",
    "PAGES",
    "BuildContext",
    "PageContext",
    "citation_numbers",
    "copy_assets",
    "label",
    "md",
    "num",
    "quantity_text",
    "render_pages",
    "search_words",
    "target_text",
    "yaml_str",
]

TEMPLATES = Path(__file__).parent / "templates"
STATIC = Path(__file__).parent / "static"
# The citation popover (templates/_cite.html.j2), under docs/; mkdocs.yml loads both on every page.
ASSETS = {
    "assets/pages/cite.js": "cite.js",
    "assets/pages/cite.css": "cite.css",
    "assets/pages/mapframe.js": "mapframe.js",
}
PageContext = BuildContext  # the name pages used before the context was build-wide


@dataclass(frozen=True)
class DistrictPage:
    """What a district's page shows: the district, the sources it cites, the build's facts about it, and
    what it says of the others (names for the switcher and neighbours, the city-wide goals of a thin page)."""

    d: District
    cited: tuple[Source, ...]
    edit_base: str
    maps: bool
    polygon_area: float | None
    last_changed: str | None
    panel: Panel | None
    card_panel: CardPanel | None  # the "嵌入数字卡片" panel: None when the district has no card
    oembed: tuple[tuple[str, str], ...]  # (URL, title) of the oEmbed JSON of each embed the page offers
    as_of: headline.AsOf | None
    city_name: str
    city_goals: tuple[Goal, ...]  # a thin page shows the city's goals, which apply to every district
    district_count: int
    switcher: tuple[tuple[str, str], ...]  # (slug, name) of every district, in display order; none past SWITCHER_MAX
    prev: tuple[str, str] | None  # (slug, name) of the districts before and after it in display order
    next: tuple[str, str] | None
    neighbours: tuple[tuple[str, str], ...]
    locator: tuple[str, tuple[tuple[str, str], ...]] | None  # viewBox, (slug, SVG path) of every district
    # The data's history (profiles/history/): the latest changes (None: a page rendered on its own), whether the
    # district's feed is published, and each fact's first appearance (anchor, date).
    changes: Any = None  # history.Recent
    feed: bool = False
    since: tuple[tuple[str, str], ...] = ()
    share_alt: str | None = None  # the 分享长图's alt text (profiles/share/); None: the build makes none


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
    as_of = headline.facts_as_of(d, dataset.sources)
    return DistrictPage(
        d=d,
        cited=tuple(dataset.sources[s] for s in numbers if s in dataset.sources),
        edit_base=ctx.edit_base,
        maps=ctx.maps,
        polygon_area=ctx.polygon_area.get(d.slug),
        last_changed=ctx.last_changed.get(d.slug),
        panel=map_panel,
        card_panel=card_embeds,
        oembed=profile.oembed_links(ctx, map_panel, card_embeds),
        as_of=as_of,
        city_name=dataset.city.name.zh if dataset.city is not None else "",
        city_goals=city_goals,
        district_count=len(order.pairs),
        switcher=order.pairs if len(order.pairs) <= around.SWITCHER_MAX else (),
        prev=prev,
        next=next_,
        neighbours=tuple((s, dataset.name_of(s)) for s in neighbours.get(d.slug, ())),
        locator=(viewbox, tuple(paths.items())) if d.slug in paths and not profile.has_points(d) else None,
        **_history(ctx, d),
        share_alt=None
        if ctx.embed_names is None
        else profile.share_alt(d, dataset.sources, ctx, d.slug in ctx.embed_names),
    )


def _history(ctx: BuildContext, d: District) -> dict:
    """The page's part of the data's history (ctx.history: profiles/history/), when the build read it."""
    if ctx.history is None:
        return {}
    return dict(
        changes=ctx.history.recent(d.slug),
        feed=ctx.history.feeds,
        since=ctx.history.dates(f"data/districts/{d.slug}.yaml"),
    )


def render_district_page(view: DistrictPage, inputs=None) -> str:
    d = view.d
    city_goals = list(view.city_goals)
    gaps = auto_gaps(d)
    coverage = headline.coverage(d)
    shown = profile.sections(d, bool(city_goals), gaps, view.maps, view.changes is not None)
    sources = {s.id: s for s in view.cited}
    sentences = (
        headline.goals_sentence(d.name.zh, d.goals),
        headline.status_sentence(d.goals),
        headline.indicators_sentence(d.name.zh, d.indicators),
    )
    return (
        environment(TEMPLATES)
        .get_template("district.md.j2")
        .render(
            d=d,
            numbers=_numbers(d, view.city_goals),
            cited=view.cited,
            ctx=BuildContext(edit_base=view.edit_base, maps=view.maps),
            polygon_area=view.polygon_area,
            last_changed=view.last_changed,
            gaps=gaps,
            invitations=profile.invitations(d, gaps, view.edit_base),
            guide=profile.repo_file(view.edit_base, "CONTRIBUTING.md") if view.edit_base else "",
            park_names={p.id: p.name for p in d.parks},
            features=map_features(d),
            cards=headline.cards(d),
            keyfigs=figures.key_figures(d, sources),
            results=figures.goal_results(d, sources),
            figure_table=figures.figure_table(d, sources),
            coverage=coverage,
            as_of=view.as_of,
            role_line=headline.role_line(d),
            role_sources=headline.role_sources(d),
            sentences=[s for s in sentences if s],
            missing=headline.missing_sentence(d.name.zh, coverage),
            themes=profile.goal_themes(d.goals),
            show_status=profile.any_status(d.goals),
            shown=shown,
            title=profile.title(d),
            description=profile.description(d),
            city_name=view.city_name,
            city_goals=city_goals,
            district_count=view.district_count,
            switcher=list(view.switcher),
            prev=view.prev,
            next=view.next,
            neighbours=list(view.neighbours),
            locator=view.locator,
            panel=view.panel,
            card_panel=view.card_panel,
            oembed=view.oembed,
            changes=view.changes,
            feed=view.feed,
            since=dict(view.since),
            share_alt=view.share_alt,
        )
    )


def render_district(d: District, dataset: Dataset, ctx: BuildContext) -> str:
    return render_district_page(district_page(d, dataset, ctx))


def map_features(d: District) -> list[dict]:
    """The map's features as a list: same order as the map, linking to each entry."""
    out = [dict(name=p.name, kind=label(p.kind), status="", href=f"#park-{p.id}") for p in d.parks]
    out += [
        dict(name=p.name, kind=label(p.category), status=label(p.status), href=f"#project-{p.id}") for p in d.projects
    ]
    return out


def auto_gaps(d: District) -> list[str]:
    """What an editor could add: the file's own `gaps`, plus every empty section."""
    missing = list(d.gaps)
    for kind in KINDS:  # each kind a page asks for (profiles.kinds)
        text = kind.invitation
        if text and not getattr(d, kind.list) and not any(text[:4] in g for g in missing):
            missing.append(text)
    if d.industrial_system is None and not any("产业体系" in g for g in missing):
        missing.append("区现代化产业体系")
    if d.area is None and not any("面积" in g for g in missing):
        missing.append("常用面积数字（需官方来源）")
    if d.searched is not None:  # last year's results, published in this year's reports
        year = d.searched.year - 1
        if not any(f.indicator.value == "gdp" and f.year == year and f.period.value == "full_year" for f in d.figures):
            missing.append(f"{year}年全年地区生产总值及增速（{figures.WHERE}，一般在次年初公布）")
    return missing


def render_pages(dataset: Dataset, ctx: BuildContext) -> dict[str, str]:
    """Relative path under docs/ -> Markdown text, every page rendered (tests, one-off scripts)."""
    out = {"index.md": render_home(dataset, ctx), "districts/index.md": render_district_index(dataset, ctx)}
    for slug, d in dataset.districts.items():
        out[f"districts/{slug}.md"] = render_district(d, dataset, ctx)
    return out


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


def terms_and_names(profile: District | City) -> tuple[list[str], list[str]]:
    """One profile's candidate terms and its enterprise, park and project names (see search_words)."""
    terms: set[str] = set()
    names: list[str] = []
    for _, item in profile.items():
        for attr in ("theme", "sector"):
            value = getattr(item, attr, None)
            if isinstance(value, str):
                terms.add(value)
        for attr in ("focus", "parts"):
            for value in getattr(item, attr, []) or []:
                terms.update(re.split(r"[（）()、，,与和及\s]+", value))
        if hasattr(item, "id") and isinstance(getattr(item, "name", None), str):
            names.append(item.name)  # enterprises, parks, projects (not the 产业体系's name)
    return sorted(terms), names


def search_words(dataset: Dataset, terms_of: Callable[[Any], tuple[list[str], list[str]]] | None = None) -> list[str]:
    """The jieba user dictionary's words: short words that must start a token wherever they occur.
    `terms_of(profile)`: `terms_and_names`, or what a resident process kept of it (profiles/search.py).

    Material's search segments page text with jieba at build time, and the browser matches a query
    as the *start* of an indexed word: 琶洲 finds "琶洲|片区" but nothing inside one long token.
    So whole names never go in here: "人工智能大模型应用示范区" as a word would hide 大模型, and
    "广汽智联新能源汽车产业园" would hide 产业园. What does go in:
    - category terms of 2–3 characters (theme, sector, focus, industrial-system parts), e.g. 大模型,
      算力. Longer terms (低空经济, 工业互联网) are compounds jieba already cuts into known words;
      as whole words they would hide their second half (经济, 互联网) from search;
    - the 2-character stem that two or more enterprise, park or project names start with: the place or brand they are
      named after (琶洲南消费新地标, 琶洲港澳码头直升机场 → 琶洲; 广汽集团, 广汽智联… → 广汽), which
      jieba otherwise glues to the character before it ("来源称琶洲片区" → 来源/称琶洲/片区).
    tests/test_views.py checks on the built index that the words readers search for start a token.
    """
    han = re.compile(r"^[\u4e00-\u9fff]+$")
    terms: set[str] = set()
    names: list[str] = []
    terms_of = terms_of or terms_and_names
    parts = [terms_of(one) for one in [*dataset.districts.values(), *([dataset.city] if dataset.city else [])]]
    for some_terms, some_names in parts:
        terms.update(some_terms)
        names.extend(some_names)
    stems = [n[:2] for n in names if han.match(n[:2])]
    words = {t for t in terms if 2 <= len(t) <= 3 and han.match(t)}
    words.update(s for s, n in Counter(stems).items() if n >= 2)
    return sorted(words)


def copy_assets(out) -> list[str]:
    """The citation popover's script and style (static/), copied as they are."""
    return [out.put(rel, (STATIC / name).read_bytes()) for rel, name in ASSETS.items()]
