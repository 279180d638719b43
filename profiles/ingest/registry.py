"""The registry: which districts the site covers (`data/registry.yaml`), checked both ways against
`data/districts/` — a file for an unlisted slug is an error, a listed district without a file a warning.

It lives in the data folder, not in code, so the same generator builds Guangzhou's 11 districts or a
synthetic province of 1,000 (the benchmark) without a code change.
"""

from __future__ import annotations

from ..model import Entry, Registry
from .messages import validate
from .yamlload import load


def read(path) -> dict[str, Entry]:
    """Read a registry file outside a full load (tests, scripts); raises ValueError on any problem."""
    doc, problems = load(path, str(path))
    parsed = None
    if doc is not None and not problems:
        parsed, problems = validate(Registry, doc)
    if problems or parsed is None:
        raise ValueError("\n".join(p.format() for p in problems))
    return parsed.entries()
