"""What a profile leads with, computed once from the data so every page (and every embed) agrees:
headline figure cards, generated sentences, how old the facts are, and coverage counts.

No HTML here: pages render cards through `pages/templates/_card.html.j2`, embeds build their own
card pages from the same `Card`s. Every text is derived from fields an editor wrote; nothing is added.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from ..model import City, District, Goal, Indicator, Source
from ..model.enums import LABELS_ZH
from ..model.kinds import COUNTED, ON_PAGE
from .present import any_status_known, known_status, num, symbol, value_text
from .texts import DEFAULT, t

MAX_CARDS = 6
# Words that hedge a target ("力争" is not "will"); a card keeps the first one its statement uses.
HEDGES = ("力争", "力促", "推动", "计划", "预计", "争取")


@dataclass(frozen=True)
class Cited:
    """One quote as a card cites it: the passage, the source it is from, and where in that source."""

    source: str
    text: str
    where: str | None = None


@dataclass(frozen=True)
class Card:
    """One headline figure: a reported number or a goal's numeric target, with its citation."""

    id: str  # slug-safe and stable: "indicator-<id>" or "goal-<id>" (ids are slugs already)
    kind: str  # "indicator" | "goal"
    comparator: str  # "≥", ">", "≈", … ; "" when the source states the number exactly
    value: str  # the number as text, e.g. "5.5", "1000"
    unit: str  # as the source writes it, e.g. "%", "亿元"
    label: str  # short: the metric, "…增速" for a growth rate
    year: str  # a goal's year, or when a reported figure holds ("2025-02")
    status: str | None  # a goal's status code when known (never "unknown"); None otherwise
    sources: tuple[str, ...]
    quotes: tuple[Cited, ...]  # each on its own citation mark (a lone `quote:` rides on the first source's)
    statement: str  # the full sentence, hedges and all
    hedge: str  # a goal's "力争", "推动", … when its statement hedges; "" otherwise
    anchor: str  # the entry's id on the profile page: "goal-<id>" / "indicator-<id>"
    caution: str = ""  # what a reader must see with the number (the fact's `caution`): the card shows it

    @property
    def quote(self) -> str | None:
        """The first quote's passage (what the first citation mark shows), or None."""
        return self.quotes[0].text if self.quotes else None

    @property
    def uncited(self) -> tuple[str, ...]:
        """The sources no quote is from: each gets a plain citation mark after the quotes' marks."""
        quoted = {q.source for q in self.quotes}
        return tuple(s for s in self.sources if s not in quoted)

    @property
    def value_text(self) -> str:
        """Number and unit as one string, e.g. "≥ 5.5%"."""
        return value_text(self.comparator, self.value, self.unit)

    @property
    def status_label(self) -> str:
        return LABELS_ZH.get(self.status, "") if self.status else ""

    @property
    def kind_label(self) -> str:
        return t("card.kind.goal") if self.kind == "goal" else t("card.kind.indicator")


def _hedge(statement: str) -> str:
    return next((h for h in HEDGES if h in statement), "")


def cited(item: Goal | Indicator) -> tuple[Cited, ...]:
    return tuple(Cited(q.source, q.text, q.where) for q in item.cited_quotes())


def indicator_card(i: Indicator) -> Card:
    assert i.value is not None
    return Card(
        id=f"indicator-{i.id}",
        kind="indicator",
        comparator=symbol(i.comparator),
        value=num(i.value.value),
        unit=i.value.unit,
        label=i.metric,
        year=i.as_of,
        status=None,
        sources=tuple(i.sources),
        quotes=cited(i),
        statement=i.statement,
        hedge="",  # a reported figure is not hedged ("推动…突破千亿" reports what happened)
        anchor=f"indicator-{i.id}",
        caution=i.caution or "",
    )


def goal_card(g: Goal) -> Card:
    assert g.target is not None
    growth = g.target.measure.value == "growth"
    return Card(
        id=f"goal-{g.id}",
        kind="goal",
        comparator=symbol(g.target.comparator),
        value=num(g.target.value),
        unit=g.target.unit,
        # the source's metric, named a growth rate unless it says so already (its own Chinese words)
        label=t("card.label.growth", metric=g.metric)
        if growth and not g.metric.endswith(("增速", "增长"))
        else g.metric,
        year=str(g.year),
        status=known_status(g),
        sources=tuple(g.sources),
        quotes=cited(g),
        statement=g.statement,
        hedge=_hedge(g.statement),
        anchor=f"goal-{g.id}",
        caution=g.caution or "",
    )


