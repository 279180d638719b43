"""Fixed words by their Chinese: the templates' and the code's own words (headings, labels, legends, buttons),
translated in PO catalogues beside the code that uses them.

    {{ _("各区") }}                       in a template: "各区", or "Districts" on an English page
    {{ _("{n}个目标", n=goals|length) }}  placeholders are named and filled after translating (and escaped)
    phrase("不低于", "en")               in Python: "at least"

The Chinese is the message id, so the Chinese edition is exactly what the template says, and a phrase a
catalogue lacks reads in Chinese (a missing translation never breaks a build; tests/test_phrases.py lists every
phrase used without an English one). Each stage keeps its English in `en.po` in its own folder
(profiles/outputs/pages/en.po …), the standard format translators' tools read and Babel parses; all of them
together are the English catalogue, and a phrase must mean the same wherever it is used (tested).

Plurals: an entry with `msgid_plural` picks msgstr[0] when the placeholder `n` is 1, msgstr[1] otherwise
("{n} goal" / "{n} goals"); Chinese has one form.

Sentences that Python builds from several facts are messages of the id catalogue (profiles.facts.texts.t)."""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType

from babel.messages.pofile import read_po

PACKAGE = Path(__file__).resolve().parents[2]  # profiles/
SOURCE = "zh"  # the language the phrases are written in


def catalogue_files(lang: str) -> list[Path]:
    """Every `<lang>.po` (or `<part>.<lang>.po`) in the package, in path order."""
    return [p for p in sorted(PACKAGE.rglob("*.po")) if p.name == f"{lang}.po" or p.name.endswith(f".{lang}.po")]


@lru_cache(maxsize=None)
def catalogue(lang: str) -> Mapping[str, str | tuple[str, ...]]:
    """Chinese phrase -> its translation (a tuple of forms for a plural entry), from every catalogue of `lang`.
    Untranslated (empty) and fuzzy entries are left out: they read in Chinese."""
    found: dict[str, str | tuple[str, ...]] = {}
    for path in catalogue_files(lang):
        with path.open("rb") as f:
            for message in read_po(f, locale=None):
                if not message.id or message.fuzzy:
                    continue
                key = message.id[0] if isinstance(message.id, (tuple, list)) else message.id
                value = tuple(message.string) if isinstance(message.string, (tuple, list)) else message.string
                if value and all(value):
                    found[key] = value
    return MappingProxyType(found)


def translate(text: str, lang: str, n: object = None) -> str:
    """`text` (a Chinese phrase) in `lang`; the Chinese itself when `lang` is Chinese or has no translation."""
    if lang == SOURCE:
        return text
    found = catalogue(lang).get(text)
    if found is None:
        return text
    if isinstance(found, tuple):
        return found[0] if n == 1 else found[-1]
    return found


def phrase(text: str, lang: str = SOURCE, /, **args: object) -> str:
    """`text` in `lang`, its `{placeholders}` filled from `args` (plain text: escape it where it goes)."""
    message = translate(text, lang, args.get("n"))
    return message.format(**args) if args else message
