"""Presentation facts, each made in one place so every page, embed, image and report that shows it agrees:
how a number and a value read, whether a goal's status is known, what a map is called, the code that embeds a
page, where an embed's oEmbed JSON is.

Plain functions of the models' values and plain strings (a site URL, a name); no build context, no I/O.
Imports the model layer only (models, enums, numbers.catalogue), profiles.model.kinds and profiles.facts.texts (the words:
each title and alt text here is a message of the catalogue, filled with the numbers and names made here).

Each function that writes words or numbers takes `lang` ("zh" by default: the Chinese edition, unchanged): an English
page's numbers are grouped by thousands and carry English units (profiles.facts.units: 1316.36 亿元 reads "131.636
billion yuan"), its labels, hedges and comparators read in English (profiles.facts.labels), its names are the
caller's (pass the English name).

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
from . import units
from .labels import comparator_symbol, comparator_word, hedge_text, period_words
from .texts import t
from .texts.phrases import SOURCE

__all__ = ["number_text"]

# --- numbers and values ----------------------------------------------------------------------------------


def num(value: float, lang: str = SOURCE) -> str:
    """A number as pages print it: thousands separated from 10,000 up, no trailing ".0"; in English grouped from
    1,000 up and never rounded (profiles.facts.units.number)."""
    if lang != SOURCE:
        return units.number(value)
    return f"{value:,.0f}" if float(value).is_integer() and abs(value) >= 10000 else f"{value:g}"


def amount(value: float, unit: str, lang: str = SOURCE) -> tuple[str, str]:
    """(number, unit) as a card shows them: (num, the source's unit); in English the number moved into an English
    unit, (131.636, "billion yuan") for 1316.36 亿元 (a unit without English stays as the source writes it)."""
    return units.amount(value, unit) if lang != SOURCE else (num(value), unit)


def symbol(comparator: Comparator | None, lang: str = SOURCE) -> str:
    """A comparator as a card prints it before the number: "≥", ">", "≈" …; "" for a number stated exactly; "近"
    (no symbol readers know) reads "nearly" in English."""
    return "" if comparator is None or comparator == Comparator.exactly else comparator_symbol(comparator, lang)


def value_text(comparator: str, value: str, unit: str, lang: str = SOURCE) -> str:
    """A card's figure as one string: comparator symbol, number and unit, e.g. "≥ 5.5%" (cards, their images); in
    English a word unit is spaced: "> 20 billion yuan"."""
    return f"{comparator} {units.joined(value, unit) if lang != SOURCE else value + unit}".strip()


def target_text(target: Target | None, lang: str = SOURCE) -> str:
    """A goal's target as tables print it, e.g. "力争 ≥ 6%（增速）" / "strive to: ≥ 6% (growth)"; "—" without one."""
    if target is None:
        return "—"
    if lang == SOURCE:
        text = f"{target.comparator.symbol} {num(target.value)}{target.unit}"
    else:
        text = f"{comparator_symbol(target.comparator, lang)} {units.amount_text(target.value, target.unit)}"
    if target.hedge:
        text = t("target.hedged", lang=lang, hedge=hedge_text(target.hedge, lang), target=text)
    return t("target.growth", lang=lang, target=text) if target.measure == "growth" else text  # a str Enum


def quantity_text(q: Quantity | None, comparator: Comparator | None = None, lang: str = SOURCE) -> str:
    """E.g. "> 200 亿元" / "> 20 billion yuan": the comparator given (an indicator's own), else the quantity's
    ("超过" → ">")."""
    if q is None:
        return ""
    comparator = comparator if comparator is not None else q.comparator
    sym = "" if comparator is None or comparator.value == "exactly" else comparator_symbol(comparator, lang) + " "
    if lang != SOURCE:
        return sym + units.amount_text(q.value, q.unit)
    return f"{sym}{num(q.value)} {q.unit}"


def quantity_words(label: str, q: Quantity | None, lang: str = SOURCE) -> str | None:
    """E.g. "投资 超过 200 亿元": the source's own word for how the number binds, the number as the source
    writes it (a map's popup and list); in English "investment more than 20 billion yuan" (`label`: the caller's,
    in the page's language)."""
    if q is None:
        return None
    word = comparator_word(q.comparator, lang)
    word = word + " " if word else ""
    if lang != SOURCE:
        return f"{label} {word}{units.amount_text(q.value, q.unit)}"
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


def _projects(lang: str) -> str:
    """重大项目 / major projects: the messages' {projects} (profiles.model.kinds)."""
    return BY_LIST["projects"].title_in(lang)


def map_title(name: str, lang: str = SOURCE) -> str:
    """A district's map embed: its page's <h1>, its iframe's title, its oEmbed title."""
    return t("map.title", lang=lang, name=name, projects=_projects(lang))


def city_map_title(city_name: str, lang: str = SOURCE) -> str:
    """The city's map embed (every district's points)."""
    return t("map.title.city", lang=lang, city=city_name, projects=_projects(lang))


def image_title(name: str | None, city_name: str | None, count: int, lang: str = SOURCE) -> str:
    """The title drawn on a district's image (`name`), or on the city's (name None, `count` districts)."""
    if name is not None:
        return t("map.image.title", lang=lang, name=name, projects=_projects(lang))
    city = city_name or t("map.image.whole_city", lang=lang)
    return t("map.image.title.city", lang=lang, city=city, count=count, projects=_projects(lang))


def figure_caption(name: str, lang: str = SOURCE) -> str:
    """The caption of a profile's map figure."""
    return t("map.caption", lang=lang, name=name, projects=_projects(lang))


def city_figure_caption(count: int, lang: str = SOURCE) -> str:
    """The caption of the home page's city map."""
    return t("map.caption.city", lang=lang, count=count, projects=_projects(lang))


def image_alt(title: str, n_parks: int, n_projects: int, district_names: list[str], lang: str = SOURCE) -> str:
    """Alt text saying what a map image shows (and that it is a static fallback)."""
    if len(district_names) == 1:
        where = t("map.alt.where.one", lang=lang, name=district_names[0])
    elif district_names:
        names = t("list.sep", lang=lang).join(district_names)
        where = t("map.alt.where.many", lang=lang, count=len(district_names), names=names)
    else:
        where = t("map.alt.where.none", lang=lang)
    what = []
    if n_parks:
        what.append(
            t("map.alt.parks.one", lang=lang, count=n_parks)
            if n_parks == 1
            else t("map.alt.parks", lang=lang, count=n_parks)
        )
    if n_projects:
        projects = BY_LIST["projects"].noun(n_projects, lang) if lang != SOURCE else _projects(lang)
        what.append(
            t("map.alt.projects.one", lang=lang, count=n_projects, projects=projects)
            if n_projects == 1
            else t("map.alt.projects", lang=lang, count=n_projects, projects=projects)
        )
    marks = t("map.alt.marks", lang=lang, what=t("list.and", lang=lang).join(what)) if what else ""
    marks = marks or t("map.alt.no_marks", lang=lang)
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


def period_text(f: Figure, compact: bool = False, lang: str = SOURCE) -> str:
    """When a figure holds: 2024年 · 2025年前三季度 · 2023年末 · 2020年普查; `compact` (a table's cell): 2024 ·
    2025前三季度 · 2023年末. In English one form: 2024 · Jan–Sep 2025 · end of 2023 · 2020 census."""
    if lang != SOURCE:
        return period_words(f.period, f.year, lang)
    if f.period is Period.full_year:
        return str(f.year) if compact else f"{f.year}年"
    if f.period is Period.year_end:
        return f"{f.year}年末"
    return f"{f.year}{'' if compact else '年'}{LABELS_ZH[f.period.value]}"
