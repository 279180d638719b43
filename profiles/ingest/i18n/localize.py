"""The English edition's data: the same Dataset, every text replaced by what an English page shows.

`localize(dataset)` walks each profile's texts by the one key scheme (`texts.texts`, also used by `validate` and
`profiles diff`) and puts a `Localized` (profiles.model.localized) in each place: the English when a translation
exists (stale when it was made from another Chinese text), else the Chinese, marked missing. Every output then
renders the English edition from it unchanged; the Chinese edition never sees it, so an edit to data/en/ re-renders
English files only. Quotes keep their Chinese in `.zh` (the evidence) with the English as the text.

A stale translation shows the same English as before, so its state must reach the cache keys another way: the
models that show one are noted to the build's Digests (`note_stale`), and a view's own stale texts are encoded with
their state (profiles.base.digests). `Dataset.stale` lists them per owner for readers of the dataset; no output
needs it."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from typing import Any

from pydantic import BaseModel

from ...model import City, CityLayout, District
from ...model.localized import Localized
from .model import Translations
from .texts import FIELDS, LAYOUT, OWN, SYSTEM, texts

EDITION = "en"


def localized_text(zh: str, found: Translations | None, key: str) -> Localized:
    """The English edition's text for the Chinese `zh` at `key`."""
    tr = found.translations.get(key) if found is not None else None
    if tr is None:
        return Localized(zh, "zh-CN", "missing", zh=zh)
    if tr.zh != zh:
        return Localized(tr.en, "en", "stale", zh=zh)
    return Localized(tr.en, "en", "official" if tr.official else "ok", zh=zh)


def _replace_text(value, text: Localized):
    """A field's new value: lists of strings (shown joined with 、) become one item."""
    return [text] if isinstance(value, (list, tuple)) else text


def localize_profile(profile: District | City, found: Translations | None) -> District | City:
    """`profile` with every translatable text localized (a copy; the Chinese model is untouched)."""
    keyed = dict(texts(profile))
    own: dict[str, object] = {}
    for name in OWN:
        if name in keyed:
            own[name] = _replace_text(getattr(profile, name), localized_text(keyed[name], found, name))
    system = profile.industrial_system
    if system is not None:
        changes = {
            name: _replace_text(getattr(system, name), localized_text(keyed[f"industrial_system.{name}"], found, key))
            for name in SYSTEM
            if (key := f"industrial_system.{name}") in keyed
        }
        own["industrial_system"] = system.model_copy(update=changes)
    layout = getattr(profile, "layout", None)
    if layout is not None:
        own["layout"] = _localize_layout(layout, keyed, found)
    for list_name in FIELDS:
        items = getattr(profile, list_name, None)
        if items:
            own[list_name] = [_localize_item(item, list_name, keyed, found) for item in items]
    gaps = getattr(profile, "gaps", None)
    if gaps:
        own["gaps"] = [localized_text(gap, found, f"gaps.{i}") for i, gap in enumerate(gaps)]
    return profile.model_copy(update=own)


def _localize_layout(layout: CityLayout, keyed: Mapping[str, str], found: Translations | None) -> CityLayout:
    """The city's layout with its label, its groups' labels and parts, its notes and quotes localized (the keys
    of texts.layout_texts)."""
    groups = [
        g.model_copy(
            update={
                "label": localized_text(g.label, found, f"layout.groups.{n}.label"),
                "items": [
                    localized_text(item, found, f"layout.groups.{n}.items.{m}") for m, item in enumerate(g.items)
                ],
            }
        )
        for n, g in enumerate(layout.groups)
    ]
    changes: dict[str, object] = {"label": localized_text(layout.label, found, "layout.label"), "groups": groups}
    for name in LAYOUT:
        if (key := f"layout.{name}") in keyed:
            changes[name] = localized_text(keyed[key], found, key)
    if layout.quotes:
        changes["quotes"] = [
            q.model_copy(update={"text": localized_text(q.text, found, f"layout.quotes.{i}")})
            for i, q in enumerate(layout.quotes)
        ]
    return layout.model_copy(update=changes)


def _localize_item(item, list_name: str, keyed: Mapping[str, str], found: Translations | None):
    prefix = f"{list_name}.{item.id}."
    changes: dict[str, object] = {}
    for name in FIELDS[list_name]:
        key = prefix + name
        if key in keyed:
            changes[name] = _replace_text(getattr(item, name), localized_text(keyed[key], found, key))
    quotes = getattr(item, "quotes", None)
    if quotes:
        changes["quotes"] = [
            q.model_copy(update={"text": localized_text(q.text, found, f"{prefix}quotes.{i}")})
            for i, q in enumerate(quotes)
        ]
    location = getattr(item, "location", None)
    if location is not None and location.basis:
        key = f"{prefix}location.basis"
        changes["location"] = location.model_copy(update={"basis": localized_text(location.basis, found, key)})
    return item.model_copy(update=changes) if changes else item


def note_stale(model, note: Callable[[Any, str], None]) -> str:
    """Tell `note` (Digests.note) of every model in `model` that shows a stale translation, directly or through
    its parts, what its JSON cannot say (the English is the same as before: only the state changed). Returns the
    marks of `model`."""
    marks: list[str] = []
    for name, value in model:
        values = value if isinstance(value, (list, tuple)) else (value,)
        for i, one in enumerate(values):
            if isinstance(one, Localized) and one.state == "stale":
                marks.append(f"{name}.{i}:{one.zh}")
            elif isinstance(one, BaseModel):
                inner = note_stale(one, note)
                if inner:
                    marks.append(f"{name}.{i}[{inner}]")
    joined = "|".join(marks)
    if joined:
        note(model, joined)
    return joined


def stale_marks(profile: District | City) -> tuple[tuple[str, str], ...]:
    """(key, current Chinese) of each stale text of a localized profile, in page order."""
    return tuple(
        (key, text.zh or "") for key, text in texts(profile) if isinstance(text, Localized) and text.state == "stale"
    )


def localize(dataset, keep: Callable[..., Any] | None = None, note: Callable[[Any, str], None] | None = None):
    """The English edition of `dataset` (profiles.model.dataset.Dataset): same files, same digests, English texts;
    `lang` says which edition it is, and `stale` (owner -> marks) what the English pages must flag.

    `keep` (a resident build's `Cache.keep`) keeps each localized profile while its profile and translations stay
    the same, so a rebuild hands the outputs the very objects the last one did (their digests are remembered by
    identity) instead of fresh copies of every district. `note` (the build's Digests.note) is told which models show
    a stale translation, so the views holding them change when only a translation's state did."""
    found = dataset.translations

    def make(owner: str, profile):
        made = localize_profile(profile, found.get(owner))
        if note is not None:
            note_stale(made, note)
        return made

    def one(owner: str, profile):
        if keep is None:
            return make(owner, profile)
        return keep(f"localized:{owner}", lambda: make(owner, profile), profile, found.get(owner))

    districts = {slug: one(slug, d) for slug, d in dataset.districts.items()}
    city = one("city", dataset.city) if dataset.city is not None else None
    stale = {slug: marks for slug, d in districts.items() if (marks := stale_marks(d))}
    if city is not None and (marks := stale_marks(city)):
        stale["city"] = marks
    return dataclasses.replace(dataset, districts=districts, city=city, lang=EDITION, stale=stale)
