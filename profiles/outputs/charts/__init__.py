"""Charts: Vega-Lite specs (altair) rendered at build time to SVG and 2× PNG by vl-convert — no chart JavaScript
for readers, labels kept as SVG text, a table with the same numbers after each chart, the spec downloadable as
`charts/<name>.vl.json` — and an embed page per chart (`embed/guangzhou/chart/<name>/`, with oEmbed), like a city fact card.

CHARTS draws the files, CHART_PAGES the embed pages; the compare and home pages show `chart_views` through
`_charts.html.j2` (an <img> of the SVG, so the page stays light, then the table)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup

from ...engine.context import BuildContext
from ...engine.rendering import Inputs, Output
from ...engine.templating import environment
from ...facts.present import iframe_code, oembed_path, oembed_url
from ...facts.texts import t
from ...model import CITY_SLUG
from ...model.dataset import Dataset
from ..embeds.cards import CSP, css_version
from ..embeds.oembed import OEmbed
from ..embeds.oembed import render as render_oembed
from ..maps.assets import asset_urls
from .data import ChartData, charts

TEMPLATES = Path(__file__).parent / "templates"
PREFIX = "../../../../"  # from embed/guangzhou/chart/<name>/ to the site root
FRAME_PX = 640  # the frame's height before resize.js fits it


def files(name: str) -> dict[str, str]:
    """Where a chart's files live, relative to the site root."""
    return {
        "svg": f"charts/{name}.svg",
        "png": f"charts/{name}.png",
        "share": f"charts/{name}.share.png",
        "spec": f"charts/{name}.vl.json",
        "embed": f"embed/{CITY_SLUG}/chart/{name}/",
    }


def embed_code(site: str, c: ChartData, prefix: str = "") -> str:
    """The HTML that embeds one chart: the same sandboxed frame, fallback image and host script as a card's.
    `prefix`: the edition's folder (en/), where its chart and image are."""
    eid = f"gz-chart-{c.name}"
    style = f"width:100%;max-width:720px;border:0;height:{FRAME_PX}px"
    src = f"{site}{prefix}{files(c.name)['embed']}?id={eid}"
    return iframe_code(site, src, c.title, style, eid, f"{site}{prefix}{files(c.name)['png']}", c.alt)


@dataclass(frozen=True)
class ChartView:
    """One chart as a page shows it: the data, where its files are, and its embed code."""

    chart: ChartData
    code: str  # "" without a site URL
    oembed: str | None

    @property
    def files(self) -> dict[str, str]:
        return files(self.chart.name)


def chart_views(dataset: Dataset, ctx: BuildContext) -> tuple[ChartView, ...]:
    site, prefix = ctx.site_url, ctx.prefix
    return tuple(
        ChartView(
            c,
            embed_code(site, c, prefix) if site else "",
            oembed_url(site, prefix + files(c.name)["embed"]) if site else None,
        )
        for c in charts(dataset)
    )


def build_chart_views(inputs: Inputs) -> tuple[ChartView, ...]:
    """The build's charts with their embed codes, made once per build: the chart files, their pages, oEmbed and
    share images, /compare/ and the home page all show them."""
    return inputs.resource("chart-views", lambda: chart_views(inputs.dataset, inputs.ctx))


def figure_html(view: ChartView, prefix: str, table_open: bool = True, compact: bool = False) -> Markup:
    """A chart as a page shows it (`prefix`: the way to the site root): figure, table (closed where the page
    already shows the same numbers), downloads, embed code; `compact`: the figure alone, linked to the chart on
    /compare/ where its table, files and embed code are (home, whose table above holds the same numbers)."""
    template = environment(TEMPLATES).get_template("_chart_page_block.html.j2")
    c = view.chart
    return Markup(template.render(v=view, c=c, prefix=prefix, table_open=table_open, compact=compact, lang=c.lang))


