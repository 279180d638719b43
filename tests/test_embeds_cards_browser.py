"""Fact card embeds in headless Chromium (the real site, built without a public URL, tiles blocked): a
newsroom page on another origin pastes card codes and each frame is exactly as tall as its card at every
width; without resize.js the code's own height holds the whole card; the profile's card panel writes
the code Python writes and previews it."""

from __future__ import annotations

import html
import re

import pytest

from profiles.base.config import load_config
from profiles.engine.context import BuildContext
from profiles.outputs.embeds import CARD_FRAME_PX, PLACEHOLDER, card_code
from profiles.outputs.embeds.cards import district_cards
from profiles.site.build import validate
from tests.browser import TILE_HOST, each_frame_fits_as_the_host_resizes, write_story

pytestmark = [pytest.mark.browser, pytest.mark.slow]

TEXT = "<p>" + "正文。" * 300 + "</p>"
# Every height message an embed sends, per frame, in arrival order (answers to resize.js's ask aside).
RECORD = """window.__heights = {};
addEventListener('message', e => {
  const f = [...document.querySelectorAll('iframe[data-gz-embed]')].find(f => f.contentWindow === e.source);
  if (f && e.data && e.data.type === 'gz-profiles:height' && !e.data.reply)
    (window.__heights[f.dataset.gzEmbed] = window.__heights[f.dataset.gzEmbed] || []).push(e.data.height);
});"""


@pytest.fixture(scope="module")
def cards(real_project) -> dict[str, list]:
    """slug -> every card of that district (title and alt text do not depend on the site's URL)."""
    dataset = validate(load_config(real_project))[0]
    found = {slug: list(district_cards(d, dataset.sources, BuildContext())) for slug, d in dataset.districts.items()}
    return {slug: c for slug, c in found.items() if c}


def _sample(cards) -> list:
    """A few cards that differ: a summary, the longest (quote and sources), a figure, a lone goal."""
    every = [c for found in cards.values() for c in found]
    longest = max(every, key=lambda c: len(c.alt))
    picked = [cards["haizhu"][0], longest, *(c for c in every if c.kind == "indicator")][:3]
    return picked + [next(c for c in every if c.kind == "goal" and c not in picked)]


def test_each_card_frame_fits_its_card_at_1200_420_1200_px_and_stays(
    cards, real_site, static_server, open_page, tmp_path
):
    site = static_server(real_site)
    picked = _sample(cards)
    codes = [card_code(site, c.slug, c.id, c.title, c.alt) for c in picked]
    write_story(tmp_path, "".join(TEXT + code for code in codes) + TEXT)
    host = static_server(tmp_path)
    assert host != site  # another port: another origin
    opened = open_page("about:blank", viewport={"width": 1200, "height": 800})
    opened.context.add_init_script(RECORD)
    page = opened.page
    page.goto(f"{host}story.html")
    each_frame_fits_as_the_host_resizes(page, [c.id for c in picked], "main#gz-embed")
    heights = page.evaluate("window.__heights")
    assert set(heights) == {f"gz-{c.slug}-{c.id}" for c in picked}
    for name, sent in heights.items():
        assert all(a != b for a, b in zip(sent, sent[1:])), (name, sent)  # once per real change
    assert opened.errors == [] and opened.blocked == []


def test_every_card_fits_the_codes_own_height_at_a_phones_width_and_asks_nothing_of_another_host(
    cards, real_site, static_server, open_page
):
    site = static_server(real_site)
    for width in (320, 640):
        opened = open_page("about:blank", viewport={"width": width, "height": 900})
        for found in cards.values():
            for card in found:
                opened.page.goto(f"{site}embed/{card.slug}/card/{card.id}/", wait_until="load")
                height = opened.page.evaluate("document.getElementById('gz-embed').getBoundingClientRect().height")
                assert height <= CARD_FRAME_PX, (width, card.slug, card.id, height)
        assert opened.errors == [] and opened.blocked == [], (opened.errors, opened.blocked)
        opened.context.close()


