"""Numbers and their units in the English edition: the sources write units as free Chinese text (亿元, 万平方米,
个 …); an English page shows the same quantity in English units, the number moved by whole powers of ten so that
nothing is rounded (1316.36 亿元 is 131.636 billion yuan; 20 万家 is 200,000) and grouped by thousands.

One fixed table, `UNITS`: each Chinese unit, the power of ten its number is moved by, and its English (singular
and plural where English has both). A counter word (个, 家, 项 …) has no English: the number stands alone, the
metric beside it says what is counted. A unit missing from the table stays Chinese (`known` says so: a filter
writing markup wraps it in lang="zh-CN"). The Chinese edition never passes through here.

Plain functions of numbers and strings; no I/O."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

EN = "en"


@dataclass(frozen=True)
class Unit:
    shift: int  # the power of ten the source's number is multiplied by: 亿元 -> billion yuan is -1
    one: str  # the English unit after the number 1 ("" for a counter word)
    many: str = ""  # after any other number, when it differs from `one` ("years")

    def word(self, number: Decimal) -> str:
        return self.one if number == 1 or not self.many else self.many


COUNTER = Unit(0, "")  # a counter word: the count alone
UNITS: dict[str, Unit] = {
    "%": Unit(0, "%"),
    "元": Unit(0, "yuan"),
    "万元": Unit(-2, "million yuan"),
    "亿元": Unit(-1, "billion yuan"),
    "万亿元": Unit(0, "trillion yuan"),
    "万人": Unit(-2, "million people"),
    "平方公里": Unit(0, "km²"),
    "万平方米": Unit(4, "m²"),
    "万公里": Unit(4, "km"),
    "万亩": Unit(4, "mu"),
    "P": Unit(0, "PFLOPS"),  # computing power: P is the sources' short for PFLOPS
    "年": Unit(0, "year", "years"),
    "亿次": Unit(-1, "billion"),
    "万家": Unit(4, ""),
    "万座": Unit(4, ""),
    "万条": Unit(4, ""),
    **{counter: COUNTER for counter in ("个", "家", "项", "份", "场", "位", "款", "户")},
}


def known(unit: str) -> bool:
    """Whether the table has English for `unit` (a unit it lacks is shown in Chinese)."""
    return unit in UNITS


def exact(value: float | int | Decimal) -> Decimal:
    """The number the source wrote, as a decimal (a float's shortest repr: 1316.36, never 1316.3599999…)."""
    return value if isinstance(value, Decimal) else Decimal(repr(value) if isinstance(value, float) else value)


def number(value: float | int | Decimal, shift: int = 0) -> str:
    """A number in English: moved by `shift` powers of ten, thousands grouped by commas, no trailing zeros and no
    rounding ("131.636", "12,000,000", "1,316.36")."""
    d = exact(value).scaleb(shift).normalize()
    text = f"{d:,f}"
    return "0" if text in ("-0", "0") else text


def amount(value: float | int | Decimal, unit: str) -> tuple[str, str]:
    """(number, unit) in English: (131.636, "billion yuan") for 1316.36 亿元; ("6,000", "PFLOPS") for 6000 P; the
    number grouped and the unit unchanged for a unit the table lacks."""
    found = UNITS.get(unit)
    if found is None:
        return number(value), unit
    moved = exact(value).scaleb(found.shift)
    return number(moved), found.word(moved)


def joined(value: str, unit: str) -> str:
    """An English number and unit as one text: "5.5%", "131.636 billion yuan", "200,000" (no unit)."""
    if not unit:
        return value
    return f"{value}{unit}" if unit.startswith("%") else f"{value} {unit}"


def amount_text(value: float | int | Decimal, unit: str) -> str:
    """`amount` as one text: "131.636 billion yuan"."""
    return joined(*amount(value, unit))


def unit_name(unit: str) -> str:
    """The English unit a column of numbers (`amount`'s) is in, as its heading names it: "billion yuan",
    "years"; "" for a counter word; the unit unchanged where the table lacks it."""
    found = UNITS.get(unit)
    return unit if found is None else (found.many or found.one)
