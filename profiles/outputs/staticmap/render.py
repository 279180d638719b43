"""Drawing a laid-out `Scene` (layout.py) as SVG text or as PNG bytes.

Output bytes are deterministic (same scene → same bytes) so a rebuild does not churn git or caches.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageColor, ImageDraw, ImageFont

from .layout import Scene, Text, paint
from .svgtext import esc as _esc
from .svgtext import marked, root_lang, title_lang

FONT_FAMILY = '"Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", sans-serif'

# --- SVG -----------------------------------------------------------------------------


def _n(v: float) -> str:
    return f"{v:.1f}".removesuffix(".0")


def _path(polygons) -> str:
    return "".join("M" + " ".join(f"{_n(x)} {_n(y)}" for x, y in ring) + "Z" for rings in polygons for ring in rings)


def _svg_text(t: Text, lang: str) -> str:
    halo = ' stroke="#ffffff" stroke-width="3" stroke-linejoin="round" paint-order="stroke"' if t.halo else ""
    weight = ' font-weight="bold"' if t.size >= 18 else ""
    anchor = f' text-anchor="{t.anchor}"' if t.anchor != "start" else ""
    return (
        f'<text x="{_n(t.x)}" y="{_n(t.y)}" font-size="{t.size}" fill="{t.fill}"{anchor}{weight}{halo}>'
        f"{marked(t.text, lang)}</text>"
    )


def svg(sc: Scene) -> str:
    """A self-contained SVG (no external fonts, images or links); text escaped."""
    tid, did = f"map-{sc.slug}-title", f"map-{sc.slug}-desc"
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{sc.width}" height="{sc.height}" '
        f'viewBox="0 0 {sc.width} {sc.height}" role="img" aria-labelledby="{_esc(tid)} {_esc(did)}" '
        f"font-family='{FONT_FAMILY}'{root_lang(sc.lang)}>",
        f'<title id="{_esc(tid)}"{title_lang(sc.title, sc.lang)}>{_esc(sc.title)}</title>',
        f'<desc id="{_esc(did)}"{title_lang(sc.alt, sc.lang)}>{_esc(sc.alt)}</desc>',
        f'<rect width="{sc.width}" height="{sc.height}" fill="#ffffff"/>',
    ]
    for sh in sc.shapes:
        fill, stroke, sw = sh.style
        out.append(
            f'<path class="boundary {sh.role}" fill="{fill}" stroke="{stroke}" stroke-width="{sw}" '
            f'stroke-linejoin="round" fill-rule="evenodd" d="{_path(sh.polygons)}"/>'
        )
    for pts, stroke, sw in sc.lines:
        d = " ".join(f"{_n(x)},{_n(y)}" for x, y in pts)
        out.append(f'<polyline fill="none" stroke="{stroke}" stroke-width="{sw}" points="{d}"/>')
    out.extend(_svg_text(t, sc.lang) for t in sc.underlay)
    for kind, x, y, label, hollow in sc.symbols:
        tip = f"<title{title_lang(label, sc.lang)}>{_esc(label)}</title>" if label else ""
        fill, stroke, sw = paint(kind, hollow)
        attrs = f'class="{"point" if label else "legend"} {kind}" fill="{fill}" stroke="{stroke}" stroke-width="{sw}"'
        if kind == "park":
            out.append(f'<rect {attrs} x="{_n(x - 4.5)}" y="{_n(y - 4.5)}" width="9" height="9">{tip}</rect>')
        else:
            out.append(f'<circle {attrs} cx="{_n(x)}" cy="{_n(y)}" r="5">{tip}</circle>')
    out.extend(_svg_text(t, sc.lang) for t in sc.texts)
    out.append("</svg>")
    return "\n".join(out) + "\n"


# --- PNG -----------------------------------------------------------------------------

SUPERSAMPLE = 2  # Pillow does not antialias polygons: draw at 2x, then downsample
# zlib level, measured on district and city maps: 4 saves ~0.4 ms of ~17 ms per image but
# makes files 3 % larger (the city's 22 %), 3 and below 40 %; 9 is 5x slower for 9 % less.
PNG_COMPRESS_LEVEL = 6
# The 2x twin (four times the pixels, only a srcset candidate): level 3 halves its zlib time, +40 % bytes.
PNG_2X_COMPRESS_LEVEL = 3


@lru_cache(maxsize=None)
def _font_file(candidates: tuple[str, ...]) -> tuple[str, int] | None:
    """(path, face index) of a Simplified-Chinese face among candidates, or None."""
    for path in filter(lambda p: Path(p).is_file(), candidates):
        for index in range(8):  # a .ttc holds JP/KR/SC/TC…: prefer Simplified glyph shapes
            try:
                if "SC" in ImageFont.truetype(path, 12, index=index).getname()[0]:
                    return path, index
            except OSError:  # past the last face
                break
        return path, 0
    return None


@lru_cache(maxsize=64)
def _font(size: int, candidates: tuple[str, ...]) -> ImageFont.FreeTypeFont | None:
    found = _font_file(candidates)
    return ImageFont.truetype(found[0], size, index=found[1]) if found else None


def font(size: int, candidates: tuple[str, ...]) -> ImageFont.FreeTypeFont | None:
    """The CJK face the maps draw with at `size` px (None when no candidate exists): the card images too."""
    return _font(size, candidates)


@dataclass(frozen=True)
class _Label:
    """A text's coverage masks, placed relative to its anchor point."""

    dx: int
    dy: int
    halo: Image.Image | None  # glyphs grown by the halo's stroke, painted white first
    ink: Image.Image


