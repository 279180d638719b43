"""oEmbed discovery (profiles/outputs/embeds/oembed.py), on the real data built with a public URL: every embeddable
page links a JSON whose html is exactly the code its profile's panel shows."""

from __future__ import annotations

import html
import json
import re
import struct
from pathlib import Path

import pytest

from profiles.base.config import load_config
from profiles.outputs.embeds import PLACEHOLDER
from profiles.site.build import validate
from tests.conftest import PUBLIC_URL

pytestmark = pytest.mark.slow

SITE_URL = PUBLIC_URL
LINK = re.compile(r'<link rel="alternate" type="application/json\+oembed" href="([^"]+)" title="([^"]+)">')


@pytest.fixture(scope="module")
def built(public_project) -> Path:
    return public_project / "site"


@pytest.fixture(scope="module")
def dataset(built):
    return validate(load_config(built.parent))[0]


def _json(site: Path, url: str) -> dict:
    assert url.startswith(SITE_URL), url
    return json.loads((site / url.removeprefix(SITE_URL)).read_text("utf-8"))


def _links(page: Path) -> list[tuple[str, str]]:
    return [(href, html.unescape(title)) for href, title in LINK.findall(page.read_text("utf-8"))]


def _textareas(page: Path) -> dict[str, str]:
    """The no-JS code of each panel on a profile: the map's and the cards'."""
    text = page.read_text("utf-8")
    return {
        kind: html.unescape(code)
        for kind, code in re.findall(r"<textarea[^>]*data-gz-(embed|card)-code>(.*?)</textarea>", text, re.S)
    }


def _png_size(path: Path) -> tuple[int, int]:
    return struct.unpack(">II", path.read_bytes()[16:24])


def test_every_map_and_card_embed_page_links_its_own_oembed_json(built, dataset):
    pages = [built / "embed" / s / "index.html" for s in [*dataset.districts, "guangzhou"]]
    pages += sorted(built.glob("embed/*/card/*/index.html"))
    assert len(pages) > 12 + 30
    for page in pages:
        [(href, title)] = _links(page)
        folder = page.parent.relative_to(built).as_posix()
        assert href == f"{SITE_URL}{folder}/oembed.json"
        data = _json(built, href)
        assert data["title"] == title == html.unescape(re.search(r"<h1[^>]*>(.*?)</h1>", page.read_text()).group(1))


def test_each_oembed_json_is_a_rich_embed_with_absolute_urls_and_its_thumbnails_size(built):
    found = sorted(built.glob("embed/**/oembed.json"))
    assert len(found) > 12 + 30
    for path in found:
        data = json.loads(path.read_text("utf-8"))
        assert data["type"] == "rich" and data["version"] == "1.0", path
        assert data["provider_name"] == "广州区情" and data["provider_url"] == SITE_URL
        assert isinstance(data["width"], int) and isinstance(data["height"], int)
        folder = path.parent.relative_to(built).as_posix()
        if "/chart/" in folder:  # a chart's PNG lives with its SVG and spec under charts/
            assert data["thumbnail_url"] == f"{SITE_URL}charts/{path.parent.name}.png"
        else:
            assert data["thumbnail_url"] == f"{SITE_URL}{folder}/" + ("card.png" if "/card/" in folder else "map.png")
        assert _png_size(built / data["thumbnail_url"].removeprefix(SITE_URL)) == (
            data["thumbnail_width"],
            data["thumbnail_height"],
        )
        assert f'<iframe src="{SITE_URL}' in data["html"] and PLACEHOLDER not in data["html"]


def test_the_oembed_html_is_exactly_the_code_the_profiles_panels_show(built, dataset):
    compared = 0
    for slug in dataset.districts:
        page = built / "districts" / slug / "index.html"
        codes = _textareas(page)
        links = dict(_links(page))
        for kind, code in codes.items():
            href = next(h for h in links if ("/card/" in h) == (kind == "card"))
            assert _json(built, href)["html"] == code, (slug, kind)
            compared += 1
        assert len(links) == len(codes), slug  # a profile links the oEmbed of each embed it offers, no other
    home = built / "index.html"
    [(href, _)] = _links(home)
    assert _json(built, href)["html"] == _textareas(home)["embed"]
    assert compared >= 10


def test_a_profile_links_its_oembed_inside_noscript_where_materials_script_does_not_see_it(built):
    """Material fetches sitemap.xml beside every link[rel=alternate] it finds: not beside these."""
    for page in (built / "index.html", built / "districts" / "haizhu" / "index.html"):
        head = page.read_text("utf-8").split("</head>", 1)[0]
        [block] = re.findall(r"<noscript>(.*?)</noscript>", head, re.S)
        assert LINK.findall(block) == LINK.findall(head) != []


def test_no_placeholder_reaches_any_page_when_the_site_url_is_set(built):
    paths = [path for path in built.rglob("*") if path.suffix in (".html", ".json", ".svg")]
    assert len(paths) > 100
    for path in paths:
        assert "site-url-not-configured" not in path.read_text("utf-8"), path


def test_without_a_site_url_no_page_links_an_oembed_json(real_site):
    assert not list(real_site.glob("embed/**/oembed.json"))
    for page in [real_site / "index.html", real_site / "districts" / "haizhu" / "index.html"]:
        assert _links(page) == []
