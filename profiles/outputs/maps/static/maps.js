/* Map pages: draws one page's features on the folium-built map shell.
 *
 * Data arrives only as JSON (<script type="application/json" id="gz-map-data">), and every
 * string from it reaches the DOM through textContent or an attribute, never innerHTML. The words
 * it writes come from the page too (<script type="application/json" id="gz-map-words">, in the
 * page's language): none are here.
 * Texts a page shows still in Chinese (the feature's `zh` list: untranslated names, sources' titles)
 * are marked lang="zh-CN".
 * Works in a sandboxed iframe (no storage, no cookies, no top navigation): links open in
 * a new tab. URL parameters: layers=boundary,parks,projects  legend=0|1  height=<px>  fit=1 (the host
 * sets the frame's height, as the site's own pages do: the page fills the frame and sends no height);
 * theme and id are read, and the height told to the host page, by static/frame.js (cards share it).
 */
(function () {
  'use strict';

  var root = document.documentElement;
  // Theme, id and the height contract are every embed's (static/frame.js, loaded just before this).
  var params = window.gzFrame.params;

  // Page options are applied while <head> is parsed, before anything paints.
  if (params.get('legend') === '0') root.setAttribute('data-legend', '0');
  var fixedHeight = parseInt(params.get('height') || '', 10);
  if (fixedHeight >= 120 && fixedHeight <= 4000) {
    root.style.setProperty('--gz-map-height', fixedHeight + 'px');
    root.setAttribute('data-fixed-height', '1');
  }
  // fit=1: the frame's height is the host's (our profile pages set it from the frame's width, before it
  // loads); the page fills it exactly (maps.css), the map taking what the rest leaves. Nothing changes
  // size after the host's first layout, so the host page never shifts.
  var fit = params.get('fit') === '1';
  if (fit) root.setAttribute('data-fit', '1');

  var LAYER_KEYS = { boundary: 'boundary', boundaries: 'boundary', parks: 'parks', park: 'parks', projects: 'projects', project: 'projects' };

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  // The page's words (pages.MAPS_WORDS), read once the page is parsed; {name}-style placeholders filled.
  var WORDS = null;
  function w(key, args) {
    if (WORDS === null) {
      var node = document.getElementById('gz-map-words');
      try { WORDS = JSON.parse((node && node.textContent) || '{}'); } catch (e) { WORDS = {}; }
    }
    var text = typeof WORDS[key] === 'string' ? WORDS[key] : '';
    return text.replace(/\{(\w+)\}/g, function (all, name) {
      return args && args[name] !== undefined && args[name] !== null ? String(args[name]) : all;
    });
  }

  function isChinese(f, key) { return !!(f.zh && f.zh.indexOf(key) >= 0); }

  // A data text as its own element, marked when it is still in Chinese on a page in another language.
  function textOf(f, key, tag, className) {
    var node = el(tag || 'span', className, f[key]);
    if (isChinese(f, key)) node.setAttribute('lang', 'zh-CN');
    return node;
  }

  // "label: text": the label in the page's words, the text marked as textOf does.
  function labelled(className, label, f, key) {
    var p = el('p', className, label);
    p.appendChild(textOf(f, key));
    return p;
  }

  function kindText(f) {
    return f.status ? w('kindStatus', { type: f.type, status: f.status }) : w('kind', { type: f.type });
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
    box.appendChild(textOf(f, 'name', 'p', 'gz-popup__title'));
    box.appendChild(el('p', 'gz-popup__what', f.type + (f.status ? ' · ' + f.status : '')));
    if (f.figure) box.appendChild(el('p', 'gz-popup__figure', f.figure));
    if (f.prec && f.prec !== 'exact') box.appendChild(el('p', 'gz-popup__note', w('where') + f.precLabel));
    if (f.unverified) box.appendChild(el('p', 'gz-popup__flag', w('unverified')));
    if (f.caution) box.appendChild(labelled('gz-popup__caution', w('caution'), f, 'caution'));
    if (f.source) {
      var source = labelled('gz-popup__source', w('source'), f, 'source');
      if (f.more) source.appendChild(document.createTextNode(f.more));
      box.appendChild(source);
    }
    if (f.href) {
      var p = el('p', 'gz-popup__more');
      p.appendChild(newTabLink(f.href, w('more'), 'gz-popup__link'));
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

  // Markers stay where their things are. Those closer on screen than a 24 px target (WCAG 2.5.8) at
  // the current zoom are drawn as one cluster (Leaflet.markercluster) with its count, opened by
  // zooming in or, for things on one spot, by spiderfying. Icons are 24 px (markers) to 30 px
  // (clusters, badges) squares: two of them cannot overlap when their centres are 30·√2 ≈ 43 px apart.
  // Maps open at a half zoom level to fit their district, and markercluster clusters at the nearest
  // whole level, up to √2 times wider apart than on screen: hence 43·√2.
  var CLUSTER_RADIUS = 61;
  var ZOOM_SNAP = 0.5;

  // A cluster is drawn on the member nearest its centre of mass, not on the average: the average of
  // points in a crescent-shaped district can fall outside it, a member never does.
  if (L.MarkerCluster && !L.MarkerCluster.prototype.__gzOnMember) {
    var recalculate = L.MarkerCluster.prototype._recalculateBounds;
    L.MarkerCluster.prototype.__gzOnMember = true;
    L.MarkerCluster.prototype._recalculateBounds = function () {
      recalculate.call(this);
      var centre = this._wLatLng;
      if (!centre) return;
      var best = null, bestDistance = Infinity;
      this.getAllChildMarkers().forEach(function (m) {
        var p = m.getLatLng(), d = (p.lat - centre.lat) * (p.lat - centre.lat) + (p.lng - centre.lng) * (p.lng - centre.lng);
        if (d < bestDistance) { bestDistance = d; best = p; }
      });
      if (best) this._latlng = L.latLng(best.lat, best.lng);
    };
  }

  // A divIcon whose element carries an accessible name (Leaflet gives keyboard markers role=button).
  var NamedIcon = L.DivIcon.extend({
    createIcon: function (old) {
      var node = L.DivIcon.prototype.createIcon.call(this, old);
      if (this.options.label) node.setAttribute('aria-label', this.options.label);
      return node;
    }
  });

  function countOf(marker) { return marker.options.gzCount || 1; }

  function clusterIcon(cluster) {
    var n = 0;
    cluster.getAllChildMarkers().forEach(function (m) { n += countOf(m); });
    var size = 30;
    return new NamedIcon({
      className: 'gz-cluster',
      html: '<span class="gz-cluster__n">' + n + '</span>',  // a number: no data reaches this markup
      iconSize: [size, size],
      label: w('cluster', { n: n })
    });
  }

  function clusterGroup() {
    return L.markerClusterGroup({
      maxClusterRadius: CLUSTER_RADIUS,
      iconCreateFunction: clusterIcon,
      showCoverageOnHover: false,
      spiderfyOnMaxZoom: true,
      zoomToBoundsOnClick: true,
      spiderLegPolylineOptions: { weight: 1.5, color: '#222', opacity: 0.6 }
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
    var label = f.status ? w('labelStatus', { name: f.name, type: f.type, status: f.status })
      : w('label', { name: f.name, type: f.type });
    var icon = new NamedIcon({
      className: 'gz-marker gz-marker--' + t,
      html: '<span class="gz-sym gz-sym--' + t + ' gz-c-' + cls + ' gz-p-' + safeClass(f.prec) + '"></span>',
      iconSize: [24, 24],  // WCAG 2.5.8: a 24 px target, the drawn symbol stays smaller
      popupAnchor: [0, -8],
      tooltipAnchor: [0, -10],
      label: label
    });
    var marker = L.marker(latLng(f.pt), { icon: icon, title: f.name, keyboard: true, riseOnHover: true });
    marker.bindTooltip(textOf(f, 'name'), { direction: 'top' });
    marker.bindPopup(popupContent(f), { maxWidth: 280, autoPanPadding: [16, 16] });
    marker.on('popupopen', function () { lastOpened = marker; });
    marker.gzLayer = t === 'park' ? 'parks' : 'projects';
    marker.gzDistrict = f.ds;
    return marker;
  }

  // "Somewhere in this district" entries: one badge per district, with their count, on a point inside
  // the district (computed at build time); its popup lists them.
  function badgeContent(b, features) {
    var box = el('div', 'gz-popup');
    box.appendChild(el('p', 'gz-popup__title', w('badge', { name: b.name, n: b.items.length })));
    box.appendChild(el('p', 'gz-popup__note', w('badgeNote')));
    var list = el('ul', 'gz-popup__list');
    b.items.forEach(function (i) {
      var f = features[i];
      if (!f) return;
      var li = el('li');
      var link = li.appendChild(newTabLink(f.href, f.name, 'gz-popup__link'));
      if (isChinese(f, 'name')) link.setAttribute('lang', 'zh-CN');
      li.appendChild(document.createTextNode(kindText(f)));
      list.appendChild(li);
    });
    box.appendChild(list);
    return box;
  }

  function badgeIcon(b, n) {
    return new NamedIcon({
      className: 'gz-badge',
      html: '<span class="gz-badge__n">' + n + '</span>',  // a number: no data reaches this markup
      iconSize: [30, 30],
      popupAnchor: [0, -10],
      label: w('badge', { name: b.name, n: n })
    });
  }

  function drawBadge(b, features) {
    var n = b.items.length;
    var marker = L.marker(latLng(b.pt), {
      icon: badgeIcon(b, n), title: w('badgeTitle', { name: b.name }), keyboard: true, gzCount: n
    });
    marker.bindPopup(badgeContent(b, features), { maxWidth: 300, autoPanPadding: [16, 16] });
    marker.on('popupopen', function () { lastOpened = marker; });
    marker.gzLayer = 'badges';
    marker.gzDistrict = b.ds;
    // What the badge counts follows the layer switcher: its parks and projects, each only when shown.
    marker.gzRecount = function (on) {
      var shown = b.items.filter(function (i) { return features[i] && on[features[i].t === 'park' ? 'parks' : 'projects']; });
      if (shown.length !== marker.options.gzCount) {
        marker.options.gzCount = shown.length;
        marker.setIcon(badgeIcon(b, shown.length));
      }
      return shown.length > 0;
    };
    return marker;
  }

  // The layer switcher's park and project groups stay the switches; their markers live in the one
  // cluster group, so that parks and projects cluster together and never overlap each other.
  function syncClusters(map, groups, cluster, markers) {
    var on = { parks: map.hasLayer(groups.parks), projects: map.hasLayer(groups.projects) };
    var wanted = markers.filter(function (m) { return m.gzRecount ? m.gzRecount(on) : on[m.gzLayer]; });
    cluster.clearLayers();
    cluster.addLayers(wanted);
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
            node.setAttribute('aria-label', w('boundary', { name: b.name }));
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
          link.title = on ? w('fullscreenOff') : w('fullscreen');
          link.setAttribute('aria-label', on ? w('fullscreenOff') : w('fullscreenOn'));
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
        link.title = w('newTab');
        link.setAttribute('aria-label', w('newTab'));
      } else {
        box.hidden = true;
      }
      L.DomEvent.disableClickPropagation(box);
      return box;
    }
  });

  // "Show" in the list: shows the marker (zooming into or spiderfying its cluster) and opens its popup.
  function wireList(map, groups, cluster, markers) {
    var buttons = document.querySelectorAll('[data-gz-index]');
    Array.prototype.forEach.call(buttons, function (button) {
      var marker = markers[parseInt(button.getAttribute('data-gz-index'), 10)];
      if (!marker) return;
      button.addEventListener('click', function () {
        var group = button.getAttribute('data-gz-layer') === 'park' ? groups.parks : groups.projects;
        if (!map.hasLayer(group)) map.addLayer(group);
        map.getContainer().scrollIntoView({ block: 'nearest' });
        cluster.zoomToShowLayer(marker, function () {
          marker.openPopup();
          var link = marker.getPopup().getElement();
          link = link && link.querySelector('.gz-popup__link');
          if (link) link.focus();
        });
      });
    });
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
    var data = readData() || { kind: 'district', boundaries: [], features: [], badges: [] };
    var features = data.features || [];
    map.createPane('gzBoundary').style.zIndex = 350;
    map.getContainer().setAttribute('aria-label', w('keys', { title: data.title || w('map') }));
    drawBoundaries(map, groups.boundary, data);
    var markers = features.map(function (f) { return f.prec === 'district' ? null : drawFeature(f, groups); });
    var badges = (data.badges || []).map(function (b) {
      var badge = drawBadge(b, features);
      b.items.forEach(function (i) { markers[i] = badge; });
      return badge;
    });
    var all = markers.filter(function (m) { return m && m.gzLayer !== 'badges'; }).concat(badges);

    // A district's map opens fitted to its district; the city's to the city. Room at the bottom for
    // the scale and credits: a marker under them could not be tapped.
    map.options.zoomSnap = ZOOM_SNAP;
    var bounds = L.latLngBounds([]);
    if (groups.boundary.getLayers().length) bounds.extend(groups.boundary.getBounds());
    else all.forEach(function (m) { bounds.extend(m.getLatLng()); });
    if (bounds.isValid()) {
      map.fitBounds(bounds, { paddingTopLeft: [12, 12], paddingBottomRight: [12, 40], maxZoom: 15, animate: false });
    }

    var cluster = clusterGroup();
    cluster.addTo(map);
    applyLayersParam(map, groups);
    syncClusters(map, groups, cluster, all);
    [groups.parks, groups.projects].forEach(function (g) {
      g.on('add remove', function () { syncClusters(map, groups, cluster, all); });
    });
    // Leaflet's own credit link has no target: in a sandboxed embed a click would replace the map
    // with leafletjs.com. Every link in an embed opens a new tab.
    if (map.attributionControl) {
      map.attributionControl.setPrefix('<a href="https://leafletjs.com" target="_blank" rel="noopener">Leaflet</a>');
    }
    L.control.scale({ imperial: false, position: 'bottomleft' }).addTo(map);
    new Fullscreen().addTo(map);
    wireList(map, groups, cluster, markers);
    escapeClosesPopup(map);
    window.gzMaps.map = map;  // for tests and for hosts that script the page
    window.gzMaps.groups = groups;
    window.gzMaps.cluster = cluster;
    root.setAttribute('data-map-ready', options && options.basemap ? options.basemap : '1');
    if (!fit) window.gzFrame.watch();  // fit=1: the host sets the frame's height, none is sent
  }

  window.gzMaps = { init: init };
})();
