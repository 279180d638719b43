"""The industry × district matrix: which district our sources name for which industry, and where.

Derived only from what editors wrote, never from a hand-kept mapping:
- rows are the industry names that occur in structured fields: each district's industrial-system
  parts, park and project `focus` (the evidence), plus enterprise sectors (only a vocabulary, so
  that the same words can be recognised in role statements). Goal themes are not used: "招商" or
  "城市更新" are topics, not industries;
- a cell lists the items that tie the district to the industry: a part of its industrial system,
  a park or project whose `focus` names it, or a role statement whose text contains it
  (longest word first, so "工业互联网" is not also counted as "互联网"; words inside 《》 are a
  document's title, not a claim about the district, so "《…数字经济…规划》" does not count).
Terms are compared exactly as written: "汽车" and "新能源汽车" stay two rows, because merging
them would be our claim, not the sources'.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ...model import District
from ...model.dataset import Dataset

# A part such as "生物医药与健康（战略性产业集群）": the name, then the source's own classification.
QUALIFIED = re.compile(r"^(?P<term>[^（(]+)[（(](?P<qualifier>[^）)]+)[）)]$")
# Parts such as "8个战略性产业集群" or "六大千亿级" describe the system's structure, not an industry.
COUNTED = re.compile(r"^[\dXx一二三四五六七八九十两百千]+(个|大|项)")

KINDS: dict[str, tuple[str, str]] = {  # kind -> (mark shown in the cell, what it means)
    "system": ("体", "该区产业体系的组成里列有这个产业"),
    "park": ("园", "该区有园区把它列为重点产业"),
    "project": ("项", "该区有项目涉及这个产业"),
    "role": ("定", "该区“定位与分工”的陈述里出现这个产业名称"),
}
TITLE = re.compile(r"《[^》]*》")
# A matrix stays readable up to about 20 columns; with more districts (the 1,000-district benchmark)
# it shows those with the most marks, and the downloads hold the rest.
MAX_COLUMNS = 20
MAX_ROWS = 100


@dataclass(frozen=True)
class Evidence:
    kind: str  # a key of KINDS
    label: str  # e.g. "园区：广汽智联新能源汽车产业园"
    href: str  # relative to /compare/

    @property
    def mark(self) -> str:
        return KINDS[self.kind][0]


@dataclass
class MatrixRow:
    term: str
    qualifiers: list[str] = field(default_factory=list)  # the sources' classification, e.g. 战略性产业集群
    cells: dict[str, list[Evidence]] = field(default_factory=dict)  # slug -> evidence, in page order

    @property
    def district_count(self) -> int:
        return len(self.cells)


@dataclass(frozen=True)
class Matrix:
    districts: list[tuple[str, str]]  # (slug, 中文名) in registry order: the columns
    rows: list[MatrixRow]
    omitted_districts: int = 0  # left out past MAX_COLUMNS (those with the fewest marks)
    omitted_rows: int = 0  # left out past MAX_ROWS (industries named in the fewest districts)

    def by_district(self) -> list[tuple[str, list[tuple[str, list[Evidence]]]]]:
        """The same facts read the other way: per district, its industries and evidence (text version)."""
        out = []
        for slug, name in self.districts:
            found = [(r.term, r.cells[slug]) for r in self.rows if slug in r.cells]
            if found:
                out.append((name, found))
        return out


def split_part(part: str) -> tuple[str, str] | None:
    """An industrial-system part as (industry, qualifier); None for a structural count."""
    part = part.strip()
    if COUNTED.match(part):
        return None
    m = QUALIFIED.match(part)
    return (m["term"].strip(), m["qualifier"].strip()) if m else (part, "")


def vocabulary(dataset: Dataset) -> set[str]:
    """Every industry-like term our structured fields use (at least two characters)."""
    words: set[str] = set()
    profiles = [*dataset.districts.values()] + ([dataset.city] if dataset.city else [])
    for p in profiles:
        if p.industrial_system:
            words.update(s[0] for s in map(split_part, p.industrial_system.parts) if s)
        words.update(e.sector for e in p.enterprises)
        for item in [*getattr(p, "parks", []), *getattr(p, "projects", [])]:
            words.update(item.focus)
    return {w.strip() for w in words if len(w.strip()) >= 2}


def terms_in(text: str, words: set[str]) -> list[str]:
    """Vocabulary words in text, longest match first at each position, each word once;
    document titles in 《》 are skipped."""
    text = TITLE.sub("《》", text)
    longest = max(map(len, words), default=0)
    found: list[str] = []
    i = 0
    while i < len(text):
        for size in range(min(longest, len(text) - i), 1, -1):
            if text[i : i + size] in words:
                if text[i : i + size] not in found:
                    found.append(text[i : i + size])
                i += size
                break
        else:
            i += 1
    return found


def _evidence(d: District, words: set[str]) -> list[tuple[str, str, Evidence]]:
    """(term, qualifier, evidence) for one district, in the order its profile page shows them."""
    page = f"../districts/{d.slug}/"
    out = []
    if d.industrial_system:
        label = f"产业体系：“{d.industrial_system.label}”{d.industrial_system.name}"
        for split in filter(None, map(split_part, d.industrial_system.parts)):
            out.append((split[0], split[1], Evidence("system", label, page + "#industrial-system")))
    for r in d.roles:
        for term in terms_in(r.text, words):
            out.append((term, "", Evidence("role", f"定位：{r.text}", f"{page}#role-{r.id}")))
    for p in d.parks:
        for term in dict.fromkeys(p.focus):
            out.append((term, "", Evidence("park", f"园区：{p.name}", f"{page}#park-{p.id}")))
    for p in d.projects:
        for term in dict.fromkeys(p.focus):
            out.append((term, "", Evidence("project", f"项目：{p.name}", f"{page}#project-{p.id}")))
    return out


def build_matrix(dataset: Dataset, max_columns: int = MAX_COLUMNS, max_rows: int = MAX_ROWS) -> Matrix:
    words = vocabulary(dataset)
    rows: dict[str, MatrixRow] = {}
    for slug, d in dataset.districts.items():
        for term, qualifier, ev in _evidence(d, words):
            row = rows.setdefault(term, MatrixRow(term))
            if qualifier and qualifier not in row.qualifiers:
                row.qualifiers.append(qualifier)
            if ev not in row.cells.setdefault(slug, []):
                row.cells[slug].append(ev)
    first_seen = {term: i for i, term in enumerate(rows)}
    # Industries named in more districts first; ties keep the order a reader meets them in the data.
    ordered = sorted(
        rows.values(), key=lambda r: (-r.district_count, -sum(map(len, r.cells.values())), first_seen[r.term])
    )
    columns = list(dataset.districts)
    if len(columns) > max_columns:
        marks = {slug: sum(len(r.cells.get(slug, [])) for r in ordered) for slug in columns}
        keep = set(sorted((s for s in columns if marks[s]), key=lambda s: -marks[s])[:max_columns])
        columns = [s for s in columns if s in keep]
    shown = ordered[:max_rows]
    return Matrix(
        districts=[(slug, dataset.districts[slug].name.zh) for slug in columns],
        rows=shown,
        omitted_districts=len(dataset.districts) - len(columns),
        omitted_rows=len(ordered) - len(shown),
    )
