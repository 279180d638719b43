"""Self-hosted files the map pages load: Leaflet, Leaflet.GestureHandling and Leaflet.markercluster copied from
their xstatic packages (only the files used), and our static JS/CSS. URLs carry `?v=` with
a content hash so a changed file is never served stale from a cache."""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

import xstatic.pkg.leaflet as _leaflet
import xstatic.pkg.leaflet_gesturehandling as _gesture
import xstatic.pkg.leaflet_markercluster as _cluster

from ...engine.output import Outputs

STATIC = Path(__file__).parent / "static"
_L = Path(_leaflet.BASE_DIR)
_G = Path(_gesture.BASE_DIR)
_C = Path(_cluster.BASE_DIR)

# key -> (source file, path under out_dir/assets/)
ASSETS: dict[str, tuple[Path, str]] = {
    "leaflet.js": (_L / "leaflet.js", "vendor/leaflet/leaflet.js"),
    "leaflet.css": (_L / "leaflet.css", "vendor/leaflet/leaflet.css"),
    "layers.png": (_L / "images" / "layers.png", "vendor/leaflet/images/layers.png"),
    "layers-2x.png": (_L / "images" / "layers-2x.png", "vendor/leaflet/images/layers-2x.png"),
    "gesture.js": (
        _G / "leaflet-gesture-handling.min.js",
        "vendor/leaflet-gesture-handling/leaflet-gesture-handling.min.js",
    ),
    "gesture.css": (
        _G / "leaflet-gesture-handling.min.css",
        "vendor/leaflet-gesture-handling/leaflet-gesture-handling.min.css",
    ),
    "cluster.js": (_C / "leaflet.markercluster.js", "vendor/leaflet-markercluster/leaflet.markercluster.js"),
    "cluster.css": (_C / "MarkerCluster.css", "vendor/leaflet-markercluster/MarkerCluster.css"),
    "frame.js": (STATIC / "frame.js", "maps/frame.js"),  # every embed's: theme, id, height (cards too)
    "maps.js": (STATIC / "maps.js", "maps/maps.js"),
    "maps.css": (STATIC / "maps.css", "maps/maps.css"),
    # Every embed page names it: without an icon the browser asks for /favicon.ico (a 404 in the console).
    "favicon.svg": (STATIC / "favicon.svg", "maps/favicon.svg"),
}
# The host-page script keeps one stable, unversioned URL: other sites paste it.
RESIZE_JS = (STATIC / "resize.js", "embed/resize.js")


@lru_cache(maxsize=64)
def _read_at(path: Path, mtime_ns: int) -> bytes:
    return path.read_bytes()


def _read(path: Path) -> bytes:
    return _read_at(path, path.stat().st_mtime_ns)  # a long-running `serve` sees edits


def _version(path: Path) -> str:
    return hashlib.sha256(_read(path)).hexdigest()[:10]


def asset_urls(prefix: str = "../../") -> dict[str, str]:
    """key -> URL relative to a page `prefix` away from the site root."""
    return {key: f"{prefix}assets/{rel}?v={_version(src)}" for key, (src, rel) in ASSETS.items()}


def copy_assets(out: Outputs) -> list[str]:
    written = [out.put(f"assets/{rel}", _read(src)) for src, rel in ASSETS.values()]
    src, rel = RESIZE_JS
    written.append(out.put(str(rel), _read(src)))
    return written
