"""Static fallback images of the maps: SVG and PNG drawn from our own WGS-84 geometry, no tiles.

Why: the interactive maps need JavaScript and a tile server; these images are what readers
without either (feeds, print, social cards, blocked CDNs) see, and what the pages show in
<noscript>. One entry point for the build:

    from profiles import staticmap
    staticmap.write_images(dataset, boundaries, out, cache, memo)   # embed/<slug>/map.svg, map.png

The stages inside, each a module:
- points.py — what an image shows before geometry: points, title, alt text (light; pages use it);
- layout.py — one `Scene` per image (pixel-space primitives), so SVG and PNG cannot drift (shapely);
- render.py — a scene to SVG text or PNG bytes (Pillow);
- atlas.py — every boundary prepared once per build (`Atlas`), and `draw_all` over worker processes.
"""

from __future__ import annotations

from collections.abc import Callable

from ..cache import Cache
from ..dataset import Dataset
from ..memo import PROSE
from ..output import Outputs
from ..registry import CITY_SLUG
from .points import MapPoint, alt_text, image_title, points_for

__all__ = ["MapPoint", "alt_text", "image_title", "points_for", "write_images"]


def write_images(dataset: Dataset, boundaries: dict, out: Outputs, cache: Cache, memo) -> None:
    """SVG and PNG of each map, cached by their inputs (drawing is the slowest per-district step)."""
    names = {slug: dataset.name_of(slug) for slug in boundaries}
    # (path slug, cache kind, key or None, job) per image; a job is what atlas draws.
    wanted: list[tuple[str, str, bytes | None, Callable[[], tuple]]] = []
    for slug, d in dataset.districts.items():
        title = image_title(d.name.zh, None, 1)
        # Keyed by what is drawn (the boundaries and names are in memo.base), so an edit that moves no
        # point redraws nothing; that key itself is kept per district file.
        key = memo("staticmap-key", slug, lambda d=d, title=title: memo.base + repr((title, points_for(d))).encode())
        wanted.append((slug, "staticmap", key, lambda d=d, title=title, slug=slug: (title, slug, list(points_for(d)))))
    title = image_title(None, dataset.city.name.zh if dataset.city else None, len(dataset.districts))
    every = lambda: (title, None, [p for d in dataset.districts.values() for p in points_for(d)])  # noqa: E731
    wanted.append((CITY_SLUG, "staticmap-city", memo.whole_key("staticmap-city", PROSE), every))

    images = {slug: cache.get(kind, key) if key is not None else None for slug, kind, key, _ in wanted}
    missing = [(slug, kind, key, job()) for slug, kind, key, job in wanted if images[slug] is None]
    if missing:
        from .atlas import draw_all  # deferred: shapely and Pillow, only when an image must be drawn

        for (slug, kind, key, _), drawn in zip(missing, draw_all(boundaries, names, [m[3] for m in missing])):
            images[slug] = drawn
            if key is not None:
                cache.put(kind, key, drawn)
    for slug, _, _, _ in wanted:
        svg, png = images[slug]
        out.put(f"embed/{slug}/map.svg", svg)
        out.put(f"embed/{slug}/map.png", png)
