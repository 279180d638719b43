"""The build-wide facts every output may show besides the data: one frozen object per build, made by
`generate` and handed to every stage and template (as `ctx`). Nothing else carries them: no stage
writes another stage's globals, and a template never reads a global that a build set."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class BuildContext:
    edit_base: str = ""  # e.g. https://github.com/org/repo/edit/main/ ; empty: no edit link
    last_changed: Mapping[str, str] = field(default_factory=dict)  # slug -> YYYY-MM-DD from git
    polygon_area: Mapping[str, float] = field(default_factory=dict)  # slug -> km² of our boundary
    maps: bool = True  # embed pages exist under /embed/
    # The embed panels (profiles/outputs/embeds/): None means no panel is rendered (a page rendered on its own).
    # Otherwise slug -> name of every district drawn on the images, in boundary order.
    embed_names: Mapping[str, str] | None = None
    site_url: str | None = None  # the site's public root URL ending in "/", for embed codes; None: unset
    city_name: str | None = None  # city.yaml's name, if any
    map_settings: Any = None  # maps.MapSettings: the basemap every map of this build is drawn on
    boundaries_digest: str = ""  # SHA-256 of the boundaries file: views name shapes by it
    history: Any = None  # history.History: the data's changes from git (None: a page rendered on its own)
    # The edition this build pass renders: "zh" at the site's root, "en" under en/ (issue #25). Every output of
    # an edition writes the same paths under its `prefix`; links to the files both editions share (assets/,
    # the downloads, feeds, schemas) climb `up` first.
    lang: str = "zh"

    @property
    def prefix(self) -> str:
        return "" if self.lang == "zh" else f"{self.lang}/"

    @property
    def up(self) -> str:
        return "" if self.lang == "zh" else "../"
