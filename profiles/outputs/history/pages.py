"""/changes/ — every change of the data, newest first, grouped by date — and /changes/<slug>/, one district's: each
entry linked to the entity on its page and to its commit. Without history in the checkout the pages say so.

The entries' look is shared with the district pages and the home page (profiles/outputs/pages/templates/_changes.html.j2).
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import groupby
from pathlib import Path

from ...engine.rendering import Output
from ...engine.templating import environment
from .timeline import UNAVAILABLE, Entry, History
from .words import Told

TEMPLATES = Path(__file__).parent / "templates"
SHARED = Path(__file__).resolve().parent.parent / "pages" / "templates"  # the entry macro, as other pages show it


@dataclass(frozen=True)
class ChangesPage:
    slug: str | None  # None: the whole site's page
    name: str  # the district's name ("" for the site)
    available: bool
    days: tuple[tuple[str, tuple[Told, ...]], ...]  # (YYYY-MM-DD, its entries in the page's language), newest first
    total: int
    commits: int  # commits that changed the data (the site's page)
    districts: tuple[tuple[str, str, int], ...]  # (slug, name, entries) of every district: the site's page links them
    feed: bool  # a feed is published beside the page (its alternate link)
    lang: str = "zh"  # the edition: its words, and its links to the feeds both editions share
    up: str = ""  # the climb from the edition's root to the site's (ctx.up): the feeds are the Chinese edition's


def _days(history: History, entries: tuple[Entry, ...]) -> tuple[tuple[str, tuple[Told, ...]], ...]:
    return tuple((day, history.told(tuple(group))) for day, group in groupby(entries, key=lambda e: e.date))


def changes_pages(history: History, dataset, lang: str = "zh", up: str = "") -> list[tuple[str, ChangesPage]]:
    names = {slug: dataset.name_of(slug) for slug in dataset.districts}  # those with a page (and a feed)
    counts = tuple((slug, name, len(history.of(slug))) for slug, name in names.items())
    out = [
        (
            "changes/index.md",
            ChangesPage(None, "", history.available, _days(history, history.entries), len(history.entries),
                        history.commits, counts, history.feeds, lang, up),
        )
    ]  # fmt: skip
    for slug, name in names.items():
        mine = history.of(slug)
        page = ChangesPage(slug, name, history.available, _days(history, mine), len(mine), 0, (), history.feeds, lang, up)  # fmt: skip
        out.append((f"changes/{slug}.md", page))
    return out


def render_changes(view: ChangesPage, inputs=None) -> str:
    return environment((TEMPLATES, SHARED)).get_template("changes.md.j2").render(p=view, lang=view.lang)


CHANGES = Output(
    "changes",
    collect=lambda i: changes_pages(i.ctx.history or UNAVAILABLE, i.dataset, i.ctx.lang, i.ctx.up),
    render=render_changes,
)
