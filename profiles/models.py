"""The data model: what an editor may write in `data/`.

Every field's `description` is the documentation editors read (CONTRIBUTING.md and the JSON Schema are
generated from it), so descriptions are written for journalists, in Chinese first, English after " / ".
Unknown keys are forbidden everywhere: a typo must be an error, never silently ignored.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from .enums import (
    Comparator,
    FigureStatus,
    GoalStatus,
    IndicatorKey,
    Measure,
    ParkKind,
    Period,
    Precision,
    ProjectCategory,
    ProjectStatus,
    SourceKind,
)
from .numbers.catalogue import FLOW_PERIODS, STOCK, info, number_text

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
PARTIAL_DATE_PATTERN = r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$"

Id = Annotated[
    str,
    Field(
        pattern=ID_PATTERN,
        description="编号：小写拼音或英文、数字和连字符，在本文件内唯一，例如 `gdp-growth-2025`。"
        "它会成为网页锚点和下载数据里的键，发布后请勿修改。 / Identifier: lowercase letters, digits and "
        "hyphens, unique in its file; used as page anchor and data key.",
    ),
]
SourceIds = Annotated[
    list[Annotated[str, Field(pattern=ID_PATTERN)]],
    Field(
        description="出处：`data/sources.yaml` 中来源的编号列表，至少一个（除非标记为未核实）。 / "
        "Sources: ids of entries in data/sources.yaml; at least one unless marked unverified.",
    ),
]
PartialDate = Annotated[
    str,
    Field(
        pattern=PARTIAL_DATE_PATTERN,
        description="日期，可只写到年或月：`2025`、`2025-02` 或 `2025-02-07`。请用引号括起来。 / "
        "A date as precise as known: year, year-month or full date, in quotes.",
    ),
]


class Strict(BaseModel):
    """Base for every model: unknown keys are errors, strings are stripped of stray spaces."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)


COMPARATOR_DOC = (
    "比较关系：`at_least`（以上、不低于 ≥）、`more_than`（超过 >）、`about`（约、左右 ≈）、"
    "`nearly`（近，接近而不到）、`exactly`（达到/完成 =）、`at_most`（不超过、最多、可达 ≤）、`less_than`（低于 <）。"
)


class Quantity(Strict):
    """A number with its unit, exactly as the source states it, and how it binds ("超过", "约", "近")."""

    value: float = Field(description="数值，只写数字，例如 `700`。 / The number only.")
    unit: str = Field(
        min_length=1,
        max_length=20,
        description="单位，照来源写，例如 `亿元`、`万平方米`、`平方公里`、`亩`、`P`、`家`、`个`、`%`。 / Unit as in the source.",
    )
    comparator: Comparator | None = Field(
        default=None,
        description=COMPARATOR_DOC + "来源说“超过200亿元”就写 `{value: 200, unit: 亿元, comparator: more_than}`；"
        "不写表示来源给出的就是这个数。已公布的数字（`indicators`）的比较关系写在条目自己的 `comparator` 里，"
        "不写在这里。 / As the source words the number; omitted = stated exactly.",
    )


class Target(Strict):
    """A numeric target: comparator + value + unit, and whether it is a level or a growth rate."""

    comparator: Comparator = Field(description=COMPARATOR_DOC + " / How the value binds.")
    value: float = Field(description="目标数值，只写数字。 / Target number.")
    unit: str = Field(min_length=1, max_length=20, description="单位，例如 `%`、`亿元`、`个`。 / Unit.")
    hedge: Literal["力争", "预期", "预计", "推动", "力促"] | None = Field(
        default=None,
        description="来源对这个目标用的限定词，照写：`力争`、`预期`、`预计`、`推动`、`力促`；没有就省略。"
        "网页把它写在目标前，“力争6%”不等于目标“5%”。 / The source's hedge word, verbatim.",
    )
    measure: Measure = Field(
        default=Measure.level,
        description="`level`：达到某个数量；`growth`：比上年增长的百分比。 / Level or year-on-year growth.",
    )


