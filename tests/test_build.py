"""The whole build on a tiny project: pages, determinism, and a failed build never replacing a good site."""

import hashlib
from pathlib import Path

import pytest
from click.testing import CliRunner

from profiles.base.config import load_config
from profiles.cli import main
from profiles.site.build import BuildError, build

pytestmark = pytest.mark.slow


def tree_digest(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def built(project: Path) -> Path:
    report = build(load_config(project))
    assert report.ok, report.render()
    return project


def test_build_writes_home_and_a_page_per_district_with_its_goals(built):
    home = (built / "site" / "index.html").read_text("utf-8")
    page = (built / "site" / "districts" / "haizhu" / "index.html").read_text("utf-8")
    assert 'href="districts/haizhu/"' in home
    assert "地区生产总值增长5.5%以上" in page and "全年引育大模型企业超100个" in page
    assert 'id="goal-gdp-growth-2025"' in page


def test_two_builds_give_a_byte_identical_site(built):
    first = tree_digest(built / "site")
    report = build(load_config(built))
    assert report.ok
    assert tree_digest(built / "site") == first


def test_invalid_data_leaves_the_previous_site_and_docs_untouched(built):
    site, docs = tree_digest(built / "site"), tree_digest(built / "docs")
    path = built / "data" / "districts" / "haizhu.yaml"
    path.write_text(path.read_text("utf-8").replace("slug: haizhu", "slug: haizhu\ncolour: red"), "utf-8")
    result = CliRunner().invoke(main, ["build", "--root", str(built)])
    assert result.exit_code == 1
    assert "haizhu.yaml:2:1: colour: 未知字段" in result.output
    assert tree_digest(built / "site") == site and tree_digest(built / "docs") == docs


def test_a_failing_mkdocs_build_leaves_the_previous_site_untouched(built):
    site = tree_digest(built / "site")
    (built / "docs" / "about.md").write_text("# 关于\n\n[坏链接](missing.md)\n", "utf-8")
    with pytest.raises(BuildError):
        build(load_config(built))
    assert tree_digest(built / "site") == site
    assert not list(built.glob(".site-*"))


def test_generated_files_are_rewritten_only_when_their_content_changes(built):
    from profiles.site.build import Timings

    timings = Timings()
    build(load_config(built), timings=timings, run_mkdocs=False)
    assert timings.written == []
    path = built / "data" / "districts" / "haizhu.yaml"
    path.write_text(
        path.read_text("utf-8").replace("海珠区以数智产业为主线。", "海珠区以数智产业为主线（已修改）。"), "utf-8"
    )
    build(load_config(built), timings=timings, run_mkdocs=False)
    assert "districts/haizhu.md" in timings.written
    assert "index.md" not in timings.written


def test_social_cards_and_embed_codes_carry_the_public_address_from_mkdocs_yml(built, monkeypatch):
    from tests.conftest import SITE_URL

    home = (built / "site" / "index.html").read_text("utf-8")
    page = (built / "site" / "districts" / "haizhu" / "index.html").read_text("utf-8")
    assert f'<meta property="og:image" content="{SITE_URL}embed/guangzhou/map.png">' in home
    assert f'<meta property="og:image" content="{SITE_URL}embed/haizhu/map.png">' in page
    assert f'<meta property="og:url" content="{SITE_URL}districts/haizhu/">' in page
    assert f"src=&#34;{SITE_URL}embed/haizhu/" in page and "data-gz-embed-placeholder" not in page


def test_a_district_page_shows_the_districts_tab_active(built):
    page = (built / "site" / "districts" / "haizhu" / "index.html").read_text("utf-8")
    about = (built / "site" / "about" / "index.html").read_text("utf-8")
    active = '<li class="md-tabs__item md-tabs__item--active">\n        <a href="../" class="md-tabs__link">'
    assert "md-tabs__item--active" in page and active.split("\n")[0] in page
    assert page.count("md-tabs__item--active") == 1 and about.count("md-tabs__item--active") == 1


def test_every_folder_the_generator_owns_is_ignored_by_git():
    from profiles.site.generate import MANAGED

    ignored = {
        line.strip().strip("/")
        for line in (Path(__file__).parent.parent / ".gitignore").read_text("utf-8").splitlines()
    }
    assert {f"docs/{path}" for path in MANAGED} <= ignored
