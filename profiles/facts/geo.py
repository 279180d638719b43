"""Geography: datum shifts between WGS-84 and GCJ-02, district boundaries, areas, lookups.

Everything here is a pure function on plain GeoJSON geometry dicts and (lon, lat) pairs,
except `load_boundaries`, which reads the one boundary file. Coordinates are always
(lon, lat) in that order, as GeoJSON has them.

Why two datums: our boundaries (data/boundaries/guangzhou.geojson) are WGS-84, which is
what GPS, OpenStreetMap and most open data use; Chinese basemaps (AMap/Gaode, Tencent)
draw in GCJ-02, an officially obfuscated datum offset from WGS-84 by a few hundred metres.
Drawing WGS-84 shapes on a GCJ-02 basemap without `transform_geometry(g, wgs84_to_gcj02)`
puts every border ~600 m off in Guangzhou.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import shapely

LonLat = tuple[float, float]
Geometry = dict[str, Any]

# --- GCJ-02 -------------------------------------------------------------------------
# The transform is not published officially; this is the widely circulated formula that
# the public implementations (googollee/eviltransform, wandergis/coordtransform) share.
# It works on the Krasovsky 1940 ellipsoid, not on WGS-84: these two constants are part
# of the algorithm, so they must stay exactly as they are.
_KRASOVSKY_A = 6378245.0
_KRASOVSKY_EE = 0.00669342162296594323


def _out_of_china(lon: float, lat: float) -> bool:
    # The same rough box the public implementations use: GCJ-02 is applied only inside it.
    return not (72.004 <= lon <= 137.8347 and 0.8293 <= lat <= 55.8271)


def _gcj_offset(lon: float, lat: float) -> LonLat:
    """The (dlon, dlat) in degrees that GCJ-02 adds to a WGS-84 point."""
    x, y = lon - 105.0, lat - 35.0
    common = (20.0 * math.sin(6.0 * x * math.pi) + 20.0 * math.sin(2.0 * x * math.pi)) * 2.0 / 3.0
    dlat = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * math.sqrt(abs(x)) + common
    dlat += (20.0 * math.sin(y * math.pi) + 40.0 * math.sin(y / 3.0 * math.pi)) * 2.0 / 3.0
    dlat += (160.0 * math.sin(y / 12.0 * math.pi) + 320.0 * math.sin(y * math.pi / 30.0)) * 2.0 / 3.0
    dlon = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * math.sqrt(abs(x)) + common
    dlon += (20.0 * math.sin(x * math.pi) + 40.0 * math.sin(x / 3.0 * math.pi)) * 2.0 / 3.0
    dlon += (150.0 * math.sin(x / 12.0 * math.pi) + 300.0 * math.sin(x / 30.0 * math.pi)) * 2.0 / 3.0
    # The offsets above are in metres-ish units; turn them into degrees on Krasovsky.
    rad = math.radians(lat)
    magic = 1.0 - _KRASOVSKY_EE * math.sin(rad) ** 2
    sqrt_magic = math.sqrt(magic)
    dlat = dlat * 180.0 / ((_KRASOVSKY_A * (1.0 - _KRASOVSKY_EE)) / (magic * sqrt_magic) * math.pi)
    dlon = dlon * 180.0 / (_KRASOVSKY_A / sqrt_magic * math.cos(rad) * math.pi)
    return dlon, dlat


def wgs84_to_gcj02(lon: float, lat: float) -> LonLat:
    """WGS-84 → GCJ-02 (what AMap/Gaode tiles are drawn in). Outside China: unchanged."""
    if _out_of_china(lon, lat):
        return lon, lat
    dlon, dlat = _gcj_offset(lon, lat)
    return lon + dlon, lat + dlat


def gcj02_to_wgs84(lon: float, lat: float) -> LonLat:
    """GCJ-02 → WGS-84 by fixed-point iteration on the forward transform.

    The common one-step inverse (subtract the offset computed at the GCJ point) is off by
    1–2 m, because the offset itself varies by a few parts in 1,000 across its own size.
    Iterating w ← w + (gcj − forward(w)) therefore gains 2–3 digits a step: in Guangzhou
    the error goes ~600 m → 1 m → 3 mm → 5 µm, and 5 steps reach the 1e-11° (~1 µm) stop,
    far inside the 0.01 m we promise.
    """
    if _out_of_china(lon, lat):
        return lon, lat
    wlon, wlat = lon, lat
    for _ in range(30):
        glon, glat = wgs84_to_gcj02(wlon, wlat)
        elon, elat = lon - glon, lat - glat
        wlon, wlat = wlon + elon, wlat + elat
        if abs(elon) < 1e-11 and abs(elat) < 1e-11:
            break
    return wlon, wlat


# --- geometry walking -----------------------------------------------------------------


def _map_coords(coords: Any, fn: Callable[[float, float], LonLat]) -> Any:
    # A position is a list of numbers; anything else is a list of positions (or of lists).
    if coords and isinstance(coords[0], (int, float)):
        x, y = fn(coords[0], coords[1])
        return [x, y, *coords[2:]]
    return [_map_coords(c, fn) for c in coords]


def transform_geometry(geometry: Geometry, fn: Callable[[float, float], LonLat]) -> Geometry:
    """A new geometry with fn(lon, lat) applied to every vertex, e.g. wgs84_to_gcj02
    to draw our WGS-84 boundaries on a GCJ-02 basemap. The input is not modified."""
    if geometry["type"] == "GeometryCollection":
        return {
            "type": "GeometryCollection",
            "geometries": [transform_geometry(g, fn) for g in geometry["geometries"]],
        }
    return {"type": geometry["type"], "coordinates": _map_coords(geometry["coordinates"], fn)}


def _positions(geometry: Geometry) -> Iterator[LonLat]:
    if geometry["type"] == "GeometryCollection":
        for g in geometry["geometries"]:
            yield from _positions(g)
        return
    stack = [geometry["coordinates"]]
    while stack:
        c = stack.pop()
        if c and isinstance(c[0], (int, float)):
            yield c[0], c[1]
        else:
            stack.extend(c)


def bounds(geometry: Geometry) -> tuple[float, float, float, float]:
    """(minlon, minlat, maxlon, maxlat) over all vertices: fits a map view to a district.
    (Naive min/max: fine for anything that does not cross the antimeridian.)"""
    lons, lats = zip(*_positions(geometry))
    return min(lons), min(lats), max(lons), max(lats)


def _polygons(geometry: Geometry) -> list[list[list[list[float]]]]:
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"]]
    if geometry["type"] == "MultiPolygon":
        return list(geometry["coordinates"])
    raise ValueError(f"expected a Polygon or MultiPolygon, got {geometry['type']}")


# --- area -----------------------------------------------------------------------------
# WGS-84 ellipsoid. The area is exact on the ellipsoid for the region whose edges are
# straight lines in the Lambert cylindrical equal-area projection (Snyder 1987, eq. 3-12
# and 10-15): that projection preserves area exactly, so the shoelace formula on projected
# vertices gives the ellipsoidal area. The only error is that real boundary edges are
# geodesics (or whatever the surveyor drew), not straight projected lines; for edges of a
# few km that difference is below 1e-5 of a district's area. tests/test_geo.py checks it
# against an independent ellipsoidal Lambert azimuthal equal-area computation (agreement
# far within 0.5 %) and against the published surface area of the WGS-84 ellipsoid.
_WGS84_A = 6378137.0
_WGS84_F = 1 / 298.257223563
_WGS84_E2 = _WGS84_F * (2 - _WGS84_F)
_WGS84_E = math.sqrt(_WGS84_E2)


def _q(lat: float) -> float:
    """Snyder's q(φ): twice the authalic 'height' of a latitude on the unit-a ellipsoid."""
    s = math.sin(math.radians(lat))
    e, e2 = _WGS84_E, _WGS84_E2
    return (1 - e2) * (s / (1 - e2 * s * s) - math.log((1 - e * s) / (1 + e * s)) / (2 * e))


