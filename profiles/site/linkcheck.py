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
from .languages import DEFAULT_LANGUAGE, OTHER_LANGUAGES

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
        self.alternates: dict[str, str] = {}  # hreflang -> href of the head's <link rel="alternate" hreflang>

    def handle_starttag(self, tag: str, attrs: list) -> None:
        a = {k: v for k, v in attrs if v is not None}
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "link" and a.get("rel") == "alternate" and "hreflang" in a:
            self.alternates.setdefault(a["hreflang"], a.get("href", ""))
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


def check_page(site: Path, file: Path, shown: str, base_path: str = "/", site_url: str | None = None) -> list[Finding]:
    """`base_path`: where the site is published (site_url's path, e.g. "/gz-profiles/"): MkDocs writes
    root-absolute addresses under it (the 404 page's assets). `site_url`: the site's public address; an
    absolute URL under it (a page's twin in the other language, its canonical address) must resolve in the site."""
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
            if not (site_url and url.startswith(site_url)):
                continue  # another site: never fetched
            parts = urlsplit(base_path + url[len(site_url) :])  # on this site: checked as the path it is here
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


def _site_rel(site: Path, page_rel: str, href: str, site_url: str | None) -> str | None:
    """The file in `site` an address resolves to, as a path in the site (None: off the site)."""
    base_path = urlsplit(site_url or "/").path or "/"
    if site_url and href.startswith(site_url):
        path = "/" + href[len(site_url) :]
    elif urlsplit(href).scheme or href.startswith("//"):
        return None
    else:
        path = urlsplit(href).path
        if base_path != "/" and path.startswith(base_path):
            path = "/" + path[len(base_path) :]
    return _target(site, page_rel, path)[1]


def _sitemap(site: Path, site_url: str | None) -> dict[str, dict[str, str | None]]:
    """sitemap.xml: each listed page (a path in the site) -> its alternates' (hreflang -> path in the site)."""
    try:
        root = ElementTree.parse(site / "sitemap.xml").getroot()
    except (OSError, ElementTree.ParseError):
        return {}
    listed = {}
    for url in root.findall(f"{SITEMAP}url"):
        rel = _site_rel(site, "", url.findtext(f"{SITEMAP}loc", ""), site_url)
        if rel is not None:
            links = url.findall("{http://www.w3.org/1999/xhtml}link")
            listed[rel] = {x.get("hreflang", ""): _site_rel(site, "", x.get("href", ""), site_url) for x in links}
    return listed


SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
_HOW = "（hreflang 与站点地图由 mkdocs.yml 的 i18n 插件和 profiles/site/languages.py 写出：请确认二者都在 mkdocs.yml 里）"


def check_twins(
    site: Path, shown: str, site_url: str | None = None, languages: tuple[str, ...] = OTHER_LANGUAGES
) -> list[Finding]:
    """With another language built (site/en/): every page has its twin and back (404 pages too), each page's
    head links both by hreflang (x-default: the default language's), and sitemap.xml lists both, each with its
    twin. Nothing for a site in one language."""
    built = [lang for lang in languages if (site / lang / "index.html").is_file()]
    if not built:
        return []
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    have = set(pages)

    def split(rel: str) -> tuple[str, str]:  # (language, path in the default language)
        lang = next((lang for lang in built if rel.startswith(lang + "/")), DEFAULT_LANGUAGE)
        return lang, rel if lang == DEFAULT_LANGUAGE else rel[len(lang) + 1 :]

    out: list[Finding] = []
    for rel in pages:
        lang, own = split(rel)
        if lang != DEFAULT_LANGUAGE and own not in have:
            out.append(Finding(f"{shown}/{rel}", f"没有对应的中文页面 {shown}/{own}：请补上中文页面，或删掉这个页面"))
        for other in built if lang == DEFAULT_LANGUAGE else ():
            if f"{other}/{rel}" not in have:
                out.append(
                    Finding(
                        f"{shown}/{rel}",
                        f"没有 {other} 版 {shown}/{other}/{rel}：每个页面都要有它（生成的页面由生成器写进 docs/{other}/，"
                        f"手写的页面放在 docs/{other}/ 下同样的位置）",
                    )
                )
    listed = _sitemap(site, site_url)
    for rel in pages:
        lang, own = split(rel)
        alternates = _page(site / rel).alternates
        if own == "404.html" or not (alternates or rel in listed):
            continue  # a 404 page links each language's home page; an embed page is no MkDocs page
        want = {DEFAULT_LANGUAGE: own, "x-default": own} | {other: f"{other}/{own}" for other in built}
        for hreflang, target in want.items():
            href = alternates.get(hreflang)
            got = None if href is None else _site_rel(site, rel, href, site_url)
            if got != target:
                link = f'<link rel="alternate" hreflang="{hreflang}">'
                what = f"缺少指向 {shown}/{target} 的 {link}" if href is None else f"{link} 指向 {href[:80]}，应指向 {shown}/{target}"
                out.append(Finding(f"{shown}/{rel}", what + _HOW))
    for rel, links in listed.items():
        lang, own = split(rel)
        want = {DEFAULT_LANGUAGE: own} | {other: f"{other}/{own}" for other in built}
        for hreflang, target in want.items():
            if target not in listed:
                out.append(Finding(f"{shown}/sitemap.xml", f"列出了 {rel}，却没有列出它的 {hreflang} 版 {target}" + _HOW))
            elif links.get(hreflang) != target:
                out.append(Finding(f"{shown}/sitemap.xml", f'{rel} 的 hreflang="{hreflang}" 没有指向 {target}' + _HOW))
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
    site_url: str | None = None,
) -> list[Finding]:
    """All findings for the built `site` (and `sources_file`, when given), in file order. `site_url`: the
    public address it was built for (its path is then `base_path`)."""
    site = Path(site)
    shown = shown or site.name
    if not (site / "index.html").is_file():
        return [Finding(shown, "不是构建好的网站（没有 index.html）：请先运行 python -m profiles build")]
    if site_url:
        base_path = urlsplit(site_url).path or "/"
    out: list[Finding] = []
    for file in sorted(site.rglob("*.html")):
        out.extend(check_page(site, file, shown, base_path, site_url))
    for file in sorted(site.rglob("*.xml")):
        out.extend(check_feed(site, file, shown))
    out.extend(check_twins(site, shown, site_url))
    if sources_file is not None and sources_file.is_file():
        out.extend(check_sources(sources_file, sources_shown))
    return out
