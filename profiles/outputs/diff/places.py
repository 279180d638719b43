"""Points spelled out: distance in metres, compass direction, inside the district or not, and the two
mistakes a pasted coordinate typically hides — latitude and longitude swapped, or a GCJ-02 point (AMap, Tencent)
written as WGS-84.

The GCJ-02 test runs the project's own WGS-84 → GCJ-02 transform (profiles/facts/geo.py, the widely used public formula)
on the old point and asks whether the new point is that result, within a few metres plus what the new point's
written decimals can carry (a point written to 3 decimals is only known to ±55 m; with fewer, no verdict).
"""

from __future__ import annotations

import math

from ...facts.geo import wgs84_to_gcj02

EARTH_RADIUS_M = 6371008.8  # mean radius: a sphere is within 0.5 % of the ellipsoid, plenty to review an edit
FAR_M = 2000.0  # a move further than this is flagged
GCJ_TOLERANCE_M = 5.0  # "within a few metres" of the transformed point
MAX_SLACK_M = 80.0  # 3 decimals in both coordinates (±51 m, ±55 m) at most
COMPASS = ("北", "东北", "东", "东南", "南", "西南", "西", "西北")
# Guangzhou-wide ranges a real point falls in: a swapped pair falls in the other one.
LON_RANGE, LAT_RANGE = (73.0, 136.0), (3.0, 54.0)


def distance_m(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance between two (lon, lat) points, haversine."""
    (lon1, lat1), (lon2, lat2) = a, b
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(h)))


def bearing_deg(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Initial bearing from a to b, degrees clockwise from north, 0 ≤ x < 360."""
    (lon1, lat1), (lon2, lat2) = a, b
    p1, p2, dl = math.radians(lat1), math.radians(lat2), math.radians(lon2 - lon1)
    y = math.sin(dl) * math.cos(p2)
    x = math.cos(p1) * math.sin(p2) - math.sin(p1) * math.cos(p2) * math.cos(dl)
    return math.degrees(math.atan2(y, x)) % 360.0


def compass(bearing: float) -> str:
    """8-point compass in Chinese: 北, 东北, 东 …"""
    return COMPASS[int((bearing + 22.5) // 45) % 8]


def _decimals(x: float) -> int:
    text = repr(float(x))
    return len(text.split(".")[1].rstrip("0")) if "." in text and "e" not in text else 0


def written_slack_m(point: tuple[float, float]) -> float:
    """How far a point may be from what it stands for just by being rounded to its written decimals."""
    lon, lat = point
    half_lon = 0.5 * 10 ** -_decimals(lon) * 111_320 * math.cos(math.radians(lat))
    half_lat = 0.5 * 10 ** -_decimals(lat) * 110_574
    return math.hypot(half_lon, half_lat)


def is_gcj_twin(old: tuple[float, float], new: tuple[float, float]) -> bool:
    """new == WGS84→GCJ02(old), within a few metres plus the new point's rounding. A point written with fewer than
    3 decimals (±550 m or worse) cannot tell a ~600 m datum shift from an ordinary edit: never a twin."""
    slack = written_slack_m(new)
    if old == new or slack > MAX_SLACK_M:
        return False
    return distance_m(wgs84_to_gcj02(*old), new) <= GCJ_TOLERANCE_M + slack


def _in(value: float, bounds: tuple[float, float]) -> bool:
    return bounds[0] <= value <= bounds[1]


def looks_swapped(point: tuple[float, float]) -> bool:
    """A (lon, lat) pair that only makes sense read the other way round (lon ≈ 23, lat ≈ 113)."""
    lon, lat = point
    return _in(lon, LAT_RANGE) and _in(lat, LON_RANGE) and not (_in(lon, LON_RANGE) and _in(lat, LAT_RANGE))


def is_swap_of(old: tuple[float, float], new: tuple[float, float]) -> bool:
    return old != new and abs(new[0] - old[1]) < 1e-9 and abs(new[1] - old[0]) < 1e-9


def inside(point: tuple[float, float], geometry: dict | None) -> bool | None:
    """Whether the point lies in (or on the edge of) the boundary; None when there is no boundary to ask."""
    if geometry is None:
        return None
    from shapely.geometry import Point, shape  # deferred: shapely is only needed when points moved

    return bool(shape(geometry).covers(Point(*point)))
