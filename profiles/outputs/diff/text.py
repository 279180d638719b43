"""Stage 5a — the report for a terminal (`--format text`, the default; what `make diff` prints).

Strings from the data are shown as text with control characters removed, so a value cannot move the cursor or
recolour the terminal.
"""

from __future__ import annotations

import re

from .compare import Change, FieldChange
from .report import DiffReport
from .values import excerpts, fmt, short

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
SIGN = {"added": "+", "removed": "-", "changed": "~", "renamed": ">", "reordered": "↕"}
CHANGE_ZH = {"added": "新增", "removed": "删除", "changed": "修改", "renamed": "改名", "reordered": "顺序调整"}
NO_CHANGE = "没有数据改动。"
STALE_HEADING = "英文译文可能过时（中文改了：请在 data/en/ 按新的中文更新 en，并把 zh 改成新的中文）"


def clean(text: str) -> str:
    return " ".join(_CONTROL.sub(" ", text).split())


def counts_line(report: DiffReport) -> str:
    c = report.counts()
    parts = [f"{c[k]} 处{CHANGE_ZH[k]}" for k in CHANGE_ZH if c[k]]
    flags = f"；{c['flags']} 个风险提示" if c["flags"] else "；没有风险提示"
    return "、".join(parts) + flags


def place_text(f: FieldChange, district_zh: str | None) -> str:
    p = f.place or {}
    where = district_zh or "所属区"
    metres = p["distance_m"]
    distance = f"{metres / 1000:.1f} 公里" if metres >= 1000 else f"{round(metres)} 米"
    text = f"向{p['direction']}移动 {distance}"
    if p["inside_after"] is True:
        text += f"，仍在{where}内" if p["inside_before"] is not False else f"，现在在{where}内"
    elif p["inside_after"] is False:
        text += f"，不在{where}内"
    return text


def number_text(f: FieldChange) -> str:
    parts = []
    if f.delta is not None:
        parts.append(("+" if f.delta > 0 else "") + fmt(f.delta))
    if f.ratio is not None:
        parts.append(f"×{fmt(f.ratio)}")
    return "，".join(parts)


def field_line(f: FieldChange, district_zh: str | None) -> str:
    head = f"{f.path} {f.label}"
    if f.reordered:
        return f"{head}：顺序调整（{clean(fmt(f.old))} → {clean(fmt(f.new))}）"
    old, new = excerpts(f.old, f.new)
    if f.place is not None:
        old, new = f"({fmt(f.old[0])}, {fmt(f.old[1])})", f"({fmt(f.new[0])}, {fmt(f.new[1])})"
    note = place_text(f, district_zh) if f.place is not None else number_text(f)
    return f"{head}：{clean(old)} → {clean(new)}" + (f"（{note}）" if note else "")


def moved_text(c: Change, name=lambda ident: ident) -> str:
    """A reorder as the entries that moved and where, `name` writing each id (Markdown puts it in a code span)."""
    moved = c.moved or []
    places = "、".join(f"{name(m.id)} 第 {m.old} → 第 {m.new} 位" for m in moved)
    return f"{len(moved)} 项移动了位置（共 {len(c.order_after or [])} 项）：{places}"


def entity_text(c: Change) -> str:
    if c.change == "reordered":
        return f"{c.id}（{c.kind_zh}）"
    name = f"「{short(clean(c.name))}」" if c.name else ""
    return f"{c.kind_zh} {c.id}{name}"


def change_lines(c: Change, report: DiffReport) -> list[str]:
    district_zh = report.names.get(c.district) if c.district else None
    sign = SIGN[c.change]
    if c.change == "reordered":
        return [f"  {sign} {entity_text(c)}：顺序调整，{moved_text(c)}"]
    if c.change == "renamed":
        return [f"  {sign} {entity_text(c)}：改名，原编号 {c.renamed_from}，内容未变"]
    if c.change in ("added", "removed"):
        return [f"  {sign} {entity_text(c)}：{CHANGE_ZH[c.change]}"]
    out = [f"  {sign} {entity_text(c)}"]
    out += [f"      {field_line(f, district_zh)}" for f in c.fields]
    out += [f"      ⚠ {f.title}" for f in report.flags_of(c)]
    return out


def file_title(file: str, report: DiffReport) -> str:
    slug = file.removeprefix("data/districts/").removesuffix(".yaml") if "/districts/" in file else None
    return f"{file}（{report.names[slug]}）" if slug in report.names else file


def render_text(report: DiffReport) -> str:
    out = [f"数据改动：{clean(report.base)} → {clean(report.head)}"]
    if not report.changes:
        return "\n".join(out + [NO_CHANGE]) + "\n"
    out.append(counts_line(report))
    current = None
    for c in report.changes:
        if c.file != current:
            current = c.file
            out += ["", file_title(c.file, report)]
        out += change_lines(c, report)
    if report.flags:
        out += ["", "风险提示（审核清单，不是门禁；说明见 CONTRIBUTING.md「审阅报告」）："]
        for f in report.flags:
            where = " ".join(x for x in (f.file, f.id, f.path) if x)
            out.append(f"  ⚠ {f.title} [{f.flag}] {where}".rstrip())
            out.append(f"      {clean(f.reason)}")
    if report.stale:
        out += ["", STALE_HEADING + "："]
        out += [f"  {s.file} {s.key}：现在的中文「{short(clean(s.zh))}」" for s in report.stale]
    return "\n".join(out) + "\n"