class Quote(Strict):
    """One verbatim passage and the one source it is from (an item of `quotes`)."""

    text: str = Field(
        min_length=2,
        max_length=80,
        description="原文：这个来源中支持这条事实的一段原文，逐字照抄（不超过80字；同一篇报道的两段之间用 `…` 连接，"
        "聚合页上不同的短讯不算同一篇）。 / The verbatim passage.",
    )
    source: Annotated[str, Field(pattern=ID_PATTERN)] = Field(
        description="出处：这段原文出自哪个来源，写本条 `sources` 中的一个编号。 / Which of the item's sources it is from.",
    )
    where: str | None = Field(
        default=None,
        min_length=2,
        max_length=80,
        description="可选：原文在来源中的位置，照原文写出它所在的条目或小节的标题，例如聚合页上这条短讯的标题；"
        "网页和引文一起显示，检查会核对它出现在来源原文中。 / Optional: the heading, verbatim, of the item or "
        "section the passage is in.",
    )


class Sourced(Strict):
    """Anything that states a fact: it cites sources, or says plainly that it is unverified."""

    sources: SourceIds = Field(default_factory=list)
    unverified: bool = Field(
        default=False,
        description="`true` 表示尚无来源可核实；网页会醒目标注“未核实”。 / Marks a fact no source supports yet.",
    )
    note: str | None = Field(
        default=None,
        max_length=2000,
        description="编辑备注：来源之间的矛盾、口径说明等，会显示在网页上。 / Editor's note shown on the page.",
    )
    quote: str | None = Field(
        default=None,
        min_length=2,
        max_length=80,
        description="引文：来源中支持这条事实的最短原文，逐字照抄（不超过80字；同一篇报道的两段之间用 `…` 连接；"
        "出自不同来源、或聚合页上不同短讯的原文写在 `quotes` 里）。网页在引注处显示它，检查会核对它确实出现在来源原文中。"
        " / Verbatim passage of the first cited source.",
    )
    quotes: list[Quote] = Field(
        default_factory=list,
        description="多段引文：出自不同来源、或同一页上不同条目（例如聚合页上的两条短讯）的原文，每段写明出自哪个来源"
        "（`text`、`source`，可选 `where`）；网页为每段引文各显示一个出处标记。与 `quote` 二选一。 / Several verbatim "
        "passages, each with the source it is from; instead of `quote`.",
    )
    editorial: str | None = Field(
        default=None,
        min_length=2,
        max_length=500,
        description="编者补充：这条事实中不是来源原话、而是编者依据来源以外的知识补充的部分（例如所在区、行业、位置），"
        "写明补充了什么、依据是什么；网页标注“编者补充”。 / What the editors added from outside the cited text.",
    )
    caution: str | None = Field(
        default=None,
        min_length=2,
        max_length=80,
        description="请注意：读者必须和这条事实一起看到的疑点或限定，一两句话（不超过80字，详细的理由写在 `note` 里），"
        "例如来源所写年份与内容不符、“400亿级”是规模档次而不是到期要达到的数字、所在区来源并没有说。网页在这条事实旁"
        "醒目显示；有这一项的数字排在数字卡片的最后，卡片上也显示它。 / A short caution readers must see with the fact: "
        "shown beside it, and on its figure card.",
    )

    @model_validator(mode="after")
    def _needs_source_or_flag(self) -> "Sourced":
        if not self.sources and not self.unverified:
            raise ValueError("needs-source")
        if self.quote and self.quotes:
            raise ValueError("quote-and-quotes")
        return self

    def cited_quotes(self) -> tuple[Quote, ...]:
        """Every quote with its source: the `quotes`, or the one `quote` (which is from the first source)."""
        if self.quote and self.sources:
            return (Quote.model_construct(text=self.quote, source=self.sources[0], where=None),)
        return tuple(self.quotes)


class Name(Strict):
    zh: str = Field(min_length=1, max_length=60, description="中文名称。 / Chinese name.")
    en: str = Field(min_length=1, max_length=80, description="英文名称。 / English name.")


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


class Statement(Sourced):
    id: Id
    text: str = Field(min_length=1, max_length=1000, description="一句话陈述。 / One sentence.")


class IndustrialSystem(Sourced):
    label: str = Field(
        min_length=1,
        max_length=20,
        description='产业体系的数字代号，请加引号，例如 `"12136"`。 / The system\'s numeric label, quoted.',
    )
    name: str = Field(min_length=1, max_length=60, description="名称，例如 `现代化产业体系`。 / Name.")
    parts: list[str] = Field(
        default_factory=list,
        description="来源列出的组成部分，照来源写；来源没有列出的不要补。 / Parts as the source lists them.",
    )
    explanation: str | None = Field(
        default=None, max_length=1000, description="来源对代号含义的解释。 / What the label stands for, per the source."
    )


