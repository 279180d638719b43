"""Render the Markdown pages MkDocs builds: one per district, the home page and the district index.

Everything that comes from YAML is escaped: data sits inside HTML blocks (which Markdown leaves alone)
and Jinja's autoescape handles HTML text and attributes; the few places in Markdown proper (the h1,
front matter) use the `md` and `yaml_str` filters.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from .. import headline
from ..checks import items
from ..context import BuildContext
from ..dataset import Dataset
from ..embeds import Panel, panel
from ..models import City, District, Source
from ..registry import CITY_SLUG
from ..rendering import Output
from ..templating import environment, label, md, num, quantity_text, target_text, yaml_str

__all__ = [
    "BuildContext",
    "PageContext",
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
PageContext = BuildContext  # the name pages used before the context was build-wide


def citation_numbers(profile: District | City) -> dict[str, int]:
    """Number sources in the order a reader meets them on the page."""
    order: dict[str, int] = {}
    for sid in profile.summary_sources:
        order.setdefault(sid, len(order) + 1)
    for _, item in items(profile):
        for sid in item.sources:
            order.setdefault(sid, len(order) + 1)
    return order


@dataclass(frozen=True)
class DistrictPage:
    """What a district's page shows: the district, the sources it cites, and the build's facts about it."""

    d: District
    cited: tuple[Source, ...]
    edit_base: str
    maps: bool
    polygon_area: float | None
    last_changed: str | None
    panel: Panel | None


def district_page(d: District, dataset: Dataset, ctx: BuildContext) -> DistrictPage:
    numbers = citation_numbers(d)
    return DistrictPage(
        d=d,
        cited=tuple(dataset.sources[s] for s in numbers if s in dataset.sources),
        edit_base=ctx.edit_base,
        maps=ctx.maps,
        polygon_area=ctx.polygon_area.get(d.slug),
        last_changed=ctx.last_changed.get(d.slug),
        panel=panel(ctx, d.slug, [d]),
    )


def render_district_page(view: DistrictPage, inputs=None) -> str:
    d = view.d
    return (
        environment(TEMPLATES)
        .get_template("district.md.j2")
        .render(
            d=d,
            numbers=citation_numbers(d),
            cited=view.cited,
            ctx=BuildContext(edit_base=view.edit_base, maps=view.maps),
            polygon_area=view.polygon_area,
            last_changed=view.last_changed,
            gaps=auto_gaps(d),
            park_names={p.id: p.name for p in d.parks},
            features=map_features(d),
            cards=headline.cards(d),
            panel=view.panel,
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
    for attr, text in (
        ("goals", "发展目标（带数字、年份和来源）"),
        ("enterprises", "龙头企业"),
        ("parks", "产业园区"),
        ("projects", "重大项目"),
    ):
        if not getattr(d, attr) and not any(text[:4] in g for g in missing):
            missing.append(text)
    if d.industrial_system is None and not any("产业体系" in g for g in missing):
        missing.append("区现代化产业体系")
    if d.area is None and not any("面积" in g for g in missing):
        missing.append("常用面积数字（需官方来源）")
    return missing


@dataclass(frozen=True)
class DistrictRow:
    """One district as the home page and the district index list it."""

    slug: str
    zh: str
    en: str
    code: str
    system: str | None  # the 产业体系's label
    goals: int
    enterprises: int
    parks: int
    projects: int


def district_row(d: District) -> DistrictRow:
    system = d.industrial_system.label if d.industrial_system else None
    counts = (len(d.goals), len(d.enterprises), len(d.parks), len(d.projects))
    return DistrictRow(d.slug, d.name.zh, d.name.en, d.code, system, *counts)


@dataclass(frozen=True)
class HomePage:
    city: City | None
    cited: tuple[Source, ...]
    districts: tuple[DistrictRow, ...]
    maps: bool
    panel: Panel | None


def home_page(dataset: Dataset, ctx: BuildContext) -> HomePage:
    city = dataset.city
    cited = tuple(dataset.sources[s] for s in citation_numbers(city) if s in dataset.sources) if city else ()
    rows = tuple(district_row(d) for d in dataset.districts.values())
    return HomePage(city, cited, rows, ctx.maps, panel(ctx, CITY_SLUG, dataset.districts.values()))


def render_home_page(view: HomePage, inputs=None) -> str:
    return (
        environment(TEMPLATES)
        .get_template("index.md.j2")
        .render(
            city=view.city,
            numbers=citation_numbers(view.city) if view.city else {},
            cited=view.cited,
            districts=view.districts,
            ctx=BuildContext(maps=view.maps),
            city_slug=CITY_SLUG,
            panel=view.panel,
        )
    )


def render_home(dataset: Dataset, ctx: BuildContext) -> str:
    return render_home_page(home_page(dataset, ctx))


@dataclass(frozen=True)
class IndexEntry:
    row: DistrictRow
    summary: str


def index_page(dataset: Dataset) -> tuple[IndexEntry, ...]:
    return tuple(IndexEntry(district_row(d), d.summary) for d in dataset.districts.values())


def render_index_page(view: tuple[IndexEntry, ...], inputs=None) -> str:
    return environment(TEMPLATES).get_template("districts.md.j2").render(districts=view)


def render_district_index(dataset: Dataset, ctx: BuildContext) -> str:
    return render_index_page(index_page(dataset))


def render_pages(dataset: Dataset, ctx: BuildContext) -> dict[str, str]:
    """Relative path under docs/ -> Markdown text, every page rendered (tests, one-off scripts)."""
    out = {"index.md": render_home(dataset, ctx), "districts/index.md": render_district_index(dataset, ctx)}
    for slug, d in dataset.districts.items():
        out[f"districts/{slug}.md"] = render_district(d, dataset, ctx)
    return out


SOURCES = (Path(__file__).resolve().parent, Path(__file__).resolve().parent.parent / "templating.py")
PAGES = Output(
    "page",
    collect=lambda i: (
        (f"districts/{slug}.md", district_page(d, i.dataset, i.ctx)) for slug, d in i.dataset.districts.items()
    ),
    render=render_district_page,
    sources=SOURCES,
)
HOME = Output("home", lambda i: [("index.md", home_page(i.dataset, i.ctx))], render_home_page, SOURCES)
INDEX = Output("district-index", lambda i: [("districts/index.md", index_page(i.dataset))], render_index_page, SOURCES)


def _terms_and_names(profile: District | City) -> tuple[list[str], list[str]]:
    """One profile's candidate terms and its enterprise, park and project names (see search_words)."""
    terms: set[str] = set()
    names: list[str] = []
    for _, item in items(profile):
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


def search_words(dataset: Dataset) -> list[str]:
    """The jieba user dictionary's words: short words that must start a token wherever they occur.

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
    parts = [_terms_and_names(d) for d in dataset.districts.values()]
    if dataset.city:
        parts.append(_terms_and_names(dataset.city))
    for some_terms, some_names in parts:
        terms.update(some_terms)
        names.extend(some_names)
    stems = [n[:2] for n in names if han.match(n[:2])]
    words = {t for t in terms if 2 <= len(t) <= 3 and han.match(t)}
    words.update(s for s, n in Counter(stems).items() if n >= 2)
    return sorted(words)
