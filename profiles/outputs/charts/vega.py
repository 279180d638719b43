"""Render a Vega-Lite spec to SVG (labels stay text) and PNG with vl-convert, using the CJK font registered once
per process: without it the Chinese labels would not be drawn. The same spec gives the same bytes.

The English edition's specs name a Latin face first (specs.FONTS: Noto Sans, where the machine has it, registered
before Noto CJK), and Noto CJK for the Chinese that stays; its SVG says its language and marks that Chinese."""

from __future__ import annotations

import html
import json
import re
from functools import lru_cache
from pathlib import Path

from ..staticmap.svgtext import marked

# Where Debian (fonts-noto-cjk) and other distributions put Noto CJK; the first that exists is registered.
FONT_DIRS = ("/usr/share/fonts/opentype/noto", "/usr/share/fonts/noto-cjk", "/usr/share/fonts/google-noto-cjk")
# Where they put Noto Sans (Latin: fonts-noto-core, google-noto-sans-fonts, noto-fonts); registered first when found.
LATIN_FONT_DIRS = ("/usr/share/fonts/truetype/noto", "/usr/share/fonts/google-noto", "/usr/share/fonts/noto")
PNG_SCALE = 2  # a 2× PNG: crisp on phones
_TEXT = re.compile(r"(<text\b[^>]*>)([^<]*)(</text>)")


@lru_cache(maxsize=1)
def _converter():
    import vl_convert as vlc  # deferred: loads a JavaScript engine

    for dirs in (LATIN_FONT_DIRS, FONT_DIRS):
        for folder in dirs:
            if Path(folder).is_dir():
                vlc.register_font_directory(folder)
                break
    return vlc


def spec_bytes(spec: dict) -> bytes:
    return (json.dumps(spec, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8")


def svg(spec: dict, lang: str = "zh") -> str:
    """The chart as SVG; in another language than Chinese, its root says the language and the Chinese in its
    texts is marked `lang="zh-CN"` (Vega's own SVG, as it is, in Chinese)."""
    drawn = _converter().vegalite_to_svg(spec)
    if lang == "zh":
        return drawn
    drawn = drawn.replace("<svg ", f'<svg lang="{lang}" ', 1)
    return _TEXT.sub(lambda m: m.group(1) + marked(html.unescape(m.group(2)), lang) + m.group(3), drawn)


def png(spec: dict) -> bytes:
    return _converter().vegalite_to_png(spec, scale=PNG_SCALE)
