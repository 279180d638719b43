"""Fuzzed loading: whatever an editor (or an attacker) puts in a data file — random bytes, random text,
random YAML structures, real files mangled — loading and validating it never raises; it only produces
`Problem`s, each pointing at file:line:col inside the file.
"""

from __future__ import annotations

import re
import shutil
import string
import typing
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from profiles.cli import main
from profiles.ingest.load import load_dataset
from profiles.ingest.messages import validate
from profiles.ingest.yamlload import load
from profiles.model import City, District, Registry, Sources
from tests.conftest import ROOT, VALID

FAST = settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture, HealthCheck.data_too_large],
)
MODELS: list[type[BaseModel]] = [District, City, Sources, Registry]
REAL = [
    ROOT / "data" / "districts" / "haizhu.yaml",
    ROOT / "data" / "city.yaml",
    ROOT / "data" / "sources.yaml",
    ROOT / "data" / "registry.yaml",
]


def _models_in(annotation) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [m for arg in typing.get_args(annotation) for m in _models_in(arg)]


def _field_names(model: type[BaseModel]) -> set[str]:
    """Every key the model accepts, at any depth: the fuzzer's keys hit real fields, not only typos."""
    names = set(model.model_fields)
    for field in model.model_fields.values():
        for inner in _models_in(field.annotation):
            names |= _field_names(inner)
    return names


NAMES = sorted(set().union(*(_field_names(m) for m in MODELS)))
KEYS = st.sampled_from(NAMES) | st.text(max_size=6)
SCALARS = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.text(max_size=12)
    | st.dates()
    | st.sampled_from(["yes", "no", "0571", "2025-02", "~", "", "440105", "at_least", "https://x.cn/", "1e400"])
)
VALUES = st.recursive(
    SCALARS, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(KEYS, inner, max_size=5), max_leaves=25
)
TRICKY = list(":-'\"\t#&*!{}[]|>%@`?,\n \\") + ["\u2028", "\u2029", "\x85", "\ufeff", "\x00", "\x1b", "\r", "  ", "- "]


def check(problems, path_shown: str, text: str | None = None) -> None:
    """Every problem names the file and a real position in it, counting lines as an editor does."""
    lines = len(re.findall(r"\r\n|\r|\n", text)) + 1 if text is not None else None
    for p in problems:
        assert re.match(rf"^{re.escape(p.file)}:\d+:\d+: ", p.format()), p.format()
        assert p.line >= 1 and p.col >= 1 and p.message and p.hint, p
        if lines is not None and p.file == path_shown:
            assert p.line <= lines + 1, (p.format(), lines)


@pytest.fixture(scope="module")
def work(tmp_path_factory) -> Path:
    """One folder for the module: each example rewrites its files (hypothesis runs hundreds per test)."""
    return tmp_path_factory.mktemp("fuzz")


def load_and_validate(work: Path, data: bytes) -> None:
    path = work / "file.yaml"
    path.write_bytes(data)
    doc, problems = load(path, "data/file.yaml")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = None
    check(problems, "data/file.yaml", text)
    if doc is not None:
        for model in MODELS:
            _, more = validate(model, doc)
            check(more, "data/file.yaml", text)


@FAST
@given(data=st.binary(max_size=300))
def test_random_bytes_give_problems_never_a_traceback(work, data):
    load_and_validate(work, data)


@FAST
@given(text=st.lists(st.characters(codec="utf-8") | st.sampled_from(TRICKY), max_size=120).map("".join))
def test_random_text_gives_problems_never_a_traceback(work, text):
    load_and_validate(work, text.encode("utf-8"))


@FAST
@given(doc=VALUES, unicode=st.booleans(), flow=st.sampled_from([None, True, False]))
def test_random_yaml_structures_give_problems_never_a_traceback(work, doc, unicode, flow):
    load_and_validate(
        work, yaml.safe_dump(doc, allow_unicode=unicode, default_flow_style=flow, sort_keys=False).encode()
    )


