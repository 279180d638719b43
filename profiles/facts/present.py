"""Presentation facts, each made in one place so every page, embed, image and report that shows it agrees:
how a number and a value read, whether a goal's status is known, what a map is called, the code that embeds a
page, where an embed's oEmbed JSON is.

Plain functions of the models' values and plain strings (a site URL, a name); no build context, no I/O.
Imports the model layer only (models, enums, numbers.catalogue), profiles.model.kinds and profiles.facts.texts (the words:
each title and alt text here is a message of the catalogue, filled with the numbers and names made here).

Map titles differ by output, and each output keeps its own (the built site is byte-identical):
the embed page, its iframe and its oEmbed JSON say `map_title` (海珠区园区与重大项目地图); the drawn images
`image_title` (海珠区产业园区与重大项目); a profile's map figure `figure_caption` (海珠区产业园区与重大项目地图);
the home page's city map `city_figure_caption` (广州市 11 区产业园区与重大项目地图).
"""

from __future__ import annotations

from typing import Any

from markupsafe import escape

from ..model import Figure, Goal, Quantity, Target
from ..model.enums import LABELS_ZH, Comparator, GoalStatus, Period
from ..model.indicators import number_text
from ..model.kinds import BY_LIST
from .texts import t
from .texts.phrases import SOURCE, phrase

__all__ = ["number_text"]

# --- numbers and values ----------------------------------------------------------------------------------


def num(value: float) -> str:
    """A number as pages print it: thousands separated from 10,000 up, no trailing ".0"."""
    return f"{value:,.0f}" if float(value).is_integer() and abs(value) >= 10000 else f"{value:g}"


def symbol(comparator: Comparator | None) -> str:
    """A comparator as a card prints it before the number: "≥", ">", "≈" …; "" for a number stated exactly."""
    return "" if comparator is None or comparator == Comparator.exactly else comparator.symbol


def value_text(comparator: str, value: str, unit: str) -> str:
    """A card's figure as one string: comparator symbol, number and unit, e.g. "≥ 5.5%" (cards, their images)."""
    return f"{comparator} {value}{unit}".strip()


def target_text(target: Target | None) -> str:
    """A goal's target as tables print it, e.g. "力争 ≥ 6%（增速）"; "—" without one."""
    if target is None:
        return "—"
    text = f"{target.hedge + ' ' if target.hedge else ''}{target.comparator.symbol} {num(target.value)}{target.unit}"
    return t("target.growth", target=text) if target.measure == "growth" else text  # a str Enum: no slow `.value`


def quantity_text(q: Quantity | None, comparator: Comparator | None = None) -> str:
    """E.g. "> 200 亿元": the comparator given (an indicator's own), else the quantity's ("超过" → ">")."""
    if q is None:
        return ""
    comparator = comparator if comparator is not None else q.comparator
    sym = "" if comparator is None or comparator.value == "exactly" else comparator.symbol + " "
    return f"{sym}{num(q.value)} {q.unit}"


def quantity_words(label: str, q: Quantity | None) -> str | None:
    """E.g. "投资 超过 200 亿元": the source's own word for how the number binds, the number as the source
    writes it (a map's popup and list)."""
    if q is None:
        return None
    word = q.comparator.word + " " if q.comparator is not None and q.comparator.word else ""
    return f"{label} {word}{number_text(q.value)} {q.unit}"


def yaml_text(value: Any) -> str:
    """A value as an editor would write it in YAML (flow style): what the review (`profiles diff`) shows."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    if value is None:
        return "（无）"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(yaml_text(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {yaml_text(v)}" for k, v in value.items() if v is not None) + "}"
    return str(value)


# --- a goal's status ---------------------------------------------------------------------------------------


def known_status(g: Goal) -> str | None:
    """A goal's status code when the sources say it (never "unknown"); None otherwise."""
    return g.status.value if g.status not in (None, GoalStatus.unknown) else None


def any_status_known(goals) -> bool:
    """Whether some goal's status is known (else a page shows no status at all: no column, no "进展")."""
    return any(known_status(g) for g in goals)


# --- map titles --------------------------------------------------------------------------------------------

_PROJECTS = BY_LIST["projects"].label  # 重大项目: the messages' {projects}


def map_title(name: str, lang: str = SOURCE) -> str:
    """A district's map embed: its page's <h1>, its iframe's title, its oEmbed title (in `lang`)."""
    return t("map.title", lang=lang, name=name, projects=phrase(_PROJECTS, lang))


