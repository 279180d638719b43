/* 广州区情 · sortable, filterable tables (our own code, no library).
 *
 * Progressive enhancement: every table is complete HTML without this script. For each
 * table[data-gz-table] it turns column headers into sort buttons (aria-sort tells screen
 * readers the order), and for table[data-gz-filter] it adds a text filter plus a drop-down
 * for each column marked data-gz-facet. A cell's data-sort attribute, when present, is what
 * the column sorts by (numbers with units, dates); empty values always sort last.
 *
 * Its words are the Chinese below; a page in another language writes its own on the table, as JSON in
 * data-gz-words (the template's phrases, profiles/outputs/views/en.po), with {placeholders} this script fills.
 */
(function () {
  "use strict";

  // Made when first needed, not at load: building a Chinese collator loads ICU's pinyin data (30 ms and
  // more of main-thread time), and this script runs on every page, most of which have no table.
  var collator = null;
  function zh() {
    collator = collator || new Intl.Collator("zh-Hans-CN", { numeric: true, sensitivity: "base" });
    return collator;
  }

  var WORDS = {
    sort: "按此列排序",
    filter: "筛选",
    filterOf: "筛选：{caption}",
    placeholder: "输入文字，例如 琶洲",
    facet: "按{name}筛选",
    all: "全部{name}",
    total: "共 {n} 行",
    shown: "显示 {shown} / {n} 行"
  };

  function wordsOf(table) {
    var own = {};
    try { own = JSON.parse(table.getAttribute("data-gz-words") || "{}"); } catch (e) { own = {}; }
    if (!own || typeof own !== "object") own = {};  // "null" or a number parse too
    var words = {};
    Object.keys(WORDS).forEach(function (key) { words[key] = typeof own[key] === "string" ? own[key] : WORDS[key]; });
    return words;
  }

  function fill(text, args) {
    return text.replace(/\{(\w+)\}/g, function (whole, key) {
      return Object.prototype.hasOwnProperty.call(args, key) ? String(args[key]) : whole;
    });
  }

  function cellValue(row, index) {
    var cell = row.cells[index];
    if (!cell) return "";
    var sortAs = cell.getAttribute("data-sort");
    return (sortAs !== null ? sortAs : cell.textContent).trim();
  }

  function isMissing(v) {
    return v === "" || v === "—";
  }

  function compare(a, b) {
    var ma = isMissing(a), mb = isMissing(b);
    if (ma || mb) return ma === mb ? 0 : ma ? 1 : -1; // missing values last, whatever the direction
    var x = Number(a), y = Number(b);
    if (!isNaN(x) && !isNaN(y)) return x - y;
    return zh().compare(a, b);
  }

  function sortTable(table, index, th) {
    var body = table.tBodies[0];
    var ascending = th.getAttribute("aria-sort") !== "ascending";
    var rows = Array.prototype.slice.call(body.rows);
    // Keep the original position as the last key: a stable sort, so equal rows stay in data order.
    rows.forEach(function (row, i) { row.gzOrder = i; });
    rows.sort(function (r1, r2) {
      var a = cellValue(r1, index), b = cellValue(r2, index);
      var c = compare(a, b);
      if (!ascending && !isMissing(a) && !isMissing(b)) c = -c;
      return c || r1.gzOrder - r2.gzOrder;
    });
    rows.forEach(function (row) { body.appendChild(row); });
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (other) {
      other.removeAttribute("aria-sort");
    });
    th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
  }

  function addSortButtons(table, words) {
    var headers = table.tHead ? table.tHead.rows[0].cells : [];
    Array.prototype.forEach.call(headers, function (th, index) {
      if (th.hasAttribute("data-gz-nosort")) return;
      var button = document.createElement("button");
      button.type = "button";
      button.className = "gz-sort";
      button.title = words.sort;
      while (th.firstChild) button.appendChild(th.firstChild);
      th.appendChild(button);
      button.addEventListener("click", function () { sortTable(table, index, th); });
    });
  }

  function facetValues(table, index) {
    var seen = {};
    var values = [];
    Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
      var text = row.cells[index] ? row.cells[index].textContent.trim() : "";
      if (text && !seen[text]) { seen[text] = true; values.push(text); }
    });
    return values.sort(zh().compare);
  }

  function addFilter(table, words) {
    var headers = table.tHead.rows[0].cells;
    var total = table.tBodies[0].rows.length;
    var form = document.createElement("div");
    form.className = "gz-filter";
    form.setAttribute("role", "search");
    // Named after the table, so screen readers (and tests) can tell the filter boxes apart.
    if (table.caption) form.setAttribute("aria-label", fill(words.filterOf, { caption: table.caption.textContent.trim() }));

    var label = document.createElement("label");
    label.textContent = words.filter + " ";
    var input = document.createElement("input");
    input.type = "search";
    input.placeholder = words.placeholder;
    label.appendChild(input);
    form.appendChild(label);

    var facets = [];
    Array.prototype.forEach.call(headers, function (th, index) {
      if (!th.hasAttribute("data-gz-facet")) return;
      var name = th.textContent.trim();
      var select = document.createElement("select");
      select.setAttribute("aria-label", fill(words.facet, { name: name }));
      select.add(new Option(fill(words.all, { name: name }), ""));
      facetValues(table, index).forEach(function (v) { select.add(new Option(v, v)); });
      facets.push({ index: index, select: select });
      form.appendChild(select);
    });

    var status = document.createElement("span");
    status.className = "gz-filter-status";
    status.setAttribute("aria-live", "polite");
    form.appendChild(status);

    function apply() {
      // The typed terms: not `words`, which are this table's words (a shadowing name once hid them here).
      var terms = input.value.toLowerCase().split(/\s+/).filter(Boolean);
      var shown = 0;
      Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
        var text = row.textContent.toLowerCase();
        var ok = terms.every(function (w) { return text.indexOf(w) !== -1; }) &&
          facets.every(function (f) {
            return !f.select.value || (row.cells[f.index] && row.cells[f.index].textContent.trim() === f.select.value);
          });
        row.hidden = !ok;
        if (ok) shown += 1;
      });
      status.textContent = shown === total ? fill(words.total, { n: total }) : fill(words.shown, { shown: shown, n: total });
    }

    input.addEventListener("input", apply);
    facets.forEach(function (f) { f.select.addEventListener("change", apply); });
    var wrap = table.closest(".gz-table-wrap") || table;
    wrap.parentNode.insertBefore(form, wrap);
    apply();
  }

  function enhance() {
    Array.prototype.forEach.call(document.querySelectorAll("table[data-gz-table]"), function (table) {
      if (table.getAttribute("data-gz-ready") || !table.tHead || !table.tBodies.length) return;
      table.setAttribute("data-gz-ready", "1");
      var words = wordsOf(table);
      addSortButtons(table, words);
      if (table.hasAttribute("data-gz-filter")) addFilter(table, words);
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", enhance);
  else enhance();
})();
