"""The closed lists an editor chooses from in `data/` (comparators, statuses, kinds, precisions), and the
Chinese label each value is shown with. The models (models.py) use them as field types."""

from __future__ import annotations

from enum import Enum


class Comparator(str, Enum):
    at_least = "at_least"
    more_than = "more_than"
    about = "about"
    exactly = "exactly"
    at_most = "at_most"
    less_than = "less_than"

    @property
    def symbol(self) -> str:
        return _SYMBOLS[self]  # by the member itself (a str): `self.value` is a slow descriptor in Python 3.11


_SYMBOLS = {"at_least": "≥", "more_than": ">", "about": "≈", "exactly": "=", "at_most": "≤", "less_than": "<"}


class Measure(str, Enum):
    level = "level"
    growth = "growth"


class GoalStatus(str, Enum):
    planned = "planned"
    in_progress = "in_progress"
    achieved = "achieved"
    missed = "missed"
    unknown = "unknown"


class ProjectStatus(str, Enum):
    planned = "planned"
    signed = "signed"
    under_construction = "under_construction"
    completed = "completed"
    operating = "operating"
    unknown = "unknown"


class ParkKind(str, Enum):
    industrial_park = "industrial_park"
    cluster = "cluster"
    functional_zone = "functional_zone"
    headquarters = "headquarters"
    innovation_platform = "innovation_platform"


class ProjectCategory(str, Enum):
    industry = "industry"
    headquarters = "headquarters"
    infrastructure = "infrastructure"
    transport = "transport"
    urban_renewal = "urban_renewal"
    commercial = "commercial"
    public_service = "public_service"


class Precision(str, Enum):
    exact = "exact"
    approximate = "approximate"
    district = "district"


LABELS_ZH: dict[str, str] = {
    "level": "数值",
    "growth": "增长",
    "planned": "计划",
    "in_progress": "推进中",
    "achieved": "已达成",
    "missed": "未达成",
    "unknown": "未知",
    "signed": "已签约",
    "under_construction": "在建",
    "completed": "已建成",
    "operating": "已运营",
    "industrial_park": "产业园区",
    "cluster": "产业集群/集聚区",
    "functional_zone": "功能区/片区",
    "headquarters": "总部基地",
    "innovation_platform": "创新平台",
    "industry": "产业项目",
    "infrastructure": "基础设施",
    "transport": "交通",
    "urban_renewal": "城市更新",
    "commercial": "商业/消费",
    "public_service": "公共服务",
    "exact": "精确位置",
    "approximate": "大致位置",
    "district": "仅知所在区",
}
