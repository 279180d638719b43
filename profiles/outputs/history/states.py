"""Stage 1 — the data of one commit as a side of `profiles diff`: its files read from git by blob (no checkout, no
`git archive`), each parsed and validated with today's models, so every step means what a build would make of it.

A file is parsed once per blob, ever: by its blob id in this build, and in the build cache across builds (a commit
changes one or two files; the rest are the same blobs as its parent's). A file today's models cannot read (an
editor's broken intermediate commit, or data older than a model change) stands in as its last readable version on
the commit's first-parent line, so its changes are told once it reads again, never as everything removed and
added. The files read: registry.yaml, sources.yaml, city.yaml, districts/*.yaml and the boundaries (for the flags
that ask whether a point lies in its district).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from ...base import vcs
from ...base.cache import Cache
from ...base.problems import Report
from ...facts import geo
from ...ingest.messages import validate
from ...ingest.yamlload import load
from ...model import City, District, Registry, Sources
from ...model.dataset import Dataset
from ..diff.sides import Side

BOUNDARIES = "boundaries/guangzhou.geojson"
ANCESTORS = 50  # how far up a first-parent line an unreadable file looks for its last readable version


def model_of(rel: str) -> type[BaseModel] | None:
    """The model a file of the data folder holds (`rel` relative to it), or None: not data."""
    if rel in ("registry.yaml", "sources.yaml", "city.yaml"):
        return {"registry.yaml": Registry, "sources.yaml": Sources, "city.yaml": City}[rel]
    if rel.startswith("districts/") and rel.endswith(".yaml") and rel.count("/") == 1:
        return District
    return None


@dataclass(frozen=True)
class Parsed:
    value: Any  # the model (boundaries: slug -> geometry), or None: unreadable


@dataclass(frozen=True)
class State:
    """What one commit holds, file by file (relative to the data folder): the blob each was read from and its
    value. Unreadable files are already replaced by their last readable version, or left out."""

    files: dict[str, tuple[str, Any]]

    def side(self, label: str, data_dir: Path) -> Side:
        districts = {rel[len("districts/") : -len(".yaml")]: v for rel, (_, v) in self.files.items() if rel[:10] == "districts/" and isinstance(v, District)}  # fmt: skip
        registry = self.files.get("registry.yaml", (None, None))[1]
        sources = self.files.get("sources.yaml", (None, None))[1]
        dataset = Dataset(
            root=data_dir,
            sources={s.id: s for s in sources.sources} if sources is not None else {},
            city=self.files.get("city.yaml", (None, None))[1],
            districts={slug: districts[slug] for slug in sorted(districts)},
            registry=registry.entries() if registry is not None else {},
        )
        return Side(label, dataset, Report(), self.files.get(BOUNDARIES, (None, {}))[1])


EMPTY = State({})


class Reader:
    """The states of a repository's commits, for one build: parsed files by blob, states by commit."""

    def __init__(self, root: Path, data: str, cache: Cache):
        self.root = root
        self.data = data.rstrip("/")  # the data folder relative to root, as git names it: "data"
        self.cache = cache
        self._parsed: dict[tuple[str, str], Parsed] = {}
        self._states: dict[str, State] = {}

    def state(self, commit: str | None, parent: str | None = None, depth: int = 0) -> State:
        """The state of `commit` (None: before the first commit). `parent`: its first parent, when known."""
        if commit is None:
            return EMPTY
        if commit not in self._states:
            self._states[commit] = self._read(commit, parent, depth)
        return self._states[commit]

    def _read(self, commit: str, parent: str | None, depth: int) -> State:
        prefix = self.data + "/"
        tree = {path[len(prefix) :]: blob for path, blob in vcs.tree(self.root, commit, self.data).items()}
        wanted = {rel: blob for rel, blob in tree.items() if rel == BOUNDARIES or model_of(rel) is not None}
        self._parse(wanted)
        files: dict[str, tuple[str, Any]] = {}
        before: State | None = None
        for rel, blob in sorted(wanted.items()):
            value = self._parsed[(rel, blob)].value
            if value is None:  # unreadable today: its last readable version up the first-parent line, if any
                if before is None:
                    above = parent if parent is not None else vcs.first_parent(self.root, commit)
                    before = self.state(above, None, depth + 1) if above and depth < ANCESTORS else EMPTY
                if rel in before.files:
                    files[rel] = before.files[rel]
                continue
            files[rel] = (blob, value)
        return State(files)

    def _parse(self, wanted: dict[str, str]) -> None:
        missing = {(rel, blob) for rel, blob in wanted.items() if (rel, blob) not in self._parsed}
        cached = {key: self.cache.get("history-file", _key(*key)) for key in missing}
        need = sorted(key for key, hit in cached.items() if hit is None)
        raw = vcs.blobs(self.root, sorted({blob for _, blob in need}))
        for key, hit in cached.items():
            if hit is not None:
                self._parsed[key] = hit
        for rel, blob in need:
            parsed = Parsed(_value(f"{self.data}/{rel}", rel, raw.get(blob)))
            self._parsed[(rel, blob)] = parsed
            if rel != BOUNDARIES:  # shapes are big and cheap to parse: kept for this build only
                self.cache.put("history-file", _key(rel, blob), parsed)


def _key(rel: str, blob: str) -> bytes:
    return f"{rel}\0{blob}".encode()


def _value(shown: str, rel: str, raw: bytes | None) -> Any:
    """A file's bytes read as the loader reads them (positions, refusals, the model's validation); None when
    today's code cannot read them."""
    if raw is None:
        return None
    if rel == BOUNDARIES:
        try:
            return geo.load_boundaries(Path(shown), raw)
        except (ValueError, KeyError, TypeError):
            return None
    doc, problems = load(Path(shown), shown, raw)
    if doc is None or any(p.severity == "error" for p in problems):
        return None
    model, problems = validate(model_of(rel), doc)
    return model if model is not None and not problems else None
