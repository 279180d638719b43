"""Map pages: the folium shell (rendered once) + one page's data, through Jinja.

Every string from YAML reaches HTML through Jinja's autoescape and JavaScript only as
JSON (`features.script_json`). The per-page work is: collect features, dump JSON, render
one compiled template — well under a millisecond for a typical district.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment
from markupsafe import Markup

from ...engine.templating import environment as _environment
from ...facts.present import city_map_title, map_title
from ...facts.texts import phrases, t
from ...facts.texts.phrases import SOURCE
from ...model import CITY_SLUG, District
from ...model.dataset import Dataset
from . import features as F
from .assets import asset_urls
from .settings import BOUNDARY_CREDIT, MapSettings, Shell

phrase = phrases.of(__file__).phrase  # this stage's catalogue first (profiles/facts/texts/phrases.py)

TEMPLATES = Path(__file__).parent / "templates"
NEW_TAB = Markup(' target="_blank" rel="noopener"')


def environment() -> Environment:
    return _environment(TEMPLATES)


def build_shell(settings: MapSettings, prefix: str, lang: str = SOURCE) -> Shell:
    from .shell import build_shell as render  # deferred: folium (~0.3 s), only when no cached shell fits

    return render(settings, prefix, lang) if lang != SOURCE else render(settings, prefix)


def _shell(settings: MapSettings, prefix: str, cache, lang: str = SOURCE) -> Shell:
    """The shell depends only on the settings, the prefix, the language, our code and folium's version (the
    cache's salt)."""
    if cache is None:
        return build_shell(settings, prefix, lang)
    if lang == SOURCE:  # the key it always had
        return cache.memo("map-shell", lambda: build_shell(settings, prefix), settings, prefix)
    return cache.memo("map-shell", lambda: build_shell(settings, prefix, lang), settings, prefix, lang)


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


@dataclass(frozen=True)
class MapPage:
    """What one map page shows. Boundaries are named here (slug, name, link); their shapes are the
    build's boundaries, whose digest the view holds, converted once per build by `PageRenderer`."""

    kind: str  # "district" | "city"
    title: str
    profile_href: str
    profile_text: str
    features: tuple[Mapping, ...]
    boundaries: tuple[tuple[str, str, str | None], ...]  # (slug, name, profile link)
    districts: tuple[Mapping, ...] | None  # the city map's list of districts
    n_sources: int
    settings: MapSettings
    prefix: str
    boundaries_digest: str
    oembed: str | None = None  # the absolute URL of this page's oEmbed JSON (profiles/outputs/embeds/oembed.py)
    lang: str = SOURCE  # the edition's language: its words, and the marks on texts still in Chinese


def _boundary_names(dataset: Dataset, slugs, boundaries: Mapping[str, dict], prefix: str, lang: str = SOURCE) -> tuple:
    return tuple(
        (s, F.district_name(dataset, s, lang), F.profile_href(s, prefix) if s in dataset.districts else None)
        for s in slugs
        if s in boundaries
    )


def district_view(
    dataset: Dataset,
    district: District,
    boundaries: Mapping[str, dict],
    settings: MapSettings,
    digest: str,
    prefix: str = "../../",
    lang: str = SOURCE,
) -> MapPage:
    to_map = F.projector(settings)
    name = F.district_name(dataset, district.slug, lang)
    return MapPage(
        kind="district",
        title=map_title(name, lang=lang),
        profile_href=F.profile_href(district.slug, prefix),
        profile_text=phrase("{name}完整档案", lang, name=name),
        features=tuple(F.district_features(dataset, district, to_map, prefix, lang)),
        boundaries=_boundary_names(dataset, [district.slug], boundaries, prefix, lang),
        districts=None,
        n_sources=F.source_count(dataset, [district]),
        settings=settings,
        prefix=prefix,
        boundaries_digest=digest,
        lang=lang,
    )


def city_view(
    dataset: Dataset,
    boundaries: Mapping[str, dict],
    settings: MapSettings,
    digest: str,
    prefix: str = "../../",
    lang: str = SOURCE,
) -> MapPage:
    to_map = F.projector(settings)
    features: list[dict] = []
    for district in dataset.districts.values():
        features.extend(F.district_features(dataset, district, to_map, prefix, lang))
    slugs = list(boundaries) + [s for s in dataset.districts if s not in boundaries]
    districts = tuple(
        {
            "name": F.district_name(dataset, d.slug, lang),
            "href": F.profile_href(d.slug, prefix),
            "parks": len(d.parks),
            "projects": len(d.projects),
        }
        for d in dataset.districts.values()
    )
    if lang == SOURCE:
        title = city_map_title(dataset.city.name.zh if dataset.city else "广州市")
    else:
        title = city_map_title(dataset.city.name.en if dataset.city else t("map.city", lang=lang), lang=lang)
    return MapPage(
        kind="city",
        title=title,
        profile_href=prefix,
        profile_text=phrase("各区档案", lang),
        features=tuple(features),
        boundaries=_boundary_names(dataset, slugs, boundaries, prefix, lang),
        districts=districts,
        n_sources=F.source_count(dataset, dataset.districts.values()),
        settings=settings,
        prefix=prefix,
        boundaries_digest=digest,
        lang=lang,
    )