def cards(profile: District | City, limit: int = MAX_CARDS) -> tuple[Card, ...]:
    """Up to `limit` numbers the sources give, in the editor's order: reported figures first, then
    goals with a numeric target, then (after all of those) the numbers that carry a caution — a doubtful
    number never leads a page, and where it shows, its caution shows with it. Unverified facts never
    headline a page."""
    out = [indicator_card(i) for i in profile.indicators if i.value is not None and i.sources and not i.unverified]
    out += [goal_card(g) for g in profile.goals if g.target is not None and g.sources and not g.unverified]
    out.sort(key=lambda c: bool(c.caution))  # stable: the editor's order within each part
    return tuple(out[:limit])


def all_cards(profile: District | City) -> tuple[Card, ...]:
    """Every card a profile could show (what card embeds may offer beyond the headline six)."""
    return cards(profile, limit=10**9)


def source_line(s: Source, lang: str = DEFAULT) -> str:
    """A source as every image names it: "publisher《title》，YYYY-MM-DD" (fact cards, share images)."""
    return t("source.line", lang=lang, publisher=s.publisher, title=s.title, date=s.published.isoformat())


@dataclass(frozen=True)
class Coverage:
    """How much the sources cover of one district: the one count every page shows."""

    goals: int
    numeric_goals: int
    indicators: int
    enterprises: int
    parks: int
    projects: int
    roles: int
    system: bool
    figures: int = 0  # statistics (figures: GDP, growth, population …)

    @property
    def entries(self) -> int:
        """Goals, reported facts, statistics, enterprises, parks and projects: what the downloads count as 条."""
        return sum(getattr(self, k.list) for k in COUNTED)

    @property
    def thin(self) -> bool:
        """No sourced content beyond the summary: the page is told short and honestly."""
        return self.entries == 0 and self.roles == 0 and not self.system and self.figures == 0


def coverage(d: District) -> Coverage:
    return Coverage(
        goals=len(d.goals),
        numeric_goals=sum(g.target is not None for g in d.goals),
        indicators=len(d.indicators),
        enterprises=len(d.enterprises),
        parks=len(d.parks),
        projects=len(d.projects),
        roles=len(d.roles),
        system=d.industrial_system is not None,
        figures=len(d.figures),
    )


# What each count is called, in page order; the unit a count reads with (profiles.model.kinds).
COVERAGE_LABELS = tuple((k.list, k.title, k.unit) for k in ON_PAGE if k.counted)


def coverage_parts(c: Coverage) -> list[str]:
    """The non-zero counts as short phrases, e.g. ["35 项发展目标", "9 家龙头企业"]: no page prints a 0."""
    return [
        t("coverage.count", count=getattr(c, a), unit=unit, kind=text)
        for a, text, unit in COVERAGE_LABELS
        if getattr(c, a)
    ]


def missing_parts(c: Coverage) -> list[str]:
    """What the sources do not cover yet, in page order."""
    out = [] if c.system else [t("system.short")]
    out += [] if c.roles else [t("coverage.roles")]
    out += [
        text
        for attr, text, _ in COVERAGE_LABELS
        if not getattr(c, attr) and attr != "figures" and not (attr == "indicators" and c.figures)
    ]
    return out


def _years_text(goals: list[Goal], lang: str = DEFAULT) -> tuple[str, str]:
    """(" 2025 年", "") when every goal shares a year, else ("", "（2025 年 3 项、2035 年 2 项）")."""
    years = Counter(g.year for g in goals)
    if len(years) == 1:
        return t("goals.year", lang=lang, year=next(iter(years))), ""
    each = t("list.sep", lang=lang).join(
        t("goals.by_year.one", lang=lang, year=y, count=n) for y, n in sorted(years.items())
    )
    return "", t("goals.by_year", lang=lang, years=each)


