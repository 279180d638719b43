"""A profile's numbers arranged for a reader: the key figures it leads with (GDP, growth, population, last
year's target against its result), results beside goals, and the table of every figure by indicator and year.
Plain data for the templates; computed from `figures` by numbers/results.py, never typed."""

from __future__ import annotations

from dataclasses import dataclass

from ...facts import labels, results, units
from ...facts.present import period_text
from ...facts.texts import phrases
from ...facts.texts.phrases import SOURCE
from ...ingest import policy
from ...model import City, District, Figure, Goal, Source
from ...model.enums import IndicatorKey
from ...model.indicators import INDICATORS, info, number_text

phrase = phrases.of(__file__).phrase  # this stage's catalogue first (profiles/facts/texts/phrases.py)

LEAD = (IndicatorKey.gdp, IndicatorKey.gdp_growth, IndicatorKey.population)
# Where a missing figure would be published: the invitation shown in its place.
WHERE = "区政府工作报告、国民经济和社会发展计划执行情况报告或区统计局"


def where(lang: str = SOURCE) -> str:
    """WHERE in `lang`."""
    return phrase("区政府工作报告、国民经济和社会发展计划执行情况报告或区统计局", lang)


def value_text(value: float, unit: str, lang: str = SOURCE) -> str:
    """A figure's number as a card or a table's cell shows it, "%" kept: "1316.36" / "5.4%"; in English moved into
    the English unit (`unit_text` names it), never rounded: "131.636" (billion yuan)."""
    if lang == SOURCE:
        return number_text(value) + ("%" if unit == "%" else "")
    return units.amount(value, unit)[0] + ("%" if unit == "%" else "")


def unit_text(unit: str, lang: str = SOURCE) -> str:
    """The unit `value_text`'s numbers are in: the source's ("亿元"); in English the table's ("billion yuan")."""
    return unit if lang == SOURCE else units.unit_name(unit)


def amount_text(value: float, unit: str, lang: str = SOURCE) -> str:
    """Number and unit as one text: "1316.36 亿元", "5.4%"; "131.636 billion yuan" in English."""
    if lang == SOURCE:
        return value_text(value, unit) + ("" if unit == "%" else " " + unit)
    return units.amount_text(value, unit)


@dataclass(frozen=True)
class KeyFigure:
    key: str  # the indicator (or "target")
    label: str
    value: str  # the number, "" where missing
    unit: str
    when: str
    status: str  # 预计 / 初步核算 / 最终核实
    single: bool  # read only on a repost: marked 单一来源
    item: Figure | Goal | None  # what the citation marks cite
    anchor: str
    verdict: str = ""  # for the target card: 达成 / 未达成, or the difference
    extra: Figure | None = None  # for the target card: the result it is judged by
    missing: str = ""  # the invitation where nothing is published
    mood: str = ""  # for the target card: "yes" (达成), "no" (未达成), "" (no verdict): the verdict's colour


def _label(key: IndicatorKey, lang: str) -> str:
    """An indicator's name heading a card or a table's row: "常住人口" / "Resident population" (capitalized)."""
    text = labels.indicator_label(key, lang)
    return text if lang == SOURCE else text[:1].upper() + text[1:]


def outcome(r: results.Result, unit: str, lang: str = SOURCE) -> str:
    """The verdict's word, else the difference from the target (profiles.facts.results `Result.outcome`)."""
    return r.outcome(unit, lang)


def mood(r: results.Result) -> str:
    """How a verdict is coloured, whatever language it reads in: "yes", "no", or "" without a verdict."""
    return "" if r.verdict is None else ("yes" if r.verdict == results.ACHIEVED else "no")