class Goal(Sourced):
    id: Id
    theme: str = Field(
        min_length=1,
        max_length=20,
        description="主题，用于跨区比较，例如 `经济增长`、`投资`、`数字经济`、`人工智能`、`低空经济`、`会展`、"
        "`工业`、`招商`、`城市更新`、`企业服务`。 / Theme used to compare districts.",
    )
    statement: str = Field(min_length=1, max_length=500, description="目标原意的简短转述。 / The goal in one sentence.")
    metric: str = Field(min_length=1, max_length=60, description="指标名称，例如 `地区生产总值`。 / What is measured.")
    target: Target | None = Field(default=None, description="数值目标；没有数字的目标可省略。 / Numeric target.")
    indicator: IndicatorKey | None = Field(
        default=None,
        description="可选：目标对应的统计指标（见 figures 的 indicator 列表），例如 `gdp_growth`。写了它，"
        "网页就在目标旁显示同一年全年的公布值，并按比较关系算出 达成 / 未达成（判定由程序计算，不要手写）。 / "
        "The indicator this goal is measured by; the result and verdict are computed from figures.",
    )
    year: int = Field(
        ge=1990,
        le=2100,
        description="目标年份：来源正文所说的年份（不是网页抓取日期）。 / Target year, from the article's content.",
    )
    status: GoalStatus | None = Field(
        default=None, description="进展：`planned`、`in_progress`、`achieved`、`missed`、`unknown`。"
    )

    @model_validator(mode="after")
    def _verdict_is_computed(self) -> "Goal":
        if self.indicator is not None:
            if self.status in (GoalStatus.achieved, GoalStatus.missed):
                raise ValueError("status-computed")
            if self.target is not None and self.target.measure.value != info(self.indicator).measure:
                raise ValueError("indicator-measure")
        return self


class Figure(Sourced):
    """One published figure of an indicator: a value for a year and period, with its status and source."""

    indicator: IndicatorKey = Field(
        description="指标（固定列表，单位随指标固定）：`gdp` 地区生产总值（亿元）、`gdp_growth` 增速（%）、"
        "`population` 常住人口（万人）、`fixed_investment` 固定资产投资（亿元）、`fixed_investment_growth`（%）、"
        "`retail_sales` 社会消费品零售总额（亿元）、`retail_sales_growth`（%）、`industrial_value_added_growth` "
        "规上工业增加值增速（%）、`budget_revenue` 一般公共预算收入（亿元）、`budget_revenue_growth`（%）。 / "
        "Indicator from the closed list; its unit is fixed."
    )
    year: int = Field(ge=2000, le=2100, description="数据所属年份（正文所说）。 / The year the figure is for.")
    period: Period = Field(
        default=Period.full_year,
        description="时段：`full_year` 全年（默认）、`q1` 一季度、`h1` 上半年、`q1_q3` 前三季度；常住人口用 "
        "`year_end` 年末或 `census` 普查。 / Period.",
    )
    value: float = Field(description="数值，只写数字，单位按指标固定，例如 `1316.36`。 / The number.")
    status: FigureStatus = Field(
        description="口径：`expected` 预计（正文写“预计”）、`preliminary` 初步核算（政府工作报告、新闻通稿）、"
        "`final` 最终核实（统计公报、统计局核实数）。 / Expected, preliminary or final."
    )
    quote: str = Field(
        min_length=2,
        max_length=50,
        description="引文：来源中写出这个数字的那一句，逐字照抄，不超过50字，必须包含这个数字。 / "
        "The clause that states the figure, verbatim, at most 50 characters, containing the number.",
    )

    @property
    def id(self) -> str:
        """Derived, never typed: the figure's anchor and key (unique in its file; checks.py says so)."""
        return f"{self.indicator.value}-{self.year}-{self.period.value}-{self.status.value}".replace("_", "-")

    @property
    def unit(self) -> str:
        return info(self.indicator).unit

    @model_validator(mode="after")
    def _figure_rules(self) -> "Figure":
        if not self.sources:
            raise ValueError("figure-needs-source")
        if (self.indicator in STOCK) != (self.period not in FLOW_PERIODS):
            raise ValueError("figure-period")
        quote = self.quote.replace(",", "").replace("，", "")
        stated = [number_text(self.value), number_text(self.value / 10000) + "万亿"]  # 3.2万亿元 = 32000 亿元
        if self.value < 0 and any(w in quote for w in ("下降", "减少", "回落")):  # 下降9.4% = −9.4
            stated.append(number_text(-self.value))
        if not any(s in quote for s in stated):
            raise ValueError("quote-lacks-value")
        return self


