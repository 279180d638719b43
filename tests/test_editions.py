"""Language editions in the generator (profiles/site/generate.py, issue #25): when mkdocs.yml's i18n plugin builds
English, every output of an edition renders again under en/ from the localized data; the files both editions share
(downloads, feeds, schemas) are made once; each edition's files are cached apart."""

from __future__ import annotations

import dataclasses

import pytest

from profiles.base.config import editions, load_config
from profiles.engine.output import Outputs
from profiles.site.build import Session, validate
from profiles.site.generate import OUTPUTS, generate

I18N = """
plugins:
  - search
  - i18n:
      docs_structure: folder
      languages:
        - locale: zh
          default: true
        - locale: en
          build: {build}
"""


@pytest.mark.parametrize(("build", "expected"), [("true", ("zh", "en")), ("false", ("zh",))])
def test_the_editions_are_the_languages_mkdocs_yml_builds(tmp_path, build, expected):
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n" + I18N.format(build=build), "utf-8")
    assert editions(tmp_path / "mkdocs.yml") == expected


def test_without_the_i18n_plugin_the_site_is_chinese_only(tmp_path):
    (tmp_path / "mkdocs.yml").write_text("site_name: x\nplugins:\n  - search\n", "utf-8")
    assert editions(tmp_path / "mkdocs.yml") == ("zh",) == load_config(tmp_path).languages


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    from tests.conftest import copy_valid_data, make_project

    root = tmp_path_factory.mktemp("editions")
    project = make_project(root / "project", copy_valid_data(root / "data"))
    config = dataclasses.replace(load_config(project), languages=("zh", "en"))
    session = Session(config)
    dataset, report, boundaries = validate(config, session)
    assert report.ok, report.render()
    out = Outputs()
    entries, _, done = generate(dataset, boundaries, config, out, cache=session.cache, with_git=False)
    again = generate(dataset, boundaries, config, Outputs(), cache=session.cache, with_git=False)[2]
    return out.files, entries, done, again


def test_every_page_of_the_chinese_edition_has_its_english_twin(built):
    files = built[0]
    chinese = {path for path in files if path.endswith(".md") and not path.startswith("en/")}
    assert "districts/haizhu.md" in chinese and "index.md" in chinese
    assert {f"en/{path}" for path in chinese} <= set(files)


def test_files_both_editions_share_are_made_once(built):
    files = built[0]
    shared = [o.name for o in OUTPUTS if o.shared]
    assert {"download", "feed", "schema"} <= set(shared)
    assert any(path.startswith("data/") and path.endswith(".csv") for path in files)
    assert not any(path.startswith("en/") and path.endswith((".csv", ".xml", ".schema.json")) for path in files)


def test_the_english_pages_are_searchable_under_en(built):
    locations = {entry["location"] for entry in built[1]}
    assert "districts/haizhu/" in locations and "en/districts/haizhu/" in locations


def test_a_second_build_finds_both_editions_in_the_cache(built):
    done, again = built[2], built[3]
    assert "page@en" in done.rendered and "en/districts/haizhu.md" in done.rendered["page@en"]
    assert again.rendered == {}
