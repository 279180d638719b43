"""Fixed words by their Chinese (profiles/facts/texts/phrases.py): the Chinese edition is the template's own words,
the English comes from the stages' en.po catalogues, a phrase without English reads in Chinese, plurals follow n,
and placeholders are escaped where the template escapes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from markupsafe import Markup

from profiles.engine.context import BuildContext
from profiles.engine.templating import environment
from profiles.facts.texts import phrases
from profiles.model.base import Name
from profiles.model.localized import Localized

HAN = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture()
def catalogue(monkeypatch):
    """A catalogue made in the test: phrase -> English (a tuple for a plural entry)."""
    entries = {"各区": "Districts", "{n}个目标": ("{n} goal", "{n} goals"), "见{link}": "see {link}"}
    monkeypatch.setattr(phrases, "catalogue", lambda lang, stages=(): entries if lang == "en" else {})
    return entries


def render(source: str, **values) -> str:
    return environment(Path(__file__).parent).from_string(source).render(**values)


def test_the_chinese_edition_says_exactly_what_the_template_says(catalogue):
    assert render('{{ _("各区") }}', ctx=BuildContext()) == "各区"
    assert phrases.phrase("各区") == "各区"


def test_the_english_edition_reads_the_catalogue_and_falls_back_to_chinese(catalogue):
    assert render('{{ _("各区") }}｜{{ _("没有译文的词") }}', ctx=BuildContext(lang="en")) == "Districts｜没有译文的词"


def test_a_plural_entry_follows_n(catalogue):
    source = '{{ _("{n}个目标", n=n) }}'
    assert [render(source, ctx=BuildContext(lang="en"), n=n) for n in (1, 3)] == ["1 goal", "3 goals"]
    assert render(source, ctx=BuildContext(), n=3) == "3个目标"


def test_placeholders_are_escaped_but_the_catalogue_is_trusted(catalogue):
    made = render(
        '{{ _("见{link}", link=x) }} {{ _("见{link}", link=y) }}',
        ctx=BuildContext(lang="en"),
        x="<b>",
        y=Markup('<a href="x">data</a>'),
    )
    assert made == 'see &lt;b&gt; see <a href="x">data</a>'


def test_a_template_may_say_its_language_itself(catalogue):
    assert render('{{ _("各区") }}', lang="en") == "Districts"


def test_every_catalogue_parses_and_holds_no_chinese_in_its_english():
    files = phrases.catalogue_files("en")
    for path in files:
        with path.open("rb") as f:
            for message in read_po(f):
                forms = message.string if isinstance(message.string, (tuple, list)) else (message.string,)
                assert not any(HAN.search(form or "") for form in forms), (path, message.id)


def test_a_phrase_reads_the_same_throughout_one_stage():
    """A stage may keep its catalogue in parts (`<part>.en.po`): together they give each phrase one English."""
    folders = {path.parent for path in phrases.catalogue_files("en")}
    for folder in sorted(folders):
        seen: dict[str, tuple[Path, object]] = {}
        for path in phrases.catalogue_files("en", folder):
            with path.open("rb") as f:
                for message in read_po(f):
                    if not message.id:
                        continue
                    key = message.id[0] if isinstance(message.id, (tuple, list)) else message.id
                    string = tuple(message.string) if isinstance(message.string, (tuple, list)) else message.string
                    if key in seen:
                        assert seen[key][1] == string, f"{key!r}: {seen[key][0]} and {path} differ"
                    seen[key] = (path, string)


def test_a_stage_reads_its_own_catalogue_first_then_the_common_ones(tmp_path, monkeypatch):
    stage, common = tmp_path / "outputs" / "x", tmp_path / "facts"
    for folder, body in (
        (stage, 'msgid "名称"\nmsgstr "Name"\n'),
        (common, 'msgid "名称"\nmsgstr "name"\n\nmsgid "亿元"\nmsgstr "100 million yuan"\n'),
    ):
        folder.mkdir(parents=True)
        (folder / "en.po").write_text(body, "utf-8")
    monkeypatch.setattr(phrases, "PACKAGE", tmp_path)
    phrases.catalogue.cache_clear()
    try:
        assert phrases.of(str(stage / "m.py")).phrase("名称", "en") == "Name"
        assert phrases.phrase("名称", "en") == "name"
        assert phrases.of(str(stage / "m.py")).phrase("亿元", "en") == "100 million yuan"
    finally:
        phrases.catalogue.cache_clear()


def used_phrases() -> dict[str, set[str]]:
    """Every phrase the package's templates (`_("…")`) and code (`phrase("…", …)`) use -> the files using it (paths
    under the package), extracted by Babel as a translator's tool would."""
    from babel.messages.extract import extract_from_dir

    method_map = [("**/templates/**", "jinja2"), ("**.py", "python")]
    options = {"**/templates/**": {"extensions": "", "trimmed": "false"}}
    keywords = {"_": None, "phrase": (1,), "translate": (1,)}
    found: dict[str, set[str]] = {}
    for name, _line, message, _comments, _context in extract_from_dir(
        str(phrases.PACKAGE), method_map, options, keywords=keywords
    ):
        text = message[0] if isinstance(message, tuple) else message
        if text and HAN.search(text):
            found.setdefault(text, set()).add(name)
    return found


def stage_of(name: str) -> Path:
    """The stage a file belongs to: the folder of its module, or of its templates/ folder."""
    path = phrases.PACKAGE / name
    return path.parent.parent if path.parent.name == "templates" else path.parent


def test_every_phrase_used_has_its_english():
    used = used_phrases()
    assert "尚未翻译" in used  # the extraction finds phrases at all
    missing = {
        text: sorted(name for name in files if text not in phrases.catalogue("en", (stage_of(name),)))
        for text, files in used.items()
    }
    missing = {text: files for text, files in missing.items() if files}
    assert not missing, "phrases without English (add them to the en.po beside the code):\n" + "\n".join(
        f"{text!r}: {', '.join(files)}" for text, files in sorted(missing.items())
    )


def test_a_data_text_is_marked_on_an_english_page_when_it_is_still_chinese_or_stale():
    missing = Localized("海珠<区>", "zh-CN", "missing", zh="海珠<区>")
    stale = Localized("Old *text*", "en", "stale", zh="新")
    ok = Localized("Fine", "en", "ok", zh="好")
    made = render(
        "{{ a|tx }}|{{ b|tx(markdown=true) }}|{{ c|tx }}", ctx=BuildContext(lang="en"), a=missing, b=stale, c=ok
    )
    assert made == (
        '<span lang="zh-CN">海珠&lt;区&gt;</span> <small class="gz-tr">not yet translated</small>|'
        'Old \\*text\\* <small class="gz-tr">translation may be out of date</small>|Fine'
    )
    assert render("{{ a|tx }}", ctx=BuildContext(), a=missing) == "海珠&lt;区&gt;"


def test_chinese_that_stays_chinese_carries_its_language_on_an_english_page():
    assert render("{{ t|zh }}", ctx=BuildContext(lang="en"), t="《报告》") == '<span lang="zh-CN">《报告》</span>'
    assert render("{{ t|zh }}", ctx=BuildContext(), t="《报告》") == "《报告》"


def test_a_name_reads_in_the_edition_s_language():
    name = Name(zh="海珠区", en="Haizhu District")
    assert [render("{{ n|name }}", ctx=BuildContext(lang=lang), n=name) for lang in ("zh", "en")] == [
        "海珠区",
        "Haizhu District",
    ]
