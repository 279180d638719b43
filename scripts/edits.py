"""The single edits an editor makes most, applied to a data folder: the benchmark times each one and
tests/test_rendering.py asserts which outputs each re-renders. Each edit changes one district's file
(the district named) or sources.yaml, and keeps the data valid."""

from __future__ import annotations

import re
from pathlib import Path


def _district(data: Path, slug: str) -> Path:
    return data / "districts" / f"{slug}.yaml"


def _section(lines: list[str], name: str) -> tuple[int, int]:
    """[start, end) of a top-level key's block."""
    start = next(i for i, line in enumerate(lines) if line.startswith(f"{name}:"))
    end = next((i for i in range(start + 1, len(lines)) if re.match(r"^[a-z_]+:", lines[i])), len(lines))
    return start, end


def _edit(path: Path, change) -> None:
    lines = path.read_text("utf-8").splitlines(keepends=True)
    change(lines)
    path.write_text("".join(lines), "utf-8")


def reword_summary(data: Path, slug: str) -> None:
    def change(lines):
        i = next(i for i, line in enumerate(lines) if line.startswith("summary:"))
        if lines[i].rstrip().endswith(("|", ">", "|-", ">-")):
            i += 1  # a block scalar: its first line
            indent = len(lines[i]) - len(lines[i].lstrip())
            lines[i] = lines[i][:indent] + "（改写）" + lines[i][indent:]
        else:
            lines[i] = lines[i].replace("summary: ", "summary: （改写）", 1)

    _edit(_district(data, slug), change)


def _bump(data: Path, slug: str, section: str, field: str, step: float) -> None:
    """Add `step` to the first `field:` number inside a top-level `section`."""

    def change(lines):
        start, end = _section(lines, section)
        i = next(i for i in range(start, end) if lines[i].strip().startswith(f"{field}:"))
        key, value = lines[i].split(":", 1)
        lines[i] = f"{key}: {round(float(value) + step, 6):g}\n"

    _edit(_district(data, slug), change)


def change_goal_number(data: Path, slug: str) -> None:
    _bump(data, slug, "goals", "value", 1)


def move_park(data: Path, slug: str) -> None:
    _bump(data, slug, "parks", "lat", 0.002)


def add_project(data: Path, slug: str) -> None:
    """A copy of the district's first project under a new id and name (phase 2, then 3 … when repeated)."""

    def change(lines):
        start, end = _section(lines, "projects")
        first = next(i for i in range(start, end) if lines[i].startswith("  - id:"))
        after = next((i for i in range(first + 1, end) if lines[i].startswith("  - id:")), end)
        block = lines[first:after]
        base = block[0].rstrip("\n")
        phase = 2
        while any(line.rstrip("\n") == f"{base}-phase-{phase}" for line in lines):
            phase += 1
        block[0] = f"{base}-phase-{phase}\n"
        block = [re.sub(r"^(    name: )(.*)$", rf"\1\2（{phase}期）", line) for line in block]
        lines[end:end] = block

    _edit(_district(data, slug), change)


def edit_sources(data: Path, slug: str) -> None:
    """Reword the title of the first source in sources.yaml."""

    def change(lines):
        i = next(i for i, line in enumerate(lines) if line.startswith("    title: "))
        lines[i] = lines[i].rstrip("\n") + "（修订）\n"

    _edit(data / "sources.yaml", change)


EDITS = {
    "reword a summary": reword_summary,
    "change a goal's number": change_goal_number,
    "move a park": move_park,
    "add a project": add_project,
    "edit sources.yaml": edit_sources,
}
