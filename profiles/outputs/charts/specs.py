"""Vega-Lite specs for the charts, written with altair (a declarative grammar, not hand-drawn geometry). The spec
is what a newsroom downloads (`<name>.vl.json`) to restyle; vega.py renders the same spec to SVG and PNG."""

from __future__ import annotations

from typing import Any

from ...facts.texts import t
from .data import ChartData

FONT = "Noto Sans CJK SC"
# Another edition's charts set their words in a Latin face first (vega.py registers one where the machine has it),
# and the Chinese that stays (a name not yet translated) in Noto CJK.
FONTS = {"zh": FONT, "en": f"Noto Sans, {FONT}, sans-serif"}
# The names of the data's fields, which Vega also writes into each mark's description (aria-label): in the
# edition's language. The Chinese edition's are the ones its downloadable specs always had.
FIELDS = {
    "zh": {"name": "区", "series": "系列", "year": "年份", "value": "数值", "text": "标注"},
    "en": {"name": "district", "series": "series", "year": "year", "value": "value", "text": "label"},
}
WIDTH = 440  # the chart's own width: on a 360 px phone it shrinks by about 0.75, so 13 px labels stay ≥ 9 px
LABEL = 13  # the smallest text: axis labels, legend, values
# Okabe–Ito, then darker and lighter companions: distinguishable with common colour-vision deficiencies.
PALETTE = [
    "#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#7F3C8D", "#E68310",
    "#3969AC", "#80BA5A", "#A6761D", "#000000",
]  # fmt: skip


def _fields(c: ChartData) -> dict[str, str]:
    return FIELDS.get(c.lang, FIELDS["en"])


def _config(chart, c: ChartData):
    return (
        chart.configure(font=FONTS.get(c.lang, FONTS["en"]), background="white")
        .configure_title(fontSize=16, anchor="start", fontWeight="bold")
        .configure_axis(labelFontSize=LABEL, titleFontSize=LABEL, labelColor="#333333", titleColor="#333333")
        .configure_legend(labelFontSize=LABEL, titleFontSize=LABEL, orient="bottom", columns=4)
        .configure_view(stroke=None)
    )


def _rows(c: ChartData) -> list[dict[str, Any]]:
    f = _fields(c)
    return [
        {
            f["name"]: p.name,
            f["series"]: p.series,
            f["year"]: p.year,
            f["value"]: p.value,
            f["text"]: p.text,
            "label" if c.lang == "zh" else "row": f"{p.name} {p.year}",
        }
        for p in c.points
    ]


def bar(c: ChartData):
    import altair as alt  # deferred: altair is only needed when a chart is (re)drawn

    f = _fields(c)
    # A row's name: ten Chinese characters fit 130 px; an English name needs about half again as much.
    names = 130 if c.lang == "zh" else 200
    base = alt.Chart(alt.Data(values=_rows(c)), title=c.title).encode(
        y=alt.Y(f"{f['name']}:N", sort=None, title=None, axis=alt.Axis(labelLimit=names)),
        x=alt.X(f"{f['value']}:Q", title=c.unit, axis=alt.Axis(tickCount=4)),
    )
    bars = base.mark_bar(color=PALETTE[0])
    text = base.mark_text(align="left", dx=4, fontSize=LABEL, color="#222222").encode(text=f"{f['text']}:N")
    return _config((bars + text).properties(width=WIDTH - 40 - names, height=alt.Step(26)), c)


def dumbbell(c: ChartData):
    import altair as alt  # deferred: altair, only when a chart is drawn

    f = _fields(c)
    data = alt.Data(values=_rows(c))
    y = alt.Y("label:N" if c.lang == "zh" else "row:N", sort=None, title=None)
    value, series = f["value"], f["series"]
    rule = (
        alt.Chart(data).mark_rule(color="#999999", strokeWidth=2).encode(y=y, x=f"min({value}):Q", x2=f"max({value}):Q")
    )
    both = list(c.series)
    dots = (
        alt.Chart(data)
        .mark_point(filled=True, size=110, opacity=1)
        .encode(
            y=y,
            x=alt.X(f"{value}:Q", title=t("chart.axis.growth", c.lang), scale=alt.Scale(zero=False)),
            color=alt.Color(f"{series}:N", scale=alt.Scale(domain=both, range=[PALETTE[1], PALETTE[0]]), title=None),
            shape=alt.Shape(f"{series}:N", scale=alt.Scale(domain=both, range=["diamond", "circle"]), title=None),
        )
    )
    return _config(alt.layer(rule, dots, title=c.title).properties(width=WIDTH - 140, height=alt.Step(30)), c)


def lines(c: ChartData):
    import altair as alt  # deferred: altair, only when a chart is drawn

    names = list(dict.fromkeys(p.name for p in c.points))
    first, last = min(p.year for p in c.points), max(p.year for p in c.points)
    years = range(first, last + 1)  # every year between: a year nobody reported is still on the axis
    have = {(p.name, p.year) for p in c.points}
    # A year without a figure is a gap in its line, never a straight segment across it.
    f = _fields(c)
    gaps = [{f["name"]: n, f["year"]: y, f["value"]: None} for n in names for y in years if (n, y) not in have]
    colours = PALETTE[: len(names) - 1] + [PALETTE[-1]] if len(names) <= len(PALETTE) else PALETTE
    chart = (
        alt.Chart(alt.Data(values=_rows(c) + gaps), title=c.title)
        .mark_line(point=True, invalid="break-paths-show-domains")
        .encode(
            x=alt.X(f"{f['year']}:O", title=None, axis=alt.Axis(labelAngle=0)),
            y=alt.Y(f"{f['value']}:Q", title=t("chart.axis.growth", c.lang)),
            color=alt.Color(f"{f['name']}:N", scale=alt.Scale(domain=names, range=colours[: len(names)]), title=None),
        )
    )
    return _config(chart.properties(width=WIDTH - 40, height=300), c)


KINDS = {"bar": bar, "dumbbell": dumbbell, "lines": lines, "money": bar}


def spec(c: ChartData) -> dict[str, Any]:
    made = KINDS[c.kind](c).to_dict()
    made["description"] = c.alt  # Vega writes it into the SVG's aria-label
    return made
