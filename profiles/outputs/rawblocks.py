"""Let MkDocs skip re-parsing the HTML blocks of our generated pages (an accelerator, not a need).

Why: a district page is mostly HTML blocks (tables, lists, the map figure) that Python-Markdown only
stashes and prints back unchanged — after MkDocs' anchor collector and its own html_block
preprocessor have each run `html.parser` over every tag. At a thousand districts that parsing was
half of the MkDocs build. The page templates set `gz_raw_blocks: true` in the front matter; for
those pages the hook (profiles/mkdocs_hooks.py) swaps each HTML block for a one-line placeholder
comment before Markdown runs, and puts the block back into the HTML afterwards. Headings stay
Markdown, so the table of contents and permalinks are made as before. Without the hook (Zensical
ignores `hooks:`) the same pages render the slow way, to the same HTML: tests/test_rawblocks.py
builds both and compares.

Data cannot forge a placeholder: everything from YAML is HTML-escaped, so no `<!--` reaches a page
from the data, and a placeholder that is not ours is left as it is.
"""

from __future__ import annotations

import re

FLAG = "gz_raw_blocks"
_PLACEHOLDER = "<!--gz-raw-block:{}-->"
_RESTORE = re.compile(r"<!--gz-raw-block:(\d+)-->")
# Where a block starts: a block-level tag at the start of the body or after a blank line, as our
# templates write them. It ends where that element closes — not at a blank line, which data may hold
# (Markdown's own HTML block parser also follows the element to its end tag).
_START = re.compile(r"(?:\A|(?<=\n\n))<(?:div|figure|details|ul|ol|dl|table|p|section|nav|article)\b")
# A tag of our generated HTML (also read by profiles/outputs/search.py): groups closing "/", name, attributes,
# self-closing "/"; or a comment (no groups). Every "<" on our pages starts a tag we wrote: data
# reaches them HTML-escaped.
TAG = re.compile(r"<!--.*?-->|<(/?)([A-Za-z][A-Za-z0-9]*)\b((?:[^>\"']|\"[^\"]*\"|'[^']*')*?)(/?)>", re.S)
TAB_LENGTH = 4  # Python-Markdown's default, which MkDocs keeps
VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})


def _end_of_element(text: str, start: int) -> int | None:
    depth = 0
    for m in TAG.finditer(text, start):
        closing, tag, self_closing = m.group(1), (m.group(2) or "").lower(), m.group(4)
        if not tag or tag in VOID or self_closing:
            continue
        depth += -1 if closing else 1
        if depth == 0:
            return m.end()
    return None  # unclosed: leave it to Markdown


def normalize(text: str) -> str:
    """What Python-Markdown's NormalizeWhitespace does to the whole page before it reads any HTML: a
    stashed block must be the text Markdown would have printed (tabs expanded, CR folded...)."""
    text = text.replace("\x02", "").replace("\x03", "").replace("\r\n", "\n").replace("\r", "\n")
    return re.sub(r"(?<=\n) +\n", "\n", text.expandtabs(TAB_LENGTH))


def stash(markdown: str) -> tuple[str, list[str]]:
    """The page with its top-level HTML elements replaced by placeholders, and the elements in order."""
    markdown = normalize(markdown)
    blocks: list[str] = []
    out: list[str] = []
    pos = 0
    while (m := _START.search(markdown, pos)) is not None:
        end = _end_of_element(markdown, m.start())
        if end is None:
            break
        # Elements that follow on the next lines (no blank line between) belong to the same block.
        while end < len(markdown) - 1 and markdown[end] == "\n" and markdown[end + 1] == "<":
            more = _end_of_element(markdown, end + 1)
            if more is None:
                break
            end = more
        out.append(markdown[pos : m.start()])
        out.append(_PLACEHOLDER.format(len(blocks)))
        blocks.append(markdown[m.start() : end])
        pos = end
    out.append(markdown[pos:])
    return "".join(out), blocks


def restore(html: str, blocks: list[str]) -> str:
    """The rendered page with each placeholder replaced by its block, exactly as written."""
    return _RESTORE.sub(lambda m: blocks[int(m.group(1))] if int(m.group(1)) < len(blocks) else m.group(0), html)
