"""A content-addressed cache for the expensive per-file work (parsing + validating YAML, drawing map
images), so that editing one district re-does only that district.

Every key is salted with `code_salt()`: the package's own source and the exact versions of its
dependencies (requirements.lock), so a code change or a new lock invalidates everything — a cached
result is always what a fresh run of this code on these libraries would produce. Nothing else names a
code version (no output lists the files it reads).

How a value made once is kept — the only ways, each keyed by the digest of its inputs (digests.py),
never by a hand-written key:

- `rendering.run` — every output file, by its view (the one place an output is keyed);
- `Cache.memo(kind, make, *inputs)` — a value worth keeping on disk (pickled), for this and later
  processes: the map shell, a history step, a district's cross-file checks;
- `Cache.keep(kind, make, *inputs)` — a value kept in memory for the session (a resident process keeps
  its `Session.cache` between builds), never pickled: drawing processes, an atlas, converted shapes;
- `Inputs.resource(name, make)` (rendering.py) — made once per build, on first use;
- `functools.lru_cache` — only on pure functions of their arguments (a font by size, a template).

`get`/`put` are the store underneath: the loader's parsed files and the history's parsed blobs use it
directly, keyed by their file's digest.
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

from .digests import Digests

PACKAGE = Path(__file__).resolve().parent.parent  # profiles/: base/ is one of its layers
LOCK = PACKAGE.parent / "requirements.lock"  # the exact version of every dependency, beside the package


@lru_cache(maxsize=1)
def _package_digest() -> str:
    digest = hashlib.sha256()
    for path in sorted(PACKAGE.rglob("*")):
        if path.is_file() and path.suffix in (".py", ".j2", ".html", ".js", ".css", ".svg", ".po"):
            digest.update(path.relative_to(PACKAGE).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def _dependencies(lock: Path) -> bytes:
    """The lock file's bytes; where the package is installed without it, the installed distributions."""
    if lock.is_file():
        return lock.read_bytes()
    from importlib import metadata  # deferred: only an installed package without its lock (~0.1 s)

    return "\n".join(sorted(f"{d.metadata['Name']}=={d.version}" for d in metadata.distributions())).encode()


def code_salt(lock: Path = LOCK) -> str:
    """The salt of every key: the package's code and templates, and its dependencies' exact versions."""
    return hashlib.sha256(_package_digest().encode() + b"\0" + _dependencies(lock)).hexdigest()[:16]


class Cache:
    """The folder on disk, plus the entries this cache has read or written, kept in memory: a resident
    process (`profiles serve`, the benchmark) holds one Cache between rebuilds, so a rebuild does not
    unpickle a thousand files again. Values must not be mutated."""

    MEMORY_ENTRIES = 50_000

    def __init__(self, folder: Path | None, salt: str | None = None):
        self.folder = folder  # None: caching off (tests, one-off runs)
        self.salt = (salt or code_salt()).encode()  # `code_salt()`; a test passes another
        # Digests of inputs and views, models remembered by identity: a resident process's unchanged
        # data is the same model objects from build to build, so each is dumped once.
        self.digests = Digests()
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

    def _digest(self, kind: str, key: bytes) -> str:
        return kind + "/" + hashlib.sha256(self.salt + kind.encode() + key).hexdigest()

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

    def keep(self, kind: str, make: Callable[[], Any], *inputs: Any, size: int = KEPT_PER_KIND) -> Any:
        """The value `make()` gives for `inputs`, kept in memory only, never pickled (an image atlas,
        converted shapes): a resident process makes it once per distinct inputs; a new process makes it
        again when it needs it. Each kind keeps its own `size` values, the most recently used: a kind whose
        inputs change at every edit (the search segmenter's words) never pushes out another's (the
        drawing processes)."""
        if self.folder is None:
            return make()
        digest = self.digests.of(inputs)
        kept = self._kept.setdefault(kind, OrderedDict())
        if digest in kept:
            kept.move_to_end(digest)
        else:
            kept[digest] = make()
            while len(kept) > size:
                kept.popitem(last=False)
        return kept[digest]

    def memo(self, kind: str, make: Callable[[], Any], *inputs: Any) -> Any:
        """The value `make()` gives for `inputs`, kept on disk (pickled) and in memory: a later process
        reads it back. `make` must not return None."""
        key = self.digests.of(inputs)
        value = self.get(kind, key)
        if value is None:
            value = make()
            self.put(kind, key, value)
        return value
