"""Search entries for district pages (profiles/outputs/search.py): the same text Material's indexer would make,
escaped, cached, and merged into the index MkDocs wrote."""

from __future__ import annotations

import json

import markdown
import pytest
from material.plugins.search.plugin import Parser

from profiles.outputs import search
from profiles.outputs.search import DICTIONARY_FILE
from tests.render import render_output


@pytest.fixture(scope="module")
def haizhu_page(real_data_project) -> str:
    return render_output("page", real_data_project).text("districts/haizhu.md")


def material_sections(page: str) -> list[tuple[str, str]]:
    """What Material's own parser makes of the page: (title, text) per section."""
    body = page.split("\n---\n", 1)[1]
    html = markdown.markdown(body, extensions=["attr_list", "toc"], extension_configs={"toc": {"permalink": True}})
    parser = Parser()
    parser.feed(html)
    parser.close()
    return [("".join(s.title).strip(), "".join(s.text).strip()) for s in parser.data]


def test_our_sections_have_the_titles_and_text_material_would_index(haizhu_page):
    ours = [(title, search.section_text(fragment)) for title, _, fragment in search.page_sections(haizhu_page)]
    assert ours == material_sections(haizhu_page)
    assert len(ours) > 5


def test_sections_link_to_the_named_heading_anchors(haizhu_page):
    anchors = [anchor for _, anchor, _ in search.page_sections(haizhu_page)]
    assert anchors[0] is None  # the page itself
    assert {"goals", "enterprises", "parks", "projects", "sources"} <= set(anchors)


def test_text_from_data_stays_escaped_and_only_bare_kept_tags_remain():
    fragment = (
        '<ul class="x"><li id="a">&lt;img src=x onerror=alert(1)&gt;<a href="#s" title="t">[1]</a></li>'
        "<li></li></ul><div data-search-exclude><p>embed code</p></div><script>var a = 1;</script>"
    )
    assert search.section_text(fragment) == "<ul><li>&lt;img src=x onerror=alert(1)&gt;[1]</li></ul>"


def test_generated_district_pages_opt_out_of_materials_indexer(haizhu_page):
    assert "\nsearch:\n  exclude: true\n" in haizhu_page.split("\n---\n", 1)[0] + "\n"


def test_entries_are_segmented_with_the_builds_dictionary(real_data_project):
    """(That they are cached, and made again only for a page that changed: tests/test_rendering.py.)"""
    made = render_output("search", real_data_project)
    dictionary = render_output("search-dictionary", real_data_project).results[DICTIONARY_FILE]
    assert "琶洲 2000 n\n" in dictionary
    entries = made.results["districts/haizhu.md"]
    assert entries[0]["location"] == "districts/haizhu/"
    assert any(e["location"] == "districts/haizhu/#goals" for e in entries)
    assert any("\u200b琶洲\u200b" in e["text"] for e in entries)
    assert list(made.results) == [f"districts/{slug}.md" for slug in made.dataset.districts]


def test_entries_are_appended_to_the_index_mkdocs_wrote_which_is_written_back_as_utf8(tmp_path):
    (tmp_path / "search").mkdir()
    index = tmp_path / "search" / "search_index.json"
    index.write_text(json.dumps({"config": {"lang": ["zh"]}, "docs": [{"location": "", "title": "首页", "text": ""}]}))
    search.merge_into(tmp_path, [{"location": "districts/x/", "title": "区", "text": "<p>文</p>"}])
    data = json.loads(index.read_text("utf-8"))
    assert [d["location"] for d in data["docs"]] == ["", "districts/x/"]
    text = index.read_text("utf-8")
    assert "首页" in text and "区" in text and "\\u" not in text  # three bytes a character, not six


def test_jieba_cuts_the_same_after_another_build_loaded_its_own_dictionary(tmp_path):
    from profiles.outputs.search import pristine_jieba

    text = "来源称琶洲片区建设大模型示范区"
    before = list(pristine_jieba().cut(text))
    other = tmp_path / "other.dict"
    other.write_text("称琶 100000\n洲片 100000\n", "utf-8")
    jieba = pristine_jieba()
    jieba.load_userdict(str(other))
    assert list(jieba.cut(text)) != before  # another build's words change the cut …
    assert list(pristine_jieba().cut(text)) == before  # … until the tokenizer is made pristine again
