"""Turn pydantic's validation errors into problems an editor can act on, in Chinese, at file:line:col."""

from __future__ import annotations

import difflib
import re
from typing import Any

from pydantic import BaseModel, ValidationError

from .problems import Problem
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


def translate(error: dict, doc: Document, model: type[BaseModel]) -> Problem:
    kind = error["type"]
    loc = tuple(p for p in error["loc"] if not (isinstance(p, str) and p[:1].isupper()))  # drop union tags
    ctx = error.get("ctx") or {}
    value = error.get("input")
    field = field_path(loc)
    name = next((p for p in reversed(loc) if isinstance(p, str)), "")
    ex = _example(loc)
    at_key = False
    en = error.get("msg", "")

    if kind == "missing":
        zh, hint = f"缺少必填字段 {name}", _join(f"请在这里加上 {name}", ex)
    elif kind == "extra_forbidden":
        at_key = True
        allowed = _allowed_fields(model, loc[:-1])
        close = difflib.get_close_matches(name, allowed, n=1)
        zh = f"未知字段 {name}"
        hint = f"是不是想写 {close[0]}？" if close else ""
        hint = _join(hint, "可用字段：" + "、".join(allowed) if allowed else "请删除这个字段")
    elif kind == "string_type":
        quoted = f'"{value}"' if value is not None and not isinstance(value, (dict, list)) else '"…"'
        zh = "应为文字" + ("（数字、日期、代码要加引号）" if isinstance(value, (int, float, bool)) else "")
        hint = f"写成 {name}: {quoted}" if name else ex
    elif kind in ("int_type", "int_parsing", "int_from_float"):
        zh, hint = "应为整数", ex or "例如 2025"
    elif kind in ("float_type", "float_parsing", "finite_number") and name in ("lon", "lat"):
        zh, hint = "坐标应为数字（十进制度数）", ex + "（WGS-84；不要写“东经”“°”等文字）"
    elif kind in ("float_type", "float_parsing", "finite_number"):
        zh, hint = "应为数字（不要带单位或文字）", _join("单位写在 unit 字段", ex)
    elif kind in ("bool_type", "bool_parsing"):
        zh, hint = "应为 true 或 false", ex or "例如 unverified: true"
    elif kind in ("enum", "literal_error"):
        expected = "、".join(re.findall(r"'([^']*)'", str(ctx.get("expected", "")))) or str(ctx.get("expected", ""))
        zh, hint = f"“{value}”不是可选的值", f"可选：{expected}"
    elif kind == "string_pattern_mismatch":
        zh, hint = _pattern_message(name, value)
    elif kind == "string_too_short":
        zh, hint = "不能为空", ex or "请填写内容"
    elif kind == "string_too_long":
        zh, hint = f"太长（最多 {ctx.get('max_length')} 个字）", "请精简；长的说明放在 note 里"
        if name == "quote" or "quotes" in loc:
            hint = "只留支持这条事实的最短原文；相隔的两段之间用 … 连接"
    elif kind == "too_short":
        zh, hint = f"至少需要 {ctx.get('min_length')} 项", ex or "请补充"
    elif kind == "too_long":
        zh, hint = f"最多 {ctx.get('max_length')} 项", "请删减"
    elif kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        zh, hint = _range_message(name, kind, ctx)
    elif kind in ("date_type", "date_parsing", "date_from_datetime_parsing", "date_from_datetime_inexact"):
        zh, hint = "日期格式不对", ex or "写成 YYYY-MM-DD，例如 2025-02-07"
    elif kind in ("list_type", "tuple_type"):
        zh, hint = "应为列表（每项一行，以“- ”开头，或写成 [a, b]）", ex
    elif kind in ("model_type", "dict_type", "model_attributes_type"):
        zh, hint = "应为一组字段（换行缩进后写“名称: 值”）", ex
    elif kind == "value_error":
        zh, hint = _custom_message(str(ctx.get("error", error.get("msg", ""))))
    else:
        zh, hint = f"值不符合要求（{error.get('msg', kind)}）", ex or "请对照字段说明修改"
    line, col = doc.locate(loc, key=at_key)
    return Problem(doc.path, line, col, field, zh, hint or "请对照字段说明修改", en)


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


# Codes raised by the models' validators (models.py): what is wrong, how to fix it.
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
