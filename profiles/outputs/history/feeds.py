"""Atom feeds of the change history, made with feedgen: the site's (/changes/feed.xml) and each district's
(/districts/<slug>/feed.xml), for newsrooms that follow a district. An entry is one change of /changes/: its id is
that entry's address on /changes/ (the same in every build of the same history), its dates are its commit's, and
it links to the entity on its page. A feed is made only where the history is there and the site's public address
is known (feeds need absolute addresses); its page links it (<link rel="alternate" type="application/atom+xml">).
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import escape

from ...engine.rendering import Output
from ...facts.texts import t
from .timeline import UNAVAILABLE, Entry, History

LIMIT = 100  # entries a feed carries, the newest; /changes/ has them all
SITE_NAME = t("site.name")


@dataclass(frozen=True)
class Feed:
    path: str  # under the site root: changes/feed.xml, districts/haizhu/feed.xml
    page: str  # the page it belongs to: changes/, districts/haizhu/
    title: str
    site_url: str  # ending in "/"
    updated: str  # ISO 8601: the newest entry's commit, else the newest commit's
    entries: tuple[Entry, ...]  # newest first


def feeds(history: History, dataset) -> list[tuple[str, Feed]]:
    if not history.feeds or not history.site_url:
        return []
    site = history.site_url

    def feed(path: str, page: str, title: str, entries: tuple[Entry, ...]) -> tuple[str, Feed]:
        entries = entries[:LIMIT]
        return path, Feed(path, page, title, site, entries[0].time if entries else history.updated, entries)

    out = [feed("changes/feed.xml", "changes/", f"{SITE_NAME} · 更新记录", history.entries)]
    for slug in dataset.districts:  # those with a page
        name = dataset.name_of(slug)
        out.append(feed(f"districts/{slug}/feed.xml", f"districts/{slug}/", f"{SITE_NAME} · {name}更新记录", history.of(slug)))  # fmt: skip
    return out


def entry_url(site: str, e: Entry) -> str:
    """Where an entry's link goes: the entity on its page, else the entry on /changes/."""
    href = e.href()
    return site + href if href is not None else f"{site}changes/#c-{e.key}"


def render_feed(view: Feed, inputs=None) -> bytes:
    from feedgen.feed import FeedGenerator  # deferred: feedgen and lxml, only when a feed is written

    site = view.site_url
    fg = FeedGenerator()
    fg.id(site + view.path)
    fg.title(view.title)
    fg.subtitle("数据的每一处改动：新增、删除、修改与顺序调整，由 git 历史生成。")
    fg.author({"name": SITE_NAME, "uri": site})
    fg.link(href=site + view.path, rel="self", type="application/atom+xml")
    fg.link(href=site + view.page, rel="alternate", type="text/html")
    fg.language("zh-CN")
    fg.updated(view.updated)
    fg.generator("python-feedgen")  # no version: the same bytes whichever feedgen wrote them
    for e in view.entries:
        item = fg.add_entry(order="append")  # newest first, as given
        item.id(f"{site}changes/#c-{e.key}")
        item.title(e.title)
        # One link: feedgen 1.0 writes an entry's links without their rel, so a second would be a second alternate.
        item.link(href=entry_url(site, e), rel="alternate")
        item.published(e.time)
        item.updated(e.time)
        item.content(_content(e), type="html")
    return fg.atom_str(pretty=True)


def _content(e: Entry) -> str:
    parts = [f"<li>{escape(line)}</li>" for line in e.lines]
    html = f"<ul>{''.join(parts)}</ul>" if parts else ""
    if e.flags:
        html += f"<p>审阅提示：{escape('；'.join(e.flags))}</p>"
    commit = (
        f'<a href="{escape(e.commit_url)}">提交 {escape(e.short)}</a>' if e.commit_url else f"提交 {escape(e.short)}"
    )
    return html + f"<p>{escape(e.date)} · {commit}</p>"


FEEDS = Output(
    "feed",
    collect=lambda i: feeds(i.ctx.history or UNAVAILABLE, i.dataset),
    render=render_feed,
    shared=True,  # one file for every language edition
)
