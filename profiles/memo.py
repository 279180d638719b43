"""Per-district results cached by what they depend on, so that editing one district recomputes only
that district's results and the aggregates that show what changed.

A district's page, map page, images and downloads depend on its file, sources.yaml, the registry
(neighbours' names on its image), the boundaries, the settings and its last-changed date, never on
another district's file. Aggregates (the home page, the city map, /compare/) read every district but
not every field: they are keyed by a digest of each district's `facet` — its model minus the prose
they never print — so a reworded summary leaves them cached. Datasets built in code (tests) carry
no file digests and are never cached.
"""

from __future__ import annotations

import hashlib
import os
from typing import Callable, TypeVar

from .cache import Cache
from .config import Config
from .dataset import Dataset

T = TypeVar("T")

# Fields only a district's own page, the district index and the downloads print.
PROSE = frozenset({"summary", "summary_sources", "gaps"})


def _file_digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else "-"


class Memo:
    ENV = ("PROFILES_EDIT_BASE", "PROFILES_SITE_URL", "PROFILES_BASEMAP", "TIANDITU_KEY")

    def __init__(self, cache: Cache, dataset: Dataset, config: Config, last: dict[str, str]):
        self.cache = cache
        self.dataset = dataset
        shared = hashlib.sha256()
        for name in (":sources", ":registry", ":city"):
            shared.update(dataset.digests.get(name, "-").encode())
        # The boundaries as validation hashed them (read here only for a dataset loaded without);
        # mkdocs.yml for the site_url in embed codes.
        shared.update((dataset.digests.get(":boundaries") or _file_digest(config.boundaries_file)).encode())
        shared.update(_file_digest(config.mkdocs_file).encode())
        shared.update(
            repr((config.edit_base, sorted(config.maps.items()), [os.environ.get(e) for e in self.ENV])).encode()
        )
        self.base = base = shared.digest()
        self.keys = {
            slug: base + dataset.digests[slug].encode() + last.get(slug, "").encode()
            for slug in dataset.districts
            if slug in dataset.digests
        }
        self.complete = len(self.keys) == len(dataset.districts)

    def __call__(self, kind: str, slug: str, compute: Callable[[], T]) -> T:
        """One district's result: recomputed only when its file (or a shared input) changed."""
        key = self.keys.get(slug)
        return compute() if key is None else self.cache.memo(kind, key, compute)

    def facet(self, slug: str, ignore: frozenset[str]) -> bytes:
        """A digest of what an aggregate shows of one district: its model without `ignore`."""
        district = self.dataset.districts[slug]
        name = "facet-" + ",".join(sorted(ignore))
        return self(name, slug, lambda: hashlib.sha256(district.model_dump_json(exclude=set(ignore)).encode()).digest())

    def whole_key(self, kind: str, ignore: frozenset[str] = frozenset()) -> bytes | None:
        """The key of a result that reads every district (and city.yaml) but none of the fields in
        `ignore`; None when some district has no file digest (nothing is cached then)."""
        if not self.complete:
            return None
        key = hashlib.sha256(self.base + kind.encode())
        for slug in self.dataset.districts:
            key.update(slug.encode() + b"\0" + self.facet(slug, ignore))
        return key.digest()

    def whole(self, kind: str, compute: Callable[[], T], ignore: frozenset[str] = frozenset()) -> T:
        key = self.whole_key(kind, ignore)
        return compute() if key is None else self.cache.memo(kind, key, compute)


class NoMemo:
    """Computes everything: what a stage uses when called on its own (tests, one-off scripts)."""

    cache = None

    def __call__(self, kind: str, slug: str, compute: Callable[[], T]) -> T:
        return compute()

    def whole(self, kind: str, compute: Callable[[], T], ignore: frozenset[str] = frozenset()) -> T:
        return compute()


NO_MEMO = NoMemo()
