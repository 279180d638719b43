"""Stage 4 — risk flags: a reviewer's checklist of what deserves a second look, each with its reason.

Only what this pull request introduced is flagged (as openstates' linter compares with the base): an entity that
was already outside its district, or two parks that already shared a point, never block a new editor.
Flags are advice, not a gate: the exit code says only whether the data changed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Callable, Iterator

from . import places
from .compare import Change, FieldChange
from .entities import Entities, Entity
from .values import fmt
from .verdicts import verdict_changes

MASS_REMOVAL = 5  # entities removed in one pull request from which it is flagged
SCALE = 10.0  # ×10 / ÷10 or more
VALUE_LEAVES = frozenset({"value", "unit", "comparator", "year", "as_of", "status_as_of", "measure"})
_POLYGON_SWAPPED = "范围轮廓里的点读作“纬度在前、经度在后”了：每个点应写成 [经度, 纬度]，广州约 [113.3, 23.1]。"
URL = re.compile(r"https?://([^/\s?#<>\"']+)", re.I)

# code -> title, in the order the report lists them. CONTRIBUTING.md explains each (「审阅报告」一节).
TITLES = {
    "scale": "数字相差十倍以上",
    "unit_only": "单位变了，数字没变",
    "unsourced_value": "数值改了，出处没改",
    "achieved_no_source": "标为已达成，却没有新来源",
    "moved_far": "位置移动超过 2 公里",
    "outside_district": "位置不在所属区内",
    "latlon_swapped": "经纬度疑似写反",
    "gcj02_shift": "疑似高德/腾讯坐标（GCJ-02）",
    "shared_point": "多个条目落在同一个点",
    "source_removed": "删除了来源",
    "source_date_moved": "来源日期改了",
    "mass_removal": "一次删除了很多条目",
    "new_host": "新出现的网址域名",
    "verdict": "目标的判定变了",
}


@dataclass(frozen=True)
class Flag:
    flag: str  # a key of TITLES
    file: str | None  # None for flags about the whole pull request (mass_removal)
    kind: str | None
    id: str | None
    path: str | None  # the field, when the flag is about one
    reason: str  # why it is flagged and what to check, in Chinese

    @property
    def title(self) -> str:
        return TITLES[self.flag]


def _at(data: Any, path: str) -> Any:
    for step in path.split(".") if path else []:
        data = data.get(step) if isinstance(data, dict) else None
    return data


def _parent(path: str) -> str:
    return path.rpartition(".")[0]


def _sources_path(data: dict, path: str) -> str | None:
    """The `sources` list that backs the field at `path`: the nearest enclosing sourced part."""
    prefix = _parent(path)
    while True:
        holder = _at(data, prefix)
        if isinstance(holder, dict) and "sources" in holder:
            return f"{prefix}.sources" if prefix else "sources"
        if not prefix:
            return None
        prefix = _parent(prefix)


def _points(data: dict) -> Iterator[tuple[str, dict]]:
    loc = data.get("location")
    if isinstance(loc, dict) and "lon" in loc:
        yield "location", loc


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


def hosts(value: Any) -> set[str]:
    return {m.group(1).lower().rstrip(".") for s in _strings(value) for m in URL.finditer(s)}


@dataclass(frozen=True)
class _Edit:
    """A changed entity, as the field rules read it."""

    old: Entity | None  # None when the base side has no entity under this key
    new: Entity
    paths: frozenset[str]  # every changed field's path
    kind: str


def _scale(e: _Edit, f: FieldChange) -> Iterator[tuple[str, str]]:
    if f.ratio is not None and f.ratio != 0 and (abs(f.ratio) >= SCALE or abs(f.ratio) <= 1 / SCALE):
        yield (
            "scale",
            f"{f.label}从 {fmt(f.old)} 变为 {fmt(f.new)}（×{fmt(f.ratio)}）：是否多写或少写了一个 0，"
            "或把万和亿弄混了？请对照来源原文核对。",
        )


def _unit_only(e: _Edit, f: FieldChange) -> Iterator[tuple[str, str]]:
    holder = _parent(f.path)
    if f.path.rpartition(".")[2] == "unit" and f"{holder}.value" not in e.paths and _at(e.new.data, holder) is not None:
        yield (
            "unit_only",
            f"单位从「{fmt(f.old)}」改为「{fmt(f.new)}」，数字 {fmt(_at(e.new.data, f'{holder}.value'))} 却没变："
            "换单位通常要换算数字（例如万元→亿元要除以 10,000），请确认来源原文就是这个数字和单位。",
        )


def _moved(e: _Edit, f: FieldChange) -> Iterator[tuple[str, str]]:
    if f.place is not None:
        yield from _place_flags(f)


def _polygon_swapped(e: _Edit, f: FieldChange) -> Iterator[tuple[str, str]]:
    if f.path.rpartition(".")[2] == "polygon" and isinstance(f.new, list):
        old_poly = f.old if isinstance(f.old, list) else []
        swapped_now = any(places.looks_swapped(tuple(v)) for v in f.new)
        if swapped_now and not any(places.looks_swapped(tuple(v)) for v in old_poly):
            yield "latlon_swapped", _POLYGON_SWAPPED


def _achieved_no_source(e: _Edit, f: FieldChange) -> Iterator[tuple[str, str]]:
    if f.path == "status" and f.new == "achieved" and f.old != "achieved" and e.old is not None:
        if not set(e.new.data.get("sources") or []) - set(e.old.data.get("sources") or []):
            yield (
                "achieved_no_source",
                f"进展从 {fmt(f.old)} 改为 achieved（已达成），但没有加入新的来源：已达成需要一篇说明已经达成的报道，"
                "请把它加进 sources。",
            )


def _source_date_moved(e: _Edit, f: FieldChange) -> Iterator[tuple[str, str]]:
    if e.kind == "source" and f.path == "published":
        yield (
            "source_date_moved",
            f"来源的发表日期从 {fmt(f.old)} 改为 {fmt(f.new)}：引用它的目标年份、as_of 都按这个日期理解，"
            "请确认改的是原文的发表日期，而不是转载或抓取日期。",
        )


# Every changed field is read by each rule, in this order; a rule yields (flag code, reason) for that field.
_FIELD_RULES: tuple[Callable[[_Edit, FieldChange], Iterator[tuple[str, str]]], ...] = (
    _scale,
    _unit_only,
    _moved,
    _polygon_swapped,
    _achieved_no_source,
    _source_date_moved,
)


def _unsourced(e: _Edit, f: FieldChange) -> bool:
    """A value changed without a change to the sources that back it."""
    if f.path.rpartition(".")[2] not in VALUE_LEAVES or f.reordered or e.old is None:
        return False
    sources = _sources_path(e.new.data, f.path)
    return sources is not None and sources not in e.paths


def _field_flags(ch: Change, old: Entity | None, new: Entity) -> Iterator[Flag]:
    edit = _Edit(old, new, frozenset(f.path for f in ch.fields), ch.kind)
    for f in ch.fields:
        for rule in _FIELD_RULES:
            for code, reason in rule(edit, f):
                yield Flag(code, ch.file, ch.kind, ch.id, f.path, reason)
    unsourced = [f for f in ch.fields if _unsourced(edit, f)]
    if unsourced:  # one flag for the entity, at its first such field
        yield Flag(
            "unsourced_value",
            ch.file,
            ch.kind,
            ch.id,
            unsourced[0].path,
            f"{'、'.join(f.label for f in unsourced)}改了，但出处（sources）没有变化：新数字来自哪篇报道？"
            "请把新来源加进 sources，或在 note 里说明为什么原来的来源支持新数字。",
        )


def _place_flags(f: FieldChange) -> Iterator[tuple[str, str]]:
    old, new, place = tuple(f.old), tuple(f.new), f.place
    where = f"从 ({fmt(f.old[0])}, {fmt(f.old[1])}) 到 ({fmt(f.new[0])}, {fmt(f.new[1])})"
    if places.is_gcj_twin(old, new):
        yield (
            "gcj02_shift",
            f"新坐标正好是旧坐标经 WGS-84→GCJ-02 换算的结果（相差 {round(place['distance_m'])} 米，{place['direction']}向）："
            "多半是从高德或腾讯地图抄来的。本站只用 WGS-84，请在 OpenStreetMap 或天地图上重新读数。",
        )
    elif place["distance_m"] > places.FAR_M:
        yield (
            "moved_far",
            f"位置{where}，向{place['direction']}移动了 {place['distance_m'] / 1000:.1f} 公里：请确认是同一个地点，"
            "并在 basis 里写明新坐标的依据。",
        )
    if places.is_swap_of(old, new) or (places.looks_swapped(new) and not places.looks_swapped(old)):
        yield "latlon_swapped", f"经纬度疑似写反（{where}）：lon 约 113，lat 约 23。"
    if place["inside_after"] is False and place["inside_before"] is not False:
        yield (
            "outside_district",
            f"新位置 ({fmt(f.new[0])}, {fmt(f.new[1])}) 不在所属区的边界内：检查经纬度是否写反、"
            "是否用了高德/百度坐标，或它是否属于别的区。",
        )


def _added_flags(ch: Change, new: Entity, inside: Callable) -> Iterator[Flag]:
    for path, loc in _points(new.data):
        point = (loc["lon"], loc["lat"])
        if inside(new.district, "head", point) is False:
            yield Flag(
                "outside_district",
                ch.file,
                ch.kind,
                ch.id,
                path,
                f"位置 ({fmt(point[0])}, {fmt(point[1])}) 不在所属区的边界内：检查经纬度是否写反、"
                "是否用了高德/百度坐标，或它是否属于别的区。",
            )
        if any(places.looks_swapped(tuple(v)) for v in loc.get("polygon") or []):
            yield Flag(
                "latlon_swapped",
                ch.file,
                ch.kind,
                ch.id,
                f"{path}.polygon",
                _POLYGON_SWAPPED,
            )


def _shared_points(base: Entities, head: Entities) -> Iterator[Flag]:
    def groups(side: Entities) -> dict[tuple[float, float], list[Entity]]:
        out: dict[tuple[float, float], list[Entity]] = {}
        for e in side.entities.values():
            for _, loc in _points(e.data):
                if loc.get("precision") != "district":  # stand-ins at the district's point share it by design
                    out.setdefault((loc["lon"], loc["lat"]), []).append(e)
        return out

    before = groups(base)
    for point, members in groups(head).items():
        known = {e.key for e in before.get(point, [])}
        new = [e for e in members if e.key not in known]
        if len(members) >= 2 and new:
            names = "、".join(f"{e.name}（{e.id}）" for e in members)
            first = new[0]
            yield Flag(
                "shared_point",
                first.file,
                first.kind,
                first.id,
                "location",
                f"{len(members)} 个条目现在都在同一点 ({fmt(point[0])}, {fmt(point[1])})：{names}。"
                "不同地点不应共用坐标；只知道片区时请用 approximate 并写明 basis。",
            )


def _change_flags(
    ch: Change, old: Entity | None, new: Entity | None, inside: Callable, base_hosts: set[str]
) -> Iterator[Flag]:
    """The flags of one change: its fields, a new entity's place, a removed source, hosts not seen before."""
    if ch.change == "changed" and new is not None:
        yield from _field_flags(ch, old, new)
    if ch.change == "added" and new is not None:
        yield from _added_flags(ch, new, inside)
    if ch.change == "removed" and ch.kind == "source":
        yield Flag(
            "source_removed",
            ch.file,
            ch.kind,
            ch.id,
            None,
            f"删除了来源「{ch.name}」：引用它的条目会失去出处（校验会报错）；若来源失效，"
            "请保留条目并在 notes 里说明，或换成新的来源。",
        )
    if ch.change in ("added", "changed") and new is not None:
        for host in sorted(hosts(new.data) - base_hosts):
            yield Flag(
                "new_host",
                ch.file,
                ch.kind,
                ch.id,
                None,
                f"出现了以前没有用过的网址域名 {host}：请确认它是来源的原发网站，不是广告、推广或跟踪链接。",
            )


