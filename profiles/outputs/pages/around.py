"""Getting around the profiles: neighbours from the boundaries, previous/next in registry order, and a
small locator (the district's outline within the city) for pages that have no points to map.

Computed once per build from the boundaries and the registry's order (a page's view carries the results:
district.Around), never from prose.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import shapely

from ...facts.geo import Geometry, boundary_shapes
from ...model.dataset import Dataset

# Borders closer than this (degrees, ≈ 50 m) touch: the boundaries are simplified together, so
# shared borders coincide, but a tolerance keeps a sliver gap from hiding a neighbour.
TOUCH = 0.0005
# The locator's drawing: a viewBox this wide, outlines rounded to 0.1 unit, vertices closer than
# SIMPLIFY (degrees, ≈ 500 m) dropped — enough for a 320-px thumbnail, a few KB for the whole city.
LOCATOR_WIDTH = 400
SIMPLIFY = 0.005
# More districts than this and a page lists none of them in its switcher (its size must not grow
# with the data): it links to the district index instead.
SWITCHER_MAX = 30


def neighbours(boundaries: dict[str, Geometry]) -> dict[str, tuple[str, ...]]:
    """slug -> the slugs whose boundary touches it, in boundaries (registry) order."""
    slugs = list(boundaries)
    shapes = boundary_shapes(boundaries)
    geoms = [shapes[s] for s in slugs]
    tree = shapely.STRtree(geoms)
    found: dict[str, set[int]] = {s: set() for s in slugs}
    left, right = tree.query(geoms, predicate="dwithin", distance=TOUCH)
    for i, j in zip(left.tolist(), right.tolist()):
        if i != j:
            found[slugs[i]].add(j)
    return {s: tuple(slugs[j] for j in sorted(found[s])) for s in slugs}


@dataclass(frozen=True)
class Order:
    """Every district in display order, once per build: what each page says of the others."""

    pairs: tuple[tuple[str, str], ...]  # (slug, name)
    index: dict[str, int]  # slug -> its place in pairs

    @classmethod
    def of(cls, dataset: Dataset) -> Order:
        pairs = tuple((s, dataset.name_of(s)) for s in dataset.order())
        return cls(pairs, {s: i for i, (s, _) in enumerate(pairs)})

    def around(self, slug: str) -> tuple[tuple[str, str] | None, tuple[str, str] | None]:
        """(slug, name) of the districts before and after `slug` (none past either end, or if not listed)."""
        i = self.index.get(slug)
        if i is None:
            return None, None
        return (self.pairs[i - 1] if i > 0 else None), (self.pairs[i + 1] if i + 1 < len(self.pairs) else None)


def _rings(geometry: Geometry) -> list[list[list[float]]]:
    polys = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    return [ring for poly in polys for ring in poly[:1]]  # outer rings: holes do not show at this size


def outlines(boundaries: dict[str, Geometry]) -> tuple[str, dict[str, str]]:
    """(viewBox, slug -> SVG path data) of every district in one frame (north up, lengths true at the
    city's middle latitude): the locator draws them all and highlights one."""
    if not boundaries:
        return "0 0 0 0", {}
    rings = {slug: _rings(g) for slug, g in boundaries.items()}
    points = [p for rs in rings.values() for r in rs for p in r]
    west, east = min(p[0] for p in points), max(p[0] for p in points)
    south, north = min(p[1] for p in points), max(p[1] for p in points)
    kx = math.cos(math.radians((south + north) / 2))
    scale = LOCATOR_WIDTH / max((east - west) * kx, 1e-9)
    height = (north - south) * scale

    def xy(p: list[float]) -> tuple[float, float]:
        return round((p[0] - west) * kx * scale, 1), round((north - p[1]) * scale, 1)

    paths = {}
    for slug, rs in rings.items():
        parts = []
        for ring in rs:
            simple = shapely.simplify(shapely.LinearRing(ring), SIMPLIFY, preserve_topology=False)
            coords = list(simple.coords) if not simple.is_empty and len(simple.coords) >= 4 else ring
            pts = [xy(list(c)) for c in coords[:-1]]
            parts.append("M" + "L".join(f"{x:g} {y:g}" for x, y in pts) + "Z")
        paths[slug] = "".join(parts)
    return f"0 0 {LOCATOR_WIDTH} {round(height, 1):g}", paths
