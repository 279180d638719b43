"""Pages: the Markdown the generator writes, before MkDocs sees it."""

from pathlib import Path

import markdown

from profiles.load import load_dataset
from profiles.pages import PageContext, citation_numbers, md, render_district, render_pages, target_text, yaml_str

HOSTILE = "<script>alert(1)</script> **b** [x](javascript:alert(1)) {{ 7*7 }} \"' &amp;"


def load(data_dir: Path):
    dataset, report = load_dataset(data_dir, base=data_dir.parent)
    assert report.ok, report.render()
    return dataset


def rewrite(data_dir: Path, old: str, new: str) -> None:
    path = data_dir / "districts" / "haizhu.yaml"
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new), "utf-8")


def to_html(page: str) -> str:
    body = page.split("---", 2)[2]  # drop front matter, as MkDocs does
    return markdown.markdown(body, extensions=["attr_list", "toc"])


def test_district_page_lists_goals_with_targets_and_citations(data_dir):
    page = render_district(load(data_dir).districts["haizhu"], load(data_dir), PageContext())
    assert 'id="goal-gdp-growth-2025"' in page
    assert "≥ 5.5%（增速）" in page and "&gt; 100个" in page
    assert 'href="#source-src-a"' in page and 'id="source-src-a"' in page


def test_hostile_text_is_escaped_in_tables_lists_and_headings(data_dir):
    rewrite(data_dir, "statement: 地区生产总值增长5.5%以上", "statement: " + repr(HOSTILE).replace("\\'", "''"))
    rewrite(data_dir, "name: 腾讯微信", "name: '<img src=x onerror=alert(1)>'")
    dataset = load(data_dir)
    html = to_html(render_district(dataset.districts["haizhu"], dataset, PageContext()))
    assert "<script>" not in html and "<img src=x" not in html
    assert "&lt;script&gt;" in html and "&lt;img src=x onerror=alert(1)&gt;" in html
    assert 'href="javascript:' not in html
    assert "{{ 7*7 }}" in html  # data is never evaluated as a template


def test_md_filter_neutralises_markdown_and_html():
    out = markdown.markdown("# " + md("**x** <b>y</b> [l](javascript:z)"))
    assert "<strong>" not in out and "<b>" not in out and "<a" not in out


def test_front_matter_strings_cannot_break_out():
    assert yaml_str('a"\nb: c') == '"a&#34; b: c"'


def test_target_text_shows_comparator_value_unit_and_growth():
    from profiles.models import Target

    assert target_text(Target(comparator="more_than", value=20, unit="%", measure="growth")) == "> 20%（增速）"
    assert target_text(Target(comparator="exactly", value=700, unit="亿元")) == "= 700亿元"


def test_sources_are_numbered_in_reading_order(data_dir):
    assert citation_numbers(load(data_dir).districts["haizhu"]) == {"src-a": 1}


def test_empty_sections_become_an_invitation_to_editors(data_dir):
    rewrite(data_dir, "projects:", "projects: []\nold_projects:")
    text = (data_dir / "districts" / "haizhu.yaml").read_text("utf-8")
    (data_dir / "districts" / "haizhu.yaml").write_text(text.split("projects: []")[0] + "projects: []\n", "utf-8")
    dataset = load(data_dir)
    page = render_district(dataset.districts["haizhu"], dataset, PageContext())
    assert "## 资料待补充" in page and "重大项目" in page.split("## 资料待补充")[1]


def test_every_page_is_rendered_with_stable_paths(data_dir):
    pages = render_pages(load(data_dir), PageContext())
    assert set(pages) == {"index.md", "districts/index.md", "districts/haizhu.md"}


def test_a_district_with_numbers_leads_with_headline_cards_that_cite_their_source(data_dir):
    dataset = load(data_dir)
    html = to_html(render_district(dataset.districts["haizhu"], dataset, PageContext()))
    assert html.count('class="gz-card"') == 2  # the fixture's two goals with targets
    card = html.split('id="card-goal-gdp-growth-2025"')[1].split("</div>")[0]
    assert 'class="gz-card-value"' in card and "5.5" in card and 'class="gz-card-label"' in card
    assert 'class="gz-cite" href="#source-src-a"' in card


def test_the_quote_rides_escaped_on_the_first_citation_mark_and_the_editorial_note_reads_as_the_editors(data_dir):
    rewrite(
        data_dir,
        "    sources: [src-a]\n    quote: 腾讯微信启用新总部大楼\n",
        "    sources: [src-a, src-b]\n    quote: '\"><b>x</b>'\n    editorial: 行业是编者补充的\n",
    )
    dataset = load(data_dir)
    html = to_html(render_district(dataset.districts["haizhu"], dataset, PageContext()))
    fact = html.split('id="enterprise-tencent-wechat"', 1)[1].split("</li>", 1)[0]
    first = '<a class="gz-cite" href="#source-src-a" aria-label="出处 1" data-gz-quote="&#34;&gt;&lt;b&gt;x&lt;/b&gt;">[1]</a>'
    assert first in fact and "<b>x" not in fact
    assert fact.count("data-gz-quote") == 1 and 'href="#source-src-b" aria-label="出处 2">[2]' in fact
    assert '<span class="gz-note gz-editorial">编者补充：行业是编者补充的</span>' in fact


