"""The "嵌入地图" panel on every profile: embed code for newsrooms, options, preview, image downloads.

    from profiles import embeds
    embeds.write_embeds(out)                  # static/panel.js and panel.css at assets/embeds/
    embeds.panel(ctx, slug, profiles)         # what pages/templates/_embed_panel.html.j2 renders
    embeds.card_panel(ctx, slug, cards)       # what pages/templates/_card_panel.html.j2 renders

Beside it: cards.py (each headline figure and the goals summary as its own embed page, CARD_PAGES),
card_image.py (their PNG and SVG twins and share images, CARD_IMAGES) and oembed.py (a static oEmbed JSON beside every
embed page, OEMBED); `card_code` is a card's embed code as `embed_code` is a map's.

The build-wide facts a panel needs (site URL, the names drawn on the images, the city's name) come in
the build's context (`profiles.engine.context.BuildContext`); without them (`ctx.embed_names` is None) the
partial renders nothing.

Where the code points (absolute URLs, because a newsroom pastes it on another site):
- at build time, to the site's public URL (`Config.site_url`: env PROFILES_SITE_URL, else mkdocs.yml `site_url`), else
  PLACEHOLDER (an `.invalid` host the panel flags in words) — this is what readers without JS see;
- at run time, panel.js rewrites it to the root of the page the reader is on (location + the page's
  relative prefix, so a site under a sub-path works). So the code a reader copies is always the code
  the preview shows, and works wherever the site is served, even where site_url is unset or stale.

Python (`embed_code`) and panel.js build the code from the same options in the same bytes;
tests/test_embeds_browser.py compares the two.

The partial holds only what a reader without JS needs (the summary, a lead sentence, the warning when
the URL is unset, the default code and the image links): Python-Markdown parses every raw-HTML tag of
every page twice, so at 1,000 districts each tag costs. panel.js builds the options form, copy
button, notes and preview on first open from the panel's data-* attributes and its own constants,
which mirror LAYERS, THEMES and HEIGHT_RANGE here (the browser tests compare them).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ...engine.context import BuildContext
from ...engine.output import Outputs
from ...facts.present import city_map_title, embed_path, iframe_code, image_alt, image_title, map_title
from ...facts.texts import phrases, t
from ...facts.texts.phrases import SOURCE
from ...model import CITY_SLUG, Source
from .. import share
from .cards import CardPage

phrase = phrases.of(__file__).phrase  # this stage's catalogue first (profiles/facts/texts/phrases.py)

STATIC = Path(__file__).parent / "static"
ASSET_DIR = "assets/embeds"
ASSETS = ("panel.js", "panel.css")  # what the profile pages load
CARD_ASSETS = ("card.css",)  # what the card embeds load (besides the maps' frame.js and favicon)
PLACEHOLDER = "https://site-url-not-configured.invalid/"
LAYERS = ("boundary", "parks", "projects")
THEMES = ("light", "dark", "auto")
HEIGHT_RANGE = (120, 4000)  # what maps.js accepts for ?height=
# A fixed map height only fixes the map; title, legend and credits add about this much at article
# widths. Used for the frame's height when resize.js cannot run; resize.js then fits it exactly.
CHROME_PX = 150
# The frame's height before resize.js fits it, and without resize.js: 3:2 of its width, at least
# 760 px. The embed's own height is a function of its width that stays within this at every width
# (tests/test_embeds_browser.py checks it), so nothing is cut off even where no script may run.
FRAME_RATIO = "aspect-ratio:3/2;min-height:760px"


# --- the code ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Options:
    """What the panel's form sets; each non-default value becomes a URL parameter of the embed page."""

    layers: tuple[str, ...] = LAYERS
    theme: str = "light"  # the embed page's own default
    legend: bool = True
    height: int | None = None  # the map's height in px; None: a function of the width

    def query(self, embed_id: str) -> str:
        parts = [f"id={embed_id}"]
        if tuple(k for k in LAYERS if k in self.layers) != LAYERS:
            parts.append("layers=" + ",".join(k for k in LAYERS if k in self.layers))
        if self.theme != "light":
            parts.append(f"theme={self.theme}")
        if not self.legend:
            parts.append("legend=0")
        if self.height is not None:
            parts.append(f"height={self.height}")
        return "?" + "&".join(parts)

    def frame_style(self) -> str:
        if self.height is None:
            return f"width:100%;border:0;{FRAME_RATIO}"
        return f"width:100%;border:0;height:{self.height + CHROME_PX}px"


