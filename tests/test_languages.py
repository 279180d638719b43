"""The English edition on MkDocs' side (profiles/site/languages.py through profiles/mkdocs_hooks.py, mkdocs.yml's
`i18n`, overrides/main.html): each page says its language, links its twin both ways by absolute hreflang (x-default
the Chinese), names the switcher's languages in their own language, and each language has its own 404 page."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

from profiles.base.config import editions
from profiles.site import languages
from tests.conftest import ROOT, SITE_URL
from tests.dom import parse

PAGES = ("", "about/", "districts/", "districts/haizhu/", "compare/", "data/", "changes/")


def html(site: Path, url: str):
    return parse((site / url / "index.html").read_text("utf-8"))


def alternates(page) -> dict[str, str]:
    return {
        link["hreflang"]: link["href"] for link in page.find_all("link", rel="alternate") if link.attrs.get("hreflang")
    }


def test_a_language_link_is_made_absolute_with_the_sites_address():
    assert languages.absolute_url("en/districts/haizhu/", SITE_URL) == SITE_URL + "en/districts/haizhu/"
    assert languages.absolute_url("/gz-profiles/en/", SITE_URL) == SITE_URL + "en/"  # a language's home page
    assert languages.absolute_url("/gz-profiles/", SITE_URL) == SITE_URL
    assert languages.absolute_url("https://example.org/x/", SITE_URL) == "https://example.org/x/"


def test_the_switchers_names_carry_the_language_they_are_written_in():
    link = '<a href="../../districts/x/" hreflang="zh" class="md-select__link">'
    assert (
        languages.name_languages(link)
        == '<a href="../../districts/x/" hreflang="zh" lang="zh" class="md-select__link">'
    )
    assert languages.name_languages('<a href="x" hreflang="zh">') == '<a href="x" hreflang="zh">'  # not the switcher


def test_without_a_second_language_the_hooks_change_nothing():
    plugin = SimpleNamespace(build_languages=["zh"], default_language="zh", current_language="zh", building=False)
    config = SimpleNamespace(plugins={"i18n": plugin}, site_dir="/nowhere", site_url=SITE_URL, extra=SimpleNamespace())
    assert languages.current_language(config) is None and languages.other_languages(config) == ()
    assert languages.page_404("<html>", config) == "<html>"
    languages.absolute_alternates(config)  # no alternates: nothing to do
    assert languages.other_languages(SimpleNamespace(plugins={})) == ()


def test_the_english_edition_is_one_switch_and_it_is_on(tmp_path):
    from tests.conftest import EN_SWITCH, english_switch

    text = (ROOT / "mkdocs.yml").read_text("utf-8")
    [found] = EN_SWITCH.findall(text)
    assert found[1] == "true"
    copy = tmp_path / "mkdocs.yml"
    copy.write_text(text, "utf-8")
    english_switch(copy, False)
    assert editions(copy) == ("zh",)


@pytest.mark.slow
@pytest.mark.parametrize("url", PAGES)
def test_each_page_says_its_language_and_links_both_twins_absolutely(bilingual_site, url):
    zh, en = html(bilingual_site, url), html(bilingual_site, "en/" + url)
    assert zh.find("html")["lang"] == "zh" and en.find("html")["lang"] == "en"
    expected = {"zh": SITE_URL + url, "en": SITE_URL + "en/" + url, "x-default": SITE_URL + url}
    assert alternates(zh) == expected and alternates(en) == expected


@pytest.mark.slow
@pytest.mark.parametrize("url", ("", "districts/haizhu/"))
def test_the_switcher_leads_to_the_twin_and_names_each_language_in_it(bilingual_site, url):
    for page in (html(bilingual_site, url), html(bilingual_site, "en/" + url)):
        links = {a["hreflang"]: a for a in page.find_all("a", cls="md-select__link")}
        assert links["zh"]["href"] == SITE_URL + url and links["en"]["href"] == SITE_URL + "en/" + url
        assert links["zh"]["lang"] == "zh" and links["zh"].text.strip() == "中文"
        assert links["en"]["lang"] == "en" and links["en"].text.strip() == "English"


@pytest.mark.slow
def test_open_graph_names_the_pages_locale_and_the_other(bilingual_site):
    for url, own, other in (("about/", "zh_CN", "en_US"), ("en/about/", "en_US", "zh_CN")):
        page = html(bilingual_site, url)
        assert page.find("meta", property="og:locale")["content"] == own
        assert [m["content"] for m in page.find_all("meta", property="og:locale:alternate")] == [other]


@pytest.mark.slow
def test_english_pages_have_materials_interface_and_the_sites_name_in_english(bilingual_site):
    page = html(bilingual_site, "en/districts/haizhu/")
    assert page.find("title").text == "Haizhu District - Guangzhou District Profiles"
    assert page.find("input", cls="md-search__input")["placeholder"] == "Search"
    toggles = [label["title"] for label in page.find_all("label", cls="md-header__button") if label.attrs.get("title")]
    assert "Switch to dark mode" in toggles
    assert [a.text.strip() for a in page.find_all("a", cls="md-tabs__link")][:2] == ["Home", "Districts"]
    zh = html(bilingual_site, "districts/haizhu/")
    assert zh.find("title").text == "海珠区 - 广州区情"


@pytest.mark.slow
def test_each_language_keeps_its_own_404_page(bilingual_site):
    root, en = (parse((bilingual_site / p).read_text("utf-8")) for p in ("404.html", "en/404.html"))
    assert root.find("html")["lang"] == "zh" and en.find("html")["lang"] == "en"
    # A 404 page is no page's twin: its switcher leads to each language's home page.
    assert {a["href"] for a in en.find_all("a", cls="md-select__link")} == {"/gz-profiles/", "/gz-profiles/en/"}
    assert {a["lang"] for a in root.find_all("a", cls="md-select__link")} == {"zh", "en"}


@pytest.mark.slow
def test_the_sitemap_lists_both_languages_each_with_its_twin(bilingual_site):
    from xml.etree import ElementTree

    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    urls = ElementTree.parse(bilingual_site / "sitemap.xml").getroot().findall("s:url", ns)
    listed = {u.findtext("s:loc", namespaces=ns): u for u in urls}
    assert set(listed) == {SITE_URL + p for p in PAGES} | {SITE_URL + "en/" + p for p in PAGES}
    for url in PAGES:
        for loc in (SITE_URL + url, SITE_URL + "en/" + url):
            links = {x.get("hreflang"): x.get("href") for x in listed[loc].findall("x:link", ns)}
            assert links == {"zh": SITE_URL + url, "en": SITE_URL + "en/" + url}


@pytest.mark.slow
def test_the_districts_tab_is_active_on_a_district_page_in_each_language(bilingual_site):
    for url, name in (("districts/haizhu/", "各区"), ("en/districts/haizhu/", "Districts")):
        active = html(bilingual_site, url).find_all("li", cls="md-tabs__item--active")
        assert [li.find("a").text.strip() for li in active] == [name]


def test_the_english_about_page_shows_the_glossary_as_data_en_gives_it(tmp_path):
    from profiles.site.languages import GLOSSARY_MARK, glossary_table, on_page_markdown

    glossary = tmp_path / "data" / "en" / "glossary.yaml"
    glossary.parent.mkdir(parents=True)
    glossary.write_text(
        "terms:\n  - zh: 力争\n    en: strive to\n  - zh: <b>\n    en: a <tag>\n    note: the Plan (《规划》)\n",
        "utf-8",
    )
    table = glossary_table(glossary)
    assert '<td lang="zh-CN">力争</td><td>strive to</td>' in table
    assert "&lt;b&gt;" in table and "a &lt;tag&gt;" in table and "<b>" not in table
    assert '<td>the Plan (<span lang="zh-CN">《规划》</span>)</td>' in table  # Chinese in a note is marked

    class Config:
        config_file_path = str(tmp_path / "mkdocs.yml")
        plugins: dict = {}  # noqa: RUF012 - a stand-in for MkDocs' config

    shown = on_page_markdown(f"# About\n\n{GLOSSARY_MARK}\n", None, Config())
    assert GLOSSARY_MARK not in shown and "strive to" in shown
    assert on_page_markdown("# Other\n", None, Config()) == "# Other\n"
    assert glossary_table(tmp_path / "absent.yaml") == ""
