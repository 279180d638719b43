"""Map pages without a browser: bytes, hosts, datum, escaping, size, speed."""

from __future__ import annotations

import gzip
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import branca.element
import folium
import pytest

from profiles.engine.output import Outputs
from profiles.facts import geo, present
from profiles.outputs.maps import MapSettings, copy_assets
from profiles.outputs.maps.features import script_json
from tests.dom import markdown_page
from tests.fixtures.maps.sample import HOSTILE, HOSTILE_SOURCE, sample_boundaries, sample_dataset, synthetic
from tests.render import render_output

TIANDITU = MapSettings(basemap="tianditu", tianditu_key="0123456789abcdef0123456789abcdef")
ALL_SETTINGS = [MapSettings(), MapSettings(basemap="osm"), TIANDITU]
# Hosts that may appear in output: tile templates and attribution links (never loaded as
# scripts or styles), the CSP's tile host patterns, and two constants inside leaflet.js
# (its attribution link and the SVG namespace; also used in our CSS's inline SVG icon).
ALLOWED_HOSTS = {
    "webrd0{s}.is.autonavi.com",
    "*.is.autonavi.com",
    "www.amap.com",
    "tile.openstreetmap.org",
    "www.openstreetmap.org",
    "t{s}.tianditu.gov.cn",
    "*.tianditu.gov.cn",
    "www.tianditu.gov.cn",
    "leafletjs.com",
    "www.w3.org",
}
CDN_HOSTS = ("jsdelivr", "jquery.com", "cdnjs", "bootstrapcdn", "unpkg", "googleapis", "fontawesome")


def _build(tmp: Path, settings: MapSettings | None = None) -> list[Path]:
    """The sample's map pages as a build renders them (MAP_PAGES), and the files they load, written under `tmp`."""
    made = render_output(
        "map",
        tmp / "project",
        dataset=sample_dataset(),
        boundaries=sample_boundaries(),
        map_settings=settings or MapSettings(),
    )
    out = Outputs()
    rels = copy_assets(out) + [out.put(path, data) for path, data in made.files.items()]
    out.write_to(tmp)
    return [tmp / rel for rel in rels]


def _data(page: Path) -> dict:
    text = page.read_text(encoding="utf-8")
    m = re.search(r'<script type="application/json" id="gz-map-data">(.*?)</script>', text, re.S)
    assert m, page
    return json.loads(m.group(1))


def _text_files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.suffix in (".html", ".js", ".css"))


def test_writes_the_promised_files(tmp_path):
    paths = _build(tmp_path)
    rel = {p.relative_to(tmp_path).as_posix() for p in paths}
    for slug in sample_dataset().districts:
        assert f"embed/{slug}/index.html" in rel
    assert {
        "embed/guangzhou/index.html",
        "embed/resize.js",
        "assets/vendor/leaflet/leaflet.js",
        "assets/maps/maps.js",
        "assets/maps/maps.css",
    } <= rel
    assert not any("jquery" in r or "bootstrap" in r or r.endswith(".map") for r in rel)
    assert all(p.exists() for p in paths)


def test_two_builds_are_byte_identical(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    pa, pb = _build(a), _build(b)
    assert [p.relative_to(a) for p in pa] == [p.relative_to(b) for p in pb]
    for x, y in zip(pa, pb):
        assert x.read_bytes() == y.read_bytes(), x


def test_folium_and_branca_globals_untouched(tmp_path):
    _build(tmp_path)
    assert any("cdn.jsdelivr.net" in url for _, url in folium.Map.default_js)
    assert len(branca.element.Element._generate_id()) == 32  # still branca's random hex


@pytest.mark.parametrize("settings", ALL_SETTINGS, ids=lambda s: s.basemap)
def test_no_third_party_host_in_output(tmp_path, settings):
    _build(tmp_path, settings)
    paths = _text_files(tmp_path)
    assert {"index.html", "maps.js", "maps.css", "leaflet.js"} <= {p.name for p in paths}
    for path in paths:
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".css":
            text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)  # leaflet.css cites a bug tracker
        for host in re.findall(r"https?://([^/\s\"'<>);\\]+)", text):
            assert host in ALLOWED_HOSTS, f"{path}: {host}"
        assert not any(cdn in text for cdn in CDN_HOSTS), path


