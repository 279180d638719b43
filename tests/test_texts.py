"""The message catalogue (profiles.facts.texts): every id the code and templates use is in it, every id in it is used,
each call fills exactly the placeholders its message names, and a language without a message reads in Chinese."""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path
from string import Formatter

import jinja2
import pytest
from jinja2 import nodes

from profiles.facts import texts
from profiles.facts.texts import en, t, zh

PACKAGE = Path(texts.__file__).resolve().parents[2]  # profiles/
# Chinese characters and Chinese punctuation (、。《》 and full-width ，（）；：, but not “ ” — English quotes too):
# CJK symbols and punctuation, Extension A, the Unified Ideographs, compatibility ideographs, full-width forms.
CJK = re.compile("[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]")


@dataclass(frozen=True)
class Use:
    where: str  # file:line
    key: str | None  # None: not a literal id
    args: frozenset[str] | None  # the placeholders passed; None: not knowable (**kwargs)


def placeholders(message: str) -> frozenset[str]:
    return frozenset(name for _, name, _, _ in Formatter().parse(message) if name is not None)


def _t_names(tree: ast.Module) -> set[str]:
    """The names `t` of profiles.facts.texts goes by in a module (`from ..texts import t [as x]`)."""
    return {
        alias.asname or alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[-1] == "texts" and node.level > 0
        for alias in node.names
        if alias.name == "t"
    } | {
        alias.asname or alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.module == "profiles.facts.texts"
        for alias in node.names
        if alias.name == "t"
    }


def python_uses(source: str, where: str) -> list[Use]:
    tree = ast.parse(source)
    names = _t_names(tree)
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in names:
            first = node.args[0] if node.args else None
            key = first.value if isinstance(first, ast.Constant) and isinstance(first.value, str) else None
            kw = [k.arg for k in node.keywords]
            args = None if None in kw else frozenset(k for k in kw if k != "lang")
            out.append(Use(f"{where}:{node.lineno}", key, args))
    return out


def template_uses(source: str, where: str) -> list[Use]:
    """`t("id", name=…)` and `"id"|t(name=…)` in a Jinja template."""
    tree = jinja2.Environment().parse(source)
    out = []
    for node in tree.find_all((nodes.Call, nodes.Filter)):
        if isinstance(node, nodes.Call) and isinstance(node.node, nodes.Name) and node.node.name == "t":
            first = node.args[0] if node.args else None
        elif isinstance(node, nodes.Filter) and node.name == "t":
            first = node.node
        else:
            continue
        key = first.value if isinstance(first, nodes.Const) and isinstance(first.value, str) else None
        args = None if node.dyn_kwargs is not None else frozenset(k.key for k in node.kwargs if k.key != "lang")
        out.append(Use(f"{where}:{node.lineno}", key, args))
    return out


def all_uses() -> list[Use]:
    out = []
    for path in sorted(PACKAGE.rglob("*.py")):
        out += python_uses(path.read_text("utf-8"), str(path.relative_to(PACKAGE)))
    for path in sorted(PACKAGE.rglob("*.j2")):
        out += template_uses(path.read_text("utf-8"), str(path.relative_to(PACKAGE)))
    return out


USES = all_uses()


def test_the_code_uses_the_catalogue():
    assert len({u.key for u in USES}) > 50


def test_every_id_is_written_out_where_it_is_used():
    assert [u.where for u in USES if u.key is None] == []
    assert [u.where for u in USES if u.args is None] == []


def test_every_id_used_is_in_the_chinese_catalogue():
    assert sorted(f"{u.where} {u.key}" for u in USES if u.key not in zh.TEXTS) == []


def test_every_message_of_the_catalogue_is_used():
    used = {u.key for u in USES}
    assert sorted(set(zh.TEXTS) - used) == []


def test_each_call_fills_exactly_the_placeholders_its_message_names():
    wrong = [
        f"{u.where} {u.key}: passes {sorted(u.args)}, the message names {sorted(placeholders(zh.TEXTS[u.key]))}"
        for u in USES
        if u.key in zh.TEXTS and u.args is not None and u.args != placeholders(zh.TEXTS[u.key])
    ]
    assert wrong == []


def test_no_message_names_the_language_as_a_placeholder():
    assert [k for k, m in zh.TEXTS.items() if "lang" in placeholders(m)] == []


