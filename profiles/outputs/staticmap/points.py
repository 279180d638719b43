"""What an image shows, before any geometry: its points, its title and its alt text. Light on purpose
(no shapely, no Pillow): pages and embeds import it to describe images they do not draw."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ...facts.present import image_alt as alt_text  # what an image shows, in words (profiles.facts.present)
from ...facts.present import image_title
from ...model import District

__all__ = ["MapPoint", "alt_text", "image_title", "points_for"]


@dataclass(frozen=True)
class MapPoint:
    lon: float
    lat: float
    kind: Literal["park", "project"]
    label: str
    # Location.precision. "district" (only the district is known, the point is a stand-in)
    # is drawn hollow so the image does not claim a place it does not know.
    precision: str | None = None


def points_for(district: District) -> tuple[MapPoint, ...]:
    """The parks and projects of a district as map points, in file order."""
    items = [("park", p) for p in district.parks] + [("project", p) for p in district.projects]
    return tuple(MapPoint(p.location.lon, p.location.lat, k, p.name, p.location.precision.value) for k, p in items)
