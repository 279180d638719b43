"""What stands somewhere: a location, and the enterprises, parks and projects of a profile."""

from __future__ import annotations

from pydantic import Field

from .base import Id, PartialDate, Sourced, Strict
from .enums import ParkKind, Precision, ProjectCategory, ProjectStatus
from .quantities import Quantity


class Location(Strict):
    """A WGS-84 point (as GPS and OpenStreetMap use) with an honest precision, or a polygon."""

    lon: float = Field(ge=73, le=136, description="经度（WGS-84），例如 `113.3650`。 / Longitude, WGS-84.")
    lat: float = Field(ge=3, le=54, description="纬度（WGS-84），例如 `23.1010`。 / Latitude, WGS-84.")
    precision: Precision = Field(
        description="位置精度：`exact`（门牌或地块）、`approximate`（片区大致位置，约几百米）、"
        "`district`（只知道在哪个区，点放在区内代表点）。 / How precise the point is."
    )
    polygon: list[tuple[float, float]] | None = Field(
        default=None,
        min_length=3,
        description="可选：范围轮廓，经纬度对的列表 `[[经度, 纬度], …]`（WGS-84）。 / Optional outline.",
    )
    basis: str | None = Field(
        default=None,
        max_length=500,
        description="位置依据：怎么得到这个坐标，例如“来源所称琶洲西区，取片区中心”。 / How the point was found.",
    )
    error_m: int | None = Field(
        default=None,
        ge=1,
        le=50000,
        description="大致位置（`approximate`）可能偏离实际的距离，单位米，例如 `1500`。 / Likely error in metres.",
    )


class Enterprise(Sourced):
    id: Id
    name: str = Field(min_length=1, max_length=80, description="企业名称。 / Company name.")
    sector: str = Field(min_length=1, max_length=40, description="行业，例如 `互联网`、`汽车`。 / Sector.")
    role: str = Field(
        min_length=1, max_length=500, description="它在本区做什么（来源所说）。 / What it does here, per the sources."
    )
    park: Id | None = Field(default=None, description="可选：所在园区的编号（本文件 `parks` 中）。 / Park id.")


class Park(Sourced):
    id: Id
    name: str = Field(min_length=1, max_length=80, description="园区或片区名称。 / Name.")
    kind: ParkKind = Field(
        description="类别：`industrial_park` 产业园区、`cluster` 产业集群/集聚区、`functional_zone` 功能区/片区、"
        "`headquarters` 总部基地、`innovation_platform` 创新平台。 / Kind."
    )
    focus: list[str] = Field(default_factory=list, description="重点产业，照来源写。 / Focus industries.")
    description: str | None = Field(default=None, max_length=1000, description="简介。 / Short description.")
    location: Location = Field(description="位置。 / Location.")
    area: Quantity | None = Field(default=None, description="面积，例如 `{value: 5, unit: 平方公里}`。 / Area.")
    investment: Quantity | None = Field(
        default=None,
        description="投资额或投资规模，照来源写，例如 `{value: 450, unit: 亿元, comparator: more_than}`。 / Investment.",
    )


class Project(Sourced):
    id: Id
    name: str = Field(min_length=1, max_length=80, description="项目名称。 / Name.")
    category: ProjectCategory = Field(
        description="类别：`industry` 产业、`headquarters` 总部、`infrastructure` 基础设施、`transport` 交通、"
        "`urban_renewal` 城市更新、`commercial` 商业/消费、`public_service` 公共服务、`unclassified` 类别不详"
        "（来源没有说是什么项目，编者也不作判断）。编者依据来源以外的知识归类时，在 `editorial` 里说明。 / Category."
    )
    focus: list[str] = Field(default_factory=list, description="涉及产业。 / Industries.")
    description: str | None = Field(default=None, max_length=1000, description="简介。 / Short description.")
    location: Location = Field(description="位置。 / Location.")
    status: ProjectStatus = Field(
        description="状态：`planned` 计划、`signed` 已签约、`under_construction` 在建、`completed` 已建成、"
        "`operating` 已运营、`unknown` 未知。 / Status."
    )
    status_as_of: PartialDate = Field(description='状态对应的时间（正文所说），例如 `"2017"`。 / When the status held.')
    investment: Quantity | None = Field(
        default=None,
        description="投资额，例如 `{value: 47, unit: 亿元}`；来源说“超过”“约”时加上 `comparator`。 / Investment.",
    )
    area: Quantity | None = Field(default=None, description="面积。 / Area.")
    park: Id | None = Field(default=None, description="可选：所在园区的编号。 / Park id.")
