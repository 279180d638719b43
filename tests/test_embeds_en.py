"""The embeds' English edition (profiles/outputs/embeds): the panels' codes point at en/embed/…, the card pages and
the oEmbed JSON speak English, and what stays Chinese (sources' titles, quotes) is marked so."""

from __future__ import annotations

import dataclasses
import json
import re
import struct
from pathlib import Path

import pytest

from profiles.base.cache import Cache
from profiles.base.config import load_config
from profiles.engine.rendering import Inputs
from profiles.model import CITY_SLUG
from profiles.outputs import embeds
from profiles.outputs.embeds import PANEL_WORDS, card_panel, panel, panel_words
from profiles.outputs.embeds import oembed as O
from profiles.outputs.embeds.cards import build_cards
from profiles.site.build import Session, validate
from tests.dom import HAN, chinese_outside_lang, parse
from tests.render import render_output

SITE = "https://example.org/gz/"


@pytest.fixture(scope="module")
def cards(real_data_project):
    return render_output("card", real_data_project, lang="en", site_url=SITE)


def _inputs(made) -> Inputs:
    return Inputs(made.dataset, made.ctx, {}, Cache(None))


def test_an_english_map_panel_gives_the_code_of_the_english_embed(cards):
    haizhu = cards.dataset.districts["haizhu"]
    p = panel(cards.ctx, "haizhu", [haizhu], cards.dataset.sources)
    assert p.title == "Map of parks and major projects in Haizhu District"
    assert f'src="{SITE}en/embed/haizhu/?id=gz-haizhu"' in p.code
    assert f'src="{SITE}en/embed/haizhu/map.png"' in p.code
    assert f'<script src="{SITE}embed/resize.js" async>' in p.code  # the one host script both editions share
    assert not HAN.search(p.code), p.code
    assert (p.edition, p.up) == ("en/", "../")
    city = panel(cards.ctx, CITY_SLUG, cards.dataset.districts.values(), cards.dataset.sources)
    assert f"{SITE}en/embed/guangzhou/" in city.code and not HAN.search(city.code)


def test_an_english_card_panel_gives_the_code_of_the_english_card(cards):
    found = build_cards(_inputs(cards))["haizhu"]
    p = card_panel(cards.ctx, "haizhu", found)
    assert f'src="{SITE}en/embed/haizhu/card/{found[0].id}/?id=' in p.code
    assert p.words == panel_words("en")


def test_the_panels_words_are_english_in_the_english_edition_and_the_chinese_in_the_chinese():
    assert set(panel_words("en")) == set(PANEL_WORDS)
    assert not any(HAN.search(w) for w in panel_words("en").values())
    assert panel_words() == PANEL_WORDS


def test_the_script_falls_back_on_the_same_chinese_words_when_a_panel_gives_none():
    script = (Path(embeds.__file__).parent / "static" / "panel.js").read_text("utf-8")
    found = re.search(r"^  var WORDS = (\{\n.*?\n  \});$", script, re.M | re.S)
    assert found and json.loads(found.group(1)) == PANEL_WORDS


def test_every_english_card_page_is_english_but_for_the_units_the_sources_write(cards):
    pages = {key: view for key, view in cards.views.items() if key.endswith("/index.html")}
    assert len(pages) > 30
    for key, view in pages.items():
        page = parse(cards.text(key))
        assert page.find("html")["lang"] == "en"
        left = set(chinese_outside_lang(page))
        assert left <= {view.unit}, (key, left)  # units: the number formatting's English (a later step)


def test_an_english_card_keeps_its_quotes_and_sources_in_chinese_marked_so(cards):
    key, view = next((k, v) for k, v in cards.views.items() if k.endswith("index.html") and v.quotes)
    page = parse(cards.text(key))
    quote = page.find(cls="gz-fact-quote")
    assert quote.find("q", lang="zh-CN").text == view.quotes[0].zh
    assert "Original text" in quote.text
    source = page.find(cls="gz-fact-source")
    assert any(e.attrs.get("lang") == "zh-CN" and view.sources[0].title in e.text for e in source.iter())
    assert f"{SITE}en/districts/" in page.find(cls="gz-fact-foot").source
    assert "Guangzhou District Profiles" in page.find("title").text
    assert not HAN.search(view.alt.replace(view.unit, "")), view.alt


def test_an_english_card_page_loads_the_shared_assets_one_folder_further_up(cards):
    key = next(k for k in cards.files if k.endswith("/index.html"))
    text = cards.text(key)
    assert 'href="../../../../../assets/embeds/card.css?v=' in text
    assert 'src="../../../../../assets/maps/frame.js?v=' in text


def _png(width: int, height: int) -> bytes:
    return b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + struct.pack(">II", width, height)


def test_the_english_oembed_json_names_the_english_embed_and_the_site_in_english(cards, real_data_project):
    made = render_output("map", real_data_project, lang="en", site_url=SITE)
    inputs = dataclasses.replace(_inputs(cards), boundaries=made_boundaries(real_data_project))
    found = dict(O.views(inputs))
    view = found["embed/haizhu/oembed.json"]
    results = {"image": {"haizhu": {"embed/haizhu/map.png": _png(1200, 900)}}}
    data = json.loads(O.render(view, dataclasses.replace(inputs, results=results)))
    assert (
        data["title"]
        == "Map of parks and major projects in Haizhu District"
        == made.views["embed/haizhu/index.html"].title
    )
    assert data["provider_name"] == "Guangzhou District Profiles"
    assert data["thumbnail_url"] == f"{SITE}en/embed/haizhu/map.png"
    assert f'src="{SITE}en/embed/haizhu/?id=gz-haizhu"' in data["html"]
    assert not HAN.search(json.dumps(data, ensure_ascii=False))
    card_key = next(k for k in found if "/card/" in k)
    card = found[card_key]
    assert card.thumbnail_url.startswith(f"{SITE}en/embed/") and f"{SITE}en/embed/" in card.html


def made_boundaries(project):
    config = load_config(project)
    return validate(config, Session(config))[2]
