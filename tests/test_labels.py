"""The model's fixed words in English (profiles.facts.labels, the en.po beside profiles/model and profiles/facts):
every label, indicator name, hedge and comparator has English, the hedges read as issue #25 fixes them, and the
catalogues agree with data/en/glossary.yaml."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from profiles.facts import labels
from profiles.facts.labels import HAN
from profiles.facts.texts import phrases
from profiles.model.enums import LABELS_ZH, Comparator, GoalStatus, IndicatorKey, Period
from profiles.model.kinds import BY_LIST, KINDS

GLOSSARY = Path(__file__).resolve().parents[1] / "data" / "en" / "glossary.yaml"


def glossary() -> dict[str, str]:
    return {term["zh"]: term["en"] for term in yaml.safe_load(GLOSSARY.read_text("utf-8"))["terms"]}


@pytest.mark.parametrize(
    ("hedge", "english"),
    [("力争", "strive to"), ("推动", "push for"), ("力促", "press for"), ("预计", "expected"), ("预期", "expected")],
)
def test_each_hedge_reads_as_the_issue_fixes_it(hedge, english):
    assert labels.hedge_text(hedge, "en") == english
    assert labels.hedge_text(hedge) == hedge  # the Chinese edition keeps the source's word
    assert glossary()[hedge] == english


def test_about_reads_about_and_no_hedge_is_no_words():
    assert glossary()["左右"] == "about" == labels.comparator_word(Comparator.about, "en")
    assert labels.hedge_text(None, "en") == ""


def test_every_hedge_a_target_or_a_card_may_carry_has_english():
    from profiles.facts.headline import HEDGES
    from profiles.model.quantities import Target

    allowed = Target.model_fields["hedge"].annotation.__args__[0].__args__  # Literal["力争", …] | None
    for hedge in {*HEDGES, *allowed}:
        assert not HAN.search(labels.hedge_text(hedge, "en")), hedge


def test_every_label_has_english():
    missing = [zh for zh in LABELS_ZH.values() if HAN.search(phrases.phrase(zh, "en"))]
    assert missing == []
    assert labels.label_text(GoalStatus.achieved, "en") == "achieved"
    assert labels.label_text("under_construction", "en") == "under construction"
    assert labels.label_text(GoalStatus.missed) == "未达成" and labels.label_text(None, "en") == "—"


def test_comparators_read_in_english_and_nearly_is_a_word():
    assert [labels.comparator_word(c, "en") for c in Comparator] == [
        "at least",
        "more than",
        "about",
        "",
        "at most",
        "less than",
        "nearly",
    ]
    assert labels.comparator_symbol(Comparator.nearly, "en") == "nearly"
    assert labels.comparator_symbol(Comparator.nearly) == "近"
    assert labels.comparator_symbol(Comparator.at_least, "en") == "≥"


def test_every_indicator_has_an_english_name_using_the_glossary_s_terms():
    terms = glossary()
    for key in IndicatorKey:
        for text in (labels.indicator_label(key, "en"), labels.indicator_short(key, "en")):
            assert not HAN.search(text), key
    assert labels.indicator_label(IndicatorKey.gdp, "en") == terms["地区生产总值"]
    assert terms["地区生产总值"] in labels.indicator_label(IndicatorKey.gdp_growth, "en")
    assert terms["规模以上工业增加值"] in labels.indicator_label(IndicatorKey.industrial_value_added_growth, "en")
    assert terms["规上工业"] in labels.indicator_short(IndicatorKey.industrial_value_added_growth, "en")
    assert labels.indicator_label(IndicatorKey.retail_sales) == "社会消费品零售总额"


@pytest.mark.parametrize(
    ("period", "english"),
    [
        (Period.full_year, "2025"),
        (Period.q1, "Jan–Mar 2025"),
        (Period.h1, "Jan–Jun 2025"),
        (Period.q1_q3, "Jan–Sep 2025"),
        (Period.year_end, "end of 2025"),
        (Period.census, "2025 census"),
    ],
)
def test_each_period_reads_in_english(period, english):
    assert labels.period_words(period, 2025, "en") == english


def test_a_glossary_term_every_catalogue_translates_has_the_glossary_s_english():
    """Each stage's catalogue, not only the merged one: a column heading may capitalise the term, nothing more."""

    def same(a: str, b: str) -> bool:
        return a[:1].lower() + a[1:] == b[:1].lower() + b[1:]

    terms = glossary()
    seen: set[str] = set()
    for folder in sorted({path.parent for path in phrases.catalogue_files("en")}):
        english = phrases.catalogue("en", (folder,))
        differ = {zh: (en, english[zh]) for zh, en in terms.items() if zh in english and not same(english[zh], en)}
        assert differ == {}, folder
        seen |= set(terms) & set(english)
    assert {"力争", "推动", "达成", "未达成"} <= seen  # the check sees the hedges and verdicts


def test_the_kinds_english_uses_the_glossary_s_terms():
    terms = glossary()
    assert BY_LIST["projects"].en.label == terms["重大项目"]
    assert BY_LIST["enterprises"].en.label == terms["龙头企业"]
    for k in KINDS:
        assert k.en is not None, k.list
        words = [k.en.label, k.en.one, k.en.many, k.en.short, k.en.section, k.en.wanted]
        assert not any(HAN.search(w) for w in words), k.list
