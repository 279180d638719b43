"""The built site names no third-party host: Material's on-demand scripts come from our own copy."""

from __future__ import annotations

import pytest

from profiles.base.problems import BuildError
from profiles.site.selfhost import INDEX_PER_LANGUAGE, NO_ALTERNATES, POLYFILL, self_host
from tests.conftest import ROOT


def test_the_real_site_names_no_cdn_and_loads_the_polyfill_from_our_own_copy(real_site):
    bundles = sorted((real_site / "assets" / "javascripts").glob("bundle.*.min.js*"))
    assert len(bundles) == 2  # the bundle and its source map
    for path in bundles:
        assert "unpkg.com" not in path.read_text("utf-8"), path.name  # neither an address nor the map's prose
    assert f'new URL("{POLYFILL}",__md_scope)' in bundles[0].read_text("utf-8")
    # No <link rel="alternate"> (an Atom feed, a page's twin in the other language) makes Material fetch a sitemap.xml.
    assert (
        f'"{NO_ALTERNATES}"' in bundles[0].read_text("utf-8") and '"link[rel=alternate]"' not in bundles[0].read_text()
    )
    assert 'link[rel=alternate]\\"' not in bundles[1].read_text("utf-8")
    # A page reads its own language's search index.
    assert bundles[0].read_text("utf-8").count(INDEX_PER_LANGUAGE) == 1
    copy = real_site / POLYFILL
    assert copy.read_bytes() == (ROOT / "docs" / POLYFILL).read_bytes()
    assert "global.ResizeObserver = factory()" in copy.read_text("utf-8")
    for path in real_site.rglob("*"):
        if path.suffix in (".html", ".js", ".css", ".json", ".map"):
            assert "unpkg.com" not in path.read_text("utf-8", errors="replace"), path


def test_a_page_with_a_mermaid_diagram_fails_the_build_by_name(tmp_path):
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "index.html").write_text('<pre class="mermaid">graph TD</pre>', "utf-8")
    with pytest.raises(BuildError, match="notes/index.html: 含 mermaid 图"):
        self_host(tmp_path)


def test_a_page_fetches_the_search_index_of_its_own_language():
    assert INDEX_PER_LANGUAGE == '(document.documentElement.lang==="en"?"en/":"")+"search/search_index.json"'


def test_rewriting_the_bundle_again_changes_nothing(tmp_path):
    """A preview rewrites the bundle after each of its builds; ours holds the index's literal it replaces."""
    folder = tmp_path / "assets" / "javascripts"
    folder.mkdir(parents=True)
    bundle = folder / "bundle.x.min.js"
    bundle.write_text('a=new URL("search/search_index.json",b);c=M("link[rel=alternate]")', "utf-8")
    assert self_host(tmp_path) == [bundle]
    once = bundle.read_text("utf-8")
    assert once == f'a=new URL({INDEX_PER_LANGUAGE},b);c=M("{NO_ALTERNATES}")'
    assert self_host(tmp_path) == [] and bundle.read_text("utf-8") == once


def test_an_english_page_reads_the_english_index_and_no_sitemap(bilingual_site):
    """Checked in a browser by the spike (#25); here: the bundle every page of the bilingual site loads."""
    bundle = next((bilingual_site / "assets" / "javascripts").glob("bundle.*.min.js")).read_text("utf-8")
    assert INDEX_PER_LANGUAGE in bundle and NO_ALTERNATES in bundle
    assert (bilingual_site / "en" / "search" / "search_index.json").is_file()
