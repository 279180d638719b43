"""The city's own texts on the English home page (profiles/outputs/pages/templates/index.md.j2, issue #25): the
digital-economy layout (五区三都三城) — its name, its groups and their parts, its note — reads in English from
data/en/city.yaml, and shows its Chinese marked "not yet translated" where a part has no English yet."""

from __future__ import annotations

from tests.dom import chinese_outside_lang, markdown_page
from tests.render import render_output


def layout_block(project):
    _, body = markdown_page(render_output("home", project, lang="en").text("index.md"))
    return body.find(cls="gz-layout")


def test_the_layout_of_the_real_data_reads_in_english_with_no_chinese_outside_lang_zh(real_data_project):
    layout = layout_block(real_data_project)
    assert layout.find("strong").text == "Five districts, three capitals and three cities"
    assert [dt.text for dt in layout.find_all("dt")] == ["Five districts", "Three capitals", "Three cities"]
    assert "Display Capital" in layout.find_all("dd")[1].text
    assert layout.find(cls="gz-note").text.startswith("Note: From the Guangzhou Digital Economy")
    assert chinese_outside_lang(layout) == []
    assert layout.find("a", cls="gz-cite")["data-gz-quote"].startswith("围绕“五区三都三城”")  # the evidence


def test_an_untranslated_part_of_the_layout_shows_its_chinese_marked(project):
    city = project / "data" / "city.yaml"
    with city.open("a", encoding="utf-8") as f:
        f.write(
            "layout:\n  label: 五区三都三城\n  groups:\n    - label: 三都\n      items: [显示之都]\n  sources: [src-b]\n"
        )
    layout = layout_block(project)
    assert layout.find("dd").find("span", lang="zh-CN").text == "显示之都"
    assert chinese_outside_lang(layout) == []
