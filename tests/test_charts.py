"""Charts (profiles/outputs/charts): what each chart shows comes from the figures; Vega-Lite specs drawn by vl-convert
keep their labels as SVG text, leave a gap where a year has no figure, and give the same bytes twice."""

from __future__ import annotations

import json
import re

import pytest

from profiles.engine.context import BuildContext
from profiles.ingest.load import load_dataset
from profiles.outputs.charts import ChartView, data, draw, figure_html, files
from profiles.outputs.charts.data import ChartData, Point
from profiles.outputs.charts.specs import spec
from tests.conftest import ROOT

HOSTILE = "<script>alert(1)</script>{{ 7*7 }}"


@pytest.fixture(scope="module")
def real():
    dataset, report = load_dataset(ROOT / "data", base=ROOT)
    assert report.ok, report.render()
    return dataset


def point(name: str, year: int, value: float, series: str = "") -> Point:
    return Point("x", name, series or name, year, value, f"{value:g}", "districts/x/#figure-a", "区政府《报告》", "")


def test_the_gdp_chart_takes_the_year_most_districts_report_and_names_the_rest(real):
    c = data.gdp_by_district(real)
    counted = {
        y: sum(any(f.indicator.value == "gdp" and f.year == y and f.period.value == "full_year" for f in d.figures)
               for d in real.districts.values())
        for y in (2023, 2024, 2025)
    }  # fmt: skip
    year = max(counted, key=lambda y: (counted[y], y))
    assert c.title.startswith(f"{year}年") and len(c.points) == counted[year]
    assert set(c.missing) | {p.name for p in c.points} == {d.name.zh for d in real.districts.values()}
    assert [p.value for p in c.points] == sorted((p.value for p in c.points), reverse=True)


def test_the_dumbbell_pairs_each_target_with_its_computed_result(real):
    c = data.growth_target_vs_result(real)
    pairs = {}
    for p in c.points:
        pairs.setdefault((p.name, p.year), set()).add(p.series)
    assert pairs and all(s == {"目标", "结果"} for s in pairs.values())


def test_a_year_without_a_figure_is_a_gap_in_its_line_not_a_segment_across_it():
    c = ChartData("t", "lines", "增速", "%", (point("甲区", 2023, 2.1), point("甲区", 2025, 4.5)), (), "")
    made = spec(c)
    assert {"区": "甲区", "年份": 2024, "数值": None} in made["data"]["values"]
    svg = draw(c)["charts/t.svg"].decode()
    lines = [d for d in re.findall(r'd="(M[^"]*)"', svg) if "L" in d]
    assert lines == [], "no straight line joins 2023 to 2025"


def test_labels_stay_text_and_two_drawings_are_byte_identical():
    c = ChartData(
        "t", "bar", "各区地区生产总值", "亿元", (point("天河区", 2024, 6614.7), point("荔湾区", 2024, 1316.36)), (), ""
    )
    first, second = draw(c), draw(c)
    assert first == second and set(first) == {"charts/t.svg", "charts/t.png", "charts/t.vl.json"}
    svg = first["charts/t.svg"].decode()
    assert ">天河区</text>" in svg
    assert json.loads(first["charts/t.vl.json"])["description"] == c.alt
    assert first["charts/t.png"].startswith(b"\x89PNG")


def test_hostile_names_stay_text_in_the_svg_the_alt_and_the_table():
    c = ChartData("t", "money", HOSTILE, "亿元", (point(HOSTILE, 0, 200, "海珠区"),), (), HOSTILE)
    svg = draw(c)["charts/t.svg"].decode()
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    html = figure_html(ChartView(c, "", None), "../")
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;{{ 7*7 }}" in html
    assert f'src="../{files("t")["svg"]}"' in html


def test_every_chart_of_the_site_has_a_page_with_its_embed_code_when_the_site_url_is_known(real):
    from profiles.outputs.charts import chart_views

    views = chart_views(real, BuildContext(site_url="https://example.org/gz/"))
    assert {v.chart.name for v in views} >= {"gdp-by-district", "growth-target-vs-result", "gdp-growth-over-years"}
    for v in views:
        assert 'src="https://example.org/gz/embed/guangzhou/chart/' in v.code and v.oembed.endswith("/oembed.json")
    assert all(v.code == "" for v in chart_views(real, BuildContext()))


