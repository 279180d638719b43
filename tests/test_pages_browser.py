"""The profile pages as a reader meets them, in real headless Chromium at a laptop's and a phone's size:
home, the district pages, /compare/ and /data/ (the real site, built once per session).

One browser, one page per width, reused across tests: each test navigates it where it needs to go.
"""

from __future__ import annotations

import functools
import re
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]

DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}
WIDTHS = {"desktop": DESKTOP, "phone": PHONE}


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - stdlib signature
        pass


@pytest.fixture(scope="module")
def base(real_site: Path):
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(real_site)))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


@pytest.fixture(scope="module")
def tabs(browser, base):
    """One page per width; requests off this machine (map tiles) are refused."""
    out, contexts = {}, []
    for name, viewport in WIDTHS.items():
        context = browser.new_context(viewport=viewport)
        context.route("**/*", lambda r: r.continue_() if r.request.url.startswith(base) else r.abort())
        contexts.append(context)
        out[name] = context.new_page()
        out[name].set_default_timeout(10_000)
    yield out
    for context in contexts:
        context.close()


def visit(tabs, base, width: str, path: str):
    page = tabs[width]
    page.goto(base + path, wait_until="load")
    return page


def site_pages(site: Path) -> list[str]:
    """Every page of the site in both languages (not the embeds, which have their own tests), as paths from the root."""
    return sorted(
        p.parent.relative_to(site).as_posix() + "/" if p.parent != site else ""
        for p in site.rglob("index.html")
        if not p.relative_to(site).as_posix().removeprefix("en/").startswith(("embed/", "search/"))
    )


@functools.cache
def dataset():
    """The real data (other tests add pages of their own to the shared site: the data says which are ours)."""
    from profiles.ingest.load import load_dataset
    from tests.conftest import ROOT

    return load_dataset(ROOT / "data", base=ROOT)[0]


def districts(site: Path) -> list[str]:
    return list(dataset().districts)


def with_points() -> tuple[str, ...]:
    """The districts whose data has parks or projects: the ones with a map."""
    return tuple(slug for slug, d in dataset().districts.items() if d.parks or d.projects)


# How far down an embed's content reaches (its frame may be taller: that is the blank space we forbid).
CONTENT_BOTTOM = "Math.max(...[...document.body.children].map(e => e.getBoundingClientRect().bottom + scrollY))"
COLUMN = "document.querySelector('article.md-content__inner').getBoundingClientRect().width"


def wait_for_the_map(page) -> None:
    """Until the page's map frame has started (after the page's load: mapframe.js) and its map is drawn."""
    page.frame_locator("figure.gz-map iframe").locator("html[data-map-ready]").wait_for()


# ---- district pages ----


@pytest.mark.parametrize("width", WIDTHS)
def test_a_district_map_spans_the_content_column_and_is_at_least_as_tall_as_promised(tabs, base, width):
    for slug in with_points():
        page = visit(tabs, base, width, f"districts/{slug}/")
        frame = page.locator("figure.gz-map iframe")
        frame.scroll_into_view_if_needed()
        box = frame.bounding_box()
        assert box["width"] >= 0.95 * page.evaluate(COLUMN), slug
        assert box["height"] >= (420 if width == "desktop" else 300) - 1, (slug, box)


@pytest.mark.parametrize("width", WIDTHS)
def test_no_map_frame_is_taller_than_its_content(tabs, base, width):
    for path in ["", *(f"districts/{s}/" for s in with_points())]:
        page = visit(tabs, base, width, path)
        frame = page.locator("figure.gz-map iframe")
        frame.scroll_into_view_if_needed()
        wait_for_the_map(page)
        inner = frame.element_handle().content_frame()

        def excess(frame=frame, inner=inner) -> float:
            return frame.bounding_box()["height"] - inner.evaluate(CONTENT_BOTTOM)

        deadline = time.monotonic() + 5  # resize.js sets the height once the embed says it
        while excess() > 8 and time.monotonic() < deadline:
            page.wait_for_timeout(100)
        assert excess() <= 8, (path, excess())


