"""Vega-Lite specs for the charts, written with altair (a declarative grammar, not hand-drawn geometry). The spec
is what a newsroom downloads (`<name>.vl.json`) to restyle; vega.py renders the same spec to SVG and PNG."""

from __future__ import annotations

from typing import Any

from ...facts.texts import t
from .data import RESULT, TARGET, ChartData

FONT = "Noto Sans CJK SC"
WIDTH = 440  # the chart's own width: on a 360 px phone it shrinks by about 0.75, so 13 px labels stay ≥ 9 px
LABEL = 13  # the smallest text: axis labels, legend, values
# Okabe–Ito, then darker and lighter companions: distinguishable with common colour-vision deficiencies.
PALETTE = [
    "#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#7F3C8D", "#E68310",
    "#3969AC", "#80BA5A", "#A6761D", "#000000",
]  # fmt: skip


def _config(chart):
    return (
        chart.configure(font=FONT, background="white")
        .configure_title(fontSize=16, anchor="start", fontWeight="bold")
        .configure_axis(labelFontSize=LABEL, titleFontSize=LABEL, labelColor="#333333", titleColor="#333333")
        .configure_legend(labelFontSize=LABEL, titleFontSize=LABEL, orient="bottom", columns=4)
        .configure_view(stroke=None)
    )


def _rows(c: ChartData) -> list[dict[str, Any]]:
    return [
        {"区": p.name, "系列": p.series, "年份": p.year, "数值": p.value, "标注": p.text, "label": f"{p.name} {p.year}"}
        for p in c.points
    ]


def bar(c: ChartData):
    import altair as alt  # deferred: altair is only needed when a chart is (re)drawn

    base = alt.Chart(alt.Data(values=_rows(c)), title=c.title).encode(
        y=alt.Y("区:N", sort=None, title=None, axis=alt.Axis(labelLimit=130)),
        x=alt.X("数值:Q", title=c.unit, axis=alt.Axis(tickCount=4)),
    )
    bars = base.mark_bar(color=PALETTE[0])
    text = base.mark_text(align="left", dx=4, fontSize=LABEL, color="#222222").encode(text="标注:N")
    return _config((bars + text).properties(width=WIDTH - 170, height=alt.Step(26)))


def dumbbell(c: ChartData):
    import altair as alt  # deferred: altair, only when a chart is drawn

    data = alt.Data(values=_rows(c))
    y = alt.Y("label:N", sort=None, title=None)
    rule = alt.Chart(data).mark_rule(color="#999999", strokeWidth=2).encode(y=y, x="min(数值):Q", x2="max(数值):Q")
    dots = (
        alt.Chart(data)
        .mark_point(filled=True, size=110, opacity=1)
        .encode(
            y=y,
            x=alt.X("数值:Q", title=t("chart.axis.growth"), scale=alt.Scale(zero=False)),
            color=alt.Color(
                "系列:N", scale=alt.Scale(domain=[TARGET, RESULT], range=[PALETTE[1], PALETTE[0]]), title=None
            ),
            shape=alt.Shape(
                "系列:N", scale=alt.Scale(domain=[TARGET, RESULT], range=["diamond", "circle"]), title=None
            ),
        )
    )
    return _config(alt.layer(rule, dots, title=c.title).properties(width=WIDTH - 140, height=alt.Step(30)))


def lines(c: ChartData):
    import altair as alt  # deferred: altair, only when a chart is drawn

    names = list(dict.fromkeys(p.name for p in c.points))
    first, last = min(p.year for p in c.points), max(p.year for p in c.points)
    years = range(first, last + 1)  # every year between: a year nobody reported is still on the axis
    have = {(p.name, p.year) for p in c.points}
    # A year without a figure is a gap in its line, never a straight segment across it.
    gaps = [{"区": n, "年份": y, "数值": None} for n in names for y in years if (n, y) not in have]
    colours = PALETTE[: len(names) - 1] + [PALETTE[-1]] if len(names) <= len(PALETTE) else PALETTE
    chart = (
        alt.Chart(alt.Data(values=_rows(c) + gaps), title=c.title)
        .mark_line(point=True, invalid="break-paths-show-domains")
        .encode(
            x=alt.X("年份:O", title=None, axis=alt.Axis(labelAngle=0)),
            y=alt.Y("数值:Q", title=t("chart.axis.growth")),
            color=alt.Color("区:N", scale=alt.Scale(domain=names, range=colours[: len(names)]), title=None),
        )
    )
    return _config(chart.properties(width=WIDTH - 40, height=300))


KINDS = {"bar": bar, "dumbbell": dumbbell, "lines": lines, "money": bar}


def spec(c: ChartData) -> dict[str, Any]:
    made = KINDS[c.kind](c).to_dict()
    made["description"] = c.alt  # Vega writes it into the SVG's aria-label
    return made