def draw(view: ChartData, inputs: Inputs | None = None) -> dict[str, bytes]:
    from . import specs, vega  # deferred: altair and vl-convert, only when a chart changed

    spec = specs.spec(view)
    paths = files(view.name)
    return {
        paths["svg"]: vega.svg(spec, view.lang).encode("utf-8"),
        paths["png"]: vega.png(spec),
        paths["spec"]: vega.spec_bytes(spec),
    }


CHARTS = Output(
    "chart",
    collect=lambda inputs: ((f"charts/{v.chart.name}", v.chart) for v in build_chart_views(inputs)),
    render=draw,
)


@dataclass(frozen=True)
class ChartPage:
    view: ChartView
    compare_url: str  # the compare page, absolute where the site URL is known


def render_page(page: ChartPage, inputs: Inputs | None = None) -> str:
    lang = page.view.chart.lang
    shared = PREFIX + ("" if lang == "zh" else "../")  # the assets both editions share: one folder further up
    urls = asset_urls(shared)
    return (
        environment(TEMPLATES)
        .get_template("chart.html.j2")
        .render(
            v=page.view,
            c=page.view.chart,
            prefix=PREFIX,
            compare_url=page.compare_url,
            site_name=t("site.name", lang),
            csp=CSP,
            css=f"{shared}assets/embeds/card.css?v={css_version()}",
            frame_js=urls["frame.js"],
            favicon=urls["favicon.svg"],
            lang=lang,
        )
    )


def _pages(inputs: Inputs):
    site, prefix = inputs.ctx.site_url, inputs.ctx.prefix
    compare = f"{site}{prefix}compare/#charts" if site else f"{PREFIX}compare/#charts"
    for v in build_chart_views(inputs):
        yield f"{v.files['embed']}index.html", ChartPage(v, compare)


CHART_PAGES = Output(
    "chart-page",
    collect=_pages,
    render=render_page,
)


def _oembeds(inputs: Inputs):
    site = inputs.ctx.site_url
    if not site:
        return
    for v in build_chart_views(inputs):
        paths = v.files
        thumbnail = ("chart", f"charts/{v.chart.name}", paths["png"])
        png = site + inputs.ctx.prefix + paths["png"]
        provider = t("site.name", inputs.ctx.lang)  # the site's name in the edition's language
        yield (
            oembed_path(paths["embed"]),
            OEmbed(v.chart.title, v.code, 720, FRAME_PX, site, png, thumbnail, v.chart, provider),
        )


CHART_OEMBED = Output("chart-oembed", collect=_oembeds, render=render_oembed)


@dataclass(frozen=True)
class ChartShare:
    """What a chart's share image shows: the chart itself (its PNG is redrawn exactly when this is), the source
    line and where its QR code leads."""

    chart: ChartData
    source: str
    url: str | None  # the compare page at the chart; None without the site's URL (then no QR code)


def share_source(c: ChartData, named: int = 4) -> str:
    """The chart's sources: the first few publishers, how many sources in all, and where their titles are."""
    distinct = dict.fromkeys((p.source, p.publisher) for p in c.points if p.source)
    publishers = list(dict.fromkeys(publisher for _, publisher in distinct))
    shown = t("list.sep", c.lang).join(publishers[:named])
    shown = t("chart.source.more", c.lang, named=shown) if len(publishers) > named else shown
    return t("chart.source", c.lang, publishers=shown, count=len(distinct))


def _shares(inputs: Inputs):
    from ..share import compare_url  # deferred: the share package imports Pillow and segno

    for c in (v.chart for v in build_chart_views(inputs)):
        yield files(c.name)["share"], ChartShare(c, share_source(c), compare_url(inputs.ctx, f"chart-{c.name}"))


def draw_share(view: ChartShare, inputs: Inputs) -> bytes:
    from ..share import frame  # deferred: Pillow and segno, only when a chart changed

    png = inputs.results["chart"][f"charts/{view.chart.name}"][files(view.chart.name)["png"]]
    lang = view.chart.lang
    return frame.chart(view.chart.title, png, view.source, view.url, t("site.name", lang), lang=lang)


CHART_SHARE = Output("chart-share", collect=_shares, render=draw_share)
