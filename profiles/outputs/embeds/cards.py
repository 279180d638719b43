"""Fact cards as embeds: each headline figure of a district (`headline.all_cards`) and its goals summary,
each a small static page a newsroom can paste on its own.

    embed/<slug>/card/<id>/index.html     the card (CARD_PAGES); <id> is Card.id, or "goals" for the summary
    embed/<slug>/card/<id>/card.png|.svg  its image twin (card_image.CARD_IMAGES)

A card shows the figure (comparator, value, unit), what it measures, its year, a goal's status and the
hedge its statement uses (力争, 推动 …: headline keeps the first one), the fact's caution where it has one
(right under the figure: a card never shows a doubtful number without it), the source (title, publisher,
date, and the quotes where there are some) and a link to the profile. Nothing is added to what the data says.

The page follows the map embeds' contract (static/frame.js, shared with them): ?theme=light|dark|auto,
?id= echoed in its height messages, a height that is a function of its width, told to the host's
resize.js once per real change. No inline script or style (its own CSP allows neither), no request
to another host, no web font.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from ...engine.context import BuildContext
from ...engine.rendering import Inputs, Output
from ...engine.templating import environment
from ...facts import headline
from ...facts.present import embed_path, num, oembed_url, value_text
from ...facts.texts import t
from ...model import District, Source
from ...model.dataset import Dataset
from ...model.kinds import BY_LIST
from ..maps.assets import asset_urls

TEMPLATES = Path(__file__).parent / "templates"
STATIC = Path(__file__).parent / "static"
PREFIX = "../../../../"  # from embed/<slug>/card/<id>/ to the site root
SUMMARY_ID = "goals"
SITE_NAME = t("site.name")
MAX_SOURCES = 3  # the summary card names this many sources, then counts the rest
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'"
)


@dataclass(frozen=True)
class SourceLine:
    title: str
    publisher: str
    date: str  # YYYY-MM-DD
    url: str | None
    text: str  # as every image names it (headline.source_line)


@dataclass(frozen=True)
class CardPage:
    """What one card embed shows (page and images alike)."""

    slug: str
    id: str
    district: str
    kind: str  # "indicator" | "goal" | "summary"
    kind_label: str  # 已公布 / 目标 / 发展目标
    comparator: str
    value: str
    unit: str
    label: str
    year: str  # "" for the summary
    status_label: str
    hedge: str
    statement: str
    quotes: tuple[str, ...]  # the fact's quotes, each its own passage (never joined into one)
    sources: tuple[SourceLine, ...]
    more_sources: int  # sources not named (the summary's)
    profile_url: str
    site_name: str = SITE_NAME
    oembed: str | None = None  # the absolute URL of its oEmbed JSON, when the site's URL is known
    caution: str = ""  # the fact's caution (headline.Card.caution)
    lang: str = "zh"  # the edition it is shown in (the images' own words: profiles/outputs/embeds/card_image.py)

    @property
    def title(self) -> str:
        """The card's heading, the iframe's title and the image's title."""
        return t("card.title", district=self.district, label=self.label)

    @property
    def value_text(self) -> str:
        return value_text(self.comparator, self.value, self.unit)

    @property
    def meta(self) -> str:
        """E.g. "目标（力争） · 2025 年 · 进行中"."""
        parts = [t("card.meta.hedge", kind=self.kind_label, hedge=self.hedge) if self.hedge else self.kind_label]
        if self.year:
            parts.append(
                t("card.meta.year", year=self.year) if self.kind == "goal" else t("card.meta.as_of", year=self.year)
            )
        if self.status_label:
            parts.append(self.status_label)
        return t("list.dot").join(parts)

    @property
    def source_text(self) -> str:
        named = t("list.semi").join(s.text for s in self.sources)
        return (
            t("sources.more", named=named, count=len(self.sources) + self.more_sources) if self.more_sources else named
        )

    @property
    def alt(self) -> str:
        """The image's alt text (SVG <desc>, the embed code's <noscript><img alt>): everything it shows."""
        caution = t("card.caution", caution=self.caution) if self.caution else ""
        quotes = "".join(t("card.alt.quote", quote=q) for q in self.quotes)
        return t(
            "card.alt",
            title=self.title,
            value=self.value_text,
            meta=self.meta,
            caution=caution,
            statement=self.statement,
            quotes=quotes,
            sources=self.source_text,
        )


