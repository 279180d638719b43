"""JSON Schemas for the data files, and the field reference in CONTRIBUTING.md, both made from the models.

Editors' editors (VS Code with the YAML extension, JetBrains) read `schema/*.schema.json` through the
`# yaml-language-server: $schema=…` first line of each data file: completion, hover help and red
squiggles while typing. CI runs `check-jsonschema` with the same files. The models stay the single
truth: `python -m profiles schema` rewrites both outputs, `--check` fails when they drift.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from .. import model as models
from ..engine.rendering import Output
from ..model import City, District, Registry, Sources
from ..model.kinds import KINDS

DIALECT = "https://json-schema.org/draft/2020-12/schema"
ROOT_MODELS: dict[str, type[BaseModel]] = {"district": District, "city": City, "sources": Sources, "registry": Registry}
# What each data file's first line must say, relative to the file (schema/ sits at the project root).
SCHEMA_COMMENT = {
    "district": "# yaml-language-server: $schema=../../schema/district.schema.json",
    "city": "# yaml-language-server: $schema=../schema/city.schema.json",
    "sources": "# yaml-language-server: $schema=../schema/sources.schema.json",
    "registry": "# yaml-language-server: $schema=../schema/registry.schema.json",
}
START, END = "<!-- fields:start -->", "<!-- fields:end -->"
# The models' `url` validator, as a pattern, so editors see a bad address before CI does.
URL_PATTERN = r"""^https?://[^\s/$.?#][^\s<>"']*$"""  # no \" : ECMAScript (unicode mode) refuses it
# Chinese headings for the field reference; a model missing here still appears, under its class name.
TITLES_ZH = {
    "District": "区档案（`data/districts/<区>.yaml`）",
    "City": "全市（`data/city.yaml`）",
    "Sources": "来源文件（`data/sources.yaml`）",
    "Source": "来源（`sources` 列表中的一项）",
    "Name": "名称",
    "Area": "面积",
    "IndustrialSystem": "产业体系",
    **{k.model.__name__: f"{k.item}（`{k.list}` 中的一项）" for k in KINDS},  # Goal: 目标（`goals` 中的一项）…
    "Statement": "定位陈述（`roles` 中的一项）",  # what one entry is, where the kind's short name says less
    "Indicator": "已公布的数字（`indicators` 中的一项）",
    "Target": "数值目标",
    "Quantity": "数值与单位",
    "Quote": "一段引文（`quotes` 中的一项）",
    "Location": "位置",
    "CityLayout": "空间格局",
    "CityGroup": "格局中的一组",
}


def _sourced_names() -> set[str]:
    return {
        name
        for name, obj in vars(models).items()
        if isinstance(obj, type) and issubclass(obj, models.Sourced) and obj is not models.Sourced
    }


def _require_source_or_flag(definition: dict) -> None:
    """The models' `needs-source` rule (a validator, so pydantic cannot export it): without
    `unverified: true`, `sources` must list at least one id."""
    definition["if"] = {"not": {"properties": {"unverified": {"const": True}}, "required": ["unverified"]}}
    definition["then"] = {"properties": {"sources": {"minItems": 1}}, "required": ["sources"]}


def _adjust(schema: dict) -> dict:
    """Fix what the pydantic export says differently from what our loader and validators accept."""
    sourced = _sourced_names()
    for name, definition in schema.get("$defs", {}).items():
        if name in sourced:
            _require_source_or_flag(definition)
            definition["not"] = {"required": ["quote", "quotes"]}  # the models' `quote-and-quotes` rule
        if name == "Source":
            # `published: 2025-02-07` unquoted: our loader reads plain scalars as text, yaml-language-server
            # too, and check-jsonschema loads YAML timestamps as strings (ruamel's timestamp constructor is
            # replaced by the str one), so `type: string, format: date` accepts it in every tool.
            url = definition["properties"]["url"]["anyOf"][0]
            url["pattern"] = URL_PATTERN
    return schema


def schemas() -> dict[str, dict]:
    """name -> JSON Schema (draft 2020-12) for `district`, `city` and `sources`."""
    out: dict[str, dict] = {}
    for name, model in ROOT_MODELS.items():
        schema = _adjust(model.model_json_schema())
        out[name] = {"$schema": DIALECT, **schema}
    return out


def dumps(schema: dict) -> str:
    """Deterministic bytes: the committed files only change when the models do."""
    return json.dumps(schema, sort_keys=True, indent=2, ensure_ascii=False) + "\n"


def rendered() -> dict[str, str]:
    """file name -> text, for `schema/` in the repository and `/schema/` on the site."""
    return {f"{name}.schema.json": dumps(schema) for name, schema in schemas().items()}


SCHEMAS = Output(
    "schema",
    collect=lambda inputs: [("schema", ())],  # nothing from the data: the models are the renderer's code
    render=lambda view, inputs: {f"schema/{name}": text for name, text in rendered().items()},
    shared=True,  # one file for every language edition
)


def write_schemas(folder: Path) -> list[str]:
    """Write the three schema files into `folder`; returns the names whose bytes changed."""
    folder.mkdir(parents=True, exist_ok=True)
    changed = []
    for name, text in rendered().items():
        path = folder / name
        if not path.is_file() or path.read_text("utf-8") != text:
            path.write_text(text, "utf-8", newline="\n")
            changed.append(name)
    return changed


