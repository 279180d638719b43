"""Embeds in real headless Chromium, tiles blocked: a newsroom's page on another origin pastes the code
from a profile's "嵌入地图" panel, and the panel itself is used as an editor would.

The site is built once for the module, without a configured site URL: the code must then come out
pointing at wherever the site is served (panel.js rewrites the build-time placeholder).
"""

from __future__ import annotations

import functools
import html
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from profiles.base.config import load_config
from profiles.outputs.embeds import HEIGHT_RANGE, LAYERS, PLACEHOLDER, THEMES, Options, embed_code
from profiles.site.build import validate

pytestmark = [pytest.mark.browser, pytest.mark.slow]

from tests.browser import SHOWN, TILE_HOST  # noqa: E402

SANDBOX = "allow-scripts allow-popups allow-popups-to-escape-sandbox"


@pytest.fixture(scope="module")
def built(real_project) -> Path:
    return real_project


@pytest.fixture(scope="module")
def dataset(built):
    return validate(load_config(built))[0]


@pytest.fixture(scope="module")
def markers(dataset) -> dict[str, int]:
    """How many markers each map must show: its parks and projects."""
    counts = {slug: len(d.parks) + len(d.projects) for slug, d in dataset.districts.items()}
    return counts | {"guangzhou": sum(counts.values())}


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - stdlib signature
        pass


