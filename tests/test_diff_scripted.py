"""A scripted pull request, end to end through git: `profiles diff main` against the edited working tree.

The edits are those of a typical careless data pull request: a park moved 5 km, a goal's target 5.5 → 55, an
enterprise deleted, a project added, the summary reworded, one point replaced by its GCJ-02 twin (as copied from
AMap), and two goals swapped. Each is reported once; the ×10, the 5 km move and the GCJ shift are flagged; the swap
is one reorder line; the map is drawn.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.test_diff import base_data

HAIZHU = "data/districts/haizhu.yaml"
NEW_PROJECT = """  - id: pazhou-ai-tower
    name: 琶洲人工智能大厦
    category: headquarters
    location: {lon: 113.355, lat: 23.095, precision: approximate}
    status: planned
    status_as_of: "2025-02"
    sources: [src-a]
"""


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, text=True).stdout


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert text.count(old) == 1, f"{old!r} should occur once in {path}"
    path.write_text(text.replace(old, new), "utf-8")


def scripted_pull_request(repo: Path) -> None:
    """The edits, made in the working tree of `repo` (its main holds tests/fixtures/diff/base)."""
    haizhu = repo / HAIZHU
    edit(haizhu, "summary: 海珠区以数智产业为主线。", "summary: 海珠区以数字经济和人工智能为主线。")
    edit(haizhu, "target: {comparator: at_least, value: 5.5,", "target: {comparator: at_least, value: 55,")
    text = haizhu.read_text("utf-8")
    first, second = text.index("  - id: gdp-growth-2025"), text.index("  - id: llm-firms-2025")
    end = text.index("enterprises:")
    haizhu.write_text(text[:first] + text[second:end] + text[first:second] + text[end:], "utf-8")  # two goals swapped
    text = haizhu.read_text("utf-8")
    start, end = text.index("  - id: tencent-wechat"), text.index("parks:")
    haizhu.write_text(text[:start] + text[end:].replace("enterprises:\n", ""), "utf-8")
    edit(haizhu, "enterprises:\nparks:", "parks:")  # the list is now empty
    edit(
        haizhu,
        "location: {lon: 113.37, lat: 23.1, precision: approximate, error_m: 2000, basis: 琶洲片区大致位置}",
        "location: {lon: 113.321, lat: 23.1, precision: approximate, error_m: 2000, basis: 琶洲片区大致位置}",  # 5 km west
    )
    edit(haizhu, "    location: {lon: 113.37, lat: 23.1, precision: approximate, error_m: 2000}\n    status: planned",
         "    location: {lon: 113.375503, lat: 23.097473, precision: approximate, error_m: 2000}\n    status: planned")  # fmt: skip
    haizhu.write_text(haizhu.read_text("utf-8") + NEW_PROJECT, "utf-8")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    repo.mkdir()
    base_data(repo / "data")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "base")
    scripted_pull_request(repo)
    return repo


def diff(repo: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "profiles", "diff", "main", *args, "--root", str(repo)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )


def test_the_scripted_pull_request_is_reported_once_per_edit_with_its_three_flags(repo):
    proc = diff(repo, "--format", "json")
    assert proc.returncode == 1, proc.stderr
    report = json.loads(proc.stdout)
    seen = {(c["change"], c["kind"], c["id"]) for c in report["changes"]}
    assert seen == {
        ("changed", "park", "pazhou-ai"),
        ("changed", "goal", "gdp-growth-2025"),
        ("removed", "enterprise", "tencent-wechat"),
        ("added", "project", "pazhou-ai-tower"),
        ("changed", "district", "haizhu"),
        ("changed", "project", "pazhou-heliport"),
        ("reordered", "goal", "goals"),
    }
    assert len(report["changes"]) == len(seen), "each edit once"
    flagged = {(f["flag"], f["id"]) for f in report["flags"]}
    assert {("scale", "gdp-growth-2025"), ("moved_far", "pazhou-ai"), ("gcj02_shift", "pazhou-heliport")} <= flagged
    swap = next(c for c in report["changes"] if c["change"] == "reordered")
    assert (swap["order_before"], swap["order_after"]) == (
        ["gdp-growth-2025", "llm-firms-2025"],
        ["llm-firms-2025", "gdp-growth-2025"],
    )
    assert swap["moved"] == [
        {"id": "llm-firms-2025", "from": 2, "to": 1},
        {"id": "gdp-growth-2025", "from": 1, "to": 2},
    ], "a swap names both entries, each with where it went"
    goal = next(c for c in report["changes"] if c["id"] == "gdp-growth-2025")
    assert [f["path"] for f in goal["fields"]] == ["target.value"], "the swap is not a field change"


def test_the_scripted_pull_request_draws_its_map(repo, tmp_path):
    svg, png = tmp_path / "map.svg", tmp_path / "map.png"
    proc = diff(repo, "--map", str(svg), "--map", str(png))
    assert proc.returncode == 1, proc.stderr
    assert svg.read_text("utf-8").count('class="point park"') == 2  # old hollow, new filled
    assert png.read_bytes().startswith(b"\x89PNG")
    print(proc.stdout)


def make_diff(repo: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["make", "--no-print-directory", "-f", str(ROOT / "Makefile"), "-C", str(repo), "diff",
         f"BIN={Path(sys.executable).parent}", "STAMP="],
        capture_output=True, text=True, timeout=120, env={**os.environ, "PYTHONPATH": str(ROOT)},
    )  # fmt: skip


def test_make_diff_prints_the_text_report_against_head_and_does_not_fail_on_changes(repo):
    proc = make_diff(repo)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("数据改动：HEAD → 工作区\n1 处新增、1 处删除、4 处修改、1 处顺序调整；")


def test_make_diff_compares_with_origin_main_when_there_is_one(repo):
    git(repo, "update-ref", "refs/remotes/origin/main", "main")
    assert make_diff(repo).stdout.startswith("数据改动：origin/main → 工作区\n")


def contributing_section() -> str:
    text = (ROOT / "CONTRIBUTING.md").read_text("utf-8")
    start = text.index("### 审阅报告（`profiles diff`）")
    return text[start : text.index("\n## ", start)]


def test_contributing_shows_this_pull_requests_report_exactly(repo):
    section = contributing_section()
    example = section.split("```text\n", 1)[1].split("```", 1)[0]
    assert example == diff(repo).stdout


def test_contributing_explains_every_flag_and_documents_every_json_key(repo):
    from profiles.outputs.diff.flags import TITLES

    section = contributing_section()
    for code, title in TITLES.items():
        assert f"| {title} | `{code}` |" in section, f"{code} is not explained"
    report = json.loads(diff(repo, "--format", "json").stdout)
    change = report["changes"][0]
    keys = set(report) | set(change) | set(change["fields"][0]) | set(report["flags"][0]) | set(report["counts"])
    keys |= {"distance_m", "bearing_deg", "direction", "inside_before", "inside_after"}
    assert [k for k in sorted(keys) if f"`{k}`" not in section] == []
