"""Render the Markdown pages MkDocs builds: one per district (PAGES, district.py), the home page and the
district index (HOME and INDEX, home.py). The package's entry point for the build: its outputs,
`copy_assets` and `search_words`; profile.py arranges a district page for a reader, around.py places it
among the others.

Everything that comes from YAML is escaped: data sits inside HTML blocks (which Markdown leaves alone)
and Jinja's autoescape handles HTML text and attributes; the few places in Markdown proper (the h1,
front matter) use the `md` and `yaml_str` filters.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ...model import City, District
from ...model.dataset import Dataset
from .district import PAGES
from .home import HOME, INDEX

__all__ = ["HOME", "INDEX", "PAGES", "TEMPLATES", "copy_assets", "search_words", "terms_and_names"]

TEMPLATES = Path(__file__).parent / "templates"
STATIC = Path(__file__).parent / "static"
# The citation popover (templates/_cite.html.j2), under docs/; mkdocs.yml loads both on every page.
ASSETS = {
    "assets/pages/cite.js": "cite.js",
    "assets/pages/cite.css": "cite.css",
    "assets/pages/mapframe.js": "mapframe.js",
}


def terms_and_names(profile: District | City) -> tuple[list[str], list[str]]:
    """One profile's candidate terms and its enterprise, park and project names (see search_words)."""
    terms: set[str] = set()
    names: list[str] = []
    for _, item in profile.items():
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


def search_words(dataset: Dataset, terms_of: Callable[[Any], tuple[list[str], list[str]]] | None = None) -> list[str]:
    """The jieba user dictionary's words: short words that must start a token wherever they occur.
    `terms_of(profile)`: `terms_and_names`, or what a resident process kept of it (profiles/outputs/search.py).

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
    terms_of = terms_of or terms_and_names
    parts = [terms_of(one) for one in [*dataset.districts.values(), *([dataset.city] if dataset.city else [])]]
    for some_terms, some_names in parts:
        terms.update(some_terms)
        names.extend(some_names)
    stems = [n[:2] for n in names if han.match(n[:2])]
    words = {t for t in terms if 2 <= len(t) <= 3 and han.match(t)}
    words.update(s for s, n in Counter(stems).items() if n >= 2)
    return sorted(words)


def copy_assets(out) -> list[str]:
    """The citation popover's script and style (static/), copied as they are."""
    return [out.put(rel, (STATIC / name).read_bytes()) for rel, name in ASSETS.items()]
