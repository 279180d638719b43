"""Pages: the Markdown the generator writes, before MkDocs sees it, rendered as the build renders it."""

from pathlib import Path

import markdown

from profiles.engine.templating import md, target_text, yaml_str
from profiles.ingest.load import load_dataset
from profiles.outputs.pages.profile import citation_numbers
from tests.dom import Element, markdown_page
from tests.render import render_output

HOSTILE = "<script>alert(1)</script> **b** [x](javascript:alert(1)) {{ 7*7 }} \"' &amp;"


def rewrite(project: Path, old: str, new: str, name: str = "districts/haizhu.yaml") -> None:
    path = project / "data" / name
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new), "utf-8")


def haizhu(project: Path) -> tuple[str, Element]:
    """Haizhu's page as the build writes it, and its body as the HTML MkDocs makes of it."""
    page = render_output("page", project).text("districts/haizhu.md")
    return page, markdown_page(page)[1]


def test_district_page_lists_goals_with_targets_and_citations(project):
    _, html = haizhu(project)
    targets = [
        html.find(id=goal).find(cls="gz-goal-target").text for goal in ("goal-gdp-growth-2025", "goal-llm-firms-2025")
    ]
    assert targets == ["≥ 5.5%（增速）", "> 100个"]
    assert html.find(id="goal-gdp-growth-2025").find("a", cls="gz-cite")["href"] == "#source-src-a"
    assert html.find("li", id="source-src-a").find(cls="gz-source-title").text == "海珠区委书记谈2025年目标"


def test_hostile_text_is_escaped_in_tables_lists_and_headings(project):
    rewrite(project, "statement: 地区生产总值增长5.5%以上", "statement: " + repr(HOSTILE).replace("\\'", "''"))
    rewrite(project, "name: 腾讯微信", "name: '<img src=x onerror=alert(1)>'")
    _, html = haizhu(project)
    assert all(s["src"].startswith("../../assets/") and not s.text for s in html.find_all("script"))  # ours only
    assert not html.find_all("img", src="x")
    assert not [a for a in html.find_all("a") if (a.attrs.get("href") or "").startswith("javascript:")]
    assert html.find(id="goal-gdp-growth-2025").find(cls="gz-goal-text").text.startswith(HOSTILE)
    assert html.find(id="enterprise-tencent-wechat").find("strong").text == "<img src=x onerror=alert(1)>"
    assert "{{ 7*7 }}" in html.find(id="goal-gdp-growth-2025").text  # data is never evaluated as a template


def test_md_filter_neutralises_markdown_and_html():
    out = markdown.markdown("# " + md("**x** <b>y</b> [l](javascript:z)"))
    assert "<strong>" not in out and "<b>" not in out and "<a" not in out


def test_front_matter_strings_cannot_break_out():
    assert yaml_str('a"\nb: c') == '"a&#34; b: c"'


def test_target_text_shows_comparator_value_unit_and_growth():
    from profiles.model import Target

    assert target_text(Target(comparator="more_than", value=20, unit="%", measure="growth")) == "> 20%（增速）"
    assert target_text(Target(comparator="exactly", value=700, unit="亿元")) == "= 700亿元"


def test_sources_are_numbered_in_reading_order(data_dir):
    dataset, report = load_dataset(data_dir, base=data_dir.parent)
    assert report.ok, report.render()
    assert citation_numbers(dataset.districts["haizhu"]) == {"src-a": 1}


def test_empty_sections_become_an_invitation_to_editors(project):
    path = project / "data" / "districts" / "haizhu.yaml"
    path.write_text(path.read_text("utf-8").split("projects:")[0] + "projects: []\n", "utf-8")
    page, html = haizhu(project)
    assert "## 资料待补充" in page
    assert "重大项目" in [li.text.split(" — ")[0] for li in html.find(id="gaps").find_all("li")]


def test_every_page_is_rendered_with_stable_paths(project):
    keys = {name: list(render_output(name, project).views) for name in ("home", "district-index", "page")}
    assert keys == {"home": ["index.md"], "district-index": ["districts/index.md"], "page": ["districts/haizhu.md"]}


def test_a_page_shows_its_neighbours_and_embeds_and_without_points_a_locator_instead(project):
    view = render_output("page", project).views["districts/haizhu.md"]
    assert ("tianhe", "天河区") in view.around.neighbours and view.around.locator is None
    assert view.panels.map is not None and view.panels.cards is not None and view.panels.share_alt
    _, html = haizhu(project)
    assert html.find("details", id="gz-embed-haizhu") and html.find("details", id="gz-cards-haizhu")
    neighbours = html.find("dl", cls="gz-facts").find_all("a")
    assert [(a["href"], a.text) for a in neighbours] == [(f"../{s}/", name) for s, name in view.around.neighbours]

    path = project / "data" / "districts" / "haizhu.yaml"  # no parks, no projects: nothing to map
    path.write_text(path.read_text("utf-8").split("parks:")[0].replace("    park: pazhou-ai\n", ""), "utf-8")
    view = render_output("page", project).views["districts/haizhu.md"]
    assert view.panels.map is None and view.around.locator is not None
    _, html = haizhu(project)
    here = html.find("figure", cls="gz-locator").find("path", cls="gz-here")
    assert here["d"] == dict(view.around.locator[1])["haizhu"]


