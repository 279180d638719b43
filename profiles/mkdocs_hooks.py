"""MkDocs hooks (mkdocs.yml `hooks:`): small, and only calling the package. The site builds the same
without them (Zensical ignores hooks); they make MkDocs faster on generated pages (profiles/rawblocks.py)."""

from __future__ import annotations

import sys
from pathlib import Path

if __package__ in (None, ""):  # loaded by path by a bare `mkdocs build`: make the package importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from profiles import rawblocks  # noqa: E402

BLOCKS = "_gz_stashed_blocks"  # the page's stashed blocks ride on the page object between the two events


def on_page_markdown(markdown, page, **kwargs):
    if not page.meta.get(rawblocks.FLAG):
        return markdown
    markdown, blocks = rawblocks.stash(markdown)
    setattr(page, BLOCKS, blocks)
    return markdown


def on_page_content(html, page, **kwargs):
    blocks = getattr(page, BLOCKS, None)
    if blocks is None:
        return html
    delattr(page, BLOCKS)
    return rawblocks.restore(html, blocks)
