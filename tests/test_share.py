"""Share images (profiles/outputs/share/): every map, card and district has one, 1080 px wide, its QR code read by
an outside decoder (zxing-cpp) as the absolute URL it should open; awkward and hostile text draws inside
the image, the same bytes build after build; the 2x twins; the chart frame."""

from __future__ import annotations

import html
import io
import re
import shutil
from pathlib import Path

import pytest
import yaml
import zxingcpp
from PIL import Image

from profiles.base.cache import Cache
from profiles.base.config import load_config
from profiles.engine.context import BuildContext
from profiles.engine.rendering import Inputs
from profiles.outputs.embeds import card_code, cards, embed_code
from profiles.outputs.pages.profile import share_alt
from profiles.outputs.share import draw, frame, images
from profiles.outputs.share.text import coverage, stroke
from profiles.outputs.staticmap import build_atlas
from profiles.site.build import build, validate
from profiles.site.generate import context
from tests.conftest import PUBLIC_URL, SITE_URL, copy_valid_data, make_project

MAX_LONG = 1_500_000  # bytes: a 分享长图 at most


def codes(data: bytes) -> list[str]:
    """The text of every QR code an outside decoder finds in the image."""
    with Image.open(io.BytesIO(data)) as img:
        return [r.text for r in zxingcpp.read_barcodes(img) if r.format == zxingcpp.BarcodeFormat.QRCode]


def width_of(path: Path) -> int:
    with Image.open(path) as img:
        return img.width


def share_images(site: Path) -> dict[str, list[Path]]:
    return {
        "map": sorted(site.glob("embed/*/share.png")),
        "card": sorted(site.glob("embed/*/card/*/share.png")),
        "long": sorted(site.glob("districts/*/share.png")),
    }


@pytest.fixture(scope="module")
def public(public_project) -> Path:
    return public_project / "site"


# --- the built site: every image, its width, its code --------------------------------------------------


def test_every_map_card_and_district_has_a_share_image_1080_px_wide(public, public_project):
    dataset = validate(load_config(public_project))[0]
    found = share_images(public)
    assert [p.parent.name for p in found["map"]] == sorted([*dataset.districts, "guangzhou"])
    assert {p.parent.name for p in found["long"]} == set(dataset.districts)
    card_folders = sorted(p.parent for p in public.glob("embed/*/card/*/index.html"))
    assert [p.parent for p in found["card"]] == card_folders and len(card_folders) > 30
    for path in [p for paths in found.values() for p in paths]:
        assert width_of(path) == frame.WIDTH, path
    for path in found["long"]:
        assert path.stat().st_size <= MAX_LONG, path


def _anchors(page: Path) -> set[str]:
    return set(re.findall(r'\bid="([^"]+)"', page.read_text("utf-8")))


def test_each_qr_code_reads_as_the_absolute_url_of_the_page_the_figure_lives_on(public):
    checked = 0
    for kind, paths in share_images(public).items():
        for path in paths:
            if kind == "long":
                slug, anchor = path.parent.name, ""
            elif kind == "card":
                slug, anchor = path.parent.parent.parent.name, path.parent.name  # a card's id is its entry's
            elif path.parent.name == "guangzhou":
                assert codes(path.read_bytes()) == [PUBLIC_URL], path  # the city map: the home page
                checked += 1
                continue
            else:
                slug = path.parent.name
                anchor = "map" if "map" in _anchors(public / "districts" / slug / "index.html") else ""
            expected = f"{PUBLIC_URL}districts/{slug}/" + (f"#{anchor}" if anchor else "")
            assert codes(path.read_bytes()) == [expected], path
            if anchor:
                assert anchor in _anchors(public / "districts" / slug / "index.html"), (path, anchor)
            checked += 1
    assert checked > 50


def test_without_the_sites_url_an_image_carries_no_code_and_says_why(real_site, tmp_path, monkeypatch):
    for path in [p for paths in share_images(real_site).values() for p in paths][::7]:
        assert codes(path.read_bytes()) == [], path
    project = make_project(tmp_path / "project", copy_valid_data(tmp_path / "data"))
    dataset = validate(load_config(project))[0]
    card = next(v for _, v in cards.card_views(dataset, BuildContext()))
    assert not card.profile_url.startswith("http")
    drawn = capture(monkeypatch)
    draw.card(card)
    assert frame.NO_URL in [line.text for line in drawn]


# --- awkward and hostile text --------------------------------------------------------------------------

NAME = "<b>海珠</b>区😀مرحبا עברית Ελλάδα Русь हिन्दी ไทย 𠀋‮gnp.exe‬\u200b\u2028续"  # markup, emoji, scripts
LONG_NAME = ("长" * 60 + "W" * 60 + "<script>alert(1)</script>" + "😀" * 20 + "مرحبا" * 7)[:200]


