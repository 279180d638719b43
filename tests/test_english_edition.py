"""The English edition of the real site, built at its public address (public_project; the other real builds are
Chinese only) (issue #25's acceptance): every page has its twin and back with
hreflang both ways; English pages, images and oEmbed hold no Chinese outside `lang="zh…"`; the translations cover
every text and none is stale; English search finds a district by its English name and goals by English keywords."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from profiles.ingest.i18n import owners
from profiles.ingest.i18n.texts import texts
from profiles.ingest.load import load_dataset
from profiles.site.linkcheck import check_site
from tests.conftest import PUBLIC_URL, ROOT
from tests.dom import HAN, chinese_outside_lang, parse
from tests.test_search import material_search, needs_node


def english_files(site: Path, suffix: str) -> list[Path]:
    return sorted((site / "en").rglob(f"*{suffix}"))


def test_every_page_has_its_english_twin_and_back_and_every_link_resolves(public_project):
    site = public_project / "site"
    pages = {p.relative_to(site).as_posix() for p in site.rglob("*.html")}
    english = {p for p in pages if p.startswith("en/")}
    assert len(english) == len(pages) - len(english) > 100
    assert {f"en/{p}" for p in pages - english} == english
    # hreflang both ways, x-default, the sitemap's pairs; and every link, the absolute ones under site_url too
    assert [f.format() for f in check_site(site, site_url=PUBLIC_URL)] == []


def test_each_page_names_its_language_and_its_twin(public_project):
    site = public_project / "site"
    for rel, lang, twin in (("districts/haizhu/index.html", "zh", "en/districts/haizhu/"),
                            ("en/districts/haizhu/index.html", "en", "districts/haizhu/")):  # fmt: skip
        root = parse((site / rel).read_text("utf-8"))
        assert root.find("html")["lang"] == lang
        alternates = {
            a["hreflang"]: a["href"] for a in root.find_all("link", rel="alternate") if a.attrs.get("hreflang")
        }
        other = "en" if lang == "zh" else "zh"
        assert alternates[other] == PUBLIC_URL + twin and alternates["x-default"].endswith("districts/haizhu/")
        switch = [a for a in root.find_all("a", hreflang=other) if "md-select__link" in (a.attrs.get("class") or "")]
        assert switch and switch[0]["href"] == PUBLIC_URL + twin and switch[0]["lang"] == other


def test_english_pages_hold_no_chinese_outside_elements_marked_chinese(public_project):
    real_site = public_project / "site"
    pages = english_files(real_site, ".html")
    assert len(pages) > 100
    found = {
        p.relative_to(real_site).as_posix(): runs
        for p in pages
        if (runs := chinese_outside_lang(parse(p.read_text("utf-8"))))
    }
    assert found == {}


def test_english_images_and_oembed_hold_no_chinese_outside_elements_marked_chinese(public_project):
    real_site = public_project / "site"  # built at its public address: oEmbed exists only with one
    svgs = english_files(real_site, ".svg")
    assert any(p.name == "map.svg" for p in svgs) and any(p.name == "card.svg" for p in svgs)
    found = {
        p.relative_to(real_site).as_posix(): runs
        for p in svgs
        if (runs := chinese_outside_lang(parse(p.read_text("utf-8"))))
    }
    assert found == {}
    oembeds = english_files(real_site, "oembed.json")
    assert len(oembeds) >= 12 + 4
    for path in oembeds:
        made = json.loads(path.read_text("utf-8"))
        assert not HAN.search(made["title"] + made.get("author_name", "") + made["provider_name"]), path
        assert not chinese_outside_lang(parse(made["html"])), path
        assert "/en/embed/" in made["html"] or "/en/" in made.get("thumbnail_url", ""), path


def test_there_is_an_english_map_embed_for_the_city_and_every_district(public_project):
    real_site = public_project / "site"
    maps = {p.parent.name for p in (real_site / "en" / "embed").glob("*/index.html")}
    assert len(maps) == 12


def test_the_translations_cover_every_text_of_the_data_and_none_is_stale():
    dataset, report = load_dataset(ROOT / "data", base=ROOT)
    assert report.ok, report.render()
    missing, stale = [], []
    for owner, profile in owners(dataset):
        found = dataset.translations.get(owner)
        for key, zh in texts(profile):
            tr = found.translations.get(key) if found else None
            if tr is None:
                missing.append(f"{owner}: {key}")
            elif tr.zh != zh:
                stale.append(f"{owner}: {key}")
    assert (missing, stale) == ([], [])


@needs_node
@pytest.mark.slow
def test_english_search_finds_a_district_by_its_english_name_and_goals_by_english_keywords(public_project, tmp_path):
    real_site = public_project / "site"
    index = json.loads((real_site / "en" / "search" / "search_index.json").read_text("utf-8"))
    assert all(doc["location"].startswith("en/") for doc in index["docs"])
    found = material_search(real_site, index, ["Haizhu District", "large models", "low-altitude", "Nansha"], tmp_path)
    assert found["Haizhu District"][0].startswith("en/districts/haizhu/")
    assert any(loc.startswith("en/districts/") for loc in found["large models"])
    assert any(loc.startswith("en/districts/") for loc in found["low-altitude"])
    assert found["Nansha"][0].startswith("en/districts/nansha/")
    assert not any(re.search(r"[\u4e00-\u9fff]", q) for q in found)
