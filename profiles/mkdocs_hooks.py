"""MkDocs hooks (mkdocs.yml `hooks:`): small, and only calling the package. The Chinese site builds the same
without them (Zensical ignores hooks; `profiles build` gives MkDocs what it needs itself, build.py):

- `on_page_markdown`/`on_page_content` make MkDocs faster on generated pages (profiles/outputs/rawblocks.py);
- `on_config` gives Material's search our dictionary wherever MkDocs runs from (search.py);
- in a preview (`profiles serve`, `mkdocs serve`), `on_serve` polls docs/ faster and `on_post_build`
  merges the generated pages' search entries, splits the index by language and self-hosts Material's
  scripts (profiles/site/serve.py).
"""

from __future__ import annotations

import sys
from pathlib import Path

if __package__ in (None, ""):  # loaded by path by a bare `mkdocs build`: make the package importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from profiles.outputs import rawblocks, search  # noqa: E402
from profiles.site import languages  # noqa: E402

BLOCKS = "_gz_stashed_blocks"  # the page's stashed blocks ride on the page object between the two events
_command = {"name": "build"}  # MkDocs' command, as `on_startup` said (a hook module lives as long as the process)


def on_startup(command, dirty, **kwargs):
    _command["name"] = command


def on_config(config, **kwargs):
    return search.dictionary_beside_config(config)


on_config.mkdocs_priority = 100  # mkdocs.plugins.event_priority: before Material's search reads the path


def on_serve(server, config, builder, **kwargs):
    from profiles.site import serve  # deferred: the preview (click, the generator), only when serving

    return serve.faster(server, config, builder)


def on_post_build(config, **kwargs):
    if _command["name"] == "serve" and not languages.building_other_language(config):
        from profiles.site import serve  # deferred: the preview (click, the generator), only when serving

        serve.after_build(Path(config.site_dir), languages.other_languages(config))


# After mkdocs-static-i18n's (-100), which builds the other languages and then rewrites the search index from
# Material's entries alone: what the preview adds to the index must come after that, once the whole site is built.
on_post_build.mkdocs_priority = -200


def on_page_markdown(markdown, page, **kwargs):
    if not page.meta.get(rawblocks.FLAG):
        return markdown
    markdown, blocks = rawblocks.stash(markdown)
    setattr(page, BLOCKS, blocks)
    return markdown


def on_page_content(html, page, **kwargs):
    blocks = getattr(page, BLOCKS, None)
    if blocks is None:
        return html
    delattr(page, BLOCKS)
    return rawblocks.restore(html, blocks)
