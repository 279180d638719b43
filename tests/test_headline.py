"""Headline: the cards, sentences, fact dates and counts a profile leads with, derived from the data only."""

from datetime import date

from profiles.facts import headline
from profiles.model import District, Source
from profiles.model.localized import Localized


def goal(id_, year=2025, target=True, status="unknown", statement="全年目标。", **extra):
    g = dict(id=id_, theme="投资", statement=statement, metric="固定资产投资", year=year, status=status, sources=["s"])
    if target:
        g["target"] = dict(comparator="at_least", value=10, unit="%", measure="growth")
    return g | extra


def indicator(id_, as_of="2025-02", **extra):
    return (
        dict(
            id=id_,
            theme="数字经济",
            statement="营收已突破千亿元。",
            metric="营收",
            value=dict(value=1000, unit="亿元"),
            comparator="more_than",
            as_of=as_of,
            sources=["s"],
        )
        | extra
    )


def district(**fields) -> District:
    base = dict(slug="haizhu", name=dict(zh="海珠区", en="Haizhu District"), code="440105", summary="简介。")
    return District.model_validate(base | fields)


SOURCES = {
    "s": Source(id="s", title="t", publisher="p", published=date(2025, 2, 15)),
    "old": Source(id="old", title="t", publisher="p", published=date(2024, 5, 16)),
}


def test_reported_figures_come_before_goal_targets_and_at_most_six_are_shown():
    d = district(goals=[goal(f"g{i}") for i in range(8)], indicators=[indicator("it-revenue")])
    cards = headline.cards(d)
    assert [c.id for c in cards] == ["indicator-it-revenue", "goal-g0", "goal-g1", "goal-g2", "goal-g3", "goal-g4"]


def test_a_card_carries_number_unit_label_year_sources_and_quote():
    d = district(indicators=[indicator("it-revenue", quote="营收已突破千亿元")])
    (card,) = headline.cards(d)
    assert (card.value_text, card.label, card.year, card.sources) == ("> 1000亿元", "营收", "2025-02", ("s",))
    assert card.quote == "营收已突破千亿元" and card.anchor == "indicator-it-revenue"


def test_a_growth_target_is_labelled_as_a_rate_and_keeps_the_sources_hedge():
    (card,) = headline.cards(district(goals=[goal("fi", statement="力争固定资产投资增长10%以上。")]))
    assert (card.value_text, card.label, card.hedge) == ("≥ 10%", "固定资产投资增速", "力争")


def test_a_reported_figure_carries_no_hedge_even_when_its_sentence_says_how_it_came_about():
    (card,) = headline.cards(district(indicators=[indicator("it", statement="推动营收突破千亿元。")]))
    assert card.hedge == ""


def test_goals_without_a_number_or_without_a_source_never_headline():
    d = district(goals=[goal("words", target=False), goal("unsourced", sources=[], unverified=True)])
    assert headline.cards(d) == ()


def test_a_status_shows_only_when_the_source_reports_one():
    d = district(goals=[goal("a", status="unknown"), goal("b", status="achieved")])
    assert [(c.status, c.status_label) for c in headline.cards(d)] == [(None, ""), ("achieved", "已达成")]


def test_a_number_with_a_caution_never_leads_and_carries_its_caution_wherever_it_shows():
    d = district(
        indicators=[indicator("doubtful-year", caution="来源所写年份与内容不符。"), indicator("revenue")],
        goals=[goal("fi")],
    )
    assert [(c.id, c.caution) for c in headline.cards(d)] == [
        ("indicator-revenue", ""),
        ("goal-fi", ""),
        ("indicator-doubtful-year", "来源所写年份与内容不符。"),
    ]
    assert [c.id for c in headline.cards(d, limit=2)] == ["indicator-revenue", "goal-fi"]


