"""Search entries for district pages (profiles/outputs/search.py): the same text Material's indexer would make,
escaped, cached, and merged into the index MkDocs wrote."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import markdown
import pytest
from material.plugins.search.plugin import Parser

from profiles.outputs import search
from profiles.outputs.search import DICTIONARY_FILE
from tests.conftest import ROOT
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


def test_the_entries_of_each_languages_pages_move_to_its_own_index(tmp_path):
    (tmp_path / "search").mkdir()
    config = {"lang": ["zh"], "separator": "[\\s]+", "pipeline": []}
    docs = [{"location": loc, "title": "t", "text": ""} for loc in ("", "about/", "en/", "en/about/#x", "english/")]
    (tmp_path / "search" / "search_index.json").write_text(json.dumps({"config": config, "docs": docs}), "utf-8")
    assert search.split_by_language(tmp_path, ("en",)) == {"en": 2, "": 3}
    zh = json.loads((tmp_path / "search" / "search_index.json").read_text("utf-8"))
    en = json.loads((tmp_path / "en" / "search" / "search_index.json").read_text("utf-8"))
    assert [d["location"] for d in zh["docs"]] == [
        "",
        "about/",
        "english/",
    ]  # a folder named like a language is not one
    assert [d["location"] for d in en["docs"]] == ["en/", "en/about/#x"]  # still from the site's root
    assert zh["config"] == en["config"] == config


def test_a_site_in_one_language_keeps_its_one_index_as_it_is(tmp_path):
    (tmp_path / "search").mkdir()
    index = tmp_path / "search" / "search_index.json"
    index.write_text('{"config": {}, "docs": [{"location": "en/"}]}', "utf-8")
    assert search.split_by_language(tmp_path, ()) == {}
    assert index.read_text("utf-8") == '{"config": {}, "docs": [{"location": "en/"}]}'
    assert not (tmp_path / "en").exists()


# Material's own search worker in Node (tests/material_search.js), over a built index, as a browser runs it.
NODE = shutil.which("node")
needs_node = pytest.mark.skipif(NODE is None, reason="node is not installed (make test installs npm, and node with it)")
# Queries readers type on the Chinese site (the spike's, #25): names, terms, figures, a number with its unit.
CHINESE_QUERIES = [
    "海珠", "海珠区", "大模型", "低空经济", "数字经济", "人工智能", "地区生产总值", "规上工业", "12218", "五区三都三城",
    "高质量发展大会", "南沙", "黄埔", "生物医药", "智能网联汽车", "5.5%", "园区", "重大项目", "2025", "增速",
    "人工智能+", "琶洲", "千亿元",
]  # fmt: skip
# The search configuration before the English edition: Material's defaults for lang zh.
BEFORE = {"separator": "[\\s\\u200b\\u3000\\-、。，．？！；]+", "pipeline": ["stemmer"]}


def material_search(site: Path, index: dict, queries: list[str], tmp_path: Path) -> dict[str, list[str]]:
    """Each query's results (their locations, best first) from Material's worker over `index`."""
    (tmp_path / "index.json").write_text(json.dumps(index, ensure_ascii=False), "utf-8")
    (tmp_path / "queries.json").write_text(json.dumps(queries, ensure_ascii=False), "utf-8")
    script = str(ROOT / "tests" / "material_search.js")
    args = [NODE, script, str(site), str(tmp_path / "index.json"), str(tmp_path / "queries.json")]
    done = subprocess.run(args, capture_output=True, text=True, timeout=120, check=True)
    return json.loads(done.stdout)


@needs_node
@pytest.mark.slow
def test_chinese_search_finds_what_it_found_before_the_english_edition(real_site, tmp_path):
    index = json.loads((real_site / "search" / "search_index.json").read_text("utf-8"))
    now = material_search(real_site, index, CHINESE_QUERIES, tmp_path)
    before = material_search(real_site, {**index, "config": {**index["config"], **BEFORE}}, CHINESE_QUERIES, tmp_path)
    assert index["config"]["pipeline"] == [] and index["config"]["separator"] != BEFORE["separator"]
    assert now == before
    assert all(now[q] for q in ("海珠", "大模型", "低空经济", "12218", "5.5%"))


@needs_node
@pytest.mark.slow
def test_english_pages_search_english_pages_and_chinese_pages_chinese_ones(bilingual_site, tmp_path):
    def found(index_file: str, queries: list[str]) -> dict[str, list[str]]:
        index = json.loads((bilingual_site / index_file).read_text("utf-8"))
        return material_search(bilingual_site, index, queries, tmp_path)

    # Prefix matching stands in for stemming: Material adds "*" to each term, which turns lunr's stemmer off.
    english = found("en/search/search_index.json", ["large models", "low-altitude", "Haizhu", "model", "海珠"])
    assert english["large models"][0] == english["low-altitude"][0] == "en/districts/haizhu/"
    assert english["Haizhu"][0] == english["model"][0] == "en/districts/haizhu/"
    assert english["海珠"] == []  # no Chinese page's result on an English page
    chinese = found("search/search_index.json", ["海珠", "大模型", "Haizhu"])
    assert chinese["海珠"][0] == chinese["大模型"][0] == "districts/haizhu/"
    assert all(not loc.startswith("en/") for locs in chinese.values() for loc in locs)
