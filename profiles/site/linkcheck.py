"""Integrity check over a built site: `python -m profiles check [--site site]`.

Every internal link, anchor, iframe, script, stylesheet and image must resolve to a file in the site
(and an `#anchor` to an id in the target page), no link may use a javascript:/data: URL, and every
external http(s) URL — in the pages and in data/sources.yaml — must be well-formed. The Atom feeds too:
each is well-formed XML, its entries' ids are unique, and every link and id under the site's address (the
feed's own, from its rel="self" link) resolves to a file and an anchor in the site. External URLs are
never fetched: the check runs offline, in CI, in a second.

Why a separate check when MkDocs validates links: MkDocs sees Markdown links only, not the HTML our
templates write (tables, map iframes, embed assets) nor Material's own theme links; a renamed embed
folder or a typo in a template would ship as a 404.
"""

from __future__ import annotations

import ipaddress
import posixpath
import re
from dataclasses import dataclass
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit
from xml.etree import ElementTree

from ..ingest.yamlload import load

# What each kind of reference is called in a message, by element and attribute.
KINDS = {
    ("a", "href"): "链接",
    ("area", "href"): "链接",
    ("iframe", "src"): "嵌入框",
    ("iframe", "data-gz-src"): "嵌入框",  # our map frames: mapframe.js sets src from it after load
    ("script", "src"): "脚本",
    ("link", "href"): "资源",
    ("img", "src"): "图片",
    ("source", "src"): "媒体",
}
_ATTRIBUTES = tuple(dict.fromkeys(attr for _, attr in KINDS))  # href, src, data-gz-src: read in this order
# Links that go nowhere on purpose (Material's "back to top" and drawer toggles use these).
_NOWHERE = {"", "#"}
_HOST = re.compile(r"^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.?$")
# RFC 3986 characters, plus any non-ASCII (an IRI: browsers percent-encode it themselves).
_URL_CHARS = re.compile(r"^(?:[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2}|[^\x00-\x7f])*$")
_UNSAFE = re.compile(r"^(?:javascript|data|vbscript|file):", re.I)


@dataclass(frozen=True)
class Finding:
    file: str  # as shown: site/districts/haizhu/index.html or data/sources.yaml:12:10
    message: str

    def format(self) -> str:
        return f"{self.file}: {self.message}"


def well_formed_http(url: str) -> bool:
    """An absolute http(s) URL a browser reads the same way everywhere: a host, no spaces or quotes."""
    if not _URL_CHARS.match(url) or url.count("#") > 1:
        return False
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number 0–65535
        host = (parts.hostname or "").encode("idna").decode("ascii")
    except (ValueError, UnicodeError):
        return False
    if parts.scheme not in ("http", "https") or url[: len(parts.scheme) + 3].lower() != parts.scheme + "://":
        return False
    if ":" in host:  # an IPv6 literal, written in brackets
        try:
            ipaddress.IPv6Address(host)
        except ValueError:
            return False
        return True
    return bool(_HOST.match(host))


