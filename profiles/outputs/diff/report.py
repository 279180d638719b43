"""The diff of two sides as one report: changes, flags, what moved on the map — and its JSON form.

The JSON keys are stable and documented in CONTRIBUTING.md (「审阅报告」一节); tools may rely on them.
Every key is always present (null or [] when it does not apply), and objects are written with sorted keys.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from ...model.kinds import BY_NAME
from . import places
from .compare import Change, compare
from .entities import entities
from .flags import Flag, flags
from .sides import Side
from .translations import StaleTranslation, left_stale

FORMAT_VERSION = 1


@dataclass(frozen=True)
class Move:
    """A point drawn on the before/after map."""

    kind: str  # park | project
    id: str
    name: str
    district: str | None
    change: str  # added | removed | moved
    old: tuple[float, float] | None
    new: tuple[float, float] | None


@dataclass
class DiffReport:
    base: str
    head: str
    changes: list[Change]
    flags: list[Flag]
    moves: list[Move] = field(default_factory=list)
    names: dict[str, str] = field(default_factory=dict)  # district slug -> Chinese name, both sides
    boundaries: dict = field(default_factory=dict)  # slug -> geometry, for the map (HEAD's, else BASE's)
    stale: list[StaleTranslation] = field(default_factory=list)  # English texts this change left out of date

    @property
    def districts(self) -> list[str]:
        """Slugs of the districts whose files changed, in report order."""
        seen: dict[str, None] = {}
        for c in self.changes:
            if c.district:
                seen.setdefault(c.district, None)
        return list(seen)

    def counts(self) -> dict[str, int]:
        out = {k: 0 for k in ("added", "removed", "changed", "renamed", "reordered")}
        for c in self.changes:
            out[c.change] += 1
        out["flags"] = len(self.flags)
        return out

    def flags_of(self, change: Change) -> list[Flag]:
        return [f for f in self.flags if (f.file, f.kind, f.id) == (change.file, change.kind, change.id)]


def _inside(base: Side, head: Side):
    def inside(district: str | None, side: str, point: tuple[float, float]) -> bool | None:
        own, other = (base, head) if side == "base" else (head, base)
        bounds = own.boundaries or other.boundaries
        if district is None or district not in bounds:
            return None
        return places.inside(point, bounds[district])

    return inside


def _moves(changes: list[Change], base_entities, head_entities) -> list[Move]:
    out = []
    for c in changes:
        if c.kind not in BY_NAME or not BY_NAME[c.kind].located:  # parks and projects move
            continue
        key = (c.file, c.kind, c.id)
        old_e = base_entities.entities.get(key)
        new_e = head_entities.entities.get(key)

        def point(e):
            loc = e.data.get("location") if e is not None else None
            return (loc["lon"], loc["lat"]) if loc else None

        if c.change == "added":
            out.append(Move(c.kind, c.id, c.name, c.district, "added", None, point(new_e)))
        elif c.change == "removed":
            out.append(Move(c.kind, c.id, c.name, c.district, "removed", point(old_e), None))
        elif c.change == "changed" and any(f.place for f in c.fields):
            out.append(Move(c.kind, c.id, c.name, c.district, "moved", point(old_e), point(new_e)))
    return out


def diff(base: Side, head: Side) -> DiffReport:
    before, after = entities(base.dataset), entities(head.dataset)
    inside = _inside(base, head)
    changes = compare(before, after, inside)
    names = {slug: base.dataset.name_of(slug) for slug in base.dataset.order()}
    names.update({slug: head.dataset.name_of(slug) for slug in head.dataset.order()})
    found = flags(changes, before, after, inside)
    moves = _moves(changes, before, after)
    boundaries = head.boundaries or base.boundaries
    stale = left_stale(base.dataset, head.dataset)
    return DiffReport(base.label, head.label, changes, found, moves, names, boundaries, stale)


def to_json(report: DiffReport, geojson: dict | None = None) -> str:
    def change(c: Change) -> dict:
        return {
            "change": c.change,
            "file": c.file,
            "kind": c.kind,
            "kind_zh": c.kind_zh,
            "id": c.id,
            "name": c.name,
            "district": c.district,
            "renamed_from": c.renamed_from,
            "order_before": c.order_before,
            "order_after": c.order_after,
            "moved": None if c.moved is None else [{"id": m.id, "from": m.old, "to": m.new} for m in c.moved],
            "fields": [
                {
                    "path": f.path,
                    "label": f.label,
                    "old": f.old,
                    "new": f.new,
                    "delta": f.delta,
                    "ratio": f.ratio,
                    "reordered": f.reordered,
                    "place": f.place,
                }
                for f in c.fields
            ],
            "flags": [f.flag for f in report.flags_of(c)],
        }

    data = {
        "version": FORMAT_VERSION,
        "base": report.base,
        "head": report.head,
        "counts": report.counts(),
        "districts": report.districts,
        "changes": [change(c) for c in report.changes],
        "flags": [
            {
                "flag": f.flag,
                "title": f.title,
                "file": f.file,
                "kind": f.kind,
                "id": f.id,
                "path": f.path,
                "reason": f.reason,
            }
            for f in report.flags
        ],
        "stale_translations": [{"file": s.file, "key": s.key, "zh": s.zh} for s in report.stale],
        "map": geojson,
    }
    return json.dumps(data, ensure_ascii=False, sort_keys=True, indent=2) + "\n"
