"""The registry: which districts the site covers (`data/registry.yaml`), checked both ways against
`data/districts/` — a file for an unlisted slug is an error, a listed district without a file a warning.

It lives in the data folder, not in code, so the same generator builds Guangzhou's 11 districts or a
synthetic province of 1,000 (the benchmark) without a code change.
"""

from __future__ import annotations

from typing import NamedTuple

from pydantic import Field

from .messages import validate
from .models import ID_PATTERN, Strict
from .yamlload import load

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


def read(path) -> dict[str, Entry]:
    """Read a registry file outside a full load (tests, scripts); raises ValueError on any problem."""
    doc, problems = load(path, str(path))
    parsed = None
    if doc is not None and not problems:
        parsed, problems = validate(Registry, doc)
    if problems or parsed is None:
        raise ValueError("\n".join(p.format() for p in problems))
    return parsed.entries()
