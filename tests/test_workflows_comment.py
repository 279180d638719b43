"""The review-report workflows: "PR checks" writes the report to its summary and an artifact; "PR review comment"
posts it as one comment without ever checking out or running the pull request's code. Its script runs here in
Node.js against a stand-in GitHub API: fork and same-repository pull requests, one comment created then updated,
a long report cut to GitHub's limit, a hostile report defused, a stale run silent."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from profiles.outputs.diff.markdown import MARKER
from tests.test_workflows import runs, steps, uses, workflow

NODE = shutil.which("node")
SHA = "a" * 40

# A stand-in for github-script's arguments: records every write; reads come from the scenario.
HARNESS = r"""
const fs = require('fs');
const scenario = JSON.parse(fs.readFileSync(0, 'utf8'));
const calls = [];
const api = {
  pulls: {
    list: 'pulls.list',
    get: async ({ pull_number }) => ({ data: scenario.pulls.find((p) => p.number === pull_number) }),
  },
  actions: { listWorkflowRunArtifacts: 'artifacts' },
  issues: {
    listComments: 'comments',
    createComment: async (args) => { calls.push(['create', args]); },
    updateComment: async (args) => { calls.push(['update', args]); },
  },
};
const pages = { 'pulls.list': scenario.pulls, artifacts: scenario.artifacts, comments: scenario.comments };
const github = { rest: api, paginate: async (what) => pages[what] };
const context = { repo: { owner: 'gz', repo: 'profiles' }, payload: { workflow_run: scenario.run } };
const core = { info: (m) => calls.push(['info', m]), setFailed: (m) => calls.push(['failed', m]) };
Object.assign(process.env, scenario.env);
const AsyncFunction = Object.getPrototypeOf(async function () {}).constructor;
new AsyncFunction('github', 'context', 'core', 'require', 'process', scenario.script)(github, context, core, require, process)
  .then(() => process.stdout.write(JSON.stringify(calls)))
  .catch((e) => { console.error(e); process.exit(1); });
