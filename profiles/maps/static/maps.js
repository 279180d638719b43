/* 广州区情 · map pages. Draws one page's features on the folium-built map shell.
 *
 * Data arrives only as JSON (<script type="application/json" id="gz-map-data">), and every
 * string from it reaches the DOM through textContent or an attribute, never innerHTML.
 * Works in a sandboxed iframe (no storage, no cookies, no top navigation): links open in
 * a new tab. URL parameters: layers=boundary,parks,projects  theme=light|dark|auto
 * legend=0|1  height=<px>  id=<echoed in the height message to the parent>.
 */
(function () {
  'use strict';

  var root = document.documentElement;
  var params;
  try { params = new URLSearchParams(window.location.search); } catch (e) { params = new URLSearchParams(''); }

  // Page options are applied while <head> is parsed, before anything paints.
  root.classList.add('gz-js');
  var theme = params.get('theme');
  if (theme === 'light' || theme === 'dark') root.setAttribute('data-theme', theme);
  if (theme === 'auto' && window.matchMedia) {
    // "auto" follows the reader's system setting, now and when it changes; CSS knows only light/dark.
    var dark = window.matchMedia('(prefers-color-scheme: dark)');
    var follow = function () { root.setAttribute('data-theme', dark.matches ? 'dark' : 'light'); };
    follow();
    if (dark.addEventListener) dark.addEventListener('change', follow);
  }
  if (params.get('legend') === '0') root.setAttribute('data-legend', '0');
  var fixedHeight = parseInt(params.get('height') || '', 10);
  if (fixedHeight >= 120 && fixedHeight <= 4000) {
    root.style.setProperty('--gz-map-height', fixedHeight + 'px');
    root.setAttribute('data-fixed-height', '1');
  }
  var embedId = params.get('id');
  if (embedId !== null && !/^[A-Za-z0-9_.:-]{1,80}$/.test(embedId)) embedId = null;

  var LAYER_KEYS = { boundary: 'boundary', boundaries: 'boundary', parks: 'parks', park: 'parks', projects: 'projects', project: 'projects' };

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  // Only relative URLs or http(s): never javascript:, data:, or protocol-relative.
  function safeHref(url) {
    if (typeof url !== 'string' || /[\s\u0000-\u001f]/.test(url)) return null;
    if (/^https?:\/\//i.test(url)) return url;
    if (/^[a-z][a-z0-9+.\-]*:/i.test(url) || /^[\\/]{2}/.test(url)) return null;
    return url;
  }

  function safeClass(value) {
    return typeof value === 'string' && /^[a-z_]{1,40}$/.test(value) ? value : 'unknown';
  }

  // A new tab, as a link click: allowed under sandbox="allow-popups", never navigates the host.
  function openLink(href) {
    href = safeHref(href);
    if (!href) return;
    var a = el('a');
    a.href = href;
    a.target = '_blank';
    a.rel = 'noopener';
    document.body.appendChild(a);
    a.click();
    document.body.removeChild(a);
  }

  function newTabLink(href, text, className) {
    var a = el('a', className, text);
    var safe = safeHref(href);
    if (safe) a.href = safe;
    a.target = '_blank';
    a.rel = 'noopener';
    return a;
  }

  function popupContent(f) {
    var box = el('div', 'gz-popup');
    box.appendChild(el('p', 'gz-popup__title', f.name));
    box.appendChild(el('p', 'gz-popup__what', f.type + (f.status ? ' · ' + f.status : '')));
    if (f.figure) box.appendChild(el('p', 'gz-popup__figure', f.figure));
    if (f.prec && f.prec !== 'exact') box.appendChild(el('p', 'gz-popup__note', '位置：' + f.precLabel));
    if (f.unverified) box.appendChild(el('p', 'gz-popup__flag', '未核实'));
    if (f.source) box.appendChild(el('p', 'gz-popup__source', '来源：' + f.source));
    if (f.href) {
      var p = el('p', 'gz-popup__more');
      p.appendChild(newTabLink(f.href, '查看档案条目 ↗', 'gz-popup__link'));
      box.appendChild(p);
    }
    return box;
  }

  function latLng(pt) { return L.latLng(pt[1], pt[0]); }

  var lastOpened = null;

  // Leaflet closes popups on Escape only while the map itself has focus, not a marker.
  function escapeClosesPopup(map) {
    document.addEventListener('keydown', function (e) {
      if (e.key !== 'Escape' || !lastOpened || !lastOpened.isPopupOpen()) return;
      var marker = lastOpened;
      map.closePopup();
      var node = marker.getElement();
      if (node) node.focus();
    });
  }

  // Markers closer on screen than a 24 px target (WCAG 2.5.8) are spread apart, at every zoom: each
  // crowd (points sharing a spot, often "仅知所在区" stand-ins, or just near each other at this zoom) is
  // fanned out on a ring around its centre. Only the drawn symbol moves; the data keeps the honest
  // coordinate. Crowds are found on a grid of the minimum spacing, so this stays linear in markers.
  var SPACING = 26;
  var MAX_RING = 40;

  // Joins (in `parent`, a union-find kept across rounds) every two points whose 24 px squares would
  // touch (closer than SPACING on both axes);
  // returns whether it joined anything new. A grid of SPACING-sized cells keeps this linear.
  function joinCrowded(points, parent) {
    function root(i) { while (parent[i] !== i) { parent[i] = parent[parent[i]]; i = parent[i]; } return i; }
    var grid = {}, joined = false;
    points.forEach(function (p, i) {
      var gx = Math.floor(p.x / SPACING), gy = Math.floor(p.y / SPACING);
      for (var x = gx - 1; x <= gx + 1; x++) {
        for (var y = gy - 1; y <= gy + 1; y++) {
          (grid[x + ',' + y] || []).forEach(function (j) {
            var q = points[j];  // square targets: they overlap unless apart by SPACING on one axis
            if (Math.max(Math.abs(p.x - q.x), Math.abs(p.y - q.y)) < SPACING - 0.5 && root(i) !== root(j)) {
              parent[root(i)] = root(j);
              joined = true;
            }
          });
        }
      }
      (grid[gx + ',' + gy] = grid[gx + ',' + gy] || []).push(i);
    });
    return joined;
  }

  function declutter(map, markers) {
    var origin = markers.map(function (m) { return map.latLngToLayerPoint(m.getLatLng()); });
    var placed = origin.slice();
    var parent = origin.map(function (_, i) { return i; });
    // Each crowd goes on a ring around its centre, wide enough for its members. A ring can land on
    // another crowd: then the two merge into one wider ring, until no symbols are too close (crowds
    // only grow, so this ends; the cap guards against a pathological input).
    for (var round = 0; round < 50 && joinCrowded(placed, parent); round++) {
      var members = {};
      origin.forEach(function (_, i) {
        var r = i;
        while (parent[r] !== r) r = parent[r];
        (members[r] = members[r] || []).push(i);
      });
      Object.keys(members).forEach(function (key) {
        var list = members[key];
        // Beyond a few dozen a ring is no help (it would leave the screen): such a crowd stays put.
        if (list.length < 2 || list.length > MAX_RING) return;
        var cx = 0, cy = 0;
        list.forEach(function (i) { cx += origin[i].x / list.length; cy += origin[i].y / list.length; });
        // Neighbours on the ring keep the order they had around the centre (ties: data order).
        list.sort(function (a, b) {
          return Math.atan2(origin[a].y - cy, origin[a].x - cx) - Math.atan2(origin[b].y - cy, origin[b].x - cx) || a - b;
        });
        // Chord ≥ SPACING·√2: neighbours on the ring clear each other's square even on a diagonal.
        var radius = SPACING * Math.SQRT2 / (2 * Math.sin(Math.PI / list.length));
        list.forEach(function (i, k) {
          var a = 2 * Math.PI * k / list.length - Math.PI / 2;
          placed[i] = L.point(cx + radius * Math.cos(a), cy + radius * Math.sin(a));
        });
      });
    }
    var shift = placed.map(function (p, i) { return [Math.round(p.x - origin[i].x), Math.round(p.y - origin[i].y)]; });
    markers.forEach(function (m, i) {
      var node = m.getElement();  // Leaflet positions the icon by transform; the margins are ours
      if (!node) return;
      node.style.marginLeft = (shift[i][0] - 12) + 'px';
      node.style.marginTop = (shift[i][1] - 12) + 'px';
    });
  }

  function drawFeature(f, groups) {
    var t = f.t === 'park' ? 'park' : 'project';
    var group = t === 'park' ? groups.parks : groups.projects;
    var cls = safeClass(f.cls);
    if (f.poly && f.poly.length > 2) {
      L.polygon(f.poly.map(latLng), {
        className: 'gz-area gz-area--' + t + ' gz-c-' + cls,
        interactive: false
      }).addTo(group);
    }
    var icon = L.divIcon({
      className: 'gz-marker gz-marker--' + t,
      html: '<span class="gz-sym gz-sym--' + t + ' gz-c-' + cls + ' gz-p-' + safeClass(f.prec) + '"></span>',
      iconSize: [24, 24],  // WCAG 2.5.8: a 24 px target, the drawn symbol stays smaller
      iconAnchor: [12, 12],
      popupAnchor: [0, -8],
      tooltipAnchor: [0, -10]
    });
    var marker = L.marker(latLng(f.pt), { icon: icon, title: f.name, keyboard: true, riseOnHover: true });
    var label = f.name + '（' + f.type + (f.status ? '，' + f.status : '') + '）';
    marker.on('add', function () {
      var node = marker.getElement();
      if (node) node.setAttribute('aria-label', label);
    });
    marker.bindTooltip(el('span', null, f.name), { direction: 'top' });
    marker.bindPopup(popupContent(f), { maxWidth: 280, autoPanPadding: [16, 16] });
    marker.on('popupopen', function () { lastOpened = marker; });
    marker.addTo(group);
    return marker;
  }

  function drawBoundaries(map, group, data) {
    var city = data.kind === 'city';
    (data.boundaries || []).forEach(function (b) {
      var href = city ? safeHref(b.href) : null;
      var layer = L.geoJSON(b.geometry, {
        pane: 'gzBoundary',
        interactive: !!href,
        style: function () {
          return { className: 'gz-boundary' + (city ? ' gz-boundary--city' : '') + (href ? ' gz-boundary--link' : '') };
        }
      });
      if (href) {
        layer.bindTooltip(el('span', null, b.name), { sticky: true, direction: 'top' });
        layer.on('click', function () { openLink(href); });
        layer.eachLayer(function (path) {
          var decorate = function () {
            var node = path.getElement();
            if (!node) return;
            node.setAttribute('tabindex', '0');
            node.setAttribute('role', 'link');
            node.setAttribute('aria-label', b.name + '：打开档案（新标签页）');
            node.setAttribute('data-slug', b.slug);
            node.addEventListener('keydown', function (e) {
              if (e.key === 'Enter') { e.preventDefault(); openLink(href); }
            });
          };
          path.on('add', decorate);
        });
      }
      layer.addTo(group);
    });
  }

  function applyLayersParam(map, groups) {
    var wanted = params.get('layers');
    if (wanted === null) return;
    var keep = {};
    wanted.split(',').forEach(function (k) {
      var key = LAYER_KEYS[k.trim().toLowerCase()];
      if (key) keep[key] = true;
    });
    ['boundary', 'parks', 'projects'].forEach(function (key) {
      if (!keep[key] && map.hasLayer(groups[key])) map.removeLayer(groups[key]);
    });
  }

  var Fullscreen = L.Control.extend({
    options: { position: 'topleft' },
    onAdd: function (map) {
      var box = L.DomUtil.create('div', 'leaflet-bar gz-fullscreen');
      var link = L.DomUtil.create('a', 'gz-fullscreen__button', box);
      var target = map.getContainer().parentNode;
      var inFrame = window.parent !== window;
      link.href = '#';
      link.setAttribute('role', 'button');
      if (document.fullscreenEnabled && target.requestFullscreen) {
        var sync = function () {
          var on = document.fullscreenElement === target;
          link.title = on ? '退出全屏' : '全屏';
          link.setAttribute('aria-label', on ? '退出全屏' : '全屏显示地图');
          link.setAttribute('aria-pressed', on ? 'true' : 'false');
          map.invalidateSize();
        };
        document.addEventListener('fullscreenchange', sync);
        sync();
        var toggle = function (e) {
          L.DomEvent.preventDefault(e);
          if (document.fullscreenElement) document.exitFullscreen();
          else target.requestFullscreen().catch(function () {});
        };
        L.DomEvent.on(link, 'click', toggle);
        L.DomEvent.on(link, 'keydown', function (e) { if (e.key === ' ') toggle(e); });
      } else if (inFrame) {
        // Fullscreen not allowed to this frame: offer the page in a new tab instead.
        link.href = window.location.href;
        link.target = '_blank';
        link.rel = 'noopener';
        link.removeAttribute('role');
        link.title = '在新标签页打开大图';
        link.setAttribute('aria-label', '在新标签页打开大图');
      } else {
        box.hidden = true;
      }
      L.DomEvent.disableClickPropagation(box);
      return box;
    }
  });

  function wireList(map, groups, markers) {
    var buttons = document.querySelectorAll('[data-gz-index]');
    Array.prototype.forEach.call(buttons, function (button) {
      var marker = markers[parseInt(button.getAttribute('data-gz-index'), 10)];
      if (!marker) return;
      button.addEventListener('click', function () {
        var group = button.getAttribute('data-gz-layer') === 'park' ? groups.parks : groups.projects;
        if (!map.hasLayer(group)) map.addLayer(group);
        map.getContainer().scrollIntoView({ block: 'nearest' });
        map.setView(marker.getLatLng(), Math.max(map.getZoom(), 13));
        marker.openPopup();
        var link = marker.getPopup().getElement();
        link = link && link.querySelector('.gz-popup__link');
        if (link) link.focus();
      });
    });
  }

  var lastHeight = 0;
  function postHeight() {
    if (window.parent === window) return;
    var box = document.getElementById('gz-embed');
    if (!box) return;
    var height = Math.ceil(box.getBoundingClientRect().height);
    if (!height || height === lastHeight) return;
    lastHeight = height;
    try {
      window.parent.postMessage({ type: 'gz-profiles:height', id: embedId, height: height }, '*');
      if (embedId) window.parent.postMessage('pymxPYMx' + embedId + 'xPYMx' + 'height' + 'xPYMx' + height, '*');
    } catch (e) { /* a parent that refuses messages is fine */ }
  }

  function watchHeight() {
    postHeight();
    // The host's resize.js may start after our first message (it loads async): it asks, we answer.
    window.addEventListener('message', function (event) {
      if (event.source !== window.parent || !event.data || event.data.type !== 'gz-profiles:ask') return;
      lastHeight = 0;
      postHeight();
    });
    window.addEventListener('load', postHeight);
    window.addEventListener('resize', postHeight);
    if (window.ResizeObserver) {
      var box = document.getElementById('gz-embed');
      if (box) new ResizeObserver(postHeight).observe(box);
    }
  }

  function readData() {
    var node = document.getElementById('gz-map-data');
    try {
      return node ? JSON.parse(node.textContent) : null;
    } catch (e) {
      return null;
    }
  }

  function init(map, groups, options) {
    var data = readData() || { kind: 'district', boundaries: [], features: [] };
    map.createPane('gzBoundary').style.zIndex = 350;
    map.getContainer().setAttribute('aria-label', (data.title || '地图') + '（方向键平移，加减号缩放）');
    drawBoundaries(map, groups.boundary, data);
    var markers = (data.features || []).map(function (f) { return drawFeature(f, groups); });

    var bounds = L.latLngBounds([]);
    [groups.boundary, groups.parks, groups.projects].forEach(function (g) {
      if (g.getLayers().length) bounds.extend(g.getBounds());
    });
    // Room at the bottom for the scale and credits: a marker under them would be hidden and could
    // not be tapped (WCAG 2.5.8 counts a covered target as too small).
    if (bounds.isValid()) {
      map.fitBounds(bounds, { paddingTopLeft: [24, 24], paddingBottomRight: [24, 64], maxZoom: 15, animate: false });
    }

    applyLayersParam(map, groups);
    declutter(map, markers);
    map.on('zoomend overlayadd', function () { declutter(map, markers); });
    // Leaflet's own credit link has no target: in a sandboxed embed a click would replace the map
    // with leafletjs.com. Every link in an embed opens a new tab.
    if (map.attributionControl) {
      map.attributionControl.setPrefix('<a href="https://leafletjs.com" target="_blank" rel="noopener">Leaflet</a>');
    }
    L.control.scale({ imperial: false, position: 'bottomleft' }).addTo(map);
    new Fullscreen().addTo(map);
    wireList(map, groups, markers);
    escapeClosesPopup(map);
    window.gzMaps.map = map;  // for tests and for hosts that script the page
    window.gzMaps.groups = groups;
    root.setAttribute('data-map-ready', options && options.basemap ? options.basemap : '1');
    watchHeight();
  }

  window.gzMaps = { init: init };
})();
