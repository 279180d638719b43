"""One district's profile: `data/districts/<slug>.yaml`."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from pydantic import Field, field_validator

from .base import ID_PATTERN, Id, Name, Profile
from .goals import Figure, Goal, Indicator, IndustrialSystem, Statement
from .places import Enterprise, Park, Project
from .quantities import Area


class District(Profile):
    """One district's profile: `data/districts/<slug>.yaml`."""

    SINGLE_ITEMS = ("industrial_system", "area")

    slug: Id = Field(description="拼音编号，必须与文件名一致，例如 `haizhu`。 / Pinyin slug = file name.")
    name: Name = Field(description="名称。 / Name.")
    code: str = Field(
        pattern=r"^\d{6}$",
        description='行政区划代码，六位数字，必须加引号，例如 `"440105"`。 / Administrative code, quoted.',
    )
    area: Area | None = Field(default=None, description="常用的面积数字及其来源。 / Commonly quoted area, sourced.")
    summary: str = Field(
        min_length=1, max_length=1500, description="一段话简介，只写有来源支持的内容。 / One-paragraph summary."
    )
    summary_sources: list[Annotated[str, Field(pattern=ID_PATTERN)]] = Field(
        default_factory=list,
        description="简介的出处：`data/sources.yaml` 中来源的编号列表。 / Sources of the summary.",
    )
    industrial_system: IndustrialSystem | None = Field(
        default=None, description="区现代化产业体系。 / Industrial system."
    )
    roles: list[Statement] = Field(default_factory=list, description="定位与分工（如在全市规划中的角色）。 / Roles.")
    goals: list[Goal] = Field(default_factory=list, description="发展目标。 / Goals.")
    indicators: list[Indicator] = Field(default_factory=list, description="已公布的成绩数字。 / Reported figures.")
    figures: list[Figure] = Field(
        default_factory=list,
        description="统计数字的时间序列（地区生产总值、增速、常住人口等），每个数字一条。 / Indicator figures.",
    )
    searched: date | None = Field(
        default=None,
        description="统计数字最后一次查找公开来源的日期 `YYYY-MM-DD`；没有公布结果的目标在网页上注明这个日期。 / "
        "When the public record was last searched for figures.",
    )
    enterprises: list[Enterprise] = Field(default_factory=list, description="龙头企业。 / Flagship enterprises.")
    parks: list[Park] = Field(default_factory=list, description="产业园区与功能片区。 / Parks.")
    projects: list[Project] = Field(default_factory=list, description="重大项目。 / Major projects.")
    gaps: list[str] = Field(
        default_factory=list,
        description="资料待补充：尚缺、欢迎编辑补充的内容，会列在网页上。 / Missing material, listed on the page.",
    )

    @field_validator("gaps", "summary", mode="after")
    @classmethod
    def _no_blank(cls, v):  # a blank entry would render as an empty bullet
        if isinstance(v, list) and any(not s.strip() for s in v):
            raise ValueError("blank")
        return v
