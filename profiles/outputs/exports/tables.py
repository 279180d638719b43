"""Column specs for the flat downloads: one list per CSV table, reused for GeoJSON properties
and for the /data/ page's field list.

Why one spec: the CSV header, the cell values and the published description of each column
come from the same `Column`, and each description is read from the pydantic Field that
editors already see, so the download docs cannot drift from the model.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from ...facts.texts import phrases
from ...facts.texts.phrases import SOURCE
from ...model import (
    CITY_SLUG,
    Enterprise,
    Figure,
    Goal,
    Indicator,
    Location,
    Park,
    Project,
    Quantity,
    Source,
    Sourced,
    Target,
)
from ...model.dataset import Dataset
from ...model.indicators import INDICATORS

phrase = phrases.of(__file__).phrase  # this stage's catalogue first (profiles/facts/texts/phrases.py)

LIST_SEPARATOR = ";"
# A table's file where it differs from its name: the figures are the site's indicators (the tidy time series);
# the free-form reported facts (`indicators:` in the YAML) are "reported".
FILE_STEMS = {"figures": "indicators", "indicators": "reported"}


def csv_name(table: str) -> str:
    return f"{FILE_STEMS.get(table, table)}.csv"


def table_of(stem: str) -> str:
    """The table a CSV file holds, from its name (the inverse of csv_name)."""
    return next((t for t, s in FILE_STEMS.items() if s == stem), stem)


def field_doc(model: type[BaseModel], name: str) -> str:
    """The Chinese half of a Field description ("中文 / English" → "中文")."""
    description = model.model_fields[name].description or ""
    return description.split(" / ")[0].strip()


@dataclass(frozen=True)
class Row:
    """One item with the district it belongs to (CITY_SLUG for city-level items)."""

    district: str
    district_name: str
    item: Any
    urls: tuple[tuple[str, str], ...] = ()  # (source id, its URL) of the sources the owner cites


def _source_url(row: Row) -> str:
    return dict(row.urls).get(row.item.sources[0], "") if row.item.sources else ""


@dataclass(frozen=True)
class Column:
    name: str
    get: Callable[[Row], Any]
    doc: str  # its description in Chinese, a phrase (profiles.facts.texts.phrases; English in exports/en.po)
    args: tuple[tuple[str, str], ...] = ()  # the description's {placeholders}: each a phrase too (园区) or a mark
    of: str = ""  # what a quantity's columns describe (面积): the description reads "面积：…"

    def describe(self, lang: str = SOURCE) -> str:
        """The description /data/ shows, in `lang` (the download itself has none: its column names are the
        same in every edition)."""
        args = {key: phrase(value, lang) for key, value in self.args}
        text = phrase(self.doc, lang, **args)
        return phrase("{of}：{doc}", lang, of=phrase(self.of, lang), doc=text) if self.of else text


def _attr(path: str) -> Callable[[Row], Any]:
    """Getter for a dotted attribute path on the row's item; None anywhere → None."""

    def get(row: Row) -> Any:
        value = row.item
        for part in path.split("."):
            value = getattr(value, part, None) if value is not None else None
        return value

    return get


def col(
    name: str,
    model: type[BaseModel],
    field: str | None = None,
    path: str | None = None,
    of: str = "",
) -> Column:
    """A column read from `path` (default: the column name) documented by model.field."""
    return Column(name, _attr(path or name), field_doc(model, field or name), of=of)


def _anchor(kind: str) -> Callable[[Row], str]:
    # The profile page anchors parks and projects as #park-<id> / #project-<id>.
    return lambda row: f"/districts/{row.district}/#{kind}-{row.item.id}"


