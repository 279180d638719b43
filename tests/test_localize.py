"""The English edition's data (profiles/ingest/i18n/localize.py): every text replaced by its translation, a
missing one kept in Chinese and marked, a stale one kept and flagged with the current Chinese, quotes keeping their
Chinese as the evidence; the Chinese data untouched."""

from __future__ import annotations

from profiles.ingest.i18n.localize import localize
from profiles.ingest.i18n.texts import texts
from profiles.ingest.load import load_dataset
from profiles.model.localized import Localized


def translate(data_dir, body: str) -> None:
    (data_dir / "en").mkdir(exist_ok=True)
    (data_dir / "en" / "haizhu.yaml").write_text("translations:\n" + body, "utf-8")


def english(data_dir):
    dataset, report = load_dataset(data_dir, base=data_dir.parent)
    assert report.ok, report.render()
    return dataset, localize(dataset)


def chinese_texts(data_dir) -> dict[str, str]:
    dataset, _ = load_dataset(data_dir, base=data_dir.parent)
    return dict(texts(dataset.districts["haizhu"]))


def test_a_translated_text_reads_in_english_and_the_chinese_data_is_untouched(data_dir):
    zh = chinese_texts(data_dir)["summary"]
    translate(data_dir, f"  summary:\n    zh: {zh!r}\n    en: Haizhu in one paragraph.\n")
    dataset, en = english(data_dir)
    summary = en.districts["haizhu"].summary
    assert (summary, summary.lang, summary.state, summary.zh) == ("Haizhu in one paragraph.", "en", "ok", zh)
    assert dataset.districts["haizhu"].summary == zh and not isinstance(dataset.districts["haizhu"].summary, Localized)
    assert (dataset.lang, en.lang, en.stale) == ("zh", "en", {})


def test_an_untranslated_text_stays_chinese_and_says_so(data_dir):
    _, en = english(data_dir)
    marked = [text for _, text in texts(en.districts["haizhu"]) if isinstance(text, Localized)]
    assert marked and all(text.state == "missing" and text.lang == "zh-CN" and text.marked for text in marked)


def test_a_translation_of_an_older_chinese_text_is_stale_and_the_edition_lists_it(data_dir):
    translate(data_dir, "  summary:\n    zh: 旧的简介\n    en: An old summary.\n")
    _, en = english(data_dir)
    summary = en.districts["haizhu"].summary
    assert (str(summary), summary.state, summary.lang) == ("An old summary.", "stale", "en")
    assert en.stale["haizhu"] == (("summary", chinese_texts(data_dir)["summary"]),)


def test_an_official_name_is_marked_official(data_dir):
    keys = chinese_texts(data_dir)
    key = next(k for k in keys if k.startswith("enterprises.") and k.endswith(".name"))
    translate(data_dir, f"  {key}:\n    zh: {keys[key]!r}\n    en: Official Co.\n    official: true\n")
    _, en = english(data_dir)
    name = dict(texts(en.districts["haizhu"]))[key]
    assert (str(name), name.state) == ("Official Co.", "official")


def test_a_quote_keeps_its_chinese_as_the_evidence(data_dir):
    keys = chinese_texts(data_dir)
    key = next(k for k in keys if ".quotes." in k or k.endswith(".quote"))
    translate(data_dir, f"  {key}:\n    zh: {keys[key]!r}\n    en: The passage in English.\n")
    _, en = english(data_dir)
    quote = dict(texts(en.districts["haizhu"]))[key]
    assert (str(quote), quote.zh) == ("The passage in English.", keys[key])


def test_names_read_in_the_edition_s_language(data_dir):
    dataset, en = english(data_dir)
    assert dataset.name_of("haizhu") == "海珠区" and en.name_of("haizhu") == "Haizhu District"


def test_the_city_s_layout_reads_in_english_part_by_part_and_an_untranslated_part_stays_chinese(data_dir):
    with (data_dir / "city.yaml").open("a", encoding="utf-8") as f:
        f.write(
            "layout:\n  label: 五区三都三城\n  groups:\n    - label: 三都\n      items: [显示之都, 定制之都]\n"
            "  sources: [src-b]\n  note: 只录格局名称。\n"
        )
    (data_dir / "en").mkdir()
    (data_dir / "en" / "city.yaml").write_text(
        "translations:\n"
        "  layout.label: {zh: 五区三都三城, en: 'Five districts, three capitals and three cities'}\n"
        "  layout.groups.0.label: {zh: 三都, en: Three capitals}\n"
        "  layout.groups.0.items.0: {zh: 显示之都, en: Display Capital}\n"
        "  layout.note: {zh: 只录格局名称。, en: Records only the layout's name.}\n",
        "utf-8",
    )
    dataset, en = english(data_dir)
    layout = en.city.layout
    assert (layout.label, layout.groups[0].label, layout.note) == (
        "Five districts, three capitals and three cities",
        "Three capitals",
        "Records only the layout's name.",
    )
    shown, untranslated = layout.groups[0].items
    assert (shown, shown.state, shown.zh) == ("Display Capital", "ok", "显示之都")
    assert (untranslated, untranslated.state, untranslated.lang) == ("定制之都", "missing", "zh-CN")
    assert dataset.city.layout.groups[0].items == ["显示之都", "定制之都"]  # the Chinese data untouched
