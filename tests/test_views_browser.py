"""The compare page and printing, in real headless Chromium on the real site (built once per module)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PROJECTS = re.compile("^重大项目")  # the projects directory's caption
CHART_FONT = 13  # the smallest text a chart draws (profiles/outputs/charts/specs.py: axis labels)


@pytest.fixture(scope="module")
def site(real_site) -> Path:
    return real_site


@pytest.fixture
def compare(site, static_server, open_page):
    opened = open_page(static_server(site) + "compare/", viewport={"width": 1280, "height": 900})
    opened.page.wait_for_selector("table[data-gz-ready]")
    yield opened
    assert opened.errors == [], opened.errors
    assert not opened.blocked, opened.blocked  # no CDN, no chart service: everything is ours


def projects_table(page):
    """The projects directory, opened as a reader opens it (the compare page folds its directories below the
    numbers and charts)."""
    table = page.locator("table", has=page.locator("caption", has_text=PROJECTS))
    fold = page.locator("details.gz-fold", has=table)
    if fold.get_attribute("open") is None:
        fold.locator(":scope > summary").click()
    return table


def open_every_fold(page) -> None:
    """Open every folded section and chart table, as a reader would: native <details>, no JavaScript needed."""
    closed = page.locator("details:not([open]) > summary")
    while closed.count():
        closed.first.click()


def column(table, heading: str) -> list[str]:
    """The visible cells of the column headed `heading`, top to bottom."""
    headings = table.locator("thead th").evaluate_all("ths => ths.map(t => t.textContent.trim())")
    index = next(i for i, h in enumerate(headings) if h.startswith(heading))
    return table.locator("tbody tr:visible").evaluate_all(f"rows => rows.map(r => r.cells[{index}].textContent.trim())")


def test_clicking_a_header_sorts_projects_by_investment_with_unknown_amounts_last(compare):
    table = projects_table(compare.page)
    header = table.locator("thead th", has_text="投资额")
    header.locator("button").click()
    ascending = column(table, "投资额")
    known = [v for v in ascending if v != "—"]
    assert known == ["47 亿元", "> 200 亿元", "241.6 亿元", "460 亿元"]  # a bound (超过 200) sorts by its number
    assert ascending == known + ["—"] * (len(ascending) - len(known))
    assert header.get_attribute("aria-sort") == "ascending"
    header.locator("button").click()
    descending = column(table, "投资额")
    assert descending[:4] == ["460 亿元", "241.6 亿元", "> 200 亿元", "47 亿元"] and descending[-1] == "—"
    assert header.get_attribute("aria-sort") == "descending"


def test_typing_in_the_filter_box_and_choosing_a_district_narrow_the_rows(compare):
    page = compare.page
    table = projects_table(page)
    box = page.get_by_role("search", name="筛选：重大项目")
    assert box.is_visible()
    total = table.locator("tbody tr").count()
    box.get_by_role("searchbox").fill("琶洲")
    names = column(table, "名称")
    assert 0 < len(names) < total and all("琶洲" in n for n in names)
    assert box.locator(".gz-filter-status").inner_text() == f"显示 {len(names)} / {total} 行"
    box.get_by_role("searchbox").fill("")
    box.get_by_label("按区筛选").select_option("番禺区")
    assert column(table, "区") == ["番禺区", "番禺区"]


def test_without_javascript_every_table_is_complete_and_has_no_controls(site, static_server, open_page):
    html = (site / "compare" / "index.html").read_text("utf-8")
    rows_in_html = len(re.findall(r"<tr>", html))
    opened = open_page(static_server(site) + "compare/", java_script_enabled=False)
    page = opened.page
    open_every_fold(page)
    assert page.locator("tbody tr:visible").count() + page.locator("thead tr").count() == rows_in_html
    assert page.locator(".gz-filter, button.gz-sort").count() == 0


def test_on_a_phone_the_page_does_not_scroll_sideways_and_chart_text_stays_legible(site, static_server, open_page):
    opened = open_page(static_server(site) + "compare/", viewport={"width": 360, "height": 740})
    page = opened.page
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    charts = page.locator(".gz-charts .gz-chart-figure img").all()
    assert len(charts) >= 3
    for img in charts:
        img.scroll_into_view_if_needed()
        page.wait_for_function("i => i.complete && i.naturalWidth > 0", arg=img.element_handle())
        scale = img.evaluate("i => i.getBoundingClientRect().width / i.naturalWidth")
        assert CHART_FONT * scale >= 9, f"chart text would be {CHART_FONT * scale:.1f}px"


def test_a_profile_prints_on_a4_with_the_static_map_instead_of_the_live_one(site, static_server, open_page):
    opened = open_page(static_server(site) + "districts/haizhu/")
    page = opened.page
    display = "s => getComputedStyle(document.querySelector(s)).display"
    assert page.evaluate(display, ".gz-map-static") == "none"  # on screen: the live map
    page.emulate_media(media="print")
    assert page.evaluate(display, ".gz-map-frame") == "none"
    assert page.evaluate(display, ".md-header") == "none"
    assert page.evaluate(display, ".gz-map-static") == "block"
    pdf = page.pdf(format="A4", print_background=True)
    assert pdf.startswith(b"%PDF") and b"/MediaBox [0 0 595.91998 842.88]" in pdf  # A4 in points
    image = page.locator(".gz-map-static")
    assert image.evaluate("i => i.complete && i.naturalWidth") > 0  # the lazy image was loaded for print
    assert image.bounding_box()["height"] > 100


def test_the_compare_page_prints_tables_without_filter_boxes(compare):
    page = compare.page
    page.emulate_media(media="print")
    assert page.locator(".gz-filter").first.evaluate("e => getComputedStyle(e).display") == "none"
    assert page.locator(".gz-chart-figure img").first.is_visible()
    folded = page.locator("details.gz-fold:not([open]) .gz-table-wrap").first
    assert folded.is_visible(), "paper cannot open a fold: it prints whole"
