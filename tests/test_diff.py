"""`profiles diff` on fixture pairs (tests/fixtures/diff/): every change kind and every flag, as exact JSON entries
and their Markdown; a tree compared with itself is empty; an unreadable side is reported like `validate` does."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from profiles.ingest.i18n.texts import texts
from profiles.ingest.load import load_dataset
from profiles.outputs.diff import SideError, run
from profiles.outputs.diff.flags import TITLES
from profiles.outputs.diff.render import render
from tests.conftest import ROOT

CASES = Path(__file__).parent / "fixtures" / "diff"
HAIZHU = "data/districts/haizhu.yaml"

# case -> (change, kind, id) it must report, and the flags it must raise: the fixtures' purpose in words.
KINDS = {
    "added": {("added", "goal", "exhibitions-2025")},
    "removed": {("removed", "enterprise", "tencent-wechat")},
    "changed-text": {("changed", "enterprise", "tencent-wechat")},
    "renamed": {("renamed", "goal", "llm-enterprises-2025")},
    "reordered": {("reordered", "goal", "goals")},
    "reordered-field": {("changed", "city", "guangzhou")},
    "number": {("changed", "goal", "llm-firms-2025"), ("added", "source", "src-c")},
    "moved": {("changed", "park", "pazhou-ai")},
}
FLAGS = {
    "flag-scale": {"scale"},
    "flag-unit-only": {"unit_only"},
    "flag-unsourced": {"unsourced_value"},
    "flag-achieved": {"achieved_no_source"},
    "flag-moved-far": {"moved_far"},
    "flag-outside": {"outside_district"},
    "flag-swapped": {"latlon_swapped"},
    "flag-gcj": {"gcj02_shift"},
    "flag-shared": {"shared_point"},
    "flag-source-removed": {"source_removed"},
    "flag-source-date": {"source_date_moved"},
    "flag-mass-removal": {"mass_removal"},
    "flag-new-host": {"new_host"},
    "flag-verdict": {"verdict"},
}
ALL_CASES = sorted(p.name for p in CASES.iterdir() if p.is_dir() and p.name != "base")


def base_data(target: Path) -> Path:
    """The pairs' own BASE (tests/fixtures/diff/base, frozen so other fixtures can evolve), with real boundaries."""
    shutil.copytree(CASES / "base", target)
    shutil.copytree(ROOT / "data" / "boundaries", target / "boundaries")
    return target


def pair(tmp_path: Path, case: str) -> tuple[Path, Path]:
    """BASE: tests/fixtures/diff/base; HEAD: the same with the case's files in place."""
    base = base_data(tmp_path / "base" / "data")
    head = base_data(tmp_path / "head" / "data")
    for path in (CASES / case).rglob("*.yaml"):
        shutil.copy(path, head / path.relative_to(CASES / case))
    return base, head


def outcome(tmp_path: Path, case: str):
    base, head = pair(tmp_path, case)
    return run(ROOT, str(base), str(head), ROOT / "data")


def test_every_case_is_named_in_words_and_every_flag_has_a_case():
    assert set(ALL_CASES) == set(KINDS) | set(FLAGS)
    assert set().union(*FLAGS.values()) == set(TITLES), "each flag has its own fixture pair"
    kinds = {change for expected in KINDS.values() for change, _, _ in expected}
    assert kinds == {"added", "removed", "changed", "renamed", "reordered"}


@pytest.mark.parametrize("case", ALL_CASES)
def test_each_fixture_pair_reports_exactly_its_entries_as_json(tmp_path, case):
    result = outcome(tmp_path, case)
    data = json.loads(render(result.report, "json"))
    expected = json.loads((CASES / case / "expected.json").read_text("utf-8"))
    assert {"changes": data["changes"], "flags": data["flags"]} == expected
    assert result.exit_code == 1, "a change exits 1, flags or not"
    seen = {(c["change"], c["kind"], c["id"]) for c in data["changes"]}
    assert KINDS.get(case, set()) <= seen
    assert {f["flag"] for f in data["flags"]} == FLAGS.get(case, set()), "only the flag the case is about"


@pytest.mark.parametrize("case", ALL_CASES)
def test_each_fixture_pair_renders_its_entries_as_markdown(tmp_path, case):
    markdown = render(outcome(tmp_path, case).report, "markdown", "https://example.org/gz/")
    lines = markdown.splitlines()
    expected = (CASES / case / "expected.md").read_text("utf-8").splitlines()
    assert [line for line in lines if line.startswith(("| **", "| |", "- [ ]"))] == expected


def test_the_json_keys_are_stable_and_always_present(tmp_path):
    data = json.loads(render(outcome(tmp_path, "flag-gcj").report, "json"))
    assert list(data) == [
        "base",
        "changes",
        "counts",
        "districts",
        "flags",
        "head",
        "map",
        "stale_translations",
        "version",
    ]
    assert data["counts"] == {"added": 0, "changed": 1, "flags": 1, "removed": 0, "renamed": 0, "reordered": 0}
    change = data["changes"][0]
    assert list(change) == sorted(change) and set(change) == {
        "change", "district", "fields", "file", "flags", "id", "kind", "kind_zh", "name",
        "moved", "order_after", "order_before", "renamed_from",
    }  # fmt: skip
    assert set(change["fields"][0]) == {"delta", "label", "new", "old", "path", "place", "ratio", "reordered"}
    assert set(change["fields"][0]["place"]) == {
        "bearing_deg",
        "direction",
        "distance_m",
        "inside_after",
        "inside_before",
    }
    assert set(data["flags"][0]) == {"file", "flag", "id", "kind", "path", "reason", "title"}
    assert data["districts"] == ["haizhu"] and data["map"]["type"] == "FeatureCollection"


