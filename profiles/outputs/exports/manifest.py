"""What the /data/ page says about each download: URL, format, size, count, and every field.

Counts and sizes are read back from the written files (not recomputed from the dataset), so
the page describes exactly what is served. Field descriptions come from the column specs and
the pydantic models, never from a hand-kept list.
"""

from __future__ import annotations

import csv
import io
import json
from functools import lru_cache
from pathlib import PurePosixPath

from pydantic import BaseModel

from ...engine.output import Outputs
from ...facts.texts import t
from ...model import City, District, Source
from ...model.kinds import BY_LIST, COUNTED, KINDS, LOCATED
from .tables import TABLES, csv_name, field_doc, geo_columns, table_of

TITLES = {
    "all.json": t("data.title.all"),
    **{csv_name(k.list): k.label for k in KINDS if k.list in TABLES},  # goals.csv: 发展目标 … (profiles.model.kinds);
    # the two tables of numbers say more:
    "indicators.csv": t("data.title.indicators_csv"),
    "reported.csv": t("data.title.reported", indicators=BY_LIST["indicators"].label),
    "indicators.json": t("data.title.indicators_json"),
    "sources.csv": t("data.title.sources"),
    **{f"{k.list}.geojson": t("data.title.points", kind=k.label) for k in LOCATED},
    "boundaries.geojson": t("data.title.boundaries"),
}
MEDIA_TYPES = {".json": "application/json", ".csv": "text/csv; charset=utf-8", ".geojson": "application/geo+json"}
FORMATS = {".json": "JSON", ".csv": "CSV", ".geojson": "GeoJSON"}

BOUNDARY_FIELDS = [
    ("slug", t("data.field.slug")),
    ("name", t("data.field.name")),
    ("name_en", t("data.field.name_en")),
    ("adcode", t("data.field.adcode")),
]
SCHEMA_VERSION_DOC = t("data.field.schema_version")


def _model_fields(prefix: str, model: type[BaseModel]) -> list[tuple[str, str]]:
    return [(f"{prefix}{name}", field_doc(model, name)) for name in model.model_fields]


def _docs(fields: list[tuple[str, str]]) -> list[dict[str, str]]:
    return [{"name": n, "description": d} for n, d in fields]


@lru_cache(maxsize=2)  # a thousand per-district files share one field list
def _json_fields(whole: bool) -> list[dict[str, str]]:
    return _docs(_json_field_docs(whole))


def _json_field_docs(whole: bool) -> list[tuple[str, str]]:
    if whole:
        return (
            [("schema_version", SCHEMA_VERSION_DOC), ("city", t("data.field.city"))]
            + _model_fields("city.", City)
            + [("districts", t("data.field.districts"))]
            + _model_fields("districts[].", District)
            + [("sources", t("data.field.sources"))]
            + _model_fields("sources[].", Source)
        )
    return (
        [("schema_version", SCHEMA_VERSION_DOC), ("district", t("data.field.district"))]
        + _model_fields("district.", District)
        + [("sources", t("data.field.district_sources"))]
        + _model_fields("sources[].", Source)
    )


def _count(data: bytes, rel: str) -> tuple[int, str]:
    suffix = PurePosixPath(rel).suffix
    if suffix == ".csv":
        with io.StringIO(data.decode("utf-8-sig"), newline="") as f:
            return sum(1 for _ in csv.reader(f)) - 1, t("data.unit.rows")
    if suffix == ".geojson":  # one feature per line (exports writes them so): no need to parse
        return data.count(b'\n{"type":"Feature"'), t("data.unit.features")
    doc = json.loads(data)
    if rel.endswith("all.json"):
        return len(doc["districts"]), t("data.unit.districts")
    if rel.endswith("indicators.json"):
        return len(doc["indicators"]), t("data.unit.figures")
    district = doc["district"]
    return sum(len(district.get(k.list, [])) for k in COUNTED), t("data.unit.entries")


def describe_exports(
    paths: list[str],
    files: Outputs,
    names: dict[str, str] | None = None,
    counts: dict[str, tuple[int, str]] | None = None,
) -> list[dict]:
    """One dict per file of `files` named in `paths`, in that order: url (site path), path (relative
    to /data/), title, format, media_type, bytes, count + count_unit, fields [{name, description}].
    `names`: slug -> Chinese name, for the per-district files' titles. `counts`: path -> (count,
    unit) known from the data (`exports.export_counts`), so the JSON files need not be parsed back."""
    out = []
    for rel in paths:
        path = PurePosixPath(rel)
        data = files[rel]
        key = rel.removeprefix("data/")
        if path.suffix == ".csv":
            fields = _docs([(c.name, c.doc) for c in TABLES[table_of(path.stem)]])
        elif path.name == "indicators.json":
            fields = _docs([(c.name, c.doc) for c in TABLES["figures"]])
        elif path.name == "boundaries.geojson":
            fields = _docs(BOUNDARY_FIELDS)
        elif path.suffix == ".geojson":
            fields = _docs([(c.name, c.doc) for c in geo_columns(path.stem)])
        else:
            fields = _json_fields(rel.endswith("all.json"))
        if key.startswith("districts/"):
            title = t("data.title.district", name=(names or {}).get(path.stem, path.stem))
        else:
            title = TITLES.get(key, key)
        count, unit = (counts or {}).get(rel) or _count(data, rel)
        out.append(
            {
                "url": "/" + rel,
                "path": key,
                "title": title,
                "format": FORMATS[path.suffix],
                "media_type": MEDIA_TYPES[path.suffix],
                "bytes": len(data),
                "count": count,
                "count_unit": unit,
                "fields": fields,
            }
        )
    return out