def test_a_map_frame_starts_once_the_page_has_loaded(browser, base):
    """The page's own load comes first: when its load event fires no frame has an address yet (the map's
    start-up does not compete with the page's); afterwards each map frame gets its own and its map is drawn."""
    context = browser.new_context(viewport=PHONE)
    context.route("**/*", lambda r: r.continue_() if r.request.url.startswith(base) else r.abort())
    context.add_init_script(
        "addEventListener('load', () => { window.__gzFramesAtLoad ="
        " [...document.querySelectorAll('iframe')].map(f => f.getAttribute('src')); });"
    )
    page = context.new_page()
    page.set_default_timeout(20_000)  # a sandboxed map starts its own renderer process first
    try:
        for path in ("", f"districts/{with_points()[0]}/"):
            page.goto(base + path, wait_until="load")
            assert page.evaluate("window.__gzFramesAtLoad") == [None], path
            frame = page.locator("figure.gz-map iframe")
            frame.scroll_into_view_if_needed()
            wait_for_the_map(page)
            assert re.fullmatch(r"(\.\./)*embed/[a-z0-9-]+/\?fit=1", frame.get_attribute("src")), path
            assert frame.get_attribute("data-gz-src") is None
    finally:
        context.close()


def test_without_javascript_the_map_box_shows_the_static_map(browser, base):
    """A reader without JS gets no map frame started; the box the page keeps for it shows the static map."""
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    context.route("**/*", lambda r: r.continue_() if r.request.url.startswith(base) else r.abort())
    page = context.new_page()
    try:
        page.goto(base + f"districts/{with_points()[0]}/", wait_until="load")
        assert page.locator("figure.gz-map iframe").get_attribute("src") is None
        image = page.locator(".gz-map-frame .gz-map-noscript")
        image.scroll_into_view_if_needed()
        assert image.evaluate("i => i.complete && i.naturalWidth > 0")
        box, inside = page.locator(".gz-map-frame").bounding_box(), image.bounding_box()
        assert inside == pytest.approx(box, abs=1)
    finally:
        context.close()


def test_a_district_without_points_shows_its_locator_and_no_map_frame(tabs, base, real_site):
    for slug in sorted(set(districts(real_site)) - set(with_points())):
        page = visit(tabs, base, "desktop", f"districts/{slug}/")
        assert page.locator("iframe").count() == 0, slug
        assert page.locator("[data-gz-embed-panel]").count() == 0, slug  # no map to embed (its cards may be)
        locator = page.locator("figure.gz-locator svg")
        assert locator.is_visible() and locator.locator("path.gz-here").count() == 1, slug


def test_every_district_with_a_sourced_number_leads_with_cards_that_cite_a_source_on_the_page(tabs, base, real_site):
    with_cards = []
    for slug in districts(real_site):
        page = visit(tabs, base, "desktop", f"districts/{slug}/")
        for missing in page.locator(".gz-keyfig--missing").all():  # a key figure not yet found says where it would be
            assert "尚未找到" in missing.locator(".gz-card-meta").inner_text()
        cards = page.locator(".gz-card:not(.gz-keyfig--missing)")
        for card in cards.all():
            assert card.locator(".gz-card-value").inner_text().strip()
            assert card.locator(".gz-card-label").inner_text().strip()
            targets = card.locator("a.gz-cite").evaluate_all("as => as.map(a => a.hash.slice(1))")
            assert targets and all(page.locator(f"[id='{t}']").count() == 1 for t in targets), (slug, targets)
        if cards.count():
            with_cards.append(slug)
    assert set(with_cards) == set(districts(real_site))  # every district now leads with a sourced number


def test_no_section_of_a_district_page_is_empty(tabs, base, real_site):
    for slug in districts(real_site):
        page = visit(tabs, base, "desktop", f"districts/{slug}/")
        after = page.locator("article h2").evaluate_all(
            "hs => hs.map(h => [h.id, h.nextElementSibling && h.nextElementSibling.textContent.trim().length])"
        )
        assert all(length for _, length in after), (slug, after)
        lists = page.locator("article .gz-goals, article .gz-entities, article .gz-roles, article .gz-cards")
        assert all(n for n in lists.evaluate_all("ls => ls.map(l => l.children.length)")), slug