def awkward_data(target: Path) -> Path:
    """The one-district fixture with names no editor should write: markup, emoji, mixed scripts, a
    200-character source title, a 500-character statement."""
    data = copy_valid_data(target)
    registry = yaml.safe_load((data / "registry.yaml").read_text("utf-8"))
    for entry in registry["districts"]:
        if entry["slug"] == "haizhu":
            entry["zh"], entry["en"] = NAME[:40], ("Haizhu " + "W" * 80)[:80]
    (data / "registry.yaml").write_text(yaml.safe_dump(registry, allow_unicode=False), "utf-8")
    district = yaml.safe_load((data / "districts" / "haizhu.yaml").read_text("utf-8"))
    district["name"] = {"zh": NAME[:40], "en": ("Haizhu " + "W" * 80)[:80]}
    for g in district["goals"]:
        g["metric"] = ("😀 " + NAME)[:60]
        g["theme"] = "<i>主题</i>😀"
        g["statement"] = (LONG_NAME + NAME * 20)[:500]
    for item in district["parks"] + district["projects"]:
        item["name"] = NAME[:80]
    (data / "districts" / "haizhu.yaml").write_text(yaml.safe_dump(district, allow_unicode=False), "utf-8")
    sources = yaml.safe_load((data / "sources.yaml").read_text("utf-8"))
    for s in sources["sources"]:
        s["title"], s["publisher"] = LONG_NAME, "<script>alert(1)</script>发布者😀"
    (data / "sources.yaml").write_text(yaml.safe_dump(sources, allow_unicode=False), "utf-8")
    return data


def capture(monkeypatch) -> list:
    """The lines every sheet draws from now on (each with the height of its image)."""
    drawn: list = []
    real = frame.Canvas.line

    def line(self, line):
        drawn.append(line)
        line.__dict__["image_height"] = self.img.height  # frozen dataclass: noted beside its fields
        return real(self, line)

    monkeypatch.setattr(frame.Canvas, "line", line)
    return drawn


def test_awkward_names_draw_as_their_characters_inside_the_image_the_same_bytes_in_two_builds(tmp_path, monkeypatch):
    monkeypatch.setenv("PROFILES_SITE_URL", SITE_URL)
    data = awkward_data(tmp_path / "data")
    built = []
    for n in (1, 2):
        project = make_project(tmp_path / f"project{n}", data)
        assert build(load_config(project), run_mkdocs=False).ok
        built.append(
            {p.relative_to(project / "docs").as_posix(): p.read_bytes() for p in project.glob("docs/**/share.png")}
        )
    assert built[0] == built[1] and len(built[0]) >= 2 + 1 + 3  # the maps, the 分享长图, the cards
    assert codes(built[0]["districts/haizhu/share.png"]) == [f"{SITE_URL}districts/haizhu/"]

    config = load_config(tmp_path / "project1")
    dataset, _, boundaries = validate(config)
    ctx = context(dataset, boundaries, config, Cache(None), with_git=False)
    inputs = Inputs(dataset, ctx, boundaries)
    views = dict(images.share_views(inputs))
    drawn = capture(monkeypatch)
    card_views = [v for _, v in cards.card_views(dataset, ctx)]
    outputs = [draw.card(c) for c in card_views]
    outputs.append(draw.long_image(views["districts/haizhu/share"], build_atlas(inputs)(), {}))
    assert all(o.startswith(b"\x89PNG") for o in outputs)
    texts = " ".join(line.text for line in drawn)
    assert "<b>海珠</b>区" in texts and "<script>alert(1)</script>" in texts  # markup drawn as its characters
    assert "😀" in texts and "مرحبا" in texts and "Ελλάδα" in texts and "\u2028" not in texts
    assert any(line.text.endswith("…") for line in drawn)  # a 500-character statement is cut, and says so
    assert len(drawn) > 100
    for line in drawn:
        mask, dx, dy = coverage(line.text, line.size, line.bold)
        if mask is None:
            continue
        left = line.x + stroke(line.size, line.bold) + dx
        assert left >= 0 and left + mask.width <= min(line.right + 2, frame.WIDTH), line
        assert line.y + dy >= 0 and line.y + dy + mask.height <= line.image_height, line


def test_the_hostile_site_has_its_share_images_the_same_bytes_in_two_builds(tmp_path):
    from tests.fixtures.hostile import write_hostile_data

    data = tmp_path / "data"
    write_hostile_data(data, districts=2)
    built = []
    for n in (1, 2):
        project = make_project(tmp_path / f"project{n}", data)
        assert build(load_config(project), run_mkdocs=False).ok
        built.append(
            {p.relative_to(project / "docs").as_posix(): p.read_bytes() for p in project.glob("docs/**/share.png")}
        )
        shutil.rmtree(project / "build", ignore_errors=True)
    assert built[0] == built[1] and len(built[0]) > 5


# --- 2x twins, the embed codes, the chart frame ---------------------------------------------------------


def test_each_map_and_card_png_has_a_twin_with_twice_the_pixels_each_way(public):
    pairs = [(p, p.with_name("map@2x.png")) for p in public.glob("embed/*/map.png")]
    pairs += [(p, p.with_name("card@2x.png")) for p in public.glob("embed/*/card/*/card.png")]
    assert len(pairs) > 40
    for one, two in pairs:
        with Image.open(one) as a, Image.open(two) as b:
            assert b.size == (2 * a.width, 2 * a.height), two