def _ring_area_m2(ring: list[list[float]], lon0: float) -> float:
    # Projected coordinates: x = a·λ, y = a·q/2. Centring λ on lon0 keeps the numbers
    # small, so the shoelace sum loses no precision to cancellation.
    pts = [(_WGS84_A * math.radians(p[0] - lon0), _WGS84_A * _q(p[1]) / 2) for p in ring]
    s = 0.0
    for (x1, y1), (x2, y2) in zip(pts, pts[1:] + pts[:1]):
        s += x1 * y2 - x2 * y1
    return abs(s) / 2


def area_km2(geometry: Geometry) -> float:
    """Area of a (Multi)Polygon on the WGS-84 ellipsoid, in km² (holes subtracted)."""
    total = 0.0
    for poly in _polygons(geometry):
        lon0 = poly[0][0][0]
        outer, *holes = poly
        total += _ring_area_m2(outer, lon0) - sum(_ring_area_m2(h, lon0) for h in holes)
    return total / 1e6


# --- boundaries -----------------------------------------------------------------------


def load_boundaries(path: Path, raw: bytes | None = None) -> dict[str, Geometry]:
    """slug → GeoJSON geometry, in file order (which make_boundaries.py writes in
    registry order). Fails loudly on a feature without a slug or a repeated slug.
    `raw`: the file's bytes, when the caller has read them already."""
    collection = json.loads(raw if raw is not None else Path(path).read_bytes())
    if collection.get("type") != "FeatureCollection":
        raise ValueError(f"{path}: not a GeoJSON FeatureCollection")
    out: dict[str, Geometry] = {}
    for i, feature in enumerate(collection["features"]):
        slug = (feature.get("properties") or {}).get("slug")
        if not slug:
            raise ValueError(f"{path}: feature {i} has no 'slug' property")
        if slug in out:
            raise ValueError(f"{path}: slug {slug!r} appears twice")
        out[slug] = feature["geometry"]
    return out


