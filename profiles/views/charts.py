"""Bar charts computed at build time and drawn as inline SVG by templates/_chart.j2.

Why SVG at build time: no chart library ships to readers, the chart prints and scales with its
viewBox (phones get the same drawing, only smaller), and every label passes through Jinja's
autoescape like the rest of the page. Each chart is followed on the page by a table with the
same numbers, which is what screen readers and copy-paste use.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from ..templating import chart_number

# viewBox units. Narrow on purpose: the SVG is drawn 100% wide (max ~560 px), so on a 360 px phone
# it shrinks by ~0.7 and 14-unit text stays ~10 px, which is still legible.
WIDTH = 480
FONT = 14
BAR = 20
GAP = 8
LEGEND_LINE = 20  # one line of legend above the bars
AXIS = 22  # room for the tick labels under the bars
VALUE_ROOM = 44  # room right of the longest bar for its total
CHAR = 14  # width of one CJK character at the chart's font size
# Okabe–Ito colours: distinguishable with the common colour-vision deficiencies, and in greyscale print
# they still differ in lightness.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#999999", "#000000"]


@dataclass(frozen=True)
class Segment:
    series: int
    value: float
    x: float
    width: float
    colour: str


@dataclass(frozen=True)
class Bar:
    label: str
    short: str  # the label cut to fit the label column; the full text is in the bar's <title>
    href: str  # where the label links in the table under the chart ("" for none)
    values: list[float]  # one per series, zeros included: the table's cells
    y: float
    total: float
    end: float  # x where the bar ends: its total is written just right of it
    segments: list[Segment]


@dataclass(frozen=True)
class Chart:
    id: str  # unique on its page: used for aria-labelledby
    title: str
    description: str
    unit: str
    label_header: str  # heading of the label column in the table, e.g. "区"
    omitted: int  # rows the caller left out to keep the chart readable (said in the caption)
    series: list[tuple[str, str]]  # (name, colour)
    legend: list[tuple[float, float, str, str]]  # (x, y, name, colour), wrapped to the chart width
    bars: list[Bar]
    label_width: float
    plot_width: float
    height: float
    ticks: list[tuple[float, str]]  # (x, text)

    @property
    def width(self) -> int:
        return WIDTH

    @property
    def bar_height(self) -> int:
        return BAR

    @property
    def font_size(self) -> int:
        return FONT

    @property
    def plot_bottom(self) -> float:
        return self.height - AXIS


def _n(x: float) -> float | int:
    """A coordinate as short as it can be written: 2 decimals at most, no trailing ".0"."""
    x = round(float(x), 2)
    return int(x) if x.is_integer() else x


def nice_step(maximum: float, count: int = 4) -> float:
    """A round tick step (1, 2 or 5 × 10^n) giving at most about `count` ticks up to maximum."""
    if maximum <= 0:
        return 1.0
    raw = maximum / count
    power = 10 ** math.floor(math.log10(raw))
    return next(m * power for m in (1, 2, 5, 10) if m * power >= raw)


def legend_layout(series: list[str]) -> tuple[list[tuple[float, float, str, str]], float]:
    """Legend entries left to right, wrapping to a new line at the chart width; returns (entries, height)."""
    out, x, y = [], 0.0, 0.0
    for s, name in enumerate(series):
        width = 18 + len(name) * CHAR + 14
        if x and x + width > WIDTH:
            x, y = 0.0, y + LEGEND_LINE
        out.append((_n(x), _n(y), name, PALETTE[s % len(PALETTE)]))
        x += width
    return out, (y + LEGEND_LINE + 8 if series else 0)


def stacked_bars(
    id: str,
    title: str,
    description: str,
    rows: list[tuple[str, list[float], str]],
    series: list[str],
    unit: str = "",
    *,
    label_header: str = "",
    omitted: int = 0,
) -> Chart:
    """Horizontal bars, one per row (label, values per series, link), each split into one segment per
    series; zero values draw no segment but keep their cell in the table."""
    label_width = min(180, max([len(label) for label, _, _ in rows] or [2]) * CHAR + 12)
    plot_width = WIDTH - label_width - VALUE_ROOM
    top = max((sum(values) for _, values, _ in rows), default=0)
    step = nice_step(top)
    scale_max = step * max(1, math.ceil(top / step))
    per_unit = plot_width / scale_max
    legend, top_room = legend_layout(series if len(series) > 1 else [])
    top_room = max(top_room, 4)
    bars = []
    for i, (label, values, href) in enumerate(rows):
        x = label_width
        segments = []
        for s, value in enumerate(values):
            if value > 0:
                segments.append(Segment(s, value, _n(x), _n(value * per_unit), PALETTE[s % len(PALETTE)]))
                x += value * per_unit
        fits = int((label_width - 12) // CHAR)
        short = label if len(label) <= fits else label[: fits - 1] + "…"
        y = _n(top_room + i * (BAR + GAP))
        bars.append(Bar(label, short, href, list(values), y, sum(values), _n(x), segments))
    ticks = [(_n(label_width + k * step * per_unit), chart_number(k * step)) for k in range(int(scale_max / step) + 1)]
    height = top_room + len(rows) * (BAR + GAP) + AXIS
    return Chart(
        id=id,
        title=title,
        description=description,
        unit=unit,
        label_header=label_header,
        omitted=omitted,
        series=[(name, PALETTE[s % len(PALETTE)]) for s, name in enumerate(series)],
        legend=legend,
        bars=bars,
        label_width=_n(label_width),
        plot_width=_n(plot_width),
        height=_n(height),
        ticks=ticks,
    )
