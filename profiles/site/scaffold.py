"""`python -m profiles new park --district haizhu`: append a placeholder item for an editor to fill in.

The block is inserted as text at the end of the right list, so every comment and blank line an editor
wrote stays exactly where it was (a YAML round-trip would reflow the file). Every required field is
present with a placeholder that fails validation (`""`, an empty number, `sources: []`), so a half-filled
item cannot be merged: `validate` points at each line still to fill, in Chinese, with an example.
Optional fields follow as commented-out lines, with the model's own description as the hint.
"""

from __future__ import annotations

import os
import re
import tempfile
from enum import Enum
from pathlib import Path
from typing import Any, get_args, get_origin

from pydantic import BaseModel

from ..ingest.checks import MAX_DECIMALS
from ..model.enums import LABELS_ZH
from ..model.kinds import KINDS as ENTRY_KINDS
from ..model.kinds import LISTS
from ..model import ID_PATTERN, Source, Sourced
from ..ingest.yamlload import Document, load

# kind -> (list key, model, what the editor adds, in Chinese): the entries profiles.model.kinds scaffolds, and a source
KINDS: dict[str, tuple[str, type[BaseModel], str]] = {
    **{k.name: (k.list, k.model, k.item) for k in ENTRY_KINDS if k.new},
    "source": ("sources", Source, "来源"),
}
# Hints the field descriptions cannot carry because they depend on other files or commands.
OWN_HINTS = {
    "sources": "出处：data/sources.yaml 里来源的编号，至少一个，例如 [ycwb-2025-02-haizhu]；新来源先运行 "
    "python -m profiles new source；暂无来源就删掉这行，写 unverified: true 并在 note 里说明。",
    "quote": "引文：来源中支持这条事实的最短原文，从原文逐字复制（不超过80字；相隔的两段之间用 … 连接），"
    "validate 会在来源存档里核对；暂无来源（unverified）时删掉这行。",
}
EXTRA_HINTS = {
    "lon": "小数位："
    + "、".join(f"{p.value} 最多 {n} 位" for p, n in MAX_DECIMALS.items())
    + "；用 OpenStreetMap 或天地图取点，不要用高德/百度坐标",
    "published": "不用加引号，例如 2025-02-07",
}


# Not required by the model, but every fact needs them: written as placeholders to fill, like required fields.
# (A missing quote is only a warning, so that unverified facts and old data stay valid; an empty one is an error.)
TO_FILL = ("sources", "quote")


class ScaffoldError(Exception):
    """A plain message for the editor: nothing was written."""


def _hint(name: str, field) -> str:
    if name in OWN_HINTS:
        return OWN_HINTS[name]
    text = (field.description or "").split(" / ")[0].strip().removeprefix("可选：")
    first = text.split("。")[0] + "。" if "。" in text else text  # the first sentence says what to write
    inner = _enum(field.annotation)
    if inner is not None and not all(f"`{m.value}`" in text for m in inner):
        first += " 可选：" + "、".join(f"{m.value}（{LABELS_ZH.get(m.value, m.value)}）" for m in inner)
    extra = EXTRA_HINTS.get(name, "")
    return f"{first}{extra}".strip()


def _unwrap(annotation: Any) -> Any:
    """`X | None` -> X; anything else unchanged."""
    args = get_args(annotation)
    rest = [a for a in args if a is not type(None)]
    return rest[0] if type(None) in args and len(rest) == 1 else annotation


def _enum(annotation: Any) -> type[Enum] | None:
    inner = _unwrap(annotation)
    return inner if isinstance(inner, type) and issubclass(inner, Enum) else None


def _model(annotation: Any) -> type[BaseModel] | None:
    inner = _unwrap(annotation)
    return inner if isinstance(inner, type) and issubclass(inner, BaseModel) else None


def _placeholder(annotation: Any) -> str:
    """An empty value of the right shape, which the models refuse: text and choices `""`, numbers and
    dates nothing (null), lists `[]` (the only required list is `sources`, which needs one id)."""
    inner = _unwrap(annotation)
    if get_origin(inner) in (list, tuple) or inner in (list, tuple):
        return "[]"
    if inner in (int, float, bool) or getattr(inner, "__name__", "") == "date":
        return ""
    return '""'


