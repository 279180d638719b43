"""Load the whole data folder: every file read and validated, every problem collected, then cross-checked."""

from __future__ import annotations

import dataclasses
import hashlib
import os
from pathlib import Path

from pydantic import ValidationError

from ..base.cache import Cache
from ..base.problems import Problem, Report
from ..model import City, District, Entry, Registry, Source, Sources
from ..model.dataset import Dataset
from . import checks, i18n, policy, quotes
from .i18n.model import Glossary, Translations
from .messages import validate
from .yamlload import Document, LazyDocument, load

TRANSLATED = (Translations, Glossary)  # data/en/: read like the profiles, kept in the cache when clean


def display_path(path: Path, base: Path) -> str:
    """How a file is named in messages: relative to the project when inside it."""
    try:
        return path.resolve().relative_to(base.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def _raw_sources(doc: Document | None) -> list:
    """The `sources:` list as written, whatever its validity."""
    raw = doc.data.get("sources") if doc is not None and isinstance(doc.data, dict) else None
    return raw if isinstance(raw, list) else []


def _valid_sources(doc: Document) -> dict[str, Source]:
    out: dict[str, Source] = {}
    for item in _raw_sources(doc):
        try:
            source = Source.model_validate(item)
        except ValidationError:
            continue  # already reported by the whole-file validation
        out.setdefault(source.id, source)
    return out


def _declared_ids(doc: Document | None) -> set[str]:
    """Ids written in sources.yaml, valid or not: citing an invalid source is not also "unknown"."""
    return {i["id"] for i in _raw_sources(doc) if isinstance(i, dict) and isinstance(i.get("id"), str)}


class _Reader:
    """Reads the files of one data folder: names each as messages show it, validates it against its model,
    keeps clean files in the cache, records each file's digest and collects every problem in `report`."""

    def __init__(self, data_dir: Path, base: Path, cache: Cache, boundaries_digest: str | None):
        self.data_dir, self.cache, self.report = data_dir, cache, Report()
        self.digests: dict[str, str] = {":boundaries": boundaries_digest} if boundaries_digest else {}
        self._folder = display_path(data_dir, base)
        self._prefix = str(data_dir) + os.sep

    def shown(self, path: Path) -> str:
        # Every file is under data_dir: resolve the folder once, not each of a thousand files.
        text = str(path)  # string slicing: Path.relative_to for each of a thousand files cost ~30 ms
        rel = (
            text[len(self._prefix) :].replace(os.sep, "/")
            if text.startswith(self._prefix)
            else path.relative_to(self.data_dir).as_posix()
        )
        return rel if self._folder == "." else f"{self._folder}/{rel}"

    def read(self, path: Path, model):
        """The file validated as `model` (None when it has problems) and its positions."""
        display = self.shown(path)
        try:
            raw = path.read_bytes()
        except OSError:
            raw = None  # load() reports it
        else:
            name = path.stem if model is District else ":" + (f"en/{path.stem}" if model in TRANSLATED else path.stem)
            self.digests[name] = hashlib.sha256(raw).hexdigest()
        key = None if raw is None else display.encode() + b"\0" + model.__name__.encode() + b"\0" + raw
        # sources.yaml is read whole for its checks; the others are cached when clean
        cacheable = key is not None and model in (District, City, Registry, *TRANSLATED)
        hit = self.cache.get("load", key) if cacheable else None
        if hit is not None:  # only clean files are cached: nothing to report, positions parsed if ever needed
            return hit, LazyDocument(path, display)
        doc, problems = load(path, display, raw)
        self.report.extend(problems)
        if doc is None:
            return None, None
        obj, more = validate(model, doc)
        self.report.extend(more)
        if cacheable and obj is not None and not problems and not more:
            self.cache.put("load", key, obj)
        return obj, doc

    def missing(self, path: Path, zh: str, hint: str, **kw) -> None:
        self.report.add(Problem(self.shown(path), 1, 1, "", zh, hint, **kw))


def _read_sources(reader: _Reader) -> tuple[dict[str, Source], Document | None]:
    path = reader.data_dir / "sources.yaml"
    if not path.exists():
        reader.missing(path, "缺少来源文件 sources.yaml", "请创建它：每个来源写一次")
        return {}, None
    parsed, doc = reader.read(path, Sources)
    if parsed is not None:
        return {s.id: s for s in parsed.sources}, doc
    # one bad entry must not make every citation "unknown"
    return (_valid_sources(doc) if doc is not None else {}), doc


def _read_city(reader: _Reader) -> tuple[City | None, Document | None]:
    path = reader.data_dir / "city.yaml"
    if not path.exists():
        reader.missing(path, "缺少全市文件 city.yaml", "请创建它", severity="warning")
        return None, None
    return reader.read(path, City)


def _read_registry(reader: _Reader) -> dict[str, Entry] | None:
    path = reader.data_dir / "registry.yaml"
    if not path.exists():
        reader.missing(path, "缺少登记表 registry.yaml", "请创建它，列出本站覆盖的各区（slug、zh、en、code）")
        return None
    parsed, doc = reader.read(path, Registry)
    if parsed is None:
        return None
    entries = parsed.entries()
    if len(entries) != len(parsed.districts):
        reader.report.add(Problem(doc.path, 1, 1, "districts", "登记表里有重复的 slug", "每个区只登记一次"))
    return entries


def _read_districts(
    reader: _Reader, registry: dict[str, Entry] | None
) -> tuple[dict[str, District], dict[str, Document]]:
    """districts/*.yaml, in the registry's order (then any unregistered slug's): each district and its positions."""
    report, folder = reader.report, reader.data_dir / "districts"
    listing = sorted(p for p in folder.iterdir() if not p.name.startswith(".")) if folder.is_dir() else []
    for other in listing:
        if other.suffix in (".yml", ".json", ".YAML") and other.is_file():
            report.add(Problem(reader.shown(other), 1, 1, "", "文件扩展名不对", f"请改名为 {other.stem}.yaml"))
    districts: dict[str, District] = {}
    docs: dict[str, Document] = {}
    for path in (p for p in listing if p.suffix == ".yaml"):
        slug = path.stem
        if registry is not None and slug not in registry:
            report.add(
                Problem(
                    reader.shown(path),
                    1,
                    1,
                    "",
                    f"“{slug}”不在 registry.yaml 登记的区里",
                    f"文件名用区的拼音（例如 {next(iter(registry), 'haizhu')}）；新增的区先在 data/registry.yaml 登记",
                )
            )
            continue
        district, doc = reader.read(path, District)
        if district is not None and doc is not None:
            districts[slug] = district
            docs[slug] = doc
    for entry in (registry or {}).values():
        if not (folder / f"{entry.slug}.yaml").exists():
            reader.missing(
                folder / f"{entry.slug}.yaml",
                f"{entry.zh}的资料还没有写",
                f"请新建 {entry.slug}.yaml",
                severity="warning",
            )
    order = list(registry or {}) + sorted(s for s in districts if s not in (registry or {}))
    return {slug: districts[slug] for slug in order if slug in districts}, docs


def load_dataset(
    data_dir: Path,
    *,
    base: Path | None = None,
    boundaries: dict | None = None,
    cache: Cache | None = None,
    boundaries_digest: str | None = None,
    archive_dir: Path | None = None,
) -> tuple[Dataset, Report]:
    """Read `data_dir` (sources.yaml, city.yaml, districts/*.yaml). Never raises for bad data.

    `base` is the folder paths are shown relative to (the project root, so messages read
    `data/districts/haizhu.yaml:12:5`). `boundaries` (slug -> GeoJSON geometry), when given,
    lets the checks verify that each point lies in its own district; with `boundaries_digest` (a hash
    of the file they came from) each district's checks are cached too. `archive_dir`, when given, is the
    folder of the sources' archived text: each quote is then looked up in it (profiles/ingest/quotes.py).
    """
    base = base or data_dir.parent
    reader = _Reader(data_dir, base, cache or Cache(None), boundaries_digest)
    report = reader.report
    sources, sources_doc = _read_sources(reader)
    city, city_doc = _read_city(reader)
    registry = _read_registry(reader)
    districts, docs = _read_districts(reader, registry)
    dataset = Dataset(
        root=data_dir, sources=sources, city=city, districts=districts, registry=registry or {}, digests=reader.digests
    )

    def checked(slug: str, extra: str, compute):
        if boundaries and not boundaries_digest:
            return compute()  # boundaries of unknown origin: nothing to key them by
        return reader.cache.memo(
            "checks",
            compute,
            reader.shown(data_dir / "districts" / f"{slug}.yaml"),
            reader.digests[slug],
            boundaries_digest,
            extra,
        )

    declared = set(sources) | _declared_ids(sources_doc)
    report.extend(
        checks.run(
            dataset, docs, city_doc, sources_doc, boundaries, complete=report.ok, declared=declared, memo=checked
        )
    )
    translations, glossary = i18n.read(dataset, data_dir, reader.read, report)
    if translations or glossary is not None:
        dataset = dataclasses.replace(dataset, translations=translations, glossary=glossary)
    report.extend(policy.run(dataset, docs, city_doc, sources_doc))
    report.notes += policy.not_archived(dataset)
    archives = quotes.read_archives(sources, archive_dir, base)
    sources_shown = reader.shown(data_dir / "sources.yaml")
    report.extend(quotes.run(dataset, docs, city_doc, sources_doc, sources_shown, archives, memo=checked))
    return dataset, report
