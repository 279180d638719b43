"""The three charts of /compare/, built from the same rows as its tables (geometry in charts.py).

Each is bounded, so a chart stays readable whatever the number of districts: at most CHART_BARS
bars (the caption says how many were left out) and at most SERIES colours (further districts are
pooled as "其他区").
"""

from __future__ import annotations

from ..dataset import Dataset
from . import compare
from .charts import PALETTE, Chart, stacked_bars

SERIES = len(PALETTE)


def counts_chart(dataset: Dataset) -> Chart:
    counts = compare.district_counts(dataset)
    if len(counts) > compare.CHART_BARS:  # many districts: draw those with the most entries
        counts = sorted(counts, key=lambda c: -sum(c.values))
    shown = counts[: compare.CHART_BARS]
    return stacked_bars(
        "chart-counts",
        "各区已收录的条目数",
        "每个区已收录的发展目标、龙头企业、产业园区和重大项目条数。",
        [(c.name, c.values, c.href) for c in shown],
        compare.COUNT_SERIES,
        "条",
        label_header="区",
        omitted=len(counts) - len(shown),
    )


def themes_chart(themes: list[compare.ThemeGroup]) -> Chart:
    """Goals per theme, one colour per district (or the city) that set them."""
    owners = list(dict.fromkeys(o for g in themes for o in g.owners))
    pooled = len(owners) > SERIES
    named = owners[: SERIES - 1] if pooled else owners
    series = named + (["其他区"] if pooled else [])
    rows = []
    for g in themes[: compare.CHART_BARS]:
        counts = [sum(r.owner_name == o for r in g.rows) for o in named]
        rows.append((g.theme, counts + ([len(g.rows) - sum(counts)] if pooled else []), ""))
    return stacked_bars(
        "chart-themes",
        "各主题的发展目标数",
        "每个主题下的发展目标条数，按提出目标的区（或全市）分段。",
        rows,
        series,
        "项",
        label_header="主题",
        omitted=len(themes) - len(rows),
    )


def money_chart(dataset: Dataset) -> Chart | None:
    """Projects whose investment is stated in a money unit, in 亿元, largest first."""
    projects = compare.investments(dataset)
    shown = projects[: compare.CHART_BARS]
    if not shown:
        return None
    return stacked_bars(
        "chart-money",
        "已公布投资额的重大项目",
        "来源写明投资额（以元计）的项目，按投资额从大到小排列。",
        [(r.item.name, [float(compare.sort_key(r.item.investment))], r.href) for r in shown],
        ["投资额"],
        "亿元",
        label_header="项目",
        omitted=len(projects) - len(shown),
    )


def compare_charts(dataset: Dataset, themes: list[compare.ThemeGroup]) -> dict[str, Chart | None]:
    return {
        "counts": counts_chart(dataset),
        "themes": themes_chart(themes) if themes else None,
        "money": money_chart(dataset),
    }
