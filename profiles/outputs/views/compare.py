"""What the /compare/ page lists: goals grouped by theme across districts, and the directories of
enterprises, parks and projects. Every row carries the link to its entry on a profile page, so the
page never restates a fact without the way back to its citation."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ...engine.templating import sort_key
from ...facts import headline
from ...facts.texts import phrases
from ...model import IndustrialSystem, Statement
from ...model.dataset import Dataset
from ...model.kinds import BY_LIST
from .matrix import chinese

phrase = phrases.of(__file__).phrase  # this stage's catalogue first (profiles/facts/texts/phrases.py)

CITY_NAME = "广州市（全市）"  # a phrase: "Guangzhou (whole city)" on an English page

# Bounds that keep /compare/ light at any number of districts (the benchmark builds 1,000, which
# would otherwise make a 6.5 MB page). Guangzhou's 11 districts stay far below them; past them a
# table shows its first rows and says how many more are in the downloads.
TABLE_ROWS = 300
CHART_BARS = 30


@dataclass(frozen=True)
class Shown:
    """The rows a table shows, and how many it leaves to the downloads."""

    rows: list
    total: int

    @property
    def omitted(self) -> int:
        return self.total - len(self.rows)

    def __bool__(self) -> bool:
        return bool(self.rows)

    def __len__(self) -> int:
        return self.total


def cap(rows: list, limit: int = TABLE_ROWS) -> Shown:
    return Shown(list(rows[:limit]), len(rows))


@dataclass(frozen=True)
class Row:
    owner: str  # district slug, or "" for the city
    owner_name: str
    item: Any
    href: str  # relative to /compare/
    park: tuple[str, str] | None = None  # (name, href) of the park the item sits in


@dataclass(frozen=True)
class ThemeGroup:
    theme: str
    rows: list[Row]

    @property
    def owners(self) -> list[str]:
        return list(dict.fromkeys(r.owner_name for r in self.rows))


def _profiles(dataset: Dataset, with_city: bool):
    """(slug, name, page) for the city (its page is the home page) and each district."""
    if with_city and dataset.city is not None:
        yield "", phrase(CITY_NAME, dataset.lang), "../", dataset.city
    for slug, d in dataset.districts.items():
        yield slug, dataset.name_of(slug), f"../districts/{slug}/", d


def goal_groups(dataset: Dataset) -> list[ThemeGroup]:
    """Goals by theme; themes set by more districts first, the city's goals first within a theme. Themes are
    grouped by their Chinese, so the English edition groups as the Chinese does (each group named by its first
    goal's theme, in the edition's language)."""
    groups: dict[str, list[Row]] = {}
    for slug, name, page, profile in _profiles(dataset, with_city=True):
        for g in profile.goals:
            groups.setdefault(chinese(g.theme), []).append(Row(slug, name, g, f"{page}#goal-{g.id}"))
    order = {theme: i for i, theme in enumerate(groups)}
    themes = sorted(groups, key=lambda t: (-len({r.owner for r in groups[t]}), -len(groups[t]), order[t]))
    return [ThemeGroup(groups[t][0].item.theme, groups[t]) for t in themes]


def directory(dataset: Dataset, kind: str) -> list[Row]:
    """Every enterprise, park or project of the districts, in registry and file order.

    City-level enterprises are left out: the home page does not list them, so they have no
    entry to link to (the downloads include them, with district `guangzhou`)."""
    own = BY_LIST[kind]  # its entries' anchors: enterprise-<id> … (profiles.model.kinds)
    rows = []
    for slug, name, page, d in _profiles(dataset, with_city=False):
        parks = {p.id: p.name for p in d.parks}
        for item in getattr(d, kind):
            park_id = getattr(item, "park", None)
            park = (parks[park_id], f"{page}#park-{park_id}") if park_id in parks else None
            rows.append(Row(slug, name, item, f"{page}#{own.anchor(item.id)}", park))
    return rows


def city_enterprises(dataset: Dataset) -> list[Any]:
    return list(dataset.city.enterprises) if dataset.city else []


@dataclass(frozen=True)
class DistrictRow:
    """One district in the comparisons that lead /compare/: its industrial system and its roles."""

    slug: str
    name: str
    href: str
    system: IndustrialSystem | None
    roles: tuple[Statement, ...]


def district_rows(dataset: Dataset) -> list[DistrictRow]:
    return [
        DistrictRow(slug, dataset.name_of(slug), f"../districts/{slug}/", d.industrial_system, tuple(d.roles))
        for slug, d in dataset.districts.items()
    ]


@dataclass(frozen=True)
class CoverageRow:
    """One district's coverage on /data/ (profiles.facts.headline computes it, for every page alike)."""

    name: str
    href: str
    coverage: headline.Coverage


def coverage_rows(dataset: Dataset) -> list[CoverageRow]:
    return [
        CoverageRow(dataset.name_of(slug), f"../districts/{slug}/", headline.coverage(d))
        for slug, d in dataset.districts.items()
    ]


@dataclass(frozen=True)
class Comparable:
    """Goals of two or more owners (districts or the city) whose metric, unit, measure and year all match:
    the only numeric targets /compare/ sets side by side (matched by the Chinese, in either edition)."""

    metric: str  # as the first of them names it, in the edition's language
    unit: str
    growth: bool
    year: int
    rows: list[Row]


def comparable_targets(dataset: Dataset) -> list[Comparable]:
    groups: dict[tuple, list[Row]] = {}
    for slug, name, page, profile in _profiles(dataset, with_city=True):
        for g in profile.goals:
            if g.target is not None:
                key = (chinese(g.metric), g.target.unit, g.target.measure.value == "growth", g.year)
                groups.setdefault(key, []).append(Row(slug, name, g, f"{page}#goal-{g.id}"))
    return [
        Comparable(rows[0].item.metric, *key[1:], rows=rows)  # type: ignore[misc]
        for key, rows in groups.items()
        if len({r.owner for r in rows}) > 1
    ]


def investments(dataset: Dataset) -> list[Row]:
    """Projects whose investment is stated in a money unit, largest first."""
    rows = [r for r in directory(dataset, "projects") if sort_key(r.item.investment)]
    return sorted(rows, key=lambda r: -float(sort_key(r.item.investment)))
