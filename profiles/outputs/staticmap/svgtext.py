"""Text as our SVG images write it (the static maps, the fact cards' images): escaped for XML, and on an image in
another language than Chinese, each stretch of Chinese (a name still untranslated, a source's title) marked
`<tspan lang="zh-CN">`, so a screen reader switches voice (issue #25). Light: no Pillow, no shapely."""

from __future__ import annotations

import re
from xml.sax.saxutils import escape

__all__ = ["esc", "marked", "root_lang", "title_lang"]

_XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")  # not allowed in XML 1.0
_CJK = "\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef"  # ideographs, CJK punctuation, full-width forms
# A stretch of Chinese: from its first CJK character to its last, across what is not a Latin letter between
# (digits, spaces, punctuation: "华星光电 8.6 代线" is one stretch).
_CHINESE = re.compile(f"[{_CJK}]+(?:[^A-Za-z{_CJK}]*[{_CJK}]+)*")


def esc(text: str) -> str:
    """`text` escaped for XML text and attribute values (characters XML 1.0 forbids dropped)."""
    return escape(_XML_BAD.sub("", text), {'"': "&quot;"})


def marked(text: str, lang: str) -> str:
    """`text` escaped, its Chinese stretches in `<tspan lang="zh-CN">` on an image in `lang` other than Chinese;
    on a Chinese image exactly `esc(text)`."""
    if lang == "zh":
        return esc(text)
    out, at = [], 0
    for m in _CHINESE.finditer(text):
        out += [esc(text[at : m.start()]), f'<tspan lang="zh-CN">{esc(m.group())}</tspan>']
        at = m.end()
    return "".join(out) + esc(text[at:])


def root_lang(lang: str) -> str:
    """The root element's language attribute for an image in `lang` (none on a Chinese image: its bytes stay as
    they were before there was an English edition)."""
    return "" if lang == "zh" else f' lang="{lang}"'


def title_lang(text: str, lang: str) -> str:
    """The language attribute of a text-only element (`<title>`) holding `text` on an image in `lang`: Chinese
    text on a non-Chinese image says so; otherwise none."""
    return ' lang="zh-CN"' if lang != "zh" and _CHINESE.search(text) else ""
