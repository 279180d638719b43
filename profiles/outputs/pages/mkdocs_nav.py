"""MkDocs hook (mkdocs.yml `hooks:`): a generated page that is not in the navigation names the tab it
belongs to in its front matter (`gz_section: districts/index.md`), and that tab is shown active.

District pages stay out of `nav` so that no page's size grows with the number of districts. A builder
that ignores hooks shows the same pages with no tab highlighted. Stateless: before each page, every
top-level page of the nav other than the page itself is set active exactly when it is that tab."""

from __future__ import annotations


def on_page_context(context, page, config, nav, **kwargs):
    section = page.meta.get("gz_section") if page.parent is None else None
    for item in nav.items:
        if item is not page and getattr(item, "file", None) is not None:
            item.active = section is not None and item.file.src_uri == section
    return context