"""


def comment_workflow() -> dict:
    return workflow("pr-comment.yml")


def script() -> str:
    job = comment_workflow()["jobs"]["comment"]
    return uses(job, "actions/github-script")["with"]["script"]


def post(tmp_path: Path, report: str | None, *, event_prs=(), open_prs=None, comments=(), head=SHA) -> list:
    folder = tmp_path / "diff-report"
    folder.mkdir(parents=True)
    if report is not None:
        (folder / "report.md").write_text(report, "utf-8")
        (folder / "report.json").write_text(json.dumps({"districts": ["haizhu", "bad slug"]}), "utf-8")
    pulls = open_prs if open_prs is not None else [{"number": 7, "state": "open", "head": {"sha": head}}]
    scenario = {
        "script": script(),
        "run": {"pull_requests": [{"number": n} for n in event_prs], "head_sha": SHA},
        "pulls": pulls,
        "artifacts": [{"name": "diff-report", "id": 1}, {"name": "site-preview", "id": 42}],
        "comments": list(comments),
        "env": {
            "REPORT_DIR": str(folder),
            "HEAD_SHA": SHA,
            "RUN_ID": "99",
            "RUN_URL": "https://github.com/gz/profiles/actions/runs/99",
            "SITE_URL": "https://gz.github.io/profiles",
        },
    }
    proc = subprocess.run([NODE, "-e", HARNESS], input=json.dumps(scenario), capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    return [c for c in json.loads(proc.stdout) if c[0] in ("create", "update")]


def test_the_comment_workflow_runs_after_pr_checks_with_exactly_two_permissions():
    wf = comment_workflow()
    assert wf["on"] == {"workflow_run": {"workflows": [workflow("pr.yml")["name"]], "types": ["completed"]}}
    assert wf["permissions"] == {}, "granted per job"
    assert wf["jobs"]["comment"]["permissions"] == {"actions": "read", "pull-requests": "write"}


def test_the_comment_workflow_never_checks_out_or_runs_pull_request_code():
    job = comment_workflow()["jobs"]["comment"]
    assert [s["uses"].split("@")[0] for s in steps(job)] == ["actions/download-artifact", "actions/github-script"]
    assert runs(job) == [], "no shell step: nothing from the artifact can be executed"
    download = uses(job, "actions/download-artifact")["with"]
    assert download["path"].startswith("${{ runner.temp }}") and download["name"] == "diff-report"
    assert download["run-id"] == "${{ github.event.workflow_run.id }}"
    assert "eval(" not in script() and "exec" not in script() and "require('child_process')" not in script()
    assert f"const MARKER = '{MARKER}'" in script()


def test_pr_checks_put_the_markdown_report_in_the_summary_and_an_artifact():
    job = next(iter(workflow("pr.yml")["jobs"].values()))
    report = next(s for s in steps(job) if "profiles diff" in s.get("run", ""))
    assert "--format markdown" in report["run"] and '>> "$GITHUB_STEP_SUMMARY"' in report["run"]
    assert "${{ github.event.pull_request.base.sha }}" == report["env"]["BASE_SHA"]
    upload = next(s for s in steps(job) if s.get("with", {}).get("name") == "diff-report")
    assert steps(job).index(report) < steps(job).index(upload)
    assert report["if"] == upload["if"] == "${{ !cancelled() }}", "a failed validation still shows the report"


needs_node = pytest.mark.skipif(NODE is None, reason="Node.js runs the comment script")


@needs_node
def test_a_fork_pull_request_is_found_by_head_sha_and_gets_one_new_comment(tmp_path):
    calls = post(tmp_path, f"{MARKER}\n### 数据改动审阅\n")
    assert [c[0] for c in calls] == ["create"]
    body = calls[0][1]["body"]
    assert calls[0][1]["issue_number"] == 7 and body.startswith(MARKER) and body.count(MARKER) == 1
    assert "/actions/runs/99/artifacts/42" in body, "links the preview artifact"
    assert "(https://gz.github.io/profiles/districts/haizhu/)" in body and "bad slug" not in body


@needs_node
def test_the_same_comment_is_updated_on_the_next_push(tmp_path):
    ours = {"id": 5, "user": {"type": "Bot"}, "body": f"{MARKER}\nold"}
    someone = {"id": 6, "user": {"type": "User"}, "body": f"{MARKER}\nan editor quoting the marker"}
    calls = post(tmp_path, "new report", event_prs=[7], comments=[someone, ours])
    assert [(c[0], c[1].get("comment_id")) for c in calls] == [("update", 5)]


@needs_node
def test_a_stale_run_or_no_single_pull_request_posts_nothing(tmp_path):
    assert post(tmp_path / "stale", "report", head="b" * 40) == []
    assert post(tmp_path / "closed", "report", open_prs=[]) == []
    assert post(tmp_path / "no-report", None) == []


@needs_node
def test_a_long_report_is_cut_to_githubs_limit_with_a_link_to_the_full_summary(tmp_path):
    rows = "\n".join(f"| 修改 | 目标 `goal-{i}` | {'长' * 80} | | |" for i in range(2000))
    calls = post(tmp_path, f"{MARKER}\n```geojson\n" + rows)
    body = calls[0][1]["body"]
    assert len(body) <= 65536 and body.endswith(
        "全文见[本次检查的摘要](https://github.com/gz/profiles/actions/runs/99)。"
    )
    assert body.count("```") % 2 == 0, "an open fence is closed before the note"


@needs_node
def test_a_hostile_report_is_defused_again_before_it_is_posted(tmp_path):
    calls = post(tmp_path, f"{MARKER}\n@octocat <img src=x> [src](<https://example.org/a>) {MARKER}")
    body = calls[0][1]["body"]
    assert "@\u200boctocat" in body and "&lt;img" in body and "(<https://example.org/a>)" in body
    assert body.count(MARKER) == 1