def _label_masks(font: ImageFont.FreeTypeFont, text: str, anchor: str, stroke: int) -> _Label | None:
    x0, y0, x1, y1 = font.getbbox(text, anchor=anchor, stroke_width=stroke)
    if x1 <= x0 or y1 <= y0:
        return None  # nothing visible (e.g. only spaces)

    def mask(width: int) -> Image.Image:
        m = Image.new("L", (x1 - x0, y1 - y0), 0)
        ImageDraw.Draw(m).text(
            (-x0, -y0), text, fill=255, font=font, anchor=anchor, stroke_width=width, stroke_fill=255
        )
        return m

    return _Label(x0, y0, mask(stroke) if stroke else None, mask(0))


class Painter:
    """Draws scenes as PNG. Text is the costly part and some of it (neighbours' names, legend,
    credit) recurs on many images: those labels' masks are rendered once per painter."""

    def __init__(self, font_candidates: tuple[str, ...]):
        self._fonts = font_candidates
        self._labels: dict[tuple[str, int, int, str, bool], _Label | None] = {}

    def _text(self, img: Image.Image, t: Text, f: int) -> bool:
        """Draw one text at `f`x; False when no CJK font exists (then no text is drawn at all)."""
        font = _font(t.size * f, self._fonts)
        if font is None:
            return False
        key = (t.text, t.size, f, t.anchor, t.halo)
        if key in self._labels:
            label = self._labels[key]
        else:
            anchor = {"start": "ls", "middle": "ms", "end": "rs"}[t.anchor]
            # Line and paragraph breaks (\r, U+2029 …) make Pillow's layout engine fail: one line only.
            label = _label_masks(font, " ".join(t.text.split()), anchor, 3 * f // 2 if t.halo else 0)
            if t.repeats:  # keeping the others too held ~65 MB at 1,000 districts, never reused
                self._labels[key] = label
        if label is not None:
            # Whole supersampled pixels (≤ 1/4 px off once reduced), so one bitmap fits every position.
            at = (round(t.x * f) + label.dx, round(t.y * f) + label.dy)
            if label.halo is not None:
                img.paste((255, 255, 255), at, label.halo)
            img.paste(ImageColor.getrgb(t.fill), at, label.ink)
        return True

    def png(self, sc: Scene) -> bytes:
        """The same drawing as `svg(sc)`, as PNG with no metadata; text only if a CJK font exists."""
        return _encode(self.image(sc))

    def pngs(self, sc: Scene) -> tuple[bytes, bytes]:
        """`png(sc)` and its 2x twin (map@2x.png): the supersampled drawing the 1x image is reduced from,
        as it is (its text rendered at twice the size, its shapes' edges not smoothed further), so the
        twin costs no second drawing."""
        fine = self._draw(sc, SUPERSAMPLE)
        return _encode(fine.reduce(SUPERSAMPLE)), _encode(fine, PNG_2X_COMPRESS_LEVEL)

    def image(self, sc: Scene, scale: int = 1) -> Image.Image:
        """The scene drawn in RGB at `scale` device pixels per pixel, supersampled (what `png` encodes; the
        share images, profiles/outputs/share/, place it in their frame at scale 2)."""
        return self._draw(sc, SUPERSAMPLE * scale).reduce(SUPERSAMPLE)

    def _draw(self, sc: Scene, f: int) -> Image.Image:
        """The scene drawn at `f` pixels per pixel (RGB), not yet reduced."""
        img = Image.new("RGB", (sc.width * f, sc.height * f), "#ffffff")
        draw = ImageDraw.Draw(img)

        def sp(pts):
            return [(x * f, y * f) for x, y in pts]

        for sh in sc.shapes:
            fill, stroke, sw = sh.style
            for rings in sh.polygons:
                outer = [r for r in rings if len(r) >= 3]
                if not outer:
                    continue
                if len(outer) == 1:
                    draw.polygon(sp(outer[0]), fill=fill)
                else:  # holes: a mask gives even-odd filling like the SVG
                    mask = Image.new("1", img.size, 0)
                    mdraw = ImageDraw.Draw(mask)
                    for i, ring in enumerate(outer):
                        mdraw.polygon(sp(ring), fill=1 if i == 0 else 0)
                    img.paste(ImageColor.getrgb(fill), mask=mask)
            for rings in sh.polygons:
                for ring in rings:
                    if len(ring) >= 2:
                        draw.line(sp(ring + ring[:1]), fill=stroke, width=max(1, round(sw * f)), joint="curve")
        for pts, stroke, sw in sc.lines:
            draw.line(sp(pts), fill=stroke, width=max(1, round(sw * f)))
        for t in sc.underlay:
            if not self._text(img, t, f):
                break
        for kind, x, y, _, hollow in sc.symbols:
            fill, stroke, sw = paint(kind, hollow)
            h = (4.5 if kind == "park" else 5) * f
            shape_fn = draw.rectangle if kind == "park" else draw.ellipse
            shape_fn((x * f - h, y * f - h, x * f + h, y * f + h), fill=fill, outline=stroke, width=round(sw * f))
        for t in sc.texts:
            if not self._text(img, t, f):
                break
        # Reduced by the caller: box-filter downsampling, as smooth for flat shapes as LANCZOS, ~10x faster.
        return img


def _encode(img: Image.Image, level: int = PNG_COMPRESS_LEVEL) -> bytes:
    # A palette image is ~4x smaller. Octree keeps the small symbol colours (median cut
    # merged them into the greys); no dithering, so it is deterministic. A fixed palette of
    # our colours and their blends maps 4x faster, but Pillow matches through a coarse
    # colour cache: even white came out (252, 252, 253).
    img = img.quantize(colors=256, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE)
    buf = io.BytesIO()
    img.save(buf, format="PNG", optimize=False, compress_level=level)  # no pnginfo: no timestamps
    return buf.getvalue()