def test_every_catalogue_holds_only_chinese_ids_with_their_placeholders():
    for lang, catalogue in texts.CATALOGUES.items():
        assert lang in texts.LANGUAGES
        assert sorted(set(catalogue) - set(zh.TEXTS)) == [], lang
        assert [k for k, m in catalogue.items() if placeholders(m) != placeholders(zh.TEXTS[k])] == [], lang


def test_the_english_catalogue_is_registered_and_has_each_message_s_placeholders():
    assert texts.CATALOGUES["en"] == en.TEXTS
    assert sorted(set(en.TEXTS) - set(zh.TEXTS)) == []
    wrong = [k for k, m in en.TEXTS.items() if placeholders(m) != placeholders(zh.TEXTS[k])]
    assert wrong == []


def test_the_english_catalogue_holds_no_chinese():
    assert [f"{k}: {m}" for k, m in en.TEXTS.items() if CJK.search(m)] == []
    assert CJK.findall(Path(en.__file__).read_text("utf-8")) == []  # nor its comments
    assert CJK.search("海珠区") and CJK.search("、") and CJK.search("（") and not CJK.search("“Haizhu” · ≥ 5.5%")


def test_english_messages_read_in_english():
    assert t("map.title", lang="en", name="Haizhu District", projects="major projects") == (
        "Map of parks and major projects in Haizhu District"
    )
    assert t("map.alt.parks", lang="en", count=12) == "12 industrial parks or zones (green squares)"
    assert t("list.sep", lang="en") == ", "
    assert t("chart.gdp.title", lang="en", year=2024) == "GDP (gross regional product) by district, 2024"
    assert t("list.sep") == "、"  # the Chinese edition is unchanged


def test_an_english_message_left_out_reads_in_chinese(monkeypatch):
    left_out = {k: m for k, m in en.TEXTS.items() if k != "map.caption"}
    monkeypatch.setattr(texts, "CATALOGUES", {"zh": zh.TEXTS, "en": left_out})
    assert t("map.caption", lang="en", name="海珠区", projects="重大项目") == "海珠区产业园区与重大项目地图"
    assert t("map.title", lang="en", name="Haizhu District", projects="major projects").startswith("Map of")


def test_the_scanners_see_what_the_tests_check():
    code = 'from ..texts import t as say\nsay("a.b", x=1)\nsay(key)\nsay("c", **more)\nt("not.ours")\n'
    assert python_uses(code, "m.py") == [
        Use("m.py:2", "a.b", frozenset({"x"})),
        Use("m.py:3", None, frozenset()),
        Use("m.py:4", "c", None),
    ]
    page = '{{ t("a.b", x=1, lang=ctx.lang) }} {{ "c.d"|t(y=2) }} {{ t(key) }}'
    assert template_uses(page, "p.j2") == [
        Use("p.j2:1", "a.b", frozenset({"x"})),
        Use("p.j2:1", "c.d", frozenset({"y"})),
        Use("p.j2:1", None, frozenset()),
    ]


def test_a_message_fills_its_placeholders():
    assert t("map.title", name="海珠区", projects="重大项目") == "海珠区园区与重大项目地图"


def test_a_language_without_the_message_reads_in_chinese(monkeypatch):
    monkeypatch.setattr(texts, "CATALOGUES", {"zh": zh.TEXTS, "en": {"map.title": "Map of {name}'s {projects}"}})
    assert t("map.title", lang="en", name="Haizhu", projects="projects") == "Map of Haizhu's projects"
    assert t("map.caption", lang="en", name="海珠区", projects="重大项目") == "海珠区产业园区与重大项目地图"
    monkeypatch.setattr(texts, "CATALOGUES", {"zh": zh.TEXTS})
    assert t("list.sep", lang="en") == "、"  # no English catalogue at all: the Chinese


def test_an_unknown_language_or_id_is_an_error():
    with pytest.raises(ValueError):
        t("list.sep", lang="fr")
    with pytest.raises(KeyError):
        t("no.such.message")


def test_templates_can_call_the_catalogue():
    from profiles.engine.templating import environment

    env = environment(PACKAGE / "outputs" / "pages" / "templates")
    page = env.from_string('{{ t("map.title", name=n, projects="重大项目") }}|{{ "list.sep"|t }}')
    assert page.render(n="海珠区") == "海珠区园区与重大项目地图|、"
