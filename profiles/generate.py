"""Run every generating stage and return the files they produce, without touching docs/ yet.

Stages: pages → search entries → maps (embeds) → static map images → exports → views (compare,
downloads page). Each stage puts its files into one in-memory `Outputs`; `build.sync` then writes
only what changed into docs/.
"""

from __future__ import annotations

import subprocess
import time
from pathlib import Path
from typing import Callable

from . import embeds, geo, pages, search
from .cache import Cache
from .config import Config
from .dataset import Dataset
from .memo import NO_MEMO, PROSE, Memo, NoMemo
from .output import Outputs
from .registry import CITY_SLUG

# Folders and files under docs/ that the generator owns: anything else there is hand-written.
MANAGED = (
    "index.md",
    "districts",
    "embed",
    "data",
    "compare",
    "schema",
    "assets/vendor",
    "assets/maps",
    "assets/views",
    "assets/embeds",
    "assets/pages",
)


def last_changed(config: Config) -> dict[str, str]:
    """slug -> date of the last commit touching its file; one git call for all, reproducible per commit."""
    try:
        out = subprocess.run(
            ["git", "log", "--format=@%cs", "--name-only", "--", str(config.data_dir / "districts")],
            cwd=config.root,
            capture_output=True,
            text=True,
            timeout=30,
            check=True,
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


def generate(
    dataset: Dataset,
    boundaries: dict,
    config: Config,
    out: Outputs,
    *,
    with_git: bool = True,
    laps: dict[str, float] | None = None,
    cache: Cache | None = None,
) -> list[dict]:
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
    for rel, data in pages.static_files().items():
        out.put(rel, data)
    lap("pages")
    dictionary, words = write_search_dictionary(dataset, config, memo)
    entries = search.entries_for(rendered, words, dictionary, cache)
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
    write_views(dataset, out, written, memo)
    from .schema import rendered as schema_files

    for name, text in schema_files().items():  # published at /schema/… for editors' tools
        out.put(f"schema/{name}", text)
    lap("views")
    return entries


def _static_images(dataset: Dataset, boundaries: dict, out: Outputs, cache: Cache, memo: Memo) -> None:
    """SVG and PNG of each map, cached by their inputs (drawing is the slowest per-district step)."""
    from . import staticmap

    names = {slug: dataset.name_of(slug) for slug in boundaries}
    # (path slug, cache kind, key or None, job) per image; a job is what staticmap draws.
    wanted: list[tuple[str, str, bytes | None, Callable[[], tuple]]] = []
    for slug, d in dataset.districts.items():
        title = f"{d.name.zh}产业园区与重大项目"
        # Keyed by what is drawn (the boundaries and names are in memo.base), so an edit that moves no
        # point redraws nothing; that key itself is kept per district file.
        key = memo(
            "staticmap-key", slug, lambda d=d, title=title: memo.base + repr((title, staticmap.points_for(d))).encode()
        )
        wanted.append(
            (slug, "staticmap", key, lambda d=d, title=title, slug=slug: (title, slug, staticmap.points_for(d)))
        )
    city = dataset.city.name.zh if dataset.city else "全市"
    title = f"{city}{len(dataset.districts)}个区的产业园区与重大项目"
    every = lambda: (title, None, [p for d in dataset.districts.values() for p in staticmap.points_for(d)])  # noqa: E731
    wanted.append((CITY_SLUG, "staticmap-city", memo.whole_key("staticmap-city", PROSE), every))

    images = {slug: cache.get(kind, key) if key is not None else None for slug, kind, key, _ in wanted}
    missing = [(slug, kind, key, job()) for slug, kind, key, job in wanted if images[slug] is None]
    if missing:
        for (slug, kind, key, _), drawn in zip(missing, staticmap.draw_all(boundaries, names, [m[3] for m in missing])):
            images[slug] = drawn
            if key is not None:
                cache.put(kind, key, drawn)
    for slug, _, _, _ in wanted:
        svg, png = images[slug]
        out.put(f"embed/{slug}/map.svg", svg)
        out.put(f"embed/{slug}/map.png", png)


def search_dictionary(dataset: Dataset, memo: Memo | NoMemo = NO_MEMO) -> str:
    """A jieba user dictionary: our names and terms, high frequency so they are cut out of compounds."""
    return "".join(f"{w} 2000 n\n" for w in pages.search_words(dataset, memo))


def write_search_dictionary(dataset: Dataset, config: Config, memo: Memo | NoMemo = NO_MEMO) -> tuple[Path, str]:
    """build/jieba_user.dict, which mkdocs.yml gives Material's search and profiles/search.py reads;
    returns its path and text."""
    path = config.root / "build" / "jieba_user.dict"
    path.parent.mkdir(parents=True, exist_ok=True)
    text = search_dictionary(dataset, memo)
    if not path.exists() or path.read_text("utf-8") != text:
        path.write_text(text, "utf-8")
    return path, text
