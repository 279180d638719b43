"""Maps and their embed pages.

    from profiles.maps import MAP_PAGES, MapSettings, build_maps, copy_assets
    MAP_PAGES                                        # the build's output (profiles.rendering): map pages
    copy_assets(out)                                 # the static files they load
    paths = build_maps(dataset, boundaries, out, MapSettings.from_env(config))   # all, uncached

writes out_dir/embed/<slug>/index.html for every district, out_dir/embed/guangzhou/index.html
(all boundaries, each linking to its profile), out_dir/embed/resize.js (host script), and
the self-hosted assets under out_dir/assets/vendor/ and out_dir/assets/maps/.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping

from markupsafe import Markup, escape

from ..dataset import Dataset
from ..models import CITY_SLUG
from ..output import Outputs
from ..present import embed_path, oembed_url
from ..rendering import Inputs, Output
from . import features as _features
from .assets import copy_assets
from .pages import NEW_TAB, PageRenderer, city_view, district_view, environment, page_path
from .settings import BOUNDARY_CREDIT, MapSettings

__all__ = [
    "MAP_PAGES",
    "MapSettings",
    "build_maps",
    "copy_assets",
    "feature_list_html",
    "embed_iframe_html",
    "BOUNDARY_CREDIT",
]


def map_views(
    dataset: Dataset, boundaries: Mapping[str, dict], settings: MapSettings, digest: str = "", site: str | None = None
):
    """(path, view) of every map page: each district's, then the city's. With the site's public URL
    (`site`), each page links its oEmbed JSON (profiles/embeds/oembed.py)."""
    for slug, district in dataset.districts.items():
        view = district_view(dataset, district, boundaries, settings, digest)
        yield page_path(slug), dataclasses.replace(view, oembed=_oembed(site, slug))
    view = city_view(dataset, boundaries, settings, digest)
    yield page_path(CITY_SLUG), dataclasses.replace(view, oembed=_oembed(site, CITY_SLUG))


def _oembed(site: str | None, slug: str) -> str | None:
    return oembed_url(site, embed_path(slug))


def _renderer(inputs: Inputs, settings: MapSettings) -> PageRenderer:
    return inputs.resource(
        f"map-pages {settings!r}",
        lambda: PageRenderer(inputs.boundaries, settings, cache=inputs.cache, digest=inputs.ctx.boundaries_digest),
    )


MAP_PAGES = Output(
    "map",
    collect=lambda i: (
        map_views(i.dataset, i.boundaries, i.ctx.map_settings, i.ctx.boundaries_digest, i.ctx.site_url)
        if i.boundaries
        else ()
    ),
    render=lambda view, i: _renderer(i, view.settings).render(view),
)


def build_maps(
    dataset: Dataset, boundaries: Mapping[str, dict], out: Outputs, settings: MapSettings | None = None
) -> list[str]:
    """Put every map page and its assets into `out`, all rendered; return their paths (tests, one-off
    scripts; a build renders `MAP_PAGES` through the cache)."""
    settings = settings or MapSettings()
    renderer = PageRenderer(boundaries, settings)
    paths = copy_assets(out)
    for path, view in map_views(dataset, boundaries, settings):
        paths.append(out.put(path, renderer.render(view)))
    return paths


def feature_list_html(dataset: Dataset, slug: str, *, in_page: bool = True, prefix: str = "../../") -> Markup:
    """The accessible list of a district's mapped parks and projects, for a profile page.
    in_page=True links to `#park-<id>` / `#project-<id>` on the same page; otherwise to the
    profile from `prefix` in a new tab. Needs static/maps.css (or equivalent) for symbols."""
    district = dataset.districts[slug]
    items = _features.district_features(dataset, district, lambda lon, lat: (lon, lat), prefix)
    for f in items:
        f["index"] = None
        if in_page:
            f["href"] = "#" + f["href"].rsplit("#", 1)[1]
    template = environment().get_template("_feature_list.html")
    return Markup(
        template.render(features=items, districts=None, show_district=False, link_attrs="" if in_page else NEW_TAB)
    )


def embed_iframe_html(slug: str, title: str, *, prefix: str = "../../", with_script: bool = True) -> Markup:
    """The snippet that embeds a map page (ours or another site's, given an absolute
    `prefix`): sandboxed, lazy, aspect-ratio sized; resize.js fits the height exactly."""
    src = f"{prefix}embed/{slug}/?id=gz-map-{slug}"
    html = (
        f'<iframe src="{escape(src)}" id="gz-map-{escape(slug)}" data-gz-embed title="{escape(title)}" '
        'loading="lazy" allow="fullscreen" '
        'sandbox="allow-scripts allow-popups allow-popups-to-escape-sandbox" '
        'style="display:block;width:100%;border:0;aspect-ratio:3/2;min-height:760px"></iframe>'
    )
    if with_script:
        html += f'\n<script src="{escape(prefix)}embed/resize.js" async></script>'
    return Markup(html)
