"""Stage 5b — the before/after map: what moved, was added or removed.

Drawn with the site's own static-map code (profiles/outputs/staticmap*): the same boundaries, projection, symbols and both
renderers (SVG, PNG). Old positions are hollow, new ones filled, and an arrow runs from old to new. The same
points go into a GeoJSON FeatureCollection, which the Markdown report puts in a ```geojson block (GitHub shows it
as an interactive map).
"""

from __future__ import annotations

import math

from .report import DiffReport

ARROW_COLOUR, ARROW_WIDTH, HEAD_PX = "#c2410c", 1.6, 9.0
OLD_COLOUR, NEW_COLOUR = "#6b7280", "#c2410c"


def geojson(report: DiffReport) -> dict | None:
    """Old points, new points and the lines between them; None when nothing with a place changed."""
    features = []
    for m in report.moves:
        name = m.name.replace("<", "‹").replace(">", "›")  # shown in map popups: no markup, even escaped
        base = {"id": m.id, "name": name, "kind": m.kind, "change": m.change}
        if m.old is not None:
            props = {**base, "when": "before", "marker-color": OLD_COLOUR, "marker-symbol": "circle-stroked"}
            features.append(_point(m.old, props))
        if m.new is not None:
            props = {**base, "when": "after", "marker-color": NEW_COLOUR, "marker-symbol": "circle"}
            features.append(_point(m.new, props))
        if m.old is not None and m.new is not None:
            line = {"type": "LineString", "coordinates": [list(m.old), list(m.new)]}
            props = {**base, "when": "move", "stroke": ARROW_COLOUR, "stroke-width": 2}
            features.append({"type": "Feature", "geometry": line, "properties": props})
    return {"type": "FeatureCollection", "features": features} if features else None


def _point(p: tuple[float, float], props: dict) -> dict:
    return {"type": "Feature", "geometry": {"type": "Point", "coordinates": list(p)}, "properties": props}


def _focus(report: DiffReport) -> str | None:
    """The one district every move is in, if there is one: the map then zooms to it."""
    districts = {m.district for m in report.moves}
    return districts.pop() if len(districts) == 1 else None


def _arrow(a: tuple[float, float], b: tuple[float, float]) -> list[list[tuple[float, float]]]:
    """A shaft from a to b, stopping short of b's symbol, and a two-stroke head."""
    (x0, y0), (x1, y1) = a, b
    length = math.hypot(x1 - x0, y1 - y0)
    if length < 12:  # old and new overlap on screen: the hollow ring around the filled mark says enough
        return []
    ux, uy = (x1 - x0) / length, (y1 - y0) / length
    tx, ty = x1 - ux * 7, y1 - uy * 7  # tip just outside the new symbol

    def wing(sign: int) -> tuple[float, float]:
        return round(tx - HEAD_PX * (ux * 0.87 + sign * uy * 0.5), 1), round(
            ty - HEAD_PX * (uy * 0.87 - sign * ux * 0.5), 1
        )

    tip = (round(tx, 1), round(ty, 1))
    return [[(round(x0 + ux * 7, 1), round(y0 + uy * 7, 1)), tip], [wing(1), tip, wing(-1)]]


POINT_LABEL_SIZE = 11  # the size staticmap/layout.py gives point labels


def _crosses(t, arrows: list[list[tuple[float, float]]]) -> bool:
    """Whether an arrow passes under a label's box (width estimated as the layout does: CJK 1 em, Latin 0.6)."""
    from shapely.geometry import LineString, box  # deferred: shapely, with the rest of the drawing

    width = sum(t.size if ord(c) > 0x2E7F else t.size * 0.6 for c in t.text)
    x0 = {"start": t.x, "middle": t.x - width / 2, "end": t.x - width}[t.anchor]
    area = box(x0, t.y - 9, x0 + width, t.y + 4)
    return any(LineString(stroke).intersects(area) for stroke in arrows if len(stroke) >= 2)


def scene(report: DiffReport, boundaries: dict, width: int = 800):
    """The laid-out picture (staticmap's Scene): old hollow, new filled, arrows, a legend of our own."""
    from ..staticmap import MapPoint  # deferred: shapely and the layout are only needed when a map is drawn
    from ..staticmap.layout import BOTTOM, MARGIN, Layout, Text  # deferred: shapely, with the layout

    points: list[MapPoint] = []
    hollow: list[bool] = []
    pairs: list[tuple[int, int]] = []
    for m in report.moves:
        first = len(points)
        if m.old is not None:
            points.append(MapPoint(m.old[0], m.old[1], m.kind, f"{m.name}（原位置）"))
            hollow.append(True)
        if m.new is not None:
            points.append(MapPoint(m.new[0], m.new[1], m.kind, m.name))
            hollow.append(False)
        if m.old is not None and m.new is not None:
            pairs.append((first, first + 1))
    focus = _focus(report)
    title = f"本次改动的位置：{report.names.get(focus, focus)}" if focus else "本次改动的位置"
    names = dict(report.names)
    sc = Layout(boundaries, names).scene(title, focus if focus in boundaries else None, points, width)
    marks = sc.symbols[: len(points)]
    sc.symbols = [(k, x, y, label, hollow[i]) for i, (k, x, y, label, _) in enumerate(marks)]
    arrows = [stroke for i, j in pairs for stroke in _arrow(marks[i][1:3], marks[j][1:3])]
    sc.lines += [(stroke, ARROW_COLOUR, ARROW_WIDTH) for stroke in arrows]
    # Point labels are placed clear of the symbols but know nothing of arrows: drop those an arrow runs under
    # (the table in the report names every point anyway).
    sc.texts = [t for t in sc.texts if not (t.halo and t.size == POINT_LABEL_SIZE and _crosses(t, arrows))]
    # The layout's legend counts parks and projects; this map's legend says what hollow and filled mean.
    legend_y = sc.height - BOTTOM + 20  # where the layout puts its legend
    sc.texts = [t for t in sc.texts if not (t.repeats and t.y == legend_y and t.x < sc.width / 2)]
    sc.symbols += [("project", MARGIN + 5, legend_y - 4, "", True), ("project", MARGIN + 95, legend_y - 4, "", False)]
    sc.texts += [
        Text(MARGIN + 14, legend_y, "原位置", 12, repeats=True),
        Text(MARGIN + 104, legend_y, "新位置（方块：园区，圆点：项目）", 12, repeats=True),
    ]
    sc.alt = f"{title}：{len(report.moves)} 处位置改动，空心为原位置，实心为新位置，箭头从原位置指向新位置。"
    return sc


def svg(report: DiffReport, boundaries: dict) -> bytes:
    from ..staticmap.render import svg as draw  # deferred: Pillow, with the layout

    return draw(scene(report, boundaries)).encode("utf-8")


def png(report: DiffReport, boundaries: dict) -> bytes:
    from ..staticmap.atlas import CJK_FONT_CANDIDATES  # deferred: Pillow and shapely
    from ..staticmap.render import Painter  # deferred: Pillow

    return Painter(CJK_FONT_CANDIDATES).png(scene(report, boundaries))
