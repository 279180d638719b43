"""The built site names no third-party host: Material's on-demand scripts come from our own copy."""

from __future__ import annotations

import pytest

from profiles.base.problems import BuildError
from profiles.site.selfhost import POLYFILL, self_host
from tests.conftest import ROOT


def test_the_real_site_names_no_cdn_and_loads_the_polyfill_from_our_own_copy(real_site):
    bundles = sorted((real_site / "assets" / "javascripts").glob("bundle.*.min.js*"))
    assert len(bundles) == 2  # the bundle and its source map
    for path in bundles:
        assert "unpkg.com" not in path.read_text("utf-8"), path.name  # neither an address nor the map's prose
    assert f'new URL("{POLYFILL}",__md_scope)' in bundles[0].read_text("utf-8")
    # An Atom feed's <link rel="alternate"> is not taken for the site in another language (no sitemap.xml fetched).
    assert '"link[rel=alternate][hreflang]"' in bundles[0].read_text("utf-8")
    assert 'link[rel=alternate]\\"' not in bundles[1].read_text("utf-8")
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
