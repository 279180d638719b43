"""Dataset → what one map page shows: plain dicts (features, boundaries, legend) that go
both into the page's accessible HTML list (autoescaped by Jinja) and, as JSON, to the
static JS that draws them. Nothing here builds HTML or JavaScript by string concatenation.

Coordinates leave this module in the basemap's datum: WGS-84 as stored, or shifted to
GCJ-02 with `geo.wgs84_to_gcj02` when the basemap is AMap. Order is always [lon, lat],
as in GeoJSON.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from ...facts import geo
from ...facts.present import quantity_words
from ...facts.texts import phrases
from ...facts.texts.phrases import SOURCE
from ...model import District, Park, Project, Quantity
from ...model.dataset import Dataset
from ...model.enums import LABELS_ZH, ParkKind, ProjectStatus
from ...model.indicators import number_text
from ...model.kinds import BY_LIST, BY_NAME
from ...model.localized import Localized
from .settings import MapSettings

phrase = phrases.of(__file__).phrase  # this stage's catalogue first (profiles/facts/texts/phrases.py)

ToMap = Callable[[float, float], tuple[float, float]]

PARKS_LABEL = "园区与片区"
PROJECTS_LABEL = BY_LIST["projects"].label
BOUNDARY_LABEL = "区界"


def script_json(obj: Any) -> str:
    """JSON safe to place inside a <script> element (or an HTML attribute): no `<`, `>`,
    `&`, `'`, U+2028 or U+2029 survives unescaped, so no string can close the element."""
    text = json.dumps(obj, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return (
        text.replace("&", "\\u0026")
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("'", "\\u0027")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def projector(settings: MapSettings) -> ToMap:
    """(lon, lat) WGS-84 → (lon, lat) in the basemap's datum, rounded for stable bytes."""
    digits = settings.coordinate_digits
    if settings.is_gcj02:
        fn = geo.wgs84_to_gcj02

        def to_map(lon: float, lat: float) -> tuple[float, float]:
            x, y = fn(lon, lat)
            return round(x, digits), round(y, digits)

    else:

        def to_map(lon: float, lat: float) -> tuple[float, float]:
            return round(lon, digits), round(lat, digits)

    return to_map


def profile_href(slug: str, prefix: str = "../../", anchor: str | None = None) -> str:
    return f"{prefix}districts/{slug}/" + (f"#{anchor}" if anchor else "")


def label(key: str, lang: str = SOURCE) -> str:
    """An enum value's label (在建, 产业园区 …) in `lang`: the Chinese label, translated in the maps' en.po."""
    return phrase(LABELS_ZH[key], lang)


def _source_line(item: Park | Project, sources: Mapping[str, Any], lang: str = SOURCE) -> tuple[str | None, str]:
    """The first source's title (which stays Chinese) and, in another language, what follows it; in Chinese
    the whole line is the first part, as before."""
    titles = [sources[s].title for s in item.sources if s in sources]
    if not titles:
        return None, ""
    more = len(titles) - 1
    tail = phrase("（另有 {n} 个来源）", lang, n=more) if more else ""
    return (titles[0] + tail, "") if lang == SOURCE else (titles[0], tail)


def _quantity(label: str, q: Quantity | None, lang: str) -> str | None:
    """E.g. "投资 超过 200 亿元" (present.quantity_words); in another language its words translated: the
    comparator's word and the unit as the catalogues have them."""
    if lang == SOURCE or q is None:
        return quantity_words(label, q)
    word = q.comparator.word if q.comparator is not None else ""
    words = [phrase(label, lang), phrase(word, lang) if word else "", number_text(q.value), phrase(q.unit, lang)]
    return " ".join(w for w in words if w)


def _still_chinese(value: object) -> bool:
    return isinstance(value, Localized) and value.lang.startswith("zh")


