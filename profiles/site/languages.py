"""The English edition on MkDocs' side (#25): what mkdocs-static-i18n leaves for us to do, a hooks file of its own
(mkdocs.yml `hooks:` names it by path; it imports nothing from the package). The accelerator's hooks
(profiles/mkdocs_hooks.py) change no byte of the site; these do, by design: a site is built with both or neither. The plugin (mkdocs.yml `i18n`) builds the site once per language into the same
site/, Chinese (the default) at the root first, then English under en/ inside its own `on_post_build`.

- `absolute_alternates`: the plugin points each page's language links (`extra.alternate`: Material's head
  `<link rel="alternate" hreflang>` and the language switcher) at the page's twin, by a path; hreflang wants
  fully qualified addresses, so they are made absolute with site_url.
- `name_languages`: the switcher's names carry `lang` ("中文" on an English page is Chinese text, and is read
  as such), a rewrite of Material's markup rather than an override of its partial (overrides/ only fills
  Material's blocks).
- `page_404`: every language's build writes Material's 404.html at the site's root, the last (English) one
  winning; the Chinese stays there, the English goes to en/404.html.
- `keep_lines`: the plugin splits every page's Markdown at whatever str.splitlines() takes for a line break
  (U+2028 too); before it does, those characters become character references, so a data text stays one line.

Without the plugin, or with English switched off (`build: false`), none of this changes anything.
"""

from __future__ import annotations

import re
from html import escape
from pathlib import Path
from urllib.parse import urlsplit

import yaml

DEFAULT_LANGUAGE = "zh"  # mkdocs.yml's default language, at the site's root
OTHER_LANGUAGES = ("en",)  # mkdocs.yml's languages besides the default one, each built under its own folder
# Material's switcher entry (partials/alternate.html): an <a> with the alternate's hreflang and its own class.
_SWITCHER_LINK = re.compile(r'(<a href="[^"]*" hreflang="([A-Za-z-]+)")( class="md-select__link">)')


def _plugin(config):
    return config.plugins.get("i18n")


def current_language(config) -> tuple[str, bool] | None:
    """(this build's language, whether it is the default one), or None when the site has one language."""
    plugin = _plugin(config)
    if plugin is None or len(plugin.build_languages) < 2:
        return None
    return plugin.current_language, plugin.current_language == plugin.default_language


def other_languages(config) -> tuple[str, ...]:
    """The languages built besides the default one, each under its own folder (en/)."""
    plugin = _plugin(config)
    if plugin is None:
        return ()
    return tuple(lang for lang in plugin.build_languages if lang != plugin.default_language)


def building_other_language(config) -> bool:
    """Inside the plugin's nested build of another language (its `on_post_build` is running it): what runs
    once after the whole site is built waits for the outer build to end."""
    plugin = _plugin(config)
    return bool(plugin is not None and plugin.building)


def absolute_url(link: str, site_url: str) -> str:
    """A language link as the plugin writes it — site-relative ("en/districts/haizhu/") or under site_url's
    path ("/gz-profiles/en/") — as an absolute address; an absolute one stays."""
    if link.startswith(("http://", "https://")):
        return link
    base_path = urlsplit(site_url).path or "/"
    if link.startswith(base_path):
        link = link[len(base_path) :]
    return site_url.rstrip("/") + "/" + link.lstrip("/")


def absolute_alternates(config) -> None:
    """MkDocs' `on_page_context`, after the plugin's: this page's language links, absolute (none without
    site_url). The plugin sets the list anew for every page."""
    site_url = config.site_url
    alternates = getattr(config.extra, "alternate", None)  # the plugin sets it as an attribute, read first by Jinja
    if not site_url or not alternates:
        return
    for alt in alternates:
        alt["link"] = absolute_url(alt.get("link", ""), site_url)


def fresh_alternates(config) -> None:
    """MkDocs' `on_pre_build`: the plugin sets each page's language links as an attribute of `extra` (what
    Jinja reads first), which outlives the build: the next language's 404 page, rendered before its pages,
    would link the last page's twins. Without the attribute, it links the languages' home pages (the plugin's
    `extra["alternate"]`)."""
    vars(config.extra).pop("alternate", None)


