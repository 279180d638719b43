"""A fact card's image twin: embed/<slug>/card/<id>/card.svg and card.png (and card@2x.png, for screens
with two device pixels per pixel), for hosts without iframes (the embed code's <noscript>) and as its
oEmbed thumbnail; and its share image, share.png (profiles/outputs/share/), for WeChat and Weibo.

One layout (lines of text at pixel positions), drawn twice: as SVG text (title and desc carry the alt
text) and as PNG with Pillow, through the same CJK font lookup as the static maps. Lines are broken by
an estimate of glyph widths, not by a font's metrics, so the SVG is the same on every machine; the
estimate errs wide, so the PNG's text never runs past the edge. A resident process (`profiles serve`)
draws them in the worker processes it keeps warm for the map images (`staticmap.kept_workers`), so an
edit of sources.yaml that touches thirty cards does not draw them one by one in the build's process;
a one-off build draws many in a pool of its own, few here (`draw_many`). Each process keeps the lines
it rendered (`png`'s masks): an edit that changes one line of thirty cards renders that line again,
not the others.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass

from ...engine.rendering import Inputs, Output
from ...facts.texts import t
from ..share import FILE as SHARE_FILE
from ..staticmap import kept_workers
from ..staticmap.svgtext import esc as _esc
from ..staticmap.svgtext import marked, root_lang, title_lang
from .cards import CardPage, build_card_views, embed_path

WIDTH = 640
PAD = 28
BAR = 6  # the accent bar on the left, as on the page
INK, MUTED, ACCENT, LINE = "#1f2933", "#4f5764", "#3949ab", "#d5d9e0"
CAUTION = "#7a4100"  # a fact's caution: amber-brown, over 7:1 on white
FONT_FAMILY = '"Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", sans-serif'
MASKS = 1000  # rendered lines a process keeps at most (`png`'s masks; about 15 MB)


@dataclass(frozen=True)
class Line:
    text: str
    x: int
    y: int  # baseline
    size: int
    fill: str


def _glyph(ch: str, size: int) -> float:
    """An overestimate of one character's drawn width: CJK glyphs 1 em, others 0.62 em."""
    return size if ord(ch) > 0x2E7F else size * 0.62


def _width(text: str, size: int) -> float:
    """An overestimate of the drawn width of `text`."""
    return sum(_glyph(ch, size) for ch in text)


def wrap(text: str, size: int, width: float, lang: str = "zh") -> list[str]:
    """Greedy line breaks by estimated width (any character may end a line: CJK text has no spaces).
    The line's width runs along with it, added in the order `_width` adds it: the same breaks. In another
    language than Chinese, a line breaks at the space before a word it would split, when one is in its
    second half."""
    text = " ".join(text.split())
    lines, line, used = [], "", 0
    for ch in text:
        step = _glyph(ch, size)
        if line and used + step > width:
            space = line.rfind(" ") if lang != "zh" and ch != " " and ch.isascii() else -1
            if space > len(line) // 2 and line[space + 1 :].isascii():
                line, carried = line[:space], line[space + 1 :]
                lines.append(line.rstrip())
                line, used = carried + ch, _width(carried + ch, size)
                continue
            lines.append(line.rstrip())
            line = ch.lstrip()
            used = step if line else 0
        else:
            line += ch
            used += step
    if line:
        lines.append(line)
    return lines


def layout(c: CardPage) -> tuple[int, list[Line]]:
    """(height, lines) of the card's image."""
    inner = WIDTH - 2 * PAD - BAR
    x = PAD + BAR
    y = PAD
    lines: list[Line] = []

    lang = c.lang

    def block(text: str, size: int, fill: str, gap: int = 8, leading: float = 1.45) -> None:
        nonlocal y
        for part in wrap(text, size, inner, lang):
            y += round(size * leading)
            lines.append(Line(part, x, y - round(size * (leading - 1) / 2) - round(size * 0.2), size, fill))
        y += gap

    block(c.title, 22, INK, gap=4)
    block(c.value_text, 52, ACCENT, gap=4, leading=1.2)
    block(c.meta, 17, MUTED, gap=12)
    if c.caution:
        block(t("card.caution", lang, caution=c.caution), 17, CAUTION, gap=10)
    block(c.statement, 19, INK, gap=10)
    for q in c.quotes:
        block(t("card.quote", lang, quote=q), 17, MUTED, gap=10)
    block(t("card.sources", lang, sources=c.source_text), 16, MUTED, gap=14)
    footer = t("card.image.footer", lang, site=c.site_name, district=c.district, url=c.profile_url)
    block(footer, 14, MUTED, gap=0)
    return y + PAD, lines


