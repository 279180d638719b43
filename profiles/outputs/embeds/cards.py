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
from ...facts.texts import phrases, t
from ...facts.texts.phrases import SOURCE
from ...model import District, Source
from ...model.dataset import Dataset
from ...model.enums import LABELS_ZH
from ...model.kinds import BY_LIST
from ..maps.assets import asset_urls

phrase = phrases.of(__file__).phrase  # this stage's catalogue first (profiles/facts/texts/phrases.py)

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
    lang: str = SOURCE  # the edition's language: its words

    @property
    def title(self) -> str:
        """The card's heading, the iframe's title and the image's title."""
        return t("card.title", lang=self.lang, district=self.district, label=self.label)

    @property
    def value_text(self) -> str:
        return value_text(self.comparator, self.value, self.unit, self.lang)

    @property
    def meta(self) -> str:
        """E.g. "目标（力争） · 2025 年 · 进行中"."""
        lang = self.lang
        hedged = t("card.meta.hedge", lang=lang, kind=self.kind_label, hedge=self.hedge) if self.hedge else ""
        parts = [hedged or self.kind_label]
        if self.year:
            parts.append(
                t("card.meta.year", lang=lang, year=self.year)
                if self.kind == "goal"
                else t("card.meta.as_of", lang=lang, year=self.year)
            )
        if self.status_label:
            parts.append(self.status_label)
        return t("list.dot", lang=lang).join(parts)

    @property
    def source_text(self) -> str:
        named = t("list.semi", lang=self.lang).join(s.text for s in self.sources)
        if not self.more_sources:
            return named
        return t("sources.more", lang=self.lang, named=named, count=len(self.sources) + self.more_sources)

    @property
    def alt(self) -> str:
        """The image's alt text (SVG <desc>, the embed code's <noscript><img alt>): everything it shows."""
        lang = self.lang
        caution = t("card.caution", lang=lang, caution=self.caution) if self.caution else ""
        caution += " " if caution and lang != SOURCE else ""  # English sentences are spaced
        if lang == SOURCE:
            quotes = "".join(t("card.alt.quote", quote=q) for q in self.quotes)
        else:  # the quotes' English renderings, said to be translations
            quotes = "".join(phrase("原文（译文）：“{quote}”。", lang, quote=q) for q in self.quotes)
        return t(
            "card.alt",
            lang=lang,
            title=self.title,
            value=self.value_text,
            meta=self.meta,
            caution=caution,
            statement=self.statement,
            quotes=quotes,
            sources=self.source_text if lang == SOURCE else self.sources_said,
        )

    @property
    def sources_said(self) -> str:
        """The sources as an alt text in another language says them: how many, in Chinese, and their dates (their
        titles and publishers stay Chinese on the card, where they are marked so)."""
        n = len(self.sources) + self.more_sources
        dates = t("list.sep", lang=self.lang).join(dict.fromkeys(s.date for s in self.sources))
        return phrase("{n} 个中文来源（{dates}）", self.lang, n=n, dates=dates)


def _sources(ids, sources: dict[str, Source], lang: str = SOURCE) -> tuple[SourceLine, ...]:
    return tuple(
        SourceLine(s.title, s.publisher, s.published.isoformat(), s.url, headline.source_line(s, lang))
        for s in (sources[i] for i in dict.fromkeys(ids) if i in sources)
    )


def _profile(ctx: BuildContext, slug: str, anchor: str) -> str:
    """The card's entry on its profile, in the card's edition."""
    root = ctx.site_url + ctx.prefix if ctx.site_url else PREFIX
    return f"{root}districts/{slug}/#{anchor}"


def _oembed(ctx: BuildContext, slug: str, card_id: str) -> str | None:
    return oembed_url(ctx.site_url, ctx.prefix + embed_path(slug, card_id))


def _name(d: District, lang: str) -> str:
    return d.name.zh if lang == SOURCE else d.name.en


