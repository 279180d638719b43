"""Maps and their embed pages.

    from profiles.maps import MapSettings, build_maps
    paths = build_maps(dataset, boundaries, out_dir, MapSettings.from_env(config))

writes out_dir/embed/<slug>/index.html for every district, out_dir/embed/guangzhou/index.html
(all boundaries, each linking to its profile), out_dir/embed/resize.js (host script), and
the self-hosted assets under out_dir/assets/vendor/ and out_dir/assets/maps/.
"""

from __future__ import annotations

from collections.abc import Mapping

from markupsafe import Markup, escape

from ..dataset import Dataset
from ..memo import NO_MEMO, PROSE
from ..output import Outputs
from ..registry import CITY_SLUG
from . import features as _features
from .assets import copy_assets
from .pages import NEW_TAB, PageRenderer, environment, page_path
from .settings import BOUNDARY_CREDIT, MapSettings

__all__ = ["MapSettings", "build_maps", "feature_list_html", "embed_iframe_html", "BOUNDARY_CREDIT"]


def build_maps(
    dataset: Dataset,
    boundaries: Mapping[str, dict],
    out: Outputs,
    settings: MapSettings | None = None,
    memo=NO_MEMO,
) -> list[str]:
    """Put every map page and its assets into `out`; return their paths.
    `memo` (memo.Memo) caches each district's page."""
    renderer = PageRenderer(dataset, boundaries, settings or MapSettings(), cache=memo.cache)
    paths = copy_assets(out)
    for slug, district in dataset.districts.items():
        paths.append(
            out.put(page_path(slug), memo("embed", slug, lambda district=district: renderer.district_page(district)))
        )
    paths.append(out.put(page_path(CITY_SLUG), memo.whole("embed-city", renderer.city_page, PROSE)))
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
