"""The share images where the pages offer them (profiles/outputs/share/), in a real Chromium: axe-core finds no
violation on the pages with their panels open, at a phone's and a laptop's width; no page loads a share
image (they are links); the card panel's share link and alt text follow the chosen card."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.browser]

OPEN_PANELS = "document.querySelectorAll('details.gz-embed-panel').forEach(d => { d.open = true; })"


def _offering(real_site) -> list[str]:
    """The pages that offer share images: the home page (the city map's panel) and every profile."""
    return ["", *sorted(f"districts/{p.parent.name}/" for p in real_site.glob("districts/*/share.png"))]


@pytest.mark.parametrize("width", [390, 1366])
def test_axe_finds_no_violation_where_share_images_are_offered(real_site, static_server, open_page, width):
    from axe_playwright_python.sync_playwright import Axe

    base = static_server(real_site)
    axe = Axe()
    opened = open_page("about:blank", viewport={"width": width, "height": 900})
    page = opened.page
    found = {}
    for path in _offering(real_site):
        page.goto(base + path, wait_until="load")
        page.evaluate(OPEN_PANELS)  # panel.js builds each panel's form on its first open
        if page.locator("[data-gz-card-panel]").count():
            page.locator("[data-gz-card-options]").wait_for()
        results = axe.run(page, options={"resultTypes": ["violations"], "iframes": False})
        found[path or "/"] = [(v["id"], len(v["nodes"])) for v in results.response["violations"]]
    assert {p: v for p, v in found.items() if v} == {}
    assert opened.page_errors == []


def test_no_page_loads_a_share_image_and_each_link_opens_one(real_site, static_server, open_page):
    base = static_server(real_site)
    opened = open_page("about:blank", viewport={"width": 390, "height": 844})
    page = opened.page
    loaded: list[str] = []
    page.on("request", lambda r: loaded.append(r.url))
    for path in ["", "districts/haizhu/"]:
        page.goto(base + path, wait_until="networkidle")
        page.evaluate(OPEN_PANELS)
        page.wait_for_load_state("networkidle")
        links = page.locator("a[href$='share.png']")
        assert links.count() >= (1 if path == "" else 3), path  # city map; profile: map, card, 分享长图
        for i in range(links.count()):
            href = links.nth(i).evaluate("a => a.href")
            response = page.request.get(href)
            assert response.ok and response.headers["content-type"] == "image/png", href
            assert int.from_bytes(response.body()[16:20], "big") == 1080, href
    assert [u for u in loaded if u.endswith(("share.png", "@2x.png"))] == []
    long_link = page.get_by_role("link", name="分享长图")
    assert long_link.is_visible() and long_link.get_attribute("href") == "share.png"


def test_the_card_panels_share_link_and_alt_text_follow_the_chosen_card(real_site, static_server, open_page):
    base = static_server(real_site)
    opened = open_page(base + "districts/haizhu/", viewport={"width": 1366, "height": 900})
    page = opened.page
    panel = page.locator("[data-gz-card-panel]")
    panel.locator("summary").click()
    page.locator("[data-gz-card-options]").wait_for()
    cards = panel.evaluate("p => JSON.parse(p.getAttribute('data-cards'))")
    tail = panel.get_attribute("data-share-tail")
    choice = panel.locator("select")
    for i in (1, len(cards) - 1, 0):
        choice.select_option(str(i))
        card = cards[i]
        share = panel.locator("a[data-file='share.png']")
        assert share.get_attribute("href") == f"../../embed/haizhu/card/{card['id']}/share.png"
        assert (
            panel.locator("[data-gz-share-alt]").text_content() == "分享图的说明（可作替代文字）：" + card["alt"] + tail
        )
    assert opened.page_errors == []
