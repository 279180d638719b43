"""The share images of the maps and each district's 分享长图: what each shows (its view, from the data the
pages show, through the same helpers), and the output that draws them (SHARE_IMAGES).

    embed/<slug>/share.png       a map's: each district's and the city's (`MapShare`)
    districts/<slug>/share.png   a district's 分享长图 (`LongImage`), linked from its profile

Drawn as the maps are: in worker processes when there are many (a resident process's kept workers,
shared with the map and card images), else in the build's process, by profiles/outputs/share/draw.py. A map
share and the 分享长图 of the same district come one after the other, so the map they both show is
drawn once (draw.map_image). A view names its map by the map image's own view, so an image is drawn
again exactly when what it shows changes: a goal's status redraws its district's 分享长图, not its map
share; a source's title, every image that names it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ...engine.context import BuildContext
from ...engine.rendering import Inputs, Output
from ...engine.templating import label, target_text
from ...facts import headline, units
from ...facts.texts import t
from ...model import CITY_SLUG, District, Goal, Source
from ...model.dataset import Dataset
from ..embeds.cards import SITE_NAME, CardPage, build_cards
from ..pages.figures import goal_results
from ..pages.figures import key_figures as lead_figures
from ..pages.profile import citation_numbers, goal_themes
from ..staticmap import Image, build_atlas, image_views, kept_workers, label_names
from . import FILE, map_source, map_target, profile_url
from . import site_name as _site_name

GOALS_PER_THEME = 2  # the 分享长图 shows a theme's first goals, and how many it has
MAX_SOURCES = 24  # the 分享长图 names this many sources, then counts the rest


@dataclass(frozen=True)
class MapShare:
    image: Image  # the map's own view (profiles/outputs/staticmap): what the map shows
    title: str
    source: str  # "来源：…", the sources of its points
    url: str | None  # where its code leads (absolute); None: the site's URL is unknown
    note: str  # what the code opens
    site_name: str = SITE_NAME
    lang: str = "zh"  # the edition: the image's own words (the footer's)


@dataclass(frozen=True)
class Figure:
    value: str  # e.g. "≥ 5.5%"
    label: str
    meta: str  # e.g. "目标（力争） · 2025 年 · 推进中"
    verdict: str = ""  # the numbers issue's verdict against the baseline, once the model has one


@dataclass(frozen=True)
class GoalLine:
    target: str
    statement: str
    meta: str


@dataclass(frozen=True)
class Theme:
    name: str
    goals: tuple[GoalLine, ...]
    total: int


@dataclass(frozen=True)
class LongImage:
    slug: str
    name: str  # in the edition's language, large
    en: str  # under it: the name in the other language (English under the Chinese; Chinese under the English)
    role: str
    key_figures: tuple[Figure, ...]  # see `key_figures`
    figures: tuple[Figure, ...]  # the profile's headline cards
    map: Image | None  # the district's map (None without boundaries)
    themes: tuple[Theme, ...]
    per_theme: int  # how many goals a theme shows at most
    sources: tuple[str, ...]  # "[n] publisher《title》，date", in the page's citation order
    more_sources: int
    as_of: str  # when the facts held ("2017 至 2025-02")
    url: str | None
    note: str
    site_name: str = SITE_NAME
    lang: str = "zh"  # the edition: the image's own words (headings, footer)


def key_figures(d: District, sources: dict[str, Source], lang: str = "zh") -> tuple[Figure, ...]:
    """The district's key figures as its page leads with them (pages/figures.py): GDP, growth, population and
    last year's growth target against its result, each with its year, status and computed verdict."""
    out = []
    for k in lead_figures(d, sources, lang):
        if not k.value:
            out.append(Figure("—", k.label, k.missing))
            continue
        single = [t("figure.single_source", lang)] if k.single else []
        meta = t("list.dot", lang).join([k.when, k.status] + single)
        value = k.value + (k.unit or "") if lang == "zh" else units.joined(k.value, k.unit)  # "300.835 billion yuan"
        out.append(Figure(value, k.label, meta, k.verdict))
    return tuple(out)


def _figure(c: CardPage) -> Figure:
    return Figure(c.value_text, c.label, c.meta)


def _status(g: Goal, results: dict, lang: str) -> str:
    """A goal's verdict where its result is published (computed, never typed), else its status as written."""
    r = results.get(g.id)
    if r is not None:
        return t("share.goal.result", lang, value=r.value, when=r.when, verdict=r.verdict)
    if g.indicator is not None:
        return t("share.goal.result.none", lang)
    known = g.status is not None and g.status != "unknown"
    return (
        t("share.goal.status", lang, status=label(g.status, lang)) if known else t("share.goal.status.unreported", lang)
    )


def _themes(d: District, sources: dict[str, Source], lang: str) -> tuple[Theme, ...]:
    results = goal_results(d, sources, lang)
    return tuple(
        Theme(
            theme.theme,
            tuple(
                GoalLine(
                    target_text(g.target, lang).replace("= ", "") if g.target else t("share.goal.no_target", lang),
                    g.statement,
                    t("share.goal.meta", lang, metric=g.metric, year=g.year, status=_status(g, results, lang)),
                )
                for g in theme.shown
            ),
            theme.total,
        )
        for theme in goal_themes(d.goals, GOALS_PER_THEME)
    )


