"""Checks across files: sources resolve, ids are unique, slugs and codes match the registry, points lie
in their own district. Each returns problems; none raises."""

from __future__ import annotations

from datetime import date
from typing import Iterator

from ..base.problems import Problem
from ..model import City, District, Precision
from ..model.dataset import Dataset
from ..model.kinds import KINDS, LISTS, LOCATED
from .yamlload import Document, field_path

ITEM_LISTS = LISTS  # every list of entries, in file order (profiles.model.kinds)
# Decimal places that honestly match each precision (~1 m, ~100 m, ~1 km).
MAX_DECIMALS = {Precision.exact: 5, Precision.approximate: 3, Precision.district: 2}


def _at(doc: Document, loc: tuple, field_: str | None = None, key: bool = False) -> tuple[str, int, int, str]:
    line, col = doc.locate(loc, key=key)
    return doc.path, line, col, field_ if field_ is not None else field_path(loc)


def _source_refs(profile: District | City) -> Iterator[tuple[tuple, str]]:
    for j, sid in enumerate(profile.summary_sources):
        yield ("summary_sources", j), sid
    for loc, item in profile.items():
        for j, sid in enumerate(getattr(item, "sources", [])):
            yield loc + ("sources", j), sid


def check_sources(profile: District | City, doc: Document, known: set[str]) -> list[Problem]:
    out = []
    for loc, sid in _source_refs(profile):
        if sid not in known:
            out.append(
                Problem(
                    *_at(doc, loc),
                    f"未知的来源编号“{sid}”",
                    "请先在 data/sources.yaml 里添加这个来源，或改成已有的编号",
                    "unknown source id",
                )
            )
    return out


def check_ids(profile: District | City, doc: Document) -> list[Problem]:
    out, seen = [], {}
    for loc, item in profile.items():
        item_id = getattr(item, "id", None)
        if item_id is None:
            continue
        here = loc + ("id",)
        if item_id in seen:
            first = doc.locate(seen[item_id])[0]
            out.append(
                Problem(
                    *_at(doc, here),
                    f"编号“{item_id}”重复（第 {first} 行已用过）",
                    "同一文件里的编号必须唯一，请换一个，例如加上年份",
                    "duplicate id",
                )
            )
        else:
            seen[item_id] = here
    return out


def check_district(slug: str, d: District, doc: Document, boundaries: dict | None, today: date, entry) -> list[Problem]:
    out = []
    if d.slug != slug:
        out.append(
            Problem(
                *_at(doc, ("slug",)),
                f"slug 是“{d.slug}”，但文件名是 {slug}.yaml",
                f"两者必须一致：slug: {slug}",
                "slug does not match file name",
            )
        )
    # Without a valid registry its own problem is already reported; the other checks still run.
    if entry is not None and d.code != entry.code:
        out.append(
            Problem(
                *_at(doc, ("code",)),
                f"{entry.zh}的行政区划代码应为 {entry.code}",
                f'code: "{entry.code}"',
                "code does not match the registry",
            )
        )
    if entry is not None and d.name.zh != entry.zh:
        out.append(
            Problem(
                *_at(doc, ("name", "zh")),
                f"名称与登记表不一致（{entry.zh}）",
                f"name.zh: {entry.zh}",
                "name differs from registry",
                "warning",
            )
        )
    park_ids = {p.id for p in d.parks}
    for name in (k.list for k in KINDS if k.in_park):
        for i, item in enumerate(getattr(d, name)):
            if item.park is not None and item.park not in park_ids:
                out.append(
                    Problem(
                        *_at(doc, (name, i, "park")),
                        f"园区编号“{item.park}”在本文件的 parks 里找不到",
                        "请写本文件 parks 中某个园区的 id，或删除 park 字段",
                        "unknown park id",
                    )
                )
    for i, goal in enumerate(d.goals):
        if goal.year < today.year and goal.status is None and goal.indicator is None:  # else computed
            out.append(
                Problem(
                    *_at(doc, ("goals", i, "year")),
                    f"目标年份 {goal.year} 已过，但没有写进展",
                    "请补充 status: achieved / missed / unknown",
                    "past goal without status",
                    "warning",
                )
            )
    shape = _shape(boundaries, slug)
    for name in (k.list for k in LOCATED):
        for i, item in enumerate(getattr(d, name)):
            out.extend(_check_location(doc, (name, i, "location"), item.location, shape, d.name.zh))
    return out


