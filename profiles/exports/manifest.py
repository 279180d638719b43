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

from ..kinds import BY_LIST, COUNTED, KINDS, LOCATED
from ..models import City, District, Source
from ..output import Outputs
from .tables import TABLES, csv_name, field_doc, geo_columns, table_of

TITLES = {
    "all.json": "全部数据（全市、各区与来源）",
    **{csv_name(k.list): k.label for k in KINDS if k.list in TABLES},  # goals.csv: 发展目标 … (profiles.kinds);
    # the two tables of numbers say more:
    "indicators.csv": "统计数字（每行一个数字：区、指标、年份、时段、数值、单位、口径、出处）",
    "reported.csv": "其他已公布的" + BY_LIST["indicators"].label,
    "indicators.json": "统计数字（与 indicators.csv 相同的行，JSON 格式）",
    "sources.csv": "来源",
    **{f"{k.list}.geojson": f"{k.label}（地图点位）" for k in LOCATED},
    "boundaries.geojson": "各区的边界",
}
MEDIA_TYPES = {".json": "application/json", ".csv": "text/csv; charset=utf-8", ".geojson": "application/geo+json"}
FORMATS = {".json": "JSON", ".csv": "CSV", ".geojson": "GeoJSON"}

BOUNDARY_FIELDS = [
    ("slug", "区的拼音编号，与其他下载中的 district 列一致。"),
    ("name", "区的中文名称。"),
    ("name_en", "区的英文名称。"),
    ("adcode", "行政区划代码（六位数字，字符串）。"),
]
SCHEMA_VERSION_DOC = "数据格式版本号；字段改名、删除或类型改变时加一，新增字段不变。"


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
            [("schema_version", SCHEMA_VERSION_DOC), ("city", "全市层面的资料。")]
            + _model_fields("city.", City)
            + [("districts", "各区资料的列表，按行政区划代码顺序，结构同下。")]
            + _model_fields("districts[].", District)
            + [("sources", "全部来源的列表。")]
            + _model_fields("sources[].", Source)
        )
    return (
        [("schema_version", SCHEMA_VERSION_DOC), ("district", "该区的全部资料。")]
        + _model_fields("district.", District)
        + [("sources", "该区资料引用到的来源。")]
        + _model_fields("sources[].", Source)
    )


def _count(data: bytes, rel: str) -> tuple[int, str]:
    suffix = PurePosixPath(rel).suffix
    if suffix == ".csv":
        with io.StringIO(data.decode("utf-8-sig"), newline="") as f:
            return sum(1 for _ in csv.reader(f)) - 1, "行"
    if suffix == ".geojson":  # one feature per line (exports writes them so): no need to parse
        return data.count(b'\n{"type":"Feature"'), "个要素"
    doc = json.loads(data)
    if rel.endswith("all.json"):
        return len(doc["districts"]), "个区"
    if rel.endswith("indicators.json"):
        return len(doc["indicators"]), "个数字"
    district = doc["district"]
    return sum(len(district.get(k.list, [])) for k in COUNTED), "条"


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
            title = f"{(names or {}).get(path.stem, path.stem)}的全部资料"
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
