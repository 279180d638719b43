"""The data's change history (#26): a repository whose data was imported, then edited in four commits — add a goal,
change a number, move a park, delete a project — shows exactly those four changes, newest first, on /changes/, in
the district's 更新记录 and in both Atom feeds; each fact's 收录于 is the day of the commit that added it; feeds
parse cleanly with stable, unique ids; the same history builds the same bytes; a clone without history builds
and says so; old steps come from the cache."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import feedparser
import pytest
from markupsafe import escape

from profiles.base.cache import Cache
from profiles.base.config import load_config
from profiles.outputs import history
from profiles.site.build import build
from profiles.site.linkcheck import check_site
from tests.conftest import ROOT
from tests.history_repo import EDITS, IMPORT_DAY, SITE_URL, apply, commit, git, make_history_repo
from tests.test_reproducible import digest

pytestmark = pytest.mark.slow


class _Entries(HTMLParser):
    """The change entries of a page: (id, link, text) of each li of a ul.gz-changes, in page order."""

    def __init__(self, within: str | None = None):
        super().__init__()
        self.within = within  # only entries after the element with this id (a page's section)
        self.started = within is None
        self.depth = 0  # inside a ul.gz-changes
        self.entries: list[dict] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if self.within is not None and a.get("id") == self.within:
            self.started = True
        if not self.started:
            return
        if tag == "ul" and "gz-changes" in (a.get("class") or ""):
            self.depth = 1
        elif tag == "ul" and self.depth:
            self.depth += 1
        elif tag == "li" and self.depth == 1:
            self.entries.append({"id": a.get("id"), "href": None, "text": ""})
        elif tag == "a" and self.depth == 1 and self.entries and self.entries[-1]["href"] is None:
            self.entries[-1]["href"] = a.get("href")

    def handle_endtag(self, tag):
        if tag == "ul" and self.depth:
            self.depth -= 1

    def handle_data(self, data):
        if self.depth and self.entries:
            self.entries[-1]["text"] += data


def entries(page: Path, within: str | None = None) -> list[dict]:
    parser = _Entries(within)
    parser.feed(page.read_text("utf-8"))
    return parser.entries


def expected_keys(shas: list[str]) -> list[str]:
    """The four edits' entry keys, newest first (timeline.Entry.key)."""
    out = [f"{sha[:12]}-haizhu-{kind}-{ident}-{change}" for sha, (_, _, (change, kind, ident)) in zip(shas[1:], EDITS)]
    return out[::-1]


@pytest.fixture(scope="module")
def site(history_project) -> Path:
    return history_project[0] / "site"


def test_changes_lists_exactly_the_four_edits_newest_first_then_the_import(site, history_project):
    _, shas = history_project
    found = entries(site / "changes" / "index.html")
    assert [e["id"] for e in found[:4]] == [f"c-{k}" for k in expected_keys(shas)]
    assert all(e["id"].startswith(f"c-{shas[0][:12]}-") for e in found[4:]), "the rest is the import"
    texts = [" ".join(e["text"].split()) for e in found[:4]]
    assert texts[0].startswith("删除 海珠区 · 项目「琶洲港澳码头直升机场」")
    assert texts[1].startswith("修改 海珠区 · 园区「人工智能大模型应用示范区」")
    assert "位置：(113.37, 23.1) → (113.36, 23.1)（向西移动 1.0 公里，仍在海珠区内）" in texts[1]
    assert texts[2].startswith("修改 海珠区 · 目标「地区生产总值」") and "目标数值：5.5 → 6（+0.5）" in texts[2]
    assert "审阅提示：数值改了，出处没改" in texts[2], "the review's flags come along"
    assert texts[3].startswith("新增 海珠区 · 目标「算力规模」")
    # Grouped by date, newest first: each edit on its own day, then the import's.
    html = (site / "changes" / "index.html").read_text("utf-8")
    days = re.findall(r'<h2 id="d-(\d{4}-\d\d-\d\d)"', html)
    assert days == [day for _, day, _ in EDITS][::-1] + [IMPORT_DAY]