class _Page(HTMLParser):
    """The references a page makes and the ids it offers as anchors."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.refs: list[tuple[str, str]] = []  # (kind, url)
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list) -> None:
        a = {k: v for k, v in attrs if v is not None}
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "a" and "name" in a:
            self.ids.add(a["name"])
        for attr in _ATTRIBUTES:
            kind = KINDS.get((tag, attr))
            if kind and attr in a:
                self.refs.append((kind, a[attr].strip()))

    handle_startendtag = handle_starttag


@lru_cache(maxsize=4096)
def _parse(path: Path, mtime_ns: int) -> _Page:
    page = _Page()
    page.feed(path.read_bytes().decode("utf-8", errors="replace"))
    page.close()
    return page


def _page(path: Path) -> _Page:
    return _parse(path, path.stat().st_mtime_ns)


def _target(site: Path, page_rel: str, path: str) -> tuple[Path | None, str]:
    """The file a site-relative reference resolves to (None: it leaves the site) and its site path."""
    base = "" if path.startswith("/") else posixpath.dirname(page_rel)  # "/x": from the site root
    rel = posixpath.normpath(posixpath.join(base, unquote(path).lstrip("/")))
    if rel == ".." or rel.startswith("../"):
        return None, rel
    if path.endswith("/") or rel == ".":
        rel = "index.html" if rel == "." else rel + "/index.html"
    file = site / rel
    if file.is_dir():
        file, rel = file / "index.html", rel + "/index.html"
    return file, rel


def check_page(site: Path, file: Path, shown: str, base_path: str = "/") -> list[Finding]:
    """`base_path`: where the site is published (site_url's path, e.g. "/gz-profiles/"): MkDocs writes
    root-absolute addresses under it (the 404 page's assets)."""
    page_rel = file.relative_to(site).as_posix()
    where = f"{shown}/{page_rel}"
    out: list[Finding] = []
    for kind, url in _page(file).refs:
        if url in _NOWHERE:
            continue
        if _UNSAFE.match(re.sub(r"[\x00-\x20]", "", url)):
            out.append(Finding(where, f"{kind} {url[:80]} 使用了不安全的协议（只允许站内地址和 http/https）"))
            continue
        parts = urlsplit(url)
        if parts.scheme in ("http", "https") or url.startswith("//"):
            if not well_formed_http(url):
                out.append(Finding(where, f"{kind} {url[:80]} 不是格式正确的 http(s) 网址"))
            continue
        if parts.scheme in ("mailto", "tel"):
            continue
        if parts.scheme:
            out.append(Finding(where, f"{kind} {url[:80]} 使用了不认识的协议 {parts.scheme}:"))
            continue
        if not parts.path:  # "#anchor" on the same page
            target, rel = file, page_rel
        else:
            path = parts.path
            if base_path != "/" and path.startswith(base_path):
                path = "/" + path[len(base_path) :]
            target, rel = _target(site, page_rel, path)
            if target is None:
                out.append(Finding(where, f"{kind} {url} 指向网站目录以外"))
                continue
            if not target.is_file():
                out.append(Finding(where, f"{kind} {url} 指向不存在的文件"))
                continue
        anchor = unquote(parts.fragment)
        if anchor and target.suffix == ".html" and anchor not in _page(target).ids:
            out.append(Finding(where, f"{kind} {url} 指向的锚点 #{anchor} 在 {shown}/{rel} 里不存在"))
    return out


ATOM = "{http://www.w3.org/2005/Atom}"


def check_feed(site: Path, file: Path, shown: str) -> list[Finding]:
    """An Atom feed's findings (none for other XML, such as sitemap.xml): its links and entry ids under the
    feed's own site address resolve in `site`, the others are well-formed http(s); entry ids are unique."""
    rel = file.relative_to(site).as_posix()
    where = f"{shown}/{rel}"
    try:
        root = ElementTree.parse(file).getroot()
    except ElementTree.ParseError as exc:
        return [Finding(where, f"不是格式正确的 XML：{exc}")]
    if root.tag != f"{ATOM}feed":
        return []  # sitemap.xml and other XML: not a feed
    self_link = next((link.get("href", "") for link in root.findall(f"{ATOM}link") if link.get("rel") == "self"), "")
    if not self_link.endswith("/" + rel):
        return [Finding(where, f'订阅源的 rel="self" 地址 {self_link[:80]} 与它在网站中的位置不符')]
    base = self_link[: -len(rel)]
    out: list[Finding] = []
    ids = [e.findtext(f"{ATOM}id", "") for e in root.findall(f"{ATOM}entry")]
    for ident in sorted({i for i in ids if ids.count(i) > 1}):
        out.append(Finding(where, f"条目编号 {ident[:80]} 重复"))
    urls = [("链接", link.get("href", "")) for link in root.iter(f"{ATOM}link")] + [("条目编号", i) for i in ids]
    for kind, url in urls:
        if not url.startswith(base):
            if not well_formed_http(url):
                out.append(Finding(where, f"{kind} {url[:80]} 不是格式正确的 http(s) 网址"))
            continue
        parts = urlsplit(url[len(base) :])
        target, target_rel = _target(site, "", "/" + parts.path)
        if target is None or not target.is_file():
            out.append(Finding(where, f"{kind} {url} 指向不存在的文件"))
            continue
        anchor = unquote(parts.fragment)
        if anchor and target.suffix == ".html" and anchor not in _page(target).ids:
            out.append(Finding(where, f"{kind} {url} 指向的锚点 #{anchor} 在 {shown}/{target_rel} 里不存在"))
    return out


def check_sources(sources_file: Path, shown: str) -> list[Finding]:
    """Every `url` in data/sources.yaml is well-formed http(s) (the model checks the scheme only)."""
    doc, _ = load(sources_file, shown)
    if doc is None or not isinstance(doc.data, dict) or not isinstance(doc.data.get("sources"), list):
        return []  # unreadable: `python -m profiles validate` reports why
    out = []
    for i, source in enumerate(doc.data["sources"]):
        url = source.get("url") if isinstance(source, dict) else None
        if url is not None and not (isinstance(url, str) and well_formed_http(url)):
            line, col = doc.locate(("sources", i, "url"))
            out.append(Finding(f"{shown}:{line}:{col}", f"来源网址 {str(url)[:80]} 不是格式正确的 http(s) 网址"))
    return out


def check_site(
    site: Path,
    *,
    sources_file: Path | None = None,
    shown: str | None = None,
    sources_shown: str = "data/sources.yaml",
    base_path: str = "/",
) -> list[Finding]:
    """All findings for the built `site` (and `sources_file`, when given), in file order."""
    site = Path(site)
    shown = shown or site.name
    if not (site / "index.html").is_file():
        return [Finding(shown, "不是构建好的网站（没有 index.html）：请先运行 python -m profiles build")]
    out: list[Finding] = []
    for file in sorted(site.rglob("*.html")):
        out.extend(check_page(site, file, shown, base_path))
    for file in sorted(site.rglob("*.xml")):
        out.extend(check_feed(site, file, shown))
    if sources_file is not None and sources_file.is_file():
        out.extend(check_sources(sources_file, sources_shown))
    return out
