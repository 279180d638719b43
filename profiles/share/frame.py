"""A share image laid out top to bottom and drawn with Pillow: `Sheet` takes blocks of text, images,
rules and grids of cells, then a footer with the site's name and a QR code to the page (qr.py).

    sheet = Sheet()
    sheet.text("海珠区 · 地区生产总值增速", TITLE, bold=True, max_lines=3)
    sheet.image(drawing)                       # a Pillow image, never wider than the column
    sheet.text("来源：…", SOURCE, MUTED)
    png = sheet.png(url, "广州区情")           # bytes: the same bytes for the same blocks, every time

`chart` frames a finished image (a chart's PNG bytes) the same way.

Sizes are device pixels of an image 1080 px wide (what a WeChat article shows at full resolution), where
a phone shows about a third of a pixel per CSS pixel: body text at 40 px reads as ~14 px.

Text is text: whatever a string holds is drawn as its characters (markup stays markup, line breaks
become spaces, control characters are dropped), broken into lines by the advances of the very glyphs
drawn (a fallback face for what the CJK face lacks: Arabic, Hebrew …), each line measured again as
laid out, so no line runs past the column, whatever its script; a block stops at `max_lines` with "…".
Without a CJK font lines are still laid out (by an estimate of glyph widths) but no text is drawn,
as with the maps and cards (never tofu boxes).
"""

from __future__ import annotations

import io
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from ..staticmap.atlas import CJK_FONT_CANDIDATES
from ..staticmap.render import font as cjk_font
from . import qr

WIDTH = 1080
PAD = 64
INNER = WIDTH - 2 * PAD
BAR = 14  # the accent band along the top
INK, MUTED, ACCENT, LINE, SOFT = "#1f2933", "#4f5764", "#3949ab", "#d5d9e0", "#f3f5f9"
TITLE, VALUE, BODY, META, SOURCE, SMALL = 60, 132, 42, 34, 32, 28  # px
QR_PX = 264  # the code's square, quiet zone included
FALLBACK_FONTS = (  # for characters the CJK face lacks (Arabic, Hebrew, many symbols)
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/TTF/DejaVuSans.ttf",
)
NO_URL = "构建时未设置本站网址，本图不附二维码"
PALETTE = 256  # colours of the saved PNG (maps bring their blends)
CLOSING = set("，。、；：？！）》」』】〕”’…,.;:?!)]}%")  # never starts a line


@dataclass(frozen=True)
class Line:
    """One laid-out line: `y` is its baseline; `width` what it measures as drawn."""

    text: str
    x: int
    y: int
    size: int
    fill: str
    bold: bool
    width: float