def _replace_somewhere(tree, data, depth=0):
    """`tree` with one subtree, chosen by hypothesis, replaced by a random value."""
    if depth > 6 or not isinstance(tree, (dict, list)) or not tree or data.draw(st.integers(0, 3)) == 0:
        return data.draw(VALUES)
    keys = list(tree) if isinstance(tree, dict) else list(range(len(tree)))
    key = data.draw(st.sampled_from(keys))
    out = dict(tree) if isinstance(tree, dict) else list(tree)
    out[key] = _replace_somewhere(tree[key], data, depth + 1)
    return out


@FAST
@given(data=st.data())
def test_valid_files_with_a_random_subtree_give_problems_never_a_traceback(work, data):
    source = data.draw(st.sampled_from(sorted(VALID.rglob("*.yaml"))))
    tree = _replace_somewhere(yaml.safe_load(source.read_text("utf-8")), data)
    load_and_validate(work, yaml.safe_dump(tree, allow_unicode=True, sort_keys=False).encode())


@st.composite
def mangled(draw) -> str:
    """A real data file with a few typing accidents: characters inserted, lines deleted, duplicated, re-indented."""
    text = draw(st.sampled_from(REAL)).read_text("utf-8")
    for _ in range(draw(st.integers(1, 4))):
        lines = text.split("\n")
        i = draw(st.integers(0, len(lines) - 1))
        op = draw(st.sampled_from(["insert", "delete", "duplicate", "indent", "truncate"]))
        if op == "insert":
            line = lines[i]
            at = draw(st.integers(0, len(line)))
            lines[i] = line[:at] + draw(st.sampled_from(TRICKY) | st.text(string.printable, max_size=3)) + line[at:]
        elif op == "delete":
            del lines[i]
        elif op == "duplicate":
            lines.insert(i, lines[i])
        elif op == "indent":
            lines[i] = draw(st.sampled_from(["", " ", "   ", "\t"])) + lines[i].lstrip()
        else:
            lines = lines[: i + 1]
        text = "\n".join(lines)
    return text


@FAST
@given(text=mangled())
def test_mangled_real_files_give_problems_never_a_traceback(work, text):
    load_and_validate(work, text.encode("utf-8"))


def _data_folder(work: Path, district: str) -> Path:
    folder = work / "project" / "data"
    if not folder.exists():
        shutil.copytree(VALID, folder)
    (folder / "districts" / "haizhu.yaml").write_text(district, "utf-8")
    return folder


@settings(FAST, max_examples=60)
@given(text=mangled())
def test_a_data_folder_with_a_mangled_district_loads_into_a_report(work, text):
    folder = _data_folder(work, text)
    _, report = load_dataset(folder, base=folder.parent)
    check(report.problems, "data/districts/haizhu.yaml", text)


@settings(FAST, max_examples=30)
@given(text=mangled())
def test_the_validate_command_on_a_mangled_district_exits_0_or_1_with_messages(work, text):
    folder = _data_folder(work, text)
    result = CliRunner().invoke(main, ["validate", "--root", str(folder.parent)], env={"PROFILES_NO_CACHE": "1"})
    assert isinstance(result.exception, (SystemExit, type(None))), result.exception
    assert result.exit_code in (0, 1) and "Traceback" not in result.output
    problem_lines = [line for line in result.output.splitlines() if line.startswith("  ")]
    assert all(re.match(r"^  data/\S+\.yaml:\d+:\d+: ", line) for line in problem_lines), result.output
    assert bool(problem_lines) or result.exit_code == 0


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\x85"])
def test_a_line_separator_yaml_would_count_is_refused_at_the_line_an_editor_shows(work, separator):
    path = work / "separator.yaml"
    path.write_text(f"slug: haizhu\nsummary: 一句{separator}两句\ncode: [\n", "utf-8")
    doc, problems = load(path, "data/separator.yaml")
    assert doc is None and [p.format()[:24] for p in problems] == ["data/separator.yaml:2:12"]