def test_the_theme_parameter_switches_the_card_to_dark(cards, real_site, static_server, open_page):
    site = static_server(real_site)
    card = cards["haizhu"][1]
    opened = open_page(f"{site}embed/haizhu/card/{card.id}/?theme=dark")
    page = opened.page
    page.locator("html[data-theme='dark']").wait_for()
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert background == "rgb(21, 24, 29)"
    opened = open_page(f"{site}embed/haizhu/card/{card.id}/?theme=auto", color_scheme="dark")
    opened.page.locator("html[data-theme='dark']").wait_for()
    assert opened.errors == []


def _no_js_code(real_site) -> str:
    text = (real_site / "districts" / "haizhu" / "index.html").read_text("utf-8")
    return html.unescape(re.search(r"<textarea[^>]*data-gz-card-code>(.*?)</textarea>", text, re.S).group(1))


def test_the_card_panel_writes_pythons_code_for_each_card_and_theme_and_previews_it(
    cards, real_site, static_server, open_page
):
    site = static_server(real_site)
    # panel.js is deferred: it has run at DOMContentLoaded (the map's frame may still be loading then).
    opened = open_page(
        f"{site}districts/haizhu/",
        wait_until="domcontentloaded",
        timeout_ms=20000,
        viewport={"width": 1100, "height": 900},
    )
    page = opened.page
    first, other = cards["haizhu"][0], cards["haizhu"][2]
    code = page.locator("[data-gz-card-code]")
    # panel.js rewrites the build's placeholder to this page's own root, and nothing else.
    assert code.input_value() == card_code(site, "haizhu", first.id, first.title, first.alt)
    assert code.input_value() == _no_js_code(real_site).replace(PLACEHOLDER, site)
    assert page.locator("[data-gz-card-placeholder]").is_hidden()  # the code already names this site
    panel = page.locator("[data-gz-card-panel]")
    panel.locator("summary").click()
    assert panel.locator("select option").all_inner_texts() == [c.title for c in cards["haizhu"]]
    panel.get_by_label("卡片").select_option(label=other.title)
    panel.get_by_label("深色", exact=True).check()
    expected = card_code(site, "haizhu", other.id, other.title, other.alt, theme="dark")
    page.wait_for_function("c => document.querySelector('[data-gz-card-code]').value === c", arg=expected)
    src = html.unescape(re.search(r'<iframe src="([^"]+)"', expected).group(1))
    preview = panel.locator("[data-gz-card-preview] iframe")
    page.wait_for_function(
        "s => document.querySelector('[data-gz-card-preview] iframe').getAttribute('src') === s", arg=src
    )
    assert preview.get_attribute("title") == other.title
    shown = page.frame_locator("[data-gz-card-preview] iframe")
    shown.locator("html[data-theme='dark'] main#gz-embed").wait_for()
    assert other.value in shown.locator(".gz-fact-value").inner_text()
    links = [panel.get_by_role("link", name=n).get_attribute("href") for n in ("PNG", "SVG")]
    assert links == [f"../../embed/haizhu/card/{other.id}/card.png", f"../../embed/haizhu/card/{other.id}/card.svg"]
    assert panel.get_by_text("图片说明（可作替代文字）：" + other.alt).is_visible()
    assert opened.errors == []
    assert {h for h in opened.blocked_hosts() if not TILE_HOST.match(h)} == set()  # the profile's map: tiles only


def test_without_javascript_the_card_panel_shows_the_first_cards_code(cards, real_site, static_server, open_page):
    site = static_server(real_site)
    opened = open_page(f"{site}districts/haizhu/", wait_until="domcontentloaded", java_script_enabled=False)
    panel = opened.page.locator("[data-gz-card-panel]")
    panel.locator("summary").click()
    assert panel.locator("[data-gz-card-code]").input_value() == _no_js_code(real_site)
    assert PLACEHOLDER in _no_js_code(real_site) and panel.locator("[data-gz-card-placeholder]").is_visible()
    assert panel.locator("form, button, select").count() == 0


def test_a_district_without_cards_has_no_card_panel(cards, real_project, real_site):
    slugs = validate(load_config(real_project))[0].districts  # not the site's folders: other tests add pages
    assert set(cards) < set(slugs)
    for slug in slugs:
        page = real_site / "districts" / slug / "index.html"
        assert ("data-gz-card-panel" in page.read_text("utf-8")) == (slug in cards), slug
