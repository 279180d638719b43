"""Stage 1 — the two sides of a diff: a git ref, a data folder, or the working tree, each loaded with the
project's own loader and models (profiles/ingest/load.py), so both sides mean what a build would make of them.

A git ref is exported with `git archive REF data` into a temporary folder: the working tree, the index and the
checked-out branch are never touched. Messages name files as `data/districts/haizhu.yaml:12:5`, as `validate` does.
"""

from __future__ import annotations

import io
import tarfile
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from ...base import vcs
from ...base.problems import Problem, Report
from ...facts import geo
from ...ingest.load import display_path, load_dataset
from ...model.dataset import Dataset

WORKING_TREE = "工作区"


@dataclass(frozen=True)
class Side:
    label: str  # how the report names it: a ref ("main"), a folder, or 工作区
    dataset: Dataset
    report: Report  # problems found while loading; errors make the side unreadable
    boundaries: dict = field(default_factory=dict)  # slug -> GeoJSON geometry, when the side has the file


class SideError(Exception):
    """A side that cannot be read: the message lines are ready to print."""

    def __init__(self, label: str, lines: list[str]):
        super().__init__("\n".join(lines))
        self.label = label
        self.lines = lines


def _data_folder(path: Path) -> Path:
    """A project folder (with data/) or a data folder itself."""
    return path / "data" if (path / "data").is_dir() and not (path / "registry.yaml").exists() else path


def _export(root: Path, ref: str, target: Path) -> None:
    """`data/` of a commit, written under target/data with `git archive` (no checkout)."""
    tar, message = vcs.archive(root, ref, "data")
    if tar is None:
        raise SideError(ref, [f"{ref}: 这个版本里没有 data/ 文件夹，无法比较 — {message}"])
    with tarfile.open(fileobj=io.BytesIO(tar)) as archive:
        archive.extractall(target, filter="data")  # the "data" filter refuses links and paths out of target


def _load(label: str, data_dir: Path) -> Side:
    shown_base = data_dir.parent  # files read data/districts/haizhu.yaml whichever side they come from
    if not data_dir.is_dir():
        raise SideError(label, [f"{label}: 找不到数据文件夹 {data_dir} — 请给出 git 版本（如 main）或 data/ 文件夹"])
    dataset, report = load_dataset(data_dir, base=shown_base)
    boundaries: dict = {}
    boundaries_file = data_dir / "boundaries" / "guangzhou.geojson"
    if boundaries_file.is_file():
        try:
            boundaries = geo.load_boundaries(boundaries_file)
        except (ValueError, KeyError, TypeError) as exc:  # a broken file: reported, never a traceback
            report.add(
                Problem(display_path(boundaries_file, shown_base), 1, 1, "", f"边界文件无法读取：{exc}", "请恢复它")
            )
    if not report.ok:
        bad = Report()
        bad.extend(report.errors)
        raise SideError(label, [f"{label} 的数据无法读取，没有比较：", bad.render()])
    return Side(label, dataset, report, boundaries)


def load_side(root: Path, spec: str | None, workdir: Path, working: Path) -> Side:
    """spec: None (the working tree's data folder, `working`), a folder, or a git ref exported under workdir."""
    if spec is None:
        return _load(WORKING_TREE, working)
    path = Path(spec)
    if path.is_dir():
        return _load(spec, _data_folder(path.resolve()))
    if not vcs.is_commit(root, spec):
        raise SideError(spec, [f"{spec}: 既不是 git 版本（分支、标签、提交）也不是文件夹 — 例如 main 或 origin/main"])
    target = Path(tempfile.mkdtemp(prefix="side-", dir=workdir))
    _export(root, spec, target)
    return _load(spec, target / "data")
