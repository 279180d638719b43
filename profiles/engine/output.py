"""The generator's files, held in memory until `build.sync` writes the ones whose bytes changed.

Why in memory: nothing in docs/ moves until every stage has succeeded (a failing stage leaves docs/ as
it was), and at a thousand districts writing ~5,000 files to a staging folder only to compare them
with docs/ afterwards cost over a second. Unchanged files are never rewritten, so file times stay put
and live reload and deploys see only real edits.
"""

from __future__ import annotations

from pathlib import Path


class Outputs:
    def __init__(self) -> None:
        self.files: dict[str, bytes] = {}  # path under docs/ (POSIX) -> bytes

    def put(self, rel: str, data: bytes | str) -> str:
        self.files[rel] = data.encode("utf-8") if isinstance(data, str) else data
        return rel

    def __getitem__(self, rel: str) -> bytes:
        return self.files[rel]

    def __contains__(self, rel: str) -> bool:
        return rel in self.files

    def edition(self, prefix: str) -> Edition:
        """The files of one edition of the site (`en/`): put under `prefix`; read from there first, else from the
        files both editions share (the downloads a data page measures)."""
        return Edition(self, prefix)

    def write_to(self, folder: Path) -> list[Path]:
        """Every file under `folder` (tests and one-off inspection; builds use `build.sync`)."""
        paths = []
        for rel, data in self.files.items():
            path = folder / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
            paths.append(path)
        return paths


class Edition:
    """`Outputs` seen from one language edition (Outputs.edition)."""

    def __init__(self, outputs: Outputs, prefix: str) -> None:
        self.outputs, self.prefix = outputs, prefix

    @property
    def files(self) -> dict[str, bytes]:
        return self.outputs.files

    def put(self, rel: str, data: bytes | str) -> str:
        return self.outputs.put(self.prefix + rel, data)

    def __getitem__(self, rel: str) -> bytes:
        files = self.outputs.files
        return files[self.prefix + rel] if self.prefix + rel in files else files[rel]

    def __contains__(self, rel: str) -> bool:
        return self.prefix + rel in self.outputs.files or rel in self.outputs.files
