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

The English edition draws the same matrix from the same Chinese (each Localized text's `.zh`: a translation must
not add or lose a tie) and shows each industry by its English where the translation gives one item for item (a
list's translation is one text; it is split as the Chinese list is, and used only when the items pair up);
otherwise the Chinese name stays, marked as Chinese.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ...facts.texts import phrases
from ...facts.texts.phrases import SOURCE
from ...model import District
from ...model.dataset import Dataset
from ...model.localized import Localized

phrase = phrases.of(__file__).phrase  # this stage's catalogue first (profiles/facts/texts/phrases.py)

# A part such as "生物医药与健康（战略性产业集群）": the name, then the source's own classification.
QUALIFIED = re.compile(r"^(?P<term>[^（(]+)[（(](?P<qualifier>[^）)]+)[）)]$")
# Parts such as "8个战略性产业集群" or "六大千亿级" describe the system's structure, not an industry.
COUNTED = re.compile(r"^[\dXx一二三四五六七八九十两百千]+(个|大|项)")

KINDS: dict[str, tuple[str, str]] = {  # kind -> (mark shown in the cell, what it means): phrases (views/en.po)
    "system": ("体", "该区产业体系的组成里列有这个产业"),
    "park": ("园", "该区有园区把它列为重点产业"),
    "project": ("项", "该区有项目涉及这个产业"),
    "role": ("定", "该区“定位与分工”的陈述里出现这个产业名称"),
}
# The marks as a cell shows them in English (one catalogue entry each: "体" alone would be ambiguous there).
MARKS = {"system": "体（标记）", "park": "园（标记）", "project": "项（标记）", "role": "定（标记）"}
TITLE = re.compile(r"《[^》]*》")
# A matrix stays readable up to about 20 columns; with more districts (the 1,000-district benchmark)
# it shows those with the most marks, and the downloads hold the rest.
MAX_COLUMNS = 20
MAX_ROWS = 100


def legend(lang: str = SOURCE) -> list[tuple[str, str]]:
    """(mark, meaning) of each kind of evidence, in `lang`."""
    return [(mark_of(kind, lang), phrase(meaning, lang)) for kind, (_mark, meaning) in KINDS.items()]


def mark_of(kind: str, lang: str = SOURCE) -> str:
    return KINDS[kind][0] if lang == SOURCE else phrase(MARKS[kind], lang)


@dataclass(frozen=True)
class Evidence:
    kind: str  # a key of KINDS
    label: str  # e.g. "园区：广汽智联新能源汽车产业园"
    href: str  # relative to /compare/
    lang: str = SOURCE

    @property
    def mark(self) -> str:
        return mark_of(self.kind, self.lang)


@dataclass
class MatrixRow:
    term: str  # as the sources write it (Chinese): what the matrix compares
    qualifiers: list[str] = field(default_factory=list)  # the sources' classification, e.g. 战略性产业集群
    cells: dict[str, list[Evidence]] = field(default_factory=dict)  # slug -> evidence, in page order
    english: str = ""  # the term in English, where the translation gives it item for item (English edition)
    english_qualifiers: list[str] = field(default_factory=list)  # the same for the qualifiers (when all have it)

    @property
    def district_count(self) -> int:
        return len(self.cells)


@dataclass(frozen=True)
class Matrix:
    districts: list[tuple[str, str]]  # (slug, 中文名) in registry order: the columns
    rows: list[MatrixRow]
    omitted_districts: int = 0  # left out past MAX_COLUMNS (those with the fewest marks)
    omitted_rows: int = 0  # left out past MAX_ROWS (industries named in the fewest districts)

    def by_district(self) -> list[tuple[str, list[tuple[MatrixRow, list[Evidence]]]]]:
        """The same facts read the other way: per district, its industries and evidence (text version)."""
        out = []
        for slug, name in self.districts:
            found = [(r, r.cells[slug]) for r in self.rows if slug in r.cells]
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


def chinese(text: str) -> str:
    """The Chinese a text of either edition stands for (a Localized text's `.zh`; a Chinese text itself)."""
    return (text.zh or str(text)) if isinstance(text, Localized) else text


BRACKETS = {"（": "）", "(": ")", "《": "》", "“": "”"}


def split_top(text: str, sep: str) -> list[str]:
    """`text` split at each `sep` outside brackets and quotes ("A、B（C、D）" -> ["A", "B（C、D）"])."""
    out, depth, start, i = [], [], 0, 0
    while i < len(text):
        ch = text[i]
        if depth and ch == depth[-1]:
            depth.pop()
        elif ch in BRACKETS:
            depth.append(BRACKETS[ch])
        elif not depth and text.startswith(sep, i):
            out.append(text[start:i])
            start = i + len(sep)
            i = start
            continue
        i += 1
    return [*out, text[start:]]


def items(values) -> list[tuple[str, str]]:
    """(Chinese, English or "") of each item of a list field. The English edition holds a list as one translated
    text (profiles.ingest.i18n.localize): its Chinese is split at 、 and its English at ", " (outside brackets),
    and the English is paired with the Chinese item for item only when both give as many items."""
    values = list(values or [])
    if len(values) != 1 or not isinstance(values[0], Localized):
        return [(chinese(v), "") for v in values]
    text = values[0]
    zh = split_top(chinese(text), "、")
    en = split_top(str(text), ", ") if text.lang == "en" else []
    return list(zip(zh, en)) if len(en) == len(zh) else [(z, "") for z in zh]


def _english_part(zh: str, en: str) -> tuple[str, str] | None:
    """An industrial-system part's (industry, qualifier) in English, split as the Chinese part is."""
    found = split_part(zh)
    if not en or found is None:
        return None
    if not found[1]:
        return (en.strip(), "")
    m = QUALIFIED.match(en.strip())
    return (m["term"].strip(), m["qualifier"].strip()) if m else None


def terms(dataset: Dataset) -> dict[str, str]:
    """Every industry-like term our structured fields use (at least two characters, in Chinese) -> its English
    ("" in the Chinese edition, or where the translation does not give it item for item)."""
    found: dict[str, str] = {}

    def add(zh: str, en: str) -> None:
        zh = zh.strip()
        if len(zh) >= 2 and not found.get(zh):
            found[zh] = en.strip()

    profiles = [*dataset.districts.values()] + ([dataset.city] if dataset.city else [])
    for p in profiles:
        if p.industrial_system:
            for zh, en in items(p.industrial_system.parts):
                split, english = split_part(zh), _english_part(zh, en)
                if split:
                    add(split[0], english[0] if english else "")
        for e in p.enterprises:
            add(chinese(e.sector), str(e.sector) if getattr(e.sector, "lang", "") == "en" else "")
        for item in [*getattr(p, "parks", []), *getattr(p, "projects", [])]:
            for zh, en in items(item.focus):
                add(zh, en)
    return found


def vocabulary(dataset: Dataset) -> set[str]:
    """Every industry-like term our structured fields use (at least two characters)."""
    return set(terms(dataset))


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


def _evidence(d: District, words: set[str], lang: str = SOURCE) -> list[tuple[str, str, str, Evidence]]:
    """(term, qualifier, English qualifier, evidence) for one district, in the order its profile page shows them;
    the terms and qualifiers in Chinese, the evidence's label in `lang`."""
    page = f"../districts/{d.slug}/"
    out = []
    if d.industrial_system:
        system = d.industrial_system
        label = phrase("产业体系：“{label}”{name}", lang, label=system.label, name=system.name)
        for zh, en in items(system.parts):
            split, english = split_part(zh), _english_part(zh, en)
            if split:
                ev = Evidence("system", label, page + "#industrial-system", lang)
                out.append((split[0], split[1], english[1] if english else "", ev))
    for r in d.roles:
        for term in terms_in(chinese(r.text), words):
            label = phrase("定位：{text}", lang, text=r.text)
            out.append((term, "", "", Evidence("role", label, f"{page}#role-{r.id}", lang)))
    for p in d.parks:
        for term in dict.fromkeys(zh for zh, _en in items(p.focus)):
            label = phrase("园区：{name}", lang, name=p.name)
            out.append((term, "", "", Evidence("park", label, f"{page}#park-{p.id}", lang)))
    for p in d.projects:
        for term in dict.fromkeys(zh for zh, _en in items(p.focus)):
            label = phrase("项目：{name}", lang, name=p.name)
            out.append((term, "", "", Evidence("project", label, f"{page}#project-{p.id}", lang)))
    return out


def _heading(text: str) -> str:
    """An English industry name as a row's heading: its first letter capital ("computing power" -> "Computing
    power"); the rest as the translation writes it."""
    return text[:1].upper() + text[1:]


def build_matrix(dataset: Dataset, max_columns: int = MAX_COLUMNS, max_rows: int = MAX_ROWS) -> Matrix:
    english = terms(dataset)
    words = set(english)
    lang = dataset.lang
    rows: dict[str, MatrixRow] = {}
    for slug, d in dataset.districts.items():
        for term, qualifier, qualifier_en, ev in _evidence(d, words, lang):
            row = rows.setdefault(term, MatrixRow(term, english=_heading(english.get(term, ""))))
            if qualifier and qualifier not in row.qualifiers:
                row.qualifiers.append(qualifier)
                row.english_qualifiers.append(qualifier_en)
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
        districts=[(slug, dataset.name_of(slug)) for slug in columns],
        rows=shown,
        omitted_districts=len(dataset.districts) - len(columns),
        omitted_rows=len(ordered) - len(shown),
    )
