"""Run every generating stage and return the files they produce, without touching docs/ yet.

Stages: pages → maps (embeds) → static map images → exports → search dictionary. Each stage
writes into a fresh staging folder; `build.sync` then copies only what changed into docs/.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from . import geo, pages
from .config import Config
from .dataset import Dataset
from .registry import CITY_SLUG

# Folders and files under docs/ that the generator owns: anything else there is hand-written.
MANAGED = ("index.md", "districts", "embed", "data", "compare", "schema", "assets/vendor", "assets/maps")


def last_changed(config: Config) -> dict[str, str]:
    """slug -> date of the last commit touching its file; one git call for all, reproducible per commit."""
    try:
        out = subprocess.run(
            ["git", "log", "--format=@%cs", "--name-only", "--", str(config.data_dir / "districts")],
            cwd=config.root, capture_output=True, text=True, timeout=30, check=True,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return {}
    result: dict[str, str] = {}
    day = ""
    for line in out.splitlines():
        if line.startswith("@"):
            day = line[1:]
        elif line.endswith(".yaml"):
            result.setdefault(Path(line).stem, day)
    return result


def generate(dataset: Dataset, boundaries: dict, config: Config, staging: Path, *, with_git: bool = True) -> None:
    ctx = pages.PageContext(
        edit_base=config.edit_base,
        last_changed=last_changed(config) if with_git else {},
        polygon_area={slug: geo.area_km2(g) for slug, g in boundaries.items()},
        maps=bool(boundaries),
    )
    for rel, text in pages.render_pages(dataset, ctx).items():
        _write(staging / rel, text.encode("utf-8"))
    if boundaries:
        from .maps import MapSettings, build_maps

        build_maps(dataset, boundaries, staging, MapSettings.from_env(config.maps))
        _static_images(dataset, boundaries, staging)
    from .exports import write_exports

    write_exports(dataset, boundaries, staging)


def _static_images(dataset: Dataset, boundaries: dict, staging: Path) -> None:
    from . import staticmap

    jobs = [(slug, f"{d.name.zh}产业园区与重大项目", slug, staticmap.points_for(d)) for slug, d in dataset.districts.items()]
    every = [p for d in dataset.districts.values() for p in staticmap.points_for(d)]
    jobs.append((CITY_SLUG, "广州市11区产业园区与重大项目", None, every))
    for slug, title, highlight, points in jobs:
        out = staging / "embed" / slug
        names = {slug: dataset.name_of(slug) for slug in boundaries}
        _write(out / "map.svg", staticmap.render_svg(title, boundaries, highlight, points, names=names).encode("utf-8"))
        _write(out / "map.png", staticmap.render_png(title, boundaries, highlight, points, names=names))


def search_dictionary(dataset: Dataset) -> str:
    """A jieba user dictionary: our names and terms, high frequency so they are cut out of compounds."""
    return "".join(f"{w} 2000 n\n" for w in pages.search_words(dataset))


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
