"""Results beside targets, and the latest figure of each indicator: computed from `figures`, never typed.

A goal with an `indicator` is judged by the published full-year figure of its year: the final figure if there is
one, else the preliminary, else the expected one (a 预计 value later replaced by a final one is judged by the
final). The rule per comparator is stated on the page (RULES): ≥ > ≤ < give 达成 / 未达成; “达到/完成” (exactly)
counts as reached when the result is at least the target; 左右 / 约 (about) gives the difference and no verdict,
because the source states no tolerance.

A verdict is computed, never typed; only its words and the rules' words change with the page's language
(`verdict_text`, `rule_text`, `difference_text`, `Result.outcome`: "达成" reads "achieved" in English)."""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Figure, Goal, Source
from ..model.enums import Comparator, FigureStatus, IndicatorKey, Period
from ..model.indicators import number_text
from . import units
from .texts.phrases import SOURCE, phrase

RANK = {FigureStatus.final: 2, FigureStatus.preliminary: 1, FigureStatus.expected: 0}
ACHIEVED, MISSED = "达成", "未达成"
RULES = {
    Comparator.at_least: "结果不低于目标为达成",
    Comparator.more_than: "结果高于目标为达成",
    Comparator.exactly: "“达到/完成”按结果不低于目标为达成",
    Comparator.at_most: "结果不高于目标为达成",
    Comparator.less_than: "结果低于目标为达成",
    Comparator.about: "目标是“左右/约”，来源没有给出允许的偏差，只列出差值、不作判定",
}
_TESTS = {
    Comparator.at_least: lambda d: d >= 0,
    Comparator.more_than: lambda d: d > 0,
    Comparator.exactly: lambda d: d >= 0,
    Comparator.at_most: lambda d: d <= 0,
    Comparator.less_than: lambda d: d < 0,
}


@dataclass(frozen=True)
class Result:
    figure: Figure
    difference: float  # result − target, in the target's unit (percentage points for growth)
    verdict: str | None  # ACHIEVED, MISSED, or None where the comparator allows no verdict
    rule: str

    def outcome(self, unit: str, lang: str = SOURCE) -> str:
        """What a page says of the result: the verdict's word, else the difference ("与目标相差 +0.3 个百分点")."""
        return verdict_text(self.verdict, lang) if self.verdict else difference_text(self.difference, unit, lang)


def verdict_text(verdict: str | None, lang: str = SOURCE) -> str:
    """A verdict's word in `lang`: "达成" / "achieved", "未达成" / "not achieved"; "" for none."""
    return phrase(verdict, lang) if verdict else ""


def rule_text(rule: str, lang: str = SOURCE) -> str:
    """A rule of RULES (a Result's `rule`) in `lang`."""
    return phrase(rule, lang)


def difference_text(difference: float, unit: str, lang: str = SOURCE) -> str:
    """How far a result is from its target when no verdict is given: "与目标相差 +0.3 个百分点" / "+0.3
    percentage points against the target" (a % target's difference is in percentage points; another unit's in
    that unit, English units as profiles.facts.units gives them)."""
    sign = "+" if difference > 0 else ("±" if difference == 0 else "−")
    if lang == SOURCE:
        size = number_text(abs(difference))
        return phrase("与目标相差 {difference}", difference=f"{sign}{size} {'个百分点' if unit == '%' else unit}")
    if unit == "%":
        size = phrase("{size} 个百分点", lang, n=abs(difference), size=sign + units.number(abs(difference)))
    else:
        size = sign + units.amount_text(abs(difference), unit)
    return phrase("与目标相差 {difference}", lang, difference=size)


def best(figures: list[Figure], sources: dict[str, Source] | None = None) -> Figure | None:
    """The most authoritative of several figures for the same thing: final > preliminary > expected, then the
    latest-published source, then the later entry in the file."""
    if not figures:
        return None

    def key(pair):
        i, f = pair
        dates = [sources[s].published.isoformat() for s in f.sources if sources and s in sources]
        return (RANK[f.status], max(dates, default=""), i)

    return max(enumerate(figures), key=key)[1]


def result(goal: Goal, figures: list[Figure], sources: dict[str, Source] | None = None) -> Result | None:
    if goal.indicator is None or goal.target is None:
        return None
    same = [
        f for f in figures if f.indicator == goal.indicator and f.year == goal.year and f.period is Period.full_year
    ]
    figure = best(same, sources)
    if figure is None:
        return None
    difference = round(figure.value - goal.target.value, 6)
    test = _TESTS.get(goal.target.comparator)
    verdict = None if test is None else (ACHIEVED if test(difference) else MISSED)
    return Result(figure, difference, verdict, RULES[goal.target.comparator])


def latest(figures: list[Figure], indicator: IndicatorKey, sources: dict[str, Source] | None = None) -> Figure | None:
    """The newest figure of an indicator: the latest year; a full year (or year end) before a part of one; then
    the most authoritative."""
    order = {Period.full_year: 3, Period.year_end: 3, Period.census: 2, Period.q1_q3: 1, Period.h1: 0, Period.q1: -1}
    mine = [f for f in figures if f.indicator == indicator]
    if not mine:
        return None
    top = max((f.year, order[f.period]) for f in mine)
    return best([f for f in mine if (f.year, order[f.period]) == top], sources)


def series(figures: list[Figure], indicator: IndicatorKey, sources: dict[str, Source] | None = None) -> list[Figure]:
    """One figure per year (full years only, or year-end/census for population), oldest first."""
    years = sorted({f.year for f in figures if f.indicator == indicator})
    out = []
    for y in years:
        same = [f for f in figures if f.indicator == indicator and f.year == y and f.period is not Period.q1]
        full = [f for f in same if f.period in (Period.full_year, Period.year_end)] or [
            f for f in same if f.period is Period.census
        ]
        chosen = best(full, sources)
        if chosen is not None:
            out.append(chosen)
    return out
