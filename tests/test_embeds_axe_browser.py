"""axe-core (axe-playwright-python) on every embed page, map and fact card (in English: two maps and one district's
cards), at a phone's and a laptop's width, light and dark: no violation. The real site, built once per session; tiles blocked."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _embeds(real_site) -> list[str]:
    maps = sorted(p.parent.relative_to(real_site).as_posix() + "/" for p in real_site.glob("embed/*/index.html"))
    cards = sorted(
        p.parent.relative_to(real_site).as_posix() + "/" for p in real_site.glob("embed/*/card/*/index.html")
    )
    assert len(maps) == 12 and len(cards) > 30
    return maps + cards


@pytest.mark.parametrize("width", [390, 1366])
def test_axe_finds_no_violation_on_any_map_or_card_embed(real_site, static_server, open_page, width):
    from axe_playwright_python.sync_playwright import Axe

    base = static_server(real_site)
    axe = Axe()
    opened = open_page("about:blank", viewport={"width": width, "height": 900})
    page = opened.page
    found = {}
    for path in _embeds(real_site):
        # Dark on every other card: both palettes are checked for contrast.
        theme = "?theme=dark" if "/card/" in path and len(found) % 2 else ""
        page.goto(base + path + theme, wait_until="load")
        page.locator("main#gz-embed").wait_for()
        if "/card/" not in path:
            page.locator("html[data-map-ready]").wait_for()
        results = axe.run(page, options={"resultTypes": ["violations"]})
        violations = [(v["id"], len(v["nodes"])) for v in results.response["violations"]]
        found[path + theme] = violations
    assert {p: v for p, v in found.items() if v} == {}
    assert opened.page_errors == []


@pytest.mark.parametrize("width", [390, 1366])
def test_axe_finds_no_violation_on_english_embeds(public_project, static_server, open_page, width):
    """The English edition's embeds (built on the public build only): two maps and one district's cards."""
    from axe_playwright_python.sync_playwright import Axe

    site = public_project / "site"
    paths = ["en/embed/haizhu/", "en/embed/guangzhou/"]
    cards = sorted(p.parent.relative_to(site).as_posix() + "/" for p in site.glob("en/embed/haizhu/card/*/index.html"))
    paths += cards[:4]  # one template: a few of them
    assert len(paths) > 5
    base, axe = static_server(site), Axe()
    opened = open_page("about:blank", viewport={"width": width, "height": 900})
    found = {}
    for path in paths:
        opened.page.goto(base + path, wait_until="load")
        opened.page.locator("main#gz-embed").wait_for()
        assert opened.page.evaluate("document.documentElement.lang") == "en", path
        results = axe.run(opened.page, options={"resultTypes": ["violations"]})
        found[path] = [(v["id"], len(v["nodes"])) for v in results.response["violations"]]
    assert {p: v for p, v in found.items() if v} == {}
    assert opened.page_errors == []
