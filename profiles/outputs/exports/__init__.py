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
from dataclasses import dataclass
from datetime import date
from enum import Enum
from typing import Any, Iterable, Iterator

from ...engine.rendering import Output
from ...facts.geo import Geometry
from ...facts.texts import t
from ...model import CITY_SLUG, City, District, Source
from ...model.dataset import Dataset
from ...model.kinds import COUNTED, LOCATED
from .manifest import describe_exports
from .tables import LIST_SEPARATOR, TABLES, Row, csv_name, district_name, geo_columns, ordered_districts, source_ids

__all__ = ["DOWNLOADS", "PARTS", "SCHEMA_VERSION", "cell", "describe_exports", "export_counts"]

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


_SOURCED_KEYS = ("sources", "unverified", "note", "quote", "quotes", "editorial", "caution")


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


def _row_json(row: dict) -> str:
    """One row of a tidy table as JSON, keys in the CSV's column order."""
    return json.dumps(row, ensure_ascii=False, separators=(",", ":"), allow_nan=False)


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


ROW_TABLES = [table for table in TABLES if table != "sources"]

POINT_TABLES = tuple(k.list for k in LOCATED)  # parks, projects (profiles.model.kinds)


def export_counts(dataset: Dataset, lang: str = "zh") -> dict[str, tuple[int, str]]:
    """What the JSON downloads hold, counted on the models (as `manifest._count` would on the files); the units
    in `lang`, the edition whose /data/ page shows them."""
    rows = t("data.unit.rows", lang=lang)
    counts = {
        "data/all.json": (len(dataset.districts), t("data.unit.districts", lang=lang)),
        "data/sources.csv": (len(dataset.sources), rows),
    }
    counts["data/indicators.json"] = (
        sum(len(o.figures) for o in ([dataset.city] if dataset.city else []) + list(dataset.districts.values())),
        t("data.unit.figures", lang=lang),
    )
    owners = ([dataset.city] if dataset.city else []) + list(dataset.districts.values())
    for table in ROW_TABLES:
        counts[f"data/{csv_name(table)}"] = (sum(len(getattr(o, table, None) or []) for o in owners), rows)
    for table in POINT_TABLES:
        counts[f"data/{table}.geojson"] = (
            sum(len(getattr(o, table, None) or []) for o in owners),
            t("data.unit.features", lang=lang),
        )
    for slug, d in dataset.districts.items():
        counts[f"data/districts/{slug}.json"] = (
            sum(len(getattr(d, k.list)) for k in COUNTED),
            t("data.unit.entries", lang=lang),
        )
    return counts


@dataclass(frozen=True)
class Owner:
    """One district (or the city) as the downloads hold it: its model and the name its rows carry."""

    slug: str
    name: str
    model: District | City
    urls: tuple[tuple[str, str], ...] = ()  # (source id, URL) of what it cites: the figures' source_url


def owner_view(dataset: Dataset, slug: str) -> Owner:
    model = dataset.city if slug == CITY_SLUG else dataset.districts[slug]
    cited = dict.fromkeys(s for f in model.figures for s in f.sources)
    urls = tuple((s, dataset.sources[s].link) for s in cited if s in dataset.sources)
    return Owner(slug, district_name(dataset, slug), model, urls)


def _part(owner: Owner, inputs=None) -> dict:
    """Everything the downloads hold of one district (or the city), as text: its JSON, the cited
    source ids, its CSV rows and GeoJSON lines. The files are joins of these, byte for byte what
    dumping the whole dataset at once would give."""
    dump = owner.model.model_dump(mode="json")
    owned = lambda table: [  # noqa: E731
        Row(owner.slug, owner.name, item, owner.urls) for item in getattr(owner.model, table, None) or []
    ]
    return {
        "json": _json_text(dump),
        "cited": list(dict.fromkeys(source_ids(dump))),
        "csv": {table: _csv_text(owned(table), table) for table in ROW_TABLES},
        "geo": {table: _feature_lines(owned(table), table) for table in POINT_TABLES},
        "tidy": [_row_json({c.name: cell_json(c.get(r)) for c in TABLES["figures"]}) for r in owned("figures")],
    }


def _owners(dataset: Dataset) -> list[str]:
    """City first, then registry order: the order of every table."""
    return ([CITY_SLUG] if dataset.city is not None else []) + ordered_districts(dataset)