def test_a_district_with_numbers_leads_with_headline_cards_that_cite_their_source(project):
    _, html = haizhu(project)
    cards = html.find(id="headline").find_all(cls="gz-card")
    assert [c["id"] for c in cards] == ["card-goal-gdp-growth-2025", "card-goal-llm-firms-2025"]
    card = cards[0]
    assert "5.5" in card.find(cls="gz-card-value").text and card.find(cls="gz-card-label").text
    assert card.find("a", cls="gz-cite")["href"] == "#source-src-a"


def test_the_quote_rides_escaped_on_the_first_citation_mark_and_the_editorial_note_reads_as_the_editors(project):
    rewrite(
        project,
        "    sources: [src-a]\n    quote: 腾讯微信启用新总部大楼\n",
        "    sources: [src-a, src-b]\n    quote: '\"><b>x</b>'\n    editorial: 行业是编者补充的\n",
    )
    _, html = haizhu(project)
    fact = html.find(id="enterprise-tencent-wechat")
    first, second = fact.find_all("a", cls="gz-cite")
    assert (first["href"], first["aria-label"], first["data-gz-quote"]) == ("#source-src-a", "出处 1", '"><b>x</b>')
    assert 'data-gz-quote="&#34;&gt;&lt;b&gt;x&lt;/b&gt;"' in first.source and not fact.find_all("b")
    assert (second["href"], second["aria-label"], second.text) == ("#source-src-b", "出处 2", "[2]")
    assert "data-gz-quote" not in second.attrs
    assert fact.find(cls="gz-editorial").text == "编者补充：行业是编者补充的"


def test_the_source_list_gives_the_popover_its_title_publisher_and_date(project):
    _, html = haizhu(project)
    entry = html.find("li", id="source-src-a")
    assert entry.find(cls="gz-source-title").text == "海珠区委书记谈2025年目标"
    assert entry.find(cls="gz-source-publisher").text == "羊城晚报" and entry.find("time")["datetime"] == "2025-02-15"


def test_two_passages_of_one_page_are_two_marks_each_with_its_own_quote_and_heading(project):
    rewrite(
        project,
        "    sources: [src-a]\n    quote: 腾讯微信启用新总部大楼\n",
        "    sources: [src-a]\n    quotes:\n      - {text: 腾讯微信启用新总部大楼, source: src-a, where: 海珠区委书记谈2025年目标}\n"
        "      - {text: 人工智能大模型应用示范区, source: src-a}\n",
    )
    _, html = haizhu(project)
    marks = html.find(id="enterprise-tencent-wechat").find_all("a", cls="gz-cite")
    assert [(a["href"], a.text, a["data-gz-quote"], a.attrs.get("data-gz-where")) for a in marks] == [
        ("#source-src-a", "[1]", "腾讯微信启用新总部大楼", "海珠区委书记谈2025年目标"),
        ("#source-src-a", "[1]", "人工智能大模型应用示范区", None),
    ]


def test_a_caution_reads_beside_its_fact_and_on_its_card_which_no_longer_leads(project):
    rewrite(
        project,
        "    quote: 地区生产总值增长5.5%以上\n",
        "    quote: 地区生产总值增长5.5%以上\n    caution: 年份存疑<b>\n",
    )
    _, html = haizhu(project)
    caution = html.find(id="goal-gdp-growth-2025").find(cls="gz-caution")
    assert (caution["role"], caution.text) == ("note", "请注意：年份存疑<b>")
    cards = [c["id"] for c in html.find(id="headline").find_all(cls="gz-card")]
    assert cards == ["card-goal-llm-firms-2025", "card-goal-gdp-growth-2025"]
    assert html.find(id="card-goal-gdp-growth-2025").find(cls="gz-card-caution").text == "请注意：年份存疑<b>"


def test_an_amount_shows_the_sources_comparator_and_an_indicator_keeps_its_own():
    from profiles.engine.templating import quantity_text
    from profiles.model import Comparator, Quantity

    assert quantity_text(Quantity(value=200, unit="亿元", comparator="more_than")) == "> 200 亿元"
    assert quantity_text(Quantity(value=800, unit="个", comparator="nearly")) == "近 800 个"
    assert quantity_text(Quantity(value=47, unit="亿元")) == "47 亿元"
    assert quantity_text(Quantity(value=75, unit="%"), Comparator.at_most) == "≤ 75 %"


def test_a_park_states_its_investment_in_the_sources_words(project):
    rewrite(
        project,
        "    focus: [人工智能]\n",
        "    focus: [人工智能]\n    investment: {value: 450, unit: 亿元, comparator: more_than}\n",
    )
    _, html = haizhu(project)
    assert "投资 > 450 亿元" in html.find(id="park-pazhou-ai").text


def test_the_home_page_lists_the_citys_own_roles_each_with_its_quotes_and_notes(project):
    path = project / "data" / "city.yaml"
    path.write_text(
        path.read_text("utf-8")
        + "roles:\n  - id: role-city-system\n    text: 各区构建“12218”现代化产业体系。\n    sources: [src-b]\n"
        "    quotes: [{text: 各区构建“12218”现代化产业体系, source: src-b, where: 广州11区高质量发展大会}]\n"
        "    note: 来源没有写年份。\n",
        "utf-8",
    )
    _, html = markdown_page(render_output("home", project).text("index.md"))
    role = html.find("li", id="role-role-city-system")
    assert role.text.startswith("各区构建“12218”现代化产业体系。")
    assert role.find("a", cls="gz-cite")["data-gz-where"] == "广州11区高质量发展大会"
    assert role.find(cls="gz-note").text == "注：来源没有写年份。" and html.find(id="roles")
