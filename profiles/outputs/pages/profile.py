"""A district page arranged for a reader: which sections it has (none empty), its goals grouped by
theme, its gaps as invitations to editors, its title; and what any page (the home page too) numbers
and links: its sources in reading order, the oEmbed JSON of the embeds it offers. Plain data for the
templates; no HTML here."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ...engine.context import BuildContext
from ...facts import headline, units
from ...facts.present import any_status_known, embed_path, oembed_url
from ...facts.texts import phrases, t
from ...facts.texts.phrases import SOURCE
from ...model import City, District, Goal, Source, Statement
from ...model.kinds import BY_LIST, KINDS
from .. import share
from ..embeds import CardPanel, Panel
from . import figures

phrase = phrases.of(__file__).phrase  # this stage's catalogue first (profiles/facts/texts/phrases.py)

GOALS_PER_THEME = 5  # a theme shows this many goals; the rest open with "显示全部"

# A gap's text -> the CONTRIBUTING.md section that explains how to add it (GitHub's heading anchors).
GUIDES = (
    (("产业体系",), "industrialsystem"),
    (("定位", "分工"), "statement"),
    (("目标",), "goal"),
    (("数字",), "indicator"),
    (("企业",), "enterprise"),
    (("园区", "项目", "坐标"), "四添加园区或项目含坐标"),
    (("面积",), "area"),
)
GUIDE_DEFAULT = "三添加一个来源"


@dataclass(frozen=True)
class ThemeGoals:
    theme: str
    shown: tuple[Goal, ...]
    more: tuple[Goal, ...]  # behind "显示全部"

    @property
    def total(self) -> int:
        return len(self.shown) + len(self.more)


def goal_themes(goals: list[Goal], per_theme: int = GOALS_PER_THEME) -> list[ThemeGoals]:
    """Goals by theme, themes in the order the file first uses them, goals in file order."""
    groups: dict[str, list[Goal]] = {}
    for g in goals:
        groups.setdefault(g.theme, []).append(g)
    return [ThemeGoals(theme, tuple(gs[:per_theme]), tuple(gs[per_theme:])) for theme, gs in groups.items()]


any_status = any_status_known  # whether some goal's status is known (else the tracker shows no status at all)


@dataclass(frozen=True)
class Invitation:
    text: str
    edit: str  # the district's file in the editor; "" without an edit base
    guide: str  # the CONTRIBUTING.md section; "" without an edit base


def guide_anchor(text: str) -> str:
    return next((anchor for words, anchor in GUIDES if any(w in text for w in words)), GUIDE_DEFAULT)


def repo_file(edit_base: str, path: str) -> str:
    """A file of the repository to read (not edit): GitHub's …/edit/<branch>/ becomes …/blob/<branch>/."""
    return (edit_base.replace("/edit/", "/blob/", 1) if "/edit/" in edit_base else edit_base) + path


def invitations(d: District, gaps: list[str], edit_base: str) -> list[Invitation]:
    edit = f"{edit_base}data/districts/{d.slug}.yaml" if edit_base else ""
    guide = repo_file(edit_base, "CONTRIBUTING.md") if edit_base else ""
    return [Invitation(g, edit, f"{guide}#{guide_anchor(getattr(g, 'zh', None) or g)}" if guide else "") for g in gaps]


def capital(text: str) -> str:
    """A heading made of a phrase a count also uses ("35 development goals"): its first letter raised."""
    return text[:1].upper() + text[1:]


def _kinds(*lists: str) -> tuple[tuple[str, Callable[[str], str]], ...]:
    """Each kind's section: its heading (profiles.model.kinds) in a language, by its Chinese (the phrase catalogues)."""
    return tuple((name, lambda lang, k=BY_LIST[name]: capital(phrase(k.heading, lang))) for name in lists)


# Section anchor -> its heading in a language, in page order: the numbers, the district's own words, its entries
# (each kind's section under its heading from profiles.model.kinds, its anchor the list's name).
SECTIONS: tuple[tuple[str, Callable[[str], str]], ...] = (
    ("map", lambda lang: t("section.map", lang=lang)),
    ("about", lambda lang: t("section.about", lang=lang)),
    *_kinds("figures", "goals", "indicators"),
    ("system", lambda lang: t("section.system", lang=lang)),
    *_kinds("roles", "enterprises", "parks", "projects"),
    ("city-goals", lambda lang: t("section.city_goals", lang=lang)),
    ("wanted", lambda lang: t("section.wanted", lang=lang)),
    ("changes", lambda lang: t("section.changes", lang=lang)),
    ("sources", lambda lang: t("section.sources", lang=lang)),
)


def has_points(d: District) -> bool:
    return bool(d.parks or d.projects)


def sections(
    d: District, city_goals: bool, gaps: list[str], maps: bool, changes: bool = False, lang: str = SOURCE
) -> dict[str, str]:
    """The sections this page shows (anchor -> heading, in page order): a section with nothing in it
    is left out; a page without points shows no map frame (概况 holds its locator instead); 更新记录 is
    there whenever the build read the history (it says so when the checkout had none)."""
    c = headline.coverage(d)
    present = {
        "map": maps and has_points(d),
        **{k.list: bool(getattr(d, k.list)) for k in KINDS},
        "system": d.industrial_system is not None,
        "city-goals": c.thin and city_goals,
        "about": True,
        "wanted": bool(gaps),
        "changes": changes,
        "sources": True,
    }
    return {anchor: heading(lang) for anchor, heading in SECTIONS if present[anchor]}


