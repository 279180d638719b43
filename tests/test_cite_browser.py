"""Citation marks in real headless Chromium: a mark opens a popover with the source's title, date and the
fact's quote on hover, keyboard focus or tap; it is announced, dismissible, moves nothing on the page, runs
under the site's Content-Security-Policy, and a hostile quote stays text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from profiles.base.config import load_config
from profiles.site.build import build
from tests.conftest import copy_valid_data, make_project

pytestmark = [pytest.mark.browser, pytest.mark.slow]

HOSTILE = '"><img src=x onerror=alert(1)><script>window.__pwned=1</script>'
EDITORIAL = "“互联网”这一行业是编者依据公开资料补充的"
WATCH = """
window.__violations = [];
document.addEventListener('securitypolicyviolation', function (e) { window.__violations.push(e.violatedDirective); });
"""
# Where every element of the article sits: opening a popover must not move any of them.
LAYOUT = """() => Array.from(document.querySelectorAll('.md-content *')).map(function (el) {
  var r = el.getBoundingClientRect();  // page coordinates: hovering may scroll the mark into view
  if (!r.width && !r.height) return 'not rendered';
  return [r.x + window.scrollX, r.y + window.scrollY, r.width, r.height].join(',');
}).concat([document.documentElement.scrollHeight, document.documentElement.scrollWidth])"""


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """The valid fixture, with a hostile quote on one goal, an editorial note on the enterprise and two quotes
    (one with the heading it sits under) on the park."""
    tmp = tmp_path_factory.mktemp("cite")
    data = copy_valid_data(tmp / "data")
    path = data / "districts" / "haizhu.yaml"
    text = path.read_text("utf-8").replace("quote: 全年引育大模型企业超100个", f"quote: {json.dumps(HOSTILE)}")
    text = text.replace(
        "    quote: 腾讯微信启用新总部大楼\n", f"    quote: 腾讯微信启用新总部大楼\n    editorial: {EDITORIAL}\n"
    )
    text = text.replace(
        "    quote: 人工智能大模型应用示范区加快建设\n",
        "    quotes:\n      - {text: 人工智能大模型应用示范区加快建设, source: src-a, where: 海珠区委书记谈2025年目标}\n"
        "      - {text: 腾讯微信启用新总部大楼, source: src-a}\n",
    )
    path.write_text(text, "utf-8")
    project = make_project(tmp / "project", data, english=True)
    report = build(load_config(project))
    assert report.ok, report.render()
    return project / "site"


@pytest.fixture
def district(site, static_server, open_page):
    """Open the district page with a recorder of policy violations and dialogs installed first."""

    def opener(path="districts/haizhu/", **context_options):
        opened = open_page("about:blank", **context_options)
        opened.dialogs = []
        opened.page.on("dialog", lambda d: (opened.dialogs.append(d.message), d.dismiss()))
        opened.page.add_init_script(WATCH)
        opened.page.goto(static_server(site) + path, wait_until="load")
        return opened

    return opener


def popover(page):
    return page.locator("#gz-cite-pop")


def wait_open(page):
    popover(page).wait_for(state="visible")
    return popover(page)


def test_hovering_a_mark_shows_the_source_title_publisher_date_and_the_quote_then_leaving_hides_it(district):
    page = district(viewport={"width": 1366, "height": 900}).page
    page.locator("#goal-gdp-growth-2025 a.gz-cite").hover()
    pop = wait_open(page)
    assert pop.locator("cite").text_content() == "海珠区委书记谈2025年目标"
    assert pop.locator(".gz-cite-pop-meta").text_content() == "羊城晚报 · 2025-02-15"
    assert pop.locator("q").text_content() == "地区生产总值增长5.5%以上"
    page.mouse.move(5, 890)
    pop.wait_for(state="hidden")


def test_the_popover_takes_its_words_from_the_source_list_not_from_another_part_of_the_page(district):
    """Embed panels and tables carry data-gz-words of their own: a Chinese page (whose list has none) marks nothing
    as foreign, an English page's popover speaks English, though a panel with other words comes first on both."""
    page = district(viewport={"width": 1366, "height": 900}).page
    assert page.locator("[data-gz-words]").count() > 0 and page.locator("ol.gz-sources[data-gz-words]").count() == 0
    page.locator("#goal-gdp-growth-2025 a.gz-cite").hover()
    pop = wait_open(page)
    assert pop.locator("[lang]").count() == 0
    english = district(viewport={"width": 1366, "height": 900}, path="en/districts/haizhu/").page
    first = english.locator("[data-gz-words]").first
    assert first.evaluate("el => !el.matches('ol.gz-sources')")
    english.locator("#goal-gdp-growth-2025 a.gz-cite").hover()
    pop = wait_open(english)
    assert pop.locator(".gz-cite-pop-n").text_content().startswith("Source ")
    assert pop.locator("cite").get_attribute("lang") == "zh-CN"  # the source's Chinese title, marked


