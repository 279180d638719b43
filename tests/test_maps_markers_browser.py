"""Markers where the things are, on the real data in headless Chromium: at a phone's, a tablet's and a
desktop's width every marker, cluster and district badge sits inside its own district's boundary, no two
icons overlap, and a cluster opens to show its members."""

from __future__ import annotations

import time

import pytest
import yaml
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

pytestmark = [pytest.mark.browser, pytest.mark.slow]

WIDTHS = (390, 736, 1366)

# Every icon the cluster layer shows now: [district slug, lon, lat, is a cluster]. A cluster's own
# district is the one of the member it is drawn on.
ICONS = """() => {
  const cluster = gzMaps.cluster, out = [];
  cluster._featureGroup.getLayers().forEach(layer => {
    const p = layer.getLatLng();
    let owner = layer;
    if (layer.getAllChildMarkers) owner = layer.getAllChildMarkers().find(m => m.getLatLng().equals(p));
    out.push([owner ? owner.gzDistrict : null, p.lng, p.lat, !!layer.getAllChildMarkers]);
  });
  return out;
}"""

INSIDE = """([slug, lon, lat]) => {
  const data = JSON.parse(document.getElementById('gz-map-data').textContent);
  const b = data.boundaries.find(b => b.slug === slug);
  if (!b) return false;
  const polys = b.geometry.type === 'Polygon' ? [b.geometry.coordinates] : b.geometry.coordinates;
  const inRing = ring => {
    let inside = false;
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i], [xj, yj] = ring[j];
      if ((yi > lat) !== (yj > lat) && lon < (xj - xi) * (lat - yi) / (yj - yi) + xi) inside = !inside;
    }
    return inside;
  };
  return polys.some(rings => inRing(rings[0]) && !rings.slice(1).some(inRing));
}"""

# Pairs of icons on screen whose boxes overlap (by more than half a pixel of rounding).
OVERLAPS = """() => {
  const box = gzMaps.map.getContainer().getBoundingClientRect();
  const icons = [...document.querySelectorAll('.leaflet-marker-pane .leaflet-marker-icon')]
    .filter(n => getComputedStyle(n).opacity !== '0')
    .map(n => [n.getAttribute('aria-label'), n.getBoundingClientRect()])
    .filter(([, r]) => r.right > box.left && r.left < box.right && r.bottom > box.top && r.top < box.bottom);
  const bad = [];
  for (let i = 0; i < icons.length; i++) for (let j = i + 1; j < icons.length; j++) {
    const a = icons[i][1], b = icons[j][1];
    if (Math.min(a.right, b.right) - Math.max(a.left, b.left) > 0.5 &&
        Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 0.5) bad.push([icons[i][0], icons[j][0]]);
  }
  return [icons.length, bad];
}"""

SETTLED = "() => !document.querySelector('.leaflet-cluster-anim') && !gzMaps.map._animatingZoom"


def _open(open_page, url: str, width: int):
    opened = open_page(url, viewport={"width": width, "height": 900})
    opened.page.wait_for_selector("html[data-map-ready]")
    opened.page.wait_for_function(SETTLED)
    return opened


def _slugs(real_site):
    return sorted(p.name for p in (real_site / "embed").iterdir() if p.is_dir())


@pytest.mark.parametrize("width", WIDTHS)
def test_every_icon_sits_inside_its_own_districts_boundary(real_site, static_server, open_page, width):
    base = static_server(real_site)
    for slug in _slugs(real_site):
        page = _open(open_page, f"{base}embed/{slug}/", width).page
        icons = page.evaluate(ICONS)
        outside = [icon for icon in icons if not page.evaluate(INSIDE, icon)]
        assert not outside, (slug, width, outside)


@pytest.mark.parametrize("width", WIDTHS)
def test_no_two_icons_overlap_on_the_city_map(real_site, static_server, open_page, width):
    page = _open(open_page, f"{static_server(real_site)}embed/guangzhou/", width).page
    for zoom in (0, 1, 2):
        if zoom:
            page.evaluate("() => gzMaps.map.zoomIn(1)")
            page.wait_for_function(SETTLED)
        count, overlaps = page.evaluate(OVERLAPS)
        assert count >= 1 and overlaps == [], (width, zoom, overlaps)


MEMBERS_SHOWN = """() => window.__members.every(m => m._icon && m._icon.isConnected
  && getComputedStyle(m._icon).opacity === '1')"""

# Marks the visible cluster that still holds a member, for the next click; false when none is left.
NEXT_CLUSTER = """() => {
  document.querySelectorAll('[data-next]').forEach(n => n.removeAttribute('data-next'));
  const c = gzMaps.cluster._featureGroup.getLayers().find(
    l => l.getAllChildMarkers && l.getAllChildMarkers().some(m => window.__members.includes(m)));
  if (!c || !c.getElement()) return false;
  c.getElement().setAttribute('data-next', '');
  return true;
}"""


def _click_marked_cluster(page) -> None:
    """Clicks the cluster marked [data-next]. If the map re-draws its clusters first (the marked one is gone,
    or a neighbour's icon covers it while they move), it settles, the cluster now holding the members is
    marked, and that one is clicked, until a deadline."""
    deadline = time.monotonic() + 20
    while True:
        try:
            page.locator("[data-next]").click(timeout=3000)
            return
        except PlaywrightTimeoutError:
            if time.monotonic() > deadline:
                raise
            page.wait_for_function(SETTLED)
            page.evaluate(NEXT_CLUSTER)


def test_a_cluster_reveals_its_members_when_clicked(real_site, static_server, open_page):
    """Clicked, a cluster zooms in (and a cluster of one spot spiderfies) until each member shows."""
    page = _open(open_page, f"{static_server(real_site)}embed/haizhu/", 390).page
    label = page.evaluate(
        """() => { const c = gzMaps.cluster._featureGroup.getLayers().find(l => l.getAllChildMarkers);
                   window.__members = c.getAllChildMarkers(); c.getElement().setAttribute('data-next', '');
                   return c.getElement().getAttribute('aria-label'); }"""
    )
    assert "个地点" in label and page.evaluate("window.__members.length") >= 2
    for _ in range(12):  # each click zooms in at least one level: the map's zoom range bounds it
        _click_marked_cluster(page)
        page.wait_for_function(SETTLED)
        if page.evaluate(MEMBERS_SHOWN) or not page.evaluate(NEXT_CLUSTER):
            break
    page.wait_for_function(MEMBERS_SHOWN)


def test_district_only_entries_are_one_badge_listed_apart(real_site, static_server, open_page):
    page = _open(open_page, f"{static_server(real_site)}embed/haizhu/", 1366).page
    haizhu = yaml.safe_load((real_site.parent / "data" / "districts" / "haizhu.yaml").read_text("utf-8"))
    n = sum(1 for kind in ("parks", "projects") for x in haizhu[kind] if x["location"]["precision"] == "district")
    assert n > 1
    badges = page.locator(".gz-badge")
    assert badges.count() == 1
    assert badges.first.get_attribute("aria-label") == f"海珠区：{n} 项位置仅知所在区"
    assert page.locator("#gz-list h3", has_text=f"位置仅知所在区（{n}）").count() == 1
    assert page.locator(".gz-legend", has_text="位置仅知所在区").count() == 1
    badges.first.click()
    assert page.locator(".leaflet-popup .gz-popup__list li").count() == n
