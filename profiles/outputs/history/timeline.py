"""Stage 3 — the history as this build shows it: every step's items placed in time (the commit's own date), newest
first, each linked to where the entity is on today's pages (its anchor, when the page still holds it) and to its
commit (when the repository's address is configured); and each fact's first appearance (「收录于」), derived from
the first commit that carried it — never typed.

`History` is a build-wide fact: generate.context puts it in `ctx.history`, and the pages, the home page, /changes/
and the feeds each take from it what they show.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field

from ...base.vcs import Commit
from ...model.dataset import Dataset
from ..diff.entities import CITY_FILE, ITEM_KINDS, KIND_ZH, REGISTRY_FILE, SOURCES_FILE, district_file
from ..diff.text import CHANGE_ZH
from .steps import Key, Line, Step
from .words import Names, Told, tell

RECENT = 5  # entries a district page shows; the rest are on /changes/<slug>/
ANCHORED = frozenset(ITEM_KINDS.values())  # kinds whose entries have an anchor of their own: goal-<id> …
SECTION = {kind: name for name, kind in ITEM_KINDS.items()}  # goal -> goals: a reordered list's section


@dataclass(frozen=True)
class Entry:
    """One entity's change in one commit, placed: what /changes/, a district's 「更新记录」 and the feeds show."""

    key: str  # unique and stable: <commit 12>-<district|city|sources|registry>-<kind>-<id>-<change>
    commit: str
    time: str  # the commit's date, ISO 8601 with its offset
    change: str
    kind: str
    id: str
    name: str  # what a reader knew it by then (in Chinese: the data's own words at that commit)
    district: str | None
    place: str  # 海珠区, 全市, 来源, 登记表: where the entity lives
    parts: tuple[Line, ...]  # what changed, line by line (profiles/outputs/history/words.py writes them per language)
    flags: tuple[str, ...]
    page: str | None  # the site path of the page that shows it today ("" the home page), None: none does
    anchor: str  # its id on that page, "" for the page itself
    commit_url: str  # "" without the repository's address
    file: str = ""  # the data file it is in: data/districts/haizhu.yaml
    figure: tuple[str, int, str] | None = None  # a figure's (indicator, year, period)

    @property
    def lines(self) -> tuple[str, ...]:
        """What changed, in Chinese: 数值目标 › 目标数值：5.5 → 6（+0.5）"""
        return tuple(line.zh for line in self.parts)

    @property
    def date(self) -> str:
        return self.time[:10]

    @property
    def short(self) -> str:
        return self.commit[:7]

    @property
    def change_zh(self) -> str:
        return CHANGE_ZH[self.change]

    @property
    def kind_zh(self) -> str:
        return KIND_ZH[self.kind]

    @property
    def what(self) -> str:
        """What changed: 目标「地区生产总值」, 区档案, 目标的顺序, 来源表."""
        if self.kind in ("district", "city"):
            return "区档案" if self.kind == "district" else "全市概况"
        if not self.id:  # a whole sources or registry file
            return self.name
        if self.change == "reordered":
            return f"{self.kind_zh}的顺序"
        return f"{self.kind_zh}「{self.name}」"

    @property
    def title(self) -> str:
        """海珠区 · 修改目标「地区生产总值」"""
        return f"{self.place} · {self.change_zh}{self.what}"

    def href(self) -> str | None:
        """Its page and anchor relative to the site root ("districts/haizhu/#goal-x"), or None."""
        if self.page is None:
            return None
        return self.page + (f"#{self.anchor}" if self.anchor else "")


@dataclass(frozen=True)
class Recent:
    """What a page shows of the history: the latest entries (told in the page's language), how many there are in
    all, whether there is any."""

    available: bool
    entries: tuple[Told, ...]
    total: int


@dataclass(frozen=True)
class History:
    available: bool  # False: no git history in this checkout (a shallow clone, a tarball)
    entries: tuple[Entry, ...] = ()  # newest first
    since: Mapping[str, tuple[tuple[str, str], ...]] = field(default_factory=dict)  # file -> (anchor, date)
    site_url: str | None = None  # feeds are made only with the site's public address
    updated: str = ""  # the newest commit's time: a feed's <updated> when it has no entry of its own
    commits: int = 0  # commits that changed the data
    last_changed: Mapping[str, str] = field(default_factory=dict)  # slug -> day of the last commit to its file
    names: Names = Names()  # what the edition's pages name entries by (Chinese: the entries' own words)

    def edition(self, dataset: Dataset) -> History:
        """The history as an edition's pages tell it: `dataset` is the edition's (profiles.ingest.i18n.localize)."""
        return dataclasses.replace(self, names=Names.of(dataset))

    def of(self, slug: str | None) -> tuple[Entry, ...]:
        """A district's entries (None: all)."""
        return self.entries if slug is None else tuple(e for e in self.entries if e.district == slug)

    def told(self, entries: tuple[Entry, ...]) -> tuple[Told, ...]:
        """Entries as this edition's pages show them."""
        return tuple(tell(e, self.names) for e in entries)

    def recent(self, slug: str | None = None, n: int = RECENT) -> Recent:
        mine = self.of(slug)
        return Recent(self.available, self.told(mine[:n]), len(mine))

    def dates(self, file: str) -> tuple[tuple[str, str], ...]:
        """(anchor, first appearance) of every fact the file holds today."""
        return self.since.get(file, ())

    @property
    def feeds(self) -> bool:
        return self.available and bool(self.site_url) and self.commits > 0


UNAVAILABLE = History(False)


def first_seen(commits: list[Commit], steps: list[Step]) -> dict[Key, str]:
    """Each entity's first appearance: the date of the first commit that added it (a renamed one keeps its own)."""
    first: dict[Key, str] = {}
    for commit, step in zip(commits, steps):
        for key in step.added:
            first[key] = min(first.get(key, commit.date), commit.date)
        for old, new in step.renamed:
            first[new] = min(first.get(new, commit.date), first.get(old, commit.date))
    return first


def timeline(
    commits: list[Commit],
    steps: list[Step],
    dataset: Dataset,
    edit_base: str,
    site_url: str | None,
    data: str = "data",
) -> History:
    """The history of `commits` (oldest first) and their `steps`, placed on today's pages (`data`: the data folder
    as git names it)."""
    here = _present(dataset)
    repo = edit_base.split("/edit/", 1)[0] if "/edit/" in edit_base else ""
    entries = []
    for commit, step in reversed(list(zip(commits, steps))):
        for item in step.items:
            page, anchor = _where(item.file, item.kind, item.id, item.change, item.district, here, dataset)
            entries.append(
                Entry(
                    key=_key(commit.sha, item.file, item.kind, item.id, item.change),
                    commit=commit.sha,
                    time=commit.time,
                    change=item.change,
                    kind=item.kind,
                    id=item.id,
                    name=item.name,
                    district=item.district,
                    place=_place(item.file, item.district, dataset, item.name if item.kind == "district" else ""),
                    parts=item.lines,
                    flags=item.flags,
                    page=page,
                    anchor=anchor,
                    commit_url=f"{repo}/commit/{commit.sha}" if repo else "",
                    file=item.file,
                    figure=item.figure,
                )
            )
    first = first_seen(commits, steps)
    since: dict[str, list[tuple[str, str]]] = {}
    for (file, kind, ident), date in sorted(first.items()):
        if kind in ANCHORED and (file, kind, ident) in here:
            since.setdefault(file, []).append((f"{kind}-{ident}", date))
    return History(
        available=True,
        entries=tuple(entries),
        since={file: tuple(pairs) for file, pairs in since.items()},
        site_url=site_url,
        updated=commits[-1].time if commits else "",
        commits=len(commits),
        last_changed=last_changed(commits, data),
    )


def last_changed(commits: list[Commit], data: str = "data") -> dict[str, str]:
    """slug -> the day of the last commit that changed its district file (「最后编辑」); `data`: the data folder as
    the commits name their files."""
    folder = f"{data}/districts/"
    out: dict[str, str] = {}
    for commit in commits:  # oldest first: the last one wins
        for name in commit.files:
            if name.startswith(folder) and name.endswith(".yaml") and "/" not in name[len(folder) :]:
                out[name[len(folder) : -len(".yaml")]] = commit.date
    return dict(sorted(out.items()))


def _key(sha: str, file: str, kind: str, ident: str, change: str) -> str:
    return f"{sha[:12]}-{_scope(file)}-{kind}-{ident or 'all'}-{change}"


def _scope(file: str) -> str:
    if file.startswith("data/districts/"):
        return file.removeprefix("data/districts/").removesuffix(".yaml")
    return {CITY_FILE: "city", SOURCES_FILE: "sources", REGISTRY_FILE: "registry"}.get(file, "data")


def _place(file: str, district: str | None, dataset: Dataset, own_name: str) -> str:
    if district is not None and file != REGISTRY_FILE:
        return own_name or dataset.name_of(district)
    return {CITY_FILE: "全市", SOURCES_FILE: "来源", REGISTRY_FILE: "登记表"}.get(file, file)


def _present(dataset: Dataset) -> set[Key]:
    """The entities today's data holds (the anchors today's pages have), and each non-empty list's section."""
    out: set[Key] = set()
    profiles = [(district_file(slug), d) for slug, d in dataset.districts.items()]
    profiles += [(CITY_FILE, dataset.city)] if dataset.city is not None else []
    for file, profile in profiles:
        for list_name, kind in ITEM_KINDS.items():
            for item in getattr(profile, list_name, None) or []:
                out.add((file, kind, item.id))
                out.add((file, kind, ""))  # the list is not empty: its section is on the page
    return out


# What the home page shows of the city (profiles/outputs/pages/templates/index.md.j2): its goals and figures, by anchor.
CITY_ANCHORED = frozenset({"goal", "indicator", "figure"})


def _where(
    file: str, kind: str, ident: str, change: str, district: str | None, here: set[Key], dataset: Dataset
) -> tuple[str | None, str]:
    """(page, anchor) of an entity on today's site: its own anchor while the page holds it, else its section or
    the page itself; no page for sources, and none for a district the site no longer has."""
    if file == CITY_FILE:
        if kind not in CITY_ANCHORED:
            return "", ""
        if change == "reordered":
            return "", SECTION[kind] if (file, kind, "") in here else ""
        return "", f"{kind}-{ident}" if (file, kind, ident) in here else ""
    if district is None or district not in dataset.districts:
        return None, ""
    page = f"districts/{district}/"
    if file != district_file(district) or kind == "district":
        return page, ""
    if change == "reordered":
        return page, SECTION[kind] if (file, kind, "") in here else ""
    return page, f"{kind}-{ident}" if (file, kind, ident) in here else ""
