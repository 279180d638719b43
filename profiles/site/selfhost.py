"""No third-party host in the built site: Material's bundle names two scripts on unpkg.com, which it
loads only on demand — resize-observer-polyfill (browsers without ResizeObserver, such as old
WebViews) and mermaid (pages with diagrams). Readers in mainland China wait for or fail on such hosts,
and the site's CSP blocks them anyway. After MkDocs, `self_host` rewrites the bundle (and its source
map) to load the polyfill from our own copy (docs/assets/vendor-theme/, version 1.5.1, the file unpkg
serves, MIT) and refuses pages with mermaid diagrams, which the site does not ship. It also reads only links with
an hreflang as the site's other languages, so a page's Atom feed is not fetched as one."""

from __future__ import annotations

from pathlib import Path

from ..base.problems import BuildError

POLYFILL = "assets/vendor-theme/resize-observer-polyfill/ResizeObserver.js"
# The bundle's literal -> ours. __md_scope is the site root as a URL (Material's inline head script).
BUNDLE = {
    '"https://unpkg.com/resize-observer-polyfill"': f'new URL("{POLYFILL}",__md_scope).href',
    # Never loaded: a page with a mermaid diagram fails the build (below).
    '"https://unpkg.com/mermaid@11/dist/mermaid.min.js"': '"data:text/javascript,"',
    # Material takes every link[rel=alternate] for the site in another language and fetches sitemap.xml beside
    # it: the Atom feeds our pages link (profiles/outputs/history/feeds.py) are not; its own language links carry hreflang.
    '"link[rel=alternate]"': '"link[rel=alternate][hreflang]"',
}
# The source map holds the same addresses as TypeScript source text, and a comment that says where the
# polyfill comes from: it says where ours does.
SOURCE_MAP = {
    "https://unpkg.com/resize-observer-polyfill": POLYFILL,
    "https://unpkg.com/mermaid@11/dist/mermaid.min.js": "",
    "automatically downloaded from unpkg.com.": "automatically loaded from this site's own copy.",
    'link[rel=alternate]\\"': 'link[rel=alternate][hreflang]\\"',
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
            new = new.replace(old, ours)
        if new != text:
            path.write_text(new, "utf-8")
            changed.append(path)
    return changed
