"""Stage 5c — the report as GitHub Markdown (job summary and the pull request's comment), with every string
from the data made inert.

Data is untrusted: a YAML value must not ping people (@name), cross-link issues or commits (#12, GH-12, a SHA),
inject HTML or images (tracking pixels), add links, or break out of a table cell or a code fence. So each string
is stripped of control, invisible and bidirectional characters and collapsed to one line; URL and www. starts are
broken with a zero-width space; every mark that can open markup mid-line is backslash-escaped (a line never starts
with data: rows start with "|", list items with our own words); & < > become entities; @, # and GH- are followed by
a zero-width space. The only links are ours: the district's page on our site and a source's own URL (already
checked to be http(s) by the model), written as <…> destinations.
"""

from __future__ import annotations

import json
import re

from .compare import Change, FieldChange
from .report import DiffReport
from .text import CHANGE_ZH, STALE_HEADING, clean, counts_line, moved_text, number_text, place_text
from .values import excerpts, fmt, short

MARKER = "<!-- profiles-diff-report -->"  # the comment workflow finds and updates its one comment by this
ZW = "\u200b"
_INVISIBLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]")
_PUNCT = re.compile(r"([\\`*_{}\[\]()#!|~$])")  # what can start markup mid-line ($: GitHub's math)
_HEX = re.compile(r"(?i)\b(?=[0-9a-f]*[a-f])(?=[0-9a-f]*\d)([0-9a-f]{4})([0-9a-f]{3,})\b")
_SAFE_URL = re.compile(r"^https?://[^\s<>\"'`\\]+$")


def inert(text: str) -> str:
    """One line of Markdown that shows `text` as text and nothing else."""
    text = " ".join(_INVISIBLE.sub(" ", str(text)).split())
    text = re.sub(r"(?i)(://|www\.)", lambda m: m.group(1)[0] + ZW + m.group(1)[1:], text)
    text = _HEX.sub(lambda m: m.group(1) + ZW + m.group(2), text)  # commit-like words are autolinked
    text = _PUNCT.sub(r"\\\1", text)
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = re.sub(r"([@#＠＃])", "\\1" + ZW, text)
    return re.sub(r"(?i)\b(gh)-", "\\1" + ZW + "-", text)


def code(text: str) -> str:
    """Our own identifiers (ids match [a-z0-9-], paths are field names) in a code span, backticks removed."""
    return f"`{str(text).replace('`', '')}`" if text else ""


def link(label: str, url: str) -> str:
    """A link to our site or a source's own URL; anything that is not a plain http(s) URL stays text."""
    if not _SAFE_URL.match(url):
        return inert(url)
    return f"[{inert(label)}](<{url.replace('&', '&amp;')}>)"  # entities in a destination are decoded: keep & as &


def page_url(site: str, slug: str) -> str | None:
    if not site or not _SAFE_URL.match(site) or not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug):
        return None
    return f"{site.rstrip('/')}/districts/{slug}/"


def _cell_value(c: Change, f: FieldChange, value, other) -> str:
    if c.kind == "source" and f.path == "url" and isinstance(value, str):
        return link(value.split("/")[2] if value.count("/") >= 2 else value, value)
    if f.place is not None:
        return inert(f"({fmt(value[0])}, {fmt(value[1])})")
    return inert(excerpts(value, other)[0] if value is f.old else excerpts(other, value)[1])


def _field_row(c: Change, f: FieldChange, report: DiffReport) -> str:
    district_zh = report.names.get(c.district) if c.district else None
    if f.reordered:
        note, old, new = "顺序调整", inert(fmt(f.old)), inert(fmt(f.new))
    else:
        old, new = _cell_value(c, f, f.old, f.new), _cell_value(c, f, f.new, f.old)
        note = inert(place_text(f, district_zh) if f.place is not None else number_text(f))
    return f"| | {inert(f.label)} {code(f.path)} | {old} | {new} | {note} |"


def _entity(c: Change) -> str:
    if c.change == "reordered":
        return f"{c.kind_zh} {code(c.id)}"
    return f"{c.kind_zh} {code(c.id)} {inert(short(c.name))}".rstrip()


