/* 广州区情 · embed host script. Include once on a page that embeds our maps:
 *
 *   <iframe src="…/embed/tianhe/?id=map-tianhe" id="map-tianhe" data-gz-embed
 *           title="天河区地图" style="width:100%;border:0;aspect-ratio:3/2;min-height:440px" loading="lazy"
 *           sandbox="allow-scripts allow-popups allow-popups-to-escape-sandbox"
 *           allow="fullscreen"></iframe>
 *   <script src="…/embed/resize.js" async></script>
 *
 * Each embed posts {type: "gz-profiles:height", id, height} to its parent, once per change of its
 * height (which depends on its width only); this sets the height of the iframe whose window sent it,
 * and ignores messages from any window that is not one of our frames. An embed
 * that loaded before this script (it is async) said its height to nobody: so this script asks
 * every embed once, with {type: "gz-profiles:ask"}, and each answers with its height.
 * Without this script the iframe keeps its aspect-ratio and still shows the whole map.
 */
(function () {
  'use strict';
  if (window.__gzEmbedResize) return;
  window.__gzEmbedResize = true;

  function frames() {
    return document.querySelectorAll('iframe[data-gz-embed]');
  }

  window.addEventListener('message', function (event) {
    var data = event.data;
    if (!data || typeof data !== 'object' || data.type !== 'gz-profiles:height') return;
    var height = Number(data.height);
    if (!isFinite(height) || height < 50 || height > 20000) return;
    // Only a frame of ours (data-gz-embed) whose own window sent this: never another frame's message,
    // nor one naming an id (anyone can claim an id).
    var list = frames();
    var match = null;
    for (var i = 0; i < list.length; i++) {
      if (list[i].contentWindow === event.source) { match = list[i]; break; }
    }
    if (!match) return;
    var px = Math.ceil(height) + 'px';
    if (match.style.height === px) return;
    match.style.aspectRatio = 'auto';
    match.style.minHeight = '0';
    match.style.height = Math.ceil(height) + 'px';
    unbox(match);
  });

  var frameList = frames();
  for (var k = 0; k < frameList.length; k++) {
    try {
      if (frameList[k].contentWindow) frameList[k].contentWindow.postMessage({ type: 'gz-profiles:ask' }, '*');
    } catch (e) { /* a frame that refuses messages keeps its aspect-ratio */ }
  }

  // A frame placed to fill a fixed-ratio box (position:absolute in an aspect-ratio or padding-bottom
  // wrapper, as our profile pages and many CMS themes do) would hang out of the box and cover what
  // follows. Once the frame has its content's height, it joins the flow and the box follows it.
  function unbox(frame) {
    var box = frame.parentElement;
    if (!box || window.getComputedStyle(frame).position !== 'absolute') return;
    frame.style.position = 'static';
    frame.style.display = 'block';
    box.style.aspectRatio = 'auto';
    box.style.height = 'auto';
    box.style.maxHeight = 'none';
    box.style.paddingTop = '0';
    box.style.paddingBottom = '0';
  }
})();