def test_a_card_cites_each_of_several_quotes_on_the_source_it_is_from():
    quotes = [
        dict(text="首批12个产业专区", source="old", where="一、工作开展情况"),
        dict(text="营收突破千亿", source="s"),
    ]
    (card,) = headline.cards(district(indicators=[indicator("i", sources=["s", "old"], quotes=quotes)]))
    assert card.quotes == (
        headline.Cited("old", "首批12个产业专区", "一、工作开展情况"),
        headline.Cited("s", "营收突破千亿"),
    )
    assert card.quote == "首批12个产业专区" and card.uncited == ()
    (one,) = headline.cards(district(indicators=[indicator("j", sources=["s", "old"], quote="营收突破千亿")]))
    assert one.quotes == (headline.Cited("s", "营收突破千亿"),) and one.uncited == ("old",)


def test_goals_sentence_names_count_year_and_how_many_have_numbers():
    goals = district(goals=[goal("a"), goal("b"), goal("c", target=False)]).goals
    assert headline.goals_sentence("海珠区", goals) == "海珠区公布了 3 项 2025 年目标，其中 2 项有数字指标。"


def test_goals_sentence_counts_each_year_when_the_goals_span_several():
    goals = district(goals=[goal("a"), goal("b", year=2035)]).goals
    assert (
        headline.goals_sentence("增城区", goals)
        == "增城区公布了 2 项目标（2025 年 1 项、2035 年 1 项），全部有数字指标。"
    )


def test_no_goals_no_goal_sentence():
    assert headline.goals_sentence("从化区", []) == ""


def test_status_sentence_says_plainly_when_no_progress_is_reported():
    assert headline.status_sentence(district(goals=[goal("a"), goal("b")]).goals) == "来源尚未报道这些目标的进展。"
    assert headline.status_sentence(district(goals=[goal("a"), goal("b", status="achieved")]).goals) == ""


def test_indicators_sentence_gives_count_and_dates():
    d = district(indicators=[indicator("a", as_of="2024"), indicator("b")])
    assert (
        headline.indicators_sentence("天河区", d.indicators)
        == "来源报道了天河区 2 项已达成的数字（截至 2024 至 2025-02）。"
    )


def test_a_district_with_only_a_summary_is_thin_and_says_what_is_missing():
    c = headline.coverage(district())
    assert c.thin and c.entries == 0 and headline.coverage_parts(c) == []
    assert headline.missing_sentence("从化区", c) == (
        "来源尚未覆盖从化区的产业体系、定位、发展目标、已公布数字、龙头企业、产业园区、重大项目。"
    )


def test_coverage_counts_what_the_downloads_count_and_prints_no_zero():
    c = headline.coverage(district(goals=[goal("a"), goal("b", target=False)], indicators=[indicator("i")]))
    assert (c.goals, c.numeric_goals, c.entries, c.thin) == (2, 1, 3, False)
    assert headline.coverage_parts(c) == ["2 项发展目标", "1 项已公布数字"]


def test_role_line_joins_the_industrial_system_and_the_shortest_role():
    system = dict(label="12126", name="现代化产业体系", sources=["s"])
    roles = [
        dict(id="long", text="一句比较长的定位陈述。", sources=["old"]),
        dict(id="short", text="创新高地。", sources=["s"]),
    ]
    d = district(industrial_system=system, roles=roles)
    assert headline.role_line(d) == "“12126”现代化产业体系 · 创新高地。"
    assert headline.role_sources(d) == ("s",)
    assert headline.role_line(district()) == ""


def test_facts_as_of_uses_a_facts_own_date_before_its_sources_date():
    project = dict(
        id="p",
        name="项目",
        category="transport",
        location=dict(lon=113.3, lat=23.1, precision="district"),
        status="planned",
        status_as_of="2017",
        sources=["s"],
    )
    d = district(summary_sources=["old"], projects=[project], goals=[goal("a")])
    as_of = headline.facts_as_of(d, SOURCES)
    assert (as_of.oldest, as_of.newest, as_of.text) == ("2017", "2025-02-15", "2017 至 2025-02-15")