def boundary_shapes(boundaries: dict[str, Geometry]) -> dict[str, shapely.Geometry]:
    """slug → shapely geometry, prepared so repeated point-in-polygon tests are fast."""
    import shapely  # deferred: shapely and numpy (~0.3 s), only when points are checked against shapes
    from shapely.geometry import shape  # deferred: as above

    shapes = {slug: shape(g) for slug, g in boundaries.items()}
    for geom in shapes.values():
        shapely.prepare(geom)
    return shapes


def district_of(lon: float, lat: float, shapes: dict[str, shapely.Geometry]) -> str | None:
    """The slug of the district containing a WGS-84 point, or None outside all of them.

    A point exactly on a shared border belongs to both; the first in `shapes` order
    (registry order) wins, so the answer is still deterministic."""
    from shapely import intersects_xy  # deferred: loaded already by boundary_shapes

    for slug, geom in shapes.items():
        if intersects_xy(geom, lon, lat):
            return slug
    return None


def representative_point(geometry: Geometry) -> LonLat:
    """A label point guaranteed inside the district: the pole of inaccessibility
    (polylabel) of its largest part. Unlike the centroid it never falls outside a
    crescent-shaped district, and unlike point_on_surface it sits visually centred.
    Rounded to 5 decimals (~1 m) so pages built from it are byte-stable."""
    from shapely.geometry import shape  # deferred: shapely, only when an image is laid out
    from shapely.ops import polylabel  # deferred: as above

    geom = shape(geometry)
    parts = list(geom.geoms) if geom.geom_type == "MultiPolygon" else [geom]
    largest = max(parts, key=lambda p: p.area)
    p = polylabel(largest, tolerance=1e-4)  # degrees, ~10 m: plenty for a label
    return round(p.x, 5), round(p.y, 5)
