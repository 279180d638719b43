"""No third-party host in the built site: Material's bundle names two scripts on unpkg.com, which it
loads only on demand — resize-observer-polyfill (browsers without ResizeObserver, such as old
WebViews) and mermaid (pages with diagrams). Readers in mainland China wait for or fail on such hosts,
and the site's CSP blocks them anyway. After MkDocs, `self_host` rewrites the bundle (and its source
map) to load the polyfill from our own copy (docs/assets/vendor-theme/, version 1.5.1, the file unpkg
serves, MIT) and refuses pages with mermaid diagrams, which the site does not ship. It also turns off Material's
lookup of the site's other languages (a sitemap.xml fetched beside every <link rel="alternate">: a page's Atom
feed, the English edition's twins), and has a page read its own language's search index."""

from __future__ import annotations

from pathlib import Path

from ..base.problems import BuildError
from .languages import OTHER_LANGUAGES

POLYFILL = "assets/vendor-theme/resize-observer-polyfill/ResizeObserver.js"
NO_ALTERNATES = "link[rel=alternate][hreflang][data-gz-never]"  # no element of ours has data-gz-never
INDEX_PER_LANGUAGE = (
    "("
    + "".join(f'document.documentElement.lang==="{lang}"?"{lang}/":' for lang in OTHER_LANGUAGES)
    + '"")+"search/search_index.json"'
)
# The bundle's literal -> ours. __md_scope is the site root as a URL (Material's inline head script).
BUNDLE = {
    '"https://unpkg.com/resize-observer-polyfill"': f'new URL("{POLYFILL}",__md_scope).href',
    # Never loaded: a page with a mermaid diagram fails the build (below).
    '"https://unpkg.com/mermaid@11/dist/mermaid.min.js"': '"data:text/javascript,"',
    # Material takes every link[rel=alternate] for the site in another language and fetches sitemap.xml beside it,
    # on every page load, to map a click on a link of one language's site to the other's. Not the Atom feeds our
    # pages link (profiles/outputs/history/feeds.py), and not the English edition's twins either (mkdocs.yml `i18n`
    # points each language link at the page's twin already): it would ask for <twin>/sitemap.xml, a 404 per link
    # and page, or a cross-origin request off site_url. A selector that matches nothing.
    '"link[rel=alternate]"': f'"{NO_ALTERNATES}"',
    # One search index per language (profiles/outputs/search.py `split_by_language`): a page in another language
    # reads its own, under <lang>/ (Material's script fetches it from the site's root, __md_scope).
    '"search/search_index.json"': INDEX_PER_LANGUAGE,
}
# The source map holds the same addresses as TypeScript source text, and a comment that says where the
# polyfill comes from: it says where ours does.
SOURCE_MAP = {
    "https://unpkg.com/resize-observer-polyfill": POLYFILL,
    "https://unpkg.com/mermaid@11/dist/mermaid.min.js": "",
    "automatically downloaded from unpkg.com.": "automatically loaded from this site's own copy.",
    'link[rel=alternate]\\"': NO_ALTERNATES + '\\"',
}


def self_host(site_dir: Path) -> list[Path]:
    """Rewrite Material's bundle and source map in `site_dir`; return the files changed. A BuildError
    names a page with a mermaid diagram (the site has no mermaid to draw it with)."""
    for page in sorted(site_dir.rglob("*.html")):
        if 'class="mermaid"' in page.read_text("utf-8"):
            raise BuildError(
                f"{page.relative_to(site_dir)}: 含 mermaid 图 — 本站不提供 mermaid（它只在第三方 CDN 上），请改用图片"
            )
    changed = []
    for path in sorted((site_dir / "assets" / "javascripts").glob("bundle.*.min.js*")):
        text = path.read_text("utf-8")
        table = SOURCE_MAP if path.suffix == ".map" else BUNDLE
        new = text
        for old, ours in table.items():
            if not ours or ours not in new:  # once: ours may hold the literal it replaces (a preview rewrites again)
                new = new.replace(old, ours)
        if new != text:
            path.write_text(new, "utf-8")
            changed.append(path)
    return changed
