"""Render one output of the build the way the build does: `generate.OUTPUTS` through `rendering.run`, with no cache.

    made = render_output("page", project)                 # a project folder (conftest.make_project): its data,
    made.views["districts/haizhu.md"].around.neighbours   # loaded and placed in context as a build does
    made.text("districts/haizhu.md")
    render_output("map", tmp_path, dataset=sample_dataset(), boundaries=sample_boundaries(), map_settings=OSM)

Tests assert on the views where they are about what a file shows, and on the files (tests/dom.py parses the
HTML) for how it is shown. No test renders through a copy of the build's path: there is none to drift.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from profiles.base.cache import Cache
from profiles.base.config import load_config
from profiles.engine.context import BuildContext
from profiles.engine.rendering import Inputs, run
from profiles.model.dataset import Dataset
from profiles.site.build import Session, validate
from profiles.site.generate import OUTPUTS, context, edition_inputs

# The outputs whose results an output reads (run before it, in the build's order).
NEEDS = {
    "search": ("home", "district-index", "page", "search-dictionary"),
    "download": ("export-part",),
    "data-page": ("export-part", "download"),
    "chart-page": ("chart",),
    "chart-share": ("chart",),
    "chart-oembed": ("chart",),
}


@dataclass(frozen=True)
class Rendered:
    """What one output made: its views and results by key; the files the run put (path under docs/ -> bytes: the
    output's, and those of the outputs it needs)."""

    views: dict[str, Any]
    results: dict[str, Any]
    files: dict[str, bytes]
    dataset: Dataset
    ctx: BuildContext

    def text(self, path: str) -> str:
        return self.files[path].decode("utf-8")


def render_output(
    name: str,
    project: Path,
    *,
    dataset: Dataset | None = None,
    boundaries: Mapping[str, dict] | None = None,
    lang: str = "zh",
    **ctx: Any,
) -> Rendered:
    """The output called `name` rendered for the project at `project` (its config and data, loaded as a build loads
        them), or for `dataset` and `boundaries` made in code (then `project` is any folder: it holds the search
        dictionary). `ctx`: fields of the build's context to change (say `map_settings`, `edit_base`); `lang`: the edition
    (en: the data localized and the context in English, as the build's English pass; files keep their keys)."""
    config = load_config(project)
    session = Session(config)
    session.cache = Cache(None)
    if dataset is None:
        dataset, report, boundaries = validate(config, session)
        assert report.ok, report.render()
    boundaries = dict(boundaries or {})
    built = context(dataset, boundaries, config, session.cache, with_git=False)
    inputs = Inputs(dataset, dataclasses.replace(built, **ctx), boundaries, session.cache)
    if lang != built.lang:
        inputs = edition_inputs(inputs, lang)
        inputs.out = type(inputs.out.outputs)()  # the edition's files at their own keys: tests read them as such
    views: dict[str, Any] = {}
    [output] = [o for o in OUTPUTS if o.name == name]

    def collect(inputs: Inputs):
        views.update(output.collect(inputs))
        return views.items()

    wanted = {name, *NEEDS.get(name, ())}
    run(
        [dataclasses.replace(o, collect=collect) if o is output else o for o in OUTPUTS if o.name in wanted],
        inputs,
        inputs.cache,
    )
    return Rendered(views, inputs.results[name], inputs.out.files, dataset, inputs.ctx)
