"""Each kind of share image as blocks of a `frame.Sheet`: a fact card's, a map's and a district's
分享长图. Only what the view holds is drawn (profiles/outputs/share/images.py; a card's view is the card page's
own, profiles/outputs/embeds/cards.py); no text is typed in here beyond the labels that name each part.

A map is drawn untitled at `MAP_WIDTH` layout pixels and `MAP_SCALE` device pixels each (the column's
width: its labels as large on a phone as the site's own small print), by the atlas of the process that
draws (a drawing worker's, or the build's); `kept` holds the last few, so a district's map share and
its 分享长图, drawn one after the other, lay out and paint the map once.
"""

from __future__ import annotations

from typing import Any

from ...facts.texts import t
from . import goals_word, projects_word
from .frame import ACCENT, BODY, INK, META, MUTED, SOURCE, TITLE, VALUE, Sheet
from .frame import INNER as COLUMN

MAP_SCALE = 2
MAP_WIDTH = COLUMN // MAP_SCALE  # layout px: the map fills the column
MAPS_KEPT = 4  # maps a process keeps (about 3 MB each)
HEADING = 46


def card(c: Any) -> bytes:
    """A fact card (`embeds.cards.CardPage`): the figure, what it measures, its statement and quote, the
    sources; the code opens the card's entry on the profile."""
    lang = c.lang
    sheet = Sheet(lang=lang)
    sheet.text(c.title, TITLE, INK, bold=True, max_lines=4)
    sheet.text(c.value_text, VALUE, ACCENT, bold=True, max_lines=2, leading=1.2, gap=12)
    sheet.text(c.meta, META, MUTED, max_lines=3, gap=28)
    sheet.text(c.statement, BODY, INK, max_lines=10, gap=24)
    for q in c.quotes:  # each passage its own quote, never joined
        sheet.text(t("card.quote", lang, quote=q), META, MUTED, max_lines=8, gap=24)
    sheet.text(t("card.sources", lang, sources=c.source_text), SOURCE, MUTED, max_lines=6)
    return sheet.png(c.profile_url, c.site_name, t("share.card.note", lang, district=c.district))


def map_image(view: Any, atlas: Any, kept: dict) -> Any:
    """The map of a `staticmap.Image` view, untitled, as wide as the column (a Pillow image), or None
    without an atlas (no boundaries)."""
    if atlas is None:
        return None
    maps = kept.setdefault("share-maps", {})
    key = view  # what the map shows, its boundaries and labels named by their digests
    if key not in maps:
        if len(maps) >= MAPS_KEPT:
            maps.pop(next(iter(maps)))
        maps[key] = atlas.image(
            view.title, view.highlight, list(view.points), MAP_WIDTH, MAP_SCALE, titled=False, lang=view.lang
        )
    return maps[key]


def map_share(v: Any, atlas: Any, kept: dict) -> bytes:
    """A map (`images.MapShare`): its title, the map with its legend and credit, the sources of its points."""
    sheet = Sheet(lang=v.lang)
    sheet.text(v.title, TITLE, INK, bold=True, max_lines=4)
    drawn = map_image(v.image, atlas, kept)
    if drawn is not None:
        sheet.image(drawn)
    sheet.text(v.source, SOURCE, MUTED, max_lines=6)
    return sheet.png(v.url, v.site_name, v.note)


def _heading(sheet: Sheet, text: str) -> None:
    sheet.space(24)
    sheet.text(text, HEADING, INK, bold=True, max_lines=2, gap=16)


def _figures(sheet: Sheet, figures) -> None:
    cells = []
    for f in figures:
        cell = [(f.value, 64, ACCENT, True, 2), (f.label, 34, INK, False, 3), (f.meta, 26, MUTED, False, 3)]
        if f.verdict:
            cell.append((f.verdict, 28, INK, True, 3))
        cells.append(cell)
    sheet.cells(cells)


def long_image(v: Any, atlas: Any, kept: dict) -> bytes:
    """A district's 分享长图 (`images.LongImage`): name and role line, key and headline figures, the map,
    the first goals of each theme with their status, the sources by name and date, the data's date."""
    lang = v.lang
    sheet = Sheet(lang=lang)
    sheet.text(v.name, 88, INK, bold=True, max_lines=2, leading=1.25, gap=4)
    sheet.text(v.en, META, MUTED, max_lines=2, gap=18)
    if v.role:
        sheet.text(v.role, BODY, INK, max_lines=6, gap=20)
    if v.key_figures:
        _heading(sheet, t("share.long.key_figures", lang))
        _figures(sheet, v.key_figures)
    if v.figures:
        _heading(sheet, t("share.long.figures", lang))
        _figures(sheet, v.figures)
    if v.map is not None:
        drawn = map_image(v.map, atlas, kept)
        if drawn is not None:
            _heading(sheet, t("share.long.map", lang, projects=projects_word(lang)))
            sheet.image(drawn)
    if v.themes:
        _heading(sheet, t("share.long.goals", lang, goals=goals_word(lang), count=v.per_theme))
        for theme in v.themes:
            name = (
                t("share.long.theme.more", lang, theme=theme.name, count=theme.total)
                if theme.total > len(theme.goals)
                else theme.name
            )
            sheet.text(name, 38, ACCENT, bold=True, max_lines=2, gap=8)
            for g in theme.goals:
                sheet.text(g.target, 40, INK, bold=True, max_lines=2, gap=0)
                sheet.text(g.statement, 34, INK, max_lines=5, gap=0)
                sheet.text(g.meta, 28, MUTED, max_lines=3, gap=18)
    _heading(sheet, t("share.long.sources", lang))
    for line in v.sources:
        sheet.text(line, 28, MUTED, max_lines=4, gap=6)
    if v.more_sources:
        sheet.text(t("share.long.more_sources", lang, count=v.more_sources), 28, MUTED, gap=6)
    if v.as_of:
        sheet.space(12)
        sheet.text(t("share.long.as_of", lang, as_of=v.as_of), SOURCE, INK, max_lines=2)
    return sheet.png(v.url, v.site_name, v.note)