def test_a_district_with_little_sourced_says_what_is_missing_and_invites_editors(tabs, base):
    page = visit(tabs, base, "desktop", "districts/conghua/")
    assert page.title().startswith("从化区")
    facts = page.locator(".gz-facts").inner_text()
    assert "尚未覆盖" in facts and "按本站边界计算约" in facts
    gaps = page.locator(".gz-gaps").inner_text()
    assert "2025年全年地区生产总值及增速" in gaps  # last year's results: where they would be published
    edit = page.locator(".gz-gaps a", has_text="在编辑器中补充").first
    guide = page.locator(".gz-gaps a", has_text="怎么写").first
    assert edit.get_attribute("href").endswith("data/districts/conghua.yaml")
    assert "CONTRIBUTING.md#" in guide.get_attribute("href")
    neighbours = page.locator(".gz-facts a").evaluate_all("as => as.map(a => a.textContent)")
    assert set(neighbours) == {"白云区", "黄埔区", "花都区", "增城区"}


def test_district_pages_belong_to_the_districts_tab_and_link_to_their_neighbours_in_order(tabs, base):
    page = visit(tabs, base, "desktop", "districts/haizhu/")
    assert page.locator(".md-tabs__item--active").inner_text().strip() == "各区"
    assert page.locator(".gz-switcher [aria-current=page]").inner_text() == "海珠区"
    assert page.locator(".gz-switcher a").count() == 11
    assert page.locator("a[rel=prev]").get_attribute("href") == "../yuexiu/"
    assert page.locator("a[rel=next]").get_attribute("href") == "../tianhe/"


def test_on_a_phone_every_district_of_the_switcher_is_in_view_without_scrolling_sideways(tabs, base):
    page = visit(tabs, base, "phone", "districts/haizhu/")
    boxes = page.locator(".gz-switcher a").evaluate_all(
        "as => as.map(a => { const r = a.getBoundingClientRect(); return [r.left, r.right]; })"
    )
    assert len(boxes) == 11
    assert all(0 <= left and right <= PHONE["width"] for left, right in boxes), boxes
    assert page.locator(".gz-switcher ul").evaluate("ul => ul.scrollWidth <= ul.clientWidth")


def test_on_a_phone_the_page_contents_open_from_the_top_of_the_page(tabs, base):
    page = visit(tabs, base, "phone", "districts/haizhu/")
    contents = page.locator("details.gz-contents")
    assert contents.is_visible()
    contents.locator("summary").click()
    page.locator("details.gz-contents a[href='#goals']").click()
    page.wait_for_function("() => location.hash === '#goals'")
    assert page.locator("h2#goals").bounding_box()["y"] < PHONE["height"]
    assert visit(tabs, base, "desktop", "districts/haizhu/").locator("details.gz-contents").is_hidden()


def test_goals_show_five_per_theme_and_the_rest_on_request_without_an_empty_status_column(tabs, base):
    page = visit(tabs, base, "desktop", "districts/haizhu/")
    for theme in page.locator(".gz-theme").all():
        assert theme.locator(":scope > ol.gz-goals > li").count() <= 5
    more = page.locator("details.gz-more").first
    hidden = more.locator("li").first
    assert hidden.is_hidden()
    more.locator("summary").focus()
    page.keyboard.press("Enter")  # (a click could land where the summary was before the map frame took its height)
    assert more.evaluate("d => d.open") and hidden.is_visible()
    assert "进展：" not in page.locator("#goals ~ .gz-tracker").first.inner_text()  # every status is unknown


# ---- layout shift (issue #15: cumulative layout shift ≤ 0.02) ----

# Every layout shift the page reports from its first paint (buffered: none is missed for starting late),
# leaving out those that follow a reader's input, as cumulative layout shift does.
LAYOUT_SHIFTS = """window.__gzShifts = [];
new PerformanceObserver(list => {
  for (const e of list.getEntries()) if (!e.hadRecentInput) window.__gzShifts.push(e.value);
}).observe({ type: 'layout-shift', buffered: true });"""
TWO_FRAMES = "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r(true))))"