def goals_sentence(name: str, goals: list[Goal], lang: str = DEFAULT) -> str:
    """E.g. "海珠区公布了 35 项 2025 年目标，其中 33 项有数字指标。" ("" when there are no goals)."""
    if not goals:
        return ""
    year, by_year = _years_text(goals, lang)
    numeric = sum(g.target is not None for g in goals)
    n = len(goals)
    if numeric == n:
        tail = t("goals.numeric.all", lang=lang) if n > 1 else t("goals.numeric.the_one", lang=lang)
    elif numeric == 0:
        tail = t("goals.numeric.none", lang=lang) if n > 1 else t("goals.numeric.not_the_one", lang=lang)
    else:
        tail = t("goals.numeric.some", lang=lang, count=numeric)
    return t("goals.sentence", lang=lang, name=name, count=n, year=year, by_year=by_year, tail=tail)


def status_sentence(goals: list[Goal], lang: str = DEFAULT) -> str:
    """How far the goals are, as far as the sources say; "" when some status is known (the tracker shows it)."""
    if not goals or any_status_known(goals):
        return ""
    if len(goals) > 1:
        return t("goals.status.unreported", lang=lang)
    return t("goals.status.unreported.one", lang=lang)


def indicators_sentence(name: str, indicators: list[Indicator]) -> str:
    """E.g. "来源报道了天河区 2 项已达成的数字（截至 2025-02）。"."""
    if not indicators:
        return ""
    dates = sorted({i.as_of for i in indicators}, key=_date_key)
    when = dates[0] if len(dates) == 1 else t("dates.range", first=dates[0], last=dates[-1])
    return t("indicators.sentence", name=name, count=len(indicators), when=when)


def missing_sentence(name: str, c: Coverage) -> str:
    """E.g. "来源尚未覆盖从化区的产业体系、定位、发展目标……"; "" when nothing is missing."""
    parts = missing_parts(c)
    return t("coverage.missing", name=name, parts=t("list.sep").join(parts)) if parts else ""


def role_line(d: District) -> str:
    """One line on the district's place in the city, from its own sourced facts: its industrial system
    and its shortest role statement (the pithiest, ties in file order). "" when the sources say neither."""
    parts = []
    if d.industrial_system is not None:
        parts.append(t("role.system", label=d.industrial_system.label, name=d.industrial_system.name))
    if d.roles:
        parts.append(min(d.roles, key=lambda r: len(r.text)).text)
    return t("list.dot").join(parts)


def role_sources(d: District) -> tuple[str, ...]:
    """The sources behind `role_line`, in its order."""
    out: list[str] = []
    if d.industrial_system is not None:
        out += d.industrial_system.sources
    if d.roles:
        out += min(d.roles, key=lambda r: len(r.text)).sources
    return tuple(dict.fromkeys(out))


@dataclass(frozen=True)
class AsOf:
    """The oldest and newest dates of a profile's facts (partial dates: "2017", "2025-02", "2025-02-07")."""

    oldest: str
    newest: str

    @property
    def text(self) -> str:
        return self.newest if self.oldest == self.newest else t("dates.range", first=self.oldest, last=self.newest)


def _date_key(partial: str) -> tuple[int, ...]:
    return tuple(int(p) for p in partial.split("-"))


def fact_dates(profile: District | City, sources: dict[str, Source]) -> list[str]:
    """When each fact held: its own date where the data has one (a figure's `as_of`, a project's
    `status_as_of`), else the publication date of the earliest source that reports it."""
    out = []
    for _, item in profile.items():
        own = getattr(item, "as_of", None) or getattr(item, "status_as_of", None)
        if own:
            out.append(own)
            continue
        published = sorted(sources[s].published.isoformat() for s in getattr(item, "sources", []) if s in sources)
        if published:
            out.append(published[0])
    out += [sources[s].published.isoformat() for s in profile.summary_sources if s in sources]
    return out


def facts_as_of(profile: District | City, sources: dict[str, Source]) -> AsOf | None:
    dates = sorted(set(fact_dates(profile, sources)), key=_date_key)
    return AsOf(dates[0], dates[-1]) if dates else None