def test_a_tree_compared_with_itself_is_empty_and_exits_0(tmp_path):
    result = run(ROOT, str(ROOT / "data"), str(ROOT / "data"), ROOT / "data")
    assert result.report.changes == [] and result.report.flags == [] and result.exit_code == 0
    assert render(result.report, "text").endswith("没有数据改动。\n")
    assert json.loads(render(result.report, "json"))["changes"] == []


def test_an_old_problem_is_not_flagged_again(tmp_path):
    # The valid fixture's park and project already share one point: a pull request that touches neither says nothing.
    assert outcome(tmp_path, "changed-text").report.flags == []


def test_an_unreadable_side_is_reported_with_file_line_and_column_and_exits_2(tmp_path):
    base, head = pair(tmp_path, "added")
    haizhu = head / "districts" / "haizhu.yaml"
    text = haizhu.read_text("utf-8").replace("    year: 2025\n    sources: [src-a]\nenterprises", "    year: 二〇二五\n    sources: [src-a]\nenterprises")  # fmt: skip
    haizhu.write_text(text, "utf-8")
    line = text.splitlines().index("    year: 二〇二五") + 1
    where = f"data/districts/haizhu.yaml:{line}:11: goals[2].year: 应为整数"
    with pytest.raises(SideError) as caught:
        run(ROOT, str(base), str(head), ROOT / "data")
    assert where in str(caught.value)
    proc = subprocess.run(
        [sys.executable, "-m", "profiles", "diff", str(base), str(head)], capture_output=True, text=True, cwd=ROOT
    )
    assert proc.returncode == 2 and "Traceback" not in proc.stderr and where in proc.stderr


def test_a_name_that_is_neither_a_ref_nor_a_folder_exits_2_with_a_hint(tmp_path):
    proc = subprocess.run(
        [sys.executable, "-m", "profiles", "diff", "no-such-branch"], capture_output=True, text=True, cwd=ROOT
    )
    assert proc.returncode == 2 and "no-such-branch: 既不是 git 版本" in proc.stderr


def test_a_reorder_names_only_the_entries_that_moved():
    from profiles.outputs.diff.compare import Moved, moved

    goals = [f"goal-{i}" for i in range(1, 38)]  # 海珠's 37 goals
    swapped = list(goals)
    swapped[2], swapped[30] = swapped[30], swapped[2]
    assert moved(goals, swapped) == [Moved("goal-31", 31, 3), Moved("goal-3", 3, 31)]
    one_down = goals[1:5] + goals[:1] + goals[5:]
    assert moved(goals, one_down) == [Moved("goal-1", 1, 5)], "one goal moved down: only it is named"
    assert moved(goals, goals[-1:] + goals[:-1]) == [Moved("goal-37", 37, 1)]
    reversed_ = moved(goals[:5], goals[:5][::-1])
    assert "goal-3" not in {m.id for m in reversed_}, "an entry back at its own place is not named"


def _texts(data: Path) -> dict[str, str]:
    """haizhu's texts in data/, keyed as translations key them."""
    return dict(texts(load_dataset(data)[0].districts["haizhu"]))


def _translations(current: dict[str, str], stale_key: str) -> str:
    """data/en/haizhu.yaml translating every text as it is, but one (`stale_key`), made from an older Chinese."""
    entries = {k: {"zh": "旧的中文" if k == stale_key else zh, "en": "English"} for k, zh in current.items()}
    return yaml.safe_dump({"translations": entries}, allow_unicode=True)


def test_a_rewritten_chinese_text_lists_its_translation_as_left_stale_and_only_that_one(tmp_path):
    base, head = pair(tmp_path, "changed-text")
    before, after = _texts(base), _texts(head)
    rewritten = sorted(k for k in before if k in after and after[k] != before[k])
    assert rewritten, "the case rewrites a text"
    translations = _translations(before, stale_key="summary")  # stale before the change: not this change's doing
    for side in (base, head):
        (side / "en").mkdir()
        (side / "en" / "haizhu.yaml").write_text(translations, "utf-8")
    report = run(ROOT, str(base), str(head), ROOT / "data").report
    assert [(s.file, s.key) for s in report.stale] == [("data/en/haizhu.yaml", k) for k in rewritten]
    assert all(s.zh == after[s.key] for s in report.stale)
    assert [t["key"] for t in json.loads(render(report, "json"))["stale_translations"]] == rewritten
    assert all(f"`{k}`" in render(report, "markdown") for k in rewritten)
    assert "英文译文可能过时" in render(report, "text")


def test_a_change_that_touches_no_translated_text_leaves_no_translation_stale(tmp_path):
    base, head = pair(tmp_path, "moved")
    translations = _translations(_texts(base), stale_key="")
    for side in (base, head):
        (side / "en").mkdir()
        (side / "en" / "haizhu.yaml").write_text(translations, "utf-8")
    report = run(ROOT, str(base), str(head), ROOT / "data").report
    assert report.changes and report.stale == []
