"""Quotes are proven against the sources' archived text: a changed quote or one from another source is an error
at its line; width and whitespace do not matter; what cannot be checked is said, and does not fail."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from profiles.cli import main
from profiles.ingest import quotes
from profiles.ingest.load import load_dataset

ARCHIVE = Path(__file__).parent / "fixtures" / "archive"
TAGS = (quotes.NO_QUOTE, quotes.NOT_FOUND, quotes.NOT_FIRST, quotes.UNCHECKED)


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    return Path(shutil.copytree(ARCHIVE, tmp_path / "seeds"))


def report_of(data_dir: Path, archive_dir: Path | None):
    return load_dataset(data_dir, base=data_dir.parent, archive_dir=archive_dir)[1]


def tagged(report, tag: str):
    return [p for p in report.problems if p.english == tag]


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), "utf-8")


def line_of(path: Path, text: str) -> int:
    return next(i for i, ln in enumerate(path.read_text("utf-8").splitlines(), 1) if text in ln)


def test_normalising_folds_full_and_half_width_and_drops_every_whitespace():
    assert quotes.normalise("增长５.５％以上，\n　全年 引育") == quotes.normalise("增长5.5%以上,全年引育")
    assert quotes.passages("全年引育…直升机场") == quotes.passages("全年引育 ... 直升机场") == ["全年引育", "直升机场"]


def test_every_quote_of_the_valid_fixture_is_found_despite_width_and_line_breaks(data_dir, archive):
    # the archive writes ５.５％ and breaks 示范区 / 加快建设 across lines; the quotes do neither
    report = report_of(data_dir, archive)
    assert report.ok and [p for p in report.problems if p.english in TAGS] == [], report.render()


def test_a_changed_quote_is_an_error_naming_its_file_line_and_field(data_dir, archive):
    path = data_dir / "districts" / "haizhu.yaml"
    edit(path, "quote: 全年引育大模型企业超100个", "quote: 全年引育大模型企业超200个")
    [error] = report_of(data_dir, archive).errors
    assert (error.file, error.line, error.field) == (
        "data/districts/haizhu.yaml",
        line_of(path, "超200个"),
        "goals[1].quote",
    )
    assert "找不到" in error.message and "超200个" in error.message
    assert error.format().startswith(f"data/districts/haizhu.yaml:{error.line}:")


def test_a_quote_taken_from_a_source_the_fact_does_not_cite_is_an_error_naming_the_real_source(data_dir, archive):
    path = data_dir / "city.yaml"
    edit(path, "quote: 构建“12218”现代化产业体系", "quote: 全年引育大模型企业超100个")  # words of src-a, cites src-b
    [error] = report_of(data_dir, archive).errors
    assert (error.file, error.line, error.field) == (
        "data/city.yaml",
        line_of(path, "quote:"),
        "industrial_system.quote",
    )
    assert "src-a" in error.message and "src-b" in error.message


def test_passages_joined_by_an_ellipsis_must_all_be_in_one_cited_source(data_dir, archive):
    path = data_dir / "districts" / "haizhu.yaml"
    edit(path, "quote: 琶洲港澳码头直升机场正在规划", "quote: 全年引育…直升机场正在规划")
    assert report_of(data_dir, archive).ok
    edit(path, "sources: [src-a]\n    quote: 全年引育…", "sources: [src-a, src-b]\n    quote: 全年引育…12218”现代化")
    [error] = report_of(data_dir, archive).errors  # each passage is in some source, but not both in one
    assert error.field == "projects[0].quote"


def test_a_quote_found_only_in_a_later_cited_source_asks_for_that_source_first(data_dir, archive):
    path = data_dir / "districts" / "haizhu.yaml"
    edit(path, "sources: [src-a]\n    quote: 腾讯", "sources: [src-b, src-a]\n    quote: 腾讯")
    report = report_of(data_dir, archive)
    [warning] = tagged(report, quotes.NOT_FIRST)
    assert report.ok and warning.field == "enterprises[0].sources" and "src-a" in warning.hint


def test_a_fact_without_a_quote_is_a_warning_that_says_how_to_add_one(data_dir, archive):
    path = data_dir / "districts" / "haizhu.yaml"
    edit(path, "    quote: 腾讯微信启用新总部大楼\n", "")
    report = report_of(data_dir, archive)
    [warning] = tagged(report, quotes.NO_QUOTE)
    assert report.ok and warning.severity == "warning"
    assert (warning.line, warning.field) == (line_of(path, "id: tencent-wechat"), "enterprises[0].quote")
    assert "quote:" in warning.hint


def test_an_unverified_fact_without_sources_is_not_asked_for_a_quote(data_dir, archive):
    edit(
        data_dir / "districts" / "haizhu.yaml",
        "    sources: [src-a]\n    quote: 腾讯微信启用新总部大楼\n",
        "    unverified: true\n",
    )
    assert tagged(report_of(data_dir, archive), quotes.NO_QUOTE) == []


def test_without_the_archive_folder_validation_passes_and_says_no_quote_was_checked(data_dir, tmp_path):
    edit(data_dir / "districts" / "haizhu.yaml", "超100个", "超200个")
    report = report_of(data_dir, tmp_path / "absent")
    [notice] = tagged(report, quotes.UNCHECKED)
    assert report.ok and notice.file == "data/sources.yaml"
    assert "absent" in notice.message and "src-a" in notice.message and "src-b" in notice.message


def test_a_source_without_an_archive_file_is_named_and_its_quotes_are_not_judged(data_dir, archive):
    edit(data_dir / "sources.yaml", "    archive: src-b.txt\n", "")
    edit(data_dir / "city.yaml", "构建“12218”", "改写过的“12218”")
    report = report_of(data_dir, archive)
    [notice] = tagged(report, quotes.UNCHECKED)
    assert report.ok and notice.file == "data/sources.yaml" and "src-b" in notice.message
    assert notice.line == line_of(data_dir / "sources.yaml", "id: src-b")


def test_an_archive_file_missing_from_the_folder_is_named(data_dir, archive):
    (archive / "src-a.txt").unlink()
    [notice] = tagged(report_of(data_dir, archive), quotes.UNCHECKED)
    assert "src-a.txt" in notice.message and notice.field == "sources[0].archive"


def test_validate_reads_the_archive_folder_from_the_project_settings_and_fails_on_a_changed_quote(project):
    shutil.copytree(ARCHIVE, project.parent / "shared" / "seeds")  # archive_dir = "../shared/seeds"
    runner = CliRunner()
    assert runner.invoke(main, ["validate", "--root", str(project)]).exit_code == 0
    path = project / "data" / "districts" / "haizhu.yaml"
    edit(path, "直升机场正在规划", "直升机场已经建成")
    result = runner.invoke(main, ["validate", "--root", str(project)])
    assert result.exit_code == 1
    assert f"data/districts/haizhu.yaml:{line_of(path, '已经建成')}:12: projects[0].quote:" in result.output


def test_a_changed_archive_is_checked_again_not_served_from_the_cache(project):
    from profiles.base.config import load_config
    from profiles.site.build import validate

    seeds = Path(shutil.copytree(ARCHIVE, project.parent / "shared" / "seeds"))
    config = load_config(project)
    assert validate(config)[1].ok
    edit(seeds / "src-a.txt", "腾讯微信", "某公司")
    [error] = validate(config)[1].errors
    assert error.field == "enterprises[0].quote"


QUOTED_TWICE = (
    "    sources: [src-a, src-b]\n"
    "    quotes:\n"
    "      - {text: 琶洲港澳码头直升机场正在规划, source: src-a, where: 海珠区委书记谈2025年目标}\n"
    "      - {text: 15个战略性产业集群, source: src-b}\n"
)


def quoted_twice(data_dir: Path) -> Path:
    """The heliport with two quotes, one of each source, instead of its one `quote:`."""
    path = data_dir / "districts" / "haizhu.yaml"
    edit(path, "    sources: [src-a]\n    quote: 琶洲港澳码头直升机场正在规划\n", QUOTED_TWICE)
    return path


def test_two_quotes_each_naming_its_own_source_are_both_found(data_dir, archive):
    quoted_twice(data_dir)
    report = report_of(data_dir, archive)
    assert report.ok and [p for p in report.problems if p.english in TAGS] == [], report.render()


def test_each_of_several_quotes_is_looked_up_only_in_the_source_it_names(data_dir, archive):
    path = quoted_twice(data_dir)
    edit(path, "{text: 15个战略性产业集群, source: src-b}", "{text: 全年引育大模型企业超100个, source: src-b}")
    [error] = report_of(data_dir, archive).errors  # the words are src-a's, which the fact also cites
    assert (error.line, error.field, error.english) == (
        line_of(path, "source: src-b}"),
        "projects[0].quotes[1].text",
        quotes.NOT_FOUND,
    )
    assert "src-a" in error.message and "source" in error.hint


def test_a_quote_naming_a_source_the_fact_does_not_cite_is_an_error_even_without_the_archive(data_dir, tmp_path):
    path = quoted_twice(data_dir)
    edit(path, "    sources: [src-a, src-b]\n    quotes:", "    sources: [src-a]\n    quotes:")
    [error] = report_of(data_dir, tmp_path / "absent").errors
    assert (error.field, error.english) == ("projects[0].quotes[1].source", quotes.NOT_CITED)
    assert "src-b" in error.message and "sources" in error.hint


def test_a_heading_that_is_not_in_the_named_source_is_an_error_at_where(data_dir, archive):
    path = quoted_twice(data_dir)
    edit(path, "where: 海珠区委书记谈2025年目标", "where: 广州11区高质量发展大会")  # src-b's heading, not src-a's
    [error] = report_of(data_dir, archive).errors
    assert (error.field, error.english) == ("projects[0].quotes[0].where", quotes.WHERE_NOT_FOUND)
