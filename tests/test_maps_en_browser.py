"""An English map embed in headless Chromium, tiles blocked: its controls, legend, popups and list speak English,
the names still in Chinese are marked lang="zh-CN", and it loads the assets both editions share from the root."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from profiles.engine.output import Outputs
from profiles.outputs.maps import MapSettings, copy_assets
from tests.browser import TILE_HOST
from tests.fixtures.maps.sample import sample_boundaries, sample_dataset
from tests.render import render_output

pytestmark = pytest.mark.browser

HAN = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("site")
    made = render_output(
        "map",
        tmp_path_factory.mktemp("project"),
        dataset=sample_dataset(),
        boundaries=sample_boundaries(),
        map_settings=MapSettings(),
        lang="en",
    )
    files = Outputs()
    copy_assets(files)  # at the site's root: both editions' pages load them
    files.files.update({f"en/{key}": data for key, data in made.files.items()})
    files.write_to(out)
    return out


def test_an_english_map_embed_shows_english_controls_legend_and_popups(site, static_server, open_page):
    opened = open_page(f"{static_server(site)}en/embed/tianhe/", viewport={"width": 900, "height": 800})
    page = opened.page
    page.wait_for_selector("html[data-map-ready]", timeout=5000)
    assert opened.errors == [], opened.errors
    assert not {h for h in opened.blocked_hosts() if not TILE_HOST.match(h)}
    assert page.locator(".gz-legend__title").inner_text() == "Legend"
    assert page.locator(".gz-fullscreen__button").get_attribute("aria-label") == "Show the map full screen"
    assert "arrow keys" in page.locator(".gz-map").get_attribute("aria-label")
    layers = page.locator(".leaflet-control-layers-overlays").inner_text()
    assert all(name in layers for name in ("District boundaries", "Parks and zones", "Major projects")), layers
    page.locator(".gz-show").first.click()
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for()
    assert "See the entry in the profile" in popup.inner_text()
    title = popup.locator(".gz-popup__title")
    if HAN.search(title.inner_text()):  # the sample has no translations: its names are marked Chinese
        assert title.get_attribute("lang") == "zh-CN"
    # Everything the script wrote outside elements marked Chinese is English, but for the units of a figure
    # ("5 平方公里"): the number formatting's English comes with the facts' formatting (issue #25).
    left = page.evaluate(
        """() => {
        const out = [];
        const walk = (node, zh) => {
          for (const child of node.childNodes) {
            if (child.nodeType === 3) { if (!zh && /[\\u4e00-\\u9fff]/.test(child.textContent)) out.push(child.textContent); }
            else if (child.nodeType === 1 && !['SCRIPT', 'STYLE'].includes(child.tagName)
                     && !child.classList.contains('gz-popup__figure')) {
              walk(child, child.hasAttribute('lang') ? child.getAttribute('lang').startsWith('zh') : zh);
            }
          }
        };
        walk(document.body, false);
        return out;
      }"""
    )
    assert left == [], left
