"""What `validate` says of the translations: a key that names no text, a translation whose Chinese has changed
(stale), an English text that holds Chinese characters (an English page shows a translation as it is, unmarked:
its Chinese would be read out as English), and how much of each file is translated (information)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...base.problems import Problem
from ...model import City, District
from ..yamlload import Document, field_path
from .model import Translations
from .texts import texts

# Chinese in an English text: Han characters (with the extensions and compatibility ideographs), CJK punctuation
# (、。《》「」) and full-width forms (，：（）).
CHINESE = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef\U00020000-\U0003134f]+")


@dataclass(frozen=True)
class Coverage:
    owner: str  # slug, or "city"
    translated: int  # up to date
    stale: int
    total: int

    @property
    def text(self) -> str:
        share = 100 * self.translated / self.total if self.total else 100.0
        stale = f"，{self.stale} 条可能过时" if self.stale else ""
        return f"{self.owner}: {self.translated}/{self.total} ({share:.0f}%){stale}"


def stale(profile: District | City, t: Translations | None) -> dict[str, str]:
    """Key -> the current Chinese, for each translation made from another Chinese than the profile's now."""
    return _changed(t, dict(texts(profile)))


def _changed(t: Translations | None, current: dict[str, str]) -> dict[str, str]:
    given = t.translations if t is not None else {}
    return {key: current[key] for key, tr in given.items() if key in current and tr.zh != current[key]}


def check(profile: District | City, owner: str, t: Translations | None, doc: Document | None):
    """(problems, coverage) of one profile's translations."""
    current = dict(texts(profile))
    given = t.translations if t is not None else {}
    changed = _changed(t, current)
    problems: list[Problem] = []
    for key, tr in given.items():
        if key in current and (chinese := CHINESE.findall(tr.en)):
            problems.append(_chinese_in_english(key, chinese, owner, doc))
        if key not in current:
            what, how, en = f"“{key}”没有对应的中文文字", "请删除这一条，或改成现有的键", "translation of no text"
        elif key in changed:
            what, how = "中文原文已改，译文可能过时", f"请按新的中文更新 en，并把 zh 改成：{current[key][:60]}"
            en = "stale translation"
        else:
            continue
        loc = ("translations", key)
        line, col = doc.locate(loc, key=True) if doc is not None else (1, 1)  # positions only for a problem
        path = doc.path if doc is not None else owner
        problems.append(Problem(path, line, col, field_path(loc), what, how, en, "warning"))
    translated = sum(1 for key in given if key in current and key not in changed)
    return problems, Coverage(owner, translated, len(changed), len(current))


def _chinese_in_english(key: str, chinese: list[str], owner: str, doc: Document | None) -> Problem:
    """The warning for an English text that holds Chinese: at its `en:`."""
    runs = "、".join(f"“{run}”" for run in dict.fromkeys(chinese))
    loc = ("translations", key, "en")
    line, col = doc.locate(loc) if doc is not None else (1, 1)
    return Problem(
        doc.path if doc is not None else owner,
        line,
        col,
        field_path(loc),
        f"英文译文里有中文字符：{runs[:60]}",
        "请把这些字也译成英文：词语写出英文意思（例如 “高企” 写作 high-tech enterprises），名称写英文或拼音",
        "Chinese characters in an English translation",
        "warning",
    )