def embed_id(slug: str) -> str:
    return f"gz-{slug}"


def embed_code(site: str, slug: str, title: str, alt: str, options: Options = Options(), edition: str = "") -> str:
    """The HTML a newsroom pastes: a sandboxed, lazy, aspect-ratio iframe (right even without
    resize.js), the PNG for hosts without JS (its 2x twin for screens that have the pixels), and
    resize.js to fit the height to the content. `edition`: the language edition's folder ("" for
    Chinese, "en/"): its embed page and image; resize.js is one for both.
    panel.js `code()` must produce the same string for the same options."""
    base = f"{site}{edition}{embed_path(slug)}"
    src = f"{base}{options.query(embed_id(slug))}"
    style, eid = options.frame_style(), embed_id(slug)
    return iframe_code(site, src, title, style, eid, f"{base}map.png", alt, ' allow="fullscreen"', f"{base}map@2x.png")


# A card's frame before resize.js fits it, and without resize.js: tall enough for the longest card at a
# phone's width (tests/test_embeds_cards_browser.py measures every card at 320 px), at most 640 px wide
# like its image.
CARD_FRAME_PX = 480
CARD_WIDTH_PX = 640
CARD_STYLE = f"width:100%;max-width:{CARD_WIDTH_PX}px;border:0;height:{CARD_FRAME_PX}px"


def card_embed_id(slug: str, card_id: str) -> str:
    return f"gz-{slug}-{card_id}"


def card_code(site: str, slug: str, card_id: str, title: str, alt: str, theme: str = "light", edition: str = "") -> str:
    """The HTML that embeds one fact card (profiles/outputs/embeds/cards.py): the same frame, fallback image and
    host script as a map's; its only option is the theme. panel.js `cardCode()` mirrors it byte for byte."""
    eid = card_embed_id(slug, card_id)
    base = f"{site}{edition}{embed_path(slug, card_id)}"
    src = f"{base}?id={eid}" + (f"&theme={theme}" if theme != "light" else "")
    return iframe_code(site, src, title, CARD_STYLE, eid, f"{base}card.png", alt, srcset=f"{base}card@2x.png")


# --- what the partial renders ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Panel:
    slug: str
    embed_id: str
    title: str  # the iframe's title: the embed page's <h1>
    alt: str  # the static image's alt text: its SVG <desc>
    site: str
    configured: bool  # False: `site` is PLACEHOLDER
    code: str
    versions: Mapping[str, str] = field(default_factory=dict)
    share_alt: str = ""  # the alt text of its share image (profiles/outputs/share/): the map's, its sources, its footer
    edition: str = ""  # the edition's folder under the site ("" Chinese, "en/"): where its embeds are
    up: str = ""  # from the edition's root to the site's (its shared files: embed/resize.js)
    words: Mapping[str, str] = field(default_factory=dict)  # what panel.js writes, in the page's language


@lru_cache(maxsize=1)
def _versions() -> Mapping[str, str]:
    """A short digest of each static file, for cache-busting query strings (read once per process)."""
    return {name: hashlib.sha256((STATIC / name).read_bytes()).hexdigest()[:10] for name in ASSETS}


def panel(
    ctx: BuildContext, slug: str, profiles: Iterable, sources: Mapping[str, Source] | None = None
) -> Panel | None:
    """The panel under a map: `profiles` is the district on a profile page, every district for the city
    map; `sources`: the build's, which the map's share image names. None when the context carries no
    embed facts (a page rendered on its own)."""
    if ctx.embed_names is None:
        return None
    profiles = list(profiles)
    n_parks = sum(len(p.parks) for p in profiles)
    n_projects = sum(len(p.projects) for p in profiles)
    # The embed page's title (maps/pages.py) and the image's (profiles.facts.present); tests/test_embeds.py compares
    # them on the built site, so a drift fails there.
    lang = ctx.lang
    if slug == CITY_SLUG:
        title = city_map_title(ctx.city_name or t("map.city", lang=lang), lang=lang)
        image = image_title(None, ctx.city_name, len(profiles), lang=lang)
        names = list(ctx.embed_names.values())
    else:
        name = ctx.embed_names.get(slug, profiles[0].name.zh if lang == SOURCE else profiles[0].name.en)
        title = map_title(name, lang=lang)
        image = image_title(name, ctx.city_name, 1, lang=lang)
        names = [name]
    alt = image_alt(image, n_parks, n_projects, names, lang=lang)
    site = ctx.site_url or PLACEHOLDER
    url, _, target = share.map_target(ctx, slug, None if slug == CITY_SLUG else profiles[0])
    source = share.map_source_alt(profiles, dict(sources), lang) if sources is not None else ""
    return Panel(
        slug=slug,
        embed_id=embed_id(slug),
        title=title,
        alt=alt,
        site=site,
        configured=ctx.site_url is not None,
        code=embed_code(site, slug, title, alt, edition=ctx.prefix),
        versions=_versions(),
        share_alt=share.map_alt(alt, source, url is not None, target, lang),
        edition=ctx.prefix,
        up=ctx.up,
        words=panel_words(lang),
    )


