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
from typing import Any, Iterable, Iterator

from ..dataset import Dataset
from ..geo import Geometry
from ..memo import NO_MEMO
from ..output import Outputs
from ..registry import CITY_SLUG
from .manifest import describe_exports
from .tables import LIST_SEPARATOR, TABLES, Row, geo_columns, ordered_districts, owner_rows, source_ids

__all__ = ["SCHEMA_VERSION", "cell", "describe_exports", "export_counts", "write_exports"]

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


_SOURCED_KEYS = ("sources", "unverified", "note", "quote", "editorial")


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


def _json_text(obj: Any) -> str:
    # allow_nan=False: "NaN" is not JSON and would break strict parsers downstream.
    return json.dumps(_sourced_last(obj), ensure_ascii=False, separators=(",", ":"), allow_nan=False)


def _csv_text(table_rows: Iterable[Row], table: str) -> str:
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, lineterminator="\r\n")
    columns = TABLES[table]
    for row in table_rows:
        writer.writerow([cell(c.get(row)) for c in columns])
    return buf.getvalue()


def _csv_bytes(header_and_rows: list[str]) -> bytes:
    return "".join(header_and_rows).encode("utf-8-sig")


def _feature_lines(table_rows: Iterable[Row], table: str) -> list[str]:
    columns = geo_columns(table)
    lines = []
    for row in table_rows:
        loc = row.item.location
        feature = {
            "type": "Feature",
            "id": f"{row.district}/{row.item.id}",  # ids are unique per district only
            "geometry": {"type": "Point", "coordinates": [loc.lon, loc.lat]},
            "properties": {c.name: cell_json(c.get(row)) for c in columns},
        }
        lines.append(json.dumps(feature, ensure_ascii=False, separators=(",", ":"), allow_nan=False))
    return lines


def _feature_collection(lines: list[str]) -> bytes:
    return ('{"type":"FeatureCollection","features":[\n' + ",\n".join(lines) + "\n]}\n").encode("utf-8")


def _boundaries(boundaries: dict[str, Geometry], registry: dict) -> bytes:
    features = []
    order = [s for s in registry if s in boundaries] + [s for s in boundaries if s not in registry]
    for slug in order:
        entry = registry.get(slug)
        properties = {"slug": slug, "name": entry.zh if entry else slug, "name_en": entry.en if entry else slug}
        properties["adcode"] = entry.code if entry else None
        feature = {"type": "Feature", "id": slug, "geometry": boundaries[slug], "properties": properties}
        features.append(json.dumps(feature, ensure_ascii=False, separators=(",", ":"), allow_nan=False))
    return _feature_collection(features)


ROW_TABLES = [t for t in TABLES if t != "sources"]
POINT_TABLES = ("parks", "projects")


def export_counts(dataset: Dataset) -> dict[str, tuple[int, str]]:
    """What the JSON downloads hold, counted on the models (as `manifest._count` would on the files)."""
    kinds = ("goals", "indicators", "enterprises", "parks", "projects")
    counts = {"data/all.json": (len(dataset.districts), "个区"), "data/sources.csv": (len(dataset.sources), "行")}
    owners = ([dataset.city] if dataset.city else []) + list(dataset.districts.values())
    for table in ROW_TABLES:
        counts[f"data/{table}.csv"] = (sum(len(getattr(o, table, None) or []) for o in owners), "行")
    for table in POINT_TABLES:
        counts[f"data/{table}.geojson"] = (sum(len(getattr(o, table, None) or []) for o in owners), "个要素")
    for slug, d in dataset.districts.items():
        counts[f"data/districts/{slug}.json"] = (sum(len(getattr(d, k)) for k in kinds), "条")
    return counts


def _part(dataset: Dataset, slug: str) -> dict:
    """Everything the downloads hold of one district (or the city), as text: its JSON, the cited
    source ids, its CSV rows and GeoJSON lines. Cached per district; the files are joins of these,
    byte for byte what dumping the whole dataset at once would give."""
    model = dataset.city if slug == CITY_SLUG else dataset.districts[slug]
    dump = model.model_dump(mode="json")
    owned = lambda table: list(owner_rows(dataset, slug, table))  # noqa: E731
    return {
        "json": _json_text(dump),
        "cited": list(dict.fromkeys(source_ids(dump))),
        "csv": {table: _csv_text(owned(table), table) for table in ROW_TABLES},
        "geo": {table: _feature_lines(owned(table), table) for table in POINT_TABLES},
    }


def _sources_rows(dataset: Dataset, cited: dict[str, list[str]]) -> Iterator[Row]:
    # A source has no single district: `district` carries the citing slugs, which `cited_by` reads.
    for source in dataset.sources.values():
        yield Row(LIST_SEPARATOR.join(cited.get(source.id, [])), "", source)


def _sources_json(dataset: Dataset, ids: set[str] | None = None) -> str:
    return ",".join(
        _json_text(s.model_dump(mode="json")) for sid, s in dataset.sources.items() if ids is None or sid in ids
    )


def write_exports(dataset: Dataset, boundaries: dict[str, Geometry], out: Outputs, memo=NO_MEMO) -> list[str]:
    """Put every download under data/ into `out` and return the paths in page order:
    all.json, the CSV tables, the GeoJSON layers, then one JSON per district.
    `memo` (memo.Memo) caches each district's part."""
    slugs = ordered_districts(dataset)
    parts = {}
    if dataset.city is not None:
        parts[CITY_SLUG] = _part(dataset, CITY_SLUG)
    for slug in slugs:
        parts[slug] = memo("export", slug, lambda slug=slug: _part(dataset, slug))
    owners = list(parts.values())  # city first, then registry order: the order of every table

    city = parts[CITY_SLUG]["json"] if CITY_SLUG in parts else "null"
    files: dict[str, bytes] = {
        "all.json": (
            f'{{"schema_version":{SCHEMA_VERSION},"city":{city},"districts":['
            + ",".join(parts[s]["json"] for s in slugs)
            + '],"sources":['
            + _sources_json(dataset)
            + "]}\n"
        ).encode("utf-8")
    }
    header = lambda table: ",".join(c.name for c in TABLES[table]) + "\r\n"  # noqa: E731 (plain names: no quoting)
    for table in TABLES:
        if table == "sources":
            cited: dict[str, list[str]] = {}
            for slug, part in parts.items():
                for sid in part["cited"]:
                    cited.setdefault(sid, []).append(slug)
            files["sources.csv"] = _csv_bytes([header(table), _csv_text(_sources_rows(dataset, cited), table)])
        else:
            files[f"{table}.csv"] = _csv_bytes([header(table)] + [part["csv"][table] for part in owners])
    for table in POINT_TABLES:
        files[f"{table}.geojson"] = _feature_collection([line for part in owners for line in part["geo"][table]])
    files["boundaries.geojson"] = _boundaries(boundaries, dataset.registry)
    for slug in slugs:
        # Self-contained: the district plus exactly the sources it cites, in sources.yaml order.
        files[f"districts/{slug}.json"] = (
            f'{{"schema_version":{SCHEMA_VERSION},"district":{parts[slug]["json"]},"sources":['
            + _sources_json(dataset, set(parts[slug]["cited"]))
            + "]}\n"
        ).encode("utf-8")

    # A district dropped from the data does not linger: build.sync deletes what no stage produced.
    return [out.put(f"data/{rel}", data) for rel, data in files.items()]