def name_languages(html: str) -> str:
    """Each name in Material's language switcher carries the language it is written in (its hreflang)."""
    if "md-select__link" not in html:
        return html
    return _SWITCHER_LINK.sub(r'\1 lang="\2"\3', html)


def page_404(html: str, config) -> str:
    """MkDocs' `on_post_template` for 404.html: in another language's build, its 404 page goes to
    <lang>/404.html, and what MkDocs then writes at the root is the default language's (written there by the
    first build). Returns what MkDocs writes at the root."""
    language = current_language(config)
    if language is None or language[1]:
        return html
    site = Path(config.site_dir)
    own = site / language[0] / "404.html"
    own.parent.mkdir(parents=True, exist_ok=True)
    own.write_text(html, "utf-8")
    root = site / "404.html"
    return root.read_text("utf-8") if root.is_file() else html


GLOSSARY_MARK = "<!-- glossary -->"  # where docs/en/about.md shows the glossary
GLOSSARY_FILE = Path("data") / "en" / "glossary.yaml"  # beside mkdocs.yml


_CHINESE_RUN = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]+")


def _marked(text: str) -> str:
    """Escaped text with each run of Chinese in `lang="zh-CN"` (a glossary note naming a document in Chinese)."""
    return _CHINESE_RUN.sub(lambda m: f'<span lang="zh-CN">{m.group(0)}</span>', escape(text))


def glossary_table(path: Path) -> str:
    """data/en/glossary.yaml as an HTML table (the terms' Chinese marked as such), for /en/about/: the fixed English
    every page uses for our recurring terms. Every text escaped; an absent or unreadable file shows no table."""
    try:
        terms = (yaml.safe_load(path.read_text("utf-8")) or {}).get("terms") or []
    except (OSError, yaml.YAMLError, AttributeError):
        return ""
    rows = "".join(
        f'<tr><td lang="zh-CN">{escape(str(t.get("zh", "")))}</td><td>{_marked(str(t.get("en", "")))}</td>'
        f"<td>{_marked(str(t.get('note') or ''))}</td></tr>\n"
        for t in terms
        if isinstance(t, dict)
    )
    if not rows:
        return ""
    head = "<thead><tr><th>Chinese</th><th>English on this site</th><th>Note</th></tr></thead>"
    return f'<div class="gz-table-wrap"><table class="gz-glossary">{head}<tbody>\n{rows}</tbody></table></div>'


# Characters str.splitlines() breaks a line at, and Markdown does not (it breaks at \n and \r only).
_SPLITLINES_ONLY = re.compile("[\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")


def keep_lines(markdown: str) -> str:
    """The page's Markdown with no line break but its own. mkdocs-static-i18n's `on_page_markdown` splits every
    page with str.splitlines() and joins the lines with \n: a data text holding U+2028 (escaped in YAML, it is
    text like any other) would end a heading mid-name or start a new block mid-sentence. U+2028 and U+2029 become
    character references (the same text in the browser); the C0/C1 controls splitlines also breaks at, which
    no browser shows, become a space."""

    def keep(m: re.Match) -> str:
        char = m.group()
        return f"&#x{ord(char):X};" if char in "\u2028\u2029" else " "

    return _SPLITLINES_ONLY.sub(keep, markdown)


# --- MkDocs' events ---------------------------------------------------------------------------------------------


def on_pre_build(config, **kwargs):
    fresh_alternates(config)


def on_page_context(context, page, config, nav, **kwargs):
    absolute_alternates(config)
    return context


on_page_context.mkdocs_priority = 0  # after mkdocs-static-i18n's (50), which sets the page's language links


def on_post_page(output, page, config, **kwargs):
    return name_languages(output)


def on_post_template(output_content, template_name, config, **kwargs):
    if template_name == "404.html":
        return page_404(name_languages(output_content), config)
    return output_content


def on_page_markdown(markdown, page, config, **kwargs):
    """/en/about/ shows the glossary where the page marks it; every page keeps its lines (`keep_lines`)."""
    if GLOSSARY_MARK in markdown:
        table = glossary_table(Path(config.config_file_path).parent / GLOSSARY_FILE)
        markdown = markdown.replace(GLOSSARY_MARK, table)
    return keep_lines(markdown) if _plugin(config) is not None else markdown


on_page_markdown.mkdocs_priority = 60  # before mkdocs-static-i18n's (50), which splits the page into lines
