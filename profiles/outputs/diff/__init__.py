"""`profiles diff BASE [HEAD]`: review a data change by what it means, not by moved YAML lines.

Stages, each a module, data flowing one way:

| stage | module |
| --- | --- |
| load both sides (git ref, folder, working tree) with the project's loader | `sides.py` |
| entities keyed by file, kind and id | `entities.py` |
| compare: added, removed, changed (field by field), renamed, reordered | `compare.py` (+ `labels.py`, `places.py`) |
| risk flags, only what this change introduced | `flags.py` |
| render: text, Markdown (inert), JSON; the before/after map | `text.py`, `markdown.py`, `report.py`, `mapview.py` |

`run()` is the one entry point the command line uses.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

from .report import DiffReport, diff
from .sides import SideError, load_side

__all__ = ["DiffReport", "Outcome", "SideError", "run"]


@dataclass(frozen=True)
class Outcome:
    report: DiffReport

    @property
    def exit_code(self) -> int:
        """0: no data change; 1: changes (flags or not: they are advice). Errors raise SideError (exit 2)."""
        return 1 if self.report.changes else 0


def run(root: Path, base: str, head: str | None, working: Path) -> Outcome:
    """Compare BASE with HEAD (None: the working tree's data folder `working`). Raises SideError."""
    with tempfile.TemporaryDirectory(prefix="profiles-diff-") as tmp:
        before = load_side(root, base, Path(tmp), working)
        after = load_side(root, head, Path(tmp), working)
        return Outcome(diff(before, after))
