"""Stage 4 — an entry told in a page's language: what /changes/, a district's 「更新记录」 and the home page print.

The Chinese edition shows an entry as the history wrote it (`Entry`'s own words). Another edition writes the
words around the data's texts in its language (the fixed words are phrases: `en.po` beside this module) and
keeps the data's texts as they were at that commit — old versions have no translations — in Chinese, marked
`lang="zh-CN"`. An entity's name is shown in English only where it honestly can be: the name it had then is
word for word today's Chinese, and today's English translates that very text (not a stale or missing one).
The feeds (feeds.py) stay Chinese: they are one file for both editions.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from markupsafe import Markup, escape

from ...facts.texts import phrases
from ...facts.texts.phrases import SOURCE
from ...model.dataset import Dataset
from ...model.enums import LABELS_ZH
from ...model.indicators import info
from ...model.localized import Localized
from ..diff.entities import CITY_FILE, ITEM_KINDS, REGISTRY_FILE, SOURCES_FILE, district_file
from ..diff.text import CHANGE_ZH, clean
from ..diff.values import short
from .steps import NAME, Key, Line

translate = phrases.of(__file__).translate  # this stage's catalogue first (profiles/facts/texts/phrases.py)

HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def _(text: str) -> str:
    """Marks a phrase for the catalogue (Babel extracts `_("…")`); translated where it is used."""
    return text


# An entity of each kind, named: 目标「地区生产总值」 -> goal “GDP”.
NAMED = {
    "role": _("定位「{name}」"),
    "goal": _("目标「{name}」"),
    "indicator": _("数字「{name}」"),
    "figure": _("统计数字「{name}」"),
    "enterprise": _("企业「{name}」"),
    "park": _("园区「{name}」"),
    "project": _("项目「{name}」"),
    "source": _("来源「{name}」"),
    "registry": _("登记「{name}」"),
}
# A list put in another order: 目标的顺序 -> order of goals.
ORDER = {
    "role": _("定位的顺序"),
    "goal": _("目标的顺序"),
    "indicator": _("数字的顺序"),
    "figure": _("统计数字的顺序"),
    "enterprise": _("企业的顺序"),
    "park": _("园区的顺序"),
    "project": _("项目的顺序"),
    "source": _("来源的顺序"),
    "registry": _("登记的顺序"),
}
# The entries a file added or removed whole holds: 目标 37 项 -> 37 goals (plural entries, by n).
COUNT = {
    "role": _("定位 {n} 项"),
    "goal": _("目标 {n} 项"),
    "indicator": _("数字 {n} 项"),
    "figure": _("统计数字 {n} 项"),
    "enterprise": _("企业 {n} 项"),
    "park": _("园区 {n} 项"),
    "project": _("项目 {n} 项"),
    "source": _("来源 {n} 项"),
    "registry": _("登记 {n} 项"),
}
PLACES = {CITY_FILE: _("全市"), SOURCES_FILE: _("来源"), REGISTRY_FILE: _("登记表")}
WHOLE = {"source": _("来源表"), "registry": _("登记表")}  # a whole sources or registry file (steps.WHOLE)


@dataclass(frozen=True)
class Names:
    """What an edition knows of today's data to name an entry: districts' names, and today's entities whose
    name has a current translation — (file, kind, id) -> (today's Chinese, cleaned; the translation)."""

    lang: str = SOURCE
    districts: Mapping[str, str] = field(default_factory=dict)
    translated: Mapping[Key, tuple[str, str]] = field(default_factory=dict)

    @classmethod
    def of(cls, dataset: Dataset) -> Names:
        lang = getattr(dataset, "lang", SOURCE)
        if lang == SOURCE:
            return cls()
        districts = {slug: dataset.name_of(slug) for slug in {*dataset.registry, *dataset.districts}}
        translated: dict[Key, tuple[str, str]] = {}
        for slug, entry in dataset.registry.items():
            translated[(REGISTRY_FILE, "registry", slug)] = (clean(entry.zh), str(entry.en))
        profiles = [(district_file(slug), d) for slug, d in dataset.districts.items()]
        profiles += [(CITY_FILE, dataset.city)] if dataset.city is not None else []
        for file, profile in profiles:
            for list_name, kind in ITEM_KINDS.items():
                for item in getattr(profile, list_name, None) or []:
                    name = _name(item)
                    if isinstance(name, Localized) and name.state in ("ok", "official") and name.zh:
                        translated[(file, kind, item.id)] = (clean(name.zh), str(name))
        return cls(lang, districts, translated)


def _name(item) -> object:
    """The text an entity is known by (profiles/outputs/diff/entities.py: a name, a metric, a sentence)."""
    for attr in ("name", "metric", "title", "text", "zh"):
        value = getattr(item, attr, None)
        if isinstance(value, str):
            return value
    return None


@dataclass(frozen=True)
class Told:
    """An entry as a page shows it, in the page's language: plain text for the Chinese edition (escaped where
    printed), markup for another (the data's Chinese in it marked lang="zh-CN")."""

    key: str
    time: str
    date: str
    short: str
    commit_url: str
    link: str | None  # its page and anchor relative to the site root, None: no page shows it
    change: str  # 修改 / Changed
    place: str  # 海珠区 / Haizhu District
    what: str  # 目标「地区生产总值」 / goal “GDP”
    lines: tuple[str, ...]
    flags: tuple[str, ...]
    commit: str  # 提交 7967563 / commit 7967563
    review: str  # the review's flags in a sentence ("" without any): 审阅提示：数值改了，出处没改

    def href(self) -> str | None:
        return self.link


def tell(e, names: Names) -> Told:
    """`e` (a timeline.Entry) in the language of `names`."""
    base = dict(key=e.key, time=e.time, date=e.date, short=e.short, commit_url=e.commit_url, link=e.href())
    if names.lang == SOURCE:
        review = f"审阅提示：{'；'.join(e.flags)}" if e.flags else ""
        return Told(**base, change=e.change_zh, place=e.place, what=e.what, lines=e.lines, flags=e.flags,
                    commit=f"提交 {e.short}", review=review)  # fmt: skip
    lang = names.lang
    flags = tuple(Markup(escape(translate(flag, lang))) for flag in e.flags)
    return Told(
        **base,
        change=Markup(escape(translate(CHANGE_ZH[e.change], lang))),
        place=_place(e, names),
        what=_what(e, names),
        lines=tuple(line_text(line, lang, _where(e, names)) for line in e.parts),
        flags=flags,
        commit=say(translate("提交 {short}", lang), short=e.short),
        review=say(translate("审阅提示：{flags}", lang), flags=Markup(translate("；", lang)).join(flags))
        if flags
        else "",
    )


def zh(text: str) -> Markup:
    """A text from the data that stays as it was: marked Chinese when it holds Chinese script."""
    return Markup('<span lang="zh-CN">{}</span>').format(text) if HAN.search(text) else Markup(escape(text))


def say(message: str, **args: object) -> Markup:
    """A translated phrase (trusted, as the catalogue is) with its placeholders escaped."""
    return Markup(message).format(**args)


def _place(e, names: Names) -> Markup:
    if e.district is not None and e.file != REGISTRY_FILE:
        return zh(names.districts.get(e.district) or e.place)
    if e.file in PLACES:
        return say(translate(PLACES[e.file], names.lang))
    return zh(e.place)


def _where(e, names: Names) -> str | None:
    """The district a moved point is said to be in or out of."""
    return names.districts.get(e.district) if e.district else None


def _what(e, names: Names) -> Markup:
    lang = names.lang
    if e.kind == "district":
        return say(translate("区档案", lang))
    if e.kind == "city":
        return say(translate("全市概况", lang))
    if not e.id:  # a whole sources or registry file
        return say(translate(WHOLE.get(e.kind, e.name), lang))
    if e.change == "reordered":
        return say(translate(ORDER[e.kind], lang))
    return say(translate(NAMED[e.kind], lang), name=entity_name(e, names))


def entity_name(e, names: Names) -> Markup:
    """The name the entry knew the entity by: in the page's language when today's translation is of that very
    text (a figure's name is our own words: always), else as it was, in Chinese."""
    if e.kind == "figure" and e.figure is not None:
        indicator, year, period = e.figure
        return figure_name(indicator, year, period, names.lang)
    found = names.translated.get((e.file, e.kind, e.id))
    if found is not None and found[0] == e.name and short(found[0], NAME) == found[0]:
        return Markup(escape(found[1]))
    return zh(e.name)


def figure_name(indicator: str, year: int, period: str, lang: str) -> Markup:
    label = translate(info(indicator).label, lang)
    if period == "full_year":
        return say(translate("{indicator} {year}年", lang), indicator=label, year=year)
    return say(
        translate("{indicator} {year}年{period}", lang),
        indicator=label,
        year=year,
        period=translate(LABELS_ZH.get(period, period), lang),
    )


def line_text(line: Line, lang: str, district: str | None) -> Markup:
    """One line of what changed, in `lang`: its words translated, the data's values as they were."""
    if line.form == "moved":
        places = Markup(translate("、", lang)).join(
            say(translate("{id} 第 {old} → 第 {new} 位", lang), id=ident, old=old, new=new)
            for ident, old, new in line.items
        )
        n = len(line.items)
        return say(
            translate("{n} 项移动了位置（共 {total} 项）：{places}", lang, n), n=n, total=line.total, places=places
        )
    if line.form == "renamed":
        return say(translate("改名：原编号 {id}，内容未变", lang), id=line.ident)
    if line.form == "count":
        parts = Markup(translate("、", lang)).join(
            say(translate(COUNT[kind], lang, n), n=n) for kind, n in line.items if kind in COUNT
        )
        if line.ident == "连同":  # a file removed whole, together with its entries
            return say(translate("连同{parts}", lang), parts=parts)
        return say(translate("含{parts}", lang), parts=parts)
    label = label_text(line.label, lang)
    old, new = (value_text(v, line.choice, lang) for v in (line.old, line.new))
    if line.form == "order":
        return say(translate("{label}：顺序调整（{old} → {new}）", lang), label=label, old=old, new=new)
    text = say(translate("{label}：{old} → {new}", lang), label=label, old=old, new=new)
    note = place_text(line.place, district, lang) if line.place else line.note
    return text + say(translate("（{note}）", lang), note=note) if note else text


def label_text(label: str, lang: str) -> Markup:
    """A field's label (数值目标 › 目标数值), each part translated; it starts its line (Target › target value)."""
    text = " › ".join(translate(part, lang) for part in label.split(" › "))
    return Markup(text[:1].upper() + text[1:])  # the catalogue's words: trusted


def value_text(value: str | None, choice: bool, lang: str) -> Markup:
    if value is None:
        return say(translate("（无）", lang))
    if choice:
        return say(translate(LABELS_ZH[value], lang)) if value in LABELS_ZH else zh(value)
    return zh(value)


def place_text(place: tuple, district: str | None, lang: str) -> Markup:
    """A moved point (profiles/outputs/diff/text.py place_text): how far, which way, inside its district or not."""
    metres, direction, inside_before, inside_after = place
    if metres >= 1000:
        distance = say(translate("{km} 公里", lang), km=f"{metres / 1000:.1f}")
    else:
        distance = say(translate("{m} 米", lang), m=round(metres))
    text = say(translate("向{direction}移动 {distance}", lang), direction=translate(direction, lang), distance=distance)
    where = zh(district) if district else say(translate("所属区", lang))
    if inside_after is True and inside_before is not False:
        text += say(translate("，仍在{where}内", lang), where=where)
    elif inside_after is True:
        text += say(translate("，现在在{where}内", lang), where=where)
    elif inside_after is False:
        text += say(translate("，不在{where}内", lang), where=where)
    return text
