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
from ...facts.texts import DEFAULT, phrases, t
from ...model import City, District, Source
from ...model.kinds import BY_LIST, COUNTED, KINDS, LOCATED
from .tables import TABLES, csv_name, field_doc, geo_columns, table_of

phrase = phrases.of(__file__).phrase  # this stage's catalogue first (profiles/facts/texts/phrases.py)


def titles(lang: str = DEFAULT) -> dict[str, str]:
    """Each download's title as /data/ lists it, in `lang` (a kind's label as profiles.model.kinds writes it, read
    through the phrase catalogue on an English page)."""

    def kind(label: str) -> str:
        return phrase(label, lang)

    return {
        "all.json": t("data.title.all", lang=lang),
        **{csv_name(k.list): kind(k.label) for k in KINDS if k.list in TABLES},  # goals.csv: 发展目标 …;
        # the two tables of numbers say more:
        "indicators.csv": t("data.title.indicators_csv", lang=lang),
        "reported.csv": t("data.title.reported", lang=lang, indicators=kind(BY_LIST["indicators"].label)),
        "indicators.json": t("data.title.indicators_json", lang=lang),
        "sources.csv": t("data.title.sources", lang=lang),
        **{f"{k.list}.geojson": t("data.title.points", lang=lang, kind=kind(k.label)) for k in LOCATED},
        "boundaries.geojson": t("data.title.boundaries", lang=lang),
    }


TITLES = titles()
MEDIA_TYPES = {".json": "application/json", ".csv": "text/csv; charset=utf-8", ".geojson": "application/geo+json"}
FORMATS = {".json": "JSON", ".csv": "CSV", ".geojson": "GeoJSON"}


def boundary_fields(lang: str = DEFAULT) -> list[tuple[str, str]]:
    return [
        ("slug", t("data.field.slug", lang=lang)),
        ("name", t("data.field.name", lang=lang)),
        ("name_en", t("data.field.name_en", lang=lang)),
        ("adcode", t("data.field.adcode", lang=lang)),
    ]


def _model_fields(prefix: str, model: type[BaseModel], lang: str) -> list[tuple[str, str]]:
    return [(f"{prefix}{name}", phrase(field_doc(model, name), lang)) for name in model.model_fields]


def _docs(fields: list[tuple[str, str]]) -> list[dict[str, str]]:
    return [{"name": n, "description": d} for n, d in fields]


def column_docs(columns, lang: str = DEFAULT) -> list[dict[str, str]]:
    return _docs([(c.name, c.describe(lang)) for c in columns])


@lru_cache(maxsize=4)  # a thousand per-district files share one field list (per edition)
def _json_fields(whole: bool, lang: str = DEFAULT) -> list[dict[str, str]]:
    return _docs(_json_field_docs(whole, lang))


def _json_field_docs(whole: bool, lang: str = DEFAULT) -> list[tuple[str, str]]:
    schema_version = ("schema_version", t("data.field.schema_version", lang=lang))
    if whole:
        return (
            [schema_version, ("city", t("data.field.city", lang=lang))]
            + _model_fields("city.", City, lang)
            + [("districts", t("data.field.districts", lang=lang))]
            + _model_fields("districts[].", District, lang)
            + [("sources", t("data.field.sources", lang=lang))]
            + _model_fields("sources[].", Source, lang)
        )
    return (
        [schema_version, ("district", t("data.field.district", lang=lang))]
        + _model_fields("district.", District, lang)
        + [("sources", t("data.field.district_sources", lang=lang))]
        + _model_fields("sources[].", Source, lang)
    )


def _count(data: bytes, rel: str, lang: str = DEFAULT) -> tuple[int, str]:
    suffix = PurePosixPath(rel).suffix
    if suffix == ".csv":
        with io.StringIO(data.decode("utf-8-sig"), newline="") as f:
            return sum(1 for _ in csv.reader(f)) - 1, t("data.unit.rows", lang=lang)
    if suffix == ".geojson":  # one feature per line (exports writes them so): no need to parse
        return data.count(b'\n{"type":"Feature"'), t("data.unit.features", lang=lang)
    doc = json.loads(data)
    if rel.endswith("all.json"):
        return len(doc["districts"]), t("data.unit.districts", lang=lang)
    if rel.endswith("indicators.json"):
        return len(doc["indicators"]), t("data.unit.figures", lang=lang)
    district = doc["district"]
    return sum(len(district.get(k.list, [])) for k in COUNTED), t("data.unit.entries", lang=lang)


def describe_exports(
    paths: list[str],
    files: Outputs,
    names: dict[str, str] | None = None,
    counts: dict[str, tuple[int, str]] | None = None,
    lang: str = DEFAULT,
) -> list[dict]:
    """One dict per file of `files` named in `paths`, in that order: url (site path), path (relative
    to /data/), title, format, media_type, bytes, count + count_unit, fields [{name, description}].
    `names`: slug -> name, for the per-district files' titles. `counts`: path -> (count, unit) known from the
    data (`exports.export_counts`), so the JSON files need not be parsed back. `lang`: the edition whose /data/
    page describes them (titles, units and field descriptions; the files are the same in both)."""
    out = []
    title_of = TITLES if lang == DEFAULT else titles(lang)
    for rel in paths:
        path = PurePosixPath(rel)
        data = files[rel]
        key = rel.removeprefix("data/")
        if path.suffix == ".csv":
            fields = column_docs(TABLES[table_of(path.stem)], lang)
        elif path.name == "indicators.json":
            fields = column_docs(TABLES["figures"], lang)
        elif path.name == "boundaries.geojson":
            fields = _docs(boundary_fields(lang))
        elif path.suffix == ".geojson":
            fields = column_docs(geo_columns(path.stem), lang)
        else:
            fields = _json_fields(rel.endswith("all.json"), lang)
        if key.startswith("districts/"):
            title = t("data.title.district", lang=lang, name=(names or {}).get(path.stem, path.stem))
        else:
            title = title_of.get(key, key)
        count, unit = (counts or {}).get(rel) or _count(data, rel, lang)
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