def test_each_chart_has_a_share_image_1080_wide_whose_qr_code_opens_the_chart_on_the_compare_page(real, tmp_path):
    import io

    import zxingcpp
    from PIL import Image

    from profiles.engine.rendering import Inputs
    from profiles.outputs.charts import ChartShare, draw_share, share_source

    c = data.gdp_by_district(real)
    url = f"https://example.org/gz/compare/#chart-{c.name}"
    inputs = Inputs(dataset=real, ctx=BuildContext(site_url="https://example.org/gz/"))
    inputs.results["chart"] = {f"charts/{c.name}": draw(c)}
    png = draw_share(ChartShare(c, share_source(c), url), inputs)
    image = Image.open(io.BytesIO(png))
    assert image.width == 1080
    assert [r.text for r in zxingcpp.read_barcodes(image)] == [url]
    assert "共" in share_source(c) and "个来源" in share_source(c)


# --- the English edition (issue #25) ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def english(real):
    from profiles.ingest.i18n.localize import localize

    return localize(real)


def test_an_english_chart_names_districts_fields_and_unit_in_english(english):
    c = data.gdp_by_district(english)
    assert c.lang == "en" and c.unit == "100 million yuan" and "Haizhu District" in {p.name for p in c.points}
    made = spec(c)
    assert not re.search(r"[\u4e00-\u9fff]", json.dumps(made, ensure_ascii=False))
    assert made["config"]["font"].startswith("Noto Sans, ")  # a Latin face first, Noto CJK for what stays Chinese


def test_english_charts_hold_no_chinese_outside_lang_zh_in_their_svg_page_and_alt(english):
    from profiles.outputs.charts import ChartPage, chart_views, render_page
    from tests.dom import chinese_outside_lang
    from tests.dom import parse as parse_html

    views = chart_views(english, BuildContext(site_url="https://example.org/gz/", lang="en"))
    assert len(views) == 4
    for v in views:
        svg = draw(v.chart)[files(v.chart.name)["svg"]].decode()
        assert svg.startswith('<svg lang="en" ') and chinese_outside_lang(parse_html(svg)) == [], v.chart.name
        page = render_page(ChartPage(v, "https://example.org/gz/en/compare/#charts"))
        root = parse_html(page)
        assert chinese_outside_lang(root) == [], v.chart.name
        assert '<html lang="en"' in page and "figures and sources" in page
        assert 'href="../../../../../assets/embeds/card.css' in page  # the assets both editions share
        assert 'src="https://example.org/gz/en/embed/guangzhou/chart/' in v.code and "/en/charts/" in v.code


def test_an_english_target_keeps_its_hedge_in_english_after_the_number(english):
    c = data.growth_target_vs_result(english)
    target, result = c.series
    assert (target, result) == ("Target", "Result")
    texts = {p.text for p in c.points if p.series == target}
    assert not any(re.search(r"[\u4e00-\u9fff]", text) for text in texts)


def test_the_share_image_names_publishers_from_the_sources_not_by_splitting_a_chinese_line(english, real):
    from profiles.outputs.charts import share_source

    c, zh = data.project_investments(english), data.project_investments(real)
    assert share_source(c).startswith("Sources: ") and "in all" in share_source(c)
    assert {p.publisher for p in c.points} == {p.publisher for p in zh.points}
    assert share_source(zh).startswith("来源：")


def test_an_english_chart_s_oembed_json_names_the_site_and_the_chart_in_english(real_data_project):
    from tests.render import render_output

    made = render_output("chart-oembed", real_data_project, lang="en", site_url="https://example.org/gz/")
    found = {k: json.loads(v) for k, v in made.files.items() if k.endswith("oembed.json")}
    assert len(found) == 4
    for path, made_json in found.items():
        assert made_json["provider_name"] == "Guangzhou District Profiles", path
        assert not re.search(r"[\u4e00-\u9fff]", made_json["title"] + made_json["provider_name"]), path