@pytest.mark.parametrize("width", WIDTHS)
def test_home_and_district_pages_do_not_shift_while_they_load(browser, base, width):
    """The pages as Lighthouse loads them, without a scroll or a click: once the page has loaded, its map
    (if it has one) says it is ready and the fonts are in, the shifts it reported add up to at most 0.02,
    and so do those inside its map frame.
    The map frames keep the box the page's CSS gives them; nothing above the fold changes size."""
    context = browser.new_context(viewport=WIDTHS[width])
    context.route("**/*", lambda r: r.continue_() if r.request.url.startswith(base) else r.abort())
    context.add_init_script(LAYOUT_SHIFTS)
    page = context.new_page()
    page.set_default_timeout(20_000)  # a sandboxed map starts its own renderer process first
    mapped = "haizhu" if "haizhu" in with_points() else with_points()[0]
    plain = sorted(set(dataset().districts) - set(with_points()))[0]
    try:
        for path in ("", f"districts/{mapped}/", f"districts/{plain}/"):
            page.goto(base + path, wait_until="load")
            if page.locator("figure.gz-map iframe").count():
                wait_for_the_map(page)
            page.evaluate("() => document.fonts.ready.then(() => true)")
            page.evaluate(TWO_FRAMES)  # whatever the ready map and the fonts moved has been laid out and reported
            shifts = page.evaluate("window.__gzShifts")
            assert sum(shifts) <= 0.02, (path or "home", shifts)
            # Lighthouse counts the frames' shifts too. Read, not waited for: Chromium gives a frame out of
            # view no animation frames, and what the ready map laid out was reported before it said so.
            for frame in (f for f in page.frames if "/embed/" in f.url):
                inside = frame.evaluate("window.__gzShifts")
                assert sum(inside) <= 0.02, (path or "home", frame.url, inside)
    finally:
        context.close()


# ---- home ----


def test_home_opens_on_the_city_map_and_the_first_district_cards(tabs, base):
    page = visit(tabs, base, "desktop", "")
    assert page.locator("figure.gz-map").bounding_box()["y"] < DESKTOP["height"]
    cards = page.locator(".gz-district-card")
    assert cards.count() == 11
    tops = [c.bounding_box()["y"] for c in cards.all()]
    assert sum(t < DESKTOP["height"] for t in tops) >= 3, tops
    frame = page.locator("figure.gz-map iframe").bounding_box()
    assert frame["width"] > frame["height"]  # landscape
    assert frame["width"] >= 0.95 * page.evaluate(COLUMN)


def test_a_home_card_counts_what_its_district_holds(tabs, base):
    page = visit(tabs, base, "desktop", "")
    card = page.locator(".gz-district-card", has=page.locator("a[href='districts/conghua/']"))
    assert "项统计数字" in card.inner_text() and "来源尚未覆盖" not in card.inner_text()


@pytest.mark.parametrize("path", ["", "compare/"])
def test_no_table_cell_on_home_or_compare_reads_zero(tabs, base, path):
    page = visit(tabs, base, "desktop", path)
    cells = page.locator("td, th").evaluate_all("cs => cs.map(c => c.textContent.trim())")
    assert "0" not in cells


# ---- /compare/ and /data/ ----


def test_compare_leads_with_the_numbers_then_the_charts_and_keeps_the_industrial_systems_below(tabs, base):
    page = visit(tabs, base, "desktop", "compare/")
    heads = page.locator("article h2").evaluate_all("hs => hs.map(h => h.id)")
    assert heads[:3] == ["numbers", "charts", "systems"]
    assert page.locator("#numbers ~ .gz-table-wrap tbody tr").count() == 12  # 11 districts and the city
    systems = page.locator("#systems + details .gz-table-wrap").first.text_content()
    for label in ("“12126”", "“1283”", "“12635”", "“12613”"):
        assert label in systems
    assert page.locator("#chart-counts").count() == 0


def test_data_page_names_districts_in_chinese_and_its_counts_agree_with_the_files(tabs, base):
    page = visit(tabs, base, "desktop", "data/")
    files = page.locator("tr", has=page.locator("a[href='districts/haizhu.json']"))
    assert "海珠区的全部资料" in files.inner_text()
    coverage = page.locator(".gz-coverage tr", has=page.locator("a[href='../districts/haizhu/']"))
    total = coverage.locator("td").last.inner_text()
    assert files.locator("td").last.inner_text() == f"{total} 条"


