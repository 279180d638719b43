"""The validated data, as every later stage (pages, maps, embeds, exports) receives it."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .models import City, District, Source


@dataclass(frozen=True)
class Dataset:
    root: Path  # the data folder: sources.yaml, city.yaml, districts/, boundaries/
    sources: dict[str, Source]
    city: City | None
    districts: dict[str, District]  # slug -> district, in registry order
    # slug -> line number of each item id in its file, for "edit on GitHub" deep links
    lines: dict[str, dict[str, int]] = field(default_factory=dict)