PARTS = Output(
    "export-part",
    collect=lambda i: ((slug, owner_view(i.dataset, slug)) for slug in _owners(i.dataset)),
    render=_part,
    files=False,
    shared=True,  # one file for every language edition
)


def _sources_json(sources: tuple[Source, ...]) -> str:
    return ",".join(_json_text(s.model_dump(mode="json")) for s in sources)


@dataclass(frozen=True)
class Download:
    """What one download file holds: its kind and the texts (and sources) it joins."""

    kind: str  # "all" | "csv" | "tidy" | "sources" | "geojson" | "boundaries" | "district"
    parts: tuple = ()
    sources: tuple[Source, ...] = ()
    extra: Any = None


_HEADER = lambda table: ",".join(c.name for c in TABLES[table]) + "\r\n"  # noqa: E731 (plain names: no quoting)


def download_views(
    dataset: Dataset, parts: dict[str, dict], boundaries_digest: str = ""
) -> Iterator[tuple[str, Download]]:
    """(path, view) of every download, in page order: all.json, the CSV tables, the GeoJSON layers,
    boundaries, then one JSON per district. `parts`: `PARTS`' results, city first."""
    slugs = [s for s in parts if s != CITY_SLUG]
    owners = list(parts.values())
    sources = tuple(dataset.sources.values())
    city = parts[CITY_SLUG]["json"] if CITY_SLUG in parts else "null"
    yield "data/all.json", Download("all", (city, tuple(parts[s]["json"] for s in slugs)), sources)
    for table in TABLES:
        if table == "sources":
            cited: dict[str, list[str]] = {}
            for slug, part in parts.items():
                for sid in part["cited"]:
                    cited.setdefault(sid, []).append(slug)
            yield "data/sources.csv", Download("sources", (), sources, tuple((k, tuple(v)) for k, v in cited.items()))
        else:
            yield f"data/{csv_name(table)}", Download("csv", tuple(part["csv"][table] for part in owners), extra=table)
    yield "data/indicators.json", Download("tidy", tuple(line for part in owners for line in part["tidy"]))
    for table in POINT_TABLES:
        yield (
            f"data/{table}.geojson",
            Download("geojson", tuple(line for part in owners for line in part["geo"][table])),
        )
    yield "data/boundaries.geojson", Download("boundaries", tuple(dataset.registry.values()), extra=boundaries_digest)
    for slug in slugs:
        # Self-contained: the district plus exactly the sources it cites, in sources.yaml order.
        cited_ids = set(parts[slug]["cited"])
        own = tuple(s for sid, s in dataset.sources.items() if sid in cited_ids)
        yield f"data/districts/{slug}.json", Download("district", (parts[slug]["json"],), own)


def render_download(view: Download, inputs=None) -> bytes:
    if view.kind == "all":
        city, districts = view.parts
        return (
            f'{{"schema_version":{SCHEMA_VERSION},"city":{city},"districts":['
            + ",".join(districts)
            + '],"sources":['
            + _sources_json(view.sources)
            + "]}\n"
        ).encode("utf-8")
    if view.kind == "sources":
        cited = {sid: list(slugs) for sid, slugs in view.extra}
        rows = (Row(LIST_SEPARATOR.join(cited.get(s.id, [])), "", s) for s in view.sources)
        return _csv_bytes([_HEADER("sources"), _csv_text(rows, "sources")])
    if view.kind == "csv":
        return _csv_bytes([_HEADER(view.extra), *view.parts])
    if view.kind == "tidy":
        rows = "\n" + ",\n".join(view.parts) + "\n" if view.parts else ""
        return f'{{"schema_version":{SCHEMA_VERSION},"indicators":[{rows}]}}\n'.encode()
    if view.kind == "geojson":
        return _feature_collection(list(view.parts))
    if view.kind == "boundaries":
        return _boundaries(inputs.boundaries, {e.slug: e for e in view.parts})
    return (
        f'{{"schema_version":{SCHEMA_VERSION},"district":{view.parts[0]},"sources":['
        + _sources_json(view.sources)
        + "]}\n"
    ).encode("utf-8")


DOWNLOADS = Output(
    "download",
    collect=lambda i: download_views(i.dataset, i.results["export-part"], i.ctx.boundaries_digest),
    render=render_download,
    shared=True,  # one file for every language edition
)
