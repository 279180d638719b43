"""The registry's shape (`data/registry.yaml`): which districts the site covers, in display order. Read and
checked by profiles/ingest/registry.py."""

from __future__ import annotations

from typing import NamedTuple

from pydantic import Field

from .base import ID_PATTERN, Strict

CITY_SLUG = "guangzhou"


class Entry(NamedTuple):
    slug: str
    zh: str
    en: str
    code: str  # administrative division code; a string, never a number


class RegistryEntry(Strict):
    slug: str = Field(pattern=ID_PATTERN, description="拼音编号，即文件名（不含 .yaml）。 / Pinyin slug.")
    zh: str = Field(min_length=1, max_length=40, description="中文名。 / Chinese name.")
    en: str = Field(min_length=1, max_length=80, description="英文名。 / English name.")
    code: str = Field(pattern=r"^\d{6}$", description="行政区划代码，加引号。 / Code, quoted.")


class Registry(Strict):
    """`data/registry.yaml`: the districts the site covers, in display order."""

    districts: list[RegistryEntry] = Field(min_length=1, description="各区，按显示顺序。 / Districts, in order.")

    def entries(self) -> dict[str, Entry]:
        return {e.slug: Entry(e.slug, e.zh, e.en, e.code) for e in self.districts}
