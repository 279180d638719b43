"""The folium part: one map SHELL per build (basemap, controls, empty layer groups).

Rendering a folium map costs milliseconds; a build may make a thousand pages. So folium
renders the shell once, and every page reuses its three rendered parts (head links, map
element, script). The script ends with `gzMaps.init(map, groups, options)`, which our
static JS (static/maps.js) uses to draw the page's own features from the JSON in the page.

No CDN: folium's default_js/default_css (Leaflet, jQuery, Bootstrap, Font Awesome,
awesome-markers from CDNs) are replaced by self-hosted Leaflet, Leaflet.GestureHandling
and our two files. Element ids are set from a counter, never random, so bytes are stable.
"""

from __future__ import annotations

import base64
import hashlib
from importlib.metadata import version

import folium
from branca.element import Element, MacroElement
from folium.template import Template

from ...facts.texts import phrases
from ...facts.texts.phrases import SOURCE
from .assets import asset_urls
from .features import BOUNDARY_LABEL, PARKS_LABEL, PROJECTS_LABEL, projector
from .settings import BOUNDARY_CREDIT, MapSettings, Shell

phrase = phrases.of(__file__).phrase  # this stage's catalogue first (profiles/facts/texts/phrases.py)

# Guangzhou's centre (WGS-84) before fitBounds takes over.
CENTER_LON, CENTER_LAT = 113.2644, 23.1291

GESTURE_TEXT = {
    "touch": "用两根手指移动地图",
    "scroll": "按住 Ctrl 键并滚动鼠标滚轮可缩放地图",
    "scrollMac": "按住 ⌘ 键并滚动可缩放地图",
}


class ShellMap(folium.Map):
    """folium.Map without folium's page-level extras (viewport meta that blocks zooming,
    full-window styles, jQuery ready): our page template and CSS own the layout."""

    gz_label = "交互地图"  # the map region's name (build_shell sets it in the page's language)

    _template = Template(
        """
        {% macro html(this, kwargs) %}
            <div class="folium-map gz-map" id={{ this.get_name()|tojson }} role="region" aria-label="{{ this.gz_label }}"></div>
        {% endmacro %}

        {% macro script(this, kwargs) %}
            var {{ this.get_name() }} = L.map(
                {{ this.get_name()|tojson }},
                {
                    center: {{ this.location|tojson }},
                    crs: L.CRS.{{ this.crs }},
                    ...{{ this.options|tojavascript }}
                }
            );
        {% endmacro %}
        """
    )


class InitHook(MacroElement):
    """Hands the map and its three (empty) layer groups to static/maps.js."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
            gzMaps.init({{ this._parent.get_name() }}, {
                boundary: {{ this.groups[0].get_name() }},
                parks: {{ this.groups[1].get_name() }},
                projects: {{ this.groups[2].get_name() }}
            }, {{ this.options|tojson }});
        {% endmacro %}
        """
    )

    def __init__(self, groups, options: dict):
        super().__init__()
        self._name = "InitHook"
        self.groups = groups
        self.options = options


def _number_ids(root: Element) -> None:
    """Replace branca's random ids (hexlify(urandom(16))) by a depth-first counter."""
    counter = 0
    stack = [root]
    while stack:
        el = stack.pop(0)
        counter += 1
        el._id = str(counter)
        stack[0:0] = list(el._children.values())


def _tidy(text: str) -> str:
    """folium's templates indent generously; drop blank lines and common indentation."""
    lines = [line.rstrip() for line in text.splitlines() if line.strip()]
    return "\n".join(line.strip() for line in lines)


def _vendor(prefix: str) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    urls = asset_urls(prefix)
    js = [
        ("leaflet", urls["leaflet.js"]),
        ("gesture", urls["gesture.js"]),
        ("cluster", urls["cluster.js"]),
        ("gzframe", urls["frame.js"]),
        ("gzmaps", urls["maps.js"]),
    ]
    css = [
        ("leaflet_css", urls["leaflet.css"]),
        ("gesture_css", urls["gesture.css"]),
        ("cluster_css", urls["cluster.css"]),
        ("gzmaps_css", urls["maps.css"]),
    ]
    return js, css


# branca's element tree has no public API for what the shell needs (`Element._children`: reorder the head,
# drop folium's meta tag; `_id`: stable ids): used only on the lines pyproject.toml pins, checked here.
PINNED = {"branca": "0.8.", "folium": "0.20."}


def _check_pins() -> None:
    found = {name: version(name) for name in PINNED}
    if any(not found[name].startswith(line) for name, line in PINNED.items()):
        raise RuntimeError(f"the map shell relies on branca and folium internals of {PINNED}, not {found}")


def build_shell(settings: MapSettings, prefix: str = "../../", lang: str = SOURCE) -> Shell:
    """Render the shared map shell once. `prefix` leads from a page to the site root; `lang`: its words'."""
    _check_pins()
    base = settings.base_in(lang)
    lon, lat = projector(settings)(CENTER_LON, CENTER_LAT)
    m = ShellMap(
        location=[lat, lon],
        zoom_start=10,
        tiles=None,
        zoom_control=True,
        min_zoom=6,
        max_zoom=base.max_zoom,
        scroll_wheel_zoom=False,
        gesture_handling=True,
        gesture_handling_options={"text": {k: phrase(v, lang) for k, v in GESTURE_TEXT.items()}, "duration": 1500},
    )
    m.gz_label = phrase("交互地图", lang)  # our words: no markup
    js, css = _vendor(prefix)
    m.default_js = js  # instance attributes: folium's class-level CDN lists stay untouched
    m.default_css = css
    attribution = f"{base.attribution} | {phrase(BOUNDARY_CREDIT, lang)}"
    for i, url in enumerate(base.tiles):
        folium.TileLayer(
            tiles=url,
            attr=attribution,
            name=base.label if i == 0 else phrase("{name}（注记）", lang, name=base.label),
            subdomains=base.subdomains,
            max_zoom=base.max_zoom,
            control=False,
        ).add_to(m)
    groups = [
        folium.FeatureGroup(name=phrase(BOUNDARY_LABEL, lang), overlay=True, control=True, show=True).add_to(m),
        folium.FeatureGroup(name=phrase(PARKS_LABEL, lang), overlay=True, control=True, show=True).add_to(m),
        folium.FeatureGroup(
            name=phrase(PROJECTS_LABEL, lang).capitalize(), overlay=True, control=True, show=True
        ).add_to(m),
    ]
    folium.LayerControl(position="topright", collapsed=True).add_to(m)
    m.add_child(InitHook(groups, {"datum": base.datum, "basemap": base.key}))

    figure = m.get_root()
    figure.header._children.pop("meta_http", None)  # our template declares the charset first
    _number_ids(figure)
    figure.render()
    # Style sheets before scripts (folium puts them after): in a frame, Chromium sometimes painted the
    # page unstyled while the head's scripts ran, and the styled page then shifted it all (CLS 0.7).
    for name, _ in js:
        figure.header._children.move_to_end(name)
    head = _tidy(figure.header.render())
    body = _tidy(figure.html.render())
    script = "\n" + _tidy(figure.script.render()) + "\n"
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return Shell(head, body, script, "sha256-" + base64.b64encode(digest).decode("ascii"))