def test_the_embed_codes_offer_the_2x_twin_through_srcset():
    assert f'srcset="{SITE_URL}embed/haizhu/map@2x.png 2x"' in embed_code(SITE_URL, "haizhu", "t", "a")
    base = f"{SITE_URL}embed/haizhu/card/goals/"
    assert f'src="{base}card.png" srcset="{base}card@2x.png 2x"' in card_code(SITE_URL, "haizhu", "goals", "t", "a")


def test_a_chart_is_framed_at_its_own_size_with_its_source_and_a_code(tmp_path):
    picture = Image.new("RGB", (400, 300), (200, 30, 30))
    buf = io.BytesIO()
    picture.save(buf, format="PNG")
    url = f"{SITE_URL}compare/#charts"
    data = frame.chart("各区地区生产总值", buf.getvalue(), "来源：某统计局《统计公报》，2025-03-01", url, "广州区情")
    assert data == frame.chart(
        "各区地区生产总值", buf.getvalue(), "来源：某统计局《统计公报》，2025-03-01", url, "广州区情"
    )
    assert codes(data) == [url]
    with Image.open(io.BytesIO(data)) as img:
        rgb = img.convert("RGB")
        assert rgb.width == frame.WIDTH
        row = next(y for y in range(rgb.height) if rgb.getpixel((540, y)) == (200, 30, 30))
        reds = [x for x in range(rgb.width) if rgb.getpixel((x, row + 150)) == (200, 30, 30)]
        assert len(reds) == 400 and reds[0] == (frame.WIDTH - 400) // 2  # not scaled up, centred


def test_the_profile_links_its_long_image_with_the_images_alt_text(public, public_project):
    config = load_config(public_project)
    dataset, _, boundaries = validate(config)
    ctx = context(dataset, boundaries, config, Cache(None), with_git=False)
    for slug, d in dataset.districts.items():
        page = (public / "districts" / slug / "index.html").read_text("utf-8")
        assert re.search(r'<p class="gz-share-long"><a href="share.png"[^>]*>分享长图</a>', page), slug
        alt = re.search(
            r'<details class="gz-share-alt" data-search-exclude><summary>[^<]*</summary>\s*<p>(.*?)</p>', page, re.S
        )
        expected = share_alt(d, dataset.sources, ctx, slug in boundaries)
        assert alt and html.unescape(alt.group(1)) == expected, slug
        assert "二维码" in expected and d.name.zh in expected  # it says what the code opens, in words


# --- the English edition (issue #25) ---------------------------------------------------------------------


def test_english_share_images_say_their_own_words_in_english_and_lead_to_the_english_pages(real_data_project):
    from tests.render import render_output

    made = render_output("share", real_data_project, lang="en", site_url="https://example.org/gz/")
    long = made.views["districts/haizhu/share"]
    assert (long.name, long.en, long.lang) == ("Haizhu District", "海珠区", "en")
    assert long.site_name == "Guangzhou District Profiles" and long.url == "https://example.org/gz/en/districts/haizhu/"
    assert long.note.startswith("Scan to open the full profile of Haizhu District")
    city = made.views["embed/guangzhou/share"]
    assert city.url == "https://example.org/gz/en/" and city.note.startswith("Scan")
    haizhu = made.views["embed/haizhu/share"]
    assert haizhu.source.startswith("Sources: ") and haizhu.image.lang == "en"
    assert haizhu.title == "Industrial parks and major projects in Haizhu District"
    assert made.files["districts/haizhu/share.png"][:8] == b"\x89PNG\r\n\x1a\n"


def test_a_sheet_without_the_site_s_url_says_so_in_its_edition_s_language():
    sheet = frame.Sheet(lang="en")
    sheet.text("Title", frame.TITLE)
    sheet.footer(None, "Guangzhou District Profiles", "unused")
    assert "No QR code: the site's address was not set when this image was built" in [line.text for line in sheet.lines]


def test_the_english_pages_share_alt_texts_are_english_and_name_sources_by_count_and_date(real_data_project):
    from tests.render import render_output

    han = re.compile(r"[\u3400-\u9fff]")
    made = render_output("page", real_data_project, lang="en", site_url="https://example.org/gz/")
    panels = made.views["districts/haizhu.md"].panels
    assert panels.share_alt.startswith("Long share image of Haizhu District. ") and not han.search(panels.share_alt)
    assert panels.share_alt.endswith("a QR code that opens the profile page of Haizhu District.")
    assert re.search(r"Sources: \d+ sources? in Chinese \(\d{4}-\d\d-\d\d", panels.map.share_alt)
    assert not han.search(panels.map.share_alt) and not han.search(panels.cards.share_tail)
    chinese = render_output("page", real_data_project, site_url="https://example.org/gz/")
    chinese = chinese.views["districts/haizhu.md"].panels
    assert chinese.map.share_alt.count("《") >= 1 and "图下方注明来源" in chinese.share_alt  # titles, as before
