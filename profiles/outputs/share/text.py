"""Text as the share images draw it: one line of drawable characters (`clean`), the face that draws each
character (the CJK face, else a fallback face for what it lacks: Arabic, Hebrew, many symbols; else the
CJK face's missing-glyph box), lines broken by the advances of the very glyphs drawn and measured again
as shaped (`wrap`), so no line runs past its column whatever its script.

Without a CJK font lines are still laid out (by an estimate of glyph widths, the card images' rule) but
no text is drawn (`runs` gives no face), as with the maps and cards: never tofu boxes.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from ..staticmap.atlas import CJK_FONT_CANDIDATES
from ..staticmap.render import font as cjk_font

FALLBACK_FONTS = (  # for characters the CJK face lacks (Arabic, Hebrew, many symbols)
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/TTF/DejaVuSans.ttf",
)
CLOSING = set("，。、；：？！）》」』】〕”’…,.;:?!)]}%")  # never starts a line


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


def runs(text: str, size: int) -> list[tuple[str, ImageFont.FreeTypeFont | None, bool]]:
    """`text` split into runs drawn by one face each, in order: (text, face, simple). A simple run (ASCII,
    CJK) is set glyph by glyph from the glyphs a process keeps (`_glyph`); any other is shaped whole
    (bidi, joining scripts, combining marks)."""
    out: list[tuple[str, ImageFont.FreeTypeFont | None, bool]] = []
    for ch in text:
        face, simple = face_for(ch, size), _common(ch)
        if out and out[-1][1] is face and out[-1][2] == simple:
            out[-1] = (out[-1][0] + ch, face, simple)
        else:
            out.append((ch, face, simple))
    return out


def stroke(size: int, bold: bool) -> int:
    return max(1, size // 26) if bold else 0


# Known, not yet found: in a test session that has run many builds, one 分享长图 was once drawn with different
# bytes than a fresh process draws it (tests/test_history.py now compares fresh builds). These per-process
# memos are keyed by their arguments only; the font a process finds is assumed not to change.
@lru_cache(maxsize=65536)
def advance(ch: str, size: int) -> float:
    face = face_for(ch, size)
    if face is None:  # no font: an overestimate (CJK 1 em, others 0.62 em; the card images' rule)
        return size if ord(ch) > 0x2E7F else size * 0.62
    return face.getlength(ch)


@lru_cache(maxsize=4096)
def measure(text: str, size: int, bold: bool = False) -> float:
    """The drawn width of one line, as `coverage` sets it."""
    total = 0.0
    for part, face, simple in runs(text, size):
        total += face.getlength(part) if face is not None and not simple else sum(advance(ch, size) for ch in part)
    return total + 2 * stroke(size, bold)


@lru_cache(maxsize=30000)  # ~40 MB at most; CJK text repeats its characters, an edit's image finds most here
def _glyph(face: ImageFont.FreeTypeFont, text: str, width: int) -> tuple[np.ndarray | None, int, int]:
    """The coverage of `text` drawn alone (a glyph, or a shaped run) and its top-left corner relative to
    the pen on the baseline; None when nothing shows (a space)."""
    x0, y0, x1, y1 = face.getbbox(text, anchor="ls", stroke_width=width)
    if x1 <= x0 or y1 <= y0:
        return None, 0, 0
    mask = Image.new("L", (x1 - x0, y1 - y0), 0)
    ImageDraw.Draw(mask).text((-x0, -y0), text, fill=255, font=face, anchor="ls", stroke_width=width, stroke_fill=255)
    return np.asarray(mask), x0, y0


def coverage(
    text: str, size: int, bold: bool = False, width: int | None = None
) -> tuple[Image.Image | None, int, int] | None:
    """One line's glyph coverage (an "L" image) and its top-left corner relative to the pen's start on the
    baseline (the line's x plus its stroke); (None, 0, 0) when nothing shows; None without a CJK font.
    `width`: the bold stroke's, when not `stroke(size, bold)`."""
    width = stroke(size, bold) if width is None else width
    pieces: list[tuple[np.ndarray, int, int]] = []
    x = 0.0
    for part, face, simple in runs(text, size):
        if face is None:
            return None
        for piece in part if simple else (part,):
            found, dx, dy = _glyph(face, piece, width)
            if found is not None:
                pieces.append((found, round(x) + dx, dy))
            x += advance(piece, size) if simple else face.getlength(piece)
    if not pieces:
        return None, 0, 0
    left, top = min(p[1] for p in pieces), min(p[2] for p in pieces)
    right = max(p[1] + p[0].shape[1] for p in pieces)
    bottom = max(p[2] + p[0].shape[0] for p in pieces)
    line = np.zeros((bottom - top, right - left), np.uint8)
    for found, px, py in pieces:
        area = line[py - top : py - top + found.shape[0], px - left : px - left + found.shape[1]]
        np.maximum(area, found, out=area)
    return Image.fromarray(line, "L"), left, top


def _word(ch: str) -> bool:
    """Part of a word a line should not split: Latin letters and digits, and what joins them in a number,
    a date or a file name (2025-02-07, 5.5%, map_2)."""
    return ch.isascii() and (ch.isalnum() or ch in "-._%")


def _break_at(text: str, n: int) -> int:
    """Where a line of `text` that fits `n` characters ends: not inside a word (a Latin word, a number, a
    date) when a break before it leaves the line at least half full; not before closing punctuation or
    a combining mark."""
    if n >= len(text):
        return n
    if _word(text[n - 1]) and _word(text[n]):
        start = n - 1
        while start > 0 and _word(text[start - 1]):
            start -= 1
        if start > n // 2:
            n = start
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
