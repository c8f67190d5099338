// Indicator chart: observations, milestones, required path (dotted), projection (dashed).
document.addEventListener("DOMContentLoaded", function () {
  var holder = document.getElementById("indicator-chart");
  var source = document.getElementById("chart-data");
  if (!holder || !source || typeof echarts === "undefined") return;
  var data = JSON.parse(source.textContent);
  var label = holder.dataset;  // translated series names, from the page
  var series = [{ name: label.labelObserved, type: "line", data: data.observed, symbolSize: 7, lineStyle: { width: 3, color: "#0b5cab" }, itemStyle: { color: "#0b5cab" } }];
  data.paths.forEach(function (path) {
    series.push({ name: label.labelPath, type: "line", data: path, symbol: "none", lineStyle: { type: "dotted", color: "#a86200" }, itemStyle: { color: "#a86200" } });
  });
  data.projections.forEach(function (path) {
    series.push({ name: label.labelProjection, type: "line", data: path, symbol: "none", lineStyle: { type: "dashed", color: "#5b6474" }, itemStyle: { color: "#5b6474" } });
  });
  if (data.milestones.length) {
    series.push({ name: label.labelMilestone, type: "scatter", data: data.milestones.map(function (m) { return [m[0], m[1]]; }), symbol: "rect", symbolSize: 12, itemStyle: { color: "#a31d24" } });
  }
  var chart = echarts.init(holder, null, { renderer: "canvas" });
  chart.setOption({
    animation: false,
    tooltip: { trigger: "axis" },
    legend: { bottom: 0 },
    grid: { left: 50, right: 20, top: 20, bottom: 50 },
    // Years, not quantities: no thousands separator.
    xAxis: { type: "value", min: "dataMin", max: "dataMax", minInterval: 1, axisLabel: { formatter: function (year) { return String(year); } } },
    yAxis: { type: "value", name: data.unit, inverse: data.inverse, scale: true },
    series: series,
  });
  holder.dataset.ready = "1";
  window.addEventListener("resize", function () { chart.resize(); });
});