def _shape(boundaries: dict | None, slug: str):
    if not boundaries or slug not in boundaries:
        return None
    from shapely.geometry import shape  # deferred: validation without boundaries needs no shapely

    return shape(boundaries[slug])


def _decimals(x: float) -> int:
    text = repr(float(x))
    return len(text.split(".")[1].rstrip("0")) if "." in text and "e" not in text else 0


def _check_location(doc: Document, loc: tuple, where, shape, district_zh: str) -> list[Problem]:
    out = []
    limit = MAX_DECIMALS[where.precision]
    if max(_decimals(where.lon), _decimals(where.lat)) > limit:
        out.append(
            Problem(
                *_at(doc, loc + ("lon",)),
                f"坐标的小数位多于“{where.precision.value}”精度所能支持的",
                f"{where.precision.value} 精度最多保留 {limit} 位小数，多写会显得比实际更精确",
                "coordinates more precise than their stated precision",
                "warning",
            )
        )
    if where.precision is Precision.approximate and where.error_m is None:
        out.append(
            Problem(
                *_at(doc, loc + ("precision",)),
                "大致位置（approximate）没有写可能的误差",
                "请加上 error_m：这个点可能偏离实际多少米，例如 error_m: 1500；只知道在哪个区时改用 precision: district",
                "approximate point without error_m",
                "warning",
            )
        )
    if shape is not None:
        from shapely.geometry import Point  # deferred: shapely, only with boundaries

        if not shape.covers(Point(where.lon, where.lat)):
            out.append(
                Problem(
                    *_at(doc, loc),
                    f"坐标 ({where.lon}, {where.lat}) 不在{district_zh}范围内",
                    "检查经纬度是否写反、是否用了高德/百度坐标（需要 WGS-84），或项目是否属于别的区",
                    "point outside its district",
                )
            )
    return out


def cited_ids(profile: District | City) -> list[str]:
    return sorted({sid for _, sid in _source_refs(profile)})


def check_unused_sources(dataset: Dataset, doc: Document | None, used: set[str]) -> list[Problem]:
    if doc is None:
        return []
    out = []
    for i, sid in enumerate(dataset.sources):
        if sid not in used:
            out.append(
                Problem(
                    *_at(doc, ("sources", i, "id")),
                    f"来源“{sid}”没有被任何条目引用",
                    "可以保留，但请确认是否漏引",
                    "source never cited",
                    "warning",
                )
            )
    return out


def check_source_ids(doc: Document | None) -> list[Problem]:
    if doc is None or not isinstance(doc.data, dict):
        return []
    out, seen = [], {}
    for i, item in enumerate(doc.data.get("sources") or []):
        sid = item.get("id") if isinstance(item, dict) else None
        if sid in seen:
            out.append(
                Problem(
                    *_at(doc, ("sources", i, "id")),
                    f"来源编号“{sid}”重复（第 {seen[sid]} 行已用过）",
                    "每个来源只写一次；同一编号请合并",
                    "duplicate source id",
                )
            )
        elif sid is not None:
            seen[sid] = doc.locate(("sources", i, "id"))[0]
    return out


def run(
    dataset: Dataset,
    docs: dict[str, Document],
    city_doc: Document | None,
    sources_doc: Document | None,
    boundaries: dict | None,
    today: date | None = None,
    complete: bool = True,
    declared: set[str] | None = None,
    memo=None,
) -> list[Problem]:
    """`complete` is False when some file failed to load: then "never cited" would be noise.
    `memo(slug, extra, compute)`, when given, caches one district's problems by its file and `extra`
    (everything else its checks read)."""
    today = today or date.today()
    known = declared if declared is not None else set(dataset.sources)
    out: list[Problem] = check_source_ids(sources_doc)
    used: set[str] = set()
    if dataset.city is not None and city_doc is not None:
        used.update(cited_ids(dataset.city))
        out += check_sources(dataset.city, city_doc, known) + check_ids(dataset.city, city_doc)
    context = repr((sorted(known), today.isoformat()))
    for slug, district in dataset.districts.items():
        doc, entry = docs[slug], dataset.registry.get(slug)

        def one(slug=slug, district=district, doc=doc, entry=entry) -> tuple[list[Problem], list[str]]:
            problems = (
                check_sources(district, doc, known)
                + check_ids(district, doc)
                + check_district(slug, district, doc, boundaries, today, entry)
            )
            return problems, cited_ids(district)

        problems, cited = memo(slug, context + repr(entry), one) if memo else one()
        out += problems
        used.update(cited)
    if complete:
        out += check_unused_sources(dataset, sources_doc, used)
    return out
