"""Writing generated files: one helper for every stage, so "unchanged bytes are not rewritten" holds
everywhere (file times stay put, live reload and deploys see only real edits)."""

from __future__ import annotations

from pathlib import Path


def write_if_changed(path: Path, data: bytes | str) -> Path:
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.is_file() or path.read_bytes() != data:
        path.write_bytes(data)
    return path
