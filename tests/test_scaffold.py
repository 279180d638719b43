"""`python -m profiles new …`: a placeholder that keeps the file intact, fails until filled, passes once filled."""

from __future__ import annotations

import difflib
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from profiles.cli import main
from profiles.ingest.load import load_dataset
from profiles.site.scaffold import KINDS, ScaffoldError, add, block, insert_item, required_fields

# A right value for every placeholder, as an editor would type it after reading the source.
FILL = {
    "id": "new-item-2025",
    "name": "新园区",
    "kind": "cluster",
    "lon": "113.37",
    "lat": "23.1",
    "precision": "approximate",
    "category": "industry",
    "status": "planned",
    "status_as_of": '"2025-02"',
    "theme": "投资",
    "statement": "一句话转述",
    "metric": "投资额",
    "year": "2025",
    "sector": "互联网",
    "role": "在本区设立总部",
    "title": "一篇报道",
    "publisher": "羊城晚报",
    "published": "2025-02-07",
    "sources": "[src-a]",
    "quote": "全年引育大模型企业超100个",
    "location": "",
}
PLACEHOLDER = re.compile(r"^(?P<indent>\s*-?\s*)(?P<name>[a-z_]+):(?P<value>[^#]*)# TODO")


def fill(text: str) -> str:
    """Replace every TODO placeholder with a right value; everything else stays as the scaffold wrote it."""
    out = []
    for line in text.splitlines(keepends=True):
        m = PLACEHOLDER.match(line)
        if m and m["name"] != "location":
            line = f"{m['indent']}{m['name']}: {FILL[m['name']]}\n"
        out.append(line)
    return "".join(out)


def validate(data_dir: Path):
    return load_dataset(data_dir, base=data_dir.parent)[1]


def target(data_dir: Path, kind: str) -> Path:
    return data_dir / ("sources.yaml" if kind == "source" else "districts/haizhu.yaml")


def test_the_fixture_is_valid_before_anything_is_added(data_dir):
    assert validate(data_dir).ok, validate(data_dir).render()


@pytest.mark.parametrize("kind", list(KINDS))
def test_new_item_only_inserts_lines_and_keeps_every_existing_line_and_comment(data_dir, kind):
    path = target(data_dir, kind)
    path.write_text("# 编者按：这一行注释必须保留\n" + path.read_text("utf-8"), "utf-8")
    before = path.read_text("utf-8").splitlines()
    add(data_dir, kind, "haizhu")
    after = path.read_text("utf-8").splitlines()
    ops = {op for op, *_ in difflib.SequenceMatcher(a=before, b=after, autojunk=False).get_opcodes()}
    assert ops == {"equal", "insert"}, "the scaffold must never change or delete an existing line"
    assert len(after) > len(before)


@pytest.mark.parametrize("kind", list(KINDS))
def test_the_placeholder_fails_validation_at_each_line_to_fill(data_dir, kind):
    line = add(data_dir, kind, "haizhu")[1]
    report = validate(data_dir)
    assert not report.ok
    shown = f"data/{target(data_dir, kind).relative_to(data_dir).as_posix()}"
    text = target(data_dir, kind).read_text("utf-8").splitlines()
    todo_lines = {n for n, ln in enumerate(text, 1) if "# TODO" in ln and not ln.strip().startswith("#")}
    error_lines = {p.line for p in report.errors if p.file == shown}
    assert error_lines and error_lines <= todo_lines, "every error must point at a TODO line of the new item"
    assert line in error_lines, "the line the command prints is where the first error is"
    fields = {p.field.rsplit(".", 1)[-1] for p in report.errors}
    assert fields >= set(required_fields(kind)) - {"sources", "location"}


@pytest.mark.parametrize("kind", list(KINDS))
def test_once_every_todo_is_filled_the_data_is_valid_again(data_dir, kind):
    add(data_dir, kind, "haizhu")
    path = target(data_dir, kind)
    path.write_text(fill(path.read_text("utf-8")), "utf-8")
    report = validate(data_dir)
    assert report.ok, report.render()


def test_sources_left_empty_is_the_last_error_and_says_what_to_cite(data_dir):
    add(data_dir, "enterprise", "haizhu")
    path = target(data_dir, "enterprise")
    path.write_text(
        "sources: []\n    quote:".join(fill(path.read_text("utf-8")).rsplit("sources: [src-a]\n    quote:", 1)),
        "utf-8",
    )
    errors = validate(data_dir).errors
    assert [e.message for e in errors] == ["缺少出处"], [e.format() for e in errors]
    assert "sources" in errors[0].hint