def city_map_title(city_name: str, lang: str = SOURCE) -> str:
    """The city's map embed (every district's points)."""
    return t("map.title.city", lang=lang, city=city_name, projects=phrase(_PROJECTS, lang))


def image_title(name: str | None, city_name: str | None, count: int, lang: str = SOURCE) -> str:
    """The title drawn on a district's image (`name`), or on the city's (name None, `count` districts)."""
    projects = phrase(_PROJECTS, lang)
    if name is not None:
        return t("map.image.title", lang=lang, name=name, projects=projects)
    city = city_name or t("map.image.whole_city", lang=lang)
    return t("map.image.title.city", lang=lang, city=city, count=count, projects=projects)


def figure_caption(name: str) -> str:
    """The caption of a profile's map figure."""
    return t("map.caption", name=name, projects=_PROJECTS)


def city_figure_caption(count: int) -> str:
    """The caption of the home page's city map."""
    return t("map.caption.city", count=count, projects=_PROJECTS)


def image_alt(title: str, n_parks: int, n_projects: int, district_names: list[str], lang: str = SOURCE) -> str:
    """Alt text saying what a map image shows (and that it is a static fallback), in `lang`."""
    if len(district_names) == 1:
        where = t("map.alt.where.one", lang=lang, name=district_names[0])
    elif district_names:
        names = t("list.sep", lang=lang).join(district_names)
        where = t("map.alt.where.many", lang=lang, count=len(district_names), names=names)
    else:
        where = t("map.alt.where.none", lang=lang)
    what = []
    if n_parks:
        what.append(t("map.alt.parks", lang=lang, count=n_parks))
    if n_projects:
        what.append(t("map.alt.projects", lang=lang, count=n_projects, projects=phrase(_PROJECTS, lang)))
    marks = (
        t("map.alt.marks", lang=lang, what=t("list.and", lang=lang).join(what))
        if what
        else t("map.alt.no_marks", lang=lang)
    )
    return t("map.alt", lang=lang, title=title, where=where, marks=marks)


# --- embed code and oEmbed ---------------------------------------------------------------------------------

SANDBOX = "allow-scripts allow-popups allow-popups-to-escape-sandbox"


def embed_path(slug: str, card_id: str | None = None) -> str:
    """An embed page's folder under the site root: a map's ("embed/haizhu/") or a card's."""
    return f"embed/{slug}/" + (f"card/{card_id}/" if card_id is not None else "")


def oembed_path(embed: str) -> str:
    """The JSON's path for an embed page's folder, e.g. "embed/haizhu/" -> "embed/haizhu/oembed.json"."""
    return f"{embed}oembed.json"


def oembed_url(site: str | None, embed: str) -> str | None:
    """The absolute URL of an embed page's oEmbed JSON; None without the site's public URL (none is written)."""
    return f"{site}{oembed_path(embed)}" if site else None


def iframe_code(
    site: str, src: str, title: str, style: str, embed_id: str, image: str, alt: str, extra: str = "", srcset: str = ""
) -> str:
    """The HTML a newsroom pastes (maps, cards, charts): a sandboxed, lazy iframe of `src`, the PNG `image` for
    hosts without JS (`srcset`: its 2x twin), and resize.js to fit the height to the content. `extra`: more
    attributes after data-gz-embed. panel.js builds the maps' and cards' in the same bytes."""
    e = lambda s: str(escape(s))  # noqa: E731 - markupsafe's escaping, which panel.js mirrors
    twin = f' srcset="{e(srcset)} 2x"' if srcset else ""
    return (
        f'<iframe src="{e(src)}" title="{e(title)}" loading="lazy" style="{style}" '
        f'sandbox="{SANDBOX}" data-gz-embed="{embed_id}"{extra}></iframe>\n'
        f'<noscript><img src="{e(image)}"{twin} alt="{e(alt)}" style="max-width:100%;height:auto"></noscript>\n'
        f'<script src="{e(site)}embed/resize.js" async></script>'
    )


def period_text(f: Figure, compact: bool = False) -> str:
    """When a figure holds: 2024年 · 2025年前三季度 · 2023年末 · 2020年普查; `compact` (a table's cell): 2024 ·
    2025前三季度 · 2023年末."""
    if f.period is Period.full_year:
        return str(f.year) if compact else f"{f.year}年"
    if f.period is Period.year_end:
        return f"{f.year}年末"
    return f"{f.year}{'' if compact else '年'}{LABELS_ZH[f.period.value]}"