def _ordered(model: type[BaseModel]) -> list[str]:
    """The item's own fields first, then sources, quote, unverified, note…, which every sourced item shares."""
    shared = [n for n in Sourced.model_fields if n in model.model_fields] if issubclass(model, Sourced) else []
    shared.sort(key=lambda n: n not in TO_FILL)  # stable: sources, quote, then the optional ones in model order
    return [n for n in model.model_fields if n not in shared] + shared


def _line(indent: str, name: str, value: str, comment: str) -> str:
    head = f"{indent}{name}:" + (f" {value}" if value else "")
    return f"{head}  # {comment}" if comment else head


def _fields(model: type[BaseModel], indent: str, given_id: str | None, commented: bool = False) -> list[str]:
    """Lines for `model`'s fields at `indent`. Inside a commented-out block only the fields one needs
    are shown (required ones, and optional ones with a default worth seeing)."""
    out: list[str] = []
    for name in _ordered(model):
        field = model.model_fields[name]
        required = field.is_required()
        nested = _model(field.annotation)
        hint = _hint(name, field)
        if commented and not required:
            default = field.default
            if isinstance(default, Enum) or (isinstance(default, str) and default):
                out.append(_line(indent, name, default.value if isinstance(default, Enum) else default, hint))
            continue
        if nested is not None:
            inner = _fields(nested, indent + "  ", None, commented or not required)
            if required or commented:
                out.append(_line(indent, name, "", ("TODO 必填：" if required and not commented else "") + hint))
                out += inner
            else:
                out.append(_line(indent, "# " + name, "", "可选：" + hint))
                out += [f"{indent}# {ln[len(indent) :]}" for ln in inner]  # uncommenting = deleting "# "
            continue
        if name == "id" and given_id:
            out.append(_line(indent, name, given_id, ""))
        elif commented:
            out.append(_line(indent, name, "", hint))
        elif required or name in TO_FILL:
            out.append(_line(indent, name, _placeholder(field.annotation), "TODO 必填：" + hint))
        else:
            value = "[]" if _placeholder(field.annotation) == "[]" else ""
            out.append(_line(indent, "# " + name, value, "可选：" + hint))
    return out


def block(kind: str, item_indent: int = 2, given_id: str | None = None) -> list[str]:
    """The placeholder item as lines (no newlines), its dash at column `item_indent`."""
    key, model, zh = KINDS[kind]
    pad = " " * item_indent
    body = _fields(model, pad + "  ", given_id)
    first = body[0]
    assert not first.lstrip().startswith("#"), "the first field of an item must be a required one"
    return [
        f"{pad}# TODO 新{zh}（python -m profiles new {kind}）：把标着 TODO 的项换成来源里的内容；"
        "可选项去掉行首的 # 再填写。填完后可删除这些注释。",
        f"{pad}- {first.lstrip()}",
        *body[1:],
    ]


_KEY = re.compile(r"^(?P<key>[A-Za-z_][\w-]*):(?P<rest>.*)$")


def _top_level(line: str) -> bool:
    """A line at column 0 that starts the next top-level key (not a comment, not an item of an
    indentless list)."""
    return bool(line.strip()) and not line[0].isspace() and not line.startswith(("#", "-"))


def insert_item(text: str, key: str, make_block) -> tuple[str, int]:
    """`text` with a new item at the end of top-level list `key`; returns (new text, first line number).

    `make_block(indent)` gives the item's lines with its dash at column `indent`.
    """
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    start = next((i for i, ln in enumerate(lines) if (m := _KEY.match(ln.rstrip("\n"))) and m["key"] == key), None)
    if start is None:  # no such list yet: add it at the end of the file
        new = [f"{key}:\n"] + [ln + "\n" for ln in make_block(2)]
        prefix = lines + (["\n"] if lines and lines[-1].strip() else [])
        return "".join(prefix + new), len(prefix) + 2
    rest = _KEY.match(lines[start].rstrip("\n"))["rest"]
    value, _, comment = rest.partition("#")
    if value.strip() == "[]":  # `parks: []` becomes a block list; the editor's comment stays
        lines[start] = f"{key}:" + (f"  #{comment}" if comment else "") + "\n"
    elif value.strip():
        raise ScaffoldError(f"{key} 写在了同一行（{value.strip()[:30]}…），请先改成每项一行、以“- ”开头的写法")
    end = start + 1
    while end < len(lines) and not _top_level(lines[end]):
        end += 1
    region = lines[start + 1 : end]
    dashes = [len(ln) - len(ln.lstrip(" ")) for ln in region if ln.lstrip(" ").startswith("- ")]
    indent = dashes[0] if dashes else 2
    # Comments at column 0 right before the next key describe that key: insert above them.
    last = max((i for i, ln in enumerate(region) if ln.strip() and not ln.startswith("#")), default=-1)
    at = start + 1 + last + 1
    new = [ln + "\n" for ln in make_block(indent)]
    return "".join(lines[:at] + new + lines[at:]), at + 2