def test_the_new_item_goes_to_the_end_of_its_list_not_the_end_of_the_file(data_dir):
    add(data_dir, "goal", "haizhu", "new-goal-2026")
    text = target(data_dir, "goal").read_text("utf-8")
    assert text.index("new-goal-2026") < text.index("\nenterprises:")
    assert "new-goal-2026" in text.split("\nenterprises:")[0].split("\ngoals:")[1]


def test_a_given_id_is_written_and_not_marked_todo(data_dir):
    add(data_dir, "park", "haizhu", "pazhou-new-zone")
    text = target(data_dir, "park").read_text("utf-8")
    assert "- id: pazhou-new-zone\n" in text


def test_an_id_already_used_in_the_file_is_refused_and_nothing_is_written(data_dir):
    path = target(data_dir, "park")
    before = path.read_bytes()
    with pytest.raises(ScaffoldError, match="已经用过"):
        add(data_dir, "park", "haizhu", "tencent-wechat")  # an enterprise id: ids are unique per file
    assert path.read_bytes() == before


def test_an_invalid_id_or_unknown_district_is_refused_with_a_chinese_message(data_dir):
    with pytest.raises(ScaffoldError, match="不是有效的编号"):
        add(data_dir, "park", "haizhu", "Pazhou Zone")
    with pytest.raises(ScaffoldError, match="haizhu"):
        add(data_dir, "park", "atlantis")
    with pytest.raises(ScaffoldError, match="--district"):
        add(data_dir, "park", None)


def test_a_file_with_a_syntax_error_is_left_alone(data_dir):
    path = target(data_dir, "park")
    path.write_text(path.read_text("utf-8") + "parks: [unclosed\n", "utf-8")
    before = path.read_bytes()
    with pytest.raises(ScaffoldError, match="语法错误"):
        add(data_dir, "park", "haizhu")
    assert path.read_bytes() == before


def test_a_missing_list_is_created_at_the_end_of_the_file(data_dir):
    path = target(data_dir, "project")
    text = path.read_text("utf-8")
    text = text[: text.index("projects:")]  # the last list in the fixture
    path.write_text(text, "utf-8")
    add(data_dir, "project", "haizhu")
    new = path.read_text("utf-8")
    assert new.startswith(text) and "\nprojects:\n  # TODO" in new


def test_an_empty_flow_list_becomes_a_block_list_and_keeps_its_comment():
    text = "slug: haizhu\nparks: []  # 暂无\ngaps: []\n"
    new, line = insert_item(text, "parks", lambda indent: block("park", indent))
    assert new.startswith("slug: haizhu\nparks:  # 暂无\n  # TODO")
    assert new.endswith("gaps: []\n")
    assert new.splitlines()[line - 1].startswith("  - id:")


def test_indentless_lists_and_comments_before_the_next_key_are_respected():
    text = "parks:\n- id: a\n  name: A\n\n# 以下是项目\nprojects: []\n"
    new, _ = insert_item(text, "parks", lambda indent: block("park", indent))
    assert '\n- id: ""' in new, "the new item uses the list's own indentation"
    assert new.index('- id: ""') < new.index("# 以下是项目"), "the comment stays with the key it describes"


def test_the_cli_says_where_the_item_went_and_what_to_do_next(data_dir):
    result = CliRunner().invoke(main, ["new", "project", "--district", "haizhu", "--data", str(data_dir)])
    assert result.exit_code == 0, result.output
    assert re.search(r"haizhu\.yaml:\d+", result.output) and "TODO" in result.output and "validate" in result.output


def test_the_cli_exits_nonzero_without_a_traceback_when_it_cannot_add(data_dir):
    result = CliRunner().invoke(main, ["new", "park", "--district", "atlantis", "--data", str(data_dir)])
    assert result.exit_code == 1 and "没有添加" in result.output and "Traceback" not in result.output


@pytest.mark.parametrize("kind", [k for k in KINDS if k != "source"])
def test_every_new_fact_asks_for_its_quote_right_after_its_sources(kind):
    lines = [ln.strip() for ln in block(kind)]
    at = next(i for i, ln in enumerate(lines) if ln.startswith("sources:"))
    assert lines[at + 1].startswith('quote: ""  # TODO') and "逐字" in lines[at + 1]
