"""Figures and results beside targets (profiles/numbers): the verdict is computed from the comparator and the
best published figure, never typed; the source policy refuses what it must."""

from __future__ import annotations

from datetime import date

import pytest
from pydantic import ValidationError

from profiles.facts import results
from profiles.ingest import policy
from profiles.model import Figure, Goal, Source
from profiles.model.indicators import number_text


def figure(value: float, status: str = "preliminary", year: int = 2025, source: str = "s1", **kw) -> Figure:
    quote = kw.pop("quote", f"全年地区生产总值增长{number_text(value)}%")
    return Figure(
        indicator=kw.pop("indicator", "gdp_growth"),
        year=year,
        value=value,
        status=status,
        sources=[source],
        quote=quote,
        **kw,
    )


def goal(comparator: str, value: float, hedge: str | None = None, year: int = 2025) -> Goal:
    target = {"comparator": comparator, "value": value, "unit": "%", "measure": "growth"}
    if hedge:
        target["hedge"] = hedge
    return Goal(
        id="gdp-growth",
        theme="经济增长",
        statement="地区生产总值增长",
        metric="地区生产总值",
        target=target,
        indicator="gdp_growth",
        year=year,
        sources=["s1"],
        quote="地区生产总值增长5%",
    )


def source(sid: str, published: str, kind: str = "official", **kw) -> Source:
    return Source(
        id=sid, title="政府工作报告", publisher="区政府", published=date.fromisoformat(published), kind=kind, **kw
    )


def test_a_result_equal_to_an_at_least_target_is_achieved():
    r = results.result(goal("at_least", 5.5), [figure(5.5)])
    assert (r.verdict, r.difference) == ("达成", 0)


def test_a_result_equal_to_a_more_than_target_is_not_achieved():
    assert results.result(goal("more_than", 5.5), [figure(5.5)]).verdict == "未达成"


def test_an_about_target_shows_the_difference_and_no_verdict():
    r = results.result(goal("about", 5), [figure(4.3)])
    assert r.verdict is None and r.difference == pytest.approx(-0.7) and "不作判定" in r.rule


def test_a_strive_target_is_judged_against_its_own_number_not_the_base_target():
    base, stretch = goal("exactly", 5), goal("exactly", 6, hedge="力争")
    assert results.result(base, [figure(5.4)]).verdict == "达成"
    assert results.result(stretch, [figure(5.4)]).verdict == "未达成"
    assert stretch.target.hedge == "力争"


def test_an_expected_value_later_replaced_by_a_final_one_is_judged_by_the_final():
    expected, final = figure(6.0, "expected"), figure(5.2, "final")
    assert results.result(goal("at_least", 5.5), [expected, final]).verdict == "未达成"
    assert results.result(goal("at_least", 5.5), [expected]).verdict == "达成"


def test_among_equally_firm_figures_the_later_published_source_counts():
    sources = {"old": source("old", "2025-02-01"), "new": source("new", "2025-06-01")}
    chosen = results.best([figure(5.0, source="new"), figure(4.0, source="old")], sources)
    assert chosen.value == 5.0


def test_a_part_year_figure_never_judges_a_full_year_goal():
    part = figure(6.1, period="q1_q3")
    assert results.result(goal("at_least", 5.5), [part]) is None


def test_a_goal_of_another_year_has_no_result():
    assert results.result(goal("at_least", 5.5, year=2026), [figure(6.0, year=2025)]) is None


def test_the_latest_figure_prefers_a_later_year_and_a_full_year_over_part_of_one():
    figures = [figure(5.0, year=2024), figure(5.3, year=2025, period="h1"), figure(4.8, year=2025)]
    assert results.latest(figures, figures[0].indicator).value == 4.8


def test_a_typed_verdict_on_a_goal_with_an_indicator_is_refused():
    with pytest.raises(ValidationError, match="status-computed"):
        Goal(**{**goal("at_least", 5).model_dump(), "status": "achieved"})


def test_a_quote_must_hold_the_number_it_supports():
    with pytest.raises(ValidationError, match="quote-lacks-value"):
        figure(5.5, quote="全年地区生产总值增长5%")
    assert figure(-9.4, quote="固定资产投资同比下降9.4%").value == -9.4
    assert figure(32000, indicator="gdp", quote="地区生产总值3.2万亿元").value == 32000


def test_population_is_a_year_end_or_census_figure_and_flows_are_not():
    with pytest.raises(ValidationError, match="figure-period"):
        figure(113.3, indicator="population", quote="常住人口113.3万人")
    with pytest.raises(ValidationError, match="figure-period"):
        figure(5.0, period="year_end")
    assert figure(113.3, indicator="population", period="year_end", quote="常住人口113.3万人").unit == "万人"


def test_a_figures_id_is_derived_from_what_it_is():
    assert figure(5.0, period="q1_q3", status="expected").id == "gdp-growth-2025-q1-q3-expected"


def test_answer_and_ranking_pages_are_refused_as_sources():
    assert policy.banned("https://zhidao.baidu.com/question/1.html")
    assert policy.banned("http://www.whchuanhui.com/tags/x.html")
    assert not policy.banned("https://www.lw.gov.cn/zwgkk/zfgzbg/content/post_10239773.html")


def test_a_figure_read_only_on_one_repost_is_single_source():
    sources = {"r1": source("r1", "2025-01-01", "repost", via="http://x.example/1"), "o1": source("o1", "2025-01-01")}
    assert policy.single_source(figure(5.0, source="r1"), sources)
    assert not policy.single_source(figure(5.0, source="o1"), sources)
    two = Figure(**{**figure(5.0, source="r1").model_dump(), "sources": ["r1", "o1"]})
    assert not policy.single_source(two, sources)


def test_a_verdict_is_computed_once_and_only_its_words_change_with_the_language():
    r = results.result(goal("at_least", 5.0), [figure(5.0)])
    assert r.verdict == results.ACHIEVED
    assert (r.outcome("%"), r.outcome("%", "en")) == ("达成", "achieved")
    assert results.verdict_text(results.MISSED, "en") == "not achieved"
    assert results.rule_text(r.rule, "en") == "Achieved when the result is at least the target"


def test_every_rule_reads_in_english():
    from profiles.facts.labels import HAN

    assert [c for c, rule in results.RULES.items() if HAN.search(results.rule_text(rule, "en"))] == []


def test_an_about_target_gives_the_difference_in_percentage_points_in_either_language():
    r = results.result(goal("about", 5.0), [figure(5.3)])
    assert r.verdict is None
    assert r.outcome("%") == "与目标相差 +0.3 个百分点"
    assert r.outcome("%", "en") == "+0.3 percentage points against the target"
    assert results.difference_text(-1.0, "%", "en") == "−1 percentage point against the target"
    assert results.difference_text(-12.5, "亿元", "en") == "−1.25 billion yuan against the target"
