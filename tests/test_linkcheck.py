"""`python -m profiles check`: the real site passes; a tiny broken site gets one plain line per problem."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from profiles.cli import main
from profiles.site.linkcheck import check_site, well_formed_http
from tests.conftest import SITE_URL
from tests.fixtures.bilingual import copy_site
from tests.fixtures.hostile.sites import real_site

BROKEN_HOME = """<!doctype html><html><head><meta charset="utf-8">
<link rel="stylesheet" href="assets/site.css"><link rel="icon" href="assets/missing.png">
<script src="assets/app.js?v=1"></script></head><body>
<a href="districts/haizhu/">ok</a> <a href="districts/haizhu/#park-a">ok</a> <a href="#here">ok</a> <a href="#">top</a>
<a href="https://example.com/ok">external, never fetched</a> <a href="mailto:editor@example.com">mail</a>
<p id="here">
<a href="districts/nowhere/">gone</a>
<a href="districts/haizhu/#park-b">no such anchor</a>
<a href="#nowhere">no such anchor here</a>
<iframe src="embed/x/"></iframe>
<img src="embed/haizhu/map.svg" alt="">
<a href="javascript:alert(1)">unsafe</a>
<a href="https://exa mple.com/">malformed</a>
<a href="../outside.html">outside</a>
</body></html>"""
BROKEN_DISTRICT = """<!doctype html><html><head><meta charset="utf-8"><link rel="stylesheet" href="../../assets/site.css">
</head><body><h1 id="park-a">海珠区</h1><a href="../../embed/x/">map</a><a href="../../">home</a></body></html>"""
SOURCES = """sources:
  - id: src-a
    title: 标题
    publisher: 发布者
    published: 2025-02-15
    url: "https://example.com/?q=`x`"
  - id: src-b
    title: 标题
    publisher: 发布者
    published: 2025-02-15
    url: https://example.com/fine
