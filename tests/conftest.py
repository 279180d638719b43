"""Shared fixtures: tiny data folders and a throw-away copy of the project to build."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

pytest_plugins = ["tests.browser"]

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures"
VALID = FIXTURES / "valid"
SITE_URL = "https://gz-profiles.github.io/gz-profiles/"
SITE_URL_LINE = f'site_url: !ENV [PROFILES_SITE_URL, "{SITE_URL}"]'
PUBLIC_URL = "https://gz.example.org/profiles/"  # where public_project is deployed (PROFILES_SITE_URL)


def copy_valid_data(target: Path) -> Path:
    """The one-district valid fixture copied to `target`, with the real boundaries so point checks run."""
    shutil.copytree(VALID, target)
    shutil.copytree(ROOT / "data" / "boundaries", target / "boundaries")
    return target


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return copy_valid_data(tmp_path / "data")


EN_SWITCH = re.compile(r"(\n        - locale: en\n(?:          .*\n)*?          build: )(true|false)\n")


def english_switch(config: Path, on: bool) -> None:
    """mkdocs.yml's one switch for the English edition (the en language's `build:`), set as a project needs it."""
    text = config.read_text("utf-8")
    made, n = EN_SWITCH.subn(lambda m: m.group(1) + ("true" if on else "false") + "\n", text)
    assert n == 1, "mkdocs.yml has no en language with build:"
    config.write_text(made, "utf-8")


def make_project(target: Path, data: Path, english: bool = False) -> Path:
    """A minimal project (config, hand-written docs, overrides) around a data folder, ready to build. `english`:
    the English edition built too (mkdocs.yml's switch; off unless a test is about it: it doubles a build)."""
    target.mkdir(parents=True, exist_ok=True)
    for name in ("mkdocs.yml", "pyproject.toml"):
        shutil.copy(ROOT / name, target / name)
    english_switch(target / "mkdocs.yml", english)
    shutil.copytree(ROOT / "overrides", target / "overrides")
    (target / "profiles").symlink_to(ROOT / "profiles")  # mkdocs.yml names its hooks file by path
    docs = target / "docs"
    docs.mkdir()
    for rel in ("about.md", "en/about.md"):  # only hand-written pages: generated ones are rebuilt
        (docs / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / "docs" / rel, docs / rel)
    shutil.copytree(ROOT / "docs" / "assets", docs / "assets", ignore=shutil.ignore_patterns("vendor", "maps"))
    if data.resolve() != (target / "data").resolve():
        shutil.copytree(data, target / "data")
    return target


@pytest.fixture
def project(tmp_path: Path, data_dir: Path) -> Path:
    return make_project(tmp_path / "project", data_dir)


@pytest.fixture(scope="session")
def real_data_project(tmp_path_factory) -> Path:
    """The real data in a throw-away project, not built: tests render what they need of it (tests/render.py).
    Read-only for tests."""
    return make_project(tmp_path_factory.mktemp("real-data") / "project", ROOT / "data")


@pytest.fixture(scope="session")
def real_project(tmp_path_factory) -> Path:
    """The real data built once per test session into a throw-away project. Read-only for tests."""
    from profiles.base.config import load_config
    from profiles.site.build import build

    project = make_project(tmp_path_factory.mktemp("real") / "project", ROOT / "data")
    # Built as a copy deployed without a public address (what the embed tests are about: the panel then
    # writes codes for wherever the site is served). mkdocs.yml names the public address by default.
    config = project / "mkdocs.yml"
    text = config.read_text("utf-8")
    assert SITE_URL_LINE in text
    config.write_text(text.replace(SITE_URL_LINE, 'site_url: !ENV [PROFILES_SITE_URL, ""]'), "utf-8")
    with pytest.MonkeyPatch.context() as env:
        env.delenv("PROFILES_SITE_URL", raising=False)
        report = build(load_config(project))
    assert report.ok, report.render()
    return project


@pytest.fixture(scope="session")
def real_site(real_project: Path) -> Path:
    return real_project / "site"


@pytest.fixture(scope="session")
def public_project(tmp_path_factory) -> Path:
    """The real data built once per test session as deployed at PUBLIC_URL (set by PROFILES_SITE_URL,
    which overrides mkdocs.yml's site_url). Read-only for tests."""
    from profiles.base.config import load_config
    from profiles.site.build import build

    project = make_project(tmp_path_factory.mktemp("public") / "project", ROOT / "data", english=True)
    with pytest.MonkeyPatch.context() as env:
        env.setenv("PROFILES_SITE_URL", PUBLIC_URL)
        report = build(load_config(project))
    assert report.ok, report.render()
    return project


@pytest.fixture(scope="session")
def history_project(tmp_path_factory) -> tuple[Path, list[str]]:
    """A project in its own git repository (tests/history_repo.py: the data imported, then four editors' commits),
    built at its public address with the repository's edit links. Returns it and its commits, oldest first.
    Read-only for tests."""
    from profiles.base.config import load_config
    from profiles.site.build import build
    from tests.history_repo import EDIT_BASE, SITE_URL, make_history_repo

    project, shas = make_history_repo(tmp_path_factory.mktemp("history") / "repo")
    with pytest.MonkeyPatch.context() as env:
        env.setenv("PROFILES_SITE_URL", SITE_URL)
        env.setenv("PROFILES_EDIT_BASE", EDIT_BASE)
        report = build(load_config(project))
    assert report.ok, report.render()
    return project, shas


@pytest.fixture(scope="session")
def bilingual_site(tmp_path_factory) -> Path:
    """A tiny project with the English edition switched on, built once per session (tests/fixtures/bilingual.py).
    Read-only for tests."""
    from tests.fixtures.bilingual import bilingual_site as built

    return built(tmp_path_factory)
