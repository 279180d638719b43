"""Project settings from `pyproject.toml` [tool.profiles], overridable by environment variables."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path

from .cache import Cache


@dataclass(frozen=True)
class Config:
    root: Path
    data_dir: Path
    docs_dir: Path
    site_dir: Path
    mkdocs_file: Path
    edit_base: str  # where "编辑此页数据" links point, ending in "/"
    maps: dict  # [tool.profiles.maps]: basemap, tianditu_key …
    # The sources' archived text, to prove quotes (profiles/quotes.py); None: not configured. It may be absent.
    archive_dir: Path | None = None

    def cache(self):
        """build/cache/ beside the project: parsed files and drawn images keyed by content (git-ignored)."""
        return Cache(None if os.environ.get("PROFILES_NO_CACHE") else self.root / "build" / "cache")

    @property
    def boundaries_file(self) -> Path:
        return self.data_dir / "boundaries" / "guangzhou.geojson"


def load_config(root: Path, data_dir: Path | None = None) -> Config:
    root = root.resolve()
    settings: dict = {}
    pyproject = root / "pyproject.toml"
    if pyproject.exists():
        settings = tomllib.loads(pyproject.read_text("utf-8")).get("tool", {}).get("profiles", {})
    edit_base = os.environ.get("PROFILES_EDIT_BASE", settings.get("edit_base", ""))
    return Config(
        root=root,
        data_dir=(data_dir or root / settings.get("data_dir", "data")).resolve(),
        docs_dir=root / "docs",
        site_dir=root / "site",
        mkdocs_file=root / "mkdocs.yml",
        edit_base=edit_base,
        maps=dict(settings.get("maps", {})),
        archive_dir=(root / settings["archive_dir"]).resolve() if settings.get("archive_dir") else None,
    )
