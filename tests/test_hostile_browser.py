"""Hostile input and the Content-Security-Policy in real headless Chromium.

On the hostile site (every free-text field an attack, tests/fixtures/hostile) no payload runs on any
page, embed, download or image, nor on a newsroom's page that pastes our embed code, before or after
the interactions that build DOM from data (search, map popups and tooltips); the text shows up as text.
On the real site, the policy blocks inline code and the site still works under it: search, the palette
toggle, the map iframe, without a violation.
"""

from __future__ import annotations

import html
import re

import pytest
import yaml

from tests.fixtures.hostile.sites import hostile_site, real_site

pytestmark = [pytest.mark.browser, pytest.mark.slow]

# Installed before any page script: records every policy violation, in every frame.
WATCH = """
window.__violations = [];
document.addEventListener('securitypolicyviolation', function (e) {
  window.__violations.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + (e.sample || ''));
});
"""
# What an injection would leave in the live DOM even when the policy stops it from running.
INJECTED = """() => {
  const out = [];
  for (const el of document.querySelectorAll('*')) {
    for (const a of el.attributes) {
      const v = a.value.replace(/[\\u0000-\\u0020]/g, '');
      if (a.name.startsWith('on')) out.push(el.tagName + ' ' + a.name);
      if (/^(href|src|action|formaction|xlink:href)$/.test(a.name) && /^(javascript|vbscript|data):/i.test(v))
        out.push(el.tagName + ' ' + a.name + '=' + a.value.slice(0, 40));
    }
    const runs = el.tagName === 'SCRIPT' && (!el.type || /javascript|module/.test(el.type));  // not JSON data
    if (runs && /__pwned|alert\\(/.test(el.textContent)) out.push('script: ' + el.textContent.slice(0, 40));
  }
  return out;
}"""


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    built = hostile_site(tmp_path_factory)
    assert built.report.ok, built.report.render()
    return built


@pytest.fixture(scope="module")
def real(tmp_path_factory):
    built = real_site(tmp_path_factory)
    assert built.report.ok and built.policy_error is None, built.policy_error or built.report.render()
    return built


class Watched:
    """A page with every dialog, policy violation and console error recorded."""

    def __init__(self, open_page, **context_options):
        self.opened = open_page("about:blank", **context_options)
        self.page = self.opened.page
        self.dialogs: list[str] = []
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.add_init_script(WATCH)

    def go(self, url: str) -> "Watched":
        self.page.goto(url, wait_until="load")
        return self

    def frames(self):
        return [f for f in self.page.frames if f.url.startswith("http")]

    def violations(self) -> list[str]:
        return [v for f in self.frames() for v in (f.evaluate("window.__violations || []"))]

    def assert_nothing_ran(self) -> None:
        for frame in self.frames():
            assert frame.evaluate("typeof window.__pwned") == "undefined", frame.url
            assert frame.evaluate(INJECTED) == [], frame.url
        assert self.dialogs == []

    def assert_clean(self) -> None:
        self.assert_nothing_ran()
        assert self.violations() == []
        assert self.opened.errors == [], self.opened.errors


HEADING = "h => [...h.childNodes].filter(n => !(n.classList && n.classList.contains('headerlink'))).map(n => n.textContent).join('')"


def words(text: str) -> str:
    return " ".join(text.split())


