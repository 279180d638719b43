import tracemalloc
from pathlib import Path

from profiles.ingest.yamlload import load


def write(tmp_path: Path, text: str | bytes) -> Path:
    path = tmp_path / "x.yaml"
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return path


def load_text(tmp_path, text):
    return load(write(tmp_path, text), "x.yaml")


def test_plain_scalars_follow_simple_predictable_rules(tmp_path):
    doc, problems = load_text(tmp_path, 'a: 12\nb: 1.5\nc: true\nd: ~\ne: 2025-02-07\nf: "0571"\ng: 文字\n')
    assert problems == []
    assert doc.data == {"a": 12, "b": 1.5, "c": True, "d": None, "e": "2025-02-07", "f": "0571", "g": "文字"}


def test_dates_stay_text_so_partial_dates_and_codes_keep_their_form(tmp_path):
    doc, _ = load_text(tmp_path, "as_of: 2025-02\npublished: 2025-02-07\n")
    assert doc.data == {"as_of": "2025-02", "published": "2025-02-07"}


def test_octal_looking_number_is_refused_with_position(tmp_path):
    _, problems = load_text(tmp_path, "name: x\ncode: 0571\n")
    assert [(p.line, p.col, p.field) for p in problems] == [(2, 7, "code")]
    assert '"0571"' in problems[0].hint


def test_yaml11_boolean_words_are_refused_not_guessed(tmp_path):
    _, problems = load_text(tmp_path, "flag: no\nother: yes\n")
    assert [p.line for p in problems] == [1, 2]
    assert "true" in problems[0].hint


def test_every_node_position_is_recorded_for_messages(tmp_path):
    doc, _ = load_text(tmp_path, "goals:\n  - id: a\n    year: 2025\n")
    assert doc.locate(("goals", 0, "year")) == (3, 11)
    assert doc.locate(("goals", 0, "year"), key=True) == (3, 5)
    assert doc.locate(("goals", 0, "missing")) == (2, 5)  # falls back to the nearest parent


def test_duplicate_key_names_the_first_line(tmp_path):
    _, problems = load_text(tmp_path, "a: 1\nb: 2\na: 3\n")
    assert problems[0].line == 3 and "第 1 行" in problems[0].message


def test_alias_bomb_is_refused_quickly_with_bounded_memory(tmp_path):
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(9):
        prev, cur = chr(97 + i), chr(98 + i)
        lines.append(f"{cur}: &{cur} [" + ",".join([f"*{prev}"] * 9) + "]")
    path = write(tmp_path, "\n".join(lines) + "\n")
    tracemalloc.start()
    doc, problems = load(path, "x.yaml")
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert doc is None and "锚点" in problems[0].message
    assert peak < 5_000_000  # 9 levels of 9 aliases would be 387 million nodes if expanded


def test_alias_without_anchor_is_refused(tmp_path):
    _, problems = load_text(tmp_path, "a: *b\n")
    assert problems and problems[0].line == 1


def test_python_tag_is_refused_and_shown_as_written(tmp_path):
    _, problems = load_text(tmp_path, 'a: !!python/object/apply:os.system ["true"]\n')
    assert "!!python/object/apply:os.system" in problems[0].message


def test_bom_and_non_utf8_are_reported_with_their_line(tmp_path):
    _, bom = load_text(tmp_path, b"\xef\xbb\xbfa: 1\n")
    _, gbk = load_text(tmp_path, "a: 1\nb: ".encode() + "海珠".encode("gbk") + b"\n")
    assert "BOM" in bom[0].message and (bom[0].line, bom[0].col) == (1, 1)
    assert "UTF-8" in gbk[0].message and gbk[0].line == 2


def test_tab_indentation_is_reported_at_the_tab(tmp_path):
    _, problems = load_text(tmp_path, "a:\n\tb: 1\n")
    assert (problems[0].line, problems[0].col) == (2, 1) and "Tab" in problems[0].message


def test_empty_and_comment_only_files_are_reported(tmp_path):
    assert "空" in load_text(tmp_path, "")[1][0].message
    assert "空" in load_text(tmp_path, "# only a comment\n")[1][0].message
