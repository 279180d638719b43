"""Share images, made for WeChat and Weibo, where an article holds no iframe and readers pass on images:
each one 1080 px wide (what a WeChat article shows at full resolution), drawn at that size, carrying
its title, the figure, its sources, the site's name and a QR code back to the page it lives on.

    embed/<slug>/card/<id>/share.png   a fact card's (drawn with its other images: embeds/card_image.py)
    embed/<slug>/share.png             a map's, each district's and the city's (images.SHARE_IMAGES)
    districts/<slug>/share.png         a district's 分享长图 (images.SHARE_IMAGES)

The modules:
- here: what the pages say about the images (file names, the alt text's tail): light, no Pillow;
- images.py — the views (what each image shows, from the same data the pages show) and the output;
- draw.py — each kind of image laid out as blocks of a `frame.Sheet`;
- frame.py — the sheet: text wrapped by the drawn glyphs' widths, images, cells, the footer (Pillow);
- qr.py — the QR code of an absolute URL (segno).

A chart (or any finished figure) is framed by `frame.chart(title, png_bytes, source, url, site_name)`:
render it `frame.INNER` (952) px wide (vl-convert: a 476 px wide chart at scale 2) — a wider one is scaled
down, a narrower one centred, never scaled up. Its output's view should hold the chart's own view (so
the share image is redrawn exactly when the chart is) plus the source line and `compare_url(ctx, anchor)`,
and its render read the chart's PNG from `inputs.results`, as oembed.py reads the map images'.
Without the site's public URL (mkdocs.yml site_url, PROFILES_SITE_URL) an image carries no QR code,
and says so in the image.
"""

from __future__ import annotations

from ...engine.context import BuildContext
from ...facts.headline import source_line
from ...facts.texts import phrases, t
from ...model import CITY_SLUG, District, Source
from ...model.kinds import BY_LIST

phrase = phrases.of(__file__).phrase  # this stage's catalogue first (profiles/facts/texts/phrases.py)

FILE = "share.png"
WIDTH = 1080  # px: frame.WIDTH (this module stays free of Pillow)
MAP_SOURCES = 3  # a map's share image names this many of its points' sources, then counts the rest


def site_name(lang: str = "zh") -> str:
    """The site's name as the images' footers write it, in `lang`."""
    return t("site.name", lang)


def alt_tail(has_code: bool, target: str, lang: str = "zh") -> str:
    """What a share image adds to the alt text of the figure it frames: its footer. `target`: what the
    code opens, e.g. "这一条在档案中的位置"."""
    return t("share.alt.tail", lang, target=target) if has_code else t("share.alt.tail.no_code", lang)


def long_alt(
    name: str,
    role: str,
    figures: list[str],
    themes: list[str],
    sources: int,
    as_of: str,
    has_map: bool,
    has_code: bool,
    lang: str = "zh",
) -> str:
    """The 分享长图's alt text, from what it shows: `figures` the labels of its figures, `themes` of its goals,
    `sources` how many it names. The profile page (its link) and the image's view both make it here."""
    sep = t("list.sep", lang)
    parts = []
    if figures:
        parts.append(t("share.long.alt.figures", lang, count=len(figures), figures=sep.join(figures)))
    if has_map:
        parts.append(t("share.long.alt.map", lang, projects=projects_word(lang)))
    if themes:
        parts.append(t("share.long.alt.themes", lang, count=len(themes), themes=sep.join(themes)))
    parts.append(t("share.long.alt.sources", lang, count=sources))
    when = t("share.long.alt.as_of", lang, as_of=as_of) if as_of else ""
    if lang != "zh":  # the message ends the role's sentence itself
        role = role.rstrip(".")
    role = t("share.long.alt.role", lang, role=role) if role else ""
    text = t("share.long.alt", lang, name=name, role=role, parts=sep.join(parts), when=when)
    return text + alt_tail(has_code, t("share.long.target", lang, name=name), lang)


def projects_word(lang: str = "zh") -> str:
    """The list of major projects as the images' words name it ({projects}), in `lang`."""
    return BY_LIST["projects"].label if lang == "zh" else phrase("重大项目", lang)


