"""The closed list of indicators, each with its Chinese label, fixed unit and measure: the one table that the
models, pages, charts, downloads and the review read. The names' English is in profiles/model/en.po, by their
Chinese (profiles.facts.labels.indicator_label / indicator_short); the units' in profiles.facts.units."""

from __future__ import annotations

from dataclasses import dataclass

from .enums import IndicatorKey, Period


@dataclass(frozen=True)
class Info:
    label: str  # as a heading: 地区生产总值
    short: str  # in a table header: GDP 总量
    unit: str  # fixed: every figure of this indicator is in this unit
    measure: str  # "level" or "growth" (a goal's target.measure must agree)


INDICATORS: dict[IndicatorKey, Info] = {
    IndicatorKey.gdp: Info("地区生产总值", "地区生产总值", "亿元", "level"),
    IndicatorKey.gdp_growth: Info("地区生产总值增速", "增速", "%", "growth"),
    IndicatorKey.population: Info("常住人口", "常住人口", "万人", "level"),
    IndicatorKey.fixed_investment: Info("固定资产投资", "固定资产投资", "亿元", "level"),
    IndicatorKey.fixed_investment_growth: Info("固定资产投资增速", "固投增速", "%", "growth"),
    IndicatorKey.retail_sales: Info("社会消费品零售总额", "社零总额", "亿元", "level"),
    IndicatorKey.retail_sales_growth: Info("社会消费品零售总额增速", "社零增速", "%", "growth"),
    IndicatorKey.industrial_value_added_growth: Info("规模以上工业增加值增速", "规上工业增速", "%", "growth"),
    IndicatorKey.budget_revenue: Info("一般公共预算收入", "一般公共预算收入", "亿元", "level"),
    IndicatorKey.budget_revenue_growth: Info("一般公共预算收入增速", "预算收入增速", "%", "growth"),
}

# Periods a figure of each kind may have: flows are reported for (part of) a year, population at year end or
# by a census.
STOCK = {IndicatorKey.population}
FLOW_PERIODS = (Period.full_year, Period.q1, Period.h1, Period.q1_q3)
STOCK_PERIODS = (Period.year_end, Period.census)


def info(key: IndicatorKey | str) -> Info:
    return INDICATORS[IndicatorKey(key)]


def number_text(value: float) -> str:
    """A figure's number as the source writes it: no trailing zeros, no thousands separators (1316.36, 5, 0.8)."""
    text = f"{value:.6f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text
