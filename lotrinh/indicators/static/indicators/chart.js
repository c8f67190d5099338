// Indicator chart: observations marked by their backing, the target line and milestones,
// required path (dotted), projection (dashed) with its range (thin dashed lines).
document.addEventListener("DOMContentLoaded", function () {
  var holder = document.getElementById("indicator-chart");
  var source = document.getElementById("chart-data");
  if (!holder || !source || typeof echarts === "undefined" || !window.lotrinhNumbers) return;
  var number = window.lotrinhNumbers.number;  // "4,5" and "1.234" on a Vietnamese page
  var data = JSON.parse(source.textContent);
  var label = holder.dataset;  // translated series names, from the page
  // Confirmed figures are filled circles; an official draft a triangle; press only a hollow circle.
  var marks = { confirmed_primary: "circle", confirmed_official: "circle", official_draft: "triangle", press_only: "emptyCircle" };
  var backing = data.backing || {};
  var names = data.backing_labels || {};
  var observed = data.observed.map(function (p) {
    var b = backing[String(p[0])] || "";
    return { value: p, symbol: marks[b] || "circle", symbolSize: b === "press_only" ? 10 : 8, backing: names[b] || "" };
  });
  var targetLines = (data.milestones || []).map(function (m) { return { yAxis: m[1], name: String(m[0]), label: { formatter: label.labelTarget + " " + m[0], position: "insideEndTop" } }; });
  var series = [{ name: label.labelObserved, type: "line", data: observed, lineStyle: { width: 3, color: "#0b5cab" }, itemStyle: { color: "#0b5cab" },
    markLine: targetLines.length ? { symbol: "none", lineStyle: { color: "#a31d24", type: "solid", width: 1 }, data: targetLines } : undefined }];
  data.paths.forEach(function (path) {
    series.push({ name: label.labelPath, type: "line", data: path, symbol: "none", lineStyle: { type: "dotted", color: "#a86200" }, itemStyle: { color: "#a86200" } });
  });
  data.projections.forEach(function (path) {
    series.push({ name: label.labelProjection, type: "line", data: path, symbol: "none", lineStyle: { type: "dashed", color: "#5b6474" }, itemStyle: { color: "#5b6474" } });
  });
  (data.ranges || []).forEach(function (range) {
    series.push({ name: label.labelRange, type: "line", data: range.map(function (r) { return [r[0], r[1]]; }), symbol: "none", lineStyle: { type: "dashed", width: 1, color: "#9aa3b2" }, itemStyle: { color: "#9aa3b2" } });
    series.push({ name: label.labelRange, type: "line", data: range.map(function (r) { return [r[0], r[2]]; }), symbol: "none", lineStyle: { type: "dashed", width: 1, color: "#9aa3b2" }, itemStyle: { color: "#9aa3b2" } });
  });
  if (data.milestones.length) {
    series.push({ name: label.labelMilestone, type: "scatter", data: data.milestones.map(function (m) { return [m[0], m[1]]; }), symbol: "rect", symbolSize: 12, itemStyle: { color: "#a31d24" } });
  }
  // SVG: the labels are text in the page (selectable, read by tests), not pixels.
  var narrow = holder.clientWidth < 600;
  var chart = echarts.init(holder, null, { renderer: "svg" });
  chart.setOption({
    animation: false,
    tooltip: { trigger: "item", formatter: function (p) {
      var v = Array.isArray(p.value) ? p.value : (p.data && p.data.value) || [];
      var escape = window.lotrinhNumbers.escape;  // the formatter's text is read as HTML
      return escape(p.seriesName + " " + v[0] + ": " + number(v[1]) + (p.data && p.data.backing ? " — " + p.data.backing : ""));
    } },
    // On a phone the legend wraps to three lines: the plot stands above it, not under it.
    legend: { bottom: 0 },
    grid: { left: 50, right: 20, top: 32, bottom: narrow ? 100 : 50 },
    // Years, not quantities: no thousands separator.
    // One year alone gets a year either side (ECharts otherwise spreads a single value
    // over "1012.5 … 2000"); a tick between two years is not labelled.
    xAxis: { type: "value", minInterval: 1,
      min: function (v) { return v.min === v.max ? v.min - 1 : v.min; },
      max: function (v) { return v.min === v.max ? v.max + 1 : v.max; },
      axisLabel: { hideOverlap: true, formatter: function (year) { return year % 1 ? "" : String(year); } } },
    yAxis: { type: "value", name: data.unit, inverse: data.inverse, scale: true, axisLabel: { formatter: function (v) { return number(v); } } },
    series: series,
  });
  holder.dataset.ready = "1";
  window.addEventListener("resize", function () { chart.resize(); });
});
