"""Render a Vega-Lite spec to SVG (labels stay text) and PNG with vl-convert, using the CJK font registered once
per process: without it the Chinese labels would not be drawn. The same spec gives the same bytes."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

# Where Debian (fonts-noto-cjk) and other distributions put Noto CJK; the first that exists is registered.
FONT_DIRS = ("/usr/share/fonts/opentype/noto", "/usr/share/fonts/noto-cjk", "/usr/share/fonts/google-noto-cjk")
PNG_SCALE = 2  # a 2× PNG: crisp on phones


@lru_cache(maxsize=1)
def _converter():
    import vl_convert as vlc  # deferred: loads a JavaScript engine

    for folder in FONT_DIRS:
        if Path(folder).is_dir():
            vlc.register_font_directory(folder)
            break
    return vlc


def spec_bytes(spec: dict) -> bytes:
    return (json.dumps(spec, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8")


def svg(spec: dict) -> str:
    return _converter().vegalite_to_svg(spec)


def png(spec: dict) -> bytes:
    return _converter().vegalite_to_png(spec, scale=PNG_SCALE)
