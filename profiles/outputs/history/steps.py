"""Stage 2 — one step of the history: a commit compared with its first parent by the `profiles diff` engine
(profiles/outputs/diff/: entities added, removed, changed field by field, renamed, reordered; the risk flags), written as
lines a reader can follow. A step depends on its two commits only, so it is cached by the pair, for good: a warm
build reads each old step back and compares nothing.

A file that appears whole (a new district, the first commit's data) is one entry — "新增区档案 海珠区，含目标 37
项、…" — not one per goal; the keys it added are all kept for each fact's first appearance (「收录于」).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from ...model.enums import LABELS_ZH
from ..diff.compare import Change, FieldChange
from ..diff.entities import KIND_ZH, REGISTRY_FILE, SOURCES_FILE
from ..diff.report import DiffReport, diff
from ..diff.text import clean, moved_text, place_text
from ..diff.values import excerpts, fmt, short
from .states import Reader

NAME = 40  # characters of an entity's name shown (a role's name is its whole sentence)
Key = tuple[str, str, str]  # file, kind, id: the diff engine's entity key


@dataclass(frozen=True)
class Item:
    """One entity's change in one step, ready to show."""

    change: str  # added | removed | changed | renamed | reordered
    file: str  # data/districts/haizhu.yaml
    kind: str  # district, city, goal … (profiles.outputs.diff.entities.KIND_ZH); a whole sources or registry file: its kind
    id: str  # the entity's id; for "reordered" the list's name; "" for a whole sources or registry file
    name: str  # what a reader knows it by
    district: str | None  # the district's slug (its own file, or its registry entry)
    lines: tuple[str, ...]  # what changed, one line each: 数值目标 › 目标数值：5.5 → 6（+0.5）
    flags: tuple[str, ...]  # the review's risk flags on it, by title


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
    report = diff(before.side(parent or "", data_dir), after.side(commit, data_dir))
    new_files = {f"data/{rel}" for rel in after.files if rel not in before.files}
    gone_files = {f"data/{rel}" for rel in before.files if rel not in after.files}
    items = _items(report, new_files, gone_files)
    added = tuple(_key(c) for c in report.changes if c.change == "added")
    renamed = tuple(((c.file, c.kind, c.renamed_from or ""), _key(c)) for c in report.changes if c.change == "renamed")
    return Step(parent, commit, tuple(items), added, renamed)


def _key(c: Change) -> Key:
    return c.file, c.kind, c.id


ENUMS = frozenset({"status", "kind", "category", "precision", "comparator", "measure"})  # fields holding a choice
WHOLE = {SOURCES_FILE: ("source", "来源表"), REGISTRY_FILE: ("registry", "登记表")}


def _items(report: DiffReport, new_files: set[str], gone_files: set[str]) -> list[Item]:
    """The report's changes as items, a file added or removed whole folded into one."""
    out: list[Item] = []
    folded: dict[tuple[str, str], Counter] = {}  # (file, added|removed) -> kind -> count
    for c in report.changes:
        whole = c.file in (new_files if c.change == "added" else gone_files if c.change == "removed" else ())
        if whole:
            counts = folded.setdefault((c.file, c.change), Counter())
            if c.kind in ("district", "city"):
                out.append(_item(c, report))  # the profile itself carries the count of its items
            elif c.file in WHOLE and not counts:
                kind, name = WHOLE[c.file]
                out.append(Item(c.change, c.file, kind, "", name, None, (), ()))
            counts[c.kind] += 1
            continue
        out.append(_item(c, report))
    return [_with_counts(item, folded) for item in out]


def _with_counts(item: Item, folded: dict[tuple[str, str], Counter]) -> Item:
    counts = folded.get((item.file, item.change))
    if not counts or (item.id and item.kind not in ("district", "city")):
        return item
    parts = [f"{KIND_ZH[kind]} {n} 项" for kind, n in counts.items() if kind not in ("district", "city")]
    if not parts:
        return item
    line = ("含" if item.change == "added" else "连同") + "、".join(parts)
    return Item(item.change, item.file, item.kind, item.id, item.name, item.district, (line,), item.flags)


def _district(c: Change) -> str | None:
    if c.district:
        return c.district
    return c.id if c.file == REGISTRY_FILE and c.kind == "registry" else None


def _item(c: Change, report: DiffReport) -> Item:
    flags = tuple(dict.fromkeys(f.title for f in report.flags_of(c)))
    return Item(c.change, c.file, c.kind, c.id, short(clean(c.name), NAME), _district(c), _lines(c, report), flags)


def _lines(c: Change, report: DiffReport) -> tuple[str, ...]:
    if c.change == "reordered":
        return (moved_text(c),)
    if c.change == "renamed":
        return (f"改名：原编号 {c.renamed_from}，内容未变",)
    if c.change != "changed":
        return ()
    district_zh = report.names.get(c.district) if c.district else None
    return tuple(field_text(f, district_zh) for f in c.fields)


def field_text(f: FieldChange, district_zh: str | None) -> str:
    """A field's change for a reader: its Chinese name, old → new, and for numbers and points what that means."""
    if f.reordered:
        return f"{f.label}：顺序调整（{clean(fmt(f.old))} → {clean(fmt(f.new))}）"
    if f.place is not None:
        old, new = f"({fmt(f.old[0])}, {fmt(f.old[1])})", f"({fmt(f.new[0])}, {fmt(f.new[1])})"
        note = place_text(f, district_zh)
    else:
        if f.path.rpartition(".")[2] in ENUMS:  # planned → 计划: the words the pages use
            old, new = (LABELS_ZH.get(v, v) if isinstance(v, str) else v for v in (f.old, f.new))
            old, new = fmt(old), fmt(new)
        else:
            old, new = excerpts(f.old, f.new)
        note = ("+" if f.delta > 0 else "") + fmt(f.delta) if f.delta is not None else ""  # a reader's difference
    return f"{f.label}：{clean(old)} → {clean(new)}" + (f"（{note}）" if note else "")
