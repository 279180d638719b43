"""The English edition of the pages (profiles/outputs/pages/, issue #25): the district pages, the home page and the
district index in English — fixed words from profiles/outputs/pages/en.po, the data's texts as the localized dataset
has them, the Chinese that stays Chinese (names beside the English, sources, quotes' evidence, untranslated texts)
marked lang="zh-CN", a missing translation shown in Chinese and said so, a stale one flagged."""

from __future__ import annotations

import re

import pytest
from pydantic import BaseModel

from profiles.ingest.i18n.localize import localize
from profiles.model.localized import Localized
from tests import dom
from tests.dom import Element, chinese_outside_lang, markdown_page
from tests.render import render_output

HAN = re.compile(r"[\u4e00-\u9fff]")
# What other stages write into a page (the embed panels' codes and alt texts, the share image's alt text, the data's
# change history): their own English is theirs to test.
OTHERS = ("gz-embed-panel", "gz-card-panel", "gz-share-alt", "gz-changes")


def english_page(project, path: str = "districts/haizhu.md", output: str = "page") -> tuple[dict, Element]:
    front, body = markdown_page(render_output(output, project, lang="en").text(path))
    return front, body


def without_others(body: Element) -> Element:
    """The page with the other stages' blocks taken out (see OTHERS)."""

    def keep(node) -> bool:
        return isinstance(node, str) or not set(node.classes) & set(OTHERS)

    def prune(node: Element) -> Element:
        node.children = [prune(c) if not isinstance(c, str) else c for c in node.children if keep(c)]
        return node

    return prune(body)


def test_an_english_district_page_has_english_front_matter_heading_and_sections(project):
    front, body = english_page(project)
    assert front["title"].startswith("Haizhu District: ") and not HAN.search(front["title"])
    assert front["description"].startswith("Profile of Haizhu District") and not HAN.search(front["description"])
    assert body.find("h1").text == "Haizhu District"
    headings = [h.text for h in body.find_all("h2")]
    assert {"Overview", "Development goals", "Sources"} <= set(headings), headings
    assert not any(HAN.search(h) for h in headings)
    assert body.find(cls="gz-contents").find("summary").text == "On this page"


def test_the_chinese_name_shows_once_beside_the_english_in_its_language(project):
    _, body = english_page(project)
    beside = [p for p in body.find_all("p", cls="gz-en")]
    assert [(p.text, p["lang"]) for p in beside] == [("海珠区", "zh-CN")]


def test_a_missing_translation_shows_the_chinese_marked_not_yet_translated(project):
    _, body = english_page(project)  # the fixture has no data/en/: every text is still Chinese
    summary = next(p for p in body.find_all("p") if "海珠区以数智产业为主线" in p.text)
    marked = summary.find("span", lang="zh-CN")
    assert marked.text == "海珠区以数智产业为主线。"
    assert summary.find("small", cls="gz-tr").text == "not yet translated"


def test_a_stale_translation_is_flagged(project):
    (project / "data" / "en").mkdir(exist_ok=True)
    (project / "data" / "en" / "haizhu.yaml").write_text(
        "translations:\n  summary:\n    zh: 海珠区从前的简介。\n    en: Haizhu's older summary.\n", "utf-8"
    )
    _, body = english_page(project)
    summary = next(p for p in body.find_all("p") if "Haizhu's older summary." in p.text)
    assert summary.find("small", cls="gz-tr").text == "translation may be out of date"
    assert not chinese_outside_lang(summary)


def test_sources_stay_chinese_marked_and_the_page_says_whose_the_english_is(project):
    _, body = english_page(project)
    title = body.find("li", id="source-src-a").find(cls="gz-source-title")
    assert title.find("span", lang="zh-CN").text == "海珠区委书记谈2025年目标"
    note = body.find("p", cls="gz-tr-about").text
    assert "own translation" in note and "official English name" in note
    words = body.find("ol", cls="gz-sources")["data-gz-words"]
    assert '"source": "Source"' in words and '"translation": "Our translation: "' in words


