"""Embeds for newsrooms, on the real site built once: the panel's code, the embed pages, the fallback images."""

from __future__ import annotations

import gzip
import hashlib
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from types import SimpleNamespace

import pytest
from PIL import Image

from profiles.base.config import load_config, site_url
from profiles.engine.context import BuildContext
from profiles.engine.templating import environment
from profiles.model import CITY_SLUG
from profiles.outputs import embeds, pages
from profiles.outputs.embeds import PLACEHOLDER, Options, embed_code, panel
from profiles.outputs.staticmap.layout import PARK_COLOUR, PROJECT_COLOUR
from profiles.site.build import validate
from tests.conftest import PUBLIC_URL, ROOT

pytestmark = pytest.mark.slow

SITE_URL = PUBLIC_URL
SVG = "{http://www.w3.org/2000/svg}"
WECHAT = "下载图片（适用于微信公众号等不支持 iframe 的平台）"
# What a panel holds without JS, in order (panel.js builds the rest): every tag here is parsed twice
# per page by Python-Markdown, on every profile. The warning paragraph joins when no URL is set.
PANEL_TAGS = ["details", "summary", "link", "p", "label", "textarea", "p", "a", "a", "p", "a", "span", "script"]


@pytest.fixture(scope="module")
def built(public_project) -> Path:
    return public_project


@pytest.fixture(scope="module")
def dataset(built):
    return validate(load_config(built))[0]