def _label(d: District, c: headline.Card, lang: str) -> str:
    """The card's label: headline's, or in another language a growth target's metric named a growth rate there."""
    goal = next((g for g in d.goals if c.id == f"goal-{g.id}"), None) if lang != SOURCE else None
    if goal is None or goal.target is None or goal.target.measure.value != "growth":
        return c.label
    chinese = getattr(goal.metric, "zh", None) or goal.metric
    if chinese.endswith(("增速", "增长")):
        return goal.metric
    return t("card.label.growth", lang=lang, metric=goal.metric)


def card_page(d: District, c: headline.Card, sources: dict[str, Source], ctx: BuildContext) -> CardPage:
    lang = ctx.lang
    if lang == SOURCE:
        kind_label = c.kind_label
    else:
        kind_label = t("card.kind.goal", lang=lang) if c.kind == "goal" else t("card.kind.indicator", lang=lang)
    return CardPage(
        slug=d.slug,
        id=c.id,
        district=_name(d, lang),
        kind=c.kind,
        kind_label=kind_label,
        comparator=c.comparator,
        value=c.value,
        unit=c.unit,
        label=_label(d, c, lang),
        year=c.year,
        status_label=phrase(LABELS_ZH[c.status], lang) if c.status else "",
        hedge=c.hedge,
        statement=c.statement,
        quotes=tuple(q.text for q in c.quotes),
        sources=_sources(c.sources, sources, lang),
        more_sources=0,
        profile_url=_profile(ctx, d.slug, c.anchor),
        site_name=t("site.name", lang=lang),
        oembed=_oembed(ctx, d.slug, c.id),
        caution=c.caution,
        lang=lang,
    )


def summary_page(d: District, sources: dict[str, Source], ctx: BuildContext) -> CardPage | None:
    """The goals summary: how many goals, the generated sentences, the sources they cite. None without goals."""
    if not d.goals:
        return None
    lang = ctx.lang
    cited = _sources([s for g in d.goals for s in g.sources], sources, lang)
    name = _name(d, lang)
    return CardPage(
        slug=d.slug,
        id=SUMMARY_ID,
        district=name,
        kind="summary",
        kind_label=t("card.kind.summary", lang=lang),
        comparator="",
        value=num(len(d.goals)),
        unit=BY_LIST["goals"].unit if lang == SOURCE else "",  # 项 (profiles.model.kinds): no counter word in English
        label=phrase(BY_LIST["goals"].label, lang),  # 发展目标
        year="",
        status_label="",
        hedge="",
        statement=_sentences(headline.goals_sentence(name, d.goals, lang), headline.status_sentence(d.goals, lang)),
        quotes=(),
        sources=cited[:MAX_SOURCES],
        more_sources=max(0, len(cited) - MAX_SOURCES),
        profile_url=_profile(ctx, d.slug, "goals"),
        site_name=t("site.name", lang=lang),
        oembed=_oembed(ctx, d.slug, SUMMARY_ID),
        lang=lang,
    )


def _sentences(*sentences: str) -> str:
    """Sentences one after another: a Chinese sentence ends with its full stop, others need a space."""
    return " ".join(s for s in sentences if s) if any(s.endswith(".") for s in sentences) else "".join(sentences)


def district_cards(d: District, sources: dict[str, Source], ctx: BuildContext) -> tuple[CardPage, ...]:
    """Every card of a district, in page order: the goals summary first, then each figure."""
    summary = summary_page(d, sources, ctx)
    return ((summary,) if summary else ()) + tuple(
        card_page(d, c, sources, ctx) for c in headline.all_cards(d, lang=ctx.lang)
    )


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
    shared = (inputs.ctx.up if inputs is not None else "") + PREFIX  # assets/ are both editions'
    urls = asset_urls(shared)
    return (
        environment(TEMPLATES)
        .get_template("card.html.j2")
        .render(
            c=view,
            lang=view.lang,
            csp=CSP,
            css=f"{shared}assets/embeds/card.css?v={css_version()}",
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
