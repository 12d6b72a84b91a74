/* The dashboard's charts, drawn as plain SVG: stacked bars for counts per period, lines for rates,
   costs and latencies. No library and no build step; the numbers come from the page's JSON
   (#dashboard-data). Each chart also gets its numbers as a table, for screen readers and copying. */
(function () {
  "use strict";
  var source = document.getElementById("dashboard-data");
  if (!source) return;
  var data = JSON.parse(source.textContent);
  var SVG = "http://www.w3.org/2000/svg";
  var W = 640, H = 230, M = { top: 12, right: 12, bottom: 42, left: 58 };
  var PALETTE = ["#1f5fbf", "#17795b", "#d99a00", "#b3261e", "#7b4fc9", "#0e8ca0", "#8a5a00", "#5b6472", "#c2417a"];

  function svgEl(tag, attrs, parent) {
    var node = document.createElementNS(SVG, tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (parent) parent.appendChild(node);
    return node;
  }
  function htmlEl(tag, text, parent) {
    var node = document.createElement(tag);
    if (text !== undefined) node.textContent = text;
    if (parent) parent.appendChild(node);
    return node;
  }
  function fmt(value, kind) {
    if (value === null || value === undefined) return "–";
    if (kind === "percent") return Math.round(value * 100) + "%";
    if (kind === "money") return "$" + (value < 0.01 ? value.toFixed(6) : value.toFixed(4));
    if (kind === "ms") return Math.round(value) + " ms";
    return String(Math.round(value * 100) / 100);
  }
  function niceMax(max) {
    if (!(max > 0)) return 1;
    var p = Math.pow(10, Math.floor(Math.log10(max)));
    var steps = [1, 2, 2.5, 5, 10];
    for (var i = 0; i < steps.length; i++) if (steps[i] * p >= max) return steps[i] * p;
    return 10 * p;
  }
  function shortLabel(period) { return period.length > 10 ? period.slice(11, 16) : period.slice(5); }

  function frame(svg, periods, max, kind) {
    var plotH = H - M.top - M.bottom;
    for (var i = 0; i <= 4; i++) {
      var y = M.top + plotH - (plotH * i) / 4;
      svgEl("line", { x1: M.left, x2: W - M.right, y1: y, y2: y, stroke: "#e3e7ee" }, svg);
      var label = svgEl("text", { x: M.left - 6, y: y + 4, "text-anchor": "end", "font-size": 11, fill: "#5b6472" }, svg);
      label.textContent = fmt((max * i) / 4, kind);
    }
    var every = Math.max(1, Math.ceil(periods.length / 8));
    var band = (W - M.left - M.right) / periods.length;
    periods.forEach(function (period, i) {
      if (i % every) return;
      var text = svgEl("text", { x: M.left + band * (i + 0.5), y: H - M.bottom + 16, "text-anchor": "middle", "font-size": 11, fill: "#5b6472" }, svg);
      text.textContent = shortLabel(period);
    });
    return band;
  }

  function legend(figure, keys) {
    var list = htmlEl("ul", undefined, figure);
    list.className = "legend";
    keys.forEach(function (key, i) {
      var item = htmlEl("li", undefined, list);
      var swatch = htmlEl("i", undefined, item);
      swatch.style.background = PALETTE[i % PALETTE.length];
      item.appendChild(document.createTextNode(key));
    });
  }

  function table(figure, periods, keys, valueOf, kind) {
    var details = htmlEl("details", undefined, figure);
    htmlEl("summary", "Numbers", details);
    var t = htmlEl("table", undefined, details);
    var head = htmlEl("tr", undefined, htmlEl("thead", undefined, t));
    htmlEl("th", "period", head);
    keys.forEach(function (k) { htmlEl("th", k, head); });
    var body = htmlEl("tbody", undefined, t);
    periods.forEach(function (p) {
      var row = htmlEl("tr", undefined, body);
      htmlEl("th", p, row).setAttribute("scope", "row");
      keys.forEach(function (k) { htmlEl("td", fmt(valueOf(p, k), kind), row); });
    });
  }

  function newSvg(figure, label) {
    var svg = svgEl("svg", { viewBox: "0 0 " + W + " " + H, role: "img", "aria-label": label });
    figure.appendChild(svg);
    return svg;
  }

  function stacked(figure, periods, counts) {
    var keys = [];
    periods.forEach(function (p) { Object.keys(counts[p] || {}).forEach(function (k) { if (keys.indexOf(k) < 0) keys.push(k); }); });
    keys.sort();
    var totals = periods.map(function (p) { return keys.reduce(function (n, k) { return n + ((counts[p] || {})[k] || 0); }, 0); });
    if (!totals.some(Boolean)) { htmlEl("p", "Nothing in this period yet.", figure).className = "empty"; return; }
    var max = niceMax(Math.max.apply(null, totals));
    var svg = newSvg(figure, figure.querySelector("figcaption").textContent);
    var band = frame(svg, periods, max, "count");
    var plotH = H - M.top - M.bottom;
    periods.forEach(function (p, i) {
      var y = M.top + plotH;
      keys.forEach(function (k, j) {
        var n = (counts[p] || {})[k] || 0;
        if (!n) return;
        var h = (plotH * n) / max;
        y -= h;
        var rect = svgEl("rect", { x: M.left + band * i + band * 0.15, y: y, width: Math.max(1, band * 0.7), height: h, fill: PALETTE[j % PALETTE.length] }, svg);
        svgEl("title", {}, rect).textContent = p + " · " + k + ": " + n;
      });
    });
    legend(figure, keys);
    table(figure, periods, keys, function (p, k) { return (counts[p] || {})[k] || 0; }, "count");
  }

  function lines(figure, periods, named, kind) {
    var keys = Object.keys(named);
    var values = [];
    keys.forEach(function (k) { periods.forEach(function (p) { var v = named[k][p]; if (v !== null && v !== undefined) values.push(v); }); });
    if (!values.length) { htmlEl("p", "Nothing in this period yet.", figure).className = "empty"; return; }
    var max = kind === "percent" ? 1 : niceMax(Math.max.apply(null, values));
    var svg = newSvg(figure, figure.querySelector("figcaption").textContent);
    var band = frame(svg, periods, max, kind);
    var plotH = H - M.top - M.bottom;
    keys.forEach(function (k, j) {
      var colour = PALETTE[j % PALETTE.length], path = "", pen = false;
      periods.forEach(function (p, i) {
        var v = named[k][p];
        if (v === null || v === undefined) { pen = false; return; }
        var x = M.left + band * (i + 0.5), y = M.top + plotH - (plotH * v) / max;
        path += (pen ? "L" : "M") + x.toFixed(1) + " " + y.toFixed(1);
        pen = true;
        var dot = svgEl("circle", { cx: x, cy: y, r: 3, fill: colour }, svg);
        svgEl("title", {}, dot).textContent = p + " · " + k + ": " + fmt(v, kind);
      });
      svgEl("path", { d: path, fill: "none", stroke: colour, "stroke-width": 2 }, svg);
    });
    legend(figure, keys);
    table(figure, periods, keys, function (p, k) { return named[k][p]; }, kind);
  }

  function pick(periods, byPeriod, field) {
    var out = {};
    periods.forEach(function (p) { out[p] = (byPeriod[p] || {})[field]; });
    return out;
  }

  var periods = data.periods;
  Array.prototype.forEach.call(document.querySelectorAll(".chart[data-series]"), function (figure) {
    var series = figure.dataset.series, kind = figure.dataset.format;
    if (figure.dataset.chart === "stacked") stacked(figure, periods, data[series]);
    else if (series === "resolution_rate") lines(figure, periods, { "resolved without a person": data.resolution_rate }, "percent");
    else if (series === "cost") lines(figure, periods, { routed: data.cost_per_resolved, "all on reasoning tier": data.all_reasoning_cost_per_resolved }, "money");
    else if (series === "latency") lines(figure, periods, { p50: pick(periods, data.latency, "p50"), p95: pick(periods, data.latency, "p95") }, "ms");
    figure.dataset.drawn = "1";
  });
})();
