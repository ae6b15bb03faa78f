// easyrun charts: the hover read-out for the SVG charts of web/chart.
// Load with <script defer>. Each svg.chart with a .chart-data element
// gets a vertical guide and a tooltip that follow the pointer or finger.
// The time charts of one page (an activity's heart rate, pace, elevation,
// cadence) share their x axis, the session's elapsed time or distance:
// one cursor moves across all of them, each read-out headed by its
// point's time or distance.
(function () {
  "use strict";
  var NS = "http://www.w3.org/2000/svg";
  var linked = []; // the time charts' cursors, each {at: function(frac), hide}

  function el(name, attrs, parent) {
    var e = document.createElementNS(NS, name);
    for (var k in attrs) e.setAttribute(k, attrs[k]);
    parent.appendChild(e);
    return e;
  }

  function setup(svg) {
    var data = svg.querySelector(".chart-data");
    if (!data || !svg.dataset.plot) return;
    var plot = svg.dataset.plot.split(" ").map(Number); // left top right bottom
    var xs = data.dataset.x.split(" ").map(Number);
    var labels = data.dataset.label.split(" ");
    var series = Array.prototype.map.call(data.children, function (g) {
      return { name: g.dataset.name, unit: g.dataset.unit, v: g.dataset.v.split(" ") };
    });
    var guide = el("line", { "class": "chart-guide", y1: plot[1], y2: plot[3], visibility: "hidden" }, svg);
    var tip = el("g", { "class": "chart-tip", visibility: "hidden" }, svg);
    var box = el("rect", { rx: 4 }, tip);
    var text = el("text", {}, tip);

    function nearest(x) {
      var lo = 0, hi = xs.length - 1;
      while (hi - lo > 1) {
        var mid = (lo + hi) >> 1;
        if (xs[mid] < x) lo = mid; else hi = mid;
      }
      return x - xs[lo] <= xs[hi] - x ? lo : hi;
    }

    function hide() {
      guide.setAttribute("visibility", "hidden");
      tip.setAttribute("visibility", "hidden");
    }

    function show(evt) {
      var ctm = svg.getScreenCTM();
      if (!ctm || xs.length === 0) return;
      var p = new DOMPoint(evt.clientX, evt.clientY).matrixTransform(ctm.inverse());
      if (p.x < plot[0] || p.x > plot[2] || p.y < plot[1] - 20 || p.y > plot[3] + 20) return hideAll();
      var i = nearest(p.x);
      draw(i);
      if (!time) return;
      var frac = (xs[i] - plot[0]) / (plot[2] - plot[0]);
      linked.forEach(function (c) { if (c !== self) c.at(frac); });
    }

    function hideAll() {
      hide();
      if (time) linked.forEach(function (c) { if (c !== self) c.hide(); });
    }

    function draw(i) {
      var lines = [labels[i]];
      series.forEach(function (s) {
        var v = s.v[i];
        lines.push(s.name + ": " + (v === "-" ? "no data" : v + (s.unit ? " " + s.unit : "")));
      });
      while (text.firstChild) text.removeChild(text.firstChild);
      lines.forEach(function (line, n) {
        var t = el("tspan", { x: 8, dy: 17 }, text);
        if (n === 0) t.setAttribute("class", "chart-tip-head");
        t.textContent = line;
      });
      var b = text.getBBox();
      var w = b.width + 16, h = lines.length * 17 + 9;
      box.setAttribute("width", w);
      box.setAttribute("height", h);
      var x = xs[i];
      // The tooltip sits beside the guide, on the side with room.
      var tx = x + 10 + w <= plot[2] ? x + 10 : Math.max(plot[0], x - 10 - w);
      tip.setAttribute("transform", "translate(" + tx + " " + plot[1] + ")");
      guide.setAttribute("x1", x);
      guide.setAttribute("x2", x);
      guide.setAttribute("visibility", "visible");
      tip.setAttribute("visibility", "visible");
    }

    var time = svg.classList.contains("chart-time");
    var self = {
      at: function (frac) { draw(nearest(plot[0] + frac * (plot[2] - plot[0]))); },
      hide: hide
    };
    if (time) linked.push(self);

    svg.addEventListener("pointermove", show);
    svg.addEventListener("pointerdown", show);
    svg.addEventListener("pointerleave", hideAll);
    svg.addEventListener("pointercancel", hideAll);
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("svg.chart"), setup);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
