"""A build either makes exactly the site its commit describes, or changes nothing.

Reproducible: the real data built in separate processes, in different folders, with different hash
seeds, time zones and locales, gives a byte-identical site — every file. The one input from outside the
data and the code is the commit time: MkDocs writes SOURCE_DATE_EPOCH (build.py sets it from the last
commit) into the gzip header of sitemap.xml.gz, so two builds of one commit agree, and a later commit
changes that header.

Atomic: an exception in the middle of generating, or Ctrl-C inside MkDocs, leaves the previous site/
and docs/ as they were, the working directory where it was, and no temporary folder behind.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from profiles.build import build
from profiles.config import load_config
from tests.conftest import ROOT, VALID, make_project

pytestmark = pytest.mark.slow

EPOCH = 1_000_000_000  # 2001-09-09: a fixed commit time no data mentions, so any trace of it can be found


def digest(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _start(project: Path, epoch: int, seed: str, tz: str, lang: str) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PROFILES_", "SOURCE_DATE"))}
    env.update(SOURCE_DATE_EPOCH=str(epoch), PYTHONHASHSEED=seed, TZ=tz, LANG=lang, LC_ALL=lang,
               PYTHONPATH=str(ROOT), NO_MKDOCS_2_WARNING="1")
    return subprocess.Popen([sys.executable, "-m", "profiles", "build", "--root", str(project)], cwd=project.parent,
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory) -> tuple[Path, Path]:
    """The real data built twice at once, the two processes as different from each other as we can make them."""
    runs = [("1", "Asia/Shanghai", "C.UTF-8"), ("2", "America/Los_Angeles", "C")]
    projects = [make_project(tmp_path_factory.mktemp(f"build{i}") / "gz profiles", ROOT / "data") for i in range(2)]
    procs = [_start(project, EPOCH, *run) for project, run in zip(projects, runs)]
    for proc in procs:
        out, _ = proc.communicate(timeout=300)
        assert proc.returncode == 0, out
    return projects[0] / "site", projects[1] / "site"


def test_two_builds_of_one_commit_are_byte_identical_over_the_whole_site(two_builds):
    first, second = (digest(site) for site in two_builds)
    assert len(first) > 100 and "search/search_index.json" in first and "data/all.json" in first
    assert first == second


def test_the_commit_time_appears_only_in_the_sitemap_archive_header(two_builds):
    gz = (two_builds[0] / "sitemap.xml.gz").read_bytes()
    assert int.from_bytes(gz[4:8], "little") == EPOCH - EPOCH % 86400  # gzip MTIME: the commit's day, not today
    marks = (str(EPOCH).encode(), b"2001-09-09", "2001年9月9日".encode())
    stamped = [p.name for p in two_builds[0].rglob("*") if p.is_file() and any(m in p.read_bytes() for m in marks)]
    assert stamped == []


@pytest.fixture(scope="module")
def good(tmp_path_factory) -> Path:
    """A small project with a good site already built (the valid fixture, with real boundaries)."""
    root = tmp_path_factory.mktemp("atomic")
    data = root / "data"
    shutil.copytree(VALID, data)
    shutil.copytree(ROOT / "data" / "boundaries", data / "boundaries")
    project = make_project(root / "project", data)
    saved = os.environ.get("SOURCE_DATE_EPOCH")
    try:
        assert build(load_config(project)).ok
    finally:  # build() sets SOURCE_DATE_EPOCH for MkDocs; keep it out of the other tests
        os.environ.pop("SOURCE_DATE_EPOCH", None) if saved is None else os.environ.update(SOURCE_DATE_EPOCH=saved)
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
    import profiles.maps

    site, docs = digest(good / "site"), digest(good / "docs")

    def half_then_fail(dataset, boundaries, out_dir, settings=None):
        (Path(out_dir) / "embed" / "haizhu").mkdir(parents=True)
        (Path(out_dir) / "embed" / "haizhu" / "index.html").write_text("half written", "utf-8")
        raise RuntimeError("injected")

    monkeypatch.setattr(profiles.maps, "build_maps", half_then_fail)
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
