"""The JSON Schemas editors' editors use: committed, in step with the models, and true to the data."""

from __future__ import annotations

import json
import resource
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from profiles.cli import main
from profiles.outputs import schema

ROOT = Path(__file__).resolve().parent.parent
CHECK_JSONSCHEMA = Path(sys.executable).parent / "check-jsonschema"
DATA = ROOT / "data"
DATA_FILES = {
    "district": sorted((DATA / "districts").glob("*.yaml")),
    "city": [DATA / "city.yaml"],
    "sources": [DATA / "sources.yaml"],
}


def _limit_memory() -> None:
    # ruamel (inside check-jsonschema) expands YAML aliases: a "billion laughs" file must fail, not
    # swallow the machine. Our own loader refuses aliases; this guards the third-party tool.
    resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))


def check_jsonschema(schema_file: Path, *files: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(CHECK_JSONSCHEMA), "--schemafile", str(schema_file), *map(str, files)],
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=_limit_memory,
    )


def test_committed_schema_matches_the_models():
    stale = schema.drift(ROOT / "schema")
    assert not stale, f"schema/{', schema/'.join(stale)} differ from profiles/model/: run `python -m profiles schema`"


def test_schema_files_are_deterministic_json_with_sorted_keys_and_a_trailing_newline():
    for name, text in schema.rendered().items():
        assert text == schema.rendered()[name]
        assert text.endswith("}\n") and not text.endswith("\n\n")
        parsed = json.loads(text)
        assert json.dumps(parsed, sort_keys=True, indent=2, ensure_ascii=False) + "\n" == text
        assert "\\u" not in text, f"{name}: Chinese descriptions must stay readable, not \\u-escaped"


def test_every_schema_is_draft_2020_12_and_valid_under_its_metaschema():
    files = [ROOT / "schema" / name for name in schema.rendered()]
    for path in files:
        assert json.loads(path.read_text("utf-8"))["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    proc = subprocess.run(
        [str(CHECK_JSONSCHEMA), "--check-metaschema", *map(str, files)], capture_output=True, text=True, timeout=120
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


@pytest.mark.parametrize("name", list(DATA_FILES))
def test_every_data_file_passes_check_jsonschema_with_its_schema(name):
    proc = check_jsonschema(ROOT / "schema" / f"{name}.schema.json", *DATA_FILES[name])
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_the_valid_fixture_passes_too():
    fixtures = ROOT / "tests" / "fixtures" / "valid"
    for name, files in (
        ("district", sorted((fixtures / "districts").glob("*.yaml"))),
        ("city", [fixtures / "city.yaml"]),
        ("sources", [fixtures / "sources.yaml"]),
    ):
        proc = check_jsonschema(ROOT / "schema" / f"{name}.schema.json", *files)
        assert proc.returncode == 0, proc.stdout + proc.stderr


def test_an_unknown_key_fails_check_jsonschema(tmp_path):
    bad = tmp_path / "haizhu.yaml"
    bad.write_text((DATA / "districts" / "haizhu.yaml").read_text("utf-8") + "population_millions: 1.8\n", "utf-8")
    proc = check_jsonschema(ROOT / "schema" / "district.schema.json", bad)
    assert proc.returncode == 1
    assert "population_millions" in proc.stdout


@pytest.mark.parametrize(
    "line, found",
    [
        ("    published: 2025-02-07\n", True),  # unquoted: ruamel's timestamp is loaded as text
        ('    published: "2025-02-07"\n', True),
        ("    published: 2025-02-30\n", False),  # format: date is checked
        ("    published: 2025\n", False),
    ],
)
def test_published_accepts_an_unquoted_yaml_date_and_refuses_a_wrong_one(tmp_path, line, found):
    path = tmp_path / "sources.yaml"
    path.write_text("sources:\n  - id: a\n    title: 标题\n    publisher: 媒体\n" + line, "utf-8")
    proc = check_jsonschema(ROOT / "schema" / "sources.schema.json", path)
    assert (proc.returncode == 0) is found, proc.stdout


@pytest.mark.parametrize(
    "item, ok",
    [
        ("{id: a, text: 一句话, sources: [src-a]}", True),
        ("{id: a, text: 一句话, unverified: true}", True),
        ("{id: a, text: 一句话}", False),  # the models' needs-source rule, in the schema too
        ("{id: a, text: 一句话, sources: []}", False),
    ],
)
def test_a_fact_needs_a_source_or_the_unverified_flag_in_the_schema_too(tmp_path, item, ok):
    path = tmp_path / "haizhu.yaml"
    path.write_text(
        f'slug: haizhu\nname: {{zh: 海珠区, en: Haizhu}}\ncode: "440105"\nsummary: 简介\nroles:\n  - {item}\n', "utf-8"
    )
    proc = check_jsonschema(ROOT / "schema" / "district.schema.json", path)
    assert (proc.returncode == 0) is ok, proc.stdout


def test_a_non_http_url_fails_the_schema_as_it_fails_the_model(tmp_path):
    path = tmp_path / "sources.yaml"
    path.write_text(
        "sources:\n  - id: a\n    title: t\n    publisher: p\n    published: 2025-01-01\n"
        "    url: javascript:alert(1)\n",
        "utf-8",
    )
    assert check_jsonschema(ROOT / "schema" / "sources.schema.json", path).returncode == 1


@pytest.mark.parametrize("name", list(DATA_FILES))
def test_every_data_file_first_line_points_at_its_schema(name):
    for path in DATA_FILES[name]:
        first = path.read_text("utf-8").split("\n", 1)[0]
        assert first == schema.SCHEMA_COMMENT[name], (
            f"{path.relative_to(ROOT)}: first line should be {schema.SCHEMA_COMMENT[name]}"
        )
        target = (path.parent / first.split("$schema=", 1)[1]).resolve()
        assert target == (ROOT / "schema" / f"{name}.schema.json").resolve() and target.is_file()


def test_schema_check_fails_with_a_clear_message_when_schema_drifts(tmp_path):
    project = tmp_path / "project"
    shutil.copytree(ROOT / "schema", project / "schema")
    shutil.copy(ROOT / "CONTRIBUTING.md", project / "CONTRIBUTING.md")
    runner = CliRunner()
    assert runner.invoke(main, ["schema", "--check", "--root", str(project)]).exit_code == 0
    stale = project / "schema" / "district.schema.json"
    stale.write_text(stale.read_text("utf-8").replace("拼音编号", "编号"), "utf-8")
    result = runner.invoke(main, ["schema", "--check", "--root", str(project)])
    assert result.exit_code == 1
    assert "schema/district.schema.json" in result.output and "python -m profiles schema" in result.output


def test_schema_command_rewrites_what_drifted_and_then_check_passes(tmp_path):
    project = tmp_path / "project"
    (project / "schema").mkdir(parents=True)
    shutil.copy(ROOT / "CONTRIBUTING.md", project / "CONTRIBUTING.md")
    runner = CliRunner()
    result = runner.invoke(main, ["schema", "--root", str(project)])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (project / "schema").iterdir()) == sorted(schema.rendered())
    assert runner.invoke(main, ["schema", "--check", "--root", str(project)]).exit_code == 0


def test_write_schemas_publishes_the_same_bytes_as_the_committed_files(tmp_path):
    schema.write_schemas(tmp_path / "site-schema")
    for name in schema.rendered():
        assert (tmp_path / "site-schema" / name).read_bytes() == (ROOT / "schema" / name).read_bytes()