def _load_text(text: str, display: str) -> Document | None:
    with tempfile.TemporaryDirectory(prefix="profiles-new-") as tmp:
        path = Path(tmp) / "check.yaml"
        path.write_text(text, "utf-8")
        doc, problems = load(path, display)
    if doc is None or any("YAML" in p.message or "缩进" in p.message for p in problems):
        return None
    return doc


def _ids(data: Any, key: str) -> dict[str, int]:
    lists = ("sources",) if key == "sources" else LISTS
    found: dict[str, int] = {}
    for name in lists:
        items = data.get(name) if isinstance(data, dict) else None
        for i, item in enumerate(items if isinstance(items, list) else []):
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                found.setdefault(item["id"], i)
    return found


def target_file(data_dir: Path, kind: str, district: str | None) -> Path:
    if kind == "source":
        return data_dir / "sources.yaml"
    if not district:
        raise ScaffoldError(f"请用 --district 指定区，例如 python -m profiles new {kind} --district haizhu")
    path = data_dir / "districts" / f"{district}.yaml"
    if not path.is_file():
        known = "、".join(sorted(p.stem for p in (data_dir / "districts").glob("*.yaml")))
        raise ScaffoldError(f"找不到 {path.name}；已有的区：{known}")
    return path


def add(
    data_dir: Path, kind: str, district: str | None = None, item_id: str | None = None, display: str | None = None
) -> tuple[Path, int]:
    """Append a placeholder `kind` to its file; returns (file, line of the item's first field)."""
    if kind not in KINDS:
        raise ScaffoldError(f"不认识“{kind}”，可选：{'、'.join(KINDS)}")
    key = KINDS[kind][0]
    path = target_file(data_dir, kind, district)
    shown = display or path.as_posix()
    if item_id is not None and not re.match(ID_PATTERN, item_id):
        raise ScaffoldError(f"“{item_id}”不是有效的编号：只用小写字母、数字和连字符，例如 pazhou-ai-zone")
    text = path.read_text("utf-8")
    before = _load_text(text, shown)
    if before is None:
        raise ScaffoldError(f"{shown} 现在有 YAML 语法错误，请先运行 python -m profiles validate 并修正")
    if item_id is not None and item_id in _ids(before.data, key):
        raise ScaffoldError(f"编号“{item_id}”在 {shown} 里已经用过，请换一个（例如加上年份）")
    new_text, line = insert_item(text, key, lambda indent: block(kind, indent, item_id))
    after = _load_text(new_text, shown)
    old_items = before.data.get(key) if isinstance(before.data, dict) else None
    new_items = after.data.get(key) if after is not None and isinstance(after.data, dict) else None
    if not isinstance(new_items, list) or len(new_items) != len(old_items or []) + 1:
        # The file is laid out in a way the text insertion does not understand: write nothing.
        raise ScaffoldError(f"无法自动在 {shown} 的 {key} 末尾插入模板，请手动添加（字段见 CONTRIBUTING.md）")
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(new_text, "utf-8", newline="")
    os.replace(tmp, path)
    return path, line


def required_fields(kind: str) -> list[str]:
    """Names the editor must fill (for the CLI message and the tests)."""
    model = KINDS[kind][1]
    names = [n for n in _ordered(model) if model.model_fields[n].is_required()]
    return names + (["sources"] if issubclass(model, Sourced) else [])
