"""What a translation file holds (`data/en/<slug>.yaml`, `data/en/city.yaml`) and the glossary
(`data/en/glossary.yaml`)."""

from __future__ import annotations

from pydantic import Field

from ...model import Strict


class Translation(Strict):
    zh: str = Field(
        min_length=1,
        description="译自的中文原文，照抄数据文件里的那段文字；中文改了而这里没改，译文就标为“可能过时”。 / "
        "The Chinese this translates, copied from the data file: when it changes, the translation is stale.",
    )
    en: str = Field(min_length=1, max_length=3000, description="英文译文。 / The English text.")
    official: bool = Field(
        default=False,
        description="`true`：这是机构或来源自己给出的英文名称（不是本站的翻译）。 / An official English name.",
    )


class Translations(Strict):
    """`data/en/<slug>.yaml`: one district's (or the city's) English texts, keyed by what they translate."""

    translations: dict[str, Translation] = Field(
        default_factory=dict,
        description="键是所译文字的位置，例如 `summary`、`goals.gdp-growth-2025.statement`。 / Key: where the text is.",
    )


class Term(Strict):
    zh: str = Field(min_length=1, max_length=40, description="中文术语。 / The Chinese term.")
    en: str = Field(min_length=1, max_length=120, description="固定的英文译法。 / Its fixed English.")
    note: str | None = Field(default=None, max_length=300, description="说明。 / A note.")


class Glossary(Strict):
    """`data/en/glossary.yaml`: terms translated the same way everywhere."""

    terms: list[Term] = Field(default_factory=list, description="术语表。 / The terms.")
