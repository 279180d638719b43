"""Map pages: the folium shell (rendered once) + one page's data, through Jinja.

Every string from YAML reaches HTML through Jinja's autoescape and JavaScript only as
JSON (`features.script_json`). The per-page work is: collect features, dump JSON, render
one compiled template — well under a millisecond for a typical district.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from ..dataset import Dataset
from ..models import District
from ..registry import CITY_SLUG
from . import features as F
from .settings import BOUNDARY_CREDIT, MapSettings, Shell

TEMPLATES = Path(__file__).parent / "templates"
NEW_TAB = Markup(' target="_blank" rel="noopener"')


@lru_cache(maxsize=1)
def environment() -> Environment:
    return Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=StrictUndefined,
    )


def build_shell(settings: MapSettings, prefix: str) -> Shell:
    from .shell import build_shell as render  # imports folium (~0.3 s): only when no cached shell fits

    return render(settings, prefix)


def _shell(settings: MapSettings, prefix: str, cache) -> Shell:
    """The shell depends only on the settings, the prefix, our code and folium's version: cached."""
    if cache is None:
        return build_shell(settings, prefix)
    from importlib.metadata import version

    key = repr((settings, prefix, version("folium"), version("branca"))).encode()
    return cache.memo("map-shell", key, lambda: build_shell(settings, prefix))


def _csp(settings: MapSettings, shell: Shell) -> str:
    """Only our own files and the basemap's tiles may load; the one inline script is
    pinned by hash. 'self' still means our server inside a sandboxed (opaque) frame."""
    img = " ".join(("'self'", "data:", *settings.base.img_hosts))
    return (
        "default-src 'none'; "
        f"script-src 'self' '{shell.script_hash}'; "
        "style-src 'self'; "
        f"img-src {img}; "
        "base-uri 'none'; form-action 'none'"
    )


class PageRenderer:
    """Renders the pages of one build: shares the shell, the converted boundaries and
    the compiled template between pages."""

    def __init__(
        self,
        dataset: Dataset,
        boundaries: Mapping[str, dict],
        settings: MapSettings,
        prefix: str = "../../",
        cache=None,
    ):
        self.dataset = dataset
        self.raw_boundaries = boundaries
        self.settings = settings
        self.prefix = prefix
        self.shell = _shell(settings, prefix, cache)
        self.to_map = F.projector(settings)
        self.boundaries = F.BoundaryCache(boundaries, self.to_map)
        self.template = environment().get_template("embed.html")
        self._common = {
            "shell": Shell(
                Markup(self.shell.head), Markup(self.shell.body), Markup(self.shell.script), self.shell.script_hash
            ),
            "csp": _csp(settings, self.shell),
            "site_name": settings.site_name,
            "basemap_label": settings.base.label,
            "boundary_credit": BOUNDARY_CREDIT,
            "link_attrs": NEW_TAB,
        }

    def _render(
        self, page: dict, kind: str, features: list[dict], boundaries: list[dict], districts, n_sources: int
    ) -> str:
        for i, f in enumerate(features):
            f["index"] = i
        badges = F.badges(features, self.raw_boundaries, self.to_map)
        data = {"kind": kind, "title": page["title"], "boundaries": boundaries, "features": features, "badges": badges}
        data_json = F.script_json(data)
        return self.template.render(
            **self._common,
            page=page,
            features=features,
            districts=districts,
            show_district=kind == "city",
            legend=F.legend(features, bool(boundaries)),
            badges=badges,
            n_sources=n_sources,
            data_json=Markup(data_json),
        )

    def district_page(self, district: District) -> str:
        features = F.district_features(self.dataset, district, self.to_map, self.prefix)
        boundary = F.boundary_entry(self.dataset, district.slug, self.boundaries, self.prefix)
        page = {
            "title": f"{district.name.zh}园区与重大项目地图",
            "profile_href": F.profile_href(district.slug, self.prefix),
            "profile_text": f"{district.name.zh}完整档案",
        }
        n = F.source_count(self.dataset, [district])
        return self._render(page, "district", features, [boundary] if boundary else [], None, n)

    def city_page(self) -> str:
        ds = self.dataset
        features: list[dict] = []
        for district in ds.districts.values():
            features.extend(F.district_features(ds, district, self.to_map, self.prefix))
        slugs = list(self.boundaries) + [s for s in ds.districts if s not in self.boundaries]
        boundaries = [b for b in (F.boundary_entry(ds, s, self.boundaries, self.prefix) for s in slugs) if b]
        districts = [
            {
                "name": d.name.zh,
                "href": F.profile_href(d.slug, self.prefix),
                "parks": len(d.parks),
                "projects": len(d.projects),
            }
            for d in ds.districts.values()
        ]
        city_name = ds.city.name.zh if ds.city else "广州市"
        page = {
            "title": f"{city_name}各区园区与重大项目地图",
            "profile_href": self.prefix,
            "profile_text": "各区档案",
        }
        return self._render(page, "city", features, boundaries, districts, F.source_count(ds, ds.districts.values()))


def page_path(slug: str) -> str:
    return f"embed/{slug}/index.html"


CITY = CITY_SLUG
