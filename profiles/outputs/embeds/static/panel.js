/* The embed panels on profile pages (maps and fact cards; see profiles/outputs/embeds/__init__.py).
 *
 * Progressive enhancement: the page holds only what a reader without JS needs — a correct default
 * code (built with the site's URL) and the image links; every extra tag there is parsed at build
 * time on every profile. This script (1) rewrites the code to the root of the page being read, so
 * the copied code and the preview always match and work wherever the site is served; on first open
 * it builds (2) the options, whose values become the embed page's URL parameters, (3) the copy
 * button, (4) a preview iframe from the very attributes the code contains, and the notes.
 * No library, no innerHTML (data only ever becomes text nodes or attribute values), no inline
 * styles or handlers (CSP). code() mirrors embed_code() in Python byte for byte.
 * Its words come from the panel (data-gz-words, JSON in the page's language: embeds.PANEL_WORDS); a panel
 * without them (or a word it lacks) reads the Chinese below, so the script never shows an empty label. So does
 * where the page's edition is (data-prefix: its root; data-up: from there to the site's root, whose
 * embed/resize.js both editions share; data-edition: its folder under data-site).
 */
(function () {
  'use strict';

  var SANDBOX = 'allow-scripts allow-popups allow-popups-to-escape-sandbox';
  var LAYERS = ['boundary', 'parks', 'projects'];
  var CHROME_PX = 150;  // = CHROME_PX in Python
  var FRAME_RATIO = 'aspect-ratio:3/2;min-height:760px';  // = FRAME_RATIO in Python
  var THEMES = ['light', 'dark', 'auto'];  // = THEMES in Python
  var HEIGHT = { min: 120, max: 4000, initial: 500 };  // min, max = HEIGHT_RANGE in Python
  var DEFAULTS = { layers: LAYERS, theme: 'light', legend: true, height: null };  // = Options() in Python
  var ENTITIES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&#34;', "'": '&#39;' };

  function esc(text) {
    return String(text).replace(/[&<>"']/g, function (c) { return ENTITIES[c]; });
  }

  // The root of the page's edition, e.g. https://host/sub/ for /sub/districts/tianhe/ with prefix "../../"
  // (https://host/sub/en/ for an English page); `up` climbs on to the site's own root.
  function pageRoot(panel, up) {
    if (!/^https?:$/.test(window.location.protocol)) return null;
    try {
      return new URL((panel.getAttribute('data-prefix') || './') + (up ? panel.getAttribute('data-up') || '' : ''),
        window.location.href).href;
    } catch (e) {
      return null;
    }
  }

  // Where the code points: the edition's embeds (root) and the site's shared host script (shared); without a
  // page root (a file: URL), the site's URL the build knew.
  function roots(panel) {
    var site = panel.getAttribute('data-site');
    return {
      root: pageRoot(panel, false) || site + (panel.getAttribute('data-edition') || ''),
      shared: pageRoot(panel, true) || site
    };
  }

  // The Chinese words, = embeds.PANEL_WORDS in Python (tested): what a panel without data-gz-words shows.
  var WORDS = {
    "height": "地图高度",
    "heightAuto": "随宽度自适应",
    "heightFixed": "固定",
    "heightLabel": "固定的地图高度（像素）",
    "pixels": " 像素",
    "layers": "图层",
    "boundary": "区界",
    "parks": "园区",
    "projects": "项目",
    "theme": "配色",
    "light": "浅色",
    "dark": "深色",
    "auto": "跟随读者系统",
    "legend": "图例",
    "showLegend": "显示图例",
    "copy": "复制代码",
    "preview": "预览",
    "note": "嵌入框的高度只取决于宽度；代码里的 resize.js 会让它正好等于内容高度。地图不会拦截页面滚动，链接都在新标签页打开。已使用 pym.js 的网站也可以：",
    "noteEnd": "（容器元素的 id 须与地址中的 id 相同）。",
    "alt": "图片说明（可作替代文字）：",
    "shareAlt": "分享图的说明（可作替代文字）：",
    "oneLayer": "至少保留一个图层",
    "copied": "已复制到剪贴板",
    "selected": "代码已选中，请按 Ctrl+C（Mac：⌘C）复制",
    "card": "卡片 ",
    "cardCode": "嵌入代码：{title}"
  };

  // The panel's words, {name}-style placeholders filled; a word the panel does not give reads in Chinese.
  function wordsOf(panel) {
    var words = null;
    try { words = JSON.parse(panel.getAttribute('data-gz-words') || '{}'); } catch (e) { words = null; }
    if (!words || typeof words !== 'object') words = {};
    return function (key, args) {
      var text = typeof words[key] === 'string' ? words[key] : WORDS.hasOwnProperty(key) ? WORDS[key] : '';
      return text.replace(/\{(\w+)\}/g, function (all, name) {
        return args && args[name] !== undefined ? String(args[name]) : all;
      });
    };
  }

  // el('p', {'class': 'x', hidden: true}, ['text', node]): strings become text nodes, never markup.
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) {
      if (attrs[name] !== false) node.setAttribute(name, attrs[name] === true ? '' : String(attrs[name]));
    });
    (children || []).forEach(function (child) {
      node.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
    });
    return node;
  }

  function choice(type, name, value, checked, text) {
    return el('label', null, [el('input', { type: type, name: name, value: value, checked: checked }), ' ' + text]);
  }

  // Spaces between the labels, as the markup this replaced had: the same gaps on screen.
  function fieldset(legend, controls) {
    var children = [el('legend', null, [legend])];
    controls.forEach(function (control) { children.push(control, ' '); });
    return el('fieldset', null, children);
  }

  function themes(w) {
    return fieldset(w('theme'), THEMES.map(function (t, i) { return choice('radio', 'theme', t, i === 0, w(t)); }));
  }

  // Starts at DEFAULTS, so the code does not change when the form appears.
  function buildForm(w) {
    return el('form', { 'class': 'gz-embed-options', 'data-gz-embed-options': true }, [
      fieldset(w('height'), [
        choice('radio', 'height-mode', 'auto', true, w('heightAuto')),
        choice('radio', 'height-mode', 'fixed', false, w('heightFixed')),
        el('label', null, [el('input', {
          type: 'number', name: 'height', value: HEIGHT.initial, min: HEIGHT.min, max: HEIGHT.max, step: 10,
          'aria-label': w('heightLabel')
        }), w('pixels')])
      ]),
      fieldset(w('layers'), LAYERS.map(function (key) {
        return choice('checkbox', 'layers', key, true, w(key));
      })),
      themes(w),
      fieldset(w('legend'), [choice('checkbox', 'legend', '1', true, w('showLegend'))])
    ]);
  }

  function insertAfter(ref, nodes) {
    nodes.forEach(function (node) {
      ref.parentNode.insertBefore(node, ref.nextSibling);
      ref = node;
    });
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
    return o.height === null ? 'width:100%;border:0;' + FRAME_RATIO
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
      '<noscript><img src="' + esc(info.root) + 'embed/' + info.slug + '/map.png" srcset="' + esc(info.root) +
      'embed/' + info.slug + '/map@2x.png 2x" alt="' + esc(info.alt) + '" style="max-width:100%;height:auto"></noscript>\n' +
      '<script src="' + esc(info.shared) + 'embed/resize.js" async></' + 'script>';
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

  // What only a reader with JS can use, placed around the code: the options above it; the copy
  // button, the pym.js note and the preview below it; the alt text after the image links.
  function buildControls(panel, textarea, info, w) {
    var c = {
      form: buildForm(w),
      copy: el('button', { type: 'button', 'class': 'md-button gz-embed-copy', 'data-gz-embed-copy': true },
        [w('copy')]),
      status: el('span', { 'class': 'gz-embed-status', role: 'status', 'aria-live': 'polite',
        'data-gz-embed-status': true }),
      pym: el('code', { 'data-gz-embed-pym': true }),
      preview: el('div', { 'class': 'gz-embed-preview', 'data-gz-embed-preview': true, hidden: true },
        [el('p', { 'class': 'gz-embed-label' }, [w('preview')])])
    };
    var label = (textarea.labels && textarea.labels[0]) || textarea;
    label.parentNode.insertBefore(c.form, label);
    insertAfter(textarea, [
      el('p', { 'class': 'gz-embed-actions' }, [c.copy, ' ', c.status]),
      el('p', { 'class': 'gz-embed-note' }, [w('note'), c.pym, w('noteEnd')]),
      c.preview
    ]);
    insertAfter(panel.querySelector('[data-gz-embed-downloads]') || textarea,
      [el('p', { 'class': 'gz-embed-note' }, [w('alt') + info.alt])]);
    return c;
  }

  function setup(panel) {
    var textarea = panel.querySelector('[data-gz-embed-code]');
    if (!textarea) return;
    var info = panelInfo(panel);
    var w = wordsOf(panel);
    var controls = buildControls(panel, textarea, info, w);
    var form = controls.form, copyButton = controls.copy, status = controls.status;
    var pym = controls.pym, preview = controls.preview;
    var placeholderNote = panel.querySelector('[data-gz-embed-placeholder]');
    if (pageRoot(panel, false) && placeholderNote) placeholderNote.hidden = true;
    var frame = null;
    var timer = null;

    function say(text) { status.textContent = text; }

    function showPreview(o) {
      if (!panel.open) return;
      var fresh = buildFrame(info, o);
      if (frame && frame.getAttribute('src') === fresh.getAttribute('src')) return;
      ensureResizeScript(info.shared);
      preview.hidden = false;
      if (frame) preview.replaceChild(fresh, frame);
      else preview.appendChild(fresh);
      frame = fresh;
    }

    function update(delayPreview) {
      var o = readOptions(form);
      textarea.value = code(info, o);
      pym.textContent = 'new pym.Parent("' + info.id + '", "' + frameAttributes(info, o)[0][1] + '", {})';
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
        say(w('oneLayer'));
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
      say(copied ? w('copied') : w('selected'));
    }

    copyButton.addEventListener('click', function () {
      var text = textarea.value;
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(text).then(function () { say(w('copied')); }, selectForCopy);
      } else {
        selectForCopy();
      }
    });
    update(false);
  }

  // --- Fact cards (data-gz-card-panel): one code per card, chosen from the panel's data-cards. ----------

  var CARD_STYLE = 'width:100%;max-width:640px;border:0;height:480px';  // = CARD_STYLE in Python

  function cardInfo(panel) {
    var cards = [];
    try { cards = JSON.parse(panel.getAttribute('data-cards') || '[]'); } catch (e) { cards = []; }
    var where = roots(panel);
    return { root: where.root, shared: where.shared, slug: panel.getAttribute('data-slug'), cards: cards };
  }

  function cardBase(info, card) { return info.root + 'embed/' + info.slug + '/card/' + card.id + '/'; }

  // The iframe's attributes, in the code's order (card_code() in Python): the preview uses the same list.
  function cardAttributes(info, card, theme) {
    var id = 'gz-' + info.slug + '-' + card.id;
    return [
      ['src', cardBase(info, card) + '?id=' + id + (theme !== 'light' ? '&theme=' + theme : '')],
      ['title', card.title],
      ['loading', 'lazy'],
      ['style', CARD_STYLE],
      ['sandbox', SANDBOX],
      ['data-gz-embed', id]
    ];
  }

  function cardCode(info, card, theme) {
    var attrs = cardAttributes(info, card, theme).map(function (a) {
      return a[0] + '="' + (a[0] === 'style' ? a[1] : esc(a[1])) + '"';
    });
    return '<iframe ' + attrs.join(' ') + '></iframe>\n' +
      '<noscript><img src="' + esc(cardBase(info, card)) + 'card.png" srcset="' + esc(cardBase(info, card)) +
      'card@2x.png 2x" alt="' + esc(card.alt) + '" style="max-width:100%;height:auto"></noscript>\n' +
      '<script src="' + esc(info.shared) + 'embed/resize.js" async></' + 'script>';
  }

  function setupCards(panel) {
    var textarea = panel.querySelector('[data-gz-card-code]');
    var info = cardInfo(panel);
    if (!textarea || !info.cards.length) return;
    var w = wordsOf(panel);
    var uid = panel.id || 'gz-cards';
    var select = el('select', { id: uid + '-choice', name: 'card' }, info.cards.map(function (c, i) {
      return el('option', { value: String(i) }, [c.title]);
    }));
    var form = el('form', { 'class': 'gz-embed-options', 'data-gz-card-options': true }, [
      el('p', null, [el('label', { 'for': uid + '-choice' }, [w('card')]), select]),
      themes(w)
    ]);
    var copy = el('button', { type: 'button', 'class': 'md-button gz-embed-copy', 'data-gz-card-copy': true }, [w('copy')]);
    var status = el('span', { 'class': 'gz-embed-status', role: 'status', 'aria-live': 'polite' });
    var preview = el('div', { 'class': 'gz-embed-preview', 'data-gz-card-preview': true },
      [el('p', { 'class': 'gz-embed-label' }, [w('preview')])]);
    var label = (textarea.labels && textarea.labels[0]) || textarea;
    label.parentNode.insertBefore(form, label);
    insertAfter(textarea, [el('p', { 'class': 'gz-embed-actions' }, [copy, ' ', status]), preview]);
    var alt = el('p', { 'class': 'gz-embed-note' });
    var downloads = panel.querySelector('[data-gz-card-downloads]');
    var shareAlt = panel.querySelector('[data-gz-share-alt]');
    insertAfter(downloads || textarea, [alt]);
    var frame = null;

    function update() {
      var card = info.cards[parseInt(select.value, 10)] || info.cards[0];
      var theme = form.querySelector('input[name="theme"]:checked');
      theme = theme ? theme.value : 'light';
      textarea.value = cardCode(info, card, theme);
      if (label !== textarea) label.textContent = w('cardCode', { title: card.title });
      // Each image link names its file (data-file): the chosen card's, beside its page.
      Array.prototype.forEach.call(panel.querySelectorAll('a[data-file]'), function (a) {
        a.setAttribute('href', panel.getAttribute('data-prefix') + 'embed/' + info.slug + '/card/' + card.id + '/' +
          a.getAttribute('data-file'));
      });
      alt.textContent = w('alt') + card.alt;
      if (shareAlt) shareAlt.textContent = w('shareAlt') + card.alt + panel.getAttribute('data-share-tail');
      var fresh = document.createElement('iframe');
      cardAttributes(info, card, theme).forEach(function (a) {
        if (a[0] === 'style') fresh.style.cssText = a[1];  // CSSOM: allowed where style="" is not
        else fresh.setAttribute(a[0], a[1]);
      });
      if (frame && frame.getAttribute('src') === fresh.getAttribute('src')) return;
      ensureResizeScript(info.shared);
      if (frame) preview.replaceChild(fresh, frame);
      else preview.appendChild(fresh);
      frame = fresh;
    }

    form.addEventListener('change', update);
    form.addEventListener('submit', function (event) { event.preventDefault(); });
    textarea.addEventListener('focus', function () { textarea.select(); });
    copy.addEventListener('click', function () {
      var text = textarea.value;
      var fallback = function () {
        textarea.focus();
        textarea.select();
        var copied = false;
        try { copied = document.execCommand('copy'); } catch (e) { copied = false; }
        status.textContent = copied ? w('copied') : w('selected');
      };
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(text).then(function () { status.textContent = w('copied'); }, fallback);
      } else {
        fallback();
      }
    });
    update();
  }

  function startCards(panel) {
    var textarea = panel.querySelector('[data-gz-card-code]');
    var info = cardInfo(panel);
    if (textarea && info.cards.length && pageRoot(panel, false)) {
      textarea.value = cardCode(info, info.cards[0], 'light');
      var placeholderNote = panel.querySelector('[data-gz-card-placeholder]');
      if (placeholderNote) placeholderNote.hidden = true;  // the code names this page's own site now
    }
    if (panel.open) { setupCards(panel); return; }
    var once = function () {
      if (!panel.open) return;
      panel.removeEventListener('toggle', once);
      setupCards(panel);
    };
    panel.addEventListener('toggle', once);
  }

  function panelInfo(panel) {
    var where = roots(panel);
    return {
      root: where.root,
      shared: where.shared,
      slug: panel.getAttribute('data-slug'),
      id: panel.getAttribute('data-embed-id'),
      title: panel.getAttribute('data-title'),
      alt: panel.getAttribute('data-alt')
    };
  }

  // At load only the code is rewritten for this page's origin (cheap, inside a closed <details>); the
  // options, preview and copy button are built when a reader first opens the panel — doing it all at
  // load cost ~150–200 ms of main-thread time on the home page for something most readers never open.
  function start() {
    Array.prototype.forEach.call(document.querySelectorAll('[data-gz-embed-panel]'), function (panel) {
      // Each panel includes this script: a second copy must not build a second form.
      if (panel.hasAttribute('data-gz-embed-started')) return;
      panel.setAttribute('data-gz-embed-started', '');
      var textarea = panel.querySelector('[data-gz-embed-code]');
      if (textarea && pageRoot(panel, false)) textarea.value = code(panelInfo(panel), DEFAULTS);
      if (panel.open) { setup(panel); return; }
      var once = function () {
        if (!panel.open) return;
        panel.removeEventListener('toggle', once);
        setup(panel);
      };
      panel.addEventListener('toggle', once);
    });
    Array.prototype.forEach.call(document.querySelectorAll('[data-gz-card-panel]'), function (panel) {
      if (panel.hasAttribute('data-gz-embed-started')) return;
      panel.setAttribute('data-gz-embed-started', '');
      startCards(panel);
    });
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
