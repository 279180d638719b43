"""A share image laid out top to bottom and drawn with Pillow: `Sheet` takes blocks of text, images,
rules and grids of cells, then a footer with the site's name and a QR code to the page (qr.py).

    sheet = Sheet()
    sheet.text("海珠区 · 地区生产总值增速", TITLE, bold=True, max_lines=3)
    sheet.image(drawing)                       # a Pillow image, never wider than the column
    sheet.text("来源：…", SOURCE, MUTED)
    png = sheet.png(url, "广州区情", note)     # bytes: the same bytes for the same blocks, every time

`chart` frames a finished image (a chart's PNG bytes) the same way.

Sizes are device pixels of an image 1080 px wide (what a WeChat article shows at full resolution), where
a phone shows about a third of a pixel per CSS pixel: body text at 42 px reads as ~14 px. Text is text
(text.py): whatever a string holds is drawn as its characters, wrapped inside its column, a block cut
at `max_lines` with "…".

Drawn straight into palette indices (`Canvas`): the sheet knows its colours (white, the inks and their
16 blends with the background under them), so only its pictures (a map) are quantized, on their own;
quantizing a whole 分享长图 (8 megapixels) cost more than everything else in it. The same bytes for
the same sheet, every time.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, field

from PIL import Image, ImageDraw

from ...facts.texts import t
from . import qr
from .text import coverage, measure, stroke, wrap

WIDTH = 1080
PAD = 64
INNER = WIDTH - 2 * PAD
BAR = 14  # the accent band along the top
WHITE, INK, MUTED, ACCENT, LINE, SOFT = "#ffffff", "#1f2933", "#4f5764", "#3949ab", "#d5d9e0", "#f3f5f9"
TITLE, VALUE, BODY, META, SOURCE, SMALL = 60, 132, 42, 34, 32, 28  # px
QR_PX = 264  # the code's square, quiet zone included
NO_URL = t("share.no_url")  # the Chinese edition's; `Sheet.lang` picks the edition's
PICTURE_COLOURS = 128  # a picture (a map) is quantized to this many colours; the rest is text and boxes
LEVELS = 16  # blends of an ink with its background: antialiased text


@dataclass(frozen=True)
class Line:
    """One laid-out line: `y` is its baseline; `width` what it measures as drawn, within `right` (its
    column's right edge); `bg` the colour under it."""

    text: str
    x: int
    y: int
    size: int
    fill: str
    bold: bool
    width: float
    right: int
    bg: str = WHITE
    stroke: int | None = None  # the bold stroke's width, when not text.stroke(size, bold)


@dataclass
class Sheet:
    width: int = WIDTH
    pad: int = PAD
    y: int = BAR + 56  # the cursor: where the next block starts
    lines: list[Line] = field(default_factory=list)
    boxes: list[tuple[int, int, int, int, str]] = field(default_factory=list)  # x0, y0, x1, y1, fill
    images: list[tuple[int, int, Image.Image]] = field(default_factory=list)
    qr: tuple[int, int, str] | None = None  # x, y of the code's square, and the URL it encodes
    lang: str = "zh"  # the edition: the footer's words when there is no code

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
        bg: str = WHITE,
    ) -> int:
        """A paragraph, wrapped into the column (or `width` from `x`); returns how many lines it took."""
        x = self.pad if x is None else x
        width = self.inner if width is None else width
        parts = wrap(text, size, width, bold, max_lines)
        step = round(size * leading)
        for part in parts:
            self.y += step
            baseline = self.y - round(size * (leading - 1) / 2) - round(size * 0.16)
            self.lines.append(Line(part, x, baseline, size, fill, bold, measure(part, size, bold), x + width, bg))
        self.y += round(size * 0.5) if gap is None else gap
        return len(parts)

    def space(self, px: int) -> None:
        self.y += px

    def rule(self, gap: int = 36) -> None:
        self.y += gap
        self.boxes.append((self.pad, self.y, self.width - self.pad, self.y + 2, LINE))
        self.y += 2 + gap

    def image(self, img: Image.Image, gap: int = 28) -> None:
        """A finished drawing (RGB), centred; one wider than the column is scaled down to it (never up)."""
        if img.width > self.inner:
            img = img.resize((self.inner, round(img.height * self.inner / img.width)), Image.Resampling.LANCZOS)
        self.images.append(((self.width - img.width) // 2, self.y, img))
        self.y += img.height + gap

    def cells(self, cells: Sequence[Sequence[tuple]], columns: int = 2, gap: int = 20) -> None:
        """A grid of boxed cells, row by row; each cell a list of (text, size, fill, bold, max_lines)."""
        width = (self.inner - gap * (columns - 1)) // columns
        for row in range(0, len(cells), columns):
            top = bottom = self.y
            boxes = []
            for i, cell in enumerate(cells[row : row + columns]):
                self.y = top + 18
                x = self.pad + i * (width + gap)
                for text, size, fill, bold, max_lines in cell:
                    self.text(
                        text, size, fill, bold=bold, max_lines=max_lines, x=x + 24, width=width - 48, gap=4, bg=SOFT
                    )
                bottom = max(bottom, self.y + 18)
                boxes.append((x, x + width))
            self.boxes += [(x0, top, x1, bottom, SOFT) for x0, x1 in boxes]
            self.y = bottom + gap

    def footer(self, url: str | None, site_name: str, note: str) -> None:
        """The site's name, what the code opens (`note`), the URL, and the code; without a URL, no code
        and a line saying why."""
        self.rule(gap=32)
        top = self.y
        code = qr.absolute(url)
        text_width = self.inner - (QR_PX + 32 if code else 0)
        self.text(site_name, 44, INK, bold=True, width=text_width, gap=10)
        self.text(note if code else t("share.no_url", self.lang), SMALL, MUTED, width=text_width, max_lines=3, gap=10)
        if code:
            self.text(code, 24, MUTED, width=text_width, max_lines=4, gap=0)
            self.qr = (self.width - self.pad - QR_PX, top, code)
        self.y = max(self.y, top + (QR_PX if code else 0)) + 48

    def png(self, url: str | None = None, site_name: str = "", note: str = "") -> bytes:
        """The image's bytes, with the footer (`footer`) when `site_name` is given: a palette PNG with no
        metadata (no timestamps)."""
        if site_name:
            self.footer(url, site_name, note)
        canvas = Canvas(self.width, self.y)
        canvas.box(0, 0, self.width, BAR, ACCENT)
        for x0, y0, x1, y1, fill in self.boxes:
            canvas.box(x0, y0, x1, y1, fill)
        for x, y, picture in self.images:
            canvas.picture(x, y, picture)
        if self.qr is not None:
            x, y, code = self.qr
            canvas.code(x, y, qr.image(code, QR_PX))
        for line in self.lines:
            if not canvas.line(line):
                break  # no CJK font: no text at all
        return canvas.png()


class Canvas:
    """Palette indices drawn directly (the share images; a card's 2x PNG, embeds/card_image.py): boxes in flat colours, pictures quantized on their own, text as
    its glyphs' coverage in LEVELS blends of its ink with the colour under it."""

    def __init__(self, width: int, height: int):
        self.colours: list[tuple[int, int, int]] = []
        self.known: dict[tuple[int, int, int], int] = {}
        self.img = Image.new("L", (width, height), self.index(_rgb(WHITE)))
        self.draw = ImageDraw.Draw(self.img)

    def index(self, rgb: tuple[int, int, int]) -> int:
        """The palette index of a colour, added when new; when the palette is full, the nearest colour."""
        if rgb not in self.known:
            if len(self.colours) == 256:
                return min(range(256), key=lambda i: sum((a - b) ** 2 for a, b in zip(self.colours[i], rgb)))
            self.known[rgb] = len(self.colours)
            self.colours.append(rgb)
        return self.known[rgb]

    def box(self, x0: int, y0: int, x1: int, y1: int, fill: str) -> None:
        self.draw.rectangle((x0, y0, x1 - 1, y1 - 1), fill=self.index(_rgb(fill)))

    def picture(self, x: int, y: int, picture: Image.Image) -> None:
        quantized = picture.convert("RGB").quantize(
            colors=PICTURE_COLOURS, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE
        )
        palette = quantized.getpalette() or []
        used = quantized.getextrema()[1] + 1  # type: ignore[index]
        lut = [self.index(tuple(palette[3 * i : 3 * i + 3])) for i in range(used)]
        indices = Image.frombytes("L", quantized.size, quantized.tobytes()).point(lut + [0] * (256 - len(lut)))
        self.img.paste(indices, (x, y))

    def code(self, x: int, y: int, code: Image.Image) -> None:
        dark = code.convert("L").point(lambda v: 255 if v < 128 else 0)
        offset = (QR_PX - code.width) // 2
        self.img.paste(self.index((0, 0, 0)), (x + offset, y + offset), dark)

    def line(self, line: Line) -> bool:
        """Draw one line; False when no CJK font exists."""
        width = stroke(line.size, line.bold) if line.stroke is None else line.stroke
        drawn = coverage(line.text, line.size, line.bold, width)
        if drawn is None:
            return False
        mask, dx, dy = drawn
        if mask is not None:
            ink, bg = _rgb(line.fill), _rgb(line.bg)
            levels = [self.index(bg)] + [self.index(_mix(bg, ink, k / LEVELS)) for k in range(1, LEVELS + 1)]
            at = (line.x + width + dx, line.y + dy)
            self.img.paste(mask.point([levels[k] for k in _LEVEL]), at, mask.point(_COVERED))
        return True

    def png(self) -> bytes:
        out = Image.frombytes("P", self.img.size, self.img.tobytes())
        out.putpalette([c for rgb in self.colours for c in rgb])
        buf = io.BytesIO()
        # zlib level 3: twice as fast as 6 on a 分享长图's 8 megapixels, for a file a fifth larger
        out.save(buf, format="PNG", optimize=False, compress_level=3)
        return buf.getvalue()


_LEVEL = [(v * LEVELS + 127) // 255 for v in range(256)]  # a glyph's coverage 0–255 as a blend level
_COVERED = [255 if k else 0 for k in _LEVEL]  # the pixels a glyph covers


def _rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def _mix(bg: tuple[int, int, int], ink: tuple[int, int, int], a: float) -> tuple[int, int, int]:
    return tuple(round(b + (i - b) * a) for b, i in zip(bg, ink))  # type: ignore[return-value]


def chart(
    title: str, image: bytes, source: str, url: str | None, site_name: str, note: str = "", lang: str = "zh"
) -> bytes:
    """A finished figure (say, a chart's PNG, drawn at the column's width or wider) framed as a share
    image: the title above it, the source line under it, the site's name and a QR code to `url`."""
    sheet = Sheet(lang=lang)
    sheet.text(title, TITLE, INK, bold=True, max_lines=4)
    with Image.open(io.BytesIO(image)) as picture:
        sheet.image(picture.convert("RGB"))
    sheet.text(source, SOURCE, MUTED, max_lines=6)
    return sheet.png(url, site_name, note or t("share.chart.note", lang))
