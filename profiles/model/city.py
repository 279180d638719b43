"""The city-level frame: `data/city.yaml`."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from pydantic import Field

from .base import ID_PATTERN, Name, Profile, Sourced, Strict
from .goals import Figure, Goal, Indicator, IndustrialSystem, Statement
from .places import Enterprise


class CityGroup(Strict):
    label: str = Field(min_length=1, max_length=20, description="组名，例如 `五区`。 / Group label.")
    items: list[str] = Field(min_length=1, description="组成，照来源写。 / Members, as the source lists them.")


class CityLayout(Sourced):
    label: str = Field(min_length=1, max_length=30, description="格局名称，例如 `五区三都三城`。 / Layout name.")
    groups: list[CityGroup] = Field(min_length=1, description="各组。 / Groups.")


class City(Profile):
    """The city-level frame: `data/city.yaml`."""

    SINGLE_ITEMS = ("industrial_system", "layout")

    name: Name = Field(description="城市名称。 / Name.")
    code: str = Field(pattern=r"^\d{6}$", description='行政区划代码，加引号，例如 `"440100"`。 / Code, quoted.')
    summary: str = Field(min_length=1, max_length=1500, description="一段话简介。 / Summary.")
    summary_sources: list[Annotated[str, Field(pattern=ID_PATTERN)]] = Field(
        default_factory=list,
        description="简介的出处：`data/sources.yaml` 中来源的编号列表。 / Sources of the summary.",
    )
    industrial_system: IndustrialSystem = Field(description="全市产业体系（“12218”）。 / The 12218 system.")
    layout: CityLayout | None = Field(default=None, description="数字经济空间格局（五区三都三城）。 / Layout.")
    goals: list[Goal] = Field(default_factory=list, description="全市目标。 / City goals.")
    indicators: list[Indicator] = Field(default_factory=list, description="全市已公布的数字。 / City figures.")
    figures: list[Figure] = Field(
        default_factory=list, description="全市统计数字的时间序列。 / City indicator figures."
    )
    searched: date | None = Field(
        default=None,
        description="统计数字最后一次查找公开来源的日期 `YYYY-MM-DD`；没有公布结果的目标在网页上注明这个日期。 / "
        "When the public record was last searched for figures.",
    )
    enterprises: list[Enterprise] = Field(default_factory=list, description="全市层面提到的企业。 / Enterprises.")
    roles: list[Statement] = Field(default_factory=list, description="全市层面的定位陈述。 / Statements.")