@dataclass
class Sheet:
    width: int = WIDTH
    pad: int = PAD
    y: int = BAR + 56  # the cursor: where the next block starts
    lines: list[Line] = field(default_factory=list)
    boxes: list[tuple[int, int, int, int, str]] = field(default_factory=list)  # x0, y0, x1, y1, fill
    images: list[tuple[int, int, Image.Image]] = field(default_factory=list)
    qr: tuple[int, int, str] | None = None  # x, y of the code's square, and the URL it encodes

    @property
    def inner(self) -> int:
        return self.width - 2 * self.pad

    def text(
        self,
        text: str,
        size: int,
        fill: str = INK,
        *,
        bold: bool = False,
        max_lines: int | None = None,
        gap: int | None = None,
        x: int | None = None,
        width: int | None = None,
        leading: float = 1.45,
    ) -> int:
        """A paragraph, wrapped into the column (or `width` from `x`); returns how many lines it took."""
        x = self.pad if x is None else x
        width = self.inner if width is None else width
        parts = wrap(text, size, width, bold, max_lines)
        step = round(size * leading)
        for part in parts:
            self.y += step
            baseline = self.y - round(size * (leading - 1) / 2) - round(size * 0.16)
            self.lines.append(Line(part, x, baseline, size, fill, bold, measure(part, size, bold)))
        self.y += round(size * 0.5) if gap is None else gap
        return len(parts)

    def space(self, px: int) -> None:
        self.y += px

    def rule(self, gap: int = 36) -> None:
        self.y += gap
        self.boxes.append((self.pad, self.y, self.width - self.pad, self.y + 2, LINE))
        self.y += 2 + gap

    def image(self, img: Image.Image, gap: int = 28) -> None:
        """A finished drawing, centred; one wider than the column is scaled down to it (never up)."""
        if img.width > self.inner:
            img = img.resize((self.inner, round(img.height * self.inner / img.width)), Image.Resampling.LANCZOS)
        self.images.append(((self.width - img.width) // 2, self.y, img))
        self.y += img.height + gap

    def cells(self, cells: Sequence[Sequence[tuple]], columns: int = 2, gap: int = 20) -> None:
        """A grid of boxed cells, row by row; each cell a list of `text` argument tuples (text, size, fill,
        bold, max_lines)."""
        width = (self.inner - gap * (columns - 1)) // columns
        for row in range(0, len(cells), columns):
            top = self.y
            bottom = top
            for i, cell in enumerate(cells[row : row + columns]):
                self.y = top + 18
                x = self.pad + i * (width + gap)
                for text, size, fill, bold, max_lines in cell:
                    self.text(text, size, fill, bold=bold, max_lines=max_lines, x=x + 24, width=width - 48, gap=4)
                bottom = max(bottom, self.y + 18)
                self.boxes.append((x, top, x + width, -1, SOFT))  # its bottom once the row is known
            self.boxes = [(a, b, c, bottom if d == -1 else d, e) for a, b, c, d, e in self.boxes]
            self.y = bottom + gap

    def footer(self, url: str | None, site_name: str, note: str) -> None:
        """The site's name, what the code opens (`note`), the URL, and the code; without a URL, no code
        and a line saying why."""
        self.rule(gap=32)
        top = self.y
        code = qr.absolute(url)
        text_width = self.inner - (QR_PX + 32 if code else 0)
        self.text(site_name, 44, INK, bold=True, width=text_width, gap=10)
        self.text(note if code else NO_URL, SMALL, MUTED, width=text_width, max_lines=3, gap=10)
        if code:
            self.text(code, 24, MUTED, width=text_width, max_lines=4, gap=0)
            self.qr = (self.width - self.pad - QR_PX, top, code)
        self.y = max(self.y, top + (QR_PX if code else 0)) + 48

    def draw(self) -> Image.Image:
        """The sheet as an RGB image, its height where the cursor stopped."""
        img = Image.new("RGB", (self.width, self.y), "#ffffff")
        draw = ImageDraw.Draw(img)
        draw.rectangle((0, 0, self.width - 1, BAR - 1), fill=ACCENT)
        for x0, y0, x1, y1, fill in self.boxes:
            draw.rectangle((x0, y0, x1 - 1, y1 - 1), fill=fill)
        for x, y, picture in self.images:
            img.paste(picture, (x, y))
        if self.qr is not None:
            x, y, code = self.qr
            picture = qr.image(code, QR_PX)
            offset = (QR_PX - picture.width) // 2
            img.paste(picture.convert("RGB"), (x + offset, y + offset))
        for line in self.lines:
            if not _draw_line(draw, line):
                break
        return img

    def png(self, url: str | None = None, site_name: str = "", note: str = "") -> bytes:
        """The image's bytes, with the footer (`footer`) when `site_name` is given."""
        if site_name:
            self.footer(url, site_name, note)
        return encode(self.draw())


def encode(img: Image.Image) -> bytes:
    """A palette PNG with no metadata (no timestamps): the same bytes for the same pixels."""
    img = img.quantize(colors=PALETTE, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE)
    buf = io.BytesIO()
    img.save(buf, format="PNG", optimize=False, compress_level=6)
    return buf.getvalue()


def chart(title: str, image: bytes, source: str, url: str | None, site_name: str, note: str = "") -> bytes:
    """A finished figure (say, a chart's PNG, drawn at the column's width or wider) framed as a share
    image: the title above it, the source line under it, the site's name and a QR code to `url`."""
    sheet = Sheet()
    sheet.text(title, TITLE, INK, bold=True, max_lines=4)
    with Image.open(io.BytesIO(image)) as picture:
        sheet.image(picture.convert("RGB"))
    sheet.text(source, SOURCE, MUTED, max_lines=6)
    return sheet.png(url, site_name, note or "扫码打开这张图所在的网页，查看数字与出处")


# --- text ---------------------------------------------------------------------------------------------


def clean(text: str) -> str:
    """One line of drawable characters: whitespace runs (line and paragraph separators too) become one
    space; control characters and lone surrogates are dropped."""
    text = " ".join(str(text).split())
    return "".join(ch for ch in text if unicodedata.category(ch) not in ("Cc", "Cs"))


def _common(ch: str) -> bool:
    """Characters the CJK face surely has: ASCII, CJK ideographs and punctuation, full-width forms."""
    o = ord(ch)
    return o < 0x7F or 0x3000 <= o <= 0x9FFF or 0xFF00 <= o <= 0xFFEF


@lru_cache(maxsize=64)
def _fallback(size: int) -> ImageFont.FreeTypeFont | None:
    path = next((p for p in FALLBACK_FONTS if Path(p).is_file()), None)
    return ImageFont.truetype(path, size) if path else None


@lru_cache(maxsize=8192)
def _has(face: ImageFont.FreeTypeFont, ch: str) -> bool:
    """Whether `face` has a glyph for `ch`: its drawing differs from the face's missing-glyph box."""
    missing = _missing_box(face)
    mask = face.getmask(ch)
    return (mask.size, bytes(mask)) != missing


@lru_cache(maxsize=16)
def _missing_box(face: ImageFont.FreeTypeFont) -> tuple:
    mask = face.getmask("\U0010ffff")  # a noncharacter: no face maps it
    return mask.size, bytes(mask)


def face_for(ch: str, size: int) -> ImageFont.FreeTypeFont | None:
    """The face that draws `ch`: the CJK face, else the fallback face when only it has the glyph."""
    primary = cjk_font(size, CJK_FONT_CANDIDATES)
    if primary is None or _common(ch):
        return primary
    probe = cjk_font(24, CJK_FONT_CANDIDATES)
    if _has(probe, ch):
        return primary
    other = _fallback(size)
    return other if other is not None and _has(_fallback(24), ch) else primary


def runs(text: str, size: int) -> list[tuple[str, ImageFont.FreeTypeFont | None]]:
    """`text` split into runs drawn by one face each, in order."""
    out: list[tuple[str, ImageFont.FreeTypeFont | None]] = []
    for ch in text:
        face = face_for(ch, size)
        if out and out[-1][1] is face:
            out[-1] = (out[-1][0] + ch, face)
        else:
            out.append((ch, face))
    return out


def stroke(size: int, bold: bool) -> int:
    return max(1, size // 26) if bold else 0


@lru_cache(maxsize=65536)
def advance(ch: str, size: int) -> float:
    face = face_for(ch, size)
    if face is None:  # no font: an overestimate (CJK 1 em, others 0.62 em; the card images' rule)
        return size if ord(ch) > 0x2E7F else size * 0.62
    return face.getlength(ch)


def measure(text: str, size: int, bold: bool = False) -> float:
    """The drawn width of one line, shaped run by run as `_draw_line` draws it."""
    total = 0.0
    for part, face in runs(text, size):
        total += face.getlength(part) if face is not None else sum(advance(ch, size) for ch in part)
    return total + 2 * stroke(size, bold)


def _break_at(text: str, n: int) -> int:
    """Where a line of `text` that fits `n` characters ends: not inside a Latin word when a space
    allows, not before closing punctuation or a combining mark."""
    if n >= len(text):
        return n
    if text[n - 1].isascii() and text[n - 1].isalnum() and text[n].isascii() and text[n].isalnum():
        space = text.rfind(" ", 0, n)
        if space > n // 2:
            return space + 1
    while n > 1 and (text[n] in CLOSING or unicodedata.category(text[n]) in ("Mn", "Me", "Cf")):
        n -= 1
    return n


def wrap(text: str, size: int, width: float, bold: bool = False, max_lines: int | None = None) -> list[str]:
    """Lines of `text` no wider than `width` as drawn; at most `max_lines`, the last ending in "…"
    when the text goes on."""
    rest = clean(text)
    lines: list[str] = []
    room = width - 2 * stroke(size, bold)
    while rest:
        used, n = 0.0, 0
        for ch in rest:
            used += advance(ch, size)
            if used > room and n:
                break
            n += 1
        n = _break_at(rest, n)
        while n > 1 and measure(rest[:n], size, bold) > width:  # shaping or kerning made it wider
            n -= 1
        lines.append(rest[:n].rstrip() or rest[:n])
        rest = rest[n:].lstrip()
        if max_lines is not None and len(lines) == max_lines and rest:
            last = lines[-1]
            while last and measure(last + "…", size, bold) > width:
                last = last[:-1]
            lines[-1] = last.rstrip() + "…"
            break
    return lines


def _draw_line(draw: ImageDraw.ImageDraw, line: Line) -> bool:
    """Draw one line, run by run; False when no CJK font exists (then no text is drawn at all)."""
    x = float(line.x)
    width = stroke(line.size, line.bold)
    for part, face in runs(line.text, line.size):
        if face is None:
            return False
        draw.text(
            (x + width, line.y), part, font=face, fill=line.fill, anchor="ls", stroke_width=width, stroke_fill=line.fill
        )
        x += face.getlength(part)
    return True
