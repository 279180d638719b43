"""A text of the English edition: what a page shows in place of the Chinese, and how it came to be.

`Localized` is a `str` (every formatter, template and image takes it as the text it is), carrying:

- `lang`: the language the text is in — "en", or "zh-CN" when no translation exists yet (the page shows the
  Chinese, marked, and wraps it in `lang="zh-CN"`);
- `state`: "ok" (our translation), "official" (the organisation's or source's own English), "missing" (no
  translation: the Chinese is shown), "stale" (made from an older Chinese text), or "evidence" (a quote: the
  Chinese is kept, because it is the evidence, and `en` holds its rendering);
- `zh`: the current Chinese, for a stale translation; `en`: the English rendering of a quote.

Made by profiles.ingest.i18n.localize; model/ only defines it, so every layer can recognise one."""

from __future__ import annotations

STATES = ("ok", "official", "missing", "stale", "evidence")


class Localized(str):
    lang: str
    state: str
    zh: str | None
    en: str | None

    def __new__(cls, text: str, lang: str, state: str, zh: str | None = None, en: str | None = None) -> Localized:
        if state not in STATES:
            raise ValueError(f"state {state!r}: one of {', '.join(STATES)}")
        made = super().__new__(cls, text)
        made.lang, made.state, made.zh, made.en = lang, state, zh, en
        return made

    def __reduce__(self):  # pickled into the cache and to drawing processes with what it carries
        return (Localized, (str(self), self.lang, self.state, self.zh, self.en))

    @property
    def marked(self) -> bool:
        """A text an English page must mark: shown in Chinese, or translated from an older Chinese text."""
        return self.state in ("missing", "stale")
