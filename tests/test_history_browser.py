"""The change history's pages in Chromium (#26): axe-core finds no violation on /changes/, a district's list, its
profile and the home page (their latest changes) at a laptop's and a phone's width, light and dark; nothing on
them errs, and Material does not take their Atom feed for the site in another language (no sitemap.xml fetched)."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PAGES = ("changes/", "changes/haizhu/", "districts/haizhu/", "")  # the lists, a profile's and the home page's


@pytest.mark.parametrize("width", [1366, 390])
def test_axe_finds_no_violation_on_the_change_pages(history_project, static_server, open_page, width):
    from axe_playwright_python.sync_playwright import Axe

    base = static_server(history_project[0] / "site")
    axe = Axe()
    found = {}
    for scheme in ("light", "dark"):
        opened = open_page("about:blank", viewport={"width": width, "height": 900}, color_scheme=scheme)
        requests: list[str] = []
        opened.page.on("request", lambda r, seen=requests: seen.append(r.url))
        for path in PAGES:
            opened.page.goto(base + path, wait_until="load")
            opened.page.wait_for_load_state("networkidle")
            assert opened.page.locator(".gz-changes > li").count() >= 3, path
            results = axe.run(opened.page, context={"include": [["article"]]} if not path.startswith("changes/") else None, options={"resultTypes": ["violations"]})  # fmt: skip
            found[f"{path} {scheme}"] = [(v["id"], len(v["nodes"])) for v in results.response["violations"]]
        assert opened.errors == [], opened.errors
        assert [u for u in requests if u.endswith("sitemap.xml")] == [], "a feed is not a language of the site"
    assert {page: v for page, v in found.items() if v} == {}


def test_a_change_entry_link_lands_on_the_fact_it_names(history_project, static_server, open_page):
    base = static_server(history_project[0] / "site")
    opened = open_page(base + "changes/", viewport={"width": 1366, "height": 900})
    page = opened.page
    page.locator(".gz-changes > li a", has_text="园区「人工智能大模型应用示范区」").first.click()
    page.wait_for_url("**/districts/haizhu/#park-pazhou-ai")
    target = page.locator("#park-pazhou-ai")
    assert target.is_visible() and "收录于 2026-01-01" in target.inner_text()
    assert opened.errors == []
