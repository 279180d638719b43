"""Load the whole data folder: every file read and validated, every problem collected, then cross-checked."""

from __future__ import annotations

import dataclasses
import hashlib
import os
from pathlib import Path

from pydantic import ValidationError

from . import checks, i18n, quotes
from .cache import Cache
from .dataset import Dataset
from .messages import validate
from .models import City, District, Source, Sources
from .numbers import policy
from .problems import Problem, Report
from .registry import Entry, Registry
from .yamlload import Document, LazyDocument, load


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


def _read_registry(data_dir: Path, shown, report: Report, read) -> dict[str, Entry] | None:
    path = data_dir / "registry.yaml"
    if not path.exists():
        report.add(
            Problem(
                shown(path), 1, 1, "", "缺少登记表 registry.yaml", "请创建它，列出本站覆盖的各区（slug、zh、en、code）"
            )
        )
        return None
    parsed, doc = read(path, Registry)
    if parsed is None:
        return None
    entries = parsed.entries()
    if len(entries) != len(parsed.districts):
        report.add(Problem(doc.path, 1, 1, "districts", "登记表里有重复的 slug", "每个区只登记一次"))
    return entries


def _declared_ids(doc: Document | None) -> set[str]:
    """Ids written in sources.yaml, valid or not: citing an invalid source is not also "unknown"."""
    return {i["id"] for i in _raw_sources(doc) if isinstance(i, dict) and isinstance(i.get("id"), str)}


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
    folder of the sources' archived text: each quote is then looked up in it (profiles/quotes.py).
    """
    base = base or data_dir.parent
    report = Report()
    docs: dict[str, Document] = {}

    cache = cache or Cache(None)
    folder = display_path(data_dir, base)
    prefix = str(data_dir) + os.sep

    def shown(path: Path) -> str:
        # Every file is under data_dir: resolve the folder once, not each of a thousand files.
        text = str(path)  # string slicing: Path.relative_to for each of a thousand files cost ~30 ms
        rel = (
            text[len(prefix) :].replace(os.sep, "/")
            if text.startswith(prefix)
            else path.relative_to(data_dir).as_posix()
        )
        return rel if folder == "." else f"{folder}/{rel}"

    digests: dict[str, str] = {":boundaries": boundaries_digest} if boundaries_digest else {}

    def read(path: Path, model):
        display = shown(path)
        try:
            raw = path.read_bytes()
        except OSError:
            raw = None  # load() reports it
        else:
            digests[path.stem if model is District else ":" + path.stem] = hashlib.sha256(raw).hexdigest()
        key = None if raw is None else display.encode() + b"\0" + model.__name__.encode() + b"\0" + raw
        cacheable = key is not None and model in (District, City, Registry)  # sources.yaml is read whole for its checks
        hit = cache.get("load", key) if cacheable else None
        if hit is not None:  # only clean files are cached: nothing to report, positions parsed if ever needed
            return hit, LazyDocument(path, display)
        doc, problems = load(path, display, raw)
        report.extend(problems)
        if doc is None:
            return None, None
        obj, more = validate(model, doc)
        report.extend(more)
        if cacheable and obj is not None and not problems and not more:
            cache.put("load", key, obj)
        return obj, doc

    sources_path = data_dir / "sources.yaml"
    sources: dict = {}
    sources_doc = None
    if sources_path.exists():
        parsed, sources_doc = read(sources_path, Sources)
        if parsed is not None:
            sources = {s.id: s for s in parsed.sources}
        elif sources_doc is not None:
            sources = _valid_sources(sources_doc)  # one bad entry must not make every citation "unknown"
    else:
        report.add(Problem(shown(sources_path), 1, 1, "", "缺少来源文件 sources.yaml", "请创建它：每个来源写一次"))

    city = None
    city_path = data_dir / "city.yaml"
    city_doc = None
    if city_path.exists():
        city, city_doc = read(city_path, City)
    else:
        report.add(Problem(shown(city_path), 1, 1, "", "缺少全市文件 city.yaml", "请创建它", severity="warning"))

    registry = _read_registry(data_dir, shown, report, read)
    districts: dict[str, District] = {}
    district_dir = data_dir / "districts"
    listing = sorted(p for p in district_dir.iterdir() if not p.name.startswith(".")) if district_dir.is_dir() else []
    files = [p for p in listing if p.suffix == ".yaml"]
    for other in listing:
        if other.suffix in (".yml", ".json", ".YAML") and other.is_file():
            report.add(Problem(shown(other), 1, 1, "", "文件扩展名不对", f"请改名为 {other.stem}.yaml"))
    for path in files:
        slug = path.stem
        display = shown(path)
        if registry is not None and slug not in registry:
            report.add(
                Problem(
                    display,
                    1,
                    1,
                    "",
                    f"“{slug}”不在 registry.yaml 登记的区里",
                    f"文件名用区的拼音（例如 {next(iter(registry), 'haizhu')}）；新增的区先在 data/registry.yaml 登记",
                )
            )
            continue
        district, doc = read(path, District)
        if district is not None and doc is not None:
            districts[slug] = district
            docs[slug] = doc
    for entry in (registry or {}).values():
        if not (district_dir / f"{entry.slug}.yaml").exists():
            report.add(
                Problem(
                    shown(district_dir / f"{entry.slug}.yaml"),
                    1,
                    1,
                    "",
                    f"{entry.zh}的资料还没有写",
                    f"请新建 {entry.slug}.yaml",
                    severity="warning",
                )
            )
    order = list(registry or {}) + sorted(s for s in districts if s not in (registry or {}))
    ordered = {slug: districts[slug] for slug in order if slug in districts}
    dataset = Dataset(
        root=data_dir, sources=sources, city=city, districts=ordered, registry=registry or {}, digests=digests
    )
    declared = set(sources) | _declared_ids(sources_doc)

    def checked(slug: str, extra: str, compute):
        if boundaries and not boundaries_digest:
            return compute()  # boundaries of unknown origin: nothing to key them by
        return cache.memo(
            "checks", compute, shown(district_dir / f"{slug}.yaml"), digests[slug], boundaries_digest, extra
        )

    report.extend(
        checks.run(
            dataset, docs, city_doc, sources_doc, boundaries, complete=report.ok, declared=declared, memo=checked
        )
    )
    translations, glossary = i18n.read(dataset, data_dir, shown, report)
    if translations or glossary is not None:
        dataset = dataclasses.replace(dataset, translations=translations, glossary=glossary)
    report.extend(policy.run(dataset, docs, city_doc, sources_doc))
    report.notes += policy.not_archived(dataset)
    archives = quotes.read_archives(sources, archive_dir, base)
    report.extend(quotes.run(dataset, docs, city_doc, sources_doc, shown(sources_path), archives, memo=checked))
    return dataset, report
