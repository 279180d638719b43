"""What every model shares: ids and dates as editors write them, the strict base, names, and the citations
(sources, quotes, notes) every stated fact carries."""

from __future__ import annotations

from typing import Annotated, ClassVar, Iterator

from pydantic import BaseModel, ConfigDict, Field, model_validator

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
PARTIAL_DATE_PATTERN = r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$"

Id = Annotated[
    str,
    Field(
        pattern=ID_PATTERN,
        description="编号：小写拼音或英文、数字和连字符，在本文件内唯一，例如 `gdp-growth-2025`。"
        "它会成为网页锚点和下载数据里的键，发布后请勿修改。 / Identifier: lowercase letters, digits and "
        "hyphens, unique in its file; used as page anchor and data key.",
    ),
]

SourceIds = Annotated[
    list[Annotated[str, Field(pattern=ID_PATTERN)]],
    Field(
        description="出处：`data/sources.yaml` 中来源的编号列表，至少一个（除非标记为未核实）。 / "
        "Sources: ids of entries in data/sources.yaml; at least one unless marked unverified.",
    ),
]

PartialDate = Annotated[
    str,
    Field(
        pattern=PARTIAL_DATE_PATTERN,
        description="日期，可只写到年或月：`2025`、`2025-02` 或 `2025-02-07`。请用引号括起来。 / "
        "A date as precise as known: year, year-month or full date, in quotes.",
    ),
]


class Strict(BaseModel):
    """Base for every model: unknown keys are errors, strings are stripped of stray spaces."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)


class Name(Strict):
    zh: str = Field(min_length=1, max_length=60, description="中文名称。 / Chinese name.")
    en: str = Field(min_length=1, max_length=80, description="英文名称。 / English name.")


class Quote(Strict):
    """One verbatim passage and the one source it is from (an item of `quotes`)."""

    text: str = Field(
        min_length=2,
        max_length=80,
        description="原文：这个来源中支持这条事实的一段原文，逐字照抄（不超过80字；同一篇报道的两段之间用 `…` 连接，"
        "聚合页上不同的短讯不算同一篇）。 / The verbatim passage.",
    )
    source: Annotated[str, Field(pattern=ID_PATTERN)] = Field(
        description="出处：这段原文出自哪个来源，写本条 `sources` 中的一个编号。 / Which of the item's sources it is from.",
    )
    where: str | None = Field(
        default=None,
        min_length=2,
        max_length=80,
        description="可选：原文在来源中的位置，照原文写出它所在的条目或小节的标题，例如聚合页上这条短讯的标题；"
        "网页和引文一起显示，检查会核对它出现在来源原文中。 / Optional: the heading, verbatim, of the item or "
        "section the passage is in.",
    )


class Sourced(Strict):
    """Anything that states a fact: it cites sources, or says plainly that it is unverified."""

    sources: SourceIds = Field(default_factory=list)
    unverified: bool = Field(
        default=False,
        description="`true` 表示尚无来源可核实；网页会醒目标注“未核实”。 / Marks a fact no source supports yet.",
    )
    note: str | None = Field(
        default=None,
        max_length=2000,
        description="编辑备注：来源之间的矛盾、口径说明等，会显示在网页上。 / Editor's note shown on the page.",
    )
    quote: str | None = Field(
        default=None,
        min_length=2,
        max_length=80,
        description="引文：来源中支持这条事实的最短原文，逐字照抄（不超过80字；同一篇报道的两段之间用 `…` 连接；"
        "出自不同来源、或聚合页上不同短讯的原文写在 `quotes` 里）。网页在引注处显示它，检查会核对它确实出现在来源原文中。"
        " / Verbatim passage of the first cited source.",
    )
    quotes: list[Quote] = Field(
        default_factory=list,
        description="多段引文：出自不同来源、或同一页上不同条目（例如聚合页上的两条短讯）的原文，每段写明出自哪个来源"
        "（`text`、`source`，可选 `where`）；网页为每段引文各显示一个出处标记。与 `quote` 二选一。 / Several verbatim "
        "passages, each with the source it is from; instead of `quote`.",
    )
    editorial: str | None = Field(
        default=None,
        min_length=2,
        max_length=500,
        description="编者补充：这条事实中不是来源原话、而是编者依据来源以外的知识补充的部分（例如所在区、行业、位置），"
        "写明补充了什么、依据是什么；网页标注“编者补充”。 / What the editors added from outside the cited text.",
    )
    caution: str | None = Field(
        default=None,
        min_length=2,
        max_length=80,
        description="请注意：读者必须和这条事实一起看到的疑点或限定，一两句话（不超过80字，详细的理由写在 `note` 里），"
        "例如来源所写年份与内容不符、“400亿级”是规模档次而不是到期要达到的数字、所在区来源并没有说。网页在这条事实旁"
        "醒目显示；有这一项的数字排在数字卡片的最后，卡片上也显示它。 / A short caution readers must see with the fact: "
        "shown beside it, and on its figure card.",
    )

    @model_validator(mode="after")
    def _needs_source_or_flag(self) -> "Sourced":
        if not self.sources and not self.unverified:
            raise ValueError("needs-source")
        if self.quote and self.quotes:
            raise ValueError("quote-and-quotes")
        return self

    def cited_quotes(self) -> tuple[Quote, ...]:
        """Every quote with its source: the `quotes`, or the one `quote` (which is from the first source)."""
        if self.quote and self.sources:
            return (Quote.model_construct(text=self.quote, source=self.sources[0], where=None),)
        return tuple(self.quotes)


class Profile(Strict):
    """A profile file's root (a district's, the city's): its fact-bearing items, each with its path in the file."""

    # Lists of entries in the order a profile's entries are read (citation numbers, dates); profiles.model.kinds names
    # the same lists in the same order (tested).
    ENTRY_LISTS: ClassVar[tuple[str, ...]] = (
        "roles",
        "goals",
        "indicators",
        "figures",
        "enterprises",
        "parks",
        "projects",
    )
    SINGLE_ITEMS: ClassVar[tuple[str, ...]] = ()  # fields holding one sourced item each, after the lists

    def items(self) -> Iterator[tuple[tuple, BaseModel]]:
        """Every fact-bearing item with its path in the file: ("goals", 2) or ("area",)."""
        for name in self.ENTRY_LISTS:
            for i, item in enumerate(getattr(self, name, [])):
                yield (name, i), item
        for name in self.SINGLE_ITEMS:
            value = getattr(self, name)
            if value is not None:
                yield (name,), value
