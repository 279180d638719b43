// Citation marks (a.gz-cite, profiles/outputs/pages/templates/_cite.html.j2) open a popover with the source's title,
// publisher and date — read from the page's own source list — and the quote the mark carries (data-gz-quote),
// with the heading it sits under in that source where the data names one (data-gz-where), on mouse hover, keyboard focus or a tap.
// On an English page the quote is the Chinese evidence (lang="zh-CN") followed by our English rendering
// (data-gz-quote-en), and the popover's words come from the page (the source list's data-gz-words, JSON written by
// the template from the phrase catalogues); without them it speaks Chinese. A first tap opens the popover; a second tap (or a click, or Enter)
// follows the link to the source list. Escape or a tap elsewhere closes it.
// A static file: the site's Content-Security-Policy runs no inline script. Text from the data is only ever
// set with textContent, never parsed as HTML. The popover is absolutely placed over the page, so opening it
// moves nothing. A no-op on pages without citation marks.
// One listener per kind of event on the document (delegation), not six per mark: a page with hundreds of
// marks sets up in constant time, and the popover itself is made on first use.
(function () {
  "use strict";
  var MARK = 'a.gz-cite[href^="#source-"]';
  if (!document.querySelector(MARK)) return;

  var pop = null; // made on first use
  var current = null; // the mark whose popover is open
  var closing = 0; // timer: the pointer may travel from the mark into the popover
  var pressed = null; // {mark, touch, wasOpen} from the pointerdown that precedes a click
  var WORDS = { source: "出处", missing: "（见页末出处）", where: "见其中：", original: "原文：", translation: "" };
  // The source list's own words: other parts of a page (embed panels, tables) carry data-gz-words of their own.
  var list = document.querySelector("ol.gz-sources[data-gz-words]");
  if (list) {
    try {
      var given = JSON.parse(list.getAttribute("data-gz-words"));
      for (var key in WORDS) if (typeof given[key] === "string") WORDS[key] = given[key];
    } catch (err) {
      // malformed words: the popover speaks Chinese
    }
  }
  var FOREIGN = list ? "zh-CN" : ""; // an English page marks the Chinese it shows

  function markOf(target) {
    return target && target.closest ? target.closest(MARK) : null;
  }

  function inPop(target) {
    return pop !== null && target instanceof Node && pop.contains(target);
  }

  function popover() {
    if (pop === null) {
      pop = document.createElement("div");
      pop.id = "gz-cite-pop";
      pop.className = "gz-cite-pop";
      pop.setAttribute("role", "tooltip");
      pop.hidden = true;
      document.body.appendChild(pop);
    }
    return pop;
  }

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text) node.textContent = text;
    return node;
  }

  function text(root, selector) {
    var node = root && root.querySelector(selector);
    return node ? node.textContent.trim() : "";
  }

  function fill(mark) {
    var id = decodeURIComponent(mark.getAttribute("href").slice(1));
    var entry = document.getElementById(id);
    var title = text(entry, ".gz-source-title");
    var meta = [text(entry, ".gz-source-publisher"), text(entry, "time")].filter(Boolean).join(" · ");
    var quote = mark.getAttribute("data-gz-quote");
    var where = mark.getAttribute("data-gz-where");
    var english = mark.getAttribute("data-gz-quote-en");
    pop.textContent = "";
    var head = el("p", "gz-cite-pop-source");
    head.appendChild(el("span", "gz-cite-pop-n", WORDS.source + " " + mark.textContent.trim() + " "));
    head.appendChild(foreign(el("cite", "", title || WORDS.missing), title));
    pop.appendChild(head);
    if (meta) pop.appendChild(foreign(el("p", "gz-cite-pop-meta", meta), meta));
    if (where) {
      var at = el("p", "gz-cite-pop-where", WORDS.where);
      at.appendChild(foreign(el("span", "", where), where));
      pop.appendChild(at);
    }
    if (quote) {
      var block = el("blockquote", "gz-cite-pop-quote");
      block.appendChild(el("span", "gz-cite-pop-label", WORDS.original));
      block.appendChild(foreign(el("q", "", quote), quote));
      if (english && WORDS.translation) {
        var rendering = el("span", "gz-cite-pop-translation");
        rendering.appendChild(el("span", "gz-cite-pop-label", WORDS.translation));
        rendering.appendChild(el("q", "", english));
        block.appendChild(rendering);
      }
      pop.appendChild(block);
    }
  }

  // Chinese shown on an English page carries its language (screen readers switch voice).
  function foreign(node, text) {
    if (FOREIGN && text && /[\u4e00-\u9fff]/.test(text)) node.setAttribute("lang", FOREIGN);
    return node;
  }

  function place(mark) {
    pop.style.left = "0px";
    pop.style.top = "0px";
    pop.hidden = false;
    var r = mark.getBoundingClientRect();
    var width = pop.offsetWidth;
    var height = pop.offsetHeight;
    var viewport = document.documentElement.clientWidth;
    var left = Math.max(8, Math.min(r.left + r.width / 2 - width / 2, viewport - width - 8));
    var top = r.bottom + 6;
    if (top + height > window.innerHeight - 8 && r.top - height - 6 >= 8) top = r.top - height - 6;
    pop.style.left = Math.round(left + window.scrollX) + "px";
    pop.style.top = Math.round(top + window.scrollY) + "px";
  }

  function open(mark) {
    clearTimeout(closing);
    popover();
    if (current === mark && !pop.hidden) return;
    if (current) current.removeAttribute("aria-describedby");
    current = mark;
    fill(mark);
    place(mark);
    mark.setAttribute("aria-describedby", pop.id);
  }

  function close() {
    clearTimeout(closing);
    if (current) current.removeAttribute("aria-describedby");
    current = null;
    if (pop !== null) pop.hidden = true;
  }

  function closeSoon() {
    clearTimeout(closing);
    closing = setTimeout(close, 300);
  }

  // pointerover/pointerout bubble (pointerenter/leave do not): a move between a mark's own children is
  // not an entry or a departure, so each handler looks at where the pointer came from or went to.
  document.addEventListener("pointerover", function (e) {
    if (e.pointerType !== "mouse") return;
    var mark = markOf(e.target);
    if (mark && !mark.contains(e.relatedTarget)) open(mark);
    else if (inPop(e.target) && !inPop(e.relatedTarget)) clearTimeout(closing);
  });
  document.addEventListener("pointerout", function (e) {
    if (e.pointerType !== "mouse") return;
    var mark = markOf(e.target);
    if (mark && current === mark && !mark.contains(e.relatedTarget)) closeSoon();
    else if (inPop(e.target) && !inPop(e.relatedTarget)) closeSoon();
  });
  document.addEventListener("focusin", function (e) {
    var mark = markOf(e.target);
    if (mark) open(mark);
  });
  document.addEventListener("focusout", function (e) {
    var mark = markOf(e.target);
    if (mark && current === mark) close();
  });
  document.addEventListener("pointerdown", function (e) {
    var mark = markOf(e.target);
    if (mark) pressed = { mark: mark, touch: e.pointerType !== "mouse", wasOpen: current === mark && !pop.hidden };
    if (current && !current.contains(e.target) && !inPop(e.target)) close();
  });
  document.addEventListener("click", function (e) {
    var mark = markOf(e.target);
    if (!mark) return;
    var press = pressed;
    pressed = null;
    // A first tap shows the popover instead of jumping away; keyboard and mouse clicks follow the link.
    if (press && press.mark === mark && press.touch && !press.wasOpen) {
      e.preventDefault();
      open(mark);
    }
  });
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape" && current) close();
  });
  window.addEventListener("resize", function () {
    if (current) place(current);
  });
})();
