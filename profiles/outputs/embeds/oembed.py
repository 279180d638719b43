"""oEmbed discovery (https://oembed.com/, type "rich"): a static JSON beside every embeddable page.

    embed/<slug>/oembed.json              a map embed (each district's and the city's)
    embed/<slug>/card/<id>/oembed.json    a fact card

Each page links its JSON (`<link rel="alternate" type="application/json+oembed">`), and so does each
profile for the embeds it offers. `html` is exactly the code the profile's panel shows with default
options (`embed_code`, `card_code`); the thumbnail is the embed's PNG, its size read from the PNG
itself. A CMS needs absolute URLs: without the site's public URL (mkdocs.yml site_url or
PROFILES_SITE_URL) no JSON is written and no page links one.

Material's script takes every `<link rel="alternate">` of a page for another language of the site and
fetches `sitemap.xml` beside it: profiles link theirs inside <noscript> (overrides/main.html), which a
CMS reading the HTML sees and a browser running scripts does not.

The map images are drawn in worker processes while the build goes on, so this output finishes after
them (its `render_many` returns a function, which `rendering.run` calls at the end); a view holds the
image's own view, so a cached JSON is re-made exactly when its image changes.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ...engine.rendering import Inputs, Output
from ...facts.present import embed_path, oembed_path
from ...facts.texts import t
from ..staticmap import image_views
from . import CARD_FRAME_PX, CARD_WIDTH_PX, card_code, panel
from .card_image import png_size
from .cards import build_card_views

PROVIDER = t("site.name")
# A map embed's frame before resize.js fits it: its width in an article, and FRAME_RATIO's minimum height.
MAP_WIDTH_PX, MAP_HEIGHT_PX = 800, 760


@dataclass(frozen=True)
class OEmbed:
    title: str
    html: str
    width: int
    height: int
    provider_url: str
    thumbnail_url: str
    thumbnail: tuple[str, str, str]  # (output, key, path) of the PNG among the build's results
    image: Any  # the image's own view: what its size depends on
    provider_name: str = PROVIDER  # the site's name, in the edition's language


def views(inputs: Inputs):
    site = inputs.ctx.site_url
    if not site:
        return
    edition = inputs.ctx.prefix  # "" or "en/": the edition's embeds and images; the JSON beside them
    provider = t("site.name", lang=inputs.ctx.lang)
    dataset = inputs.dataset
    images = dict(image_views(inputs))
    for slug, image in images.items():
        profiles = list(dataset.districts.values()) if slug not in dataset.districts else [dataset.districts[slug]]
        p = panel(inputs.ctx, slug, profiles, dataset.sources)
        if p is None:
            continue
        png = f"embed/{slug}/map.png"
        yield (
            oembed_path(embed_path(slug)),
            OEmbed(
                p.title,
                p.code,
                MAP_WIDTH_PX,
                MAP_HEIGHT_PX,
                site,
                site + edition + png,
                ("image", slug, png),
                image,
                provider,
            ),
        )
    for _, card in build_card_views(inputs):
        base = embed_path(card.slug, card.id)
        png = f"{base}card.png"
        yield (
            oembed_path(base),
            OEmbed(
                card.title,
                card_code(site, card.slug, card.id, card.title, card.alt, edition=edition),
                CARD_WIDTH_PX,
                CARD_FRAME_PX,
                site,
                site + edition + png,
                ("card-image", f"{base}card", png),
                card,
                provider,
            ),
        )


def render(view: OEmbed, inputs: Inputs) -> bytes:
    made: Mapping[str, bytes] = inputs.results[view.thumbnail[0]][view.thumbnail[1]]
    width, height = png_size(made[view.thumbnail[2]])
    data = {
        "type": "rich",
        "version": "1.0",
        "title": view.title,
        "provider_name": view.provider_name,
        "provider_url": view.provider_url,
        "html": view.html,
        "width": view.width,
        "height": view.height,
        "thumbnail_url": view.thumbnail_url,
        "thumbnail_width": width,
        "thumbnail_height": height,
    }
    return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


OEMBED = Output(
    "oembed",
    collect=views,
    render=render,
    # After the map images, which finish last: `run` calls the returned function once they are stored.
    render_many=lambda views, inputs: lambda: [render(v, inputs) for v in views],
)
