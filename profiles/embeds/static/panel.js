/* 广州区情 · the "嵌入地图" panel on profile pages (see profiles/embeds/__init__.py).
 *
 * Progressive enhancement: the page already holds a correct default code (built with the site's
 * URL). This script (1) rewrites the code to the root of the page being read, so the copied code
 * and the preview always match and work wherever the site is served; (2) shows the options, whose
 * values become the embed page's URL parameters; (3) copies the code; (4) draws a preview iframe
 * from the very attributes the code contains. No library, no innerHTML, no inline styles (CSP).
 * code() mirrors embed_code() in Python byte for byte.
 */
(function () {
  'use strict';

  var SANDBOX = 'allow-scripts allow-popups allow-popups-to-escape-sandbox';
  var LAYERS = ['boundary', 'parks', 'projects'];
  var CHROME_PX = 150;  // = CHROME_PX in Python
  var ENTITIES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&#34;', "'": '&#39;' };

  function esc(text) {
    return String(text).replace(/[&<>"']/g, function (c) { return ENTITIES[c]; });
  }

  // The page's own site root, e.g. https://host/sub/ for /sub/districts/tianhe/ with prefix "../../".
  function pageRoot(panel) {
    if (!/^https?:$/.test(window.location.protocol)) return null;
    try {
      return new URL(panel.getAttribute('data-prefix') || './', window.location.href).href;
    } catch (e) {
      return null;
    }
  }

  function readOptions(form) {
    var layers = LAYERS.filter(function (key) {
      var box = form.querySelector('input[name="layers"][value="' + key + '"]');
      return box && box.checked;
    });
    var mode = form.querySelector('input[name="height-mode"]:checked');
    var theme = form.querySelector('input[name="theme"]:checked');
    var legend = form.querySelector('input[name="legend"]');
    var height = null;
    if (mode && mode.value === 'fixed') {
      var input = form.querySelector('input[name="height"]');
      var min = parseInt(input.min, 10), max = parseInt(input.max, 10);
      height = parseInt(input.value, 10);
      if (!isFinite(height)) height = parseInt(input.defaultValue, 10);
      height = Math.min(max, Math.max(min, height));
    }
    return { layers: layers, theme: theme ? theme.value : 'light', legend: !legend || legend.checked, height: height };
  }

  function query(id, o) {
    var parts = ['id=' + id];
    if (o.layers.join(',') !== LAYERS.join(',')) parts.push('layers=' + o.layers.join(','));
    if (o.theme !== 'light') parts.push('theme=' + o.theme);
    if (!o.legend) parts.push('legend=0');
    if (o.height !== null) parts.push('height=' + o.height);
    return '?' + parts.join('&');
  }

  function frameStyle(o) {
    return o.height === null ? 'width:100%;border:0;aspect-ratio:4/3'
      : 'width:100%;border:0;height:' + (o.height + CHROME_PX) + 'px';
  }

  // The iframe's attributes, in the code's order: the preview is built from this same list.
  function frameAttributes(info, o) {
    return [
      ['src', info.root + 'embed/' + info.slug + '/' + query(info.id, o)],
      ['title', info.title],
      ['loading', 'lazy'],
      ['style', frameStyle(o)],
      ['sandbox', SANDBOX],
      ['data-gz-embed', info.id],
      ['allow', 'fullscreen']
    ];
  }

  function code(info, o) {
    var attrs = frameAttributes(info, o).map(function (a) {
      return a[0] + '="' + (a[0] === 'style' ? a[1] : esc(a[1])) + '"';
    });
    return '<iframe ' + attrs.join(' ') + '></iframe>\n' +
      '<noscript><img src="' + esc(info.root) + 'embed/' + info.slug + '/map.png" alt="' + esc(info.alt) +
      '" style="max-width:100%;height:auto"></noscript>\n' +
      '<script src="' + esc(info.root) + 'embed/resize.js" async></' + 'script>';
  }

  function buildFrame(info, o) {
    var frame = document.createElement('iframe');
    frameAttributes(info, o).forEach(function (a) {
      if (a[0] === 'style') frame.style.cssText = a[1];  // CSSOM: allowed where style="" is not
      else frame.setAttribute(a[0], a[1]);
    });
    return frame;
  }

  // The preview needs the host script like any host page; profile pages normally load it already.
  function ensureResizeScript(root) {
    if (window.__gzEmbedResize || document.querySelector('script[data-gz-embed-resize]')) return;
    var s = document.createElement('script');
    s.src = root + 'embed/resize.js';
    s.async = true;
    s.setAttribute('data-gz-embed-resize', '');
    document.head.appendChild(s);
  }

  function setup(panel) {
    var form = panel.querySelector('[data-gz-embed-options]');
    var textarea = panel.querySelector('[data-gz-embed-code]');
    var copyButton = panel.querySelector('[data-gz-embed-copy]');
    var status = panel.querySelector('[data-gz-embed-status]');
    var preview = panel.querySelector('[data-gz-embed-preview]');
    var pym = panel.querySelector('[data-gz-embed-pym]');
    if (!form || !textarea) return;
    var root = pageRoot(panel);
    var info = panelInfo(panel);
    var placeholderNote = panel.querySelector('[data-gz-embed-placeholder]');
    if (root && placeholderNote) placeholderNote.hidden = true;
    var frame = null;
    var timer = null;

    function say(text) { if (status) status.textContent = text; }

    function showPreview(o) {
      if (!preview || !panel.open) return;
      var fresh = buildFrame(info, o);
      if (frame && frame.getAttribute('src') === fresh.getAttribute('src')) return;
      ensureResizeScript(info.root);
      preview.hidden = false;
      if (frame) preview.replaceChild(fresh, frame);
      else preview.appendChild(fresh);
      frame = fresh;
    }

    function update(delayPreview) {
      var o = readOptions(form);
      textarea.value = code(info, o);
      if (pym) pym.textContent = 'new pym.Parent("' + info.id + '", "' + frameAttributes(info, o)[0][1] + '", {})';
      clearTimeout(timer);
      // Typing a height reloads the preview once, not on every keystroke.
      if (delayPreview) timer = setTimeout(function () { showPreview(o); }, 400);
      else showPreview(o);
    }

    // At least one layer: an embed with none would be an empty frame.
    form.addEventListener('change', function (event) {
      var t = event.target;
      if (t.name === 'layers' && !readOptions(form).layers.length) {
        t.checked = true;
        say('至少保留一个图层');
      }
      if (t.name === 'height') form.querySelector('input[name="height-mode"][value="fixed"]').checked = true;
      update(false);
    });
    form.addEventListener('input', function (event) {
      if (event.target.name !== 'height') return;
      form.querySelector('input[name="height-mode"][value="fixed"]').checked = true;
      update(true);
    });
    form.addEventListener('submit', function (event) { event.preventDefault(); });
    panel.addEventListener('toggle', function () { if (panel.open) update(false); });
    textarea.addEventListener('focus', function () { textarea.select(); });

    function selectForCopy() {
      textarea.focus();
      textarea.select();
      var copied = false;
      try { copied = document.execCommand('copy'); } catch (e) { copied = false; }
      say(copied ? '已复制到剪贴板' : '代码已选中，请按 Ctrl+C（Mac：⌘C）复制');
    }

    if (copyButton) {
      copyButton.hidden = false;
      copyButton.addEventListener('click', function () {
        var text = textarea.value;
        if (navigator.clipboard && navigator.clipboard.writeText) {
          navigator.clipboard.writeText(text).then(function () { say('已复制到剪贴板'); }, selectForCopy);
        } else {
          selectForCopy();
        }
      });
    }
    form.hidden = false;
    update(false);
  }

  // At load only the code is rewritten for this page's origin (cheap, inside a closed <details>); the
  // options, preview and copy button are set up when a reader first opens the panel — doing it all at
  // load cost ~150–200 ms of main-thread time on the home page for something most readers never open.
  function panelInfo(panel) {
    return {
      root: pageRoot(panel) || panel.getAttribute('data-site'),
      slug: panel.getAttribute('data-slug'),
      id: panel.getAttribute('data-embed-id'),
      title: panel.getAttribute('data-title'),
      alt: panel.getAttribute('data-alt')
    };
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll('[data-gz-embed-panel]'), function (panel) {
      var form = panel.querySelector('[data-gz-embed-options]');
      var textarea = panel.querySelector('[data-gz-embed-code]');
      if (form && textarea && pageRoot(panel)) textarea.value = code(panelInfo(panel), readOptions(form));
      if (panel.open) { setup(panel); return; }
      var once = function () {
        if (!panel.open) return;
        panel.removeEventListener('toggle', once);
        setup(panel);
      };
      panel.addEventListener('toggle', once);
    });
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
