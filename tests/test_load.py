"""Loading a whole data folder: every problem collected, cross-file checks, the registry both ways."""

from pathlib import Path

from profiles.ingest.load import load_dataset


def problems(data_dir: Path, severity="error"):
    _, report = load_dataset(data_dir, base=data_dir.parent)
    return [p for p in report.problems if p.severity == severity]


def test_valid_fixture_has_no_errors(data_dir):
    dataset, report = load_dataset(data_dir, base=data_dir.parent)
    assert report.ok, report.render()
    assert list(dataset.districts) == ["haizhu"]
    assert dataset.districts["haizhu"].goals[0].target.value == 5.5


def test_missing_district_is_a_warning_and_unknown_slug_an_error(data_dir):
    (data_dir / "districts" / "shenzhen.yaml").write_text("slug: shenzhen\n", "utf-8")
    errors = problems(data_dir)
    warnings = problems(data_dir, "warning")
    assert any("shenzhen.yaml" in p.file and "registry.yaml" in p.message for p in errors)
    assert sum("还没有写" in p.message for p in warnings) == 10


def test_errors_in_several_files_are_all_reported(data_dir):
    (data_dir / "districts" / "tianhe.yaml").write_text("slug: tianhe\nnmae: x\n", "utf-8")
    text = (data_dir / "districts" / "haizhu.yaml").read_text("utf-8").replace("src-a]", "src-nope]", 1)
    (data_dir / "districts" / "haizhu.yaml").write_text(text, "utf-8")
    files = {Path(p.file).name for p in problems(data_dir)}
    assert {"tianhe.yaml", "haizhu.yaml"} <= files


def test_unknown_source_is_reported_with_line(data_dir):
    path = data_dir / "districts" / "haizhu.yaml"
    path.write_text(path.read_text("utf-8").replace("summary_sources: [src-a]", "summary_sources: [src-x]"), "utf-8")
    [p] = problems(data_dir)
    assert (p.line, p.field) == (5, "summary_sources[0]") and "src-x" in p.message


def test_source_urls_accept_only_http_and_https(data_dir):
    path = data_dir / "sources.yaml"
    path.write_text(path.read_text("utf-8") + "    url: javascript:alert(1)\n", "utf-8")
    [p] = problems(data_dir)
    assert p.file.endswith("sources.yaml") and "http" in p.message and p.field == "sources[1].url"


def test_duplicate_source_id_is_an_error(data_dir):
    path = data_dir / "sources.yaml"
    path.write_text(path.read_text("utf-8").replace("id: src-b", "id: src-a"), "utf-8")
    assert any("重复" in p.message for p in problems(data_dir))


def test_uncited_source_is_a_warning_only(data_dir):
    path = data_dir / "sources.yaml"
    path.write_text(
        path.read_text("utf-8") + "  - id: src-c\n    title: t\n    publisher: p\n    published: 2025-01-01\n", "utf-8"
    )
    assert problems(data_dir) == []
    assert any("src-c" in p.message for p in problems(data_dir, "warning"))


def test_past_goal_without_status_is_a_warning(data_dir):
    path = data_dir / "districts" / "haizhu.yaml"
    path.write_text(path.read_text("utf-8").replace("    status: unknown\n", "", 1), "utf-8")
    assert problems(data_dir) == []
    assert any("已过" in p.message for p in problems(data_dir, "warning"))


def test_coordinates_more_precise_than_claimed_are_a_warning(data_dir):
    path = data_dir / "districts" / "haizhu.yaml"
    path.write_text(
        path.read_text("utf-8").replace(
            "lon: 113.37, lat: 23.1, precision: approximate, error_m: 2000, basis",
            "lon: 113.371234, lat: 23.1, precision: approximate, error_m: 2000, basis",
        ),
        "utf-8",
    )
    assert any("小数位" in p.message for p in problems(data_dir, "warning"))


def test_registry_is_checked_both_ways_from_the_data_folder(data_dir):
    (data_dir / "registry.yaml").write_text(
        'districts:\n  - {slug: haizhu, zh: 海珠区, en: Haizhu District, code: "440105"}\n'
        '  - {slug: nowhere, zh: 无区, en: Nowhere, code: "440199"}\n',
        "utf-8",
    )
    warnings = problems(data_dir, "warning")
    assert problems(data_dir) == []
    assert [p.file for p in warnings if "还没有写" in p.message] == ["data/districts/nowhere.yaml"]


def test_missing_registry_is_an_error(data_dir):
    (data_dir / "registry.yaml").unlink()
    assert any("registry.yaml" in p.file for p in problems(data_dir))


def test_an_approximate_point_without_its_likely_error_in_metres_is_a_warning_at_its_precision(data_dir):
    path = data_dir / "districts" / "haizhu.yaml"
    path.write_text(
        path.read_text("utf-8").replace("precision: approximate, error_m: 2000}", "precision: approximate}")
    )
    [warning] = [p for p in problems(data_dir, "warning") if "error_m" in p.hint]
    assert problems(data_dir) == [] and warning.field == "projects[0].location.precision"
    assert warning.line == next(
        i for i, ln in enumerate(path.read_text("utf-8").splitlines(), 1) if "approximate}" in ln
    )


def test_a_fact_with_both_quote_and_quotes_is_refused_with_what_to_keep(data_dir):
    path = data_dir / "districts" / "haizhu.yaml"
    text = path.read_text("utf-8").replace(
        "    quote: 琶洲港澳码头直升机场正在规划\n",
        "    quote: 琶洲港澳码头直升机场正在规划\n    quotes: [{text: 琶洲港澳码头直升机场, source: src-a}]\n",
    )
    path.write_text(text, "utf-8")
    [p] = problems(data_dir)
    assert p.field == "projects[0]" and "quote 和 quotes 只能写一个" in p.message and "quotes" in p.hint


def test_an_indicators_comparator_is_written_on_the_indicator_not_inside_its_value(data_dir):
    path = data_dir / "districts" / "haizhu.yaml"
    text = path.read_text("utf-8").replace(
        "enterprises:",
        "indicators:\n  - id: revenue\n    theme: 数字经济\n    statement: 营收超千亿元。\n    metric: 营收\n"
        '    value: {value: 1000, unit: 亿元, comparator: more_than}\n    as_of: "2025-02"\n'
        "    sources: [src-a]\n    quote: 全年引育大模型企业超100个\nenterprises:",
    )
    path.write_text(text, "utf-8")
    [p] = problems(data_dir)
    assert p.field == "indicators[0]" and "comparator" in p.message and "comparator: more_than" in p.hint


def test_a_park_and_a_project_may_state_investment_and_area_with_the_sources_comparator(data_dir):
    path = data_dir / "districts" / "haizhu.yaml"
    text = path.read_text("utf-8").replace(
        "    status: planned\n",
        "    status: planned\n    investment: {value: 200, unit: 亿元, comparator: more_than}\n"
        "    area: {value: 7500, unit: 亩, comparator: about}\n",
    )
    path.write_text(text, "utf-8")
    dataset, report = load_dataset(data_dir, base=data_dir.parent)
    project = dataset.districts["haizhu"].projects[0]
    assert report.ok and (project.investment.comparator.word, project.area.comparator.symbol) == ("超过", "≈")
