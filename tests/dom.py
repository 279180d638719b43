"""A page's HTML as a tree, read with the standard library's parser: find an element by its id, tag, class or
attributes, then read its attributes, its text, or its exact source (a test about escaping reads the bytes)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser

import markdown
import yaml

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


@dataclass(eq=False)
class Element:
    tag: str
    attrs: dict[str, str | None]
    doc: str = field(repr=False)
    start: int = 0  # offsets of the element's source in `doc`, its tags included
    end: int = 0
    children: list[Element | str] = field(default_factory=list, repr=False)

    def __getitem__(self, name: str) -> str | None:
        return self.attrs[name]

    @property
    def source(self) -> str:
        return self.doc[self.start : self.end]

    @property
    def text(self) -> str:
        """The text inside, entities decoded, tags dropped."""
        return "".join(c if isinstance(c, str) else c.text for c in self.children)

    @property
    def classes(self) -> list[str]:
        return (self.attrs.get("class") or "").split()

    def iter(self) -> Iterator[Element]:
        for child in self.children:
            if isinstance(child, Element):
                yield child
                yield from child.iter()

    def find_all(self, tag: str | None = None, *, cls: str | None = None, **attrs: str | bool) -> list[Element]:
        """Elements inside with this tag, class and attributes (`data_gz_embed` is `data-gz-embed`; True: present)."""
        wanted = {name.rstrip("_").replace("_", "-"): value for name, value in attrs.items()}
        return [
            e
            for e in self.iter()
            if (tag is None or e.tag == tag)
            and (cls is None or cls in e.classes)
            and all(
                (name in e.attrs) if value is True else e.attrs.get(name) == value for name, value in wanted.items()
            )
        ]

    def find(self, tag: str | None = None, *, cls: str | None = None, **attrs: str | bool) -> Element:
        """The one element inside that matches (an assertion error names what was looked for otherwise)."""
        found = self.find_all(tag, cls=cls, **attrs)
        assert len(found) == 1, f"{len(found)} elements match {tag or '*'} class={cls} {attrs}"
        return found[0]


class _Builder(HTMLParser):
    def __init__(self, doc: str) -> None:
        super().__init__(convert_charrefs=True)
        self.doc = doc
        self.lines = [0] + [i + 1 for i, ch in enumerate(doc) if ch == "\n"]
        self.root = Element("#document", {}, doc, 0, len(doc))
        self.open = [self.root]

    def _offset(self) -> int:
        line, column = self.getpos()
        return self.lines[line - 1] + column

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        start = self._offset()
        element = Element(tag, dict(attrs), self.doc, start, start + len(self.get_starttag_text() or ""))
        self.open[-1].children.append(element)
        if tag not in VOID:
            self.open.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        start = self._offset()
        end = start + len(self.get_starttag_text() or "")
        self.open[-1].children.append(Element(tag, dict(attrs), self.doc, start, end))

    def handle_endtag(self, tag: str) -> None:
        if not any(e.tag == tag for e in self.open[1:]):
            return  # a stray end tag, as a browser ignores it
        end = self.doc.index(">", self._offset()) + 1
        while self.open[-1].tag != tag:  # elements left open (a <p> closed by its parent) end here
            self.open.pop().end = end
        self.open.pop().end = end

    def handle_data(self, data: str) -> None:
        self.open[-1].children.append(data)


def parse(html: str) -> Element:
    builder = _Builder(html)
    builder.feed(html)
    builder.close()
    for element in builder.open[1:]:
        element.end = len(html)
    return builder.root


def markdown_page(page: str) -> tuple[dict, Element]:
    """A generated Markdown page as MkDocs reads it: its front matter, and its body converted to HTML (with the
    extensions the pages rely on: attribute lists for headings' anchors, the table of contents)."""
    _, front, body = page.split("---\n", 2)
    html = markdown.markdown(body, extensions=["attr_list", "toc"])
    return yaml.safe_load(front) or {}, parse(html)


HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")
TEXT_ATTRS = ("alt", "title", "aria-label", "placeholder", "content")


def chinese_outside_lang(root: Element, lang: str | None = None) -> list[str]:
    """Runs of Chinese characters an English page shows outside elements marked `lang="zh…"`: in text, and in
    the attributes readers meet (alt, title, aria-label, placeholder; a <meta>'s content). Scripts and styles are
    not text. Issue #25: screen readers read these in the page's language."""
    found: list[str] = []
    for child in root.children:
        if isinstance(child, str):
            if not (lang or "").startswith("zh"):
                found += HAN.findall(child)
            continue
        if child.tag in ("script", "style", "template"):
            continue
        inner = child.attrs.get("lang") if "lang" in child.attrs else lang
        if not (inner or "").startswith("zh"):
            for name in TEXT_ATTRS:
                found += HAN.findall(child.attrs.get(name) or "")
        found += chinese_outside_lang(child, inner)
    return found