def _pages(site) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html") if not p.match("embed/*/index.html"))


def test_no_payload_runs_on_any_page_and_names_show_as_text(hostile, static_server, open_page, tmp_path):
    # Served where mkdocs.yml's site_url publishes it (/gz-profiles/): the 404 page addresses its assets from there.
    (tmp_path / "gz-profiles").symlink_to(hostile.site)
    base = static_server(tmp_path) + "gz-profiles/"
    watched = Watched(open_page)
    # Each district page's name, in each edition: the hostile name.zh on /districts/<slug>/, name.en on /en/….
    names = {}
    for path in (hostile.project / "data" / "districts").glob("*.yaml"):
        name = yaml.safe_load(path.read_text("utf-8"))["name"]
        names[f"districts/{path.stem}/index.html"] = (words(name["zh"]), "：")
        names[f"en/districts/{path.stem}/index.html"] = (words(name["en"]), ":")
    pages = _pages(hostile.site)
    assert len(pages) >= len(names) + 10 and set(names) <= set(pages)
    assert {f"en/{rel}" for rel in pages if not rel.startswith("en/")} <= set(pages)  # both editions, every page
    for rel in pages:
        watched.go(base + rel.removesuffix("index.html"))
        watched.page.mouse.move(200, 300)  # hover: onmouseover payloads
        watched.assert_clean()  # nothing ran, and nothing even tried: no policy violation, no console error
        if rel in names:  # the hostile name is the page's heading and title, as text
            name, colon = names[rel]
            heading = watched.page.eval_on_selector("article h1", HEADING)
            assert words(heading) == name, rel
            assert words(watched.page.title()).startswith(name + colon), rel


@pytest.mark.parametrize("edition", ["", "en/"])  # each edition searches its own index
def test_search_results_built_from_hostile_text_stay_text(hostile, static_server, open_page, edition):
    watched = Watched(open_page, viewport={"width": 1300, "height": 900}).go(static_server(hostile.site) + edition)
    page = watched.page
    page.locator("input.md-search__input").click()
    page.keyboard.type("unclosed")  # typed, not filled: Material searches on key events
    page.locator(".md-search-result__item").first.wait_for()
    shown = page.locator(".md-search-result").inner_text()
    assert "<!-- unclosed comment" in shown and "<script>window.__pwned=1</script>" in shown
    watched.assert_nothing_ran()


def test_no_payload_runs_in_an_embed_even_with_popups_and_tooltips_open(hostile, static_server, open_page):
    base = static_server(hostile.site)
    watched = Watched(open_page, viewport={"width": 1000, "height": 800})
    page = watched.page
    embeds = sorted(hostile.site.glob("embed/*/index.html")) + sorted(hostile.site.glob("en/embed/*/index.html"))
    assert len(embeds) == 2 * (5 + 1)  # both editions: the English popups are built from the English data
    for embed in embeds:
        watched.go(base + embed.parent.relative_to(hostile.site).as_posix() + "/")
        page.wait_for_selector("html[data-map-ready]")
        # Parks and projects share a point: one cluster, spiderfied to show each as its own marker.
        page.evaluate(
            "() => { const c = gzMaps.cluster._featureGroup.getLayers().find(l => l.getAllChildMarkers);"
            " if (c) c.spiderfy(); }"
        )
        page.wait_for_function("() => document.querySelectorAll('.leaflet-marker-pane .gz-marker').length >= 2")
        markers = page.locator(".leaflet-marker-pane .gz-marker")
        markers.first.hover(force=True)
        page.locator(".leaflet-tooltip").first.wait_for()
        for i in range(2):
            markers.nth(i).focus()
            page.keyboard.press("Enter")  # opens the popup, built from the feature's data
            title = page.locator(".leaflet-popup-content .gz-popup__title").last.inner_text()
            assert words(title) == words(markers.nth(i).get_attribute("title"))  # the hostile name, as text
        if embed.parent.name == "guangzhou":
            page.locator("path.gz-boundary").first.hover(force=True)
        watched.assert_nothing_ran()
        assert watched.opened.errors == []


def test_the_embed_code_a_newsroom_copies_runs_nothing_on_the_newsroom_page(
    hostile, static_server, open_page, tmp_path
):
    base = static_server(hostile.site)
    newsroom = static_server(tmp_path)  # another origin, as a newsroom's site is
    watched = Watched(open_page, viewport={"width": 800, "height": 5000})  # tall: every lazy iframe loads
    # One code as panel.js rewrites it in the reader's browser, and each district's code as the page ships it.
    watched.go(f"{base}districts/haizhu/")
    codes = [watched.page.locator("textarea[data-gz-embed-code]").first.input_value()]
    assert codes[0].startswith(f'<iframe src="{base}embed/haizhu/')
    for path in sorted(hostile.site.glob("districts/*/index.html")) + sorted(
        hostile.site.glob("en/districts/*/index.html")
    ):
        [box] = re.findall(r"<textarea[^>]*data-gz-embed-code>(.*?)</textarea>", path.read_text("utf-8"), re.S)
        codes.append(re.sub(r'="https?://[^"]*?/(en/)?embed/', rf'="{base}\1embed/', html.unescape(box)))  # site's URL
    article = "".join(f"<p>第 {i} 段</p>{code}" for i, code in enumerate(codes))
    (tmp_path / "article.html").write_text(f"<!doctype html><meta charset=utf-8><title>报道</title>{article}", "utf-8")
    watched.go(f"{newsroom}article.html")
    for i in range(len(codes)):
        watched.page.frame_locator("iframe[data-gz-embed] >> nth=%d" % i).locator("html[data-map-ready]").wait_for()
    assert len(watched.frames()) == 1 + len(codes) == 1 + 1 + 2 * 5  # each district's code in both editions
    watched.assert_nothing_ran()
    assert watched.opened.errors == []


