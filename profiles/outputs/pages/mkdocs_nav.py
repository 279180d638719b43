"""MkDocs hook (mkdocs.yml `hooks:`): a generated page that is not in the navigation names the tab it
belongs to in its front matter (`gz_section: districts/index.md`), and that tab is shown active.

District pages stay out of `nav` so that no page's size grows with the number of districts. A builder
that ignores hooks shows the same pages with no tab highlighted. Stateless: before each page, every
top-level page of the nav other than the page itself is set active exactly when it is that tab.

In another language's build (the English edition, mkdocs.yml `i18n`) the nav's pages are that language's
(`en/districts/index.md`): `gz_section` is read inside the folder the nav's home page is in, so English pages
may write the same `districts/index.md` as Chinese ones, or `en/districts/index.md`."""

from __future__ import annotations


def section_uri(section: str, home_uri: str) -> str:
    """The source path of the tab `section` names, in the language whose home page is `home_uri`."""
    folder = home_uri.rpartition("/")[0]
    if not folder or section.startswith(folder + "/"):
        return section
    return f"{folder}/{section}"


def on_page_context(context, page, config, nav, **kwargs):
    section = page.meta.get("gz_section") if page.parent is None else None
    if section is not None:
        home = next((i.file.src_uri for i in nav.items if getattr(i, "file", None) is not None), "")
        section = section_uri(section, home)
    for item in nav.items:
        if item is not page and getattr(item, "file", None) is not None:
            item.active = section is not None and item.file.src_uri == section
    return context
