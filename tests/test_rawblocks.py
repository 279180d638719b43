"""The MkDocs accelerator (profiles/outputs/rawblocks.py + mkdocs_hooks.py): same HTML, fewer tags parsed."""

from __future__ import annotations

from pathlib import Path

import markdown
import pytest

from profiles.outputs import rawblocks
from tests.conftest import make_project
from tests.render import render_output


def body(page: str) -> str:
    return page.split("\n---\n", 1)[1]


def to_html(text: str) -> str:
    return markdown.markdown(text, extensions=["attr_list", "toc"], extension_configs={"toc": {"permalink": True}})


def district_pages(project: Path) -> dict[str, str]:
    made = render_output("page", project)
    return {slug: made.text(f"districts/{slug}.md") for slug in made.dataset.districts}


@pytest.fixture(scope="module")
def real_pages(real_data_project) -> dict[str, str]:
    return district_pages(real_data_project)


def test_every_district_page_renders_to_the_same_html_with_its_blocks_stashed(real_pages):
    assert len(real_pages) == 11
    for slug, page in real_pages.items():
        stashed, blocks = rawblocks.stash(body(page))
        assert len(blocks) >= 3, slug
        assert rawblocks.restore(to_html(stashed), blocks) == to_html(body(page)), slug


@pytest.fixture(scope="module")
def hostile_pages(tmp_path_factory) -> dict[str, str]:
    from tests.fixtures.hostile import write_hostile_data

    base = tmp_path_factory.mktemp("hostile")
    write_hostile_data(base / "data")
    return district_pages(make_project(base / "project", base / "data"))


def test_hostile_pages_render_to_the_same_html_with_their_blocks_stashed(hostile_pages):
    assert len(hostile_pages) == 5
    for slug, page in hostile_pages.items():
        stashed, blocks = rawblocks.stash(body(page))
        assert rawblocks.restore(to_html(stashed), blocks) == to_html(body(page)), slug


def test_what_markdown_still_parses_is_the_headings_and_placeholders(real_pages):
    stashed, _ = rawblocks.stash(body(real_pages["haizhu"]))
    assert "<table" not in stashed and "<li" not in stashed
    assert "## 发展目标 { #goals }" in stashed


def test_district_pages_ask_for_it_in_their_front_matter(real_pages):
    assert f"\n{rawblocks.FLAG}: true\n" in real_pages["haizhu"].split("\n---\n", 1)[0] + "\n"


def test_a_placeholder_written_in_the_data_stays_escaped_text():
    hostile = "<p>&lt;!--gz-raw-block:0--&gt;</p>"
    stashed, blocks = rawblocks.stash(f"# x\n\n{hostile}\n")
    assert rawblocks.restore(to_html(stashed), blocks).count("&lt;!--gz-raw-block:0--&gt;") == 1


def test_a_placeholder_with_no_block_is_left_alone():
    assert rawblocks.restore("<!--gz-raw-block:7-->", []) == "<!--gz-raw-block:7-->"


def test_the_hook_only_touches_flagged_pages():
    from profiles import mkdocs_hooks

    class Page:
        def __init__(self, meta):
            self.meta, self.file = meta, type("F", (), {"src_uri": "x.md"})()

    text = "# x\n\n<div>a</div>\n"
    assert mkdocs_hooks.on_page_markdown(text, Page({})) == text
    flagged = Page({rawblocks.FLAG: True})  # MkDocs hands the same page object to both events
    stashed = mkdocs_hooks.on_page_markdown(text, flagged)
    assert "<div>" not in stashed
    assert mkdocs_hooks.on_page_content(to_html(stashed), flagged) == to_html(text)


@pytest.mark.slow
def test_the_site_is_byte_identical_with_and_without_the_hook(project):
    """What Zensical (which ignores `hooks:`) would be given renders to what MkDocs renders faster."""
    from profiles.base.config import load_config
    from profiles.site.build import build
    from tests.test_build import tree_digest

    assert build(load_config(project)).ok
    with_hook = tree_digest(project / "site")
    config = project / "mkdocs.yml"
    text = config.read_text("utf-8")
    assert "  - profiles/mkdocs_hooks.py\n" in text
    config.write_text(text.replace("  - profiles/mkdocs_hooks.py\n", ""), "utf-8")  # the accelerator only
    assert build(load_config(project)).ok
    assert tree_digest(project / "site") == with_hook
