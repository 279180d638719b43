"""The height contract, in headless Chromium on a host page of another origin: an embed's height is a
function of its width only, the host's resize.js makes each frame exactly as tall as its content, and
that holds after the host changes width (1200 → 420 → 1200 px), for frames that loaded off-screen and
were then scrolled into view, and stays so (polled to a two-second deadline)."""

from __future__ import annotations

import pytest

from profiles.outputs.embeds import Options, embed_code
from tests.browser import (
    each_frame_fits_as_the_host_resizes,
    embed_content_height,
    embed_fits,
    write_story,
)

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SLUGS = ("haizhu", "guangzhou", "conghua", "nansha")
TEXT = "<p>" + "正文。" * 300 + "</p>"

# Every height message an embed sends, per frame (in arrival order), and every change resize.js makes.
RECORD = """window.__heights = {}; window.__changes = 0; window.__foreign = 0;
addEventListener('message', e => {
  const f = [...document.querySelectorAll('iframe[data-gz-embed]')].find(f => f.contentWindow === e.source);
  if (!f) { if (e.data && e.data.type === 'gz-profiles:height') window.__foreign++; return; }
  if (e.data && e.data.type === 'gz-profiles:height' && !e.data.reply)
    (window.__heights[f.dataset.gzEmbed] = window.__heights[f.dataset.gzEmbed] || []).push(e.data.height);
});
document.addEventListener('DOMContentLoaded', () => {
  const watch = new MutationObserver(() => { window.__changes++; });
  document.querySelectorAll('iframe[data-gz-embed]').forEach(f => watch.observe(f, { attributes: true }));
});"""


def _story(folder, site: str) -> None:
    codes = [embed_code(site, slug, f"{slug} 地图", f"{slug} 静态图", Options()) for slug in SLUGS]
    # The first frame sits just below the fold (Chromium loads it while it is off-screen); the others
    # far below, loaded only when scrolled to.
    write_story(folder, TEXT + "".join(f"{TEXT if i else ''}{code}" for i, code in enumerate(codes)) + TEXT)


def test_each_frame_fits_its_content_at_1200_420_1200_px_and_stays(real_site, static_server, open_page, tmp_path):
    site = static_server(real_site)
    _story(tmp_path, site)
    host = static_server(tmp_path)
    assert host != site  # another port: another origin
    opened = open_page("about:blank", viewport={"width": 1200, "height": 800})
    opened.context.add_init_script(RECORD)
    page = opened.page
    page.goto(f"{host}story.html")
    each_frame_fits_as_the_host_resizes(page, list(SLUGS), "html[data-map-ready]")
    # One message per real change: never the same height twice in a row from one frame.
    heights = page.evaluate("window.__heights")
    assert set(heights) == {f"gz-{s}" for s in SLUGS}
    for slug, sent in heights.items():
        assert all(a != b for a, b in zip(sent, sent[1:])), (slug, sent)
    assert opened.page_errors == []


def test_without_resize_js_the_inline_aspect_ratio_holds_the_whole_embed(real_site, static_server, open_page, tmp_path):
    site = static_server(real_site)
    codes = [embed_code(site, s, s, s, Options()).split("\n")[0] for s in SLUGS]  # the iframe only
    (tmp_path / "bare.html").write_text(
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>bare</title></head><body>"
        + "".join(f"<div class='w'>{c}</div>" for c in codes)
        + "</body></html>",
        encoding="utf-8",
    )
    host = static_server(tmp_path)
    for width in (320, 390, 600, 736, 1000, 1366):
        opened = open_page(f"{host}bare.html", viewport={"width": width, "height": 5000})  # every lazy frame loads
        page = opened.page
        for i, slug in enumerate(SLUGS):
            page.frame_locator("iframe").nth(i).locator("html[data-map-ready]").wait_for()
            frame = page.locator("iframe").nth(i).bounding_box()["height"]
            assert embed_content_height(page, i) <= frame, (width, slug)
        opened.context.close()


def test_the_host_ignores_height_messages_from_frames_it_does_not_own(real_site, static_server, open_page, tmp_path):
    site = static_server(real_site)
    code = embed_code(site, "haizhu", "海珠", "海珠", Options())
    # Another frame on the page claims our frame's id and a height.
    foreign = (
        "<iframe srcdoc=\"<script>parent.postMessage({type: 'gz-profiles:height', id: 'gz-haizhu', height: 123},"
        " '*')</script>\"></iframe>"
    )
    (tmp_path / "mixed.html").write_text(
        f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>m</title></head><body>{code}{foreign}</body></html>",
        encoding="utf-8",
    )
    opened = open_page("about:blank", viewport={"width": 900, "height": 3000})
    opened.context.add_init_script(RECORD)
    page = opened.page
    page.goto(f"{static_server(tmp_path)}mixed.html")
    page.frame_locator("iframe[data-gz-embed]").locator("html[data-map-ready]").wait_for()
    page.wait_for_function("window.__foreign >= 1")  # heard by the page, so by resize.js's listener too
    frame, content = embed_fits(page, 0)
    assert abs(frame - content) <= 2 and abs(frame - 123) > 2


def test_no_profile_page_shows_a_map_frame_taller_than_its_content(real_site, static_server, open_page):
    base = static_server(real_site)
    pages = ["", *sorted(f"districts/{p.name}/" for p in (real_site / "districts").iterdir() if p.is_dir())]
    for path in pages:
        opened = open_page(f"{base}{path}", viewport={"width": 1100, "height": 900})
        page = opened.page
        for i in range(page.locator("iframe[data-gz-embed]").count()):
            page.locator("iframe[data-gz-embed]").nth(i).scroll_into_view_if_needed()
            page.frame_locator("iframe[data-gz-embed]").nth(i).locator("html[data-map-ready]").wait_for()
            frame, content = embed_fits(page, i)
            assert frame <= content + 2, (path, frame, content)
        opened.context.close()