def _rows(c: Change, report: DiffReport) -> list[str]:
    warn = " ⚠️" if report.flags_of(c) else ""
    if c.change == "reordered":
        return [f"| **顺序调整** | {_entity(c)} | | | {moved_text(c, code)} |"]
    if c.change == "renamed":
        return [f"| **改名** | {_entity(c)} | | | 原编号 {code(c.renamed_from)}，内容未变 |"]
    if c.change in ("added", "removed"):
        return [f"| **{CHANGE_ZH[c.change]}**{warn} | {_entity(c)} | | | |"]
    return [f"| **修改**{warn} | {_entity(c)} | | | |"] + [_field_row(c, f, report) for f in c.fields]


def _file_heading(file: str, report: DiffReport, site: str) -> str:
    slug = file.removeprefix("data/districts/").removesuffix(".yaml") if "/districts/" in file else None
    title = f"#### {code(file)}"
    if slug in report.names:
        title += f" · {inert(report.names[slug])}"
        url = page_url(site, slug)
        if url:
            title += f" · {link('页面', url)}"
    return title


def geojson_block(data: dict) -> list[str]:
    """A ```geojson fence that nothing in the data can close: no backtick, no < and no raw newline inside."""

    def dump(value) -> str:
        return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))

    features = ",\n".join(dump(f) for f in data["features"])  # one feature a line: readable, still one fence
    text = '{"type":"FeatureCollection","features":[\n' + features + "\n]}"
    for raw, escaped in (("`", "\\u0060"), ("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(raw, escaped)
    text = re.sub("[\u0085\u2028\u2029]", lambda m: f"\\u{ord(m.group()):04x}", text)  # line breaks to some readers
    return ["```geojson", text, "```"]


def render_markdown(report: DiffReport, site: str = "", geojson: dict | None = None) -> str:
    out = [MARKER, f"### 数据改动审阅：{code(report.base)} → {code(report.head)}", ""]
    if not report.changes:
        return "\n".join(out + ["没有数据改动。"]) + "\n"
    out += [inert(counts_line(report)), ""]
    if report.flags:
        out += [
            "#### ⚠️ 风险提示",
            "",
            "审核清单，不是门禁：逐条核对后勾选（各项说明见 CONTRIBUTING.md「审阅报告」）。",
            "",
        ]
        for f in report.flags:
            where = " · ".join(x for x in (code(f.flag), code(f.file or ""), code(f.id or ""), code(f.path or "")) if x)
            out.append(f"- [ ] **{inert(f.title)}** {where}：{inert(f.reason)}")
        out.append("")
    current = None
    for c in report.changes:
        if c.file != current:
            if current is not None:
                out.append("")
            current = c.file
            out += [
                _file_heading(c.file, report, site),
                "",
                "| 改动 | 条目 / 字段 | 原来 | 现在 | 说明 |",
                "| --- | --- | --- | --- | --- |",
            ]
        out += _rows(c, report)
    if report.stale:
        out += ["", "#### 英文译文可能过时", "", inert(STALE_HEADING) + "：", ""]
        out += [f"- {code(s.file)} · {code(s.key)}：现在的中文「{inert(short(clean(s.zh)))}」" for s in report.stale]
    if geojson is not None:
        out += ["", "#### 地图：改动的位置", "", "空心（灰）：原位置；实心（橙）：新位置；线：从原位置到新位置。", ""]
        out += geojson_block(geojson)
    return "\n".join(out) + "\n"


def render_error(lines: list[str]) -> str:
    """An unreadable side, for the job summary and the comment: validate's lines, each made inert."""
    out = [
        MARKER,
        "### 数据改动审阅：无法比较",
        "",
        "有一边的数据无法读取（错误见下，与 `make validate` 相同），所以没有审阅报告：",
        "",
    ]
    out += [f"- {inert(line)}" for block in lines for line in block.splitlines() if line.strip()]
    return "\n".join(out) + "\n"
