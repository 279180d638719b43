/* 广州区情 · what every embed page shares (maps and fact cards): its options from the URL, and the
 * height contract with the host page's resize.js.
 *
 * URL parameters: theme=light|dark|auto  id=<echoed in the height message to the parent>.
 * The page's height is a function of its width only (no vh: inside an iframe that is the frame's own
 * height, a feedback loop). The parent hears {type: "gz-profiles:height", id, height} once per real
 * change, after layout settles (debounced), and again whenever its resize.js asks ("gz-profiles:ask").
 *
 * A page whose <html> carries data-gz-watch starts watching as soon as this script runs (a deferred
 * script: the DOM is complete); a map page calls gzFrame.watch() once its map is drawn.
 */
(function () {
  'use strict';
  if (window.gzFrame) return;

  var root = document.documentElement;
  var params;
  try { params = new URLSearchParams(window.location.search); } catch (e) { params = new URLSearchParams(''); }

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
  var embedId = params.get('id');
  if (embedId !== null && !/^[A-Za-z0-9_.:-]{1,80}$/.test(embedId)) embedId = null;

  var lastHeight = 0;
  var heightTimer = 0;
  var watching = false;

  // `reply`: an answer to the host's ask, sent even when unchanged (the host may have missed it).
  function postHeight(reply) {
    if (window.parent === window) return;
    var box = document.getElementById('gz-embed');
    if (!box) return;
    var height = Math.ceil(box.getBoundingClientRect().height);
    if (!height || (height === lastHeight && !reply)) return;
    lastHeight = height;
    var message = { type: 'gz-profiles:height', id: embedId, height: height };
    if (reply) message.reply = true;
    try {
      window.parent.postMessage(message, '*');
      if (embedId) window.parent.postMessage('pymxPYMx' + embedId + 'xPYMx' + 'height' + 'xPYMx' + height, '*');
    } catch (e) { /* a parent that refuses messages is fine */ }
  }

  function soon() {
    clearTimeout(heightTimer);
    heightTimer = setTimeout(function () { postHeight(false); }, 60);
  }

  function watch() {
    if (watching || window.parent === window) return;
    watching = true;
    postHeight(false);
    // The host's resize.js may start after our first message (it loads async): it asks, we answer.
    window.addEventListener('message', function (event) {
      if (event.source !== window.parent || !event.data || event.data.type !== 'gz-profiles:ask') return;
      postHeight(true);
    });
    window.addEventListener('load', soon);
    // A resize of the frame (its width) and of the content (fonts, list): both end in one message.
    // Chromium runs no ResizeObserver in an off-screen cross-origin frame, but it does fire resize.
    window.addEventListener('resize', soon);
    if (window.ResizeObserver) {
      var box = document.getElementById('gz-embed');
      if (box) new ResizeObserver(soon).observe(box);
    }
  }

  window.gzFrame = { params: params, embedId: embedId, watch: watch };
  if (root.hasAttribute('data-gz-watch')) watch();
})();