def test_each_entry_links_to_the_entity_on_its_page_and_to_its_commit(site, history_project):
    _, shas = history_project
    for page in (site / "changes" / "index.html", site / "en" / "changes" / "index.html"):  # both editions
        found = entries(page)[:4]
        assert [e["href"] for e in found] == [
            "../districts/haizhu/",  # the deleted project: its page, no anchor left to point at
            "../districts/haizhu/#park-pazhou-ai",
            "../districts/haizhu/#goal-gdp-growth-2025",
            "../districts/haizhu/#goal-compute-power-2025",
        ], page
        html = page.read_text("utf-8")
        for sha in shas[1:]:
            assert f'href="https://github.com/example/gz/commit/{sha}"' in html, page
    # Built at SITE_URL: its hreflang links and the feeds' are absolute under it, and each must resolve here.
    assert check_site(site, site_url=SITE_URL) == [], "links, anchors, hreflang, the feeds' links and ids all resolve"


def test_the_district_shows_its_latest_five_and_links_its_full_list(site, history_project):
    _, shas = history_project
    page = site / "districts" / "haizhu" / "index.html"
    mine = entries(page, within="changes")
    assert len(mine) == 5, "the latest five"
    hrefs = [e["href"] for e in mine[:4]]
    assert hrefs == ["../../districts/haizhu/", "../../districts/haizhu/#park-pazhou-ai",
                     "../../districts/haizhu/#goal-gdp-growth-2025", "../../districts/haizhu/#goal-compute-power-2025"]  # fmt: skip
    html = page.read_text("utf-8")
    total = len(entries(site / "changes" / "haizhu" / "index.html"))
    assert f'<a href="../../changes/haizhu/">海珠区的全部更新记录（{total} 条）</a>' in html
    assert [e["id"] for e in entries(site / "changes" / "haizhu" / "index.html")[:4]] == [
        f"c-{k}" for k in expected_keys(shas)
    ]
    home = entries(site / "index.html", within="changes")
    assert len(home) == 3 and [e["href"] for e in home] == [h.replace("../../", "") for h in hrefs[:3]]


def test_each_fact_says_when_it_was_first_carried(site):
    html = (site / "districts" / "haizhu" / "index.html").read_text("utf-8")

    def since(anchor: str) -> str:
        li = html[html.index(f'id="{anchor}"') :]
        li = li[: li.index("</li>")]
        return re.search(r"收录于 <time datetime=\"([\d-]+)\">", li).group(1)

    assert since("goal-compute-power-2025") == "2026-01-02"  # its own commit
    assert since("goal-gdp-growth-2025") == IMPORT_DAY, "a changed number keeps the day it was first carried"
    assert since("park-pazhou-ai") == IMPORT_DAY and since("enterprise-tencent-wechat") == IMPORT_DAY


def feeds(site: Path) -> dict[str, feedparser.FeedParserDict]:
    return {p.relative_to(site).as_posix(): feedparser.parse(p.read_bytes()) for p in sorted(site.rglob("feed.xml"))}


def test_both_feeds_carry_the_four_edits_parse_cleanly_and_are_linked_from_their_pages(site, history_project):
    _, shas = history_project
    found = feeds(site)
    assert set(found) == {"changes/feed.xml", "districts/haizhu/feed.xml"}
    for path, feed in found.items():
        assert not feed.bozo, (path, feed.get("bozo_exception"))
        ids = [e.id for e in feed.entries]
        assert len(ids) == len(set(ids)), f"{path}: entry ids are unique"
        assert ids[:4] == [f"{SITE_URL}changes/#c-{k}" for k in expected_keys(shas)]
        assert [e.updated[:10] for e in feed.entries[:4]] == [day for _, day, _ in EDITS][::-1], "the commits' dates"
        assert feed.entries[0].title == "海珠区 · 删除项目「琶洲港澳码头直升机场」"
        assert feed.entries[1].link == f"{SITE_URL}districts/haizhu/#park-pazhou-ai"
        assert feed.feed.updated.startswith(EDITS[-1][1])
    links = {
        "changes/index.html": "../changes/feed.xml",
        "index.html": "./changes/feed.xml",
        "districts/haizhu/index.html": "../../districts/haizhu/feed.xml",
        "changes/haizhu/index.html": "../../districts/haizhu/feed.xml",
    }
    for page, href in links.items():
        assert f'<link rel="alternate" type="application/atom+xml" href="{href}"' in (site / page).read_text("utf-8")