def _verdict_flags(base: Entities, head: Entities) -> Iterator[Flag]:
    for goal, before, after in verdict_changes(base, head):
        reason = (
            f"目标「{goal.name}」的判定由程序从「{before or '不判定'}」算成「{after}」：请核对新的数字、年份和口径。"
        )
        yield Flag("verdict", goal.file, goal.kind, goal.id, None, reason)


def _mass_removal(changes: list[Change]) -> Iterator[Flag]:
    removed = [c for c in changes if c.change == "removed"]
    if len(removed) >= MASS_REMOVAL:
        counts: dict[str, int] = {}
        for c in removed:
            counts[c.kind_zh] = counts.get(c.kind_zh, 0) + 1
        detail = "、".join(f"{k} {n} 个" for k, n in counts.items())
        yield Flag(
            "mass_removal",
            None,
            None,
            None,
            None,
            f"本次一共删除了 {len(removed)} 个条目（{detail}）：整段删除多半是误操作（例如粘贴时覆盖了一段），"
            "请确认每一个都该删除。",
        )


def flags(changes: list[Change], base: Entities, head: Entities, inside: Callable) -> list[Flag]:
    """Every flag this pull request raises, in report order."""
    base_hosts = set().union(*(hosts(e.data) for e in base.entities.values()))
    out: list[Flag] = []
    for ch in changes:
        key = (ch.file, ch.kind, ch.id)
        out.extend(_change_flags(ch, base.entities.get(key), head.entities.get(key), inside, base_hosts))
    out.extend(_shared_points(base, head))
    out.extend(_verdict_flags(base, head))
    out.extend(_mass_removal(changes))
    order = {code: i for i, code in enumerate(TITLES)}
    return sorted(out, key=lambda f: (order[f.flag], f.file or "", f.kind or "", f.id or "", f.path or ""))