def test_the_source_list_gives_the_popover_its_title_publisher_and_date(data_dir):
    dataset = load(data_dir)
    page = render_district(dataset.districts["haizhu"], dataset, PageContext())
    entry = page.split('<li id="source-src-a">', 1)[1].split("</li>", 1)[0]
    assert '<span class="gz-source-title">海珠区委书记谈2025年目标</span>' in entry
    assert '<span class="gz-source-publisher">羊城晚报</span>' in entry and '<time datetime="2025-02-15">' in entry


def test_two_passages_of_one_page_are_two_marks_each_with_its_own_quote_and_heading(data_dir):
    rewrite(
        data_dir,
        "    sources: [src-a]\n    quote: 腾讯微信启用新总部大楼\n",
        "    sources: [src-a]\n    quotes:\n      - {text: 腾讯微信启用新总部大楼, source: src-a, where: 海珠区委书记谈2025年目标}\n"
        "      - {text: 人工智能大模型应用示范区, source: src-a}\n",
    )
    dataset = load(data_dir)
    html = to_html(render_district(dataset.districts["haizhu"], dataset, PageContext()))
    fact = html.split('id="enterprise-tencent-wechat"', 1)[1].split("</li>", 1)[0]
    assert fact.count('<a class="gz-cite" href="#source-src-a"') == 2 and "…" not in fact
    assert 'data-gz-quote="腾讯微信启用新总部大楼" data-gz-where="海珠区委书记谈2025年目标">[1]</a>' in fact
    assert 'data-gz-quote="人工智能大模型应用示范区">[1]</a>' in fact


def test_a_caution_reads_beside_its_fact_and_on_its_card_which_no_longer_leads(data_dir):
    rewrite(
        data_dir,
        "    quote: 地区生产总值增长5.5%以上\n",
        "    quote: 地区生产总值增长5.5%以上\n    caution: 年份存疑<b>\n",
    )
    dataset = load(data_dir)
    html = to_html(render_district(dataset.districts["haizhu"], dataset, PageContext()))
    fact = html.split('id="goal-gdp-growth-2025"', 1)[1].split("</li>", 1)[0]
    assert '<span class="gz-caution" role="note"><strong>请注意：</strong>年份存疑&lt;b&gt;</span>' in fact
    cards = html.split('id="headline"', 1)[1]
    assert cards.index('id="card-goal-llm-firms-2025"') < cards.index('id="card-goal-gdp-growth-2025"')
    card = cards.split('id="card-goal-gdp-growth-2025"', 1)[1].split("</div>", 1)[0]
    assert '<p class="gz-card-caution"><strong>请注意：</strong>年份存疑&lt;b&gt;</p>' in card


def test_an_amount_shows_the_sources_comparator_and_an_indicator_keeps_its_own():
    from profiles.models import Comparator, Quantity
    from profiles.templating import quantity_text

    assert quantity_text(Quantity(value=200, unit="亿元", comparator="more_than")) == "> 200 亿元"
    assert quantity_text(Quantity(value=800, unit="个", comparator="nearly")) == "近 800 个"
    assert quantity_text(Quantity(value=47, unit="亿元")) == "47 亿元"
    assert quantity_text(Quantity(value=75, unit="%"), Comparator.at_most) == "≤ 75 %"


def test_a_park_states_its_investment_in_the_sources_words(data_dir):
    rewrite(
        data_dir,
        "    focus: [人工智能]\n",
        "    focus: [人工智能]\n    investment: {value: 450, unit: 亿元, comparator: more_than}\n",
    )
    dataset = load(data_dir)
    page = render_district(dataset.districts["haizhu"], dataset, PageContext())
    assert "投资 &gt; 450 亿元" in page.split('id="park-pazhou-ai"', 1)[1].split("</li>", 1)[0]


def test_the_home_page_lists_the_citys_own_roles_each_with_its_quotes_and_notes(data_dir):
    path = data_dir / "city.yaml"
    path.write_text(
        path.read_text("utf-8")
        + "roles:\n  - id: role-city-system\n    text: 各区构建“12218”现代化产业体系。\n    sources: [src-b]\n"
        "    quotes: [{text: 各区构建“12218”现代化产业体系, source: src-b, where: 广州11区高质量发展大会}]\n"
        "    note: 来源没有写年份。\n",
        "utf-8",
    )
    dataset = load(data_dir)
    html = to_html(render_pages(dataset, PageContext())["index.md"])
    role = html.split('<li id="role-role-city-system">', 1)[1].split("</li>", 1)[0]
    assert role.startswith("各区构建“12218”现代化产业体系。") and 'data-gz-where="广州11区高质量发展大会"' in role
    assert '<span class="gz-note">注：来源没有写年份。</span>' in role and 'id="roles"' in html