def key_figures(profile: District | City, sources: dict[str, Source], lang: str = SOURCE) -> list[KeyFigure]:
    """`lang`: the edition whose words the cards read in (the page's)."""
    out: list[KeyFigure] = []
    for key in LEAD:
        i = INDICATORS[key]
        f = results.latest(profile.figures, key, sources)
        if f is None:
            out.append(
                KeyFigure(
                    key.value,
                    _label(key, lang),
                    "",
                    unit_text(i.unit, lang),
                    "",
                    "",
                    False,
                    None,
                    "",
                    missing=phrase("尚未找到（{where}）", lang, where=where(lang)),
                )
            )
            continue
        out.append(
            KeyFigure(
                key.value,
                _label(key, lang),
                value_text(f.value, i.unit, lang),
                "" if i.unit == "%" else unit_text(i.unit, lang),
                period_text(f, lang=lang),
                labels.label_text(f.status, lang),
                policy.single_source(f, sources),
                f,
                f"figure-{f.id}",
            )
        )
    judged = [(g, results.result(g, profile.figures, sources)) for g in profile.goals if g.indicator]
    judged = [(g, r) for g, r in judged if r is not None and g.indicator is IndicatorKey.gdp_growth]
    if judged:
        g, r = max(judged, key=lambda gr: gr[0].year)
        hedge = (labels.hedge_text(g.target.hedge, lang) + ("" if lang == SOURCE else " ")) if g.target.hedge else ""
        symbol = labels.comparator_symbol(g.target.comparator, lang)
        target = hedge + symbol + value_text(g.target.value, g.target.unit, lang)
        out.append(
            KeyFigure(
                "target",
                phrase("{year}年增速目标 {target}", lang, year=g.year, target=target),
                value_text(r.figure.value, "%", lang),
                "",
                phrase("{year}年结果", lang, year=g.year),
                labels.label_text(r.figure.status, lang),
                policy.single_source(r.figure, sources),
                g,
                f"goal-{g.id}",
                verdict=outcome(r, "%", lang),
                extra=r.figure,
                mood=mood(r),
            )
        )
    return out


@dataclass(frozen=True)
class GoalResult:
    value: str  # the result with its unit
    when: str
    status: str
    verdict: str  # 达成 / 未达成 / the difference
    rule: str
    figure: Figure
    mood: str = ""  # "yes" / "no" / "": see `mood`


def goal_results(profile: District | City, sources: dict[str, Source], lang: str = SOURCE) -> dict[str, GoalResult]:
    out = {}
    for g in profile.goals:
        r = results.result(g, profile.figures, sources)
        if r is None:
            continue
        unit = info(g.indicator).unit
        out[g.id] = GoalResult(
            amount_text(r.figure.value, unit, lang),
            period_text(r.figure, lang=lang),
            labels.label_text(r.figure.status, lang),
            outcome(r, unit, lang),
            results.rule_text(r.rule, lang),
            r.figure,
            mood(r),
        )
    return out


@dataclass(frozen=True)
class Row:
    label: str
    unit: str
    cells: tuple[tuple[Figure, str, bool] | None, ...]  # per year: (figure, its text, single-source), or None


@dataclass(frozen=True)
class Table:
    years: tuple[int, ...]
    rows: tuple[Row, ...]
    partial: tuple[tuple[str, Figure, bool], ...]  # part-year or superseded figures: (label, figure, single)


def figure_table(profile: District | City, sources: dict[str, Source], lang: str = SOURCE) -> Table | None:
    """`lang`: the edition whose words and units the table reads in (the page's)."""
    if not profile.figures:
        return None
    years = tuple(sorted({f.year for f in profile.figures}))
    rows, partial = [], []
    for key, i in INDICATORS.items():
        chosen = {f.year: f for f in results.series(profile.figures, key, sources)}
        if chosen:
            cells = tuple(
                (chosen[y], value_text(chosen[y].value, i.unit, lang), policy.single_source(chosen[y], sources))
                if y in chosen
                else None
                for y in years
            )
            rows.append(Row(_label(key, lang), unit_text(i.unit, lang), cells))
        shown = {id(f) for f in chosen.values()}
        for f in profile.figures:
            if f.indicator is key and id(f) not in shown:  # part of a year, or superseded by a firmer figure
                partial.append((_label(key, lang), f, policy.single_source(f, sources)))
    return Table(years, tuple(rows), tuple(partial))