def _cited(d: District, sources: dict[str, Source]) -> list[Source]:
    return [sources[s] for s in citation_numbers(d) if s in sources]


def _headline(d: District, found: tuple[CardPage, ...]) -> tuple[Figure, ...]:
    shown = {c.id for c in headline.cards(d)}  # by id: the same cards in every language
    return tuple(_figure(c) for c in found if c.id in shown)


def long_view(d: District, dataset: Dataset, ctx: BuildContext, cards: tuple[CardPage, ...], map_view) -> LongImage:
    lang = ctx.lang
    lines = [headline.source_line(s, lang) for s in _cited(d, dataset.sources)]
    name, other = (d.name.zh, d.name.en) if lang == "zh" else (d.name.en or d.name.zh, d.name.zh)
    numbered = enumerate(lines[:MAX_SOURCES], 1)
    return LongImage(
        slug=d.slug,
        name=name,
        en=other,
        role=headline.role_line(d, lang),
        key_figures=key_figures(d, dataset.sources, lang),
        figures=_headline(d, cards),
        map=map_view,
        themes=_themes(d, dataset.sources, lang),
        per_theme=GOALS_PER_THEME,
        sources=tuple(t("share.long.source", lang, number=n, source=text) for n, text in numbered),
        more_sources=max(0, len(lines) - MAX_SOURCES),
        as_of=(headline.facts_as_of(d, dataset.sources) or headline.AsOf("", "")).text,
        url=profile_url(ctx, d.slug),
        note=t("share.long.note", lang, name=name),
        site_name=_site_name(lang),
        lang=lang,
    )


def map_view(slug: str, image: Image, dataset: Dataset, ctx: BuildContext) -> MapShare:
    d = dataset.districts.get(slug) if slug != CITY_SLUG else None
    profiles = [d] if d is not None else list(dataset.districts.values())
    url, note, _ = map_target(ctx, slug, d)
    source = map_source(profiles, dataset.sources, ctx.lang)
    return MapShare(image, image.title, source, url, note, _site_name(ctx.lang), ctx.lang)


def share_views(inputs: Inputs):
    """(key, view) of every map share and 分享长图: each district's two side by side, then the city's map."""
    dataset, ctx = inputs.dataset, inputs.ctx
    maps = dict(image_views(inputs))
    cards = build_cards(inputs)
    for slug, d in dataset.districts.items():
        if slug in maps:
            yield f"embed/{slug}/share", map_view(slug, maps[slug], dataset, ctx)
        yield f"districts/{slug}/share", long_view(d, dataset, ctx, cards[slug], maps.get(slug))
    if CITY_SLUG in maps:
        yield f"embed/{CITY_SLUG}/share", map_view(CITY_SLUG, maps[CITY_SLUG], dataset, ctx)


def draw(view: MapShare | LongImage, atlas, kept: dict) -> dict[str, bytes]:
    """One view's file, drawn with `atlas` (None without boundaries)."""
    from . import draw as drawing  # deferred: Pillow and segno, only when a share image is drawn

    if isinstance(view, MapShare):
        return {f"embed/{view.image.slug}/{FILE}": drawing.map_share(view, atlas, kept)}
    return {f"districts/{view.slug}/{FILE}": drawing.long_image(view, atlas, kept)}


def _map_of(view: MapShare | LongImage) -> Image | None:
    return view.image if isinstance(view, MapShare) else view.map


def draw_kept(group: list[MapShare | LongImage], kept: dict) -> list[dict[str, bytes]]:
    """`draw` of views that show the same map, in a worker process (`staticmap.atlas.start_jobs`), with
    its pool's atlas: one job, so the map is drawn once for them."""
    from ..staticmap.atlas import worker_atlas  # deferred: shapely and Pillow, only when an image is drawn

    return [draw(view, worker_atlas(), kept) for view in group]


def draw_many(views: list, inputs: Inputs) -> Callable[[], list[dict[str, bytes]]]:
    """Start drawing the views' images while the build goes on (as the map images are); the returned
    function waits for them. Views side by side that show the same map (a district's map share and its
    分享长图) are one job."""
    from ..staticmap.atlas import start_jobs  # deferred: shapely and Pillow, only when an image is drawn

    boundaries = dict(inputs.boundaries)
    groups: list[list] = []
    for view in views:
        if groups and _map_of(view) is not None and _map_of(view) == _map_of(groups[-1][-1]):
            groups[-1].append(view)
        else:
            groups.append([view])

    def here() -> list[list[dict[str, bytes]]]:
        atlas = build_atlas(inputs)() if boundaries else None
        kept = inputs.resource("share-kept", lambda: inputs.cache.keep("share-kept", dict))
        return [[draw(v, atlas, kept) for v in group] for group in groups]

    drawing = start_jobs(draw_kept, groups, here, kept_workers(inputs), boundaries, label_names(inputs))
    return lambda: [files for group in drawing() for files in group]


SHARE_IMAGES = Output(
    "share",
    collect=share_views,
    render=lambda view, inputs: draw_many([view], inputs)()[0],
    render_many=draw_many,
)
