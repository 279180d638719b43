"""Stage 2 — one step of the history: a commit compared with its first parent by the `profiles diff` engine
(profiles/outputs/diff/: entities added, removed, changed field by field, renamed, reordered; the risk flags), written as
lines a reader can follow. A step depends on its two commits only, so it is cached by the pair, for good: a warm
build reads each old step back and compares nothing.

A file that appears whole (a new district, the first commit's data) is one entry — "新增区档案 海珠区，含目标 37
项、…" — not one per goal; the keys it added are all kept for each fact's first appearance (「收录于」).
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

from ...model.enums import LABELS_ZH
from ..diff.compare import Change, FieldChange
from ..diff.entities import CITY_FILE, KIND_ZH, REGISTRY_FILE, SOURCES_FILE, district_file
from ..diff.report import DiffReport, diff
from ..diff.sides import Side
from ..diff.text import clean, moved_text, place_text
from ..diff.values import excerpts, fmt, short
from .states import Reader

NAME = 40  # characters of an entity's name shown (a role's name is its whole sentence)
Key = tuple[str, str, str]  # file, kind, id: the diff engine's entity key


@dataclass(frozen=True)
class Line:
    """One line of what changed: as the Chinese edition shows it (`zh`), and its parts, from which another
    language writes its own (profiles/outputs/history/words.py). Values are shown as the review shows them."""

    zh: str
    form: str  # field | order (a field's list in another order) | moved (a list's entries) | renamed | count
    label: str = ""  # field, order: the field's label, its parts joined by " › " (数值目标 › 目标数值)
    old: str | None = None  # field, order: the values shown; None: no value
    new: str | None = None
    choice: bool = False  # field: old and new are a choice's codes (planned, in_progress …)
    note: str = ""  # field: a number's difference (+0.5), the same in every language
    place: tuple = ()  # field: a moved point's (metres, compass direction in Chinese, inside before, inside after)
    items: tuple = ()  # moved: ((id, from, to), …); count: ((kind, n), …)
    total: int = 0  # moved: how many entries the list holds
    ident: str = ""  # renamed: the old id; count: 含 (a file added whole) or 连同 (removed)


@dataclass(frozen=True)
class Item:
    """One entity's change in one step, ready to show."""

    change: str  # added | removed | changed | renamed | reordered
    file: str  # data/districts/haizhu.yaml
    kind: str  # district, city, goal … (profiles.outputs.diff.entities.KIND_ZH); a whole sources or registry file: its kind
    id: str  # the entity's id; for "reordered" the list's name; "" for a whole sources or registry file
    name: str  # what a reader knows it by
    district: str | None  # the district's slug (its own file, or its registry entry)
    lines: tuple[Line, ...]  # what changed, one line each: 数值目标 › 目标数值：5.5 → 6（+0.5）
    flags: tuple[str, ...]  # the review's risk flags on it, by title
    figure: tuple[str, int, str] | None = None  # a figure's (indicator, year, period): its name in other languages


@dataclass(frozen=True)
class Step:
    parent: str | None
    commit: str
    items: tuple[Item, ...]
    added: tuple[Key, ...]  # every entity the commit added, folded or not, in report order
    renamed: tuple[tuple[Key, Key], ...]  # (old key, new key)


def step(reader: Reader, parent: str | None, commit: str) -> Step:
    """Compare `commit` with `parent` (None: with nothing, the repository's first commit)."""
    before = reader.state(parent)
    after = reader.state(commit, parent)
    data_dir = reader.root / reader.data
    sides = before.side(parent or "", data_dir), after.side(commit, data_dir)
    report = diff(*sides)
    new_files = {f"data/{rel}" for rel in after.files if rel not in before.files}
    gone_files = {f"data/{rel}" for rel in before.files if rel not in after.files}
    items = _items(report, new_files, gone_files, _figures(*sides))
    added = tuple(_key(c) for c in report.changes if c.change == "added")
    renamed = tuple(((c.file, c.kind, c.renamed_from or ""), _key(c)) for c in report.changes if c.change == "renamed")
    return Step(parent, commit, tuple(items), added, renamed)


def _key(c: Change) -> Key:
    return c.file, c.kind, c.id


ENUMS = frozenset({"status", "kind", "category", "precision", "comparator", "measure"})  # fields holding a choice
WHOLE = {SOURCES_FILE: ("source", "来源表"), REGISTRY_FILE: ("registry", "登记表")}


