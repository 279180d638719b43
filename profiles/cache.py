"""A content-addressed cache for the expensive per-file work (parsing + validating YAML, drawing map
images), so that editing one district re-does only that district.

Keys are hashes of the inputs plus a salt made from the package's own source, so a code change
invalidates everything: a cached result is always what a fresh run would produce.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from collections import OrderedDict
from concurrent.futures import Future, ThreadPoolExecutor
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable

PACKAGE = Path(__file__).parent


@lru_cache(maxsize=1)
def code_salt() -> str:
    digest = hashlib.sha256()
    for path in sorted(PACKAGE.rglob("*")):
        if path.is_file() and path.suffix in (".py", ".j2", ".html", ".js", ".css"):
            digest.update(path.relative_to(PACKAGE).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


class Cache:
    """The folder on disk, plus the entries this cache has read or written, kept in memory: a resident
    process (`profiles serve`, the benchmark) holds one Cache between rebuilds, so a rebuild does not
    unpickle a thousand files again. Values must not be mutated."""

    MEMORY_ENTRIES = 50_000

    def __init__(self, folder: Path | None):
        self.folder = folder  # None: caching off (tests, one-off runs)
        self.hits = 0
        self.misses = 0
        self._memory: OrderedDict[str, Any] = OrderedDict()  # digest -> value
        self._kept: dict[str, OrderedDict[str, Any]] = {}  # kind -> digest -> value; see `keep`
        self._folders: set[Path] = set()  # made by `put`
        self._writer: ThreadPoolExecutor | None = None
        self._writes: list[Future] = []

    def _remember(self, digest: str, value: Any) -> None:
        self._memory[digest] = value
        self._memory.move_to_end(digest)
        while len(self._memory) > self.MEMORY_ENTRIES:
            self._memory.popitem(last=False)

    @staticmethod
    def _digest(kind: str, key: bytes) -> str:
        return kind + "/" + hashlib.sha256(code_salt().encode() + kind.encode() + key).hexdigest()

    def _path(self, digest: str) -> Path:
        # Built only on a memory miss: making Path objects was most of a resident rebuild's lookups.
        kind, hexdigest = digest.split("/")
        return self.folder / kind / hexdigest[:2] / hexdigest[2:]

    def get(self, kind: str, key: bytes) -> Any | None:
        if self.folder is None:
            return None
        digest = self._digest(kind, key)
        value = self._memory.get(digest)
        if value is not None:
            self._memory.move_to_end(digest)
            self.hits += 1
            return value
        try:
            with self._path(digest).open("rb") as f:
                value = pickle.load(f)
        except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError):
            self.misses += 1
            return None
        self.hits += 1
        self._remember(digest, value)
        return value

    def put(self, kind: str, key: bytes, value: Any) -> None:
        if self.folder is None:
            return
        digest = self._digest(kind, key)
        self._remember(digest, value)
        data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        # Written by a thread while the build goes on (file system calls release the GIL): a cold build
        # puts ~6,000 entries. `flush` waits for them.
        if self._writer is None:
            self._writer = ThreadPoolExecutor(1, thread_name_prefix="cache-writer")
        self._writes.append(self._writer.submit(self._write, self._path(digest), data))

    def _write(self, path: Path, data: bytes) -> None:
        if path.parent not in self._folders:  # one mkdir per folder, not per entry
            path.parent.mkdir(parents=True, exist_ok=True)
            self._folders.add(path.parent)
        tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        try:
            tmp.write_bytes(data)
        except FileNotFoundError:  # the folder was removed behind a resident process's back
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp.write_bytes(data)
        os.replace(tmp, path)  # concurrent builds never read half a file

    def flush(self) -> None:
        """Wait until every entry put so far is on disk (raises what a write raised)."""
        writes, self._writes = self._writes, []
        for write in writes:
            write.result()

    KEPT_PER_KIND = 2  # the value in use and the one before it (an edit undone finds it again)

    def keep(self, kind: str, key: bytes, make: Callable[[], Any]) -> Any:
        """A value kept in memory only, never pickled (an image atlas, converted shapes): a resident
        process makes it once per distinct key; a new process makes it again when it needs it. Each
        kind keeps its own few values, the most recently used: a kind whose key changes at every edit
        (the search segmenter's words) never pushes out another's (the drawing processes)."""
        if self.folder is None:
            return make()
        digest = self._digest(kind, key)
        kept = self._kept.setdefault(kind, OrderedDict())
        if digest in kept:
            kept.move_to_end(digest)
        else:
            kept[digest] = make()
            while len(kept) > self.KEPT_PER_KIND:
                kept.popitem(last=False)
        return kept[digest]

    def memo(self, kind: str, key: bytes, compute: Callable[[], Any]) -> Any:
        value = self.get(kind, key)
        if value is None:
            value = compute()
            self.put(kind, key, value)
        return value