class PageRenderer:
    """What every map page of one build shares: the shell, the converted boundaries and the compiled
    template. Made on the first page a build must render (none when every page is cached)."""

    def __init__(
        self,
        boundaries: Mapping[str, dict],
        settings: MapSettings,
        prefix: str = "../../",
        cache=None,
        digest="",
        lang: str = SOURCE,
    ):
        """`prefix` leads from a page to the files every edition shares (assets/); `lang`: the edition's."""
        self.raw_boundaries = boundaries
        self.settings = settings
        self.prefix = prefix
        self.lang = lang
        self.to_map = F.projector(settings)
        self.shell = _shell(settings, prefix, cache, lang)
        converted = lambda: F.BoundaryCache(boundaries, F.projector(settings))  # noqa: E731
        # Converting every vertex to the basemap's datum is most of a small rebuild: kept while it fits.
        self.boundaries = cache.keep("map-boundaries", converted, digest, settings) if cache and digest else converted()
        self.template = environment().get_template("embed.html")
        self._common = {
            "shell": Shell(
                Markup(self.shell.head), Markup(self.shell.body), Markup(self.shell.script), self.shell.script_hash
            ),
            "csp": _csp(settings, self.shell),
            "site_name": settings.site_name if lang == SOURCE else t("site.name", lang=lang),
            "basemap_label": settings.base_in(lang).label,
            "boundary_credit": phrase(BOUNDARY_CREDIT, lang),
            "link_attrs": NEW_TAB,
            "favicon": asset_urls(prefix)["favicon.svg"],
            "lang": lang,
            "html_lang": "zh-CN" if lang == SOURCE else lang,
            "words": maps_words(lang),
        }

    def render(self, view: MapPage) -> str:
        features = [dict(f, index=i) for i, f in enumerate(view.features)]
        boundaries = [
            {"slug": slug, "name": name, "href": href, "geometry": self.boundaries.get(slug)}
            for slug, name, href in view.boundaries
        ]
        page = {"title": view.title, "profile_href": view.profile_href, "profile_text": view.profile_text}
        badges = F.badges(features, self.raw_boundaries, self.to_map)
        data = {
            "kind": view.kind,
            "title": view.title,
            "boundaries": boundaries,
            "features": features,
            "badges": badges,
        }
        return self.template.render(
            **self._common,
            page=page,
            features=features,
            districts=list(view.districts) if view.districts is not None else None,
            show_district=view.kind == "city",
            legend=F.legend(features, bool(boundaries), view.lang),
            badges=badges,
            n_sources=view.n_sources,
            oembed=view.oembed,
            data_json=Markup(F.script_json(data)),
        )


# The words static/maps.js writes (popups, markers' names, the fullscreen button), by the Chinese they translate:
# the page hands them to the script (JSON in <script id="gz-map-words">), so the script has no language of its own.
MAPS_WORDS = {
    "where": "位置：",
    "unverified": "未核实",
    "caution": "请注意：",
    "source": "来源：",
    "more": "查看档案条目 ↗",
    "label": "{name}（{type}）",
    "labelStatus": "{name}（{type}，{status}）",
    "kind": "（{type}）",
    "kindStatus": "（{type}，{status}）",
    "cluster": "{n} 个地点挤在一起：放大查看",
    "badge": "{name}：{n} 项位置仅知所在区",
    "badgeTitle": "{name}（位置仅知所在区）",
    "badgeNote": "来源只说在本区，未给出具体位置；标记放在区内，不代表实际地点。",
    "boundary": "{name}：打开档案（新标签页）",
    "fullscreen": "全屏",
    "fullscreenOn": "全屏显示地图",
    "fullscreenOff": "退出全屏",
    "newTab": "在新标签页打开大图",
    "map": "地图",
    "keys": "{title}（方向键平移，加减号缩放）",
}


def maps_words(lang: str = SOURCE) -> dict[str, str]:
    """MAPS_WORDS in `lang` (placeholders left for the script to fill)."""
    return phrases.of(__file__).words(MAPS_WORDS, lang)


def page_path(slug: str) -> str:
    return f"embed/{slug}/index.html"


CITY = CITY_SLUG
