"""Chinese search in real headless Chromium: type a word in Material's search box, read the results.

How it works (material/plugins/search/plugin.py and the search worker): at build time jieba cuts
every run of Chinese text into words, joined by zero-width spaces, with our user dictionary
(build/jieba_user.dict from profiles.outputs.pages.search_words). In the browser, a Chinese query is cut
using the words already in the index and each piece matches as the *start* of an indexed word. So
a word can be found only if the build cut it out of its compound, which is what these tests check
end to end on the real data.

公园 is not tested: no page or data file contains it (the data names 产业园 and 园区, never a park
in the leisure sense), so the honest expectation would be "no results". 产业园 stands in for it.
"""

from __future__ import annotations

import functools
import threading
from http.server import ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.browser import _QuietHandler

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SEARCHES = [
    ("琶洲", ["districts/haizhu/"]),
    ("广汽", ["districts/panyu/"]),
    ("低空经济", ["districts/haizhu/"]),
    ("大模型", ["districts/haizhu/"]),
    ("产业园", ["districts/panyu/", "districts/huangpu/"]),  # 广汽智联新能源汽车产业园, 广州互联网金融产业园
]


@pytest.fixture(scope="module")
def site(real_site) -> Path:
    return real_site


@pytest.fixture(scope="module")
def results(site, browser) -> dict[str, list[str]]:
    """Every query typed once, in one page (loading the index once keeps this module fast):
    query -> result pages' paths, best first."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    # Only our own server: anything else (there should be nothing) is refused, as in tests/browser.py.
    context.route("**/*", lambda r: r.continue_() if urlsplit(r.request.url).hostname == "127.0.0.1" else r.abort())
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        page.goto(f"http://127.0.0.1:{httpd.server_address[1]}/about/")  # a light page: no map iframe
        found = {query: search(page, query) for query in {q for q, _ in SEARCHES} | {"琶洲", "广汽"}}
    finally:
        context.close()
        httpd.shutdown()
        httpd.server_close()
    assert errors == [], errors
    return found


def search(page, query: str) -> list[str]:
    """Type `query` into the search box as a reader would; return the result pages' paths, best first."""
    box = page.locator("input.md-search__input")
    box.click()
    box.fill("")
    meta = page.locator(".md-search-result__meta")
    meta.filter(has_text="键入以开始搜索").wait_for()  # index loaded, previous results cleared
    page.keyboard.type(query)
    page.keyboard.press("End")  # Material reads the box on keyup; typed CJK text arrives without one
    meta.filter(has_text="结果").wait_for()
    hrefs = page.locator(".md-search-result__item > a").evaluate_all("els => els.map(e => e.href)")
    return list(dict.fromkeys(urlsplit(h).path.lstrip("/") for h in hrefs))


@pytest.mark.parametrize(("query", "expected"), SEARCHES, ids=[q for q, _ in SEARCHES])
def test_searching_a_chinese_word_finds_the_district_pages_that_contain_it(results, query, expected):
    pages = results[query]
    for path in expected:
        assert path in pages, f"{query}: {path} not in {pages}"
    if "compare/" in pages:  # the profile, where each entry's sources are, ranks above the compare page
        assert pages.index(expected[0]) < pages.index("compare/"), pages


@pytest.mark.parametrize("query", ["琶洲", "广汽"])
def test_a_place_or_brand_name_finds_only_pages_that_contain_it(site, results, query):
    assert results[query]
    for path in results[query]:
        assert query in (site / path / "index.html").read_text("utf-8"), path