# What a page's title promises, in this order, when the page holds it (the kinds' names in counts).
TITLE_PARTS: tuple[tuple[str, Callable[[str], str]], ...] = (
    *((name, lambda lang, k=BY_LIST[name]: phrase(k.title, lang)) for name in ("goals", "indicators")),
    ("system", lambda lang: t("system.short", lang=lang)),
    *((name, lambda lang, k=BY_LIST[name]: phrase(k.title, lang)) for name in ("enterprises", "parks", "projects")),
)


def title(d: District, lang: str = SOURCE) -> str:
    """The page's title: the district and only what its page holds (in `lang`; a kind by its Chinese name)."""
    c = headline.coverage(d)
    name = d.name.zh if lang == SOURCE else d.name.en
    held = [text(lang) for attr, text in TITLE_PARTS if (getattr(c, attr) if attr != "system" else c.system)]
    if not held:
        return t("page.title.thin", lang=lang, name=name)
    if len(held) > 4:
        held = held[:4]
    sep = t("list.sep", lang=lang)
    parts = t("list.last", lang=lang, rest=sep.join(held[:-1]), last=held[-1]) if len(held) > 1 else held[0]
    return t("page.title", lang=lang, name=name, parts=capital(parts) if lang != SOURCE else parts)


def description(d: District, lang: str = SOURCE) -> str:
    c = headline.coverage(d)
    parts = headline.coverage_parts(c, lang)
    name = d.name.zh if lang == SOURCE else d.name.en
    # 海珠区（Haizhu District）区情; an English description is plain text (front matter): no Chinese in it
    head = (
        t("page.description.head", name=name, en=d.name.en) if lang == SOURCE else phrase("{name}区情", lang, name=name)
    )
    if not parts:
        return t("page.description.thin", lang=lang, head=head, missing=headline.missing_sentence(name, c, lang))
    return t("page.description", lang=lang, head=head, counts=t("list.sep", lang=lang).join(parts))


def role_statement(d: District) -> Statement | None:
    """The role the district's lede shows beside its industrial system (as headline.role_line): the shortest in
    Chinese, so both editions show the same one."""
    return min(d.roles, key=lambda r: len(getattr(r.text, "zh", None) or r.text)) if d.roles else None


def citation_numbers(profile: District | City) -> dict[str, int]:
    """Number sources in the order a reader meets them on the page."""
    order: dict[str, int] = {}
    for sid in profile.summary_sources:
        order.setdefault(sid, len(order) + 1)
    for _, item in profile.items():
        for sid in item.sources:
            order.setdefault(sid, len(order) + 1)
    return order


def oembed_links(ctx: BuildContext, map_panel: Panel | None, cards: CardPanel | None) -> tuple[tuple[str, str], ...]:
    """The oEmbed JSON of the map and of the first card the page offers (profiles/outputs/embeds/oembed.py);
    none without the site's public URL."""
    if not ctx.site_url:
        return ()
    out = []
    if map_panel is not None:
        out.append((oembed_url(ctx.site_url, embed_path(map_panel.slug)), map_panel.title))
    if cards is not None:
        first = cards.cards[0]
        out.append((oembed_url(ctx.site_url, embed_path(cards.slug, first["id"])), first["title"]))
    return tuple(out)


def share_alt(
    d: District, sources: dict[str, Source], ctx: BuildContext, has_map: bool, as_of: headline.AsOf | None = None
) -> str:
    """The alt text of the district's 分享长图 (profiles/outputs/share/images.py draws it from the same helpers:
    the headline cards, the goals by theme, the sources in citation order, the facts' dates: `as_of`,
    when the caller has them), in the build's language."""
    lang = ctx.lang
    return share.long_alt(
        d.name.zh if lang == SOURCE else d.name.en,
        headline.role_line(d, lang),
        [_figure_said(k, lang) for k in figures.key_figures(d, sources, lang) if k.value]
        + [c.label for c in headline.cards(d, lang=lang)],
        [theme.theme for theme in goal_themes(d.goals)],
        sum(s in sources for s in citation_numbers(d)),
        (as_of or headline.facts_as_of(d, sources) or headline.AsOf("", "")).text_in(lang),
        has_map,
        ctx.site_url is not None,
        lang,
    )


def _figure_said(k: figures.KeyFigure, lang: str) -> str:
    """A key figure as the 分享长图's alt text names it: "地区生产总值 3008.35亿元（2024年）" / "GDP (gross
    regional product) 300.835 billion yuan (2024)"."""
    value, unit = (k.value, k.unit) if lang == SOURCE else (units.joined(k.value, k.unit), "")
    verdict = t("share.alt.figure.verdict", lang, verdict=k.verdict) if k.verdict else ""
    return t("share.alt.figure", lang, label=k.label, value=value, unit=unit, when=k.when, verdict=verdict)