def test_a_quote_s_mark_carries_the_chinese_evidence_and_the_english_rendering(project):
    (project / "data" / "en").mkdir(exist_ok=True)
    (project / "data" / "en" / "haizhu.yaml").write_text(
        "translations:\n  goals.gdp-growth-2025.quote:\n    zh: 地区生产总值增长5.5%以上\n"
        "    en: GDP to grow by more than 5.5%\n",
        "utf-8",
    )
    _, body = english_page(project)
    translated = body.find(id="goal-gdp-growth-2025").find("a", cls="gz-cite")
    assert (translated["data-gz-quote"], translated["data-gz-quote-en"]) == (
        "地区生产总值增长5.5%以上",
        "GDP to grow by more than 5.5%",
    )
    untranslated = body.find(id="goal-llm-firms-2025").find("a", cls="gz-cite")
    assert untranslated["data-gz-quote"] == "全年引育大模型企业超100个"
    assert "data-gz-quote-en" not in untranslated.attrs  # no rendering to show


def test_english_district_pages_of_the_real_data_hold_no_chinese_outside_lang_zh_in_the_page_s_own_words(
    real_data_project,
):
    made = render_output("page", real_data_project, lang="en")
    for path in made.files:
        if not path.startswith("districts/") or not path.endswith(".md"):
            continue
        front, body = markdown_page(made.text(path))
        assert not HAN.search(front["title"] + front["description"]), path
        headings = [h.text for h in body.find_all("h2")]
        assert not any(HAN.search(h) for h in headings), (path, headings)


def translated_chinese(dataset) -> set[str]:
    """The runs of Chinese inside the English translations of data/en (a word the translation quotes: "高企", "典当"):
    the data's to settle (data/en, profiles/ingest/i18n: another step of #25), not the pages'."""
    found: set[str] = set()

    def walk(value) -> None:
        if isinstance(value, Localized):
            found.update(dom.HAN.findall(value) if value.lang == "en" else ())
        elif isinstance(value, BaseModel):
            for name in type(value).model_fields:
                walk(getattr(value, name))
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, (list, tuple)):
            for item in value:
                walk(item)

    walk(dataset.districts)
    walk(dataset.city)
    return found


@pytest.fixture(scope="module")
def english_pages(real_data_project):
    """The real data's English district pages, as a build renders them (embeds on: panels, share texts)."""
    return render_output("page", real_data_project, lang="en", site_url="https://example.org/gz/")


def test_english_district_pages_hold_no_chinese_outside_lang_zh(english_pages):
    """Whole pages, the other stages' blocks too; only the data's own translations may still quote Chinese."""
    allowed = translated_chinese(localize(english_pages.dataset))
    found = {
        path: [run for run in chinese_outside_lang(markdown_page(english_pages.text(path))[1]) if run not in allowed]
        for path in english_pages.files
        if path.startswith("districts/") and path.endswith(".md")
    }
    assert len(found) == 11 and not {path: runs for path, runs in found.items() if runs}
    assert "gz-share-alt" in english_pages.text("districts/haizhu.md")  # the share texts were there to check


def test_english_key_figures_and_statistics_read_in_english_words_and_units(english_pages):
    _, body = markdown_page(english_pages.text("districts/haizhu.md"))
    gdp = body.find("div", data_kind="gdp")
    assert gdp.find(cls="gz-card-value").text == "300.835billion yuan"  # 3008.35 亿元, moved, never rounded
    assert gdp.find(cls="gz-card-label").text == "GDP (gross regional product)"
    assert gdp.find(cls="gz-card-meta").text.startswith("2024 · preliminary · ")
    population = body.find("div", data_kind="population")
    assert population.find(cls="gz-card-label").text == "Resident population"
    assert population.find(cls="gz-card-meta").text.startswith("end of 2023 · ")
    target = body.find("div", data_kind="target")
    assert target.find(cls="gz-card-label").text == "Growth target for 2024: ≥6%"
    assert target.find(cls="gz-verdict").text == "not achieved"
    rows = {tr.find("th").text: tr.find_all("td") for tr in body.find(cls="gz-figures").find("tbody").find_all("tr")}
    assert rows["Resident population"][0].text == "million people" and rows["Resident population"][1].text.startswith(
        "1.7683["
    )
    partial = body.find("li", id="figure-gdp-2024-q1-q3-preliminary").text
    assert partial.startswith("GDP (gross regional product): 204.34 billion yuan (2024, Jan–Sep · preliminary)")