"""
EXPECTED = [
    "site/index.html: 资源 assets/missing.png 指向不存在的文件",
    "site/index.html: 脚本 assets/app.js?v=1 指向不存在的文件",
    "site/index.html: 链接 districts/nowhere/ 指向不存在的文件",
    "site/index.html: 链接 districts/haizhu/#park-b 指向的锚点 #park-b 在 site/districts/haizhu/index.html 里不存在",
    "site/index.html: 链接 #nowhere 指向的锚点 #nowhere 在 site/index.html 里不存在",
    "site/index.html: 嵌入框 embed/x/ 指向不存在的文件",
    "site/index.html: 图片 embed/haizhu/map.svg 指向不存在的文件",
    "site/index.html: 链接 javascript:alert(1) 使用了不安全的协议（只允许站内地址和 http/https）",
    "site/index.html: 链接 https://exa mple.com/ 不是格式正确的 http(s) 网址",
    "site/index.html: 链接 ../outside.html 指向网站目录以外",
    "site/districts/haizhu/index.html: 链接 ../../embed/x/ 指向不存在的文件",
    "data/sources.yaml:6:10: 来源网址 https://example.com/?q=`x` 不是格式正确的 http(s) 网址",
]


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    """A project with a four-file site that has one of each kind of problem."""
    site = tmp_path / "site"
    (site / "districts" / "haizhu").mkdir(parents=True)
    (site / "assets").mkdir()
    (site / "assets" / "site.css").write_text("body{}", "utf-8")
    (site / "index.html").write_text(BROKEN_HOME, "utf-8")
    (site / "districts" / "haizhu" / "index.html").write_text(BROKEN_DISTRICT, "utf-8")
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "sources.yaml").write_text(SOURCES, "utf-8")
    return tmp_path


def test_a_broken_site_gets_one_plain_line_per_problem_of_each_kind(broken):
    findings = check_site(broken / "site", sources_file=broken / "data" / "sources.yaml")
    assert sorted(f.format() for f in findings) == sorted(EXPECTED)


def test_the_check_command_prints_the_problems_and_exits_1(broken):
    result = CliRunner().invoke(main, ["check", "--root", str(broken)])
    assert result.exit_code == 1
    assert result.output.splitlines()[:-1] == [
        line for line in result.output.splitlines() if "site/" in line or "data/" in line
    ]
    assert set(EXPECTED) <= set(result.output.splitlines())
    assert result.output.splitlines()[-1] == f"共 {len(EXPECTED)} 个问题 / {len(EXPECTED)} problem(s)"


def test_a_folder_that_is_not_a_built_site_is_one_problem(tmp_path):
    result = CliRunner().invoke(main, ["check", "--root", str(tmp_path)])
    assert result.exit_code == 1 and "没有 index.html" in result.output


@pytest.mark.slow
def test_the_real_built_site_has_no_broken_link_anchor_frame_or_asset(tmp_path_factory):
    real = real_site(tmp_path_factory)
    assert real.report.ok, real.report.render()
    # mkdocs.yml's site_url: the 404 page's assets are addressed under its path, hreflang and the switcher by it
    published = "https://gz-profiles.github.io/gz-profiles/"
    found = check_site(real.site, sources_file=real.project / "data" / "sources.yaml", site_url=published)
    assert [f.format() for f in found] == []
    # Its canonical links and oEmbed links are absolute, under mkdocs.yml's site_url: each resolves to a file here.
    assert check_site(real.site, site_url=SITE_URL) == []
    result = CliRunner().invoke(main, ["check", "--root", str(real.project)])
    assert (result.exit_code, result.output.strip()) == (0, "共 0 个问题 / 0 problem(s)")


@pytest.mark.slow
def test_the_check_on_the_real_site_would_notice_a_missing_embed(tmp_path_factory, tmp_path):
    import shutil

    site = shutil.copytree(real_site(tmp_path_factory).site, tmp_path / "site")
    shutil.rmtree(site / "embed" / "haizhu")
    lines = {f.format() for f in check_site(site)}
    assert "site/districts/haizhu/index.html: 嵌入框 ../../embed/haizhu/?fit=1 指向不存在的文件" in lines


@pytest.mark.parametrize(
    "url",
    [
        "https://www.gz.gov.cn/zwgk/content/post_123.html",
        "http://例子.中国/路径?q=1#a",
        "https://[::1]:8080/x",
        "HTTPS://EXAMPLE.COM/",
        "http://1.2.3.4/a%20b",
    ],
)
def test_well_formed_http_urls_pass(url):
    assert well_formed_http(url)


@pytest.mark.parametrize(
    "url",
    [
        "https:/example.com",
        "https://",
        "ftp://example.com/",
        "https://ex ample.com/",
        "https://example.com:99999/",
        "http://a_b.com/",
        "https://example.com/?q=`x`",
        'https://example.com/"x',
        "https://x.com/a#b#c",
        "javascript:alert(1)",
        "//example.com/",
        "https://example.com/%zz",
    ],
)
def test_malformed_or_non_http_urls_fail(url):
    assert not well_formed_http(url)


HOW = (
    "（hreflang 与站点地图由 mkdocs.yml 的 i18n 插件和 profiles/site/languages.py 写出：请确认二者都在 mkdocs.yml 里）"
)


@pytest.mark.slow
def test_a_site_with_its_english_edition_has_every_twin_both_ways(bilingual_site):
    assert check_site(bilingual_site, shown="site", site_url=SITE_URL) == []


@pytest.mark.slow
def test_a_page_without_its_english_twin_and_an_english_page_without_a_chinese_one_are_named(bilingual_site, tmp_path):
    site = copy_site(bilingual_site, tmp_path / "site")
    (site / "en" / "compare" / "index.html").unlink()
    (site / "en" / "extra").mkdir()
    (site / "en" / "extra" / "index.html").write_text("<!doctype html><title>x</title>", "utf-8")
    lines = {f.format() for f in check_site(site, site_url=SITE_URL)}
    assert (
        "site/compare/index.html: 没有 en 版 site/en/compare/index.html：每个页面都要有它（生成的页面由生成器写进 docs/en/，"
        "手写的页面放在 docs/en/ 下同样的位置）" in lines
    )
    assert "site/en/extra/index.html: 没有对应的中文页面 site/extra/index.html：请补上中文页面，或删掉这个页面" in lines
    # The switcher and the head's hreflang of the Chinese page, absolute, lead nowhere now.
    assert f"site/compare/index.html: 资源 {SITE_URL}en/compare/ 指向不存在的文件" in lines
    assert f"site/compare/index.html: 链接 {SITE_URL}en/compare/ 指向不存在的文件" in lines


@pytest.mark.slow
def test_hreflang_must_link_both_twins_and_the_sitemap_list_both(bilingual_site, tmp_path):
    site = copy_site(bilingual_site, tmp_path / "site")
    about = site / "en" / "about" / "index.html"
    text = about.read_text("utf-8")
    about.write_text(
        text.replace(f'href="{SITE_URL}about/" hreflang="zh"', f'href="{SITE_URL}data/" hreflang="zh"'), "utf-8"
    )
    data = site / "data" / "index.html"
    data.write_text(data.read_text("utf-8").replace('hreflang="x-default"', 'hreflang="x-other"'), "utf-8")
    sitemap = site / "sitemap.xml"
    sitemap.write_text(sitemap.read_text("utf-8").replace(f"<loc>{SITE_URL}en/changes/</loc>", "<loc>x</loc>"), "utf-8")
    lines = {f.format() for f in check_site(site, site_url=SITE_URL)}
    assert (
        f'site/en/about/index.html: <link rel="alternate" hreflang="zh"> 指向 {SITE_URL}data/，应指向 site/about/index.html'
        + HOW
    ) in lines
    assert (
        'site/data/index.html: 缺少指向 site/data/index.html 的 <link rel="alternate" hreflang="x-default">' + HOW
        in lines
    )
    assert "site/sitemap.xml: 列出了 changes/index.html，却没有列出它的 en 版 en/changes/index.html" + HOW in lines


def test_a_site_in_one_language_has_no_twins_to_check(broken):
    assert not any("版" in f.message for f in check_site(broken / "site"))