def test_the_same_history_builds_the_same_bytes_and_the_same_feed_ids(history_project, tmp_path):
    project, _ = history_project
    sites = []
    for name in ("a", "b"):
        clone = tmp_path / name
        git(tmp_path, "clone", "-q", str(project), str(clone))
        env = {**os.environ, "PYTHONPATH": str(ROOT), "PROFILES_SITE_URL": SITE_URL, "PROFILES_EDIT_BASE": "https://github.com/example/gz/edit/main/"}  # fmt: skip
        proc = subprocess.run([sys.executable, "-m", "profiles", "build", "--root", str(clone)], env=env, capture_output=True, text=True, timeout=600)  # fmt: skip
        assert proc.returncode == 0, proc.stdout + proc.stderr
        sites.append(clone / "site")
    assert digest(sites[0]) == digest(sites[1]), "byte-identical, feeds included"
    # The fixture's own build ran inside this test session, after other builds: compare a fresh build of the
    # fixture's folder instead (a process that built before may draw a share image differently: see the note
    # in profiles/outputs/share/text.py).
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PROFILES_SITE_URL": SITE_URL, "PROFILES_EDIT_BASE": "https://github.com/example/gz/edit/main/"}  # fmt: skip
    again = tmp_path / "again"
    git(tmp_path, "clone", "-q", str(project), str(again))
    proc = subprocess.run([sys.executable, "-m", "profiles", "build", "--root", str(again)], env=env, capture_output=True, text=True, timeout=600)  # fmt: skip
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert digest(sites[0]) == digest(again / "site"), "and the same as a third build, in another folder"
    assert [e.id for e in feeds(sites[0])["changes/feed.xml"].entries] == [
        e.id for e in feeds(project / "site")["changes/feed.xml"].entries
    ], "the feed ids are the same as the fixture's own build's"


def make_site(repo: Path) -> subprocess.CompletedProcess:
    """`make site` in `repo` with this environment's interpreter (the venv is already made)."""
    return subprocess.run(
        ["make", "--no-print-directory", "-f", str(ROOT / "Makefile"), "-C", str(repo), "site",
         f"BIN={Path(sys.executable).parent}", "STAMP="],
        capture_output=True, text=True, timeout=600, env={**os.environ, "PYTHONPATH": str(ROOT)},
    )  # fmt: skip


def test_a_clone_without_history_builds_and_says_history_is_unavailable(history_project, tmp_path):
    project, _ = history_project
    shallow = tmp_path / "shallow"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{project}", str(shallow))
    assert git(shallow, "rev-parse", "--is-shallow-repository").strip() == "true"
    proc = make_site(shallow)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    site = shallow / "site"
    for page in ("changes/index.html", "districts/haizhu/index.html", "index.html", "changes/haizhu/index.html"):
        html = (site / page).read_text("utf-8")
        assert "更新记录暂不可用" in html, page
        assert "application/atom+xml" not in html, f"{page}: no feed to link"
        assert "收录于" not in html, f"{page}: no first appearance is known"
    assert list(site.rglob("feed.xml")) == []


def test_a_tarball_without_git_builds_too(history_project, tmp_path):
    project, _ = history_project
    plain = tmp_path / "plain"
    git(project, "archive", "--format=tar", "-o", str(tmp_path / "src.tar"), "HEAD")  # what a release tarball holds
    plain.mkdir()
    subprocess.run(["tar", "-xf", str(tmp_path / "src.tar"), "-C", str(plain)], check=True)
    report = build(load_config(plain))
    assert report.ok, report.render()
    assert "更新记录暂不可用" in (plain / "site" / "changes" / "index.html").read_text("utf-8")


def test_a_warm_build_reads_every_old_step_from_the_cache(history_project, monkeypatch):
    project, _ = history_project

    def compared(*args, **kwargs):
        raise AssertionError("a step was compared again")

    monkeypatch.setattr(history, "step", compared)
    monkeypatch.setenv("PROFILES_SITE_URL", SITE_URL)
    found = history.read(project, project / "data", Cache(project / "build" / "cache"), _dataset(project), "", SITE_URL)
    assert found.available and found.commits == 5 and len(found.entries) > 4


def _dataset(project: Path):
    from profiles.ingest.load import load_dataset

    return load_dataset(project / "data")[0]


# --- steps, without a site ---------------------------------------------------------------------------------


@pytest.fixture
def repo(tmp_path) -> Path:
    """The import commit only."""
    project, _ = make_history_repo(tmp_path / "repo")
    return project


def read(project: Path) -> history.History:
    return history.read(project, project / "data", Cache(None), _dataset(project), "", SITE_URL)


def test_a_reorder_names_the_goals_that_moved(repo):
    haizhu = repo / "data/districts/haizhu.yaml"
    text = haizhu.read_text("utf-8")
    first, second, end = (text.index(s) for s in ("  - id: gdp-growth-2025", "  - id: llm-firms-2025", "  - id: compute-power-2025"))  # fmt: skip
    haizhu.write_text(text[:first] + text[second:end] + text[first:second] + text[end:], "utf-8")
    commit(repo, "Swap two goals", "2026-02-01")
    newest = read(repo).entries[0]
    assert (newest.change, newest.kind, newest.anchor) == ("reordered", "goal", "goals")
    assert newest.lines == ("2 项移动了位置（共 3 项）：llm-firms-2025 第 2 → 第 1 位、gdp-growth-2025 第 1 → 第 2 位",)


