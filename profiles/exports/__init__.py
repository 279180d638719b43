"""Open-data downloads under the site's /data/: JSON, CSV and GeoJSON of everything we publish.

Formats and why:
- JSON (`all.json`, `districts/<slug>.json`): the full model, `model_dump(mode="json")`, keys
  in model field order (stable, and `id`/`name` come first, which reads better than
  alphabetical). Compact: Python's C encoder only runs without `indent`, ~5x faster, which
  matters at a thousand districts (browsers and `jq` pretty-print JSON for readers anyway);
  one key order, so diffs of two builds stay meaningful.
- CSV, one table per entity: UTF-8 *with* BOM, because Excel on Chinese Windows otherwise
  reads UTF-8 as GBK and shows mojibake; CRLF rows (csv module default, what Excel writes);
  text cells that Excel would run as a formula are defused (see `cell`).
- GeoJSON (RFC 7946, WGS-84 lon/lat): one Feature per line, so it is both compact and
  readable in a diff; coordinates exactly as stored.
Every byte is deterministic (registry order of districts, file order of items, no dates),
so a rebuild with unchanged data changes nothing.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Any

from ..dataset import Dataset
from ..geo import Geometry
from .manifest import describe_exports
from .tables import LIST_SEPARATOR, TABLES, geo_columns, ordered_districts, rows, source_ids

__all__ = ["SCHEMA_VERSION", "cell", "describe_exports", "write_exports"]

# Bump when a consumer's parser would break (a key renamed or removed, a type changed);
# adding a key is not a break.
SCHEMA_VERSION = 1

# OWASP "CSV injection": Excel/LibreOffice evaluate a cell starting with these as a formula
# (tab and CR because some importers strip them and then see the next character).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def cell(value: Any) -> str | int | float:
    """One CSV cell. Numbers stay numbers (a negative number is data, not a formula, and
    quoting it would make Excel treat it as text); only text is defused with a leading `'`."""
    if value is None:
        return ""
    if isinstance(value, bool):  # before int: bool is an int subclass
        return "true" if value else "false"
    if isinstance(value, Enum):  # before str: our enums are str subclasses
        value = value.value
    elif isinstance(value, (int, float)):
        # 700.0 → 700: the model stores every number as float, the source wrote "700".
        return int(value) if isinstance(value, float) and value.is_integer() else value
    elif isinstance(value, date):
        value = value.isoformat()
    elif isinstance(value, (list, tuple)):
        value = LIST_SEPARATOR.join(str(cell_json(v)) for v in value)
    text = str(value)
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


def cell_json(value: Any) -> Any:
    """A property value for GeoJSON: JSON-native, nothing defused (no spreadsheet here)."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [cell_json(v) for v in value]
    return value


_SOURCED_KEYS = ("sources", "unverified", "note")


def _sourced_last(obj: Any) -> Any:
    """Move the inherited Sourced keys after the item's own, so every object reads
    `id`, `name`… first and its citation last. Model field order would put `sources` first
    (base-class fields come first in pydantic); this order is just as stable."""
    if isinstance(obj, list):
        return [_sourced_last(v) for v in obj]
    if not isinstance(obj, dict):
        return obj
    own = {k: _sourced_last(v) for k, v in obj.items() if k not in _SOURCED_KEYS}
    return own | {k: obj[k] for k in _SOURCED_KEYS if k in obj}


def _json_bytes(obj: Any) -> bytes:
    # allow_nan=False: "NaN" is not JSON and would break strict parsers downstream.
    text = json.dumps(_sourced_last(obj), ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return (text + "\n").encode("utf-8")


def _csv_bytes(dataset: Dataset, table: str) -> bytes:
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, lineterminator="\r\n")
    columns = TABLES[table]
    writer.writerow([c.name for c in columns])
    for row in rows(dataset, table):
        writer.writerow([cell(c.get(row)) for c in columns])
    return buf.getvalue().encode("utf-8-sig")


def _feature_collection(features: list[dict]) -> bytes:
    lines = [json.dumps(f, ensure_ascii=False, separators=(",", ":"), allow_nan=False) for f in features]
    return ('{"type":"FeatureCollection","features":[\n' + ",\n".join(lines) + "\n]}\n").encode("utf-8")


def _points(dataset: Dataset, table: str) -> bytes:
    columns = geo_columns(table)
    features = []
    for row in rows(dataset, table):
        loc = row.item.location
        features.append(
            {
                "type": "Feature",
                "id": f"{row.district}/{row.item.id}",  # ids are unique per district only
                "geometry": {"type": "Point", "coordinates": [loc.lon, loc.lat]},
                "properties": {c.name: cell_json(c.get(row)) for c in columns},
            }
        )
    return _feature_collection(features)


def _boundaries(boundaries: dict[str, Geometry], registry: dict) -> bytes:
    features = []
    order = [s for s in registry if s in boundaries] + [s for s in boundaries if s not in registry]
    for slug in order:
        entry = registry.get(slug)
        properties = {"slug": slug, "name": entry.zh if entry else slug, "name_en": entry.en if entry else slug}
        properties["adcode"] = entry.code if entry else None
        features.append({"type": "Feature", "id": slug, "geometry": boundaries[slug], "properties": properties})
    return _feature_collection(features)


def _all_json(dataset: Dataset) -> bytes:
    return _json_bytes(
        {
            "schema_version": SCHEMA_VERSION,
            "city": dataset.city.model_dump(mode="json") if dataset.city else None,
            "districts": [dataset.districts[s].model_dump(mode="json") for s in ordered_districts(dataset)],
            "sources": [s.model_dump(mode="json") for s in dataset.sources.values()],
        }
    )


def _district_json(dataset: Dataset, slug: str) -> bytes:
    # Self-contained: the district plus exactly the sources it cites, in sources.yaml order.
    district = dataset.districts[slug].model_dump(mode="json")
    cited = set(source_ids(district))
    return _json_bytes(
        {
            "schema_version": SCHEMA_VERSION,
            "district": district,
            "sources": [s.model_dump(mode="json") for sid, s in dataset.sources.items() if sid in cited],
        }
    )


def write_exports(dataset: Dataset, boundaries: dict[str, Geometry], out_dir: Path) -> list[Path]:
    """Write every download under out_dir/data/ and return the paths in page order:
    all.json, the CSV tables, the GeoJSON layers, then one JSON per district."""
    files: dict[str, bytes] = {"all.json": _all_json(dataset)}
    for table in TABLES:
        files[f"{table}.csv"] = _csv_bytes(dataset, table)
    files["parks.geojson"] = _points(dataset, "parks")
    files["projects.geojson"] = _points(dataset, "projects")
    files["boundaries.geojson"] = _boundaries(boundaries, dataset.registry)
    for slug in ordered_districts(dataset):
        files[f"districts/{slug}.json"] = _district_json(dataset, slug)

    base = Path(out_dir) / "data"
    written = []
    for rel, data in files.items():
        path = base / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        written.append(path)
    # A district dropped from the data must not linger as a stale download.
    for stale in sorted((base / "districts").glob("*.json")):
        if stale not in written:
            stale.unlink()
    return written

