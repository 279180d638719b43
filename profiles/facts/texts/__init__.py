"""The words a reader sees that Python builds — sentences, titles, captions, alt texts, section headings — in one
catalogue per language, each message named by an id and filled through named placeholders:

    from ..texts import t
    t("map.title", name="海珠区", projects="重大项目")   # -> "海珠区园区与重大项目地图"

`zh.py` is the catalogue (the site's language). A second language is a second module beside it holding the same
ids, listed in CATALOGUES: `en.py` (issue #25, terms and hedges as data/en/glossary.yaml fixes them); a message it
lacks reads in Chinese, so a partial translation never breaks a build. Templates call the same function (`t(...)`,
or the filter `"id"|t(...)`: profiles.engine.templating).

What stays outside: numbers, dates and units (profiles.facts.present formats them and passes them in as placeholders);
the kinds' labels (profiles.model.kinds, one row per kind; messages take them as placeholders such as `{projects}`);
the words templates write themselves (a later step translates templates). Not to be confused with
profiles.ingest.i18n.texts, the data's own texts (summaries, goals …) an English edition translates in data/en/.

tests/test_texts.py checks that every id the code and templates use is in zh.py, that every id in zh.py is used,
and that each call passes exactly the placeholders its message names."""

from __future__ import annotations

from types import MappingProxyType

from . import en, zh

DEFAULT = "zh"
LANGUAGES = ("zh", "en")  # the editions a build may ask for; a language without a catalogue reads in Chinese
CATALOGUES = MappingProxyType({"zh": MappingProxyType(zh.TEXTS), "en": MappingProxyType(en.TEXTS)})


def t(key: str, /, lang: str = DEFAULT, **args: object) -> str:
    """Message `key` in `lang`, its `{placeholders}` filled from `args`. A message the language does not have
    reads in Chinese (#25's fallback); an id the Chinese catalogue does not have is a bug (KeyError)."""
    if lang not in LANGUAGES:
        raise ValueError(f"no edition in {lang!r}: one of {', '.join(LANGUAGES)}")
    message = CATALOGUES.get(lang, CATALOGUES[DEFAULT]).get(key)
    if message is None:
        message = CATALOGUES[DEFAULT][key]
    return message.format(**args)
