"""Run every generating stage and return the files they produce, without touching docs/ yet.

Stages: pages → maps (embeds) → static map images → exports → views (compare, downloads page) →
search entries. Each stage puts its files into one in-memory `Outputs`; `build.sync` then writes
only what changed into docs/.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import time
from pathlib import Path
from typing import Callable, TypeVar

from . import embeds, geo, pages, search
from .cache import Cache
from .config import Config
from .output import Outputs
from .dataset import Dataset
from .registry import CITY_SLUG

T = TypeVar("T")

# Folders and files under docs/ that the generator owns: anything else there is hand-written.
MANAGED = ("index.md", "districts", "embed", "data", "compare", "schema", "assets/vendor", "assets/maps", "assets/views",
           "assets/embeds")


class Memo:
    """Per-district results, cached by the district's own file and the build's shared inputs.

    A district's page, map page, images and downloads depend on its file, sources.yaml, the registry
    (neighbours' names on its image), the boundaries, the settings and its last-changed date, never on
    another district's file: editing one district recomputes only that district's results (and the
    aggregates, which are assembled from these). Datasets built in code (tests) carry no digests and
    are never cached.
    """

    ENV = ("PROFILES_EDIT_BASE", "PROFILES_SITE_URL", "PROFILES_BASEMAP", "TIANDITU_KEY")

    def __init__(self, cache: Cache, dataset: Dataset, config: Config, last: dict[str, str]):
        self.cache = cache
        shared = hashlib.sha256()
        for name in (":sources", ":registry"):
            shared.update(dataset.digests.get(name, "-").encode())
        for path in (config.boundaries_file, config.mkdocs_file):  # boundaries; site_url for embed codes
            shared.update(hashlib.sha256(path.read_bytes()).digest() if path.exists() else b"-")
        shared.update(repr((config.edit_base, sorted(config.maps.items()), [os.environ.get(e) for e in self.ENV])).encode())
        self.base = base = shared.digest()
        self.keys = {slug: base + dataset.digests[slug].encode() + last.get(slug, "").encode()
                     for slug in dataset.districts if slug in dataset.digests}

        # Results that read every district (the city map page): keyed by all of them and city.yaml.
        self.every = None
        if len(self.keys) == len(dataset.districts) and ":city" in dataset.digests:
            every = hashlib.sha256(base + dataset.digests[":city"].encode())
            for slug in dataset.districts:
                every.update(self.keys[slug])
            self.every = every.digest()

    def __call__(self, kind: str, slug: str, compute: Callable[[], T]) -> T:
        key = self.keys.get(slug)
        return compute() if key is None else self.cache.memo(kind, key, compute)

    def whole(self, kind: str, compute: Callable[[], T]) -> T:
        return compute() if self.every is None else self.cache.memo(kind, self.every, compute)


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


def generate(dataset: Dataset, boundaries: dict, config: Config, out: Outputs, *, with_git: bool = True,
             laps: dict[str, float] | None = None, cache: Cache | None = None) -> list[dict]:
    """Run every stage into `out`; `laps` (if given) receives seconds per stage for the benchmark.

    Returns the search entries of the pages Material's indexer skips (profiles/search.py)."""
    laps = laps if laps is not None else {}
    cache = cache or Cache(None)
    clock = time.perf_counter()

    def lap(name: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        laps[name] = laps.get(name, 0.0) + now - clock
        clock = now

    changed = last_changed(config) if with_git else {}
    memo = Memo(cache, dataset, config, changed)
    ctx = pages.PageContext(
        edit_base=config.edit_base,
        last_changed=changed,
        polygon_area={slug: geo.area_km2(g) for slug, g in boundaries.items()},
        maps=bool(boundaries),
    )
    embeds.build_embeds(dataset, boundaries, config, out)  # first: the pages' embed panels need it
    rendered = pages.render_pages(dataset, ctx, memo)
    for rel, text in rendered.items():
        out.put(rel, text)
    lap("pages")
    dictionary = write_search_dictionary(dataset, config, memo)
    entries = search.entries_for(rendered, dictionary.read_text("utf-8"), dictionary, cache)
    lap("search")
    if boundaries:
        from .maps import MapSettings, build_maps

        build_maps(dataset, boundaries, out, MapSettings.from_env(config.maps), memo)
        lap("maps")
        _static_images(dataset, boundaries, out, cache, memo)
        lap("images")
    from .exports import write_exports
    from .views import write_views

    written = write_exports(dataset, boundaries, out, memo)
    lap("exports")
    write_views(dataset, out, written)
    from .schema import rendered as schema_files

    for name, text in schema_files().items():  # published at /schema/… for editors' tools
        out.put(f"schema/{name}", text)
    lap("views")
    return entries


def _static_images(dataset: Dataset, boundaries: dict, out: Outputs, cache: Cache, memo: Memo) -> None:
    """SVG and PNG of each map, cached by their inputs (drawing is the slowest per-district step)."""
    from . import staticmap

    names = {slug: dataset.name_of(slug) for slug in boundaries}
    # The boundaries file is in memo.base: hashing its digest, not a dump of every polygon, per build.
    world = memo.base + repr(sorted(names.items())).encode()
    jobs = [(slug, f"{d.name.zh}产业园区与重大项目", slug, staticmap.points_for(d)) for slug, d in dataset.districts.items()]
    every = [p for d in dataset.districts.values() for p in staticmap.points_for(d)]
    city = dataset.city.name.zh if dataset.city else "全市"
    jobs.append((CITY_SLUG, f"{city}{len(dataset.districts)}个区的产业园区与重大项目", None, every))
    atlas = None  # built on the first miss: per-boundary work once per build, none when all is cached
    for slug, title, highlight, points in jobs:
        key = world + repr((title, highlight, points)).encode()

        def draw(title=title, highlight=highlight, points=points) -> tuple[bytes, bytes]:
            nonlocal atlas
            atlas = atlas or staticmap.Atlas(boundaries, names)
            return atlas.svg(title, highlight, points), atlas.png(title, highlight, points)

        svg, png = cache.memo("staticmap", key, draw)
        out.put(f"embed/{slug}/map.svg", svg)
        out.put(f"embed/{slug}/map.png", png)


def search_dictionary(dataset: Dataset, memo: Memo | None = None) -> str:
    """A jieba user dictionary: our names and terms, high frequency so they are cut out of compounds."""
    return "".join(f"{w} 2000 n\n" for w in pages.search_words(dataset, memo))


def write_search_dictionary(dataset: Dataset, config: Config, memo: Memo | None = None) -> Path:
    """build/jieba_user.dict, which mkdocs.yml gives Material's search and profiles/search.py reads."""
    path = config.root / "build" / "jieba_user.dict"
    path.parent.mkdir(parents=True, exist_ok=True)
    text = search_dictionary(dataset, memo)
    if not path.exists() or path.read_text("utf-8") != text:
        path.write_text(text, "utf-8")
    return path