def test_no_dated_fact_no_facts_as_of():
    assert headline.facts_as_of(district(), SOURCES) is None


# --- the English edition: a localized profile (profiles.ingest.i18n.localize puts a Localized in each text) ---


def english(text: str, zh: str) -> Localized:
    return Localized(text, "en", "ok", zh=zh)


def localized_goal(g, statement: str, metric: str):
    return g.model_copy(update={"statement": english(statement, g.statement), "metric": english(metric, g.metric)})


def test_an_english_card_keeps_the_hedge_its_chinese_uses_in_the_glossary_s_english():
    d = district(goals=[goal("fi", statement="力争固定资产投资增长10%以上。")])
    d = d.model_copy(
        update={
            "goals": [localized_goal(d.goals[0], "Strive for fixed-asset investment growth of 10% or more.", "FAI")]
        }
    )
    (card,) = headline.cards(d, lang="en")
    assert (card.value_text, card.label, card.hedge, card.kind_label) == ("≥ 10%", "FAI growth", "strive to", "Goal")
    assert headline.cards(d)[0].hedge == "力争"  # the Chinese edition as before


def test_an_english_card_shows_the_number_in_english_units_and_its_status_in_english():
    d = district(indicators=[indicator("it-revenue")], goals=[goal("g", status="achieved")])
    ind, g = headline.cards(d, lang="en")
    assert (ind.value, ind.unit, ind.value_text) == ("100", "billion yuan", "> 100 billion yuan")
    assert (g.status_label, g.kind_label) == ("achieved", "Goal") and ind.kind_label == "Published"


def test_english_sentences_count_with_plurals():
    one = district(goals=[goal("a")]).goals
    assert headline.goals_sentence("Haizhu District", one, "en") == (
        "Haizhu District has published 1 goal for 2025, with a numeric target."
    )
    three = district(goals=[goal("a"), goal("b", year=2035), goal("c", target=False)]).goals
    assert headline.goals_sentence("Zengcheng District", three, "en") == (
        "Zengcheng District has published 3 goals (2 for 2025, 1 for 2035), 2 of them with numeric targets."
    )
    two = district(goals=[goal("a"), goal("b", target=False)]).goals
    assert headline.goals_sentence("Liwan District", two, "en").endswith(", 1 of them with a numeric target.")
    c = headline.coverage(district(goals=[goal("a"), goal("b")], indicators=[indicator("i")]))
    assert headline.coverage_parts(c, "en") == ["2 goals", "1 published figure"]
    assert headline.status_sentence(one, "en") == "The sources do not yet report progress on this goal."
    assert headline.indicators_sentence("Tianhe District", district(indicators=[indicator("a")]).indicators, "en") == (
        "The sources report 1 result already achieved by Tianhe District (as of 2025-02)."
    )


def test_an_english_page_says_what_is_missing_in_english():
    assert headline.missing_sentence("Conghua District", headline.coverage(district()), "en") == (
        "The sources do not yet cover Conghua District's industrial system, roles, development goals, published"
        " figures, leading enterprises, industrial parks, major projects."
    )


def test_the_english_role_line_picks_the_role_the_chinese_picks():
    roles = [
        dict(id="long", text="一句比较长的定位陈述。", sources=["old"]),
        dict(id="short", text="创新高地。", sources=["s"]),
    ]
    d = district(roles=roles)
    long_, short = d.roles
    d = d.model_copy(
        update={
            "roles": [
                long_.model_copy(update={"text": english("Hub.", long_.text)}),
                short.model_copy(update={"text": english("A highland of innovation.", short.text)}),
            ]
        }
    )
    assert headline.role_line(d, "en") == "A highland of innovation."
    assert headline.role_sources(d) == ("s",)


def test_facts_as_of_reads_a_range_in_english():
    assert headline.AsOf("2017", "2025-02").text_in("en") == "2017 to 2025-02"
