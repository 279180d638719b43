"""Static fallback images of the maps: SVG and PNG drawn from our own WGS-84 geometry, no tiles.

Why: the interactive maps need JavaScript and a tile server; these images are what readers
without either (feeds, print, social cards, blocked CDNs) see, and what the pages show in
<noscript>. One entry point for the build:

    from profiles.outputs.staticmap import IMAGES   # the build's output (profiles.engine.rendering): embed/<slug>/map.svg,
                                            # map.png, and map@2x.png (the same layout, twice as many pixels)

The stages inside, each a module:
- points.py — what an image shows before geometry: points, title, alt text (light; pages use it);
- layout.py — one `Scene` per image (pixel-space primitives), so SVG and PNG cannot drift (shapely);
- render.py — a scene to SVG text or PNG bytes (Pillow);
- atlas.py — every boundary prepared once per build (`Atlas`), and `draw_all` over worker processes;
  a resident process keeps them warm (`kept_workers`), for the map images and the fact cards' images.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ...engine.rendering import Inputs, Output
from ...model import CITY_SLUG
from .points import MapPoint, alt_text, image_title, points_for

if TYPE_CHECKING:
    from .atlas import Atlas, Workers

__all__ = [
    "IMAGES",
    "MapPoint",
    "alt_text",
    "build_atlas",
    "image_title",
    "kept_workers",
    "label_names",
    "points_for",
]


@dataclass(frozen=True)
class Image:
    """What one image shows: its title, the district in focus (None: the city), its points, and every
    boundary's label; the shapes are the build's boundaries, named by their digest."""

    slug: str
    title: str
    highlight: str | None
    points: tuple[MapPoint, ...]
    boundaries_digest: str  # the shapes: the build's boundaries
    names_digest: str  # the labels of the boundaries: `label_names`, by their digest (a thousand per image otherwise)
    lang: str = "zh"  # the edition: the legend's and credit's words (the title and labels are already in it)


def image_views(inputs: Inputs):
    """(slug, view) of every image: each district's, then the city's; none without boundaries."""
    if not inputs.boundaries:
        return
    dataset, lang = inputs.dataset, inputs.ctx.lang
    digest = inputs.ctx.boundaries_digest
    names = _labels(inputs)[1]
    for slug, d in dataset.districts.items():
        title = image_title(d.name.zh if lang == "zh" else dataset.name_of(slug), None, 1, lang)
        yield slug, Image(slug, title, slug, points_for(d), digest, names, lang)
    city = (dataset.city.name.zh if lang == "zh" else dataset.city.name.en) if dataset.city else None
    title = image_title(None, city, len(dataset.districts), lang)
    every = tuple(p for d in dataset.districts.values() for p in points_for(d))
    yield CITY_SLUG, Image(CITY_SLUG, title, None, every, digest, names, lang)


def label_names(inputs: Inputs) -> dict[str, str]:
    """slug -> the label drawn on each boundary."""
    return _labels(inputs)[0]


def _labels(inputs: Inputs) -> tuple[dict[str, str], str]:
    """The boundaries' labels and their digest, made once per build (the views, the workers and the
    drawing all need them)."""

    def make() -> tuple[dict[str, str], str]:
        names = {slug: inputs.dataset.name_of(slug) for slug in inputs.boundaries}
        return names, hashlib.sha256(json.dumps(names, ensure_ascii=False).encode()).hexdigest()

    return inputs.resource("boundary-labels", make)


def kept_workers(inputs: Inputs) -> Callable[[], Workers] | None:
    """The drawing processes a resident process keeps warm between builds (in its cache, one pool per
    boundaries and labels), made on first use; None in a one-off build. The map images and the fact
    cards' images (profiles/outputs/embeds/card_image.py) share them."""
    if not inputs.resident or inputs.cache.folder is None:
        return None
    from .atlas import Workers  # deferred: shapely and Pillow, only when an image is drawn

    names, names_digest = _labels(inputs)
    make = lambda: Workers(dict(inputs.boundaries), names)  # noqa: E731
    return lambda: inputs.cache.keep("image-workers", make, inputs.ctx.boundaries_digest, names_digest)


def build_atlas(inputs: Inputs) -> Callable[[], Atlas]:
    """The build's atlas (every boundary, ready to draw), made on first use in this process: the map
    images and the share images (profiles/outputs/share/) draw with the same one; a resident process keeps it
    between builds, one per boundaries and labels."""
    from .atlas import Atlas  # deferred: shapely and Pillow, only when an image is drawn

    names, names_digest = _labels(inputs)
    make = lambda: Atlas(dict(inputs.boundaries), names)  # noqa: E731
    keep = lambda: inputs.cache.keep("atlas", make, inputs.ctx.boundaries_digest, names_digest)  # noqa: E731
    return lambda: inputs.resource("atlas", keep)


def draw(images: list[Image], inputs: Inputs) -> Callable[[], list[dict[str, bytes]]]:
    """Start drawing the SVG and the two PNG files (1x, 2x) of each image (in worker processes when there
    are many, while the build goes on); the returned function waits for them."""
    from .atlas import start_drawing  # deferred: shapely and Pillow, only when an image is drawn

    if not images:
        return list
    jobs = [(i.title, i.highlight, list(i.points), i.lang) for i in images]
    drawing = start_drawing(
        dict(inputs.boundaries), label_names(inputs), jobs, build_atlas(inputs), kept_workers(inputs)
    )

    def files() -> list[dict[str, bytes]]:
        return [
            {f"embed/{i.slug}/map.svg": s, f"embed/{i.slug}/map.png": p, f"embed/{i.slug}/map@2x.png": p2}
            for i, (s, p, p2) in zip(images, drawing())
        ]

    return files


IMAGES = Output(
    "image",
    collect=image_views,
    render=lambda view, inputs: draw([view], inputs)()[0],
    render_many=draw,
)
