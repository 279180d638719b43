"""The closed lists an editor chooses from in `data/` (comparators, statuses, kinds, precisions), and the
Chinese label each value is shown with. The models (models/) use them as field types.

A label's English is in profiles/model/en.po, by its Chinese (profiles.facts.labels.label_text reads it; the
`label` filter follows the page's language); how a comparator reads in English, in profiles/facts/en.po."""

from __future__ import annotations

from enum import Enum


class Comparator(str, Enum):
    at_least = "at_least"
    more_than = "more_than"
    about = "about"
    exactly = "exactly"
    at_most = "at_most"
    less_than = "less_than"
    nearly = "nearly"  # 近: close to the number, and below it

    @property
    def symbol(self) -> str:
        """How pages and cards print it before the number ("近" has no symbol readers know: it stays a word)."""
        return _SYMBOLS[self]  # by the member itself (a str): `self.value` is a slow descriptor in Python 3.11

    @property
    def word(self) -> str:
        """The source's own word for it, as a sentence says it ("" for a number stated exactly)."""
        return _WORDS[self]


_SYMBOLS = {
    "at_least": "≥",
    "more_than": ">",
    "about": "≈",
    "exactly": "=",
    "at_most": "≤",
    "less_than": "<",
    "nearly": "近",
}
_WORDS = {
    "at_least": "不低于",
    "more_than": "超过",
    "about": "约",
    "exactly": "",
    "at_most": "不超过",
    "less_than": "低于",
    "nearly": "近",
}


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
    unclassified = "unclassified"  # the source does not say, and the editors do not guess


class IndicatorKey(str, Enum):
    """The closed list of indicators a figure may report (numbers/catalogue.py gives each its label and unit)."""

    gdp = "gdp"
    gdp_growth = "gdp_growth"
    population = "population"
    fixed_investment = "fixed_investment"
    fixed_investment_growth = "fixed_investment_growth"
    retail_sales = "retail_sales"
    retail_sales_growth = "retail_sales_growth"
    industrial_value_added_growth = "industrial_value_added_growth"
    budget_revenue = "budget_revenue"
    budget_revenue_growth = "budget_revenue_growth"


class Period(str, Enum):
    full_year = "full_year"
    q1 = "q1"
    h1 = "h1"
    q1_q3 = "q1_q3"
    year_end = "year_end"
    census = "census"


class FigureStatus(str, Enum):
    expected = "expected"
    preliminary = "preliminary"
    final = "final"


class SourceKind(str, Enum):
    official = "official"
    newspaper = "newspaper"
    repost = "repost"


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
    "full_year": "全年",
    "q1": "一季度",
    "h1": "上半年",
    "q1_q3": "前三季度",
    "year_end": "年末",
    "census": "普查",
    "expected": "预计",
    "preliminary": "初步核算",
    "final": "最终核实",
    "official": "官方发布",
    "newspaper": "报纸",
    "repost": "转载",
    "unclassified": "类别不详",
    "exact": "精确位置",
    "approximate": "大致位置",
    "district": "仅知所在区",
}