class Tags(HTMLParser):
    """Every start tag (name, attributes) and the text of each <textarea>/<h1>/<desc>."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.texts: dict[str, list[str]] = {}
        self._open: str | None = None
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._open = tag if tag in ("textarea", "h1", "title") else None
        if self._open:
            self.texts.setdefault(tag, []).append("")

    def handle_data(self, data):
        if self._open:
            self.texts[self._open][-1] += data

    def handle_endtag(self, tag):
        self._open = None

    def first(self, tag: str, **attrs) -> dict:
        return next(a for t, a in self.tags if t == tag and all(a.get(k) == v for k, v in attrs.items()))


def panel_html(page: Path) -> str:
    text = page.read_text("utf-8")
    found = re.search(r'<details class="gz-embed-panel".*?</details>', text, re.S)
    assert found, f"no embed panel in {page}"
    return found.group(0)


def pages_with_panels(site: Path, dataset) -> dict[str, Path]:
    # A district without parks or projects shows a locator image: no map frame, nothing to embed.
    pages = {
        slug: site / "districts" / slug / "index.html" for slug, d in dataset.districts.items() if d.parks or d.projects
    }
    pages[CITY_SLUG] = site / "index.html"
    return pages


def svg_desc(svg: Path) -> str:
    return ET.fromstring(svg.read_text("utf-8")).find(f"{SVG}desc").text


def test_every_profile_and_the_home_page_offer_embed_code_with_absolute_urls(built, dataset):
    site = built / "site"
    for slug, page in pages_with_panels(site, dataset).items():
        panel = Tags(panel_html(page))
        code = Tags(panel.texts["textarea"][0])
        frame, img, script = code.first("iframe"), code.first("img"), code.first("script")
        assert frame["src"] == f"{SITE_URL}embed/{slug}/?id=gz-{slug}"
        assert frame["sandbox"] == "allow-scripts allow-popups allow-popups-to-escape-sandbox"
        assert frame["loading"] == "lazy" and frame["allow"] == "fullscreen"
        assert frame["data-gz-embed"] == f"gz-{slug}"
        assert frame["style"] == "width:100%;border:0;aspect-ratio:3/2;min-height:760px"
        embed_page = Tags((site / "embed" / slug / "index.html").read_text("utf-8"))
        assert frame["title"] == embed_page.texts["h1"][0]
        assert img["src"] == f"{SITE_URL}embed/{slug}/map.png"
        assert img["alt"] == svg_desc(site / "embed" / slug / "map.svg")
        assert script["src"] == f"{SITE_URL}embed/resize.js" and "async" in script
        for url in (frame["src"].split("?")[0] + "index.html", img["src"], script["src"]):
            assert (site / url.removeprefix(SITE_URL)).is_file(), url
        assert "data-gz-embed-placeholder" not in panel_html(page)  # the URL was configured


def test_the_panel_markup_without_js_holds_only_the_code_and_the_image_links(built, dataset):
    for slug, page in pages_with_panels(built / "site", dataset).items():
        panel = Tags(panel_html(page))
        assert [t for t, _ in panel.tags] == PANEL_TAGS, slug
        details, label, textarea = panel.first("details"), panel.first("label"), panel.first("textarea")
        assert "data-search-exclude" in details
        assert label["for"] == textarea["id"] and "readonly" in textarea
        assert [Path(a["href"]).name for t, a in panel.tags if t == "a"] == ["map.png", "map.svg", "share.png"]


def test_the_panel_without_a_site_url_stays_within_fifteen_tags_with_its_warning():
    district = SimpleNamespace(name=SimpleNamespace(zh="天河区"), parks=[1], projects=[])
    partial = environment(pages.TEMPLATES).get_template("_embed_panel.html.j2")
    unset = BuildContext(site_url=None, embed_names={})
    text = partial.render(panel=panel(unset, "tianhe", [district]), slug="tianhe", prefix="")
    tags = [t for t, _ in Tags(text).tags]
    assert tags == PANEL_TAGS[:4] + ["p"] + PANEL_TAGS[4:] and len(tags) <= 15


def test_the_panel_runs_under_a_strict_csp_no_inline_script_style_or_handler(built, dataset):
    for page in pages_with_panels(built / "site", dataset).values():
        tags = Tags(panel_html(page)).tags
        assert [t for t, a in tags if t == "script" and "src" not in a] == []
        scripts = [a["src"] for t, a in tags if t == "script"]
        assert scripts and all(re.match(r"^(\.\./\.\./)?assets/embeds/panel\.js\?v=\w+$", s) for s in scripts)
        assert [(t, a) for t, a in tags if "style" in a or any(k.startswith("on") for k in a)] == []


def test_the_panel_files_are_copied_and_versioned_by_content(built):
    html_text = (built / "site" / "districts" / "haizhu" / "index.html").read_text("utf-8")
    for name in embeds.ASSETS:
        source = (embeds.STATIC / name).read_bytes()
        assert (built / "site" / "assets" / "embeds" / name).read_bytes() == source
        assert (built / "docs" / "assets" / "embeds" / name).read_bytes() == source
        assert f"assets/embeds/{name}?v={hashlib.sha256(source).hexdigest()[:10]}" in html_text


def test_the_panel_offers_both_images_for_platforms_without_iframes(built, dataset):
    site = built / "site"
    for slug, page in pages_with_panels(site, dataset).items():
        panel = panel_html(page)
        assert WECHAT in panel
        links = [a["href"] for t, a in Tags(panel).tags if t == "a" and "download" in a]
        assert sorted(Path(h).name for h in links) == ["map.png", "map.svg", "share.png"]
        assert all((page.parent / h).resolve() == (site / "embed" / slug / Path(h).name).resolve() for h in links)
        # The alt text to paste with them: panel.js shows it, from the panel's data-alt.
        assert Tags(panel).first("details")["data-alt"] == svg_desc(site / "embed" / slug / "map.svg")


def test_every_embed_page_is_made_for_an_iframe(built, dataset):
    for slug in [*dataset.districts, CITY_SLUG]:
        text = (built / "site" / "embed" / slug / "index.html").read_text("utf-8")
        page = Tags(text)
        assert "md-header" not in text and "md-sidebar" not in text  # no site chrome
        assert len(page.texts["h1"]) == 1
        assert 'class="gz-legend"' in text and 'class="gz-credits">资料：' in text
        profile = page.first("a", **{"class": "gz-profile"})
        assert profile["target"] == "_blank" and profile["rel"] == "noopener"
        policy = page.first("meta", **{"http-equiv": "Content-Security-Policy"})["content"]
        assert policy.startswith("default-src 'none'")


def test_every_embed_stays_under_120_kb_compressed_without_tiles(built, dataset):
    for slug in [*dataset.districts, CITY_SLUG]:
        page = built / "site" / "embed" / slug / "index.html"
        total = len(gzip.compress(page.read_bytes(), 9))
        for url in re.findall(r'(?:src|href)="(\.\./\.\./assets/[^"?]+)', page.read_text("utf-8")):
            total += len(gzip.compress((page.parent / url).read_bytes(), 9))
        assert total <= 120 * 1024, (slug, total)


def test_every_fact_card_embed_stays_under_30_kb_compressed(built):
    pages = sorted((built / "site" / "embed").glob("*/card/*/index.html"))
    assert len(pages) > 30
    for page in pages:
        total = len(gzip.compress(page.read_bytes(), 9))
        for url in re.findall(r'(?:src|href)="((?:\.\./)+assets/[^"?]+)', page.read_text("utf-8")):
            total += len(gzip.compress((page.parent / url).read_bytes(), 9))
        assert total <= 30 * 1024, (page, total)


def _near(pixel, colour: str, tolerance: int = 60) -> bool:
    return sum(abs(a - b) for a, b in zip(pixel, Image.new("RGB", (1, 1), colour).getpixel((0, 0)))) < tolerance


def _maps(dataset) -> dict[str, list]:
    return {slug: [d] for slug, d in dataset.districts.items()} | {CITY_SLUG: list(dataset.districts.values())}


def _svg(built: Path, slug: str) -> ET.Element:
    return ET.fromstring((built / "site" / "embed" / slug / "map.svg").read_text("utf-8"))


def test_the_twelve_fallback_images_carry_every_boundary_and_point(built, dataset):
    boundaries = validate(load_config(built))[2]
    for slug, districts in _maps(dataset).items():
        svg = _svg(built, slug)
        paths = [p.get("class") for p in svg.iter(f"{SVG}path")]
        if slug == CITY_SLUG:
            assert paths.count("boundary city") == len(boundaries)
        else:
            assert paths.count("boundary focus") == 1, slug
        for kind, tag, attr in (("park", "rect", "parks"), ("project", "circle", "projects")):
            drawn = [e for e in svg.iter(f"{SVG}{tag}") if e.get("class") == f"point {kind}"]
            expected = [p.name for d in districts for p in getattr(d, attr)]
            assert sorted(e.find(f"{SVG}title").text for e in drawn) == sorted(expected), (slug, kind)
        png = Image.open(built / "site" / "embed" / slug / "map.png")
        png.load()  # decodes the whole image: a truncated file raises here
        assert png.size == (int(svg.get("width")), int(svg.get("height")))


def _hidden_points(built: Path, slug: str) -> list[str]:
    """Names of points with no symbol colour around their spot in the PNG. Either colour counts:
    a point sharing its spot with one of the other kind is drawn under it (staticmap's order)."""
    png = Image.open(built / "site" / "embed" / slug / "map.png").convert("RGB")
    hidden = []
    for e in _svg(built, slug).iter():
        if (e.get("class") or "").startswith("point"):
            x, y = (
                (float(e.get("cx")), float(e.get("cy")))
                if e.get("cx")
                else (float(e.get("x")) + 4.5, float(e.get("y")) + 4.5)
            )
            around = [png.getpixel((round(x) + dx, round(y) + dy)) for dx in range(-5, 6) for dy in range(-5, 6)]
            if not any(_near(p, c) for p in around for c in (PARK_COLOUR, PROJECT_COLOUR)):
                hidden.append(e.find(f"{SVG}title").text)
    return hidden


def test_every_point_of_a_district_image_is_visible_in_its_png(built, dataset):
    assert {slug: _hidden_points(built, slug) for slug in dataset.districts} == {slug: [] for slug in dataset.districts}


def test_every_point_of_the_city_image_is_visible_in_its_png(built):
    assert _hidden_points(built, CITY_SLUG) == []


def test_the_site_url_comes_from_the_environment_then_mkdocs_yml(tmp_path):
    mkdocs = tmp_path / "mkdocs.yml"
    mkdocs.write_text("site_name: x\nsite_url: https://a.example/sub\nextra: !ENV [X, y]\n", "utf-8")
    assert site_url(mkdocs, {}) == "https://a.example/sub/"
    assert site_url(mkdocs, {"PROFILES_SITE_URL": "https://b.example"}) == "https://b.example/"
    assert site_url(mkdocs, {"PROFILES_SITE_URL": ""}) is None  # set but empty: no public address
    mkdocs.write_text("site_name: x\nsite_url: !ENV GZ_TEST_UNSET_VARIABLE\n", "utf-8")
    assert site_url(mkdocs, {}) is None
    for bad in ("javascript:alert(1)", "//evil.example/", "https://a b/", "ftp://x/"):
        assert site_url(tmp_path / "absent.yml", {"PROFILES_SITE_URL": bad}) is None, bad


def test_without_a_site_url_the_code_uses_a_placeholder_and_says_so():
    district = SimpleNamespace(name=SimpleNamespace(zh="天河区"), parks=[1, 2], projects=[3])
    partial = environment(pages.TEMPLATES).get_template("_embed_panel.html.j2")
    for site, warned in ((None, True), (SITE_URL, False)):
        ctx = BuildContext(site_url=site, embed_names={"tianhe": "天河区"})
        text = partial.render(panel=panel(ctx, "tianhe", [district]), slug="tianhe", prefix="../../")
        code = Tags(Tags(text).texts["textarea"][0]).first("iframe")
        assert code["src"] == f"{site or PLACEHOLDER}embed/tianhe/?id=gz-tianhe"
        assert ("data-gz-embed-placeholder" in text) is warned
        assert "2个产业园区或片区" in text and "1个重大项目" in text  # the alt text counts the page's data


def test_data_in_the_code_is_escaped_once(tmp_path):
    code = embed_code(SITE_URL, "tianhe", '天河 "区"<script>', "图 & <b>说明</b>'")
    assert "<script>" not in code.split("\n")[0] and "<b>" not in code
    frame, img = Tags(code).first("iframe"), Tags(code).first("img")
    assert frame["title"] == '天河 "区"<script>' and img["alt"] == "图 & <b>说明</b>'"


def test_the_options_become_parameters_the_embed_page_reads():
    options = Options(layers=("projects", "boundary"), theme="dark", legend=False, height=400)
    assert options.query("gz-x") == "?id=gz-x&layers=boundary,projects&theme=dark&legend=0&height=400"
    assert Options().query("gz-x") == "?id=gz-x"
    static = ROOT / "profiles" / "outputs" / "maps" / "static"
    maps_js = (static / "maps.js").read_text("utf-8") + (static / "frame.js").read_text("utf-8")  # frame.js: id, theme
    for name in ("id", "layers", "theme", "legend", "height"):
        assert f"params.get('{name}')" in maps_js, name
    assert "height:550px" in Options(height=400).frame_style()  # the map plus room for title and legend


def test_mkdocs_yml_names_the_public_address_and_the_environment_still_overrides_it():
    from tests.conftest import ROOT, SITE_URL

    assert site_url(ROOT / "mkdocs.yml", {}) == SITE_URL
    assert site_url(ROOT / "mkdocs.yml", {"PROFILES_SITE_URL": "https://fork.example/x"}) == "https://fork.example/x/"
    assert site_url(ROOT / "mkdocs.yml", {"PROFILES_SITE_URL": ""}) is None  # as MkDocs: set but empty is none
