"""The English edition's data: translations kept beside what they translate (`data/en/<slug>.yaml`, `city.yaml`),
keyed by the text they translate (`goals.<id>.statement`), each recording the Chinese it was made from, so a
changed Chinese text leaves its translation visibly stale; a glossary that fixes the recurring terms.

Nothing here is required: a missing translation never breaks a build (the English page shows the Chinese,
marked), `validate` reports coverage per file and warns about stale or unknown keys."""

from __future__ import annotations

from pathlib import Path

from ...base.problems import Report
from ...model import City, District
from .check import Coverage, check
from .model import Glossary, Translations

FOLDER = "en"  # data/en/


def owners(dataset) -> list[tuple[str, District | City]]:
    """Each translated profile with the name of its file in data/en/: "city" first, then the districts' slugs."""
    found: list[tuple[str, District | City]] = [("city", dataset.city)] if dataset.city is not None else []
    return found + list(dataset.districts.items())


def read(dataset, data_dir: Path, read_file, report: Report) -> tuple[dict[str, Translations], Glossary | None]:
    """Read data/en/ (if there is one): each profile's translations and the glossary; report unknown keys, stale
    translations and the coverage. Never an error: a missing translation shows the Chinese, marked.
    `read_file(path, model)`: the loader's (profiles/ingest/load.py), which reports a file's problems and keeps
    a clean file's model in the cache."""
    folder = data_dir / FOLDER
    if not folder.is_dir():
        return {}, None
    found: dict[str, Translations] = {}
    coverage: list[Coverage] = []
    for owner, profile in owners(dataset):
        path = folder / f"{owner}.yaml"
        doc = None
        if path.is_file():
            t, doc = read_file(path, Translations)
            if t is not None:
                found[owner] = t
        problems, cov = check(profile, owner, found.get(owner), doc)
        report.extend(problems)
        coverage.append(cov)
    gpath = folder / "glossary.yaml"
    glossary = read_file(gpath, Glossary)[0] if gpath.is_file() else None
    done = sum(c.translated for c in coverage)
    total = sum(c.total for c in coverage)
    report.notes.append(
        f"英文版译文：{done}/{total} 条（"
        + "；".join(c.text for c in coverage)
        + f"） / English: {done} of {total} texts"
    )
    return found, glossary
