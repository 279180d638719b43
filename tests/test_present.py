"""Presentation facts made in one place (profiles.facts.present): each reads the same wherever it is shown."""

from __future__ import annotations

from profiles.facts import present
from profiles.facts.labels import HAN
from profiles.model import Figure, Goal, Quantity, Target
from profiles.model.enums import Comparator, GoalStatus, Period


def goal(status: GoalStatus | None) -> Goal:
    return Goal.model_construct(status=status)


def test_a_status_is_known_only_when_the_sources_say_it():
    assert present.known_status(goal(GoalStatus.achieved)) == "achieved"
    assert present.known_status(goal(GoalStatus.unknown)) is None
    assert present.known_status(goal(None)) is None
    assert not present.any_status_known([goal(None), goal(GoalStatus.unknown)])
    assert present.any_status_known([goal(None), goal(GoalStatus.in_progress)])


def test_a_number_stated_exactly_has_no_symbol_before_it():
    assert present.value_text(present.symbol(Comparator.exactly), "5.5", "%") == "5.5%"
    assert present.value_text(present.symbol(Comparator.at_least), "5.5", "%") == "≥ 5.5%"


def test_pages_separate_thousands_and_maps_write_the_number_as_the_source_does():
    q = Quantity(value=12000, unit="亿元", comparator=Comparator.more_than)
    assert present.quantity_text(q) == "> 12,000 亿元"
    assert present.quantity_words("投资", q) == f"投资 {Comparator.more_than.word} 12000 亿元"


def test_every_embed_code_is_sandboxed_and_escapes_what_the_data_wrote():
    code = present.iframe_code("https://x.test/", "https://x.test/embed/a/", 'A "B" <C>', "s", "gz-a", "i.png", "&")
    assert f'sandbox="{present.SANDBOX}"' in code
    assert 'title="A &#34;B&#34; &lt;C&gt;"' in code and 'alt="&amp;"' in code


def test_oembed_urls_need_the_sites_url():
    assert present.oembed_url(None, present.embed_path("haizhu")) is None
    assert present.oembed_url("https://x.test/", present.embed_path("haizhu", "goals")) == (
        "https://x.test/embed/haizhu/card/goals/oembed.json"
    )


def test_an_english_page_groups_thousands_and_moves_numbers_into_english_units():
    q = Quantity(value=12000, unit="亿元", comparator=Comparator.more_than)
    assert present.quantity_text(q, lang="en") == "> 1,200 billion yuan"
    assert present.quantity_words("investment", q, lang="en") == "investment more than 1,200 billion yuan"
    assert present.num(12345.678, "en") == "12,345.678" and present.num(12345.678) == "12345.7"
    assert present.amount(6000, "P", "en") == ("6,000", "PFLOPS")
    assert present.amount(6000, "P") == ("6000", "P")


def test_an_english_target_keeps_the_sources_hedge_before_it():
    target = Target(comparator="at_least", value=6, unit="%", measure="growth", hedge="力争")
    assert present.target_text(target) == "力争 ≥ 6%（增速）"
    assert present.target_text(target, "en") == "strive to: ≥ 6% (growth)"
    push = Target(comparator="nearly", value=30, unit="个", measure="level", hedge="推动")
    assert present.target_text(push, "en") == "push for: nearly 30"
    assert present.target_text(None, "en") == "—"


def test_an_english_card_spaces_a_word_unit_but_not_a_percentage():
    assert present.value_text("≥", "5.5", "%", "en") == "≥ 5.5%"
    assert present.value_text(">", "131.636", "billion yuan", "en") == "> 131.636 billion yuan"
    assert present.value_text("", "30", "", "en") == "30"
    assert present.symbol(Comparator.nearly, "en") == "nearly"


def test_when_a_figure_holds_reads_in_english():
    f = Figure.model_construct(year=2025, period=Period.q1_q3)
    assert present.period_text(f) == "2025年前三季度" and present.period_text(f, compact=True) == "2025前三季度"
    assert present.period_text(f, lang="en") == "Jan–Sep 2025"
    assert present.period_text(Figure.model_construct(year=2023, period=Period.year_end), lang="en") == "end of 2023"


def test_map_titles_and_alt_texts_read_in_english_with_plurals():
    assert present.map_title("Haizhu District", "en") == "Map of parks and major projects in Haizhu District"
    assert present.figure_caption("海珠区") == "海珠区产业园区与重大项目地图"
    assert (
        present.city_figure_caption(11, "en")
        == "Map of industrial parks and major projects in Guangzhou's 11 districts"
    )
    alt = present.image_alt("Map", 1, 1, ["Haizhu District"], "en")
    assert "1 industrial park or zone (green square) and 1 major project (orange dot)" in alt
    alt = present.image_alt("Map", 2, 3, ["Haizhu District"], "en")
    assert "2 industrial parks or zones (green squares) and 3 major projects (orange dots)" in alt
    assert not HAN.search(present.image_alt("Map", 0, 0, ["A", "B"], "en"))
    assert present.image_alt("图", 1, 1, ["海珠区"]) == (
        "静态地图「图」：显示海珠区的边界（浅蓝色）及相邻区域，并标出1个产业园区或片区（绿色方块）和1个重大项目（橙色圆点）"
        "的位置。位置为大致示意，详细信息见网页列表。"
    )