class _Refs(HTMLParser):
    def __init__(self):
        super().__init__()
        self.loads: list[str] = []
        self.links: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag in ("script", "img", "iframe") and a.get("src"):
            self.loads.append(a["src"])
        if tag == "link" and a.get("href") and a.get("rel") != "expect":  # rel=expect names an element
            self.loads.append(a["href"])
        if tag == "a" and a.get("href"):
            self.links.append((a["href"], a))


def test_pages_load_only_relative_files_and_links_open_new_tabs(tmp_path):
    _build(tmp_path)
    pages = sorted(tmp_path.glob("embed/*/index.html"))
    assert len(pages) == len(sample_dataset().districts) + 1
    for page in pages:
        refs = _Refs()
        refs.feed(page.read_text(encoding="utf-8"))
        assert refs.loads and all(u.startswith("../../assets/") for u in refs.loads), refs.loads
        for href, attrs in refs.links:
            if href.startswith("#"):
                continue
            assert href.startswith("../../"), href
            assert attrs.get("target") == "_blank" and attrs.get("rel") == "noopener", href


def test_a_map_page_links_its_style_sheets_before_its_scripts_and_paints_only_once_main_is_parsed(tmp_path):
    _build(tmp_path)
    pages = sorted(tmp_path.glob("embed/*/index.html"))
    assert pages
    for page in pages:
        head = page.read_text(encoding="utf-8").split("</head>")[0]
        sheets = [m.start() for m in re.finditer(r'<link rel="stylesheet"', head)]
        scripts = [m.start() for m in re.finditer(r"<script", head)]
        assert sheets and scripts and max(sheets) < min(scripts), page
        assert '<link rel="expect" href="#gz-embed" blocking="render">' in head
        assert '<main class="gz-embed" id="gz-embed">' in page.read_text(encoding="utf-8")


def test_amap_points_are_shifted_to_gcj02_and_osm_points_are_not(tmp_path):
    _build(tmp_path / "amap", MapSettings(basemap="amap"))
    _build(tmp_path / "osm", MapSettings(basemap="osm"))
    amap = _data(tmp_path / "amap/embed/tianhe/index.html")
    osm = _data(tmp_path / "osm/embed/tianhe/index.html")
    park = sample_dataset().districts["tianhe"].parks[0]
    lon, lat = park.location.lon, park.location.lat
    assert osm["features"][0]["pt"] == [round(lon, 6), round(lat, 6)]
    glon, glat = geo.wgs84_to_gcj02(lon, lat)
    assert amap["features"][0]["pt"] == [round(glon, 6), round(glat, 6)]
    assert abs(glon - lon) > 0.003 and abs(glat - lat) > 0.001  # hundreds of metres: visible
    # Boundary vertices and park outlines too.
    raw = sample_boundaries()["tianhe"]["coordinates"][0][0]
    assert osm["boundaries"][0]["geometry"]["coordinates"][0][0] == [round(v, 6) for v in raw]
    assert amap["boundaries"][0]["geometry"]["coordinates"][0][0] == [round(v, 6) for v in geo.wgs84_to_gcj02(*raw)]
    plon, plat = park.location.polygon[0]
    assert amap["features"][0]["poly"][0] == [round(v, 6) for v in geo.wgs84_to_gcj02(plon, plat)]
    # The city map uses the same converted shapes.
    city = _data(tmp_path / "amap/embed/guangzhou/index.html")
    assert [b["slug"] for b in city["boundaries"]] == list(sample_boundaries())
    assert city["boundaries"][3]["geometry"] == amap["boundaries"][0]["geometry"]


def test_one_basemap_per_build(tmp_path):
    _build(tmp_path, TIANDITU)
    text = (tmp_path / "embed/tianhe/index.html").read_text(encoding="utf-8")
    assert text.count("L.tileLayer(") == 2  # Tianditu's map + its label layer
    assert "autonavi" not in text and "openstreetmap" not in text
    assert '"datum": "wgs84"' in text


def test_hostile_strings_are_escaped(tmp_path):
    _build(tmp_path)
    for page in [tmp_path / "embed/tianhe/index.html", tmp_path / "embed/guangzhou/index.html"]:
        text = page.read_text(encoding="utf-8")
        assert HOSTILE not in text
        assert "&lt;img src=x onerror=alert(1)&gt;" in text  # the list shows it as text
        assert text.count("</script>") == text.count("<script")  # nothing closed a script early
        assert "\u2028" not in text
        data = _data(page)
        names = [f["name"] for f in data["features"]]
        assert HOSTILE in names  # round-trips through JSON intact
        assert any(f["source"] and f["source"].startswith(HOSTILE_SOURCE) for f in data["features"])