def drift(folder: Path) -> list[str]:
    """Schema files in `folder` that are missing or differ from the models."""
    return [
        name
        for name, text in rendered().items()
        if not (folder / name).is_file() or (folder / name).read_text("utf-8") != text
    ]


# ---- the field reference in CONTRIBUTING.md -------------------------------------------------------


def _ref_name(node: dict) -> str | None:
    ref = node.get("$ref", "")
    return ref.rsplit("/", 1)[-1] if ref.startswith("#/$defs/") else None


def _type_zh(node: dict, defs: dict) -> str:
    """A short Chinese type for a property, linking to the table of a nested model."""
    if "anyOf" in node:
        kinds = [k for k in node["anyOf"] if k.get("type") != "null"]
        return " 或 ".join(_type_zh(k, defs) for k in kinds)
    ref = _ref_name(node)
    if ref is not None:
        target = defs[ref]
        if "enum" in target:
            return "选项：" + "、".join(f"`{v}`" for v in target["enum"])
        return f"[{ref}](#{ref.lower()})"
    if "const" in node:
        return f"固定为 `{node['const']}`"
    kind = node.get("type")
    if kind == "array":
        if "prefixItems" in node:
            return "[" + ", ".join(_type_zh(k, defs) for k in node["prefixItems"]) + "]"
        return f"列表（{_type_zh(node.get('items', {}), defs)}）"
    if kind == "string":
        pattern = node.get("pattern")
        if pattern == models.ID_PATTERN:
            return "编号"
        if pattern == models.PARTIAL_DATE_PATTERN:
            return "日期文字（年、年-月或年-月-日）"
        if node.get("format") == "date":
            return "日期 YYYY-MM-DD"
        if pattern == r"^\d{6}$":
            return "六位数字（加引号）"
        return "文字"
    return {"number": "数字", "integer": "整数", "boolean": "true / false"}.get(kind, "值")


def _required_zh(name: str, node: dict, definition: dict) -> str:
    if name in definition.get("required", []):
        return "是"
    if name == "sources" and "then" in definition:
        return "是（除非 `unverified: true`）"
    default = node.get("default")
    if default not in (None, [], False):
        return f"否（默认 `{default}`）"
    return "否"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _table(name: str, definition: dict, defs: dict) -> list[str]:
    title = TITLES_ZH.get(name, name)
    lines = [f"### {name}", "", title, "", "| 字段 | 类型 | 必填 | 说明 |", "| --- | --- | --- | --- |"]
    props = definition["properties"]
    if "then" in definition:  # a sourced item: its own fields first, the shared sources/unverified/note last
        shared = [k for k in ("sources", "unverified", "note") if k in props]
        props = {**{k: v for k, v in props.items() if k not in shared}, **{k: props[k] for k in shared}}
    for field, node in props.items():
        lines.append(
            "| "
            + " | ".join(
                _cell(c)
                for c in (
                    f"`{field}`",
                    _type_zh(node, defs),
                    _required_zh(field, node, definition),
                    node.get("description", ""),
                )
            )
            + " |"
        )
    return lines + [""]


def _walk(node: Any, found: list[str], defs: dict) -> None:
    """Model names in the order a reader meets them: depth-first through the properties."""
    if isinstance(node, dict):
        ref = _ref_name(node)
        if ref is not None and ref not in found and "properties" in defs[ref]:
            found.append(ref)
            _walk(defs[ref]["properties"], found, defs)
        for value in node.values():
            _walk(value, found, defs)
    elif isinstance(node, list):
        for value in node:
            _walk(value, found, defs)


def field_reference() -> str:
    """The Markdown between the markers: one table per model, in reading order, each model once."""
    lines = ["<!-- 本段由 `python -m profiles schema` 根据数据模型生成，请勿手改。 -->", ""]
    seen: list[str] = []
    for schema in schemas().values():
        defs = schema.get("$defs", {})
        root = {k: v for k, v in schema.items() if k != "$defs"}
        order = [schema["title"]]
        _walk(root["properties"], order, defs)
        for name in order:
            if name in seen:
                continue
            seen.append(name)
            lines += _table(name, root if name == schema["title"] else defs[name], defs)
    return "\n".join(lines).rstrip("\n") + "\n"


def with_reference(text: str) -> str:
    """`text` (CONTRIBUTING.md) with the block between the markers replaced by a fresh reference."""
    start, end = text.find(START), text.find(END)
    if start < 0 or end < start:
        raise ValueError(f"CONTRIBUTING.md 里找不到 {START} … {END} 标记")
    return text[: start + len(START)] + "\n" + field_reference() + text[end:]


def update_contributing(path: Path) -> bool:
    """Regenerate the field reference in place; True when the file changed."""
    text = path.read_text("utf-8")
    new = with_reference(text)
    if new != text:
        path.write_text(new, "utf-8", newline="\n")
    return new != text


def contributing_drifted(path: Path) -> bool:
    text = path.read_text("utf-8")
    return with_reference(text) != text
