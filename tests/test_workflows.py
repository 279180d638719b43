"""The checks where editors work: GitHub workflows for pull requests and deployment, and pre-commit hooks."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
CHECK_JSONSCHEMA = Path(sys.executable).parent / "check-jsonschema"


def workflow(name: str) -> dict:
    data = yaml.safe_load((ROOT / ".github" / "workflows" / name).read_text("utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # PyYAML (YAML 1.1) reads the key `on` as True
    return data


def steps(job: dict) -> list[dict]:
    return job["steps"]


def runs(job: dict) -> list[str]:
    return [s["run"].strip() for s in steps(job) if "run" in s]


def uses(job: dict, action: str) -> dict:
    found = [s for s in steps(job) if s.get("uses", "").split("@")[0] == action]
    assert found, f"no step uses {action}"
    return found[0]


def test_the_three_workflows_exist():
    assert [p.name for p in WORKFLOWS] == ["deploy.yml", "pr-comment.yml", "pr.yml"]


@pytest.mark.parametrize("schema", ["vendor.github-workflows", "custom.github-workflows-require-timeout"])
def test_workflows_are_valid_under_check_jsonschemas_builtin_schema(schema):
    # Built-in schemas ship inside the check-jsonschema package: this runs offline.
    proc = subprocess.run(
        [str(CHECK_JSONSCHEMA), "--builtin-schema", schema, *map(str, WORKFLOWS)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_pull_requests_validate_build_strictly_test_and_upload_a_preview():
    pr = workflow("pr.yml")
    assert "pull_request" in pr["on"]
    job = next(iter(pr["jobs"].values()))
    assert uses(job, "actions/checkout")["with"]["fetch-depth"] == 0, "last-changed dates need the whole history"
    assert str(uses(job, "actions/setup-python")["with"]["python-version"]) == "3.11"
    commands = runs(job)
    order = [next(i for i, c in enumerate(commands) if c == f"make {t}") for t in ("validate", "site", "test")]
    assert order == sorted(order), "validate, then the strict site build, then the tests"
    upload = next(s for s in steps(job) if s.get("with", {}).get("name") == "site-preview")
    assert upload["uses"].startswith("actions/upload-artifact@") and upload["with"]["path"].rstrip("/") == "site"
    assert steps(job).index(upload) < next(
        i for i, s in enumerate(steps(job)) if s.get("run", "").strip() == "make test"
    )
    assert pr["permissions"] == {} and job["permissions"] == {"contents": "read"}


def test_pushes_to_main_deploy_to_github_pages_one_at_a_time():
    deploy = workflow("deploy.yml")
    assert deploy["on"]["push"]["branches"] == ["main"]
    assert deploy["concurrency"]["group"] and deploy["concurrency"]["cancel-in-progress"] is False
    build, publish = deploy["jobs"]["build"], deploy["jobs"]["deploy"]
    assert deploy["permissions"] == {}, "granted per job: the build cannot publish"
    assert build["permissions"] == {"contents": "read"}
    assert publish["permissions"] == {"pages": "write", "id-token": "write"}
    assert uses(build, "actions/checkout")["with"]["fetch-depth"] == 0
    assert "make site" in runs(build)
    assert uses(build, "actions/upload-pages-artifact")["with"]["path"].rstrip("/") == "site"
    assert publish["needs"] == "build" and publish["environment"]["name"] == "github-pages"
    assert uses(publish, "actions/deploy-pages")["id"] == "deployment"


def pre_commit_hooks() -> list[dict]:
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text("utf-8"))
    return [hook for repo in config["repos"] if repo["repo"] == "local" for hook in repo["hooks"]]


def test_pre_commit_runs_validate_and_the_schema_check():
    entries = {" ".join(shlex.split(h["entry"])[1:]) for h in pre_commit_hooks()}
    assert entries == {"-m profiles validate", "-m profiles schema --check"}
    assert all(h["language"] == "system" and h["pass_filenames"] is False for h in pre_commit_hooks())


@pytest.mark.parametrize("hook", pre_commit_hooks(), ids=lambda h: h["id"])
def test_each_pre_commit_hook_passes_on_the_committed_tree(hook):
    argv = shlex.split(hook["entry"])
    argv[0] = sys.executable if argv[0].endswith("python") else argv[0]
    proc = subprocess.run(argv, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr


# --- supply chain: what zizmor audits, said here too so a failure names the rule ---------------------------------

ZIZMOR = Path(sys.executable).parent / "zizmor"
PINNED = re.compile(r"^[\w.-]+/[\w./-]+@[0-9a-f]{40}$")


def all_steps() -> list[tuple[str, dict]]:
    return [(p.name, s) for p in WORKFLOWS for job in workflow(p.name)["jobs"].values() for s in job.get("steps", [])]


def test_every_action_is_pinned_to_a_full_commit_sha_with_its_version_in_a_comment():
    for path in WORKFLOWS:
        for line in path.read_text("utf-8").splitlines():
            if "uses:" not in line:
                continue
            ref, _, comment = line.split("uses:", 1)[1].partition("#")
            assert PINNED.match(ref.strip()), f"{path.name}: {line.strip()} is not pinned to a commit"
            assert re.fullmatch(r" v\d+\.\d+\.\d+", comment), f"{path.name}: {line.strip()} names no version"


def test_checkouts_persist_no_credentials_and_fetch_the_whole_history():
    checkouts = [(name, s) for name, s in all_steps() if s.get("uses", "").startswith("actions/checkout@")]
    assert checkouts, "some workflow checks out the repository"
    for name, step in checkouts:
        assert step["with"]["persist-credentials"] is False, name
        assert step["with"]["fetch-depth"] == 0, f"{name}: the change history is read from git"


def test_no_workflow_grants_permissions_to_all_its_jobs():
    for path in WORKFLOWS:
        wf = workflow(path.name)
        assert wf["permissions"] == {}, path.name
        assert all("permissions" in job for job in wf["jobs"].values()), path.name


def test_workflow_run_is_kept_only_with_a_suppression_that_says_why():
    for path in WORKFLOWS:
        text = path.read_text("utf-8")
        if "workflow_run" not in workflow(path.name)["on"]:
            assert "zizmor: ignore" not in text, path.name
            continue
        on_line = next(line for line in text.splitlines() if line.startswith("on:"))
        assert "zizmor: ignore[dangerous-triggers]" in on_line and "safe here" in on_line, path.name
        assert "checks out nothing" in text and "runs no code" in text


def test_zizmor_finds_nothing_offline():
    proc = subprocess.run(
        [str(ZIZMOR), "--offline", "--format", "plain", *map(str, WORKFLOWS)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0 and "No findings" in proc.stdout + proc.stderr, proc.stdout + proc.stderr


def test_make_lint_runs_zizmor_and_actionlint():
    lint = (ROOT / "Makefile").read_text("utf-8").split("\nlint:", 1)[1].split("\n\n", 1)[0]
    assert "zizmor --offline" in lint and "actionlint" in lint