def svg(c: CardPage, laid: tuple[int, list[Line]] | None = None) -> bytes:
    """`laid`: the card's `layout`, when the caller has it (draw lays a card out once for both images)."""
    height, lines = laid or layout(c)
    tid, did = f"card-{c.slug}-{c.id}-title", f"card-{c.slug}-{c.id}-desc"
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" viewBox="0 0 {WIDTH} {height}" '
        f'role="img" aria-labelledby="{_esc(tid)} {_esc(did)}" font-family=\'{FONT_FAMILY}\'{root_lang(c.lang)}>',
        f'<title id="{_esc(tid)}"{title_lang(c.title, c.lang)}>{_esc(c.title)}</title>',
        f'<desc id="{_esc(did)}"{title_lang(c.alt, c.lang)}>{_esc(c.alt)}</desc>',
        f'<rect width="{WIDTH}" height="{height}" fill="#ffffff"/>',
        f'<rect x="0.5" y="0.5" width="{WIDTH - 1}" height="{height - 1}" fill="none" stroke="{LINE}"/>',
        f'<rect width="{BAR}" height="{height}" fill="{ACCENT}"/>',
    ]
    for line in lines:
        weight = ' font-weight="bold"' if line.size >= 22 else ""
        out.append(
            f'<text x="{line.x}" y="{line.y}" font-size="{line.size}" fill="{line.fill}"{weight}>'
            f"{marked(line.text, c.lang)}</text>"
        )
    out.append("</svg>")
    return ("\n".join(out) + "\n").encode("utf-8")


def _private_drawing() -> bool:
    """Whether `png` may keep rendered lines, through Pillow's drawing core (`ImageDraw.Draw.draw`:
    `draw_ink`, `draw_bitmap`, and `getmask2`'s positional arguments), which is not public API: only on the
    Pillow line pyproject.toml pins (13.x), where it is what `ImageDraw.text` does (tests/test_embeds_cards.py
    compares the two). Any other Pillow draws with `ImageDraw.text`: the same pixels, a fifth slower."""
    import PIL  # deferred: Pillow, only when a card's image is drawn

    return PIL.__version__.split(".")[0] == "13"


def png(c: CardPage, laid: tuple[int, list[Line]] | None = None, masks: dict | None = None, scale: int = 1) -> bytes:
    """The same drawing as `svg(c)`; text only if a CJK font exists (never tofu boxes).
    `masks`: each line's rendered glyphs (Pillow's `FreeTypeFont.getmask2`, what `ImageDraw.text` draws),
    kept by the caller between cards: a line another card showed is not rendered again."""
    from PIL import Image, ImageColor, ImageDraw  # deferred: Pillow, only when a card's image must be drawn

    from ..staticmap.atlas import CJK_FONT_CANDIDATES  # deferred: shapely (via the map layout)
    from ..staticmap.render import font  # deferred: Pillow and shapely, as above

    masks = {} if masks is None else masks
    if len(masks) > MASKS:
        masks.clear()
    height, lines = laid or layout(c)
    img = Image.new("RGB", (WIDTH, height), "#ffffff")
    draw = ImageDraw.Draw(img)
    draw.rectangle((0, 0, WIDTH - 1, height - 1), outline=LINE)
    draw.rectangle((0, 0, BAR - 1, height - 1), fill=ACCENT)
    private = _private_drawing()
    for line in lines:
        face = font(line.size, CJK_FONT_CANDIDATES)
        if face is None:
            break
        if not private:  # the public call, the same pixels: each line rendered again
            bold = 1 if line.size >= 22 else 0
            draw.text((line.x, line.y), line.text, fill=line.fill, font=face, anchor="ls", stroke_width=bold, stroke_fill=line.fill)  # fmt: skip
            continue
        # What ImageDraw.text does for one line of text, anchor "ls", bold as a stroke of the text's own
        # colour (drawn once): render the mask, then blend the ink through it at the mask's offset.
        ink = draw.draw.draw_ink(ImageColor.getcolor(line.fill, "RGB"))
        key = (face.path, face.index, line.size, line.text, ink)
        if key not in masks:
            bold = 1 if line.size >= 22 else 0
            masks[key] = face.getmask2(
                line.text, "L", None, None, None, bold, "ls", ink, (0.0, 0.0), stroke_filled=True
            )
        mask, (dx, dy) = masks[key]
        draw.draw.draw_bitmap((line.x + dx, line.y + dy), mask, ink)
    img = img.quantize(colors=64, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE)
    buf = io.BytesIO()
    img.save(buf, format="PNG", optimize=False, compress_level=6)  # no pnginfo: no timestamps
    return buf.getvalue()


