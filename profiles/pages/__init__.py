"""Render the Markdown pages MkDocs builds: one per district, the home page and the district index.

Everything that comes from YAML is escaped: data sits inside HTML blocks (which Markdown leaves alone)
and Jinja's autoescape handles HTML text and attributes; the few places in Markdown proper (the h1,
front matter) use the `md` and `yaml_str` filters.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

from .. import headline
from ..checks import items
from ..dataset import Dataset
from ..memo import NO_MEMO, PROSE
from ..models import LABELS_ZH, City, District, Quantity, Target
from ..registry import CITY_SLUG

num = headline.num  # one number format for pages, cards and views

TEMPLATES = Path(__file__).parent / "templates"
STATIC = Path(__file__).parent / "static"
# The citation popover (templates/_cite.html.j2), under docs/; mkdocs.yml loads both on every page.
ASSETS = {"assets/pages/cite.js": "cite.js", "assets/pages/cite.css": "cite.css"}
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|>~])")


@dataclass(frozen=True)
class PageContext:
    """What pages need besides the data: links and facts computed by other stages."""

    edit_base: str = ""  # e.g. https://github.com/org/repo/edit/main/ ; empty: no edit link
    last_changed: dict[str, str] = field(default_factory=dict)  # slug -> YYYY-MM-DD from git
    polygon_area: dict[str, float] = field(default_factory=dict)  # slug -> km² of our boundary
    maps: bool = True  # embed pages exist under /embed/


def md(text: object) -> Markup:
    """Escape text for a Markdown paragraph or heading: HTML first, then Markdown punctuation."""
    return Markup(_MD_SPECIAL.sub(r"\\\1", str(escape(str(text)))))


def yaml_str(text: object) -> Markup:
    """A front-matter string, HTML-escaped: MkDocs renders its theme without autoescape, and Material
    prints `title` and `description` into <title>, <meta content="…">, the header and the search index
    as HTML (as it does a title taken from a heading). JSON is valid YAML, and json.dumps quotes the rest."""
    return Markup(json.dumps(" ".join(str(escape(str(text))).split()), ensure_ascii=False))


def target_text(t: Target | None) -> str:
    if t is None:
        return "—"
    text = f"{t.comparator.symbol} {num(t.value)}{t.unit}"
    return text + ("（增速）" if t.measure.value == "growth" else "")


def quantity_text(q: Quantity | None, comparator=None) -> str:
    if q is None:
        return ""
    sym = "" if comparator is None or comparator.value == "exactly" else comparator.symbol + " "
    return f"{sym}{num(q.value)} {q.unit}"


def label(value) -> str:
    key = getattr(value, "value", value)
    return LABELS_ZH.get(key, str(key)) if key is not None else "—"


def citation_numbers(profile: District | City) -> dict[str, int]:
    """Number sources in the order a reader meets them on the page."""
    order: dict[str, int] = {}
    for sid in profile.summary_sources:
        order.setdefault(sid, len(order) + 1)
    for _, item in items(profile):
        for sid in item.sources:
            order.setdefault(sid, len(order) + 1)
    return order


def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,  # every {{ }} is HTML-escaped unless explicitly Markup
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(md=md, yaml_str=yaml_str, num=num, target=target_text, qty=quantity_text, label=label)
    return env


_ENV = _environment()


def render_district(d: District, dataset: Dataset, ctx: PageContext) -> str:
    numbers = citation_numbers(d)
    return _ENV.get_template("district.md.j2").render(
        d=d,
        numbers=numbers,
        cited=[dataset.sources[s] for s in numbers if s in dataset.sources],
        ctx=ctx,
        polygon_area=ctx.polygon_area.get(d.slug),
        last_changed=ctx.last_changed.get(d.slug),
        gaps=auto_gaps(d),
        park_names={p.id: p.name for p in d.parks},
        features=map_features(d),
        cards=headline.cards(d),
    )


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


def render_home(dataset: Dataset, ctx: PageContext) -> str:
    city = dataset.city
    return _ENV.get_template("index.md.j2").render(
        city=city,
        numbers=citation_numbers(city) if city else {},
        cited=[dataset.sources[s] for s in citation_numbers(city) if s in dataset.sources] if city else [],
        districts=list(dataset.districts.values()),
        ctx=ctx,
        city_slug=CITY_SLUG,
    )


def render_district_index(dataset: Dataset, ctx: PageContext) -> str:
    return _ENV.get_template("districts.md.j2").render(districts=list(dataset.districts.values()), ctx=ctx)


def static_files() -> dict[str, bytes]:
    """The pages' own script and style, by their path under docs/."""
    return {rel: (STATIC / name).read_bytes() for rel, name in ASSETS.items()}


def render_pages(dataset: Dataset, ctx: PageContext, memo=NO_MEMO) -> dict[str, str]:
    """Relative path under docs/ -> Markdown text. `memo` (memo.Memo) caches each district's page, and
    the home page and index by what they show of every district."""
    out = {
        "index.md": memo.whole("home", lambda: render_home(dataset, ctx), PROSE),
        "districts/index.md": memo.whole("district-index", lambda: render_district_index(dataset, ctx)),
    }
    for slug, d in dataset.districts.items():
        out[f"districts/{slug}.md"] = memo("page", slug, lambda d=d: render_district(d, dataset, ctx))
    return out


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


def search_words(dataset: Dataset, memo=NO_MEMO) -> list[str]:
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
    parts = [memo("words", slug, lambda d=d: _terms_and_names(d)) for slug, d in dataset.districts.items()]
    if dataset.city:
        parts.append(_terms_and_names(dataset.city))
    for some_terms, some_names in parts:
        terms.update(some_terms)
        names.extend(some_names)
    stems = [n[:2] for n in names if han.match(n[:2])]
    words = {t for t in terms if 2 <= len(t) <= 3 and han.match(t)}
    words.update(s for s, n in Counter(stems).items() if n >= 2)
    return sorted(words)
