"""The change history in English (#25, profiles/outputs/history/words.py): /en/changes/ tells the four edits of the
history fixture in English — what changed, where, the field, the numbers, a moved point, the review's flags, the
commit — and keeps the data's texts of that time in Chinese, marked lang="zh-CN"; an entity is named in English only
where today's translation is of the very name it had then; the shared Chinese feeds are reached with ctx.up and
said to be Chinese; every word the history can write has its English; the Chinese edition tells an entry in the
entry's own words."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from profiles.base.cache import Cache
from profiles.facts.texts.phrases import catalogue
from profiles.ingest.load import load_dataset
from profiles.model.enums import LABELS_ZH
from profiles.model.indicators import INDICATORS
from profiles.outputs import history
from profiles.outputs.diff.flags import TITLES
from profiles.outputs.diff.labels import LABELS
from profiles.outputs.diff.places import COMPASS
from profiles.outputs.diff.text import CHANGE_ZH
from profiles.outputs.history import words
from tests.dom import HAN, chinese_outside_lang, markdown_page, parse
from tests.history_repo import SITE_URL, make_history_repo
from tests.render import render_output

pytestmark = pytest.mark.slow

PARK_EN = "AI Large-Model Application Demonstration Zone"
# The park's name translated (data/en/haizhu.yaml): today's Chinese, so the moved park is named in English.
TRANSLATIONS = f"""translations:
  parks.pazhou-ai.name:
    zh: 人工智能大模型应用示范区
    en: {PARK_EN}
"""


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    repo, _ = make_history_repo(tmp_path_factory.mktemp("history-en") / "repo")
    (repo / "data" / "en").mkdir(exist_ok=True)
    (repo / "data" / "en" / "haizhu.yaml").write_text(TRANSLATIONS, "utf-8")  # not committed: today's data only
    return repo


@pytest.fixture(scope="module")
def found(project) -> history.History:
    dataset = load_dataset(project / "data")[0]
    return history.read(project, project / "data", Cache(None), dataset, "https://github.com/example/gz/edit/main/", SITE_URL)  # fmt: skip


@pytest.fixture(scope="module")
def english(project, found):
    return render_output("changes", project, lang="en", history=found, site_url=SITE_URL)


def entries(md: str) -> list[str]:
    """The text of each entry of a changes page, in page order."""
    _, body = markdown_page(md)
    return [" ".join(li.text.split()) for ul in body.find_all("ul", cls="gz-changes") for li in ul.find_all("li") if "id" in li.attrs]  # fmt: skip


def test_the_english_pages_hold_no_chinese_outside_lang_zh(english):
    assert set(english.files) >= {"changes/index.md", "changes/haizhu.md"}
    for path, made in english.files.items():
        front, body = markdown_page(made.decode("utf-8"))
        assert not HAN.search(" ".join(str(v) for v in front.values() if isinstance(v, str))), path
        assert chinese_outside_lang(body) == [], path


def test_the_four_edits_read_in_english_with_the_data_s_old_texts_in_chinese(english):
    told = entries(english.text("changes/index.md"))[:4]
    assert told[0].startswith("Removed Haizhu District · project “琶洲港澳码头直升机场”")
    assert told[1].startswith(f"Changed Haizhu District · park “{PARK_EN}”"), "today's translation of that name"
    assert "Location: (113.37, 23.1) → (113.36, 23.1) (moved 1.0 km west, still inside Haizhu District)" in told[1]
    assert told[2].startswith("Changed Haizhu District · goal “地区生产总值”"), "no translation: as it was"
    assert "Target › target value: 5.5 → 6 (+0.5)" in told[2]
    assert "Review notes: value changed, source did not" in told[2]
    assert told[3].startswith("Added Haizhu District · goal “算力规模”")
    assert all("commit " in t for t in told)
    html = english.text("changes/index.md")
    assert '<span lang="zh-CN">琶洲港澳码头直升机场</span>' in html, "the old text is marked Chinese"


def test_the_lead_and_the_headings_are_english(english):
    front, body = markdown_page(english.text("changes/haizhu.md"))
    assert front["title"] == "Haizhu District: update history"
    lead = body.find_all("p", cls="gz-lead")[0].text
    assert "Every change to what the Haizhu District page shows" in lead and "Newest first;" in lead
    index = english.text("changes/index.md")
    assert 'aria-label="Update history by district"' in index and ">Haizhu District (" in index


def test_an_old_name_is_never_shown_as_today_s_english(found):
    park = next(e for e in found.entries if e.kind == "park")
    today = words.Names(
        "en", {"haizhu": "Haizhu District"}, {(park.file, "park", park.id): ("人工智能大模型应用示范区", PARK_EN)}
    )
    assert PARK_EN in words.tell(park, today).what
    renamed_since = dataclasses.replace(park, name="旧的园区名")  # the name it had then differs from today's
    assert words.tell(renamed_since, today).what == 'park “<span lang="zh-CN">旧的园区名</span>”'


def test_the_shared_feeds_are_reached_with_ctx_up_and_said_to_be_chinese(english):
    front, body = markdown_page(english.text("changes/index.md"))
    assert front["feeds"][0]["href"] == "changes/feed.xml", "read from the site root: the theme prefixes base_url"
    [link] = [a for a in body.find_all("a") if (a["href"] or "").endswith("feed.xml")]
    assert (link["href"], link["hreflang"]) == ("../../changes/feed.xml", "zh")
    district = parse(english.text("changes/haizhu.md").split("---", 2)[2])
    assert [a["href"] for a in district.find_all("a") if (a["href"] or "").endswith("feed.xml")] == [
        "../../../districts/haizhu/feed.xml"
    ]


def test_every_word_the_history_can_write_has_its_english():
    english = catalogue("en")
    labels = {part for model in LABELS.values() for label in model.values() for part in label.split(" › ")}
    tables = (
        set(CHANGE_ZH.values()) | set(TITLES.values()) | set(LABELS_ZH.values()) | set(COMPASS) | labels,
        {info.label for info in INDICATORS.values()},
        {*words.NAMED.values(), *words.ORDER.values(), *words.COUNT.values(), *words.PLACES.values()},
        {*words.WHOLE.values(), "、", "；", "{label}：{old} → {new}", "（{note}）"},
    )
    missing = sorted(text for table in tables for text in table if text not in english)
    assert not missing, missing
    assert all(not HAN.search(str(english[text])) for table in tables for text in table)


def test_the_chinese_edition_tells_an_entry_in_its_own_words(found):
    for e in found.entries[:6]:
        told = words.tell(e, found.names)
        assert (told.change, told.place, told.what, told.lines, told.flags) == (e.change_zh, e.place, e.what, e.lines, e.flags)  # fmt: skip
        assert told.commit == f"提交 {e.short}" and told.href() == e.href()