def _feature(
    kind: str,
    item: Park | Project,
    district: District,
    dataset: Dataset,
    to_map: ToMap,
    prefix: str,
    lang: str = SOURCE,
) -> dict:
    loc = item.location
    if isinstance(item, Project):
        cls, type_label = item.status.value, label(item.category.value, lang)
        status = phrase("{status}（{as_of}）", lang, status=label(item.status.value, lang), as_of=item.status_as_of)
    else:
        cls, type_label, status = item.kind.value, label(item.kind.value, lang), None
    figure = _quantity("投资", item.investment, lang) or _quantity("面积", item.area, lang)
    source, more = _source_line(item, dataset.sources, lang)
    out = {
        "t": kind,
        "id": item.id,
        "name": item.name,
        "type": type_label,
        "status": status,
        "cls": cls,
        "figure": figure,
        "source": source,
        "unverified": item.unverified,
        "caution": item.caution,
        "prec": loc.precision.value,
        "precLabel": label(loc.precision.value, lang),
        "district": district.name.zh if lang == SOURCE else district.name.en,
        "ds": district.slug,
        "href": profile_href(district.slug, prefix, BY_NAME[kind].anchor(item.id)),
        "pt": list(to_map(loc.lon, loc.lat)),
    }
    if loc.polygon:
        out["poly"] = [list(to_map(lon, lat)) for lon, lat in loc.polygon]
    if lang != SOURCE:
        # What another language's page still shows in Chinese: maps.js marks those lang="zh-CN".
        out["more"] = more
        out["zh"] = [key for key in ("name", "caution") if _still_chinese(out[key])] + (["source"] if source else [])
    return out


def district_features(
    dataset: Dataset, district: District, to_map: ToMap, prefix: str = "../../", lang: str = SOURCE
) -> list[dict]:
    """Parks first, then projects, each in file order."""
    return [_feature("park", p, district, dataset, to_map, prefix, lang) for p in district.parks] + [
        _feature("project", p, district, dataset, to_map, prefix, lang) for p in district.projects
    ]


DISTRICT_ONLY_LABEL = "位置仅知所在区"


def badges(features: list[dict], boundaries: Mapping[str, dict], to_map: ToMap) -> list[dict]:
    """One badge per district for its entries whose location is only "somewhere in the district"
    (precision: district): drawn at a point inside the district's boundary (its pole of
    inaccessibility, in the map's datum), never at the entries' shared stand-in point, which would
    look like a real place. `features` need their "index". Districts in order of first appearance."""
    out: dict[str, dict] = {}
    for f in features:
        if f["prec"] != "district":
            continue
        badge = out.get(f["ds"])
        if badge is None:
            geometry = boundaries.get(f["ds"])
            pt = list(to_map(*geo.representative_point(geometry))) if geometry else f["pt"]
            badge = out[f["ds"]] = {"ds": f["ds"], "name": f["district"], "pt": pt, "items": []}
        badge["items"].append(f["index"])
    return list(out.values())


def district_name(dataset: Dataset, slug: str, lang: str = SOURCE) -> str:
    district = dataset.districts.get(slug)
    if district is None:
        return slug
    return district.name.zh if lang == SOURCE else district.name.en


class BoundaryCache:
    """Each boundary converted to the basemap's datum once per build, shared by pages."""

    def __init__(self, boundaries: Mapping[str, dict], to_map: ToMap):
        self._raw = boundaries
        self._to_map = to_map
        self._done: dict[str, dict] = {}

    def __contains__(self, slug: str) -> bool:
        return slug in self._raw

    def __iter__(self):
        return iter(self._raw)

    def get(self, slug: str) -> dict | None:
        if slug not in self._raw:
            return None
        if slug not in self._done:
            self._done[slug] = geo.transform_geometry(self._raw[slug], self._to_map)
        return self._done[slug]


def boundary_entry(dataset: Dataset, slug: str, cache: BoundaryCache, prefix: str = "../../") -> dict | None:
    geometry = cache.get(slug)
    if geometry is None:
        return None
    return {
        "slug": slug,
        "name": district_name(dataset, slug),
        "href": profile_href(slug, prefix) if slug in dataset.districts else None,
        "geometry": geometry,
    }


def legend(features: Iterable[dict], with_boundary: bool, lang: str = SOURCE) -> dict:
    """What the legend lists: only symbols that appear, in the models' enum order."""
    park_cls = {f["cls"] for f in features if f["t"] == "park"}
    proj_cls = {f["cls"] for f in features if f["t"] == "project"}
    precisions = {f["prec"] for f in features} - {"exact"}
    return {
        "boundary": with_boundary,
        "parks": [(k.value, label(k.value, lang)) for k in ParkKind if k.value in park_cls],
        "projects": [(s.value, label(s.value, lang)) for s in ProjectStatus if s.value in proj_cls],
        "precisions": [(p, label(p, lang)) for p in ("approximate", "district") if p in precisions],
    }


def source_count(dataset: Dataset, districts: Iterable[District]) -> int:
    ids: set[str] = set()
    for d in districts:
        for item in (*d.parks, *d.projects):
            ids.update(s for s in item.sources if s in dataset.sources)
    return len(ids)
