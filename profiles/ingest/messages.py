"""Turn pydantic's validation errors into problems an editor can act on, in Chinese, at file:line:col."""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ValidationError

from ..base.problems import Problem
from .yamlload import Document, field_path

# An example of a right value, by the field's name as written in YAML.
EXAMPLES: dict[str, str] = {
    "code": 'code: "440105"',
    "slug": "slug: haizhu",
    "id": "id: gdp-growth-2025",
    "year": "year: 2025",
    "as_of": 'as_of: "2024"',
    "status_as_of": 'status_as_of: "2025-02"',
    "published": "published: 2025-02-07",
    "sources": "sources: [ycwb-2025-02-haizhu]",
    "lon": "lon: 113.365",
    "lat": "lat: 23.101",
    "value": "value: 700",
    "unit": "unit: 亿元",
    "label": 'label: "12136"',
    "url": "url: https://www.gz.gov.cn/…",
    "comparator": "comparator: at_least",
    "measure": "measure: growth",
    "precision": "precision: approximate",
    "error_m": "error_m: 1500",
    "quote": "quote: 全年引育大模型企业超100个",
    "quotes": "quotes: [{text: 全年引育大模型企业超100个, source: ycwb-2025-02-haizhu}]",
    "source": "source: ycwb-2025-02-haizhu",
    "status": "status: under_construction",
    "kind": "kind: industrial_park",
    "category": "category: industry",
    "unverified": "unverified: true",
    "park": "park: pazhou-ai-zone",
    "polygon": "polygon: [[113.36, 23.10], [113.37, 23.10], [113.37, 23.11]]",
}


def _example(loc: tuple) -> str:
    name = next((p for p in reversed(loc) if isinstance(p, str)), "")
    return f"例如 {EXAMPLES[name]}" if name in EXAMPLES else ""


def _join(*parts: str) -> str:
    return "；".join(p for p in parts if p)


def _allowed_fields(model: type[BaseModel], loc: tuple) -> list[str]:
    """The field names allowed at `loc` (the mapping that holds an unknown key)."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        fields = getattr(current, "model_fields", {})
        if part not in fields:
            return []
        current = _inner_model(fields[part].annotation)
    return list(getattr(current, "model_fields", {}))


def _inner_model(annotation: Any) -> Any:
    """Find the BaseModel inside `X | None` or `list[X]`."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


@dataclass(frozen=True)
class _Error:
    """One pydantic error, as the rules below read it."""

    kind: str
    loc: tuple  # without union tags
    ctx: dict
    value: Any  # the input
    msg: str | None  # pydantic's own words
    model: type[BaseModel]

    @property
    def name(self) -> str:
        """The field's name as written in YAML."""
        return next((p for p in reversed(self.loc) if isinstance(p, str)), "")

    @property
    def ex(self) -> str:
        """An example of a right value, or ""."""
        return _example(self.loc)


def _unknown_field(e: _Error) -> tuple[str, str]:
    allowed = _allowed_fields(e.model, e.loc[:-1])
    close = difflib.get_close_matches(e.name, allowed, n=1)
    hint = f"是不是想写 {close[0]}？" if close else ""
    return f"未知字段 {e.name}", _join(hint, "可用字段：" + "、".join(allowed) if allowed else "请删除这个字段")


def _not_text(e: _Error) -> tuple[str, str]:
    quoted = f'"{e.value}"' if e.value is not None and not isinstance(e.value, (dict, list)) else '"…"'
    zh = "应为文字" + ("（数字、日期、代码要加引号）" if isinstance(e.value, (int, float, bool)) else "")
    return zh, f"写成 {e.name}: {quoted}" if e.name else e.ex


def _not_a_number(e: _Error) -> tuple[str, str]:
    if e.name in ("lon", "lat"):
        return "坐标应为数字（十进制度数）", e.ex + "（WGS-84；不要写“东经”“°”等文字）"
    return "应为数字（不要带单位或文字）", _join("单位写在 unit 字段", e.ex)