def goals_word(lang: str = "zh") -> str:
    """The list of goals as the 分享长图's heading names it ({goals}), in `lang`."""
    return BY_LIST["goals"].label if lang == "zh" else phrase("发展目标", lang)


def profile_url(ctx: BuildContext, slug: str, anchor: str = "") -> str | None:
    """The absolute URL of a district's profile (at `anchor`) in the build's edition, or None without the site's URL."""
    if not ctx.site_url:
        return None
    return f"{ctx.site_url}{ctx.prefix}districts/{slug}/" + (f"#{anchor}" if anchor else "")


def compare_url(ctx: BuildContext, anchor: str = "") -> str | None:
    """Where a city chart's share image leads (`frame.chart(..., url=compare_url(ctx, anchor))`): the
    compare page, at the chart's anchor; None without the site's URL."""
    if not ctx.site_url:
        return None
    return f"{ctx.site_url}{ctx.prefix}compare/" + (f"#{anchor}" if anchor else "")


def map_target(ctx: BuildContext, slug: str, district: District | None) -> tuple[str | None, str, str]:
    """Where a map's share image leads: (absolute URL or None, what its footer says the code opens, the
    same for its alt text). A district's map: its profile's map section (the profile when it has no
    points, hence no map section); the city's: the home page, where the city map is. In the build's
    language (`ctx.lang`)."""
    lang = ctx.lang
    if slug == CITY_SLUG or district is None:
        home = f"{ctx.site_url}{ctx.prefix}" if ctx.site_url else None
        return home, t("share.map.note.city", lang), t("share.map.target.city", lang)
    has_map = bool(district.parks or district.projects)
    url = profile_url(ctx, slug, "map" if has_map else "")
    name = district.name.zh if lang == "zh" else (district.name.en or district.name.zh)
    return url, t("share.map.note", lang, name=name), t("share.map.target", lang, name=name)


def _map_sources(profiles: list[District], sources: dict[str, Source]) -> list[Source]:
    """The sources a map's parks and projects cite, in order."""
    ids = [s for d in profiles for p in [*d.parks, *d.projects] for s in p.sources]
    return [sources[s] for s in dict.fromkeys(ids) if s in sources]


def map_source(profiles: list[District], sources: dict[str, Source], lang: str = "zh") -> str:
    """ "来源：…" of a map: the first few sources its parks and projects cite, then how many in all."""
    named = _map_sources(profiles, sources)
    text = t("list.semi", lang).join(source_line(s, lang) for s in named[:MAP_SOURCES])
    if len(named) > MAP_SOURCES:
        text = t("sources.more", lang, named=text, count=len(named))
    return t("card.sources", lang, sources=text) if text else t("share.map.no_sources", lang)


def map_source_alt(profiles: list[District], sources: dict[str, Source], lang: str = "zh") -> str:
    """`map_source` as an alt text says it: the same in Chinese; in another language how many sources, in
    Chinese, and their dates (titles and publishers stay Chinese, which an alt text cannot mark as such; the
    card alt texts say them so too: embeds/cards.py `sources_said`)."""
    if lang == "zh":
        return map_source(profiles, sources, lang)
    named = _map_sources(profiles, sources)
    if not named:
        return t("share.map.no_sources", lang)
    shown = named[:MAP_SOURCES]
    dates = t("list.sep", lang).join(dict.fromkeys(s.published.isoformat() for s in shown))
    text = phrase("{n} 个中文来源（{dates}）", lang, n=len(shown), dates=dates)
    if len(named) > MAP_SOURCES:
        text = t("sources.more", lang, named=text, count=len(named))
    return t("card.sources", lang, sources=text)


def map_alt(alt: str, source: str, has_code: bool, target: str, lang: str = "zh") -> str:
    """A map's share image's alt text: the map's own (`staticmap.alt_text`: its title and what it shows),
    its source line, its footer."""
    tail = alt_tail(has_code, target, lang)
    return alt + (t("share.map.alt.source", lang, source=source) if source else "") + tail