def test_on_a_laptop_the_coverage_table_shows_every_column(tabs, base):
    page = visit(tabs, base, "desktop", "data/")
    box = page.locator(".gz-coverage .md-typeset__scrollwrap")
    assert box.evaluate("b => b.scrollWidth - b.clientWidth") == 0


def test_a_section_of_one_page_gives_the_empty_left_sidebar_to_its_content(tabs, base):
    for path in ("districts/", "compare/", "data/", "about/"):
        page = visit(tabs, base, "desktop", path)
        assert page.locator(".md-sidebar--primary").is_hidden(), path


# ---- every page ----


@pytest.mark.parametrize("width", WIDTHS)
def test_no_page_scrolls_sideways_and_tables_scroll_only_inside_their_own_box(tabs, base, real_site, width):
    for path in site_pages(real_site):
        page = visit(tabs, base, width, path)
        assert page.evaluate("document.scrollingElement.scrollWidth") <= WIDTHS[width]["width"], path
        column = page.evaluate(COLUMN)
        boxes = page.locator("article table").evaluate_all(
            "ts => ts.map(t => (t.closest('.gz-table-wrap') || t).getBoundingClientRect().width)"
        )
        assert all(b <= column + 1 for b in boxes), (path, boxes, column)
        # The scrolling is done by the table's own box (Material's), never by our wrapper around it.
        wrappers = page.locator(".gz-table-wrap").evaluate_all("ws => ws.map(w => w.scrollWidth - w.clientWidth)")
        assert set(wrappers) <= {0}, (path, wrappers)


@pytest.mark.parametrize("width", WIDTHS)
def test_axe_finds_no_violation_on_any_page(tabs, base, real_site, width):
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    found = {}
    for path in site_pages(real_site):
        page = visit(tabs, base, width, path)
        results = axe.run(page, options={"resultTypes": ["violations"], "iframes": False})
        violations = [(v["id"], len(v["nodes"])) for v in results.response["violations"]]
        if violations:
            found[path or "/"] = violations
    assert found == {}


ENGLISH_PAGES = ("en/", "en/districts/", "en/districts/haizhu/", "en/compare/", "en/data/", "en/changes/", "en/about/")


@pytest.mark.parametrize("width", WIDTHS)
def test_english_pages_have_no_axe_violation_and_never_scroll_sideways(public_project, static_server, open_page, width):
    """The English edition (built on the public build only): its pages, each kind once."""
    from axe_playwright_python.sync_playwright import Axe

    base = static_server(public_project / "site")
    opened = open_page("about:blank", viewport=WIDTHS[width])
    page, axe, found = opened.page, Axe(), {}
    for path in ENGLISH_PAGES:
        page.goto(base + path, wait_until="load")
        assert page.evaluate("document.documentElement.lang") == "en", path
        assert page.evaluate("document.scrollingElement.scrollWidth") <= WIDTHS[width]["width"], path
        results = axe.run(page, options={"resultTypes": ["violations"], "iframes": False})
        violations = [(v["id"], len(v["nodes"])) for v in results.response["violations"]]
        if violations:
            found[path] = violations
    assert found == {}
    assert opened.page_errors == []


def test_a_profile_prints_as_a_short_brief(tabs, base):
    page = visit(tabs, base, "desktop", "districts/haizhu/")
    page.emulate_media(media="print")
    try:
        assert page.locator(".gz-card").first.is_visible()
        # Waited for (to a deadline), not sampled once: under a loaded machine the print layout can lag the switch.
        page.locator(".gz-map-static").wait_for(state="visible")
        page.locator(".gz-map-frame").wait_for(state="hidden")
        assert page.locator("#goals").is_visible() and page.locator("#sources").is_visible()
        assert page.locator(".gz-switcher").is_hidden() and page.locator("#enterprises").is_hidden()
        page.locator(".gz-map-static").evaluate("i => i.decode()")
        pdf = page.pdf(format="A4", print_background=True)
        assert 1 <= len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf)) <= 8
    finally:
        page.emulate_media(media="screen")