def _sources(ids, sources: dict[str, Source]) -> tuple[SourceLine, ...]:
    return tuple(
        SourceLine(s.title, s.publisher, s.published.isoformat(), s.url, headline.source_line(s))
        for s in (sources[i] for i in dict.fromkeys(ids) if i in sources)
    )


def _profile(ctx: BuildContext, slug: str, anchor: str) -> str:
    return f"{ctx.site_url or PREFIX}districts/{slug}/#{anchor}"


def _oembed(ctx: BuildContext, slug: str, card_id: str) -> str | None:
    return oembed_url(ctx.site_url, embed_path(slug, card_id))


def card_page(d: District, c: headline.Card, sources: dict[str, Source], ctx: BuildContext) -> CardPage:
    return CardPage(
        slug=d.slug,
        id=c.id,
        district=d.name.zh,
        kind=c.kind,
        kind_label=c.kind_label,
        comparator=c.comparator,
        value=c.value,
        unit=c.unit,
        label=c.label,
        year=c.year,
        status_label=c.status_label,
        hedge=c.hedge,
        statement=c.statement,
        quotes=tuple(q.text for q in c.quotes),
        sources=_sources(c.sources, sources),
        more_sources=0,
        profile_url=_profile(ctx, d.slug, c.anchor),
        oembed=_oembed(ctx, d.slug, c.id),
        caution=c.caution,
        lang=ctx.lang,
    )


def summary_page(d: District, sources: dict[str, Source], ctx: BuildContext) -> CardPage | None:
    """The goals summary: how many goals, the generated sentences, the sources they cite. None without goals."""
    if not d.goals:
        return None
    cited = _sources([s for g in d.goals for s in g.sources], sources)
    return CardPage(
        slug=d.slug,
        id=SUMMARY_ID,
        district=d.name.zh,
        kind="summary",
        kind_label=t("card.kind.summary"),
        comparator="",
        value=num(len(d.goals)),
        unit=BY_LIST["goals"].unit,  # 项 (profiles.model.kinds)
        label=BY_LIST["goals"].label,  # 发展目标
        year="",
        status_label="",
        hedge="",
        statement=headline.goals_sentence(d.name.zh, d.goals) + headline.status_sentence(d.goals),
        quotes=(),
        sources=cited[:MAX_SOURCES],
        more_sources=max(0, len(cited) - MAX_SOURCES),
        profile_url=_profile(ctx, d.slug, "goals"),
        oembed=_oembed(ctx, d.slug, SUMMARY_ID),
        lang=ctx.lang,
    )


def district_cards(d: District, sources: dict[str, Source], ctx: BuildContext) -> tuple[CardPage, ...]:
    """Every card of a district, in page order: the goals summary first, then each figure."""
    summary = summary_page(d, sources, ctx)
    return ((summary,) if summary else ()) + tuple(card_page(d, c, sources, ctx) for c in headline.all_cards(d))


def card_views(dataset: Dataset, ctx: BuildContext, found: Mapping[str, tuple[CardPage, ...]] | None = None):
    """(path, view) of every card page; `found`: every district's cards, already made (`build_cards`)."""
    for slug, d in dataset.districts.items():
        for view in found[slug] if found is not None else district_cards(d, dataset.sources, ctx):
            yield f"{embed_path(slug, view.id)}index.html", view


def build_cards(inputs: Inputs) -> Mapping[str, tuple[CardPage, ...]]:
    """slug -> every card of the district, made once per build: the profile pages' card panels, the card
    pages, their images and their oEmbed JSON all show these same objects."""

    def make() -> dict[str, tuple[CardPage, ...]]:
        dataset = inputs.dataset
        return {slug: district_cards(d, dataset.sources, inputs.ctx) for slug, d in dataset.districts.items()}

    return inputs.resource("card-views", make)


def build_card_views(inputs: Inputs):
    """(path, view) of every card page of the build (`card_views` over `build_cards`)."""
    return card_views(inputs.dataset, inputs.ctx, build_cards(inputs))


def render_card(view: CardPage, inputs: Inputs | None = None) -> str:
    urls = asset_urls(PREFIX)
    return (
        environment(TEMPLATES)
        .get_template("card.html.j2")
        .render(
            c=view,
            csp=CSP,
            css=f"{PREFIX}assets/embeds/card.css?v={css_version()}",
            frame_js=urls["frame.js"],
            favicon=urls["favicon.svg"],
        )
    )


def css_version() -> str:
    return hashlib.sha256((STATIC / "card.css").read_bytes()).hexdigest()[:10]


CARD_PAGES = Output(
    "card",
    collect=build_card_views,
    render=render_card,
)
