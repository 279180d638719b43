"""Field labels as editors know them: the Chinese names that CONTRIBUTING.md's field tables use.

Each label is taken from the start of the field's own description (what CONTRIBUTING.md prints beside the YAML
key), so `target.value` reads 数值目标 › 目标数值, not a programmer's name. tests/test_diff_labels.py checks that
every field of every model has a label and that each label appears in that field's description (the few fields
whose description has no noun to take are listed in LABEL_NOT_IN_DESCRIPTION).
"""

from __future__ import annotations

import types
import typing

from pydantic import BaseModel

from ...model import City, District, RegistryEntry, Source
from ...model.kinds import KINDS

# Model name -> field -> label. Fields shared through a base class (Sourced) are listed under "*".
LABELS: dict[str, dict[str, str]] = {
    "*": {
        "id": "编号",
        "sources": "出处",
        "unverified": "未核实",
        "note": "编辑备注",
        "quote": "引文",
        "quotes": "多段引文",
        "editorial": "编者补充",
        "caution": "请注意",
    },
    "District": {
        "slug": "拼音编号",
        "name": "名称",
        "code": "行政区划代码",
        "area": "面积数字",
        "summary": "简介",
        "summary_sources": "简介的出处",
        "industrial_system": "产业体系",
        **{k.list: k.label for k in KINDS},  # roles, goals … (profiles.model.kinds)
        "searched": "最后一次查找公开来源的日期",
        "gaps": "资料待补充",
    },
    "City": {
        "name": "城市名称",
        "code": "行政区划代码",
        "summary": "简介",
        "summary_sources": "简介的出处",
        "industrial_system": "产业体系",
        "layout": "空间格局",
        "goals": "全市目标",
        "indicators": "全市已公布的数字",
        "figures": "统计数字",
        "searched": "最后一次查找公开来源的日期",
        "enterprises": "企业",
        "roles": "定位陈述",
    },
    "Name": {"zh": "中文名称", "en": "英文名称"},
    "Area": {"value": "面积数值", "unit": "单位"},
    "IndustrialSystem": {"label": "数字代号", "name": "名称", "parts": "组成部分", "explanation": "代号含义"},
    "Statement": {"text": "一句话陈述"},
    "Goal": {
        "theme": "主题",
        "statement": "简短转述",
        "metric": "指标名称",
        "target": "数值目标",
        "year": "目标年份",
        "status": "进展",
        "indicator": "目标对应的统计指标",
    },
    "Target": {
        "comparator": "比较关系",
        "value": "目标数值",
        "unit": "单位",
        "measure": "数值或增长",
        "hedge": "限定词",
    },
    "Figure": {"indicator": "指标", "year": "数据所属年份", "period": "时段", "value": "数值", "status": "口径"},
    "Indicator": {
        "theme": "主题",
        "statement": "已达成的事实",
        "metric": "指标名称",
        "value": "数值与单位",
        "comparator": "比较关系",
        "as_of": "数据对应的时间",
    },
    "Quantity": {"value": "数值", "unit": "单位", "comparator": "比较关系"},
    "Quote": {"text": "原文", "source": "出处", "where": "原文在来源中的位置"},
    "Enterprise": {"name": "企业名称", "sector": "行业", "role": "在本区做什么", "park": "所在园区"},
    "Park": {
        "name": "名称",
        "kind": "类别",
        "focus": "重点产业",
        "description": "简介",
        "location": "位置",
        "area": "面积",
        "investment": "投资额",
    },
    "Project": {
        "name": "项目名称",
        "category": "类别",
        "focus": "涉及产业",
        "description": "简介",
        "location": "位置",
        "status": "状态",
        "status_as_of": "状态对应的时间",
        "investment": "投资额",
        "area": "面积",
        "park": "所在园区",
    },
    "Location": {
        "lon": "经度",
        "lat": "纬度",
        "precision": "位置精度",
        "polygon": "范围轮廓",
        "basis": "位置依据",
        "error_m": "可能偏离实际的距离",
    },
    "CityLayout": {"label": "格局名称", "groups": "各组"},
    "CityGroup": {"label": "组名", "items": "组成"},
    "Source": {
        "title": "标题",
        "publisher": "发布机构或媒体",
        "author": "作者或记者",
        "published": "发表日期",
        "url": "网址",
        "notes": "备注",
        "archive": "原文存档文件名",
        "kind": "来源类别",
        "via": "实际读到的网址",
        "retrieved": "查阅日期",
    },
    "RegistryEntry": {"slug": "拼音编号", "zh": "中文名", "en": "英文名", "code": "行政区划代码"},
}
# Descriptions that say what the values mean without a noun for the field itself.
LABEL_NOT_IN_DESCRIPTION = frozenset({("Target", "measure"), ("Indicator", "comparator")})

ROOT_MODELS: tuple[type[BaseModel], ...] = (District, City, Source, RegistryEntry)


def label_of(model: type[BaseModel], name: str) -> str:
    own = LABELS.get(model.__name__, {})
    return own.get(name) or LABELS["*"].get(name) or name


def nested_model(model: type[BaseModel], name: str) -> type[BaseModel] | None:
    """The model a field holds (itself, in a list, or optional), or None for plain values."""
    field = model.model_fields.get(name)
    return _model_in(field.annotation) if field is not None else None


def _model_in(annotation) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    origin = typing.get_origin(annotation)
    if origin in (list, typing.Union, types.UnionType) or origin is typing.Annotated:
        for arg in typing.get_args(annotation):
            found = _model_in(arg)
            if found is not None:
                return found
    return None


def path_label(model: type[BaseModel], path: tuple[str | int, ...]) -> str:
    """`("target", "value")` on Goal → 数值目标 › 目标数值; list indexes are skipped."""
    parts: list[str] = []
    current: type[BaseModel] | None = model
    for step in path:
        if isinstance(step, int) or current is None:
            continue
        parts.append(label_of(current, step))
        current = nested_model(current, step)
    return " › ".join(parts)


def dotted(path: tuple[str | int, ...]) -> str:
    """A path as CONTRIBUTING.md's error messages write it: goals[2].target.value."""
    out = ""
    for step in path:
        out += f"[{step}]" if isinstance(step, int) else (f".{step}" if out else step)
    return out
