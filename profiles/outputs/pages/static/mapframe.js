// The map frames on our own pages (iframe[data-gz-src], profiles/outputs/pages/templates/_map.html.j2) start
// once the page has loaded and the browser is idle: the reader gets the page's text, figures and
// controls first, and the map's start-up (a renderer process, Leaflet, its layers) does not compete with
// the page's own on a phone's few cores. The frame's box is sized by the page's CSS from its width alone,
// so nothing moves when the map arrives. The frames keep loading="lazy": one far below the screen starts
// when the reader scrolls near it.
// A static file (the site's Content-Security-Policy runs no inline script). Only addresses our own
// template wrote are used, and only on frames that carry one; a no-op on pages without a map.
(function () {
  "use strict";
  var FRAMES = "iframe[data-gz-src]";
  if (!document.querySelector(FRAMES)) return;

  function start() {
    var frames = document.querySelectorAll(FRAMES);
    for (var i = 0; i < frames.length; i++) {
      var frame = frames[i];
      frame.src = frame.getAttribute("data-gz-src");
      frame.removeAttribute("data-gz-src");
    }
  }

  // Idle, or at the latest 2 s after load (a page that never idles still gets its map).
  function whenIdle() {
    if (window.requestIdleCallback) window.requestIdleCallback(start, { timeout: 2000 });
    else window.setTimeout(start, 0);
  }

  if (document.readyState === "complete") whenIdle();
  else window.addEventListener("load", whenIdle, { once: true });
})();
