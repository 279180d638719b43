"""Every translatable text of a profile, by key: what an English page shows in place of the Chinese. One table
(FIELDS) says which fields of which lists are text; a key is `<list>.<id>.<field>` (`summary`, `gaps.<n>` and
the industrial system's fields for a profile's own texts; the city's layout (五区三都三城): `layout.label`,
`layout.groups.<n>.label`, `layout.groups.<n>.items.<m>` — each part its own text —, `layout.note`, `layout.quote` …)."""

from __future__ import annotations

from collections.abc import Iterator

from ...model import City, CityLayout, District

# list -> the text fields of its items (lists of strings are joined with "、" into one text)
FIELDS: dict[str, tuple[str, ...]] = {
    "roles": ("text", "note", "editorial", "caution", "quote"),
    "goals": ("theme", "statement", "metric", "note", "editorial", "caution", "quote"),
    "indicators": ("theme", "statement", "metric", "note", "editorial", "caution", "quote"),
    "figures": ("note", "editorial", "caution", "quote"),
    "enterprises": ("name", "sector", "role", "note", "editorial", "caution", "quote"),
    "parks": ("name", "focus", "description", "note", "editorial", "caution", "quote"),
    "projects": ("name", "focus", "description", "note", "editorial", "caution", "quote"),
}
OWN = ("summary",)
SYSTEM = ("label", "name", "parts", "explanation", "note", "editorial", "quote")
LAYOUT = ("note", "editorial", "caution", "quote")  # the layout's texts after its label and groups


def _text(value) -> str | None:
    if isinstance(value, (list, tuple)):
        value = "、".join(str(v) for v in value)
    return value if isinstance(value, str) and value.strip() else None


def texts(profile: District | City) -> Iterator[tuple[str, str]]:
    """(key, Chinese text) of everything a page shows in words, in page order."""
    for name in OWN:
        text = _text(getattr(profile, name, None))
        if text:
            yield name, text
    system = profile.industrial_system
    if system is not None:
        for name in SYSTEM:
            text = _text(getattr(system, name, None))
            if text:
                yield f"industrial_system.{name}", text
    layout = getattr(profile, "layout", None)
    if layout is not None:
        yield from layout_texts(layout)
    for list_name, fields in FIELDS.items():
        for item in getattr(profile, list_name, None) or []:
            for name in fields:
                text = _text(getattr(item, name, None))
                if text:
                    yield f"{list_name}.{item.id}.{name}", text
            for i, q in enumerate(getattr(item, "quotes", None) or []):
                yield f"{list_name}.{item.id}.quotes.{i}", q.text
            location = getattr(item, "location", None)
            if location is not None and location.basis:
                yield f"{list_name}.{item.id}.location.basis", location.basis
    for i, gap in enumerate(getattr(profile, "gaps", None) or []):
        yield f"gaps.{i}", gap


def layout_texts(layout: CityLayout) -> Iterator[tuple[str, str]]:
    """(key, Chinese text) of the city's layout (profiles.model.city.CityLayout): its label, each group's label and
    parts (one text each: the page lists them one by one), its note … and quotes."""
    yield "layout.label", layout.label
    for n, group in enumerate(layout.groups):
        yield f"layout.groups.{n}.label", group.label
        for m, item in enumerate(group.items):
            yield f"layout.groups.{n}.items.{m}", item
    for name in LAYOUT:
        text = _text(getattr(layout, name, None))
        if text:
            yield f"layout.{name}", text
    for i, q in enumerate(layout.quotes):
        yield f"layout.quotes.{i}", q.text
