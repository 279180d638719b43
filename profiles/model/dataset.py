"""The validated data, as every later stage (pages, maps, embeds, exports) receives it."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import City, District, Entry, Source


@dataclass(frozen=True)
class Dataset:
    root: Path  # the data folder: registry.yaml, sources.yaml, city.yaml, districts/, boundaries/
    sources: dict[str, Source]
    city: City | None
    districts: dict[str, District]  # slug -> district, in registry order
    registry: dict[str, Entry] = field(default_factory=dict)  # slug -> entry, in display order
    # slug (or ":sources", ":city", ":registry", ":boundaries") -> SHA-256 of the file's bytes: what parsed
    # files are cached by (load.py), and the boundaries' name in views. Empty for datasets built in code.
    digests: dict[str, str] = field(default_factory=dict)
    # The English edition's texts (data/en/): "city" or slug -> its translations; and the glossary. Empty when
    # the folder is absent: every English page then shows the Chinese, marked.
    translations: dict = field(default_factory=dict)
    glossary: Any = None
    # Which edition's texts the profiles hold: "zh" as read, "en" when profiles.ingest.i18n.localize made it (its
    # texts are profiles.model.localized.Localized); and, in the English edition, owner -> (key, Chinese) of each
    # stale translation, which pages mark.
    lang: str = "zh"
    stale: dict = field(default_factory=dict)

    def name_of(self, slug: str) -> str:
        """A district's name in this edition's language (Chinese, or English in the English edition): from the
        registry, else its file, else the slug itself."""
        if slug in self.registry:
            return self.registry[slug].en if self.lang == "en" else self.registry[slug].zh
        if slug in self.districts:
            return self.districts[slug].name.en if self.lang == "en" else self.districts[slug].name.zh
        return slug

    def order(self) -> list[str]:
        """Slugs in display order: registry first, then any others (a registry-less fixture)."""
        return list(self.registry) + [s for s in self.districts if s not in self.registry]