def test_a_goal_s_result_says_its_verdict_and_its_rule_in_english(english_pages):
    _, body = markdown_page(english_pages.text("districts/haizhu.md"))
    result = body.find("li", id="goal-gdp-growth-target-2024").find(cls="gz-result")
    assert result.text.startswith("Result: 5.4% (2024 · preliminary)")
    verdict = result.find(cls="gz-verdict")
    assert verdict.text == "not achieved" and verdict["title"] == "Achieved when the result is at least the target"
    _, tianhe = markdown_page(english_pages.text("districts/tianhe.md"))
    about = [v.text for v in tianhe.find_all(cls="gz-verdict") if "against the target" in v.text]
    assert about and all(re.fullmatch(r"[+−±][\d.]+ percentage points? against the target", v) for v in about)


def test_the_long_share_image_s_alt_text_reads_in_english(english_pages):
    _, body = markdown_page(english_pages.text("districts/haizhu.md"))
    alt = body.find(cls="gz-share-alt").find("p").text
    assert alt.startswith("Long share image of Haizhu District. ") and ".." not in alt
    assert "GDP (gross regional product) 300.835 billion yuan (2024)" in alt
    assert "QR code that opens the profile page of Haizhu District." in alt
    offer = [s.text for s in body.find_all("span", data_gz_share_alt=True)]
    assert any("Sources: 1 source in Chinese (2025-02-15)." in text for text in offer)  # the map's: no Chinese titles


def test_the_home_page_and_the_index_read_in_english(project):
    front, body = english_page(project, "index.md", "home")
    assert not HAN.search(front["title"] + front["description"])
    assert body.find("h1").text == "Guangzhou District Profiles"
    front, body = english_page(project, "districts/index.md", "district-index")
    assert front["title"] == "District profiles" and not HAN.search(front["description"])
    card = body.find(cls="gz-district-card")
    assert card.find("h2").find("span", lang="zh-CN").text == "海珠区"
    assert card.find("h2").find("a").text == "Haizhu District"


def test_english_pages_link_the_shared_assets_one_folder_up(project):
    page = render_output("page", project, lang="en").text("districts/haizhu.md")
    assets = re.findall(r'(?:href|src)="([^"]*assets/[^"]*)"', page)
    assert assets and all(a.startswith("../../../assets/") for a in assets), assets
    chinese = render_output("page", project).text("districts/haizhu.md")
    assert all(a.startswith("../../assets/") for a in re.findall(r'(?:href|src)="([^"]*assets/[^"]*)"', chinese))


def test_the_english_home_page_and_index_hold_no_chinese_outside_lang_zh(real_data_project):
    """Whole pages but the city's layout block (its texts are data/en's, settled in another step of #25) and the
    Chinese the data's own translations quote."""
    allowed = translated_chinese(localize(render_output("district-index", real_data_project).dataset))
    for output, path in (("home", "index.md"), ("district-index", "districts/index.md")):
        made = render_output(output, real_data_project, lang="en", site_url="https://example.org/gz/")
        _, body = markdown_page(made.text(path))
        body.children = [c for c in body.children if isinstance(c, str) or "gz-layout" not in c.classes]
        assert [run for run in chinese_outside_lang(body) if run not in allowed] == [], path
    values = [e.text for e in body.find_all(cls="gz-dc-value")]  # each district's first figure
    assert any(v.endswith(" billion yuan") for v in values) and not any(HAN.search(v) for v in values)
