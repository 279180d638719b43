"""The map embeds' English edition (profiles/outputs/maps): en/embed/<slug>/ says everything in English, marks what
is still Chinese lang="zh-CN", loads the assets both editions share, and hands maps.js its words."""

from __future__ import annotations

import json
import re

import pytest

from profiles.outputs.maps import features as F
from profiles.outputs.maps.pages import MAPS_WORDS, maps_words
from profiles.outputs.maps.settings import MapSettings
from tests.dom import HAN, chinese_outside_lang, parse
from tests.fixtures.maps.sample import sample_boundaries, sample_dataset
from tests.render import render_output

SITE = "https://example.org/gz/"


@pytest.fixture(scope="module")
def english(real_data_project):
    return render_output("map", real_data_project, lang="en", site_url=SITE)


@pytest.fixture(scope="module")
def sample_english(tmp_path_factory):
    """The sample dataset has no translations: every name is still Chinese (missing)."""
    made = tmp_path_factory.mktemp("project")
    return render_output(
        "map", made, dataset=sample_dataset(), boundaries=sample_boundaries(), map_settings=MapSettings(), lang="en"
    )


def test_every_english_map_embed_holds_no_chinese_outside_elements_marked_chinese(english):
    pages = [key for key in english.files if key.startswith("embed/") and key.endswith("/index.html")]
    assert len(pages) == 12
    for key in pages:
        page = parse(english.text(key))
        assert page.find("html")["lang"] == "en", key
        assert chinese_outside_lang(page) == [], key


def test_an_english_map_embed_says_its_title_legend_and_credits_in_english(english):
    page = parse(english.text("embed/haizhu/index.html"))
    assert page.find("h1").text == "Map of parks and major projects in Haizhu District"
    assert page.find("title").text == "Map of parks and major projects in Haizhu District · Guangzhou District Profiles"
    assert page.find(cls="gz-legend__title").text == "Legend"
    assert page.find(cls="gz-credits").text.startswith("Data: Guangzhou District Profiles, compiled from ")
    assert "Full profile of Haizhu District" in page.find(cls="gz-profile").text


def test_an_english_map_embed_loads_the_shared_assets_one_folder_further_up(english):
    text = english.text("embed/haizhu/index.html")
    assets = re.findall(r'(?:src|href)="([^"]*assets/[^"]*)"', text)
    assert assets and all(a.startswith("../../../assets/") for a in assets), assets
    assert 'href="../../districts/haizhu/"' in text  # the profile: its English twin, at the same relative place


def test_an_english_map_embed_links_its_english_oembed_json(english):
    links = re.findall(r'type="application/json\+oembed" href="([^"]+)"', english.text("embed/haizhu/index.html"))
    assert links == [f"{SITE}en/embed/haizhu/oembed.json"]


def test_the_page_hands_maps_js_its_words_in_the_page_s_language(english):
    page = parse(english.text("embed/haizhu/index.html"))
    words = json.loads(page.find(id="gz-map-words").text)
    assert words == maps_words("en") and set(words) == set(MAPS_WORDS)
    assert not any(HAN.search(w) for w in words.values()), words
    assert words["fullscreenOn"] == "Show the map full screen"


def test_the_chinese_edition_hands_maps_js_the_chinese_words():
    assert maps_words() == MAPS_WORDS


def test_the_shell_names_its_layers_and_gestures_in_english(english):
    shell = english.text("embed/haizhu/index.html").split("<script>")[-1]
    for words in ("District boundaries", "Parks and zones", "Major projects", "Use two fingers to move the map"):
        assert words in shell
    assert not HAN.search(shell)


def test_a_name_still_in_chinese_is_marked_in_the_list_and_for_the_popups(sample_english):
    page = parse(sample_english.text("embed/haizhu/index.html"))
    assert chinese_outside_lang(page) == []
    data = json.loads(page.find(id="gz-map-data").text)
    first = data["features"][0]
    assert "name" in first["zh"] and HAN.search(first["name"])
    marked = [e for e in page.find(id="gz-list").iter() if e.attrs.get("lang") == "zh-CN"]
    assert any(first["name"] in e.text for e in marked)


def test_a_feature_s_labels_follow_the_language():
    dataset = sample_dataset()
    district = next(d for d in dataset.districts.values() if d.projects)
    same = lambda lon, lat: (lon, lat)  # noqa: E731
    zh = F.district_features(dataset, district, same)
    en = F.district_features(dataset, district, same, lang="en")
    assert [f["type"] for f in zh] != [f["type"] for f in en]
    assert not any(HAN.search(f["type"] + (f["status"] or "") + f["precLabel"] + f["district"]) for f in en)
    assert "zh" not in zh[0] and "more" not in zh[0]  # the Chinese edition's data is as it was
