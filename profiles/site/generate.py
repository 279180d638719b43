"""Render every output of a build into one in-memory `Outputs`, without touching docs/ yet.

`OUTPUTS` lists them (pages, search entries, map pages, map images, downloads, compare and data pages,
schemas); `rendering.run` collects each one's views, renders what the cache lacks, and puts the files;
`build.sync` then writes only what changed into docs/. Static files (scripts, styles) are copied as
they are.
"""

from __future__ import annotations

import dataclasses
import hashlib
import time
from collections.abc import Callable
from pathlib import Path

from ..outputs import charts, embeds, exports, history, maps, pages, search, staticmap, views
from ..facts import geo
from ..base import vcs
from ..base.cache import Cache
from ..base.config import Config
from ..engine.context import BuildContext
from ..model.dataset import Dataset
from ..outputs.embeds import card_image, cards, oembed
from ..engine.output import Outputs
from ..engine.rendering import Inputs, Output, Run, Sweep
from ..ingest.i18n.localize import localize
from ..outputs.schema import SCHEMAS
from ..outputs.share.images import SHARE_IMAGES

# Folders and files under docs/ that the generator owns: anything else there is hand-written.
MANAGED = (
    "index.md",
    "districts",
    "embed",
    "data",
    "compare",
    "charts",
    "changes",
    "schema",
    "assets/vendor",
    "assets/maps",
    "assets/views",
    "assets/embeds",
    "assets/pages",
    # The English edition (issue #25): the same pages and embeds under en/; en/about.md is hand-written.
    "en/index.md",
    "en/districts",
    "en/embed",
    "en/data",
    "en/compare",
    "en/charts",
    "en/changes",
)


def last_changed(config: Config) -> dict[str, str]:
    """slug -> date of the last commit touching its file; one git call for all, reproducible per commit."""
    dates = vcs.file_dates(config.root, str(config.data_dir / "districts"))
    return {Path(name).stem: day for name, day in dates.items() if name.endswith(".yaml")}


# Every output of a build, in the order they are rendered: an output may read the results of those
# before it (search reads the pages; the downloads join the parts; the data page measures the downloads).
# To add an output, define an `Output` (profiles/engine/rendering.py) beside the code that renders it and list
# it here.
OUTPUTS: tuple[Output, ...] = (
    staticmap.IMAGES,  # first: many images are drawn by worker processes while the rest renders
    SHARE_IMAGES,  # the maps' share images and each district's 分享长图, drawn the same way
    pages.HOME,
    pages.INDEX,
    pages.PAGES,
    search.DICTIONARY,  # the jieba user dictionary the search entries are cut with
    search.SEARCH,
    maps.MAP_PAGES,
    cards.CARD_PAGES,
    card_image.CARD_IMAGES,
    charts.CHARTS,
    charts.CHART_PAGES,
    charts.CHART_OEMBED,
    charts.CHART_SHARE,
    oembed.OEMBED,  # finishes after the map images (it reads their sizes)
    exports.PARTS,
    exports.DOWNLOADS,
    views.COMPARE,
    views.DATA_PAGE,
    history.CHANGES,
    history.FEEDS,
    SCHEMAS,
)
# The stage each output's time is reported under (`build --timings`, the benchmark).
STAGES = {"home": "pages", "district-index": "pages", "page": "pages", "map": "maps"}
STAGES |= {"search-dictionary": "search", "search": "search"}
STAGES |= {"card": "embeds", "card-image": "embeds", "oembed": "embeds"}
STAGES |= {"image": "images", "share": "images", "export-part": "exports", "download": "exports"}
STAGES |= {"chart": "charts", "chart-page": "charts", "chart-oembed": "charts", "chart-share": "charts"}
STAGES |= {"compare": "views", "data-page": "views", "schema": "views"}
STAGES |= {"history": "history", "changes": "history", "feed": "history"}


