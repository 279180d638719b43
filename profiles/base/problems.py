"""Problems found in the data, and the report editors read.

A problem is one line: `file:line:col: field: 中文说明 — 怎么改 (English)`. Every stage adds to one
`Report`; nothing fails until all files are read, so an editor sees every problem in one run.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Problem:
    file: str
    line: int
    col: int
    field: str  # as written in YAML: goals[2].year
    message: str  # what is wrong, in Chinese
    hint: str  # how to fix it, with an example of a right value
    english: str = ""
    severity: Severity = "error"

    def format(self) -> str:
        where = f"{self.file}:{self.line}:{self.col}"
        field = f" {self.field}:" if self.field else ""
        en = f" ({self.english})" if self.english else ""
        return f"{where}:{field} {self.message} — {self.hint}{en}"

    def as_warning(self) -> "Problem":
        return Problem(self.file, self.line, self.col, self.field, self.message, self.hint, self.english, "warning")


class BuildError(Exception):
    """A known failure with a plain message for the editor (no traceback), raised by any stage."""


class DataError(Exception):
    """Raised by a stage when the data has errors; carries the full report."""

    def __init__(self, report: "Report"):
        super().__init__(f"{len(report.errors)} error(s)")
        self.report = report


class Report:
    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.notes: list[str] = []  # information, neither error nor warning (printed before the count)

    def add(self, problem: Problem) -> None:
        self.problems.append(problem)

    def extend(self, problems: Iterable[Problem]) -> None:
        self.problems.extend(problems)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    @property
    def ok(self) -> bool:
        return not self.errors

    def raise_if_errors(self) -> None:
        if self.errors:
            raise DataError(self)

    def render(self) -> str:
        """Errors then warnings, each grouped by file in file order, then a count."""
        out: list[str] = []
        for title, items in (("错误 / errors", self.errors), ("警告（不影响构建）/ warnings", self.warnings)):
            if not items:
                continue
            out.append(f"== {title} ==")
            by_file: dict[str, list[Problem]] = {}
            for p in items:
                by_file.setdefault(p.file, []).append(p)
            for file in sorted(by_file):
                out.append(file)
                for p in sorted(by_file[file], key=lambda p: (p.line, p.col, p.field, p.message)):
                    out.append("  " + p.format())
        out += [f"信息 / info: {n}" for n in self.notes]
        out.append(
            f"共 {len(self.errors)} 个错误、{len(self.warnings)} 个警告 / "
            f"{len(self.errors)} error(s), {len(self.warnings)} warning(s)"
        )
        return "\n".join(out)