def _not_a_choice(e: _Error) -> tuple[str, str]:
    written = str(e.ctx.get("expected", ""))
    return f"“{e.value}”不是可选的值", "可选：" + ("、".join(re.findall(r"'([^']*)'", written)) or written)


def _too_long_text(e: _Error) -> tuple[str, str]:
    if e.name == "quote" or "quotes" in e.loc:
        return f"太长（最多 {e.ctx.get('max_length')} 个字）", "只留支持这条事实的最短原文；相隔的两段之间用 … 连接"
    return f"太长（最多 {e.ctx.get('max_length')} 个字）", "请精简；长的说明放在 note 里"


# What is wrong and how to fix it, by pydantic's error type. An error not listed: _other.
_RULES: dict[str, Callable[[_Error], tuple[str, str]]] = {
    "missing": lambda e: (f"缺少必填字段 {e.name}", _join(f"请在这里加上 {e.name}", e.ex)),
    "extra_forbidden": _unknown_field,
    "string_type": _not_text,
    **dict.fromkeys(("int_type", "int_parsing", "int_from_float"), lambda e: ("应为整数", e.ex or "例如 2025")),
    **dict.fromkeys(("float_type", "float_parsing", "finite_number"), _not_a_number),
    **dict.fromkeys(("bool_type", "bool_parsing"), lambda e: ("应为 true 或 false", e.ex or "例如 unverified: true")),
    **dict.fromkeys(("enum", "literal_error"), _not_a_choice),
    "string_pattern_mismatch": lambda e: _pattern_message(e.name, e.value),
    "string_too_short": lambda e: ("不能为空", e.ex or "请填写内容"),
    "string_too_long": _too_long_text,
    "too_short": lambda e: (f"至少需要 {e.ctx.get('min_length')} 项", e.ex or "请补充"),
    "too_long": lambda e: (f"最多 {e.ctx.get('max_length')} 项", "请删减"),
    **dict.fromkeys(
        ("greater_than_equal", "less_than_equal", "greater_than", "less_than"),
        lambda e: _range_message(e.name, e.kind, e.ctx),
    ),
    **dict.fromkeys(
        ("date_type", "date_parsing", "date_from_datetime_parsing", "date_from_datetime_inexact"),
        lambda e: ("日期格式不对", e.ex or "写成 YYYY-MM-DD，例如 2025-02-07"),
    ),
    **dict.fromkeys(("list_type", "tuple_type"), lambda e: ("应为列表（每项一行，以“- ”开头，或写成 [a, b]）", e.ex)),
    **dict.fromkeys(
        ("model_type", "dict_type", "model_attributes_type"),
        lambda e: ("应为一组字段（换行缩进后写“名称: 值”）", e.ex),
    ),
    "value_error": lambda e: _custom_message(str(e.ctx.get("error", "" if e.msg is None else e.msg))),
}
_AT_KEY = {"extra_forbidden"}  # errors shown where the key stands, not its value


def _other(e: _Error) -> tuple[str, str]:
    return f"值不符合要求（{e.kind if e.msg is None else e.msg}）", e.ex or "请对照字段说明修改"


def translate(error: dict, doc: Document, model: type[BaseModel]) -> Problem:
    loc = tuple(p for p in error["loc"] if not (isinstance(p, str) and p[:1].isupper()))  # drop union tags
    e = _Error(error["type"], loc, error.get("ctx") or {}, error.get("input"), error.get("msg"), model)
    zh, hint = _RULES.get(e.kind, _other)(e)
    line, col = doc.locate(loc, key=e.kind in _AT_KEY)
    return Problem(doc.path, line, col, field_path(loc), zh, hint or "请对照字段说明修改", error.get("msg", ""))


