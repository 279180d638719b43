"""Stage 3 — compare two sides entity by entity: added, removed, changed (field by field, old → new), renamed
(the id changed, nothing else did), and reordered (a list whose items only changed places: one line, naming
the entries that moved and where — the fewest that explain the new order — never the whole list twice).

Numbers get their difference and ratio; a moved point its distance, compass direction and whether it is still
inside its district (places.py).
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Any

from . import places
from .entities import ITEM_KINDS, KIND_ZH, Entities, Entity, Key
from .labels import dotted, path_label

KIND_ORDER = {k: i for i, k in enumerate(KIND_ZH)}
LIST_KIND = {**ITEM_KINDS, "sources": "source", "districts": "registry"}
NO_RATIO = frozenset({"year"})  # a year changes by a difference; its ratio means nothing


@dataclass(frozen=True)
class Moved:
    """An entry of a reordered list that changed places: 1-based positions among the entries both sides hold."""

    id: str
    old: int
    new: int


def moved(before: list[str], after: list[str]) -> list[Moved]:
    """The entries that moved from `before` to `after` (the same ids in another order), in their new order: those
    outside a longest run that kept its relative order (so moving one goal names one goal), except that two
    entries which traded places are both named (a swap: neither stayed while the other moved). An entry back at its
    own position (the middle of a reversed list) is not named."""
    old_at = {ident: i for i, ident in enumerate(before)}
    changed = [ident for i, ident in enumerate(after) if old_at[ident] != i]
    keep = set(after) - set(changed) if len(changed) == 2 else _longest_kept(after, [old_at[i] for i in after])
    return [
        Moved(ident, old_at[ident] + 1, i + 1)
        for i, ident in enumerate(after)
        if ident not in keep and old_at[ident] != i
    ]


def _longest_kept(ids: list[str], old: list[int]) -> set[str]:
    """The ids of a longest increasing subsequence of `old` (patience sorting, O(n log n)); on ties the earliest."""
    tails: list[int] = []  # tails[k]: index into `old` of the smallest tail of an increasing run of length k + 1
    values: list[int] = []  # old[tails[k]]
    back: list[int] = [-1] * len(old)
    for i, value in enumerate(old):
        k = bisect.bisect_left(values, value)
        back[i] = tails[k - 1] if k else -1
        if k == len(tails):
            tails.append(i)
            values.append(value)
        else:
            tails[k], values[k] = i, value
    out: set[str] = set()
    i = tails[-1] if tails else -1
    while i >= 0:
        out.add(ids[i])
        i = back[i]
    return out


@dataclass
class FieldChange:
    path: str  # dotted, as validate names fields: target.value, location
    label: str  # the editors' name: 数值目标 › 目标数值
    old: Any
    new: Any
    delta: float | None = None  # numbers: new − old
    ratio: float | None = None  # numbers: new ÷ old
    reordered: bool = False  # a list of the same items in another order
    place: dict | None = None  # points: distance_m, bearing_deg, direction, inside_before, inside_after


@dataclass
class Change:
    change: str  # added | removed | changed | renamed | reordered
    file: str
    kind: str
    id: str  # for "reordered": the list's name
    name: str
    district: str | None
    fields: list[FieldChange] = field(default_factory=list)
    renamed_from: str | None = None
    order_before: list[str] | None = None
    order_after: list[str] | None = None
    moved: list[Moved] | None = None  # for "reordered": the entries that moved, each from → to
    position: float = 0.0  # where it sits in its file: only for sorting the report

    @property
    def kind_zh(self) -> str:
        return KIND_ZH[self.kind]

    def sort_key(self) -> tuple:
        return (self.file, KIND_ORDER[self.kind], self.change == "reordered", self.position, self.id)


def _num(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def _tidy(x: float) -> float | int:
    x = round(x, 10)
    return int(x) if float(x).is_integer() and abs(x) < 1e15 else x


def _is_point(old: Any, new: Any) -> bool:
    return all(isinstance(v, dict) and "lon" in v and "lat" in v for v in (old, new))


class _Walker:
    def __init__(self, entity: Entity, inside):
        self.model = entity.model
        self.entity = entity
        self.inside = inside  # (district, side, (lon, lat)) -> bool | None
        self.out: list[FieldChange] = []

    def field(self, path: tuple, old: Any, new: Any, **extra) -> FieldChange:
        fc = FieldChange(dotted(path), path_label(self.model, path), old, new, **extra)
        self.out.append(fc)
        return fc

    def walk(self, path: tuple, old: Any, new: Any) -> None:
        if old == new:
            return
        if isinstance(old, dict) and isinstance(new, dict):
            if _is_point(old, new):
                self.point(path, old, new)
            for key in list(new) + [k for k in old if k not in new]:
                if _is_point(old, new) and key in ("lon", "lat"):
                    continue
                self.walk(path + (key,), old.get(key), new.get(key))
            return
        if (
            isinstance(old, list)
            and isinstance(new, list)
            and old
            and all(not isinstance(v, (dict, list)) for v in old)
        ):
            if sorted(map(str, old)) == sorted(map(str, new)):
                self.field(path, old, new, reordered=True)
                return
        if _num(old) and _num(new):
            ratio = _tidy(new / old) if old and path[-1] not in NO_RATIO else None
            self.field(path, old, new, delta=_tidy(new - old), ratio=ratio)
            return
        self.field(path, old, new)

    def point(self, path: tuple, old: dict, new: dict) -> None:
        a, b = (old["lon"], old["lat"]), (new["lon"], new["lat"])
        if a == b:
            return
        bearing = places.bearing_deg(a, b)
        district = self.entity.district
        place = {
            "distance_m": round(places.distance_m(a, b), 1),
            "bearing_deg": round(bearing, 1),
            "direction": places.compass(bearing),
            "inside_before": self.inside(district, "base", a),
            "inside_after": self.inside(district, "head", b),
        }
        self.field(path, [a[0], a[1]], [b[0], b[1]], place=place)


def field_changes(old: Entity, new: Entity, inside) -> list[FieldChange]:
    walker = _Walker(new, inside)
    walker.walk((), old.data, new.data)
    return walker.out


def _renames(removed: list[Entity], added: list[Entity]) -> list[tuple[Entity, Entity]]:
    pairs, taken = [], set()
    for old in removed:
        if old.kind in ("district", "city", "registry"):
            continue  # a district's slug is its file name: a new file is a new district
        for new in added:
            if new.key not in taken and (new.file, new.kind) == (old.file, old.kind) and new.content() == old.content():
                pairs.append((old, new))
                taken.add(new.key)
                break
    return pairs


def _positions(side: Entities) -> dict[Key, float]:
    out: dict[Key, float] = {}
    for (file, list_name), ids in side.orders.items():
        for i, ident in enumerate(ids):
            out[(file, LIST_KIND[list_name], ident)] = float(i)
    return out


def compare(base: Entities, head: Entities, inside) -> list[Change]:
    """Every change from base to head, in report order. `inside(district, side, point)` says whether a point
    lies in its district's boundary on that side ("base" or "head"), or None when it cannot be known."""
    changes: list[Change] = []
    pos_base, pos_head = _positions(base), _positions(head)
    removed = [e for k, e in base.entities.items() if k not in head.entities]
    added = [e for k, e in head.entities.items() if k not in base.entities]
    renames = _renames(removed, added)
    renamed_old = {old.key: new for old, new in renames}
    renamed_new = {new.key for _, new in renames}
    for old, new in renames:
        changes.append(
            Change("renamed", new.file, new.kind, new.id, new.name, new.district, renamed_from=old.id,
                   position=pos_head.get(new.key, 0.0))
        )  # fmt: skip
    for e in removed:
        if e.key not in renamed_old:
            changes.append(
                Change("removed", e.file, e.kind, e.id, e.name, e.district, position=pos_base.get(e.key, 0.0))
            )
    for e in added:
        if e.key not in renamed_new:
            changes.append(Change("added", e.file, e.kind, e.id, e.name, e.district, position=pos_head.get(e.key, 0.0)))
    for key, new in head.entities.items():
        old = base.entities.get(key)
        if old is not None:
            fields = field_changes(old, new, inside)
            if fields:
                changes.append(
                    Change("changed", new.file, new.kind, new.id, new.name, new.district, fields,
                           position=pos_head.get(key, 0.0))
                )  # fmt: skip
    changes.extend(_reorders(base, head, renamed_old))
    return sorted(changes, key=Change.sort_key)


def _reorders(base: Entities, head: Entities, renamed_old: dict[Key, Entity]) -> list[Change]:
    out = []
    for (file, list_name), before in base.orders.items():
        after = head.orders.get((file, list_name))
        if not after:
            continue
        kind = LIST_KIND[list_name]
        mapped = [renamed_old[(file, kind, i)].id if (file, kind, i) in renamed_old else i for i in before]
        common = set(mapped) & set(after)
        old_order = [i for i in mapped if i in common]
        new_order = [i for i in after if i in common]
        if old_order != new_order:
            district = file.removeprefix("data/districts/").removesuffix(".yaml") if "/districts/" in file else None
            out.append(
                Change("reordered", file, kind, list_name, list_name, district,
                       order_before=old_order, order_after=new_order, moved=moved(old_order, new_order), position=1e9)
            )  # fmt: skip
    return out