class Indicator(Sourced):
    id: Id
    theme: str = Field(min_length=1, max_length=20, description="主题，同目标的主题。 / Theme.")
    statement: str = Field(min_length=1, max_length=500, description="已达成的事实，一句话。 / The reported fact.")
    metric: str = Field(min_length=1, max_length=60, description="指标名称。 / What is measured.")
    value: Quantity | None = Field(default=None, description="数值与单位。 / Value and unit.")
    comparator: Comparator = Field(
        default=Comparator.exactly,
        description="来源说“超过”“约”“近”“最多”时用 `more_than`、`about`、`nearly`、`at_most` 等。 / As the source words it.",
    )
    as_of: PartialDate = Field(description='数据对应的时间（正文所说），例如 `"2024"`。 / When the figure holds.')

    @model_validator(mode="after")
    def _one_comparator(self) -> "Indicator":
        if self.value is not None and self.value.comparator is not None:
            raise ValueError("indicator-value-comparator")
        return self


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


class Area(Sourced):
    value: float = Field(gt=0, description="面积数值。 / Area value.")
    unit: Literal["平方公里"] = Field(default="平方公里", description="单位：平方公里。 / Unit: km².")


class District(Strict):
    """One district's profile: `data/districts/<slug>.yaml`."""

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


class CityGroup(Strict):
    label: str = Field(min_length=1, max_length=20, description="组名，例如 `五区`。 / Group label.")
    items: list[str] = Field(min_length=1, description="组成，照来源写。 / Members, as the source lists them.")


class CityLayout(Sourced):
    label: str = Field(min_length=1, max_length=30, description="格局名称，例如 `五区三都三城`。 / Layout name.")
    groups: list[CityGroup] = Field(min_length=1, description="各组。 / Groups.")


class City(Strict):
    """The city-level frame: `data/city.yaml`."""

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


class Source(Strict):
    id: Id
    title: str = Field(min_length=1, max_length=200, description="标题（去掉乱码与广告）。 / Clean title.")
    publisher: str = Field(min_length=1, max_length=80, description="发布机构或媒体。 / Publisher.")
    author: str | None = Field(default=None, max_length=120, description="作者或记者。 / Author.")
    published: date = Field(description="发表日期 `YYYY-MM-DD`。 / Publication date.")
    url: str | None = Field(
        default=None,
        max_length=2000,
        description="原文网址（原发布者的），只接受 http(s)。 / Original URL, http(s) only.",
    )
    kind: SourceKind | None = Field(
        default=None,
        description="来源类别：`official` 政府或统计部门官方发布、`newspaper` 报纸或通讯社、`repost` 转载（正文写明"
        "原发布者，`publisher` 写原发布者，`via` 写实际读到的网址）。 / Official, newspaper or repost.",
    )
    via: str | None = Field(
        default=None,
        max_length=2000,
        description="可选：实际读到的网址（转载、镜像页），与 url 不同时填写。 / Where it was actually read.",
    )
    retrieved: date | None = Field(
        default=None, description="查阅日期 `YYYY-MM-DD`（没有存档原文的来源必填）。 / Date retrieved."
    )
    notes: str | None = Field(default=None, max_length=2000, description="备注，例如日期口径。 / Notes.")
    archive: str | None = Field(
        default=None,
        pattern=r"^[A-Za-z0-9_.-]+$",
        max_length=120,
        description="原文存档文件名（在来源存档目录中，例如 `000_0638385fcb057a50.txt`），用于核对引文。 / Archive file.",
    )

    @property
    def link(self) -> str:
        """The address a reader can open: the original's, else where it was read ("" for neither)."""
        return self.url or self.via or ""

    @field_validator("url", "via")
    @classmethod
    def _http_only(cls, v: str | None) -> str | None:
        if v is not None and not re.match(r"^https?://[^\s/$.?#][^\s<>\"']*$", v):
            raise ValueError("url-scheme")
        return v


class Sources(Strict):
    """Every source, once: `data/sources.yaml`."""

    sources: list[Source] = Field(description="来源列表。 / The sources.")
