"""The English edition's data (profiles/i18n): translations keyed by the text they translate; a changed Chinese
text leaves its translation stale (a warning), a key that names no text is a warning, coverage is reported, and
nothing about translations is ever an error."""

from __future__ import annotations

from profiles.ingest.i18n.texts import texts
from profiles.ingest.load import load_dataset


def translate(data_dir, body: str) -> None:
    (data_dir / "en").mkdir(exist_ok=True)
    (data_dir / "en" / "haizhu.yaml").write_text("translations:\n" + body, "utf-8")


def summary(data_dir) -> str:
    dataset, _ = load_dataset(data_dir, base=data_dir.parent)
    return dict(texts(dataset.districts["haizhu"]))["summary"]


def test_every_text_a_page_shows_has_a_key_naming_its_place(data_dir):
    dataset, _ = load_dataset(data_dir, base=data_dir.parent)
    keys = dict(texts(dataset.districts["haizhu"]))
    assert "summary" in keys and any(k.startswith("goals.") and k.endswith(".statement") for k in keys)
    assert all(v.strip() for v in keys.values())


def test_an_up_to_date_translation_is_counted_and_attached_to_the_dataset(data_dir):
    translate(data_dir, f"  summary:\n    zh: {summary(data_dir)!r}\n    en: Haizhu in one paragraph.\n")
    dataset, report = load_dataset(data_dir, base=data_dir.parent)
    assert report.ok and not [p for p in report.warnings if "en/" in p.file], report.render()
    assert dataset.translations["haizhu"].translations["summary"].en == "Haizhu in one paragraph."
    assert any("haizhu: 1/" in n for n in report.notes)


def test_a_changed_chinese_text_leaves_its_translation_stale_with_a_warning_at_its_key(data_dir):
    translate(data_dir, "  summary:\n    zh: 旧的简介\n    en: An old summary.\n")
    dataset, report = load_dataset(data_dir, base=data_dir.parent)
    assert report.ok
    [warning] = [p for p in report.warnings if "过时" in p.message]
    assert warning.file.endswith("en/haizhu.yaml") and warning.line == 2
    assert any("1 条可能过时" in n for n in report.notes)


def test_a_key_that_names_no_text_is_a_warning_never_an_error(data_dir):
    translate(data_dir, "  goals.no-such-goal.statement:\n    zh: 无\n    en: None.\n")
    _, report = load_dataset(data_dir, base=data_dir.parent)
    assert report.ok and any("没有对应的中文文字" in p.message for p in report.warnings)


def test_without_translations_the_data_is_as_valid_as_before(data_dir):
    dataset, report = load_dataset(data_dir, base=data_dir.parent)
    assert report.ok and dataset.translations == {} and dataset.glossary is None


LAYOUT = """layout:
  label: 五区三都三城
  groups:
    - label: 五区
      items: [数字创新发展引领区, 数实融合发展示范区]
    - label: 三都
      items: [显示之都]
  sources: [src-b]
  note: 引文只录格局名称。
"""


def test_the_city_s_layout_has_a_key_for_its_label_each_group_s_label_and_each_part_and_its_note(data_dir):
    with (data_dir / "city.yaml").open("a", encoding="utf-8") as f:
        f.write(LAYOUT)
    dataset, report = load_dataset(data_dir, base=data_dir.parent)
    assert report.ok, report.render()
    layout = {k: v for k, v in texts(dataset.city) if k.startswith("layout.")}
    assert layout == {
        "layout.label": "五区三都三城",
        "layout.groups.0.label": "五区",
        "layout.groups.0.items.0": "数字创新发展引领区",
        "layout.groups.0.items.1": "数实融合发展示范区",
        "layout.groups.1.label": "三都",
        "layout.groups.1.items.0": "显示之都",
        "layout.note": "引文只录格局名称。",
    }


def test_a_translation_of_the_layout_is_counted_and_one_of_no_group_is_a_warning(data_dir):
    with (data_dir / "city.yaml").open("a", encoding="utf-8") as f:
        f.write(LAYOUT)
    (data_dir / "en").mkdir()
    (data_dir / "en" / "city.yaml").write_text(
        "translations:\n  layout.groups.0.items.1:\n    zh: 数实融合发展示范区\n    en: Demonstration District\n"
        "  layout.groups.5.label:\n    zh: 五区\n    en: Five districts\n",
        "utf-8",
    )
    _, report = load_dataset(data_dir, base=data_dir.parent)
    assert any("city: 1/" in n for n in report.notes), report.notes
    [warning] = [p for p in report.warnings if "en/" in p.file]
    assert "没有对应的中文文字" in warning.message and warning.line == 5


def test_an_english_text_holding_chinese_is_a_warning_at_its_en_that_names_the_characters(data_dir):
    zh = summary(data_dir)
    translate(data_dir, f"  summary:\n    zh: {zh!r}\n    en: Haizhu has many 高企 (high-tech enterprises)。\n")
    _, report = load_dataset(data_dir, base=data_dir.parent)
    assert report.ok
    [warning] = [p for p in report.warnings if "en/" in p.file]
    assert (warning.file.endswith("en/haizhu.yaml"), warning.line, warning.col) == (True, 4, 9)
    assert warning.field == "translations.summary.en"
    assert "“高企”、“。”" in warning.message and "high-tech enterprises" in warning.hint
    assert "Chinese characters" in warning.english
    assert any("haizhu: 1/" in n for n in report.notes)  # still a translation: the page shows it, the check warns


def test_an_english_text_with_curly_quotes_dashes_and_accents_is_no_warning(data_dir):
    translate(data_dir, f"  summary:\n    zh: {summary(data_dir)!r}\n    en: “Haizhu” – café, 5 km², 20 %.\n")
    _, report = load_dataset(data_dir, base=data_dir.parent)
    assert not [p for p in report.warnings if "en/" in p.file], report.render()
