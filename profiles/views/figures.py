"""The chart of /compare/, built from the same rows as its tables (geometry in charts.py).

Bounded, so it stays readable whatever the number of districts: at most CHART_BARS bars (the
caption says how many were left out).
"""

from __future__ import annotations

from ..dataset import Dataset
from . import compare
from .charts import Chart, stacked_bars


def _bar_label(name: str, investment) -> str:
    """A project's name, and the source's word when the bar's number is a bound ("超过") or a round figure ("约")."""
    word = investment.comparator.word if investment.comparator is not None else ""
    return f"{name}（{word}）" if word else name


def money_chart(dataset: Dataset) -> Chart | None:
    """Projects whose investment is stated in a money unit, in 亿元, largest first."""
    projects = compare.investments(dataset)
    shown = projects[: compare.CHART_BARS]
    if not shown:
        return None
    return stacked_bars(
        "chart-money",
        "已公布投资额的重大项目",
        "来源写明投资额（以元计）的项目，按投资额从大到小排列；来源说“超过”“约”的，名称后注明。",
        [
            (_bar_label(r.item.name, r.item.investment), [float(compare.sort_key(r.item.investment))], r.href)
            for r in shown
        ],
        ["投资额"],
        "亿元",
        label_header="项目",
        omitted=len(projects) - len(shown),
    )


def compare_charts(dataset: Dataset) -> dict[str, Chart | None]:
    """/compare/ draws what the sources say, never how much we collected: counts per district or per
    theme read as a ranking of districts; they are on /data/ as coverage."""
    return {"money": money_chart(dataset)}
