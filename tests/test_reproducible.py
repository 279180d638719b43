"""A build either makes exactly the site its commit describes, or changes nothing.

Reproducible: the real data built in separate processes, in different folders, with different hash
seeds, time zones and locales, gives a byte-identical site — every file, no exception. The one input
from outside the data and the code is the commit time, SOURCE_DATE_EPOCH (build.py sets it from the
last commit): its day is in sitemap.xml and sitemap.xml.gz (COMMIT_TIME below) and nowhere else, so two
builds of one commit agree and a later commit changes those two files only.

Atomic: an exception in the middle of generating, or Ctrl-C inside MkDocs, leaves the previous site/
and docs/ as they were, the working directory where it was, and no temporary folder behind.
"""

from __future__ import annotations

import gzip
import hashlib
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from profiles.base.config import load_config
from profiles.site.build import build
from tests.conftest import ROOT, copy_valid_data, make_project
from tests.fixtures.hostile.sites import build_keeping_environment

pytestmark = pytest.mark.slow

EPOCH = 1_000_000_000  # 2001-09-09: a fixed commit time no data mentions, so any trace of it can be found
SITE_URL = "https://gz-profiles.example/sub/"  # as the deploy workflow sets it: the sitemap then lists every page
# The files that carry the commit time, and why; every other file is the same whatever the commit's date.
COMMIT_TIME = {
    "sitemap.xml": "each page's <lastmod> is the commit's day (MkDocs: SOURCE_DATE_EPOCH)",
    "sitemap.xml.gz": "the same, and the gzip header's MTIME is the commit's day",
}


def digest(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _start(project: Path, epoch: int, seed: str, tz: str, lang: str) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PROFILES_", "SOURCE_DATE"))}
    env.update(
        SOURCE_DATE_EPOCH=str(epoch),
        PYTHONHASHSEED=seed,
        TZ=tz,
        LANG=lang,
        LC_ALL=lang,
        PYTHONPATH=str(ROOT),
        NO_MKDOCS_2_WARNING="1",
        PROFILES_SITE_URL=SITE_URL,
    )
    return subprocess.Popen(
        [sys.executable, "-m", "profiles", "build", "--root", str(project)],
        cwd=project.parent,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory) -> tuple[Path, Path]:
    """The real data built twice at once, the two processes as different from each other as we can make them."""
    runs = [("1", "Asia/Shanghai", "C.UTF-8"), ("2", "America/Los_Angeles", "C")]
    projects = [
        make_project(tmp_path_factory.mktemp(f"build{i}") / "gz profiles", ROOT / "data", english=True)
        for i in range(2)
    ]
    procs = [_start(project, EPOCH, *run) for project, run in zip(projects, runs)]
    for proc in procs:
        out, _ = proc.communicate(timeout=300)
        assert proc.returncode == 0, out
    return projects[0] / "site", projects[1] / "site"


def test_two_builds_of_one_commit_are_byte_identical_over_the_whole_site(two_builds):
    first, second = (digest(site) for site in two_builds)
    assert len(first) > 100 and "search/search_index.json" in first and "data/all.json" in first
    assert first == second


def test_the_commit_time_appears_only_in_the_sitemap(two_builds):
    site = two_builds[0]
    gz = (site / "sitemap.xml.gz").read_bytes()
    assert int.from_bytes(gz[4:8], "little") == EPOCH - EPOCH % 86400  # gzip MTIME: the commit's day, not today
    assert "<lastmod>2001-09-09</lastmod>" in (site / "sitemap.xml").read_text("utf-8")
    marks = (str(EPOCH).encode(), b"2001-09-09", "2001年9月9日".encode())

    def content(path: Path) -> bytes:
        return gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()

    stamped = {
        p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file() and any(m in content(p) for m in marks)
    }
    assert stamped == set(COMMIT_TIME)


@pytest.fixture(scope="module")
def good(tmp_path_factory) -> Path:
    """A small project with a good site already built (the valid fixture, with real boundaries)."""
    root = tmp_path_factory.mktemp("atomic")
    project = make_project(root / "project", copy_valid_data(root / "data"))
    assert build_keeping_environment(project).ok
    return project


@pytest.fixture
def private_tmp(tmp_path, monkeypatch) -> Path:
    """The build's temporary folders go here, so a leftover is visible (the system one is shared)."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EPOCH))
    return folder


def assert_untouched(project: Path, site: dict, docs: dict, tmp: Path) -> None:
    assert digest(project / "site") == site
    assert digest(project / "docs") == docs
    assert list(tmp.iterdir()) == []
    assert sorted(p.name for p in project.iterdir() if p.name.startswith(".")) == []  # no .site-* or .site-old-*


def test_an_exception_in_the_middle_of_generating_leaves_site_and_docs_as_they_were(good, private_tmp, monkeypatch):
    from profiles.outputs.maps.pages import PageRenderer

    site, docs = digest(good / "site"), digest(good / "docs")

    def fail(self, view):
        raise RuntimeError("injected")

    monkeypatch.setattr(PageRenderer, "render", fail)  # after the pages, before the images and downloads
    monkeypatch.setenv("PROFILES_NO_CACHE", "1")  # so the map pages are rendered, not read from the cache
    with pytest.raises(RuntimeError, match="injected"):
        build(load_config(good))
    assert_untouched(good, site, docs, private_tmp)


def test_ctrl_c_inside_mkdocs_leaves_the_previous_site_and_the_working_directory(good, private_tmp, monkeypatch):
    import mkdocs.commands.build

    site, cwd = digest(good / "site"), os.getcwd()

    def interrupted(config, **kwargs):
        Path(config["site_dir"], "index.html").write_text("half a site", "utf-8")
        raise KeyboardInterrupt

    monkeypatch.setattr(mkdocs.commands.build, "build", interrupted)
    with pytest.raises(KeyboardInterrupt):
        build(load_config(good))
    assert os.getcwd() == cwd
    assert_untouched(good, site, digest(good / "docs"), private_tmp)
