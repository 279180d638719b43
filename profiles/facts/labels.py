"""The model's fixed words in a page's language: the labels of the closed lists (enums.LABELS_ZH), the indicators'
names, the sources' hedges and how a number binds (comparators), and when a figure holds.

The Chinese is the message id (profiles.facts.texts.phrases): a Chinese page shows exactly the table's word, an
English page the English of the catalogues beside the code (profiles/model/en.po: labels and indicators;
profiles/facts/en.po: hedges, comparators, periods), which data/en/glossary.yaml's terms agree with
(tests/test_labels.py). A word a catalogue lacks reads in Chinese. The kinds' words are in their own table
(profiles.model.kinds: `title_in`, `noun`); units and English numbers in profiles.facts.units."""

from __future__ import annotations

import re

from ..model.enums import LABELS_ZH, Comparator, IndicatorKey, Period
from ..model.indicators import info
from .texts.phrases import SOURCE, phrase

HAN = re.compile("[\u4e00-\u9fff]")
MISSING = "—"  # a value that is not there, in every language

# When a figure holds, by period: each a phrase with the year as its placeholder (the English in facts/en.po).
PERIODS: dict[Period, str] = {
    Period.full_year: "{year}年",
    Period.year_end: "{year}年末",
    Period.q1: "{year}年一季度",
    Period.h1: "{year}年上半年",
    Period.q1_q3: "{year}年前三季度",
    Period.census: "{year}年普查",
}


def label_text(value: object, lang: str = SOURCE) -> str:
    """An enum value's label (a member or its code): "已达成" / "achieved"; "—" for None; an unknown code as it is."""
    key = getattr(value, "value", value)
    if key is None:
        return MISSING
    found = LABELS_ZH.get(str(key))
    return str(key) if found is None else phrase(found, lang)


def indicator_label(key: IndicatorKey | str, lang: str = SOURCE) -> str:
    """An indicator's name as a heading: "地区生产总值" / "GDP (gross regional product)"."""
    return phrase(info(key).label, lang)


def indicator_short(key: IndicatorKey | str, lang: str = SOURCE) -> str:
    """An indicator's name in a table's header: "社零增速" / "retail sales growth"."""
    return phrase(info(key).short, lang)


def hedge_text(hedge: str | None, lang: str = SOURCE) -> str:
    """The source's hedge before a target: "力争" / "strive to" ("" without one). Never dropped: "力争6%" is not
    a target of 6%."""
    return phrase(hedge, lang) if hedge else ""


def comparator_symbol(comparator: Comparator, lang: str = SOURCE) -> str:
    """How a comparator reads before a number: "≥", ">", "≈" …; "近" has no symbol and is a word ("nearly")."""
    sym = comparator.symbol
    return phrase(sym, lang) if HAN.search(sym) else sym


def comparator_word(comparator: Comparator | None, lang: str = SOURCE) -> str:
    """The source's own word for how a number binds: "超过" / "more than" ("" for a number stated exactly)."""
    word = comparator.word if comparator is not None else ""
    return phrase(word, lang) if word else ""


def period_words(period: Period, year: int, lang: str = SOURCE) -> str:
    """When a figure holds in words: "2025年前三季度" / "Jan–Sep 2025"; "2023年末" / "end of 2023"."""
    return phrase(PERIODS[period], lang, year=year)
