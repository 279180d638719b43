"""The formatting filters (profiles.engine.templating) follow the page's language as `_()` and `t()` do: a Chinese
page prints what it always printed, an English page English numbers, units and labels; a unit without English
stays Chinese, marked lang="zh-CN"."""

from __future__ import annotations

from pathlib import Path

from profiles.engine.context import BuildContext
from profiles.engine.templating import environment
from profiles.model import Quantity, Target
from profiles.model.enums import Comparator, ProjectStatus

ZH, EN = BuildContext(), BuildContext(lang="en")


def render(source: str, ctx: BuildContext, **values) -> str:
    """The template's output with its escaping undone (what a reader sees; these filters write plain text)."""
    made = environment(Path(__file__).parent).from_string(source).render(ctx=ctx, **values)
    return made.replace("&gt;", ">").replace("&#39;", "'")


def test_numbers_and_quantities_follow_the_page_s_language():
    q = Quantity(value=200, unit="亿元", comparator=Comparator.more_than)
    source = "{{ n|num }} | {{ q|qty }} | {{ v|figure_amount('亿元') }} | {{ p|figure_amount('%') }}"
    values = dict(n=12000, q=q, v=1316.36, p=5.5)
    assert render(source, ZH, **values) == "12,000 | > 200 亿元 | 1316.36 亿元 | 5.5%"
    assert render(source, EN, **values) == "12,000 | > 20 billion yuan | 131.636 billion yuan | 5.5%"


def test_a_target_keeps_its_hedge_and_a_label_reads_in_english():
    target = Target(comparator="more_than", value=100, unit="个", measure="level", hedge="力争")
    source = "{{ g|target }} | {{ s|label }} | {{ none|label }}"
    assert render(source, ZH, g=target, s=ProjectStatus.under_construction, none=None) == "力争 > 100个 | 在建 | —"
    assert render(source, EN, g=target, s=ProjectStatus.under_construction, none=None) == (
        "strive to: > 100 | under construction | —"
    )


def test_a_unit_without_english_stays_chinese_and_says_so():
    q = Quantity(value=3, unit="吨")
    assert render("{{ q|qty }}", EN, q=q) == '3 <span lang="zh-CN">吨</span>'
    assert render("{{ q|qty }}", ZH, q=q) == "3 吨"


def test_map_captions_follow_the_page_s_language():
    source = "{{ name|map_caption }} | {{ 11|city_map_caption }}"
    assert render(source, ZH, name="海珠区") == "海珠区产业园区与重大项目地图 | 广州市 11 区产业园区与重大项目地图"
    assert render(source, EN, name="Haizhu District") == (
        "Map of industrial parks and major projects in Haizhu District | "
        "Map of industrial parks and major projects in Guangzhou's 11 districts"
    )
