"""Translations a change leaves stale: an English text (`data/en/<owner>.yaml`) whose Chinese the change
rewrote. The translation records the Chinese it was made from (`zh`), so a changed Chinese text shows: the
English page marks it and `validate` warns; the review lists the ones this change made stale, so the editor
who rewrote the Chinese can ask for the English too. A translation already stale before the change is not
listed again."""

from __future__ import annotations

from dataclasses import dataclass

from ...ingest.i18n import owners
from ...ingest.i18n.check import stale as stale_texts
from ...model.dataset import Dataset


@dataclass(frozen=True)
class StaleTranslation:
    file: str  # data/en/haizhu.yaml
    key: str  # where the text is: goals.gdp-growth-2025.statement
    zh: str  # the Chinese the translation now has to follow


def stale(dataset: Dataset) -> dict[tuple[str, str], str]:
    """(owner, key) -> the current Chinese, for every translation whose Chinese has changed."""
    return {
        (owner, key): zh
        for owner, profile in owners(dataset)
        if owner in dataset.translations
        for key, zh in stale_texts(profile, dataset.translations[owner]).items()
    }


def left_stale(base: Dataset, head: Dataset) -> list[StaleTranslation]:
    """The translations HEAD leaves stale that BASE did not, in file and key order."""
    before = stale(base)
    return [
        StaleTranslation(f"data/en/{owner}.yaml", key, zh)
        for (owner, key), zh in sorted(stale(head).items())
        if (owner, key) not in before
    ]