def test_script_json_escapes_everything_that_could_break_out():
    out = script_json({"a": "</script><!--&'\u2028\u2029>"})
    assert not set("<>&'\u2028\u2029") & set(out)
    assert json.loads(out) == {"a": "</script><!--&'\u2028\u2029>"}


def test_settings_from_env():
    assert MapSettings.from_env({}, environ={}).basemap == "amap"
    assert MapSettings.from_env({"basemap": "osm"}, environ={}).basemap == "osm"
    assert MapSettings.from_env({"maps": {"basemap": "osm"}}, environ={"PROFILES_BASEMAP": "amap"}).basemap == "amap"
    s = MapSettings.from_env({}, environ={"PROFILES_BASEMAP": "tianditu", "TIANDITU_KEY": "abc12345"})
    assert s.basemap == "tianditu" and s.tianditu_key == "abc12345"
    assert MapSettings().is_gcj02 and not MapSettings(basemap="osm").is_gcj02
    with pytest.raises(ValueError):
        MapSettings.from_env({}, environ={"PROFILES_BASEMAP": "tianditu"})
    with pytest.raises(ValueError):
        MapSettings(basemap="google")
    with pytest.raises(ValueError):
        MapSettings(basemap="tianditu", tianditu_key="x&callback=evil")


def test_embed_is_light(tmp_path):
    _build(tmp_path)
    page = tmp_path / "embed/guangzhou/index.html"
    total = len(gzip.compress(page.read_bytes(), 9))
    for url in re.findall(r'(?:src|href)="(\.\./\.\./assets/[^"?]+)', page.read_text(encoding="utf-8")):
        total += len(gzip.compress((page.parent / url).read_bytes(), 9))
    assert total <= 120 * 1024, total


def test_a_profile_page_frames_its_map_sandboxed_and_lists_its_features_as_links_on_the_page(tmp_path):
    made = render_output("page", tmp_path, dataset=sample_dataset(), boundaries=sample_boundaries())
    _, html = markdown_page(made.text("districts/tianhe.md"))
    frame = html.find("figure", cls="gz-map").find("iframe")
    assert (frame["data-gz-src"], frame["title"]) == ("../../embed/tianhe/?fit=1", "天河区产业园区与重大项目地图")
    assert frame["sandbox"] == present.SANDBOX
    links = html.find("details", cls="gz-map-list").find_all("a")
    assert [a["href"] for a in links] == [
        "#park-pazhou",
        "#park-evil-park",
        "#project-metro-11",
        "#project-hq-tower",
        "#project-somewhere",
    ]
    assert links[1].text == HOSTILE and HOSTILE not in html.source  # text, never a tag
    assert not [a for a in links if "target" in a.attrs or "data-gz-index" in a.attrs]


def test_folium_renders_one_shell_per_build_not_one_map_per_district(monkeypatch, tmp_path):
    """Speed lives in scripts/bench.py; what keeps it is structural: folium's object tree is built
    once per build, and each district page only injects its data."""
    import profiles.outputs.maps.pages as map_pages

    calls = []
    real = map_pages.build_shell
    monkeypatch.setattr(map_pages, "build_shell", lambda *a, **k: calls.append(1) or real(*a, **k))
    dataset, boundaries = synthetic(30)
    made = render_output("map", tmp_path, dataset=dataset, boundaries=boundaries, map_settings=MapSettings())
    assert len([r for r in made.files if r.endswith("/index.html")]) == 31 and len(calls) == 1


def test_a_popup_gives_the_investment_in_the_sources_words_and_the_facts_caution():
    from profiles.outputs.maps.features import district_features

    ds = sample_dataset()
    tianhe = ds.districts["tianhe"]
    project = tianhe.projects[0].model_validate(
        tianhe.projects[0].model_dump()
        | {"investment": {"value": 200, "unit": "亿元", "comparator": "more_than"}, "caution": "所在区来源没有说。"}
    )
    features = district_features(ds, tianhe.model_copy(update={"projects": [project]}), lambda lon, lat: (lon, lat))
    shown = next(f for f in features if f["t"] == "project")
    assert (shown["figure"], shown["caution"]) == ("投资 超过 200 亿元", "所在区来源没有说。")
    assert all(f["caution"] is None for f in features if f["t"] == "park")
