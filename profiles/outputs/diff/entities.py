"""Stage 2 — a side as entities: every district, goal, indicator, enterprise, park, project, role, source, city
entry and registry entry, keyed by (file, kind, id), with its fields as plain JSON values.

A district's or the city's own fields (name, summary, industrial system …) form one entity; its item lists do not
belong to it — each item is an entity of its own, and the lists' order is kept apart, so moving a goal up is one
"顺序调整", never a change of every goal below it.
"""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import BaseModel

from ...model import City, District, Figure, RegistryEntry, Source
from ...model.dataset import Dataset
from ...model.indicators import info
from ...model.kinds import KINDS

# kind -> how editors call it (the entries' kinds from profiles.model.kinds, in file order)
KIND_ZH = {
    "district": "区档案",
    "city": "全市",
    **{k.name: k.item for k in KINDS},
    "source": "来源",
    "registry": "登记",
}
# list in a profile -> kind of its items
ITEM_KINDS = {k.list: k.name for k in KINDS}
SOURCES_FILE, CITY_FILE, REGISTRY_FILE = "data/sources.yaml", "data/city.yaml", "data/registry.yaml"


def district_file(slug: str) -> str:
    return f"data/districts/{slug}.yaml"


Key = tuple[str, str, str]  # file, kind, id


@dataclass(frozen=True)
class Entity:
    file: str
    kind: str
    id: str
    name: str  # what a reader recognises it by: a name, a metric, a title
    district: str | None  # slug of the district file it is in; None for the city, sources and registry
    model: type[BaseModel]
    data: dict  # model_dump(mode="json"), without the item lists

    @property
    def key(self) -> Key:
        return self.file, self.kind, self.id

    def content(self) -> dict:
        """Everything but the id: what a rename keeps."""
        return {k: v for k, v in self.data.items() if k not in ("id", "slug")}


@dataclass(frozen=True)
class Entities:
    entities: dict[Key, Entity]
    orders: dict[tuple[str, str], list[str]]  # (file, list name) -> ids in file order


def _name(kind: str, item: BaseModel) -> str:
    if isinstance(item, Figure):  # a figure is known by its indicator and year
        return (
            f"{info(item.indicator).label} {item.year}年{'' if item.period.value == 'full_year' else item.period.value}"
        )
    for attr in ("name", "metric", "title", "text", "zh"):
        value = getattr(item, attr, None)
        if isinstance(value, str):
            return value
    return ""


def _profile(out: dict, orders: dict, file: str, slug: str | None, profile: District | City) -> None:
    kind = "district" if isinstance(profile, District) else "city"
    data = profile.model_dump(mode="json", exclude=set(ITEM_KINDS))
    ident = profile.slug if isinstance(profile, District) else "guangzhou"
    name = profile.name.zh
    entity = Entity(file, kind, ident, name, slug, type(profile), data)
    out[entity.key] = entity
    for list_name, item_kind in ITEM_KINDS.items():
        items = getattr(profile, list_name, None)
        if items is None:
            continue
        orders[(file, list_name)] = [item.id for item in items]
        for item in items:
            e = Entity(file, item_kind, item.id, _name(item_kind, item), slug, type(item), item.model_dump(mode="json"))
            out.setdefault(e.key, e)  # a repeated id is a validation error: the first one counts, as on the page


def entities(dataset: Dataset) -> Entities:
    out: dict[Key, Entity] = {}
    orders: dict[tuple[str, str], list[str]] = {}
    for slug, district in dataset.districts.items():
        _profile(out, orders, district_file(slug), slug, district)
    if dataset.city is not None:
        _profile(out, orders, CITY_FILE, None, dataset.city)
    orders[(SOURCES_FILE, "sources")] = list(dataset.sources)
    for source in dataset.sources.values():
        e = Entity(SOURCES_FILE, "source", source.id, source.title, None, Source, source.model_dump(mode="json"))
        out[e.key] = e
    orders[(REGISTRY_FILE, "districts")] = list(dataset.registry)
    for entry in dataset.registry.values():
        e = Entity(REGISTRY_FILE, "registry", entry.slug, entry.zh, None, RegistryEntry, entry._asdict())
        out[e.key] = e
    return Entities(out, orders)
