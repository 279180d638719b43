"""Fact cards as embeds (profiles/outputs/embeds/cards.py, card_image.py): each card page and its two images, from
the one-district fixture rendered in-process, and the hostile site's card pages read statically."""

from __future__ import annotations

import gzip
import io
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import pytest
from PIL import Image

from profiles.base.config import load_config
from profiles.engine.context import BuildContext
from profiles.facts.headline import all_cards
from profiles.model import GoalStatus
from profiles.outputs.embeds import card_image, cards
from profiles.site.build import validate
from tests.conftest import SITE_URL
from tests.fixtures.hostile import PWN
from tests.fixtures.hostile.sites import hostile_site

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def dataset(tmp_path_factory):
    from tests.conftest import copy_valid_data, make_project

    root = tmp_path_factory.mktemp("cards")
    project = make_project(root / "project", copy_valid_data(root / "data"))
    return validate(load_config(project))[0]


@pytest.fixture(scope="module")
def views(dataset) -> dict[str, cards.CardPage]:
    return dict(cards.card_views(dataset, BuildContext(site_url=SITE_URL)))


class Text(HTMLParser):
    """The page's visible text by class of its element, and its start tags."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.by_class: dict[str, str] = {}
        self._classes: list[str] = []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append((tag, a))
        self._classes.append(a.get("class", "") or "")

    def handle_endtag(self, tag):
        if self._classes:
            self._classes.pop()

    def handle_data(self, data):
        for cls in self._classes:
            for name in cls.split():
                self.by_class[name] = self.by_class.get(name, "") + data


def test_every_card_of_a_district_and_its_goals_summary_has_a_page(dataset, views):
    d = dataset.districts["haizhu"]
    expected = ["goals"] + [c.id for c in all_cards(d)]
    assert list(views) == [f"embed/haizhu/card/{i}/index.html" for i in expected]
    assert len(expected) >= 3


def test_a_build_makes_each_districts_cards_once_for_its_page_card_pages_images_and_oembed(tmp_path, monkeypatch):
    from profiles.site.build import build
    from tests.conftest import copy_valid_data, make_project

    project = make_project(tmp_path / "project", copy_valid_data(tmp_path / "data"), english=True)
    made: list[str] = []
    real = cards.district_cards
    monkeypatch.setattr(cards, "district_cards", lambda d, *args: made.append(d.slug) or real(d, *args))
    monkeypatch.setenv("PROFILES_SITE_URL", SITE_URL)
    assert build(load_config(project), run_mkdocs=False).ok
    # once per edition (Chinese, English), though the profile's panel and three outputs show the cards
    assert made == ["haizhu"] * len(load_config(project).languages) and len(made) == 2
    docs = project / "docs"
    page = (docs / "districts" / "haizhu.md").read_text("utf-8")
    shown = sorted(p.parent for p in (docs / "embed" / "haizhu" / "card").glob("*/index.html"))
    assert len(shown) >= 3
    for folder in shown:
        assert {"card.png", "card.svg", "oembed.json"} <= {p.name for p in folder.iterdir()}, folder
        assert f'"id": "{folder.name}"' in page, f"the profile's panel offers {folder.name}"


def test_every_card_page_shows_its_number_label_year_source_and_profile_link(dataset, views):
    for path, view in views.items():
        page = Text(cards.render_card(view))
        assert page.by_class["gz-fact-value"] == view.value_text and view.value and view.unit, path
        assert view.label in page.by_class["gz-fact-title"] and view.district in page.by_class["gz-fact-title"]
        assert all(s.title in page.by_class["gz-fact-source"] for s in view.sources) and view.sources, path
        assert all(s.publisher in page.by_class["gz-fact-source"] for s in view.sources)
        assert all(s.date in page.by_class["gz-fact-source"] for s in view.sources)
        if view.year:
            assert view.year in page.by_class["gz-fact-meta"]
        for quote in view.quotes:
            assert quote in page.by_class["gz-fact-quote"]
        link = next(a for t, a in page.tags if t == "a" and a["href"].startswith(SITE_URL + "districts/haizhu/#"))
        assert link["target"] == "_blank" and link["rel"] == "noopener"


def test_a_goal_card_keeps_its_statements_hedge_and_its_status(dataset):
    d = dataset.districts["haizhu"]
    goal = d.goals[1].model_copy(
        update={"statement": "力争全年引育大模型企业超100个", "status": GoalStatus.in_progress}
    )
    view = cards.card_page(d, all_cards(d.model_copy(update={"goals": [goal]}))[-1], dataset.sources, BuildContext())
    page = Text(cards.render_card(view))
    assert page.by_class["gz-fact-meta"] == "目标（力争） · 2025 年 · 推进中"
    assert view.profile_url == "../../../../districts/haizhu/#goal-llm-firms-2025"  # no site URL: relative


def test_a_card_with_a_caution_shows_it_under_its_figure_on_its_page_in_its_alt_text_and_on_its_image(dataset):
    d = dataset.districts["haizhu"]
    caution = "“400亿级”是规模档次，不是到期要达到的数字。"
    goal = d.goals[1].model_copy(update={"caution": caution})
    view = cards.card_page(d, all_cards(d.model_copy(update={"goals": [goal]}))[-1], dataset.sources, BuildContext())
    page = Text(cards.render_card(view))
    assert page.by_class["gz-fact-caution"] == "请注意：" + caution
    assert f"（{view.meta}）。请注意：{caution}" in view.alt
    drawn = "".join(line.text for line in card_image.layout(view)[1])
    assert f"请注意：{caution}" in drawn and drawn.index("请注意") < drawn.index(view.statement[:6])


def test_a_card_shows_each_of_several_quotes_as_its_own_passage(dataset):
    d = dataset.districts["haizhu"]
    quotes = [{"text": "全年引育大模型企业超100个", "source": "src-a"}, {"text": "各区构建", "source": "src-b"}]
    goal = d.goals[1].model_validate(
        d.goals[1].model_dump() | {"quote": None, "quotes": quotes, "sources": ["src-a", "src-b"]}
    )
    view = cards.card_page(d, all_cards(d.model_copy(update={"goals": [goal]}))[-1], dataset.sources, BuildContext())
    page = cards.render_card(view)
    assert view.quotes == ("全年引育大模型企业超100个", "各区构建") and page.count('class="gz-fact-quote"') == 2
    assert "原文：“全年引育大模型企业超100个”。原文：“各区构建”。" in view.alt


def test_the_summary_card_counts_the_goals_in_the_profiles_own_sentence(dataset, views):
    summary = views["embed/haizhu/card/goals/index.html"]
    d = dataset.districts["haizhu"]
    assert (summary.value, summary.unit) == (str(len(d.goals)), "项")
    assert summary.statement.startswith(f"海珠区公布了 {len(d.goals)} 项")
    assert summary.profile_url == f"{SITE_URL}districts/haizhu/#goals"


def test_a_district_without_goals_or_figures_has_no_card(dataset):
    d = dataset.districts["haizhu"].model_copy(update={"goals": [], "indicators": []})
    assert cards.district_cards(d, dataset.sources, BuildContext()) == ()


def test_a_card_page_is_made_for_an_iframe_loads_only_our_files_and_is_small(views):
    for view in views.values():
        text = cards.render_card(view)
        page = Text(text)
        html = next(a for t, a in page.tags if t == "html")
        assert html["lang"] == "zh-CN" and "data-gz-watch" in html
        assert [t for t, _ in page.tags].count("main") == 1 and [t for t, _ in page.tags].count("h1") == 1
        policy = next(a for t, a in page.tags if t == "meta" and a.get("http-equiv"))["content"]
        assert policy.startswith("default-src 'none'") and "unsafe-inline" not in policy
        scripts = [a for t, a in page.tags if t == "script"]
        assert scripts and all("defer" in a and a["src"].startswith("../../../../assets/") for a in scripts)
        assert "<script>" not in text and " style=" not in text  # nothing inline: the CSP allows neither
        icon = next(a for t, a in page.tags if t == "link" and a.get("rel") == "icon")
        assert icon["href"].startswith("../../../../assets/maps/favicon.svg?v=")
        loads = [a.get("src") or a.get("href") for t, a in page.tags if t in ("script", "link", "img")]
        assert all(u.startswith("../../../../assets/") or u.startswith(SITE_URL) for u in loads), loads
        assert len(gzip.compress(text.encode(), 9)) < 4 * 1024


def test_each_card_has_a_png_and_an_svg_twin_with_its_alt_text(views):
    for view in views.values():
        files = card_image.draw(view)
        base = cards.embed_path(view.slug, view.id)
        assert set(files) == {f"{base}card.svg", f"{base}card.png", f"{base}card@2x.png", f"{base}share.png"}
        svg = ET.fromstring(files[f"{base}card.svg"])
        assert svg.find(f"{SVG}title").text == view.title
        assert svg.find(f"{SVG}desc").text == view.alt
        assert view.value_text in view.alt and all(s.title in view.alt for s in view.sources)
        png = Image.open(io.BytesIO(files[f"{base}card.png"]))
        png.load()
        assert (
            png.size == (int(svg.get("width")), int(svg.get("height"))) == card_image.png_size(files[f"{base}card.png"])
        )
        assert len(png.getcolors(4096) or ()) > 2  # text was drawn, not only the frame


def test_card_pages_and_images_are_the_same_bytes_every_time(views):
    for view in views.values():
        assert cards.render_card(view) == cards.render_card(view)
        assert card_image.draw(view) == card_image.draw(view)


def _png_drawn_by_imagedraw_text(c: cards.CardPage) -> bytes:
    """A card's PNG as Pillow's ImageDraw.text draws each line, the definition `card_image.png` keeps."""
    from PIL import ImageDraw

    from profiles.outputs.staticmap.atlas import CJK_FONT_CANDIDATES
    from profiles.outputs.staticmap.render import font

    height, lines = card_image.layout(c)
    img = Image.new("RGB", (card_image.WIDTH, height), "#ffffff")
    draw = ImageDraw.Draw(img)
    draw.rectangle((0, 0, card_image.WIDTH - 1, height - 1), outline=card_image.LINE)
    draw.rectangle((0, 0, card_image.BAR - 1, height - 1), fill=card_image.ACCENT)
    for line in lines:
        face = font(line.size, CJK_FONT_CANDIDATES)
        if face is None:
            break
        bold = 1 if line.size >= 22 else 0
        draw.text(
            (line.x, line.y),
            line.text,
            font=face,
            fill=line.fill,
            anchor="ls",
            stroke_width=bold,
            stroke_fill=line.fill,
        )
    img = img.quantize(colors=64, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE)
    buf = io.BytesIO()
    img.save(buf, format="PNG", optimize=False, compress_level=6)
    return buf.getvalue()


def test_a_card_png_is_what_imagedraw_text_draws_whether_its_lines_were_rendered_before_or_not(views):
    kept: dict = {}
    for view in views.values():
        expected = _png_drawn_by_imagedraw_text(view)
        assert card_image.png(view) == expected, view.id
        assert card_image.png(view, masks=kept) == card_image.png(view, masks=kept) == expected, view.id
    assert kept, "the rendered lines were kept"


def test_on_a_pillow_without_the_private_drawing_core_a_card_png_is_drawn_by_imagedraw_text(views, monkeypatch):
    assert card_image._private_drawing()  # the pinned Pillow: the kept lines' path
    monkeypatch.setattr(card_image, "_private_drawing", lambda: False)
    for view in list(views.values())[:5]:
        assert card_image.png(view, masks={}) == _png_drawn_by_imagedraw_text(view), view.id


def test_a_resident_process_draws_card_images_in_its_kept_workers_and_they_are_the_bytes_drawn_here(
    dataset, views, tmp_path
):
    from profiles.base.cache import Cache
    from profiles.engine.rendering import Inputs
    from profiles.outputs.staticmap import atlas, kept_workers

    if atlas._cpus() < 2:
        pytest.skip("one core: no workers are kept")
    inputs = Inputs(dataset, BuildContext(site_url=SITE_URL), cache=Cache(tmp_path / "cache"), resident=True)
    jobs = list(views.values())
    kept = kept_workers(inputs)()
    try:
        drawn = card_image.draw_many(jobs, inputs)
        assert drawn() == [card_image.draw(view) for view in jobs]
        assert kept.pool._processes, "drawn by the kept workers"
        assert kept_workers(inputs)() is kept, "the map images' workers, kept for the next build"
    finally:
        kept.pool.shutdown()


def test_a_one_off_build_draws_a_few_card_images_here(dataset, views, monkeypatch):
    from profiles.engine.rendering import Inputs
    from profiles.outputs.staticmap import atlas

    monkeypatch.setattr(atlas, "ProcessPoolExecutor", lambda *a, **k: pytest.fail("no pool for a few cards"))
    jobs = list(views.values())
    assert card_image.draw_many(jobs, Inputs(dataset, BuildContext()))() == [card_image.draw(v) for v in jobs]


def test_image_lines_stay_inside_the_card():
    for text in ("一" * 200, "a" * 300, "数字 1,234.5 亿元" * 20):
        for size in (14, 19, 52):
            for line in card_image.wrap(text, size, 500):
                assert card_image._width(line, size) <= 500 or len(line) == 1


def _wrap_measuring_each_line(text: str, size: int, width: float) -> list[str]:
    """The definition `wrap` keeps: a line ends where measuring it with one more character exceeds `width`."""
    lines, line = [], ""
    for ch in " ".join(text.split()):
        if line and card_image._width(line + ch, size) > width:
            lines.append(line.rstrip())
            line = ch.lstrip()
        else:
            line += ch
    return lines + ([line] if line else [])


def test_wrap_breaks_lines_where_measuring_each_whole_line_would(views):
    import random

    pick = random.Random(14)
    alphabet = "海珠区琶洲人工智能 abcdefgXYZ0123456789.,：（）“”—%·  "
    texts = ["".join(pick.choice(alphabet) for _ in range(pick.randrange(1, 240))) for _ in range(300)]
    texts += [t for v in views.values() for t in (v.title, v.value_text, v.meta, v.statement, v.source_text, v.alt)]
    for text in texts:
        for size in (14, 16, 17, 19, 22, 52):
            for width in (100, 283.5, 578):
                assert card_image.wrap(text, size, width) == _wrap_measuring_each_line(text, size, width), text


@pytest.mark.slow
def test_hostile_text_on_a_card_stays_text(tmp_path_factory):
    built = hostile_site(tmp_path_factory)
    assert built.report.ok, built.report.render()
    pages = sorted(built.site.glob("embed/*/card/*/index.html"))
    assert pages
    for page in pages:
        text = page.read_text("utf-8")
        tags = Text(text).tags
        assert [t for t, _ in tags if t in ("script", "img", "iframe", "svg", "object")] == ["script"], page
        assert not [a for _, a in tags if any(k.startswith("on") for k in a)], page
        assert [a["src"].split("?")[0] for t, a in tags if t == "script"] == ["../../../../assets/maps/frame.js"]
        assert len(re.findall(r"<script\b", text)) == 1, page
    shown = " ".join(" ".join(Text(p.read_text("utf-8")).by_class.get("gz-fact", "").split()) for p in pages)
    assert f"<script>{PWN}</script>" in shown or f'<img src=x onerror="{PWN}">' in shown


# --- the English edition (issue #25) ---------------------------------------------------------------------


def test_an_english_card_image_breaks_lines_between_words():
    text = "Strive to add more than 100 enterprises in large models and generative artificial intelligence by 2025"
    lines = card_image.wrap(text, 19, 300, "en")
    assert " ".join(lines) == text and len(lines) > 1
    assert all(line == line.strip() for line in lines)
    assert " ".join(card_image.wrap(text, 19, 300)) != text  # the Chinese rule, as before: any character may end a line


def test_an_english_card_image_says_its_language_and_marks_the_chinese_left_in_it(real_data_project):
    from tests.dom import chinese_outside_lang
    from tests.dom import parse as parse_html
    from tests.render import render_output

    made = render_output("card-image", real_data_project, lang="en", site_url=SITE_URL)
    svgs = [data.decode() for path, data in made.files.items() if path.endswith("card.svg")]
    assert svgs
    for svg in svgs:
        assert ' lang="en">' in svg.split("\n", 1)[0]
        assert chinese_outside_lang(parse_html(svg)) == []