@contextmanager
def _serving(directory: Path) -> Iterator[str]:
    """Like tests/browser.py's static_server, but for the whole module: the codes taken from the
    panel name the site's port, so the site must keep it for every test that pastes them."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(directory)))
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)


@pytest.fixture(scope="module")
def site(built) -> Iterator[str]:
    with _serving(built / "site") as base:
        yield base


def _assert_clean(opened) -> None:
    assert opened.errors == [], opened.errors
    bad = {h for h in opened.blocked_hosts() if not TILE_HOST.match(h)}
    assert not bad, f"requests to hosts other than tiles: {bad}"


def _src(code: str) -> str:
    return html.unescape(re.search(r'<iframe src="([^"]+)"', code).group(1))


def _frame(page, slug: str):
    return next(f for f in page.frames if f"/embed/{slug}/" in f.url)


def _fits_content(page, index: int) -> float:
    """Waits until iframe number `index` is as high as its content says it is (resize.js at work);
    returns that height."""
    page.wait_for_function(
        """i => { const f = document.querySelectorAll('iframe[data-gz-embed]')[i];
                  return f.dataset.content && f.style.height === Math.ceil(+f.dataset.content) + 'px'
                         && Math.abs(f.getBoundingClientRect().height - Math.ceil(+f.dataset.content)) < 1; }""",
        arg=index,
    )
    return page.locator("iframe[data-gz-embed]").nth(index).bounding_box()["height"]


@pytest.fixture(scope="module")
def newsroom(site, browser, tmp_path_factory) -> Iterator[tuple[str, list[str]]]:
    """A story on another origin with the codes for the haizhu and the city maps pasted in, as an
    editor copies them from the panels (console errors there are the panel tests' business)."""
    context = browser.new_context()
    context.route("**/*", lambda r: r.continue_() if urlsplit(r.request.url).hostname == "127.0.0.1" else r.abort())
    page = context.new_page()
    codes = []
    for url in (f"{site}districts/haizhu/", site):
        page.goto(url, wait_until="domcontentloaded")  # panel.js is deferred: it has run by then
        codes.append(page.locator("[data-gz-embed-code]").input_value())
    context.close()
    story = "<p>" + "正文。" * 400 + "</p>"
    folder = tmp_path_factory.mktemp("newsroom")
    (folder / "story.html").write_text(
        "<!DOCTYPE html><html lang='zh-CN'><head><meta charset='utf-8'><title>新闻</title></head>"
        f"<body><h1>一篇报道</h1>{story}{codes[0]}{story}{codes[1]}{story}{story}</body></html>",
        encoding="utf-8",
    )
    with _serving(folder) as host:
        assert host != site  # another port: another origin
        yield host + "story.html", codes


# Keeps each embed's own height message on its iframe (data-content), to compare with what resize.js sets.
RECORD_HEIGHTS = """addEventListener('message', e => {
  for (const f of document.querySelectorAll('iframe[data-gz-embed]'))
    if (f.contentWindow === e.source && e.data && e.data.type === 'gz-profiles:height')
      f.dataset.content = e.data.height;
})"""


def _open_story(open_page, url: str, width: int):
    opened = open_page("about:blank", viewport={"width": width, "height": 800})
    opened.context.add_init_script(RECORD_HEIGHTS)  # before the story loads: no message is missed
    opened.page.goto(url)
    return opened


def _map_ready(page, index: int):
    """Scrolls embed number `index` into view (it is loading="lazy") and waits for its map."""
    page.locator("iframe[data-gz-embed]").nth(index).scroll_into_view_if_needed()
    frame = page.frame_locator("iframe[data-gz-embed]").nth(index)
    frame.locator("html[data-map-ready]").wait_for()
    return frame


def test_a_newsroom_page_on_another_origin_shows_both_maps_sized_to_their_content(newsroom, site, open_page, markers):
    url, codes = newsroom
    assert [_src(c) for c in codes] == [f"{site}embed/haizhu/?id=gz-haizhu", f"{site}embed/guangzhou/?id=gz-guangzhou"]
    opened = _open_story(open_page, url, width=420)
    page = opened.page
    frames = page.locator("iframe[data-gz-embed]")
    assert [frames.nth(i).get_attribute("sandbox") for i in range(2)] == [SANDBOX, SANDBOX]
    narrow = []
    for i, slug in enumerate(("haizhu", "guangzhou")):
        assert _map_ready(page, i).locator(".leaflet-marker-pane").evaluate(SHOWN) == markers[slug] > 0
        narrow.append(_fits_content(page, i))
    page.set_viewport_size({"width": 1100, "height": 800})
    for i in range(2):
        grown = "([i, h]) => document.querySelectorAll('iframe[data-gz-embed]')[i].style.height !== h + 'px'"
        page.wait_for_function(grown, arg=[i, narrow[i]])
        assert _fits_content(page, i) != narrow[i]
    _assert_clean(opened)


def test_the_wheel_over_an_embedded_map_scrolls_the_story_not_the_map(newsroom, open_page):
    opened = _open_story(open_page, newsroom[0], width=1000)
    page = opened.page
    frame = _map_ready(page, 0)
    _fits_content(page, 0)  # the frame has its final height: the layout below stays put
    page.locator("iframe[data-gz-embed]").first.scroll_into_view_if_needed()
    zoom = _frame(page, "haizhu").evaluate("gzMaps.map.getZoom()")
    box = frame.locator(".gz-map").bounding_box()
    before = page.evaluate("scrollY")
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    for _ in range(3):
        page.mouse.wheel(0, 200)
    page.wait_for_function("y => scrollY > y", arg=before)
    assert _frame(page, "haizhu").evaluate("gzMaps.map.getZoom()") == zoom
    _assert_clean(opened)


def test_links_in_an_embed_open_new_tabs_and_never_navigate_the_story(newsroom, site, open_page):
    opened = _open_story(open_page, newsroom[0], width=1000)
    page = opened.page
    for i, slug in enumerate(("haizhu", "guangzhou")):
        _map_ready(page, i)
        same_tab = _frame(page, slug).evaluate(
            """() => [...document.querySelectorAll('a[href]')]
                 .filter(a => !a.getAttribute('href').startsWith('#') && a.target !== '_blank').map(a => a.outerHTML)"""
        )
        assert same_tab == [], slug
    frame = page.frame_locator("iframe[data-gz-embed]").first
    with opened.context.expect_page() as tab:
        frame.locator("a.gz-profile").click()
    assert tab.value.url == f"{site}districts/haizhu/"
    tab.value.close()
    assert page.url == newsroom[0] and f"{site}embed/haizhu/" in _frame(page, "haizhu").url
    # The map is keyboard operable inside the sandbox: a marker opens its popup with Enter.
    frame.locator(".gz-marker").first.focus()
    page.keyboard.press("Enter")
    frame.locator(".leaflet-popup").wait_for()
    _assert_clean(opened)


def test_the_profiles_own_map_fills_the_box_the_page_gave_it_and_covers_nothing(site, open_page):
    """The profile's own map frame (?fit=1) is sized by the page's CSS from its width before the map loads,
    and the embed fills it: the frame keeps that height once the map is ready, its content reaches its
    bottom (no blank band), it ends above its caption, and the panel below it takes its own clicks."""
    opened = open_page(f"{site}districts/haizhu/", viewport={"width": 1100, "height": 900})
    page = opened.page
    # The map iframe is lazy: bring it into view, as a reader scrolling would. It runs sandboxed in
    # its own renderer process: allow for that process's start-up on a busy machine.
    frame = page.locator(".gz-map-frame iframe")
    frame.scroll_into_view_if_needed()
    before = frame.bounding_box()
    page.frame_locator(".gz-map-frame iframe").locator("html[data-map-ready]").wait_for(timeout=20000)
    after = frame.bounding_box()
    assert after["height"] == before["height"] and after["height"] >= 420
    inner = frame.element_handle().content_frame()
    content = inner.evaluate("document.getElementById('gz-embed').getBoundingClientRect().bottom")
    assert abs(after["height"] - 2 - content) <= 1  # the frame's 1 px borders
    assert inner.evaluate("document.querySelector('.gz-map').getBoundingClientRect().height") >= 300
    below = page.locator("figure.gz-map figcaption").bounding_box()
    assert after["y"] + after["height"] <= below["y"] + 1
    summary = page.locator("[data-gz-embed-panel] > summary")
    summary.scroll_into_view_if_needed()
    assert summary.evaluate(
        "s => { const r = s.getBoundingClientRect();"
        " return s.contains(document.elementFromPoint(r.x + 10, r.y + r.height / 2)); }"
    )
    _assert_clean(opened)


def _panel_code_without_js(built: Path) -> str:
    text = (built / "site" / "districts" / "haizhu" / "index.html").read_text("utf-8")
    return html.unescape(re.search(r"<textarea[^>]*data-gz-embed-code>(.*?)</textarea>", text, re.S).group(1))


def test_the_panel_options_change_the_code_and_the_preview(built, site, open_page, dataset):
    opened = open_page(f"{site}districts/haizhu/", viewport={"width": 1100, "height": 900})
    page = opened.page
    code = page.locator("[data-gz-embed-code]")
    panel = page.locator("[data-gz-embed-panel]")
    title, alt = panel.get_attribute("data-title"), panel.get_attribute("data-alt")
    # JS and Python write the same code; only the origin differs (the page's own, not the placeholder).
    assert code.input_value() == _panel_code_without_js(built).replace(PLACEHOLDER, site)
    assert code.input_value() == embed_code(site, "haizhu", title, alt)
    page.locator("[data-gz-embed-panel] > summary").focus()
    page.keyboard.press("Enter")  # the panel opens from the keyboard
    preview = page.locator("[data-gz-embed-preview] iframe")
    assert preview.get_attribute("src") == _src(code.input_value())
    page.frame_locator("[data-gz-embed-preview] iframe").locator("html[data-map-ready]").wait_for()

    panel.get_by_label("园区", exact=True).uncheck()
    panel.get_by_label("深色", exact=True).check()
    panel.get_by_label("显示图例").uncheck()
    panel.get_by_label("固定的地图高度（像素）").fill("400")
    panel.get_by_label("固定的地图高度（像素）").press("Tab")
    chosen = Options(layers=("boundary", "projects"), theme="dark", legend=False, height=400)
    expected = embed_code(site, "haizhu", title, alt, chosen)
    page.wait_for_function("c => document.querySelector('[data-gz-embed-code]').value === c", arg=expected)
    page.wait_for_function(
        "s => document.querySelector('[data-gz-embed-preview] iframe').getAttribute('src') === s", arg=_src(expected)
    )
    shown = page.frame_locator("[data-gz-embed-preview] iframe")
    shown.locator("html[data-theme='dark'][data-map-ready]").wait_for()
    assert shown.locator(".gz-marker--park").count() == 0
    assert shown.locator(".leaflet-marker-pane").evaluate(SHOWN) == len(dataset.districts["haizhu"].projects) > 0
    assert shown.locator(".gz-legend").is_hidden()
    assert shown.locator(".gz-map").bounding_box()["height"] == pytest.approx(400, abs=1)

    panel.get_by_label("区界", exact=True).uncheck()
    panel.get_by_label("项目", exact=True).click()  # the last layer stays on: an embed without any would be empty
    assert panel.get_by_label("项目", exact=True).is_checked()
    assert "layers=projects&" in code.input_value()
    _assert_clean(opened)


def test_the_panel_options_are_built_by_the_script_on_first_open(site, open_page):
    opened = open_page(f"{site}districts/haizhu/")
    page = opened.page
    panel = page.locator("[data-gz-embed-panel]")
    assert panel.locator("form, button, [role=status], [data-gz-embed-preview]").count() == 0  # not before
    # A page with two panels loads the script twice: the second copy must not build a second form.
    page.add_script_tag(url=panel.locator("script").get_attribute("src"))
    panel.locator("summary").click()
    form = panel.locator("[data-gz-embed-options]")
    form.locator("legend").first.wait_for()  # the form is built on the toggle event, which follows the click
    assert form.locator("legend").all_inner_texts() == ["地图高度", "图层", "配色", "图例"]
    # Every control is named by its label, and the values are the ones Python's Options knows.
    for name in (
        "随宽度自适应",
        "固定",
        "固定的地图高度（像素）",
        "区界",
        "园区",
        "项目",
        "浅色",
        "深色",
        "跟随读者系统",
        "显示图例",
    ):
        assert panel.get_by_label(name, exact=True).count() == 1, name
    values = form.evaluate("f => [...f.elements].filter(e => e.name).map(e => [e.name, e.value])")
    assert [v for n, v in values if n == "layers"] == list(LAYERS)
    assert [v for n, v in values if n == "theme"] == list(THEMES)
    height = panel.get_by_label("固定的地图高度（像素）")
    assert (int(height.get_attribute("min")), int(height.get_attribute("max"))) == HEIGHT_RANGE
    # In reading order: the options, the code and its label, copy and status, the pym.js note, the preview,
    # the image links and their alt text.
    parts = (
        "form, label[for], textarea, button, [role=status], [data-gz-embed-pym], [data-gz-embed-preview],"
        " [data-gz-embed-downloads], [data-gz-embed-downloads] + p"
    )
    order = panel.evaluate("(p, s) => [...p.querySelectorAll(s)].map(e => e.tagName)", parts)
    assert order == ["FORM", "LABEL", "TEXTAREA", "BUTTON", "SPAN", "CODE", "DIV", "P", "P"]
    assert page.get_by_role("button", name="复制代码").is_visible()
    pym = panel.locator("[data-gz-embed-pym]").inner_text()
    assert pym == f'new pym.Parent("gz-haizhu", "{site}embed/haizhu/?id=gz-haizhu", {{}})'
    assert panel.get_by_text("图片说明（可作替代文字）：" + panel.get_attribute("data-alt")).is_visible()
    assert page.locator("[data-gz-embed-placeholder]").is_hidden()  # the code already names this site
    assert panel.locator("form").count() == 1 and panel.locator("button").count() == 1
    _assert_clean(opened)


@pytest.mark.parametrize(
    ("words", "legends"),
    [("page", ["Map height", "Layers", "Colours", "Legend"]), (None, ["地图高度", "图层", "配色", "图例"])],
)
def test_an_english_panel_speaks_english_and_one_without_its_words_reads_chinese(
    public_project, static_server, open_page, words, legends
):
    opened = open_page(f"{static_server(public_project / 'site')}en/districts/haizhu/")  # the build with English
    panel = opened.page.locator("[data-gz-embed-panel]")
    if words is None:  # a page written without the script's words (an older page, another builder)
        panel.evaluate("p => p.removeAttribute('data-gz-words')")
    panel.locator("summary").click()
    form = panel.locator("[data-gz-embed-options]")
    form.locator("legend").first.wait_for()
    assert form.locator("legend").all_inner_texts() == legends
    assert all(label.strip() for label in form.locator("label").all_inner_texts())
    assert panel.locator("[data-gz-embed-copy]").inner_text().strip()
    _assert_clean(opened)


def test_copy_puts_the_code_on_the_clipboard(site, open_page):
    opened = open_page(f"{site}districts/haizhu/", permissions=["clipboard-read", "clipboard-write"])
    page = opened.page
    page.locator("[data-gz-embed-panel] > summary").click()
    page.get_by_role("button", name="复制代码").click()
    page.get_by_role("status").filter(has_text="已复制").wait_for()
    assert page.evaluate("navigator.clipboard.readText()") == page.locator("[data-gz-embed-code]").input_value()
    _assert_clean(opened)


def test_without_a_clipboard_api_copy_selects_the_code(site, open_page):
    opened = open_page("about:blank")
    opened.context.add_init_script("Object.defineProperty(Navigator.prototype, 'clipboard', {get: () => undefined})")
    page = opened.page
    page.goto(f"{site}districts/haizhu/")
    page.locator("[data-gz-embed-panel] > summary").click()
    page.get_by_role("button", name="复制代码").click()
    selected = page.evaluate("""() => { const t = document.activeElement;
        return t.matches('[data-gz-embed-code]') && t.selectionStart === 0 && t.selectionEnd === t.value.length; }""")
    assert selected
    assert page.get_by_role("status").inner_text() != ""
    _assert_clean(opened)


def test_without_javascript_the_panel_still_shows_the_default_code(built, site, open_page):
    opened = open_page(f"{site}districts/haizhu/", java_script_enabled=False)
    page = opened.page
    panel = page.locator("[data-gz-embed-panel]")
    panel.locator("summary").click()
    assert panel.get_by_label("嵌入代码").input_value() == _panel_code_without_js(built)
    assert page.locator("[data-gz-embed-placeholder]").is_visible()  # says the origin must be replaced
    assert panel.locator("form, button").count() == 0  # nothing that would need the script
    for name in ("PNG", "SVG"):
        assert panel.get_by_role("link", name=name).is_visible()


def test_the_panel_works_under_the_sites_content_security_policy(built, site, open_page, markers):
    csp = pytest.importorskip("profiles.outputs.csp")
    source = built / "site" / "districts" / "haizhu" / "index.html"
    strict = source.parent.parent / "haizhu-csp" / "index.html"  # same depth: relative links still resolve
    strict.parent.mkdir(exist_ok=True)
    strict.write_text(csp.with_policy(source.read_text("utf-8")), "utf-8")
    opened = open_page(f"{site}districts/haizhu-csp/")
    page = opened.page
    panel = page.locator("[data-gz-embed-panel]")
    page.locator("[data-gz-embed-panel] > summary").click()
    panel.get_by_label("深色", exact=True).check()
    assert "theme=dark" in page.locator("[data-gz-embed-code]").input_value()
    preview = page.frame_locator("[data-gz-embed-preview] iframe")
    preview.locator("html[data-map-ready]").wait_for()
    assert preview.locator(".leaflet-marker-pane").evaluate(SHOWN) == markers["haizhu"]
    _assert_clean(opened)  # a refused script or style shows up here as a console error
