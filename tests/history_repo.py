"""A project in its own git repository whose data has a known history: the valid fixture imported, then four
editors' commits, one a day — add a goal, change a number, move a park, delete a project. Shared by the history
tests and their browser test (tests/conftest.py `history_project`)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

from tests.conftest import ROOT, copy_valid_data, make_project

HAIZHU = "data/districts/haizhu.yaml"
SITE_URL = "https://gz.example.org/profiles/"
EDIT_BASE = "https://github.com/example/gz/edit/main/"
NEW_GOAL = """  - id: compute-power-2025
    theme: 人工智能
    statement: 算力规模达到1000P
    metric: 算力规模
    target: {comparator: at_least, value: 1000, unit: P}
    year: 2025
    sources: [src-a]
"""
# (subject, day, what the entry says): the four edits, oldest first.
EDITS = (
    ("Add a goal", "2026-01-02", ("added", "goal", "compute-power-2025")),
    ("Change a number", "2026-01-03", ("changed", "goal", "gdp-growth-2025")),
    ("Move a park", "2026-01-04", ("changed", "park", "pazhou-ai")),
    ("Delete a project", "2026-01-05", ("removed", "project", "pazhou-heliport")),
)
IMPORT_DAY = "2026-01-01"


def git(repo: Path, *args: str, day: str | None = None) -> str:
    env = dict(os.environ)
    if day is not None:
        stamp = f"{day}T10:00:00+08:00"
        env.update(GIT_AUTHOR_DATE=stamp, GIT_COMMITTER_DATE=stamp)
    env.update(GIT_AUTHOR_NAME="编辑", GIT_AUTHOR_EMAIL="editor@example.org")
    env.update(GIT_COMMITTER_NAME="编辑", GIT_COMMITTER_EMAIL="editor@example.org")
    return subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True, text=True).stdout


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert text.count(old) == 1, f"{old!r} should occur once in {path}"
    path.write_text(text.replace(old, new), "utf-8")


def commit(repo: Path, subject: str, day: str) -> str:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", subject, day=day)
    return git(repo, "rev-parse", "HEAD").strip()


def apply(repo: Path, subject: str) -> None:
    """One editor's edit of the data, by its subject (EDITS)."""
    haizhu = repo / HAIZHU
    if subject == "Add a goal":
        edit(haizhu, "enterprises:\n", NEW_GOAL + "enterprises:\n")
    elif subject == "Change a number":
        edit(haizhu, "target: {comparator: at_least, value: 5.5,", "target: {comparator: at_least, value: 6,")
    elif subject == "Move a park":
        edit(haizhu, "location: {lon: 113.37, lat: 23.1, precision: approximate, error_m: 2000, basis:", "location: {lon: 113.36, lat: 23.1, precision: approximate, error_m: 2000, basis:")  # fmt: skip
    elif subject == "Delete a project":
        text = haizhu.read_text("utf-8")
        haizhu.write_text(text[: text.index("projects:\n")], "utf-8")  # its only project: the list goes too
    else:
        raise ValueError(subject)


def make_history_repo(target: Path) -> tuple[Path, list[str]]:
    """The project, a git repository: the import commit, then EDITS. Returns it and the commits, oldest first."""
    data = copy_valid_data(target.parent / f"{target.name}-data")
    # The one district the fixture has a file for (registry and boundaries), so that its pages link no page it
    # lacks and the site passes the link check (`make site`).
    (data / "registry.yaml").write_text(
        'districts:\n  - {slug: haizhu, zh: 海珠区, en: Haizhu District, code: "440105"}\n', "utf-8"
    )
    shapes = data / "boundaries" / "guangzhou.geojson"
    collection = json.loads(shapes.read_text("utf-8"))
    collection["features"] = [f for f in collection["features"] if f["properties"]["slug"] == "haizhu"]
    shapes.write_text(json.dumps(collection, ensure_ascii=False), "utf-8")
    repo = make_project(target, data, english=True)  # the change pages in both editions
    shutil.copy(ROOT / ".gitignore", repo / ".gitignore")  # generated files stay out, as in the project
    git(repo, "init", "-q", "-b", "main")
    shas = [commit(repo, "Import the data", IMPORT_DAY)]
    for subject, day, _ in EDITS:
        apply(repo, subject)
        shas.append(commit(repo, subject, day))
    return repo, shas
