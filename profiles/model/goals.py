"""What a profile states and aims at: roles, the industrial system, goals, reported indicators and the
published figures goals are measured by."""

from __future__ import annotations

from pydantic import Field, model_validator

from .base import Id, PartialDate, Sourced
from .enums import Comparator, FigureStatus, GoalStatus, IndicatorKey, Period
from .indicators import FLOW_PERIODS, STOCK, info, number_text
from .quantities import Quantity, Target


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