def context(
    dataset: Dataset,
    boundaries: dict,
    config: Config,
    cache: Cache,
    *,
    with_git: bool = True,
    lap: Callable[[str], None] | None = None,
) -> BuildContext:
    """The build-wide facts every output may show besides the data (`lap`: told when the history is read)."""
    site_url = config.site_url
    found = (
        history.read(config.root, config.data_dir, cache, dataset, config.edit_base, site_url)
        if with_git
        else history.UNAVAILABLE
    )
    if lap is not None:
        lap("history")
    digest = dataset.digests.get(":boundaries") or hashlib.sha256(repr(sorted(boundaries.items())).encode()).hexdigest()
    return BuildContext(
        edit_base=config.edit_base,
        last_changed=(found.last_changed if found.available else last_changed(config)) if with_git else {},
        polygon_area=cache.memo("polygon-area", lambda: {s: geo.area_km2(g) for s, g in boundaries.items()}, digest),
        maps=bool(boundaries),
        embed_names={slug: dataset.name_of(slug) for slug in boundaries},
        site_url=site_url,
        city_name=dataset.city.name.zh if dataset.city else None,
        map_settings=maps.MapSettings.from_env(config.maps, environ={}),  # config.maps holds the overrides
        boundaries_digest=digest,
        history=found,
    )


def generate(
    dataset: Dataset,
    boundaries: dict,
    config: Config,
    out: Outputs,
    *,
    with_git: bool = True,
    laps: dict[str, float] | None = None,
    cache: Cache | None = None,
    resident: bool = False,
) -> tuple[list[dict], str, Run]:
    """Render every output into `out` (through `cache`); `laps` (if given) receives seconds per stage;
    `resident`: the caller builds again and again (serve), so workers are kept warm in `cache`.

    Returns the search entries of the pages Material's indexer skips (profiles/outputs/search.py), the search
    dictionary's text (`build.write_dictionary` puts it where Material's search reads it), and what was
    re-rendered."""
    laps = laps if laps is not None else {}
    clock = time.perf_counter()

    def lap(name: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        stage = STAGES.get(name, name)
        laps[stage] = laps.get(stage, 0.0) + now - clock
        clock = now

    cache = cache or Cache(None)
    ctx = context(dataset, boundaries, config, cache, with_git=with_git, lap=lap)
    inputs = Inputs(dataset, ctx, boundaries, cache, out, resident=resident)
    lap("page")
    embeds.write_embeds(out)  # static files, copied as they are
    views.copy_assets(out)
    pages.copy_assets(out)  # the citation popover's script and style
    if boundaries:
        maps.copy_assets(out)
    sweep = Sweep(inputs.cache, lap)  # the editions' images draw side by side, finished at the end
    done = sweep.run(OUTPUTS, inputs)
    entries = [entry for found in inputs.results["search"].values() for entry in found]
    for lang in config.languages[1:]:
        edition = edition_inputs(inputs, lang)
        more = sweep.run([output for output in OUTPUTS if not output.shared], edition)
        done.rendered |= {f"{name}@{lang}": [edition.ctx.prefix + key for key in keys] for name, keys in more.rendered.items()}
        entries += [entry for found in edition.results["search"].values() for entry in found]
    sweep.finish()
    return entries, inputs.results["search-dictionary"][search.DICTIONARY_FILE], done


def edition_inputs(inputs: Inputs, lang: str) -> Inputs:
    """What another language edition renders from: the data with its texts translated (profiles.ingest.i18n.
    localize), the build's context in that language, files put under its folder, and the results of the outputs
    both editions share (the downloads' sizes, the search dictionary)."""
    dataset = localize(inputs.dataset, inputs.cache.keep if inputs.resident else None, inputs.cache.digests.note)
    ctx = dataclasses.replace(
        inputs.ctx,
        lang=lang,
        embed_names={slug: dataset.name_of(slug) for slug in inputs.ctx.embed_names or {}}
        if inputs.ctx.embed_names is not None
        else None,
        city_name=(dataset.city.name.en if dataset.city else None),
        history=inputs.ctx.history.edition(dataset) if inputs.ctx.history is not None else None,
    )
    shared = {output.name for output in OUTPUTS if output.shared}
    results = {name: found for name, found in inputs.results.items() if name in shared}
    out = inputs.out.edition(ctx.prefix)
    return Inputs(dataset, ctx, inputs.boundaries, inputs.cache, out, results, resident=inputs.resident)
