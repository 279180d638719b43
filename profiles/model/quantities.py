"""Numbers as sources state them: a quantity with its unit, a target, an area."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from .base import Sourced, Strict
from .enums import Comparator, Measure

COMPARATOR_DOC = (
    "比较关系：`at_least`（以上、不低于 ≥）、`more_than`（超过 >）、`about`（约、左右 ≈）、"
    "`nearly`（近，接近而不到）、`exactly`（达到/完成 =）、`at_most`（不超过、最多、可达 ≤）、`less_than`（低于 <）。"
)


class Quantity(Strict):
    """A number with its unit, exactly as the source states it, and how it binds ("超过", "约", "近")."""

    value: float = Field(description="数值，只写数字，例如 `700`。 / The number only.")
    unit: str = Field(
        min_length=1,
        max_length=20,
        description="单位，照来源写，例如 `亿元`、`万平方米`、`平方公里`、`亩`、`P`、`家`、`个`、`%`。 / Unit as in the source.",
    )
    comparator: Comparator | None = Field(
        default=None,
        description=COMPARATOR_DOC + "来源说“超过200亿元”就写 `{value: 200, unit: 亿元, comparator: more_than}`；"
        "不写表示来源给出的就是这个数。已公布的数字（`indicators`）的比较关系写在条目自己的 `comparator` 里，"
        "不写在这里。 / As the source words the number; omitted = stated exactly.",
    )


class Target(Strict):
    """A numeric target: comparator + value + unit, and whether it is a level or a growth rate."""

    comparator: Comparator = Field(description=COMPARATOR_DOC + " / How the value binds.")
    value: float = Field(description="目标数值，只写数字。 / Target number.")
    unit: str = Field(min_length=1, max_length=20, description="单位，例如 `%`、`亿元`、`个`。 / Unit.")
    hedge: Literal["力争", "预期", "预计", "推动", "力促"] | None = Field(
        default=None,
        description="来源对这个目标用的限定词，照写：`力争`、`预期`、`预计`、`推动`、`力促`；没有就省略。"
        "网页把它写在目标前，“力争6%”不等于目标“5%”。 / The source's hedge word, verbatim.",
    )
    measure: Measure = Field(
        default=Measure.level,
        description="`level`：达到某个数量；`growth`：比上年增长的百分比。 / Level or year-on-year growth.",
    )


class Area(Sourced):
    value: float = Field(gt=0, description="面积数值。 / Area value.")
    unit: Literal["平方公里"] = Field(default="平方公里", description="单位：平方公里。 / Unit: km².")
