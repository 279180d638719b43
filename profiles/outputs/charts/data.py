"""What each chart shows, from the figures (numbers/results.py): plain, frozen data that is the chart's view, so
a chart is redrawn only when a number it shows changes. No drawing here (vega.py), no Vega-Lite (specs.py)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from ...engine.templating import TO_YI_YUAN
from ...facts import results
from ...facts.headline import source_line
from ...facts.texts import phrases, t
from ...model import City, District, Figure, Source
from ...model.dataset import Dataset
from ...model.enums import IndicatorKey, Period
from ...model.indicators import number_text
from ..share import projects_word

phrase = phrases.of(__file__).phrase  # this stage's catalogue first (profiles/facts/texts/phrases.py)

CITY = "guangzhou"  # the slug charts and downloads give the whole city
TARGET, RESULT = t("chart.target"), t("chart.result")  # a dumbbell's two series (and its table's columns)
YI_YUAN = "亿元"  # the money charts' unit (English in en.po beside this module)


@dataclass(frozen=True)
class Point:
    slug: str
    name: str  # the district's (or city's) name in the edition's language
    series: str  # bar: "" ; dumbbell: the target's / the result's (`ChartData.series`) ; lines: the name
    year: int
    value: float
    text: str  # the value as the table shows it
    href: str  # the figure on its profile, relative to the site root
    source: str  # "publisher《title》，date"
    source_url: str  # "" where none
    publisher: str = ""  # the source's publisher (the share image names them)


@dataclass(frozen=True)
class Cell:
    text: str
    href: str = ""  # relative to the site root, or an absolute source URL
    title: str = ""
    source: bool = False  # the text is a source line (its publisher and title stay in Chinese)

    @classmethod
    def of(cls, p: Point) -> "Cell":
        return cls(p.text, p.href, p.source)


@dataclass(frozen=True)
class ChartData:
    name: str  # file name: charts/<name>.svg
    kind: str  # "bar" | "dumbbell" | "lines" | "money" (a bar per project)
    title: str
    unit: str
    points: tuple[Point, ...]
    missing: tuple[str, ...]  # names of the districts the chart has no figure for
    note: str  # how to read it (the verdict rule, the year chosen)
    lang: str = "zh"  # the edition: its words, and the names of the spec's fields

    @property
    def series(self) -> tuple[str, str]:
        """A dumbbell's two series, target and result (its legend, and its table's columns)."""
        return t("chart.target", self.lang), t("chart.result", self.lang)

    def table(self) -> tuple[tuple[str, ...], tuple[tuple[str, tuple["Cell", ...]], ...]]:
        """The same numbers as a table: (column headers, rows of (row header, cells))."""
        lang = self.lang
        if self.kind == "lines":
            years = range(min(p.year for p in self.points), max(p.year for p in self.points) + 1)
            names = list(dict.fromkeys(p.name for p in self.points))
            at = {(p.name, p.year): p for p in self.points}
            rows = tuple((n, tuple(Cell.of(at[(n, y)]) if (n, y) in at else Cell("—") for y in years)) for n in names)
            return (t("chart.column.district", lang), *map(str, years)), rows
        if self.kind == "dumbbell":
            target, result = self.series
            at = {(p.name, p.series): p for p in self.points}
            names = list(dict.fromkeys(p.name for p in self.points))
            rows = tuple(
                (n, (Cell(str(at[(n, result)].year)), Cell(at[(n, target)].text), Cell.of(at[(n, result)])))
                for n in names
            )
            return (t("chart.column.district", lang), t("chart.column.year", lang), target, result), rows
        source = t("chart.column.source", lang)
        if self.kind == "money":
            rows = tuple(
                (p.name, (Cell(p.series), Cell.of(p), Cell(p.source, p.source_url, source=True))) for p in self.points
            )
            return (t("chart.column.project", lang), t("chart.column.district", lang), self.unit, source), rows
        rows = tuple(
            (p.name, (Cell(str(p.year)), Cell.of(p), Cell(p.source, p.source_url, source=True))) for p in self.points
        )
        return (t("chart.column.district", lang), t("chart.column.year", lang), self.unit, source), rows

    @property
    def alt(self) -> str:
        """Everything the chart shows, in words: its alt text and SVG description."""
        lang = self.lang
        if self.kind == "dumbbell":
            target, result = self.series
            pairs = {}
            for p in self.points:
                pairs.setdefault((p.name, p.year), {})[p.series] = p.text
            body = t("list.semi", lang).join(
                t("chart.alt.pair", lang, name=n, year=y, target=v.get(target, "—"), result=v.get(result, "—"))
                for (n, y), v in pairs.items()
            )
        elif self.kind == "lines":
            by = {}
            for p in self.points:
                by.setdefault(p.name, []).append(t("chart.alt.year", lang, year=p.year, value=p.text))
            body = t("list.semi", lang).join(
                t("chart.alt.series", lang, name=n, values=t("list.sep", lang).join(v)) for n, v in by.items()
            )
        else:  # bar, money
            body = t("list.semi", lang).join(
                t("chart.alt.bar", lang, name=p.name, value=p.text, unit=self.unit) for p in self.points
            )
        gap = t("chart.alt.missing", lang, names=t("list.sep", lang).join(self.missing)) if self.missing else ""
        return t("chart.alt", lang, title=self.title, body=body, missing=gap)


def _source(sid: str | None, sources: dict[str, Source], lang: str) -> tuple[str, str, str]:
    """(source line, link, publisher) of the first cited source: headline.source_line, as the images name it."""
    s = sources.get(sid) if sid else None
    return (source_line(s, lang), s.link, s.publisher) if s is not None else ("", "", "")


def _name(profile: District | City, lang: str) -> str:
    return profile.name.zh if lang == "zh" else (profile.name.en or profile.name.zh)


def _profiles(dataset: Dataset) -> list[tuple[str, str, District | City]]:
    lang = dataset.lang
    out: list[tuple[str, str, District | City]] = [(s, _name(d, lang), d) for s, d in dataset.districts.items()]
    return out


def _with_city(dataset: Dataset) -> list[tuple[str, str, District | City]]:
    city = [(CITY, _name(dataset.city, dataset.lang), dataset.city)] if dataset.city else []
    return _profiles(dataset) + city


def _missing(dataset: Dataset, points: list[Point]) -> tuple[str, ...]:
    """The districts a chart has no point for, in display order."""
    shown = {p.name for p in points}
    return tuple(n for _, n, _ in _profiles(dataset) if n not in shown)


def _href(slug: str, f: Figure) -> str:
    return f"districts/{slug}/#figure-{f.id}" if slug != CITY else f"#figure-{f.id}"


def _point(
    slug: str, name: str, series: str, f: Figure, sources, lang: str, text: str | None = None, value=None
) -> Point:
    src, url, publisher = _source(f.sources[0], sources, lang)
    v = f.value if value is None else value
    return Point(slug, name, series, f.year, v, text or number_text(v), _href(slug, f), src, url, publisher)


def gdp_by_district(dataset: Dataset) -> ChartData | None:
    """The full year most districts have a GDP figure for (the later on a tie), one bar each."""
    lang = dataset.lang
    full = {
        slug: {f.year: f for f in results.series(d.figures, IndicatorKey.gdp, dataset.sources)}
        for slug, _, d in _profiles(dataset)
    }
    counts = Counter(y for years in full.values() for y in years)
    if not counts:
        return None
    year = max(counts, key=lambda y: (counts[y], y))
    points, missing = [], []
    for slug, name, _ in _profiles(dataset):
        f = full[slug].get(year)
        if f is None:
            missing.append(name)
        else:
            points.append(_point(slug, name, "", f, dataset.sources, lang))
    points.sort(key=lambda p: -p.value)
    return ChartData(
        "gdp-by-district",
        "bar",
        t("chart.gdp.title", lang, year=year),
        phrase(YI_YUAN, lang),
        tuple(points),
        tuple(missing),
        t("chart.gdp.note", lang, year=year),
        lang,
    )


def growth_target_vs_result(dataset: Dataset) -> ChartData | None:
    """Per district (and the city), its latest growth target that has a published result: target and result."""
    lang = dataset.lang
    target, result = t("chart.target", lang), t("chart.result", lang)
    points = []
    for slug, name, p in _with_city(dataset):
        judged = [(g, results.result(g, p.figures, dataset.sources)) for g in p.goals]
        judged = [(g, r) for g, r in judged if r is not None and g.indicator is IndicatorKey.gdp_growth]
        if not judged:
            continue
        g, r = max(judged, key=lambda gr: gr[0].year)
        text = g.target.comparator.symbol + number_text(g.target.value) + "%"
        if g.target.hedge:  # the source's hedge: before the number in Chinese (力争≥6%), after it in English
            hedge = phrase(g.target.hedge, lang)
            text = hedge + text if lang == "zh" else t("chart.money.word", lang, value=text, word=hedge)
        points.append(_point(slug, name, target, r.figure, dataset.sources, lang, text, g.target.value))
        points.append(_point(slug, name, result, r.figure, dataset.sources, lang, number_text(r.figure.value) + "%"))
    if not points:
        return None
    return ChartData(
        "growth-target-vs-result",
        "dumbbell",
        t("chart.growth.title", lang),
        "%",
        tuple(points),
        _missing(dataset, points),
        t("chart.growth.note", lang),
        lang,
    )


def growth_over_years(dataset: Dataset) -> ChartData | None:
    lang = dataset.lang
    points = []
    for slug, name, p in _with_city(dataset):
        for f in results.series(p.figures, IndicatorKey.gdp_growth, dataset.sources):
            if f.period is Period.full_year:
                points.append(_point(slug, name, name, f, dataset.sources, lang, number_text(f.value) + "%"))
    if not points:
        return None
    return ChartData(
        "gdp-growth-over-years",
        "lines",
        t("chart.years.title", lang),
        "%",
        tuple(points),
        _missing(dataset, points),
        t("chart.years.note", lang),
        lang,
    )


MONEY_BARS = 30  # at most this many projects: the caption says how many were left out


def project_investments(dataset: Dataset) -> ChartData | None:
    """Projects whose investment is stated in a money unit, in 亿元, largest first; the source's word when the
    number is a bound (超过) or round (约) is written beside it."""
    lang = dataset.lang
    points = []
    for slug, name, d in _profiles(dataset):
        for p in getattr(d, "projects", []):
            q = p.investment
            if q is None or q.unit not in TO_YI_YUAN:
                continue
            value = q.value * TO_YI_YUAN[q.unit]
            word = phrase(q.comparator.word, lang) if q.comparator is not None and q.comparator.word else ""
            src, url, publisher = _source(p.sources[0] if p.sources else None, dataset.sources, lang)
            text = t("chart.money.word", lang, value=number_text(value), word=word) if word else number_text(value)
            href = f"districts/{slug}/#project-{p.id}"
            points.append(Point(slug, p.name, name, 0, value, text, href, src, url, publisher))
    if not points:
        return None
    points.sort(key=lambda p: -p.value)
    left = len(points) - MONEY_BARS
    note = t("chart.money.note", lang)
    return ChartData(
        "project-investments",
        "money",
        t("chart.money.title", lang, projects=projects_word(lang)),
        phrase(YI_YUAN, lang),
        tuple(points[:MONEY_BARS]),
        (),
        note + (t("chart.money.left", lang, count=left) if left > 0 else ""),
        lang,
    )


def charts(dataset: Dataset) -> tuple[ChartData, ...]:
    made = (
        gdp_by_district(dataset),
        growth_target_vs_result(dataset),
        growth_over_years(dataset),
        project_investments(dataset),
    )
    return tuple(c for c in made if c is not None)