def test_downloads_and_map_images_opened_in_the_browser_run_nothing(hostile, static_server, open_page):
    base = static_server(hostile.site)
    watched = Watched(open_page)
    for rel in (
        "data/all.json",
        "data/districts/tianhe.json",
        "data/parks.geojson",
        "embed/tianhe/map.svg",
        "embed/guangzhou/map.svg",
    ):
        watched.go(base + rel)
        watched.assert_nothing_ran()
    assert "<script>" in watched.go(base + "data/all.json").page.locator("body").inner_text()
    for table in ("goals", "sources"):  # CSV is handed to the reader's spreadsheet, never rendered as a page
        with watched.page.expect_download() as download:
            watched.page.evaluate(f"location.href = '{base}data/{table}.csv'")
        assert download.value.suggested_filename == f"{table}.csv"


def test_a_district_page_works_under_its_policy_and_the_policy_blocks_inline_code(real, static_server, open_page):
    watched = Watched(open_page, viewport={"width": 1200, "height": 900}).go(
        f"{static_server(real.site)}districts/haizhu/"
    )
    page = watched.page
    page.locator("iframe[data-gz-embed]").scroll_into_view_if_needed()
    map_frame = page.frame_locator("iframe[data-gz-embed]")
    map_frame.locator("html[data-map-ready]").wait_for(timeout=20000)  # sandboxed: its own process starts first
    assert map_frame.locator(".gz-marker").count() > 0
    watched.assert_clean()
    page.evaluate("document.body.insertAdjacentHTML('beforeend', '<img src=x onerror=\"window.__pwned=1\">')")
    page.wait_for_function("window.__violations.length > 0")
    assert page.evaluate("typeof window.__pwned") == "undefined"  # the policy, not luck, stopped it


def test_search_and_the_palette_toggle_work_on_the_home_page_under_its_policy(real, static_server, open_page):
    watched = Watched(open_page, viewport={"width": 1300, "height": 900}).go(static_server(real.site))
    page = watched.page
    assert page.get_attribute("body", "data-md-color-scheme") == "default"
    page.locator("label[for='__palette_1']:visible").click()
    page.wait_for_function("document.body.getAttribute('data-md-color-scheme') === 'slate'")
    page.locator("input.md-search__input").click()
    page.keyboard.type("haizhu")  # typed, not filled: Material searches on key events
    page.locator(".md-search-result__item").first.wait_for()
    assert "海珠区" in page.locator(".md-search-result").inner_text()
    watched.assert_clean()


def test_an_embed_keeps_its_own_stricter_policy_and_draws_under_it(real, static_server, open_page):
    watched = Watched(open_page).go(f"{static_server(real.site)}embed/haizhu/")
    page = watched.page
    page.wait_for_selector("html[data-map-ready]")
    policy = page.get_attribute("meta[http-equiv='Content-Security-Policy']", "content")
    assert policy.startswith("default-src 'none'; script-src 'self' 'sha256-") and "unsafe" not in policy
    assert page.locator(".gz-marker").count() > 0
    watched.assert_clean()