@dataclass(frozen=True)
class CardPanel:
    """The "嵌入数字卡片" panel on a district's profile: every card, the first one's code for readers
    without JS; panel.js offers the others (from `cards`, JSON in a data-* attribute) with a preview."""

    slug: str
    site: str
    configured: bool
    cards: tuple[Mapping[str, str], ...]  # {"id", "title", "alt"} of each card, in page order
    code: str  # the first card's, default options
    versions: Mapping[str, str] = field(default_factory=dict)
    share_tail: str = ""  # what a card's share image adds to its alt text (panel.js appends it too)
    edition: str = ""  # as Panel's
    up: str = ""
    words: Mapping[str, str] = field(default_factory=dict)


def card_panel(ctx: BuildContext, slug: str, found: Sequence[CardPage]) -> CardPanel | None:
    """The panel offering `found`, the district's cards (`cards.district_cards`, or the build's
    `cards.build_cards`). None when the district has no card, or when the context carries no embed facts."""
    if ctx.embed_names is None or not found:
        return None
    site = ctx.site_url or PLACEHOLDER
    return CardPanel(
        slug=slug,
        site=site,
        configured=ctx.site_url is not None,
        cards=tuple({"id": c.id, "title": c.title, "alt": c.alt} for c in found),
        code=card_code(site, slug, found[0].id, found[0].title, found[0].alt, edition=ctx.prefix),
        versions=_versions(),
        share_tail=card_share_tail(ctx),
        edition=ctx.prefix,
        up=ctx.up,
        words=panel_words(ctx.lang),
    )


def card_share_tail(ctx: BuildContext) -> str:
    """What a card's share image adds to the card's alt text: its footer (profiles/outputs/share/draw.py `card`)."""
    return share.alt_tail(ctx.site_url is not None, t("share.card.target", ctx.lang), ctx.lang)


# The words static/panel.js writes (the options form, the copy button, notes), by the Chinese they translate. The
# partials hand them to the script as JSON (`data-gz-words`), so one script serves every language.
PANEL_WORDS = {
    "height": "地图高度",
    "heightAuto": "随宽度自适应",
    "heightFixed": "固定",
    "heightLabel": "固定的地图高度（像素）",
    "pixels": " 像素",
    "layers": "图层",
    "boundary": "区界",
    "parks": "园区",
    "projects": "项目",
    "theme": "配色",
    "light": "浅色",
    "dark": "深色",
    "auto": "跟随读者系统",
    "legend": "图例",
    "showLegend": "显示图例",
    "copy": "复制代码",
    "preview": "预览",
    "note": "嵌入框的高度只取决于宽度；代码里的 resize.js 会让它正好等于内容高度。"
    "地图不会拦截页面滚动，链接都在新标签页打开。已使用 pym.js 的网站也可以：",
    "noteEnd": "（容器元素的 id 须与地址中的 id 相同）。",
    "alt": "图片说明（可作替代文字）：",
    "shareAlt": "分享图的说明（可作替代文字）：",
    "oneLayer": "至少保留一个图层",
    "copied": "已复制到剪贴板",
    "selected": "代码已选中，请按 Ctrl+C（Mac：⌘C）复制",
    "card": "卡片 ",
    "cardCode": "嵌入代码：{title}",
}


def panel_words(lang: str = SOURCE) -> dict[str, str]:
    """PANEL_WORDS in `lang` ({title} left for the script to fill)."""
    return phrases.of(__file__).words(PANEL_WORDS, lang)


def copy_assets(out: Outputs) -> list[str]:
    return [out.put(f"{ASSET_DIR}/{name}", (STATIC / name).read_bytes()) for name in ASSETS + CARD_ASSETS]


def write_embeds(out: Outputs) -> list[str]:
    """The stage's entry point: the panel's static files under assets/embeds/. The panels themselves
    are rendered by the pages that show them (`panel`, from the build's context)."""
    return copy_assets(out)