def _pattern_message(name: str, value: Any) -> tuple[str, str]:
    if value == "":
        return "不能为空", _example((name,)) or "请填写内容"
    if name == "code":
        return "行政区划代码应为六位数字", 'code: "440105"（加引号）'
    if name in ("as_of", "status_as_of"):
        return "日期应为年、年-月或年-月-日", f'例如 {name}: "2025" 或 "2025-02"（加引号）'
    if name in ("slug", "id", "park", "sources") or isinstance(value, str):
        return f"“{value}”不是有效的编号", "编号只用小写字母、数字和连字符（-），例如 pazhou-ai-zone"
    return "格式不对", "请对照字段说明修改"


def _range_message(name: str, kind: str, ctx: dict) -> tuple[str, str]:
    bound = next(iter(ctx.values()), "")
    if name in ("lon", "lat"):
        return (
            "坐标超出中国范围",
            "经度约 73–136，纬度约 3–54；广州约 lon: 113.3, lat: 23.1（注意经纬度有没有写反）",
        )
    sign = {"greater_than_equal": "≥", "less_than_equal": "≤", "greater_than": ">", "less_than": "<"}[kind]
    return f"数值应 {sign} {bound}", _example((name,)) or "请检查数值"


# Codes raised by the models' validators (models/): what is wrong, how to fix it.
CUSTOM: dict[str, tuple[str, str]] = {
    "blank": ("不能有空白条目", "删除空行或填写内容"),
    "status-computed": (
        "写了 indicator 的目标，达成 / 未达成由程序根据 figures 计算，不能手写",
        "删除 status，或改为 unknown / in_progress；在 figures 里补上同一年全年的公布值",
    ),
    "indicator-measure": (
        "目标的 measure 与 indicator 不一致（增速类指标对应 growth，总量类对应 level）",
        "例如 indicator: gdp_growth 配 measure: growth",
    ),
    "figure-needs-source": ("统计数字必须有出处", "例如 sources: [lw-gov-2025-04-17-work-report]"),
    "figure-period": (
        "时段与指标不符：常住人口用 year_end 或 census，其他指标用 full_year、q1、h1、q1_q3",
        "例如 period: year_end",
    ),
    "quote-lacks-value": (
        "引文里找不到这个数字",
        "quote 要逐字抄写来源中写出该数字的那一句；value 只写数字，与引文一致，例如 1316.36",
    ),
}


def _custom_message(msg: str) -> tuple[str, str]:
    if "needs-source" in msg:
        return (
            "缺少出处",
            "在 sources 里写 data/sources.yaml 中的来源编号，例如 sources: [ycwb-2025-02-haizhu]；"
            "暂时没有来源请写 unverified: true 并在 note 里说明",
        )
    if "quote-and-quotes" in msg:
        return (
            "quote 和 quotes 只能写一个",
            "一段引文写 quote；出自不同来源或不同条目的几段原文写 quotes，每段写 text 和 source，然后删掉 quote",
        )
    if "indicator-value-comparator" in msg:
        return (
            "已公布数字的比较关系写在条目的 comparator，不写在 value 里",
            "删掉 value 里的 comparator，在条目上写，例如 comparator: more_than",
        )
    if "url-scheme" in msg:
        return "网址只接受 http:// 或 https:// 开头的地址", "例如 url: https://www.gz.gov.cn/"
    for code, message in CUSTOM.items():
        if code in msg:
            return message
    return f"值不符合要求（{msg}）", "请对照字段说明修改"


def validate(model: type[BaseModel], doc: Document) -> tuple[BaseModel | None, list[Problem]]:
    try:
        return model.model_validate(doc.data), []
    except ValidationError as exc:
        problems = [translate(err, doc, model) for err in exc.errors(include_url=False)]
        # A value the loader already refused would be reported twice; keep the loader's clearer message.
        refused = {(doc.path, doc.locate(loc)) for loc in doc.refused}
        return None, [p for p in problems if (p.file, (p.line, p.col)) not in refused]