def _items(
    report: DiffReport, new_files: set[str], gone_files: set[str], figures: Mapping[Key, tuple[str, int, str]]
) -> list[Item]:
    """The report's changes as items, a file added or removed whole folded into one."""
    out: list[Item] = []
    folded: dict[tuple[str, str], Counter] = {}  # (file, added|removed) -> kind -> count
    for c in report.changes:
        whole = c.file in (new_files if c.change == "added" else gone_files if c.change == "removed" else ())
        if whole:
            counts = folded.setdefault((c.file, c.change), Counter())
            if c.kind in ("district", "city"):
                out.append(_item(c, report, figures))  # the profile itself carries the count of its items
            elif c.file in WHOLE and not counts:
                kind, name = WHOLE[c.file]
                out.append(Item(c.change, c.file, kind, "", name, None, (), ()))  # fmt: skip
            counts[c.kind] += 1
            continue
        out.append(_item(c, report, figures))
    return [_with_counts(item, folded) for item in out]


def _with_counts(item: Item, folded: dict[tuple[str, str], Counter]) -> Item:
    counts = folded.get((item.file, item.change))
    if not counts or (item.id and item.kind not in ("district", "city")):
        return item
    counted = tuple((kind, n) for kind, n in counts.items() if kind not in ("district", "city"))
    if not counted:
        return item
    joined = "含" if item.change == "added" else "连同"
    line = joined + "、".join(f"{KIND_ZH[kind]} {n} 项" for kind, n in counted)
    return dataclasses.replace(item, lines=(Line(line, "count", items=counted, ident=joined),))


def _district(c: Change) -> str | None:
    if c.district:
        return c.district
    return c.id if c.file == REGISTRY_FILE and c.kind == "registry" else None


def _item(c: Change, report: DiffReport, figures: Mapping[Key, tuple[str, int, str]]) -> Item:
    flags = tuple(dict.fromkeys(f.title for f in report.flags_of(c)))
    name = short(clean(c.name), NAME)
    return Item(c.change, c.file, c.kind, c.id, name, _district(c), _lines(c, report), flags, figures.get(_key(c)))


def _figures(*sides: Side) -> dict[Key, tuple[str, int, str]]:
    """Each figure's indicator, year and period (its name is made of them), from the sides that hold it."""
    out: dict[Key, tuple[str, int, str]] = {}
    for side in sides:
        profiles = [(district_file(slug), d) for slug, d in side.dataset.districts.items()]
        profiles += [(CITY_FILE, side.dataset.city)] if side.dataset.city is not None else []
        for file, profile in profiles:
            for f in getattr(profile, "figures", None) or []:
                out[(file, "figure", f.id)] = (f.indicator.value, f.year, f.period.value)
    return out


def _lines(c: Change, report: DiffReport) -> tuple[Line, ...]:
    if c.change == "reordered":
        moves = tuple((m.id, m.old, m.new) for m in c.moved or [])
        return (Line(moved_text(c), "moved", items=moves, total=len(c.order_after or [])),)
    if c.change == "renamed":
        return (Line(f"改名：原编号 {c.renamed_from}，内容未变", "renamed", ident=c.renamed_from or ""),)
    if c.change != "changed":
        return ()
    district_zh = report.names.get(c.district) if c.district else None
    return tuple(field_line(f, district_zh) for f in c.fields)


def field_text(f: FieldChange, district_zh: str | None) -> str:
    """A field's change for a reader: its Chinese name, old → new, and for numbers and points what that means."""
    return field_line(f, district_zh).zh


def field_line(f: FieldChange, district_zh: str | None) -> Line:
    """A field's change as a line: in Chinese, and in parts for other languages."""
    if f.reordered:
        old, new = clean(fmt(f.old)), clean(fmt(f.new))
        return Line(f"{f.label}：顺序调整（{old} → {new}）", "order", f.label, old, new)
    place: tuple = ()
    choice = False
    if f.place is not None:
        old, new = f"({fmt(f.old[0])}, {fmt(f.old[1])})", f"({fmt(f.new[0])}, {fmt(f.new[1])})"
        note = place_text(f, district_zh)
        p = f.place
        place = (p["distance_m"], p["direction"], p["inside_before"], p["inside_after"])
        shown = (old, new)
    else:
        if f.path.rpartition(".")[2] in ENUMS:  # planned → 计划: the words the pages use
            old, new = (LABELS_ZH.get(v, v) if isinstance(v, str) else v for v in (f.old, f.new))
            old, new = fmt(old), fmt(new)
            choice = True
            shown = tuple(v if isinstance(v, str) else fmt(v) for v in (f.old, f.new))
        else:
            old, new = excerpts(f.old, f.new)
            shown = (clean(old), clean(new))
        note = ("+" if f.delta > 0 else "") + fmt(f.delta) if f.delta is not None else ""  # a reader's difference
    zh = f"{f.label}：{clean(old)} → {clean(new)}" + (f"（{note}）" if note else "")
    old_shown, new_shown = (None if v is None else s for v, s in zip((f.old, f.new), shown))
    return Line(zh, "field", f.label, old_shown, new_shown, choice, "" if place else note, place)