def test_each_of_two_quotes_opens_on_its_own_mark_and_the_first_names_the_heading_it_sits_under(district):
    page = district(viewport={"width": 1366, "height": 900}).page
    first, second = page.locator("#park-pazhou-ai a.gz-cite").all()
    first.hover()
    pop = wait_open(page)
    assert pop.locator("q").text_content() == "人工智能大模型应用示范区加快建设"
    assert pop.locator(".gz-cite-pop-where").text_content() == "见其中：海珠区委书记谈2025年目标"
    second.hover()
    page.wait_for_function("() => document.querySelector('#gz-cite-pop q').textContent === '腾讯微信启用新总部大楼'")
    assert (
        pop.locator(".gz-cite-pop-where").count() == 0
        and pop.locator("cite").text_content() == "海珠区委书记谈2025年目标"
    )


def test_a_keyboard_user_tabs_to_a_mark_hears_the_popover_escapes_it_and_enter_follows_the_link(district):
    page = district(viewport={"width": 1366, "height": 900}).page
    mark = page.locator("#enterprise-tencent-wechat a.gz-cite")
    for _ in range(200):  # through the header, the map and the lists, as a reader would
        page.keyboard.press("Tab")
        if mark.evaluate("el => el === document.activeElement"):
            break
    else:
        raise AssertionError("the citation mark is not in the tab order")
    pop = wait_open(page)
    assert mark.get_attribute("aria-label") == "出处 1" and pop.get_attribute("role") == "tooltip"
    assert mark.get_attribute("aria-describedby") == "gz-cite-pop" and "腾讯微信启用新总部大楼" in pop.text_content()
    page.keyboard.press("Escape")
    pop.wait_for(state="hidden")
    assert mark.get_attribute("aria-describedby") is None
    page.keyboard.press("Enter")
    page.wait_for_url("**#source-src-a")


def test_a_first_tap_opens_the_popover_a_second_follows_the_link_a_tap_elsewhere_closes(district):
    page = district(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True).page
    mark = page.locator("#goal-gdp-growth-2025 a.gz-cite")
    mark.scroll_into_view_if_needed()
    mark.tap()
    pop = wait_open(page)
    assert "地区生产总值增长5.5%以上" in pop.text_content() and "#" not in page.url
    box = pop.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390, "the popover fits the phone's width"
    page.locator("h1").tap()
    pop.wait_for(state="hidden")
    mark.tap()
    wait_open(page)
    mark.tap()
    page.wait_for_url("**#source-src-a")


def test_a_hostile_quote_stays_text_and_nothing_runs(district):
    opened = district(viewport={"width": 1366, "height": 900})
    page = opened.page
    mark = page.locator("#goal-llm-firms-2025 a.gz-cite")
    assert mark.get_attribute("data-gz-quote") == HOSTILE
    mark.hover()
    pop = wait_open(page)
    assert pop.locator("q").text_content() == HOSTILE
    assert pop.locator("img, script, svg").count() == 0
    assert page.evaluate("window.__pwned") is None and opened.dialogs == []
    assert page.evaluate("window.__violations") == [] and opened.errors == []


def test_opening_a_popover_moves_nothing_on_the_page(district):
    page = district(viewport={"width": 1366, "height": 900}).page
    before = page.evaluate(LAYOUT)
    page.locator("#project-pazhou-heliport a.gz-cite").hover()
    wait_open(page)
    assert page.evaluate(LAYOUT) == before


def test_the_editorial_note_shows_as_the_editors_words_beside_the_fact_not_in_the_quote(district):
    page = district(viewport={"width": 1366, "height": 900}).page
    fact = page.locator("#enterprise-tencent-wechat")
    assert fact.locator(".gz-editorial").text_content() == f"编者补充：{EDITORIAL}"
    fact.locator("a.gz-cite").hover()
    assert EDITORIAL not in wait_open(page).text_content()


def test_marks_carry_no_listeners_of_their_own_the_document_listens_once_for_all(district):
    page = district(viewport={"width": 1366, "height": 900}).page
    cdp = page.context.new_cdp_session(page)

    def listeners(expression: str) -> list[str]:
        handle = cdp.send("Runtime.evaluate", {"expression": expression})["result"]["objectId"]
        return sorted(x["type"] for x in cdp.send("DOMDebugger.getEventListeners", {"objectId": handle})["listeners"])

    assert page.locator("a.gz-cite").count() > 1
    assert listeners("document.querySelector('a.gz-cite')") == []
    on_document = listeners("document")
    for kind in ("click", "focusin", "focusout", "pointerdown", "pointerout", "pointerover"):
        assert kind in on_document
    assert page.locator("#gz-cite-pop").count() == 0, "the popover is made on first use"
