"""Maps and their embed pages.

    from profiles.outputs.maps import MAP_PAGES, MapSettings, copy_assets
    MAP_PAGES                                        # the build's output (profiles.engine.rendering): map pages
    copy_assets(out)                                 # the static files they load

MAP_PAGES makes embed/<slug>/index.html for every district and embed/guangzhou/index.html (all boundaries,
each linking to its profile); copy_assets puts embed/resize.js (host script) and the self-hosted assets under
assets/vendor/ and assets/maps/.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping

from ...engine.rendering import Inputs, Output
from ...facts.present import embed_path, oembed_url
from ...model import CITY_SLUG
from ...model.dataset import Dataset
from .assets import copy_assets
from .pages import PageRenderer, city_view, district_view, page_path
from .settings import BOUNDARY_CREDIT, MapSettings

__all__ = ["MAP_PAGES", "MapSettings", "copy_assets", "BOUNDARY_CREDIT"]


def map_views(
    dataset: Dataset,
    boundaries: Mapping[str, dict],
    settings: MapSettings,
    digest: str = "",
    site: str | None = None,
    edition: str = "",
):
    """(path, view) of every map page: each district's, then the city's, in the dataset's language. With the
    site's public URL (`site`), each page links its oEmbed JSON (profiles/outputs/embeds/oembed.py), in its
    edition's folder (`edition`: "" for Chinese, "en/")."""
    lang = dataset.lang
    for slug, district in dataset.districts.items():
        view = district_view(dataset, district, boundaries, settings, digest, lang=lang)
        yield page_path(slug), dataclasses.replace(view, oembed=_oembed(site, slug, edition))
    view = city_view(dataset, boundaries, settings, digest, lang=lang)
    yield page_path(CITY_SLUG), dataclasses.replace(view, oembed=_oembed(site, CITY_SLUG, edition))


def _oembed(site: str | None, slug: str, edition: str = "") -> str | None:
    return oembed_url(site, edition + embed_path(slug))


def _renderer(inputs: Inputs, settings: MapSettings) -> PageRenderer:
    lang, up = inputs.ctx.lang, inputs.ctx.up
    return inputs.resource(
        f"map-pages {settings!r}" + (f" {lang}" if up else ""),
        lambda: PageRenderer(
            inputs.boundaries,
            settings,
            prefix=up + "../../",  # from embed/<slug>/ of its edition to the shared assets/
            cache=inputs.cache,
            digest=inputs.ctx.boundaries_digest,
            lang=lang,
        ),
    )


MAP_PAGES = Output(
    "map",
    collect=lambda i: (
        map_views(i.dataset, i.boundaries, i.ctx.map_settings, i.ctx.boundaries_digest, i.ctx.site_url, i.ctx.prefix)
        if i.boundaries
        else ()
    ),
    render=lambda view, i: _renderer(i, view.settings).render(view),
)