DISTRICT = Column(
    "district",
    lambda r: r.district,
    "所在区的拼音编号，例如 `tianhe`；全市层面的条目为 `guangzhou`。",
)
DISTRICT_NAME = Column("district_name", lambda r: r.district_name, "所在区的中文名称；全市层面为“广州市”。")
# The model's docs for `id` and `sources` speak to editors of one YAML file; a download
# reader needs to know how to join tables instead.
ID = Column("id", _attr("id"), "编号：同一区内唯一，也是网页锚点；跨区请用 district 与 id 两列一起作键。")
SOURCED = [
    Column(
        "sources",
        lambda r: r.item.sources,
        "出处：来源编号，多个以 `{sep}` 分隔，对应 sources.csv 的 id 列；空表示未核实。",
        (("sep", LIST_SEPARATOR),),
    ),
    col("unverified", Sourced),
    col("note", Sourced),
    col("quote", Sourced),
    col("editorial", Sourced),
    Column(
        "quotes",
        lambda r: [f"[{q.source}] {q.text}" for q in r.item.quotes],
        "多段引文：每段写作“[来源编号] 原文”，多段以 `{sep}` 分隔（与 quote 二选一；"
        "每段所在条目的标题见 JSON 下载中的 `quotes[].where`）。",
        (("sep", LIST_SEPARATOR),),
    ),
    col("caution", Sourced),
]
HEAD = [DISTRICT, ID, DISTRICT_NAME]


# Whether an item has an outline, for parks and for projects (a sentence each: each reads whole in English).
HAS_POLYGON = {
    "parks": "是否另有范围轮廓（`true`/`false`）；轮廓坐标见 JSON 下载中园区的 `location.polygon`。",
    "projects": "是否另有范围轮廓（`true`/`false`）；轮廓坐标见 JSON 下载中项目的 `location.polygon`。",
}


def _location(table: str) -> list[Column]:
    return [
        col("lon", Location, path="location.lon"),
        col("lat", Location, path="location.lat"),
        col("precision", Location, path="location.precision"),
        col("basis", Location, path="location.basis"),
        Column(
            "has_polygon",
            lambda r: r.item.location.polygon is not None,
            HAS_POLYGON[table],
        ),
    ]


def _quantity(name: str, path: str, label: str) -> list[Column]:
    return [
        col(f"{name}_value", Quantity, "value", f"{path}.value", of=label),
        col(f"{name}_unit", Quantity, "unit", f"{path}.unit", of=label),
        Column(
            f"{name}_comparator",
            _attr(f"{path}.comparator"),
            "比较关系，来源说“超过”“约”“近”时为 `more_than`、`about`、`nearly` 等；空表示来源给出的就是这个数。",
            of=label,
        ),
    ]


TABLES: dict[str, list[Column]] = {
    "goals": HEAD
    + [
        col("theme", Goal),
        col("statement", Goal),
        col("metric", Goal),
        col("target_comparator", Target, "comparator", "target.comparator"),
        col("target_value", Target, "value", "target.value"),
        col("target_unit", Target, "unit", "target.unit"),
        col("target_measure", Target, "measure", "target.measure"),
        col("year", Goal),
        col("status", Goal),
    ]
    + SOURCED,
    "indicators": HEAD
    + [
        col("theme", Indicator),
        col("statement", Indicator),
        col("metric", Indicator),
        col("comparator", Indicator),
        col("value", Quantity, "value", "value.value"),
        col("unit", Quantity, "unit", "value.unit"),
        col("as_of", Indicator),
    ]
    + SOURCED,
    # One row per figure (tidy): the time series behind the pages' numbers and charts.
    "figures": HEAD
    + [
        col("indicator", Figure),
        Column("indicator_label", lambda r: INDICATORS[r.item.indicator].label, "指标的中文名称。"),
        col("year", Figure),
        col("period", Figure),
        col("value", Figure),
        Column("unit", lambda r: r.item.unit, "单位（随指标固定）：`亿元`、`%` 或 `万人`。"),
        col("status", Figure),
        Column(
            "source_id", lambda r: r.item.sources[0], "第一个出处的来源编号（引文出自它），对应 sources.csv 的 id 列。"
        ),
        Column("source_url", _source_url, "第一个出处的网址（原文网址；没有时为转载页网址）。"),
    ]
    + SOURCED,
    "enterprises": HEAD
    + [col("name", Enterprise), col("sector", Enterprise), col("role", Enterprise), col("park", Enterprise)]
    + SOURCED,
    "parks": HEAD
    + [col("name", Park), col("kind", Park), col("focus", Park), col("description", Park)]
    + _location("parks")
    + _quantity("area", "area", "面积")
    + _quantity("investment", "investment", "投资额")
    + [Column("url", _anchor("park"), "本站资料页上该园区的链接路径。")]
    + SOURCED,
    "projects": HEAD
    + [
        col("name", Project),
        col("category", Project),
        col("focus", Project),
        col("description", Project),
        col("status", Project),
        col("status_as_of", Project),
    ]
    + _location("projects")
    + _quantity("investment", "investment", "投资额")
    + _quantity("area", "area", "面积")
    + [col("park", Project), Column("url", _anchor("project"), "本站资料页上该项目的链接路径。")]
    + SOURCED,
    # Sources are city-wide, not per district, so this table leads with `id`; which
    # districts cite a source is a column instead.
    "sources": [
        Column("id", _attr("id"), "来源编号；其他表（以及 JSON）的 sources 引用的就是它。"),
        col("title", Source),
        col("publisher", Source),
        col("author", Source),
        col("published", Source),
        col("url", Source),
        col("notes", Source),
        Column(
            "cited_by",
            lambda r: r.district,
            "引用该来源的区（拼音编号，全市层面为 `guangzhou`），多个以 `{sep}` 分隔。",
            (("sep", LIST_SEPARATOR),),
        ),
    ],
}