def test_a_broken_commit_is_told_once_it_reads_again_not_as_everything_removed_and_added(repo):
    haizhu = repo / "data/districts/haizhu.yaml"
    good = haizhu.read_text("utf-8")
    haizhu.write_text(good.replace("year: 2025", "year: twenty-five", 1), "utf-8")  # invalid today
    commit(repo, "Broken", "2026-02-01")
    haizhu.write_text(good.replace("summary: 海珠区以数智产业为主线。", "summary: 海珠区以数字经济为主线。"), "utf-8")
    commit(repo, "Fixed, and the summary reworded", "2026-02-02")
    found = read(repo)
    newest = [e for e in found.entries if e.date >= "2026-02-01"]
    assert [(e.change, e.kind, e.date) for e in newest] == [("changed", "district", "2026-02-02")]
    assert newest[0].lines == ("简介：海珠区以数智产业为主线。 → 海珠区以数字经济为主线。",)


def test_a_renamed_fact_keeps_the_day_it_was_first_carried(repo):
    haizhu = repo / "data/districts/haizhu.yaml"
    text = haizhu.read_text("utf-8").replace("id: llm-firms-2025", "id: llm-companies-2025")
    haizhu.write_text(text, "utf-8")
    commit(repo, "Rename a goal", "2026-02-01")
    found = read(repo)
    assert found.entries[0].change == "renamed" and found.entries[0].lines == ("改名：原编号 llm-firms-2025，内容未变",)
    assert dict(found.dates("data/districts/haizhu.yaml"))["goal-llm-companies-2025"] == IMPORT_DAY


def test_a_feed_link_to_a_missing_anchor_is_found(site, tmp_path):
    copy = tmp_path / "site"
    shutil.copytree(site, copy)
    feed = copy / "districts" / "haizhu" / "feed.xml"
    feed.write_text(feed.read_text("utf-8").replace("#park-pazhou-ai", "#park-gone", 1), "utf-8")
    found = [f.format() for f in check_site(copy, site_url=SITE_URL)]
    assert found == [f"site/districts/haizhu/feed.xml: 链接 {SITE_URL}districts/haizhu/#park-gone 指向的锚点 #park-gone 在 site/districts/haizhu/index.html 里不存在"]  # fmt: skip


def test_apply_knows_every_edit():
    with pytest.raises(ValueError):
        apply(Path("."), "Something else")


def test_the_change_pages_render_the_same_with_their_blocks_stashed(history_project):
    from profiles.outputs import rawblocks
    from tests.test_rawblocks import body, to_html

    docs = history_project[0] / "docs"
    for page in ("changes/index.md", "changes/haizhu.md", "districts/haizhu.md"):
        text = body((docs / page).read_text("utf-8"))
        stashed, blocks = rawblocks.stash(text)
        assert len(blocks) >= 2, page
        assert rawblocks.restore(to_html(stashed), blocks) == to_html(text), page


def test_data_in_the_history_stays_text_on_the_page_and_in_the_feed(repo):
    from profiles.outputs.history.feeds import feeds, render_feed
    from profiles.outputs.history.pages import changes_pages, render_changes

    payload = "<script>window.__pwned=1</script>[x](javascript:alert(1))"
    haizhu = repo / "data/districts/haizhu.yaml"
    edit_text = haizhu.read_text("utf-8").replace("statement: 全年引育大模型企业超100个", f'statement: "{payload}"')
    haizhu.write_text(edit_text, "utf-8")
    commit(repo, "Hostile statement", "2026-02-01")
    found = read(repo)
    assert any(payload in line for line in found.entries[0].lines), "the change is told"
    dataset = _dataset(repo)
    from tests.test_rawblocks import body, to_html

    for _, view in changes_pages(found, dataset):
        html = to_html(body(render_changes(view)))  # as MkDocs makes it
        assert "<script" not in html and 'href="javascript' not in html and str(escape(payload))[:30] in html
    for _, view in feeds(found, dataset):
        parsed = feedparser.parse(render_feed(view))
        assert not parsed.bozo and "<script" not in parsed.entries[0].content[0].value.replace("&lt;script", "")
