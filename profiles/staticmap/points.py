"""What an image shows, before any geometry: its points, its title and its alt text. Light on purpose
(no shapely, no Pillow): pages and embeds import it to describe images they do not draw."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ..models import District


@dataclass(frozen=True)
class MapPoint:
    lon: float
    lat: float
    kind: Literal["park", "project"]
    label: str
    # Location.precision. "district" (only the district is known, the point is a stand-in)
    # is drawn hollow so the image does not claim a place it does not know.
    precision: str | None = None


def alt_text(title: str, n_parks: int, n_projects: int, district_names: list[str]) -> str:
    """Chinese alt text saying what the image shows (and that it is a static fallback)."""
    if len(district_names) == 1:
        where = f"{district_names[0]}的边界（浅蓝色）及相邻区域"
    elif district_names:
        where = f"{len(district_names)}个区的边界（{'、'.join(district_names)}）"
    else:
        where = "所选范围"
    what = []
    if n_parks:
        what.append(f"{n_parks}个产业园区或片区（绿色方块）")
    if n_projects:
        what.append(f"{n_projects}个重大项目（橙色圆点）")
    marks = f"，并标出{'和'.join(what)}的位置" if what else "，图中未标注园区或项目"
    return f"静态地图「{title}」：显示{where}{marks}。位置为大致示意，详细信息见网页列表。"


def points_for(district: District) -> tuple[MapPoint, ...]:
    """The parks and projects of a district as map points, in file order."""
    items = [("park", p) for p in district.parks] + [("project", p) for p in district.projects]
    return tuple(MapPoint(p.location.lon, p.location.lat, k, p.name, p.location.precision.value) for k, p in items)


def image_title(name: str | None, city_name: str | None, count: int) -> str:
    """The title drawn on a district's image (`name`), or on the city's (name None, `count` districts)."""
    if name is not None:
        return f"{name}产业园区与重大项目"
    return f"{city_name or '全市'}{count}个区的产业园区与重大项目"
