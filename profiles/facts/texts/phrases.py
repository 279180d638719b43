"""Fixed words by their Chinese: the templates' and the code's own words (headings, labels, legends, buttons),
translated in PO catalogues beside the code that uses them.

    {{ _("各区") }}                       in a template: "各区", or "Districts" on an English page
    {{ _("{n}个目标", n=goals|length) }}  placeholders are named and filled after translating (and escaped)
    phrase("不低于", "en")               in Python: "at least"

The Chinese is the message id, so the Chinese edition is exactly what the template says, and a phrase a
catalogue lacks reads in Chinese (a missing translation never breaks a build; tests/test_phrases.py lists every
phrase used without an English one). Each stage keeps its English in `en.po` in its own folder
(profiles/outputs/pages/en.po …), the standard format translators' tools read and Babel parses. A stage's
templates read their own catalogue first, then the common ones (labels, units, hedges: facts/, model/, engine/),
as gettext's domains do, so a word may read differently where its context differs.

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


COMMON = ("engine", "facts", "model")  # folders whose catalogues every stage reads (labels, units, hedges …)


def _is_catalogue(path: Path, lang: str) -> bool:
    return path.name == f"{lang}.po" or path.name.endswith(f".{lang}.po")


def catalogue_files(lang: str, folder: Path | None = None) -> list[Path]:
    """Every `<lang>.po` (or `<part>.<lang>.po`) in the package, in path order; or those of one stage's folder."""
    if folder is not None:
        return [p for p in sorted(folder.glob("*.po")) if _is_catalogue(p, lang)]
    return [p for p in sorted(PACKAGE.rglob("*.po")) if _is_catalogue(p, lang)]


@lru_cache(maxsize=None)
def _entries(path: Path) -> Mapping[str, str | tuple[str, ...]]:
    """One PO file: Chinese phrase -> its translation (a tuple of forms for a plural entry). Untranslated (empty)
    and fuzzy entries are left out: they read in Chinese."""
    found: dict[str, str | tuple[str, ...]] = {}
    with path.open("rb") as f:
        for message in read_po(f, locale=None):
            if not message.id or message.fuzzy:
                continue
            key = message.id[0] if isinstance(message.id, (tuple, list)) else message.id
            value = tuple(message.string) if isinstance(message.string, (tuple, list)) else message.string
            if value and all(value):
                found[key] = value
    return MappingProxyType(found)


@lru_cache(maxsize=None)
def catalogue(lang: str, stages: tuple[Path, ...] = ()) -> Mapping[str, str | tuple[str, ...]]:
    """Chinese phrase -> its translation, as code in `stages` (folders of the package) reads it: those stages' own
    catalogues first, then the common ones (COMMON: labels, units, hedges), then any other stage's. Like gettext's
    domains: a word may read differently where its context differs ("名称" is "name" inside a sentence of the
    change history and "Name" atop a column of /compare/); tests/test_phrases.py keeps each domain consistent."""
    common = [PACKAGE / name for name in COMMON]
    order = [*stages, *common]
    files = [path for folder in order for path in catalogue_files(lang, folder)]
    files += [path for path in catalogue_files(lang) if path not in files]
    found: dict[str, str | tuple[str, ...]] = {}
    for path in files:
        for key, value in _entries(path).items():
            found.setdefault(key, value)
    return MappingProxyType(found)


def translate(text: str, lang: str, n: object = None, stages: tuple[Path, ...] = ()) -> str:
    """`text` (a Chinese phrase) in `lang`, read from `stages` first (catalogue); the Chinese itself when `lang` is
    Chinese or has no translation."""
    if lang == SOURCE:
        return text
    found = catalogue(lang, stages).get(text)
    if found is None:
        return text
    if isinstance(found, tuple):
        return found[0] if n == 1 else found[-1]
    return found


def phrase(text: str, lang: str = SOURCE, /, **args: object) -> str:
    """`text` in `lang`, its `{placeholders}` filled from `args` (plain text: escape it where it goes); read from
    the common catalogues first. A stage's code reads its own first: `phrase = phrases.of(__file__).phrase`."""
    message = translate(text, lang, args.get("n"))
    return message.format(**args) if args else message


class Stage:
    """`phrase` and `translate` for the code of one stage (the folder of the module that asks: `of(__file__)`),
    reading that stage's catalogue first, as its templates do."""

    def __init__(self, folder: Path) -> None:
        self.stages = (folder,)

    def translate(self, text: str, lang: str, n: object = None) -> str:
        return translate(text, lang, n, self.stages)

    def phrase(self, text: str, lang: str = SOURCE, /, **args: object) -> str:
        message = translate(text, lang, args.get("n"), self.stages)
        return message.format(**args) if args else message

    def words(self, table: Mapping[str, str], lang: str = SOURCE) -> dict[str, str]:
        """A script's words (key -> Chinese phrase) in `lang`, placeholders left for the script to fill."""
        return {key: translate(text, lang, None, self.stages) for key, text in table.items()}


def of(module_file: str) -> Stage:
    """The phrases of the stage a module belongs to: `phrase = phrases.of(__file__).phrase`."""
    return Stage(Path(module_file).resolve().parent)