# GeoJSON properties: the point layers carry what a map popup needs, same names and docs.
GEO_PROPERTIES: dict[str, list[str]] = {
    "parks": ["district", "id", "district_name", "name", "kind", "precision", "url"],
    "projects": ["district", "id", "district_name", "name", "category", "status", "status_as_of", "precision", "url"],
}


def geo_columns(table: str) -> list[Column]:
    by_name = {c.name: c for c in TABLES[table]}
    return [by_name[n] for n in GEO_PROPERTIES[table]]


def district_name(dataset: Dataset, slug: str) -> str:
    if slug == CITY_SLUG:
        return dataset.city.name.zh if dataset.city else "广州市"
    return dataset.name_of(slug)


def ordered_districts(dataset: Dataset) -> list[str]:
    """Registry order (not dict order) so output never depends on how the dataset was built."""
    return [slug for slug in dataset.order() if slug in dataset.districts]


def rows(dataset: Dataset, table: str) -> Iterator[Row]:
    """City-level items first (district `guangzhou`), then districts in registry order,
    items in file order."""
    if table == "sources":
        cited = cited_by(dataset)
        for source in dataset.sources.values():
            # A source has no single district: `district` carries the citing slugs,
            # which the `cited_by` column reads.
            yield Row(LIST_SEPARATOR.join(cited.get(source.id, [])), "", source)
        return
    if dataset.city is not None and hasattr(dataset.city, table):
        for item in getattr(dataset.city, table):
            yield Row(CITY_SLUG, district_name(dataset, CITY_SLUG), item)
    for slug in ordered_districts(dataset):
        for item in getattr(dataset.districts[slug], table):
            yield Row(slug, district_name(dataset, slug), item)


def owner_rows(dataset: Dataset, slug: str, table: str) -> Iterator[Row]:
    """The rows of one district's (or, for CITY_SLUG, the city's) items of a table, in file order."""
    model = dataset.city if slug == CITY_SLUG else dataset.districts[slug]
    for item in getattr(model, table, None) or []:
        yield Row(slug, district_name(dataset, slug), item)


def source_ids(obj: Any) -> Iterator[str]:
    """Every source id cited anywhere inside a model_dump(mode="json") tree, in order."""
    if isinstance(obj, dict):
        for key, value in obj.items():
            if key in ("sources", "summary_sources") and isinstance(value, list):
                yield from (v for v in value if isinstance(v, str))
            else:
                yield from source_ids(value)
    elif isinstance(obj, list):
        for value in obj:
            yield from source_ids(value)


def cited_by(dataset: Dataset) -> dict[str, list[str]]:
    """source id → slugs citing it (guangzhou first, then registry order)."""
    out: dict[str, list[str]] = {}
    owners = [(CITY_SLUG, dataset.city)] if dataset.city else []
    owners += [(slug, dataset.districts[slug]) for slug in ordered_districts(dataset)]
    for slug, model in owners:
        for sid in dict.fromkeys(source_ids(model.model_dump(mode="json"))):
            out.setdefault(sid, []).append(slug)
    return out