def png2x(c: CardPage, laid: tuple[int, list[Line]] | None = None) -> bytes:
    """card@2x.png: `png`'s drawing with twice the pixels each way, set from the glyphs a process keeps
    and drawn straight into a palette (profiles/outputs/share/frame.py `Canvas`): a third of the time `png`'s way
    took at 2x, for the same lines at the same places (glyphs placed by their advances, not kerned)."""
    from ..share.frame import WHITE, Canvas  # deferred: Pillow and numpy, only when a card's image is drawn
    from ..share.frame import Line as Drawn  # deferred: as above

    height, lines = laid or layout(c)
    canvas = Canvas(2 * WIDTH, 2 * height)
    canvas.box(0, 0, 2 * WIDTH, 2 * height, LINE)
    canvas.box(2, 2, 2 * WIDTH - 2, 2 * height - 2, WHITE)
    canvas.box(0, 0, 2 * BAR, 2 * height, ACCENT)
    for line in lines:
        width = 2 if line.size >= 22 else 0  # the 1x image's bold stroke, twice as wide
        at = (2 * line.x - width, 2 * line.y)  # the pen where `png` puts it: the stroke before it
        if not canvas.line(Drawn(line.text, *at, 2 * line.size, line.fill, bool(width), 0, 2 * WIDTH, stroke=width)):
            break  # no CJK font: no text at all, as in `png`
    return canvas.png()


def png_size(data: bytes) -> tuple[int, int]:
    """(width, height) from a PNG's header."""
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


def draw(c: CardPage, inputs=None, masks: dict | None = None) -> dict[str, bytes]:
    """The card's files (`masks`: see `png`): SVG, PNG, the PNG at 2x, and its share image (the card laid
    out anew at 1080 px with the site's name and a QR code: profiles/outputs/share/draw.py)."""
    from ..share import draw as share  # deferred: Pillow and segno, only when a card's images are drawn

    base = embed_path(c.slug, c.id)
    laid = layout(c)
    return {
        f"{base}card.svg": svg(c, laid),
        f"{base}card.png": png(c, laid, masks),
        f"{base}card@2x.png": png2x(c, laid),
        f"{base}{SHARE_FILE}": share.card(c),
    }


def draw_kept(c: CardPage, kept: dict) -> dict[str, bytes]:
    """`draw` in a worker process (`staticmap.atlas.start_jobs`), which keeps its rendered lines."""
    return draw(c, masks=kept.setdefault("card-masks", {}))


def draw_many(views: list[CardPage], inputs: Inputs) -> Callable[[], list[dict[str, bytes]]]:
    """Start drawing the cards' images while the build goes on; the returned function waits for them.
    A resident process draws them in the drawing processes it keeps warm for the map images; a one-off
    build with many cards in a pool of its own; few cards are drawn here. The same bytes wherever drawn:
    a card's images depend on its view alone (the rendered lines a process keeps only save time)."""
    from ..staticmap.atlas import start_jobs  # deferred: shapely and Pillow, only when a card is drawn

    jobs = list(views)

    def here() -> list[dict[str, bytes]]:
        masks = inputs.resource("card-masks", lambda: inputs.cache.keep("card-masks", dict))
        return [draw(c, masks=masks) for c in jobs]

    return start_jobs(draw_kept, jobs, here, kept_workers(inputs))


CARD_IMAGES = Output(
    "card-image",
    collect=lambda i: ((path.removesuffix("index.html") + "card", view) for path, view in build_card_views(i)),
    render=draw,
    render_many=draw_many,
)
