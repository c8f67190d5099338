// Compliance page: reporting and timeliness rates by year (the table beside it holds the same figures).
document.addEventListener("DOMContentLoaded", function () {
  var holder = document.getElementById("compliance-chart");
  var source = document.getElementById("compliance-chart-data");
  if (!holder || !source || typeof echarts === "undefined" || !window.lotrinhNumbers) return;
  var data = JSON.parse(source.textContent);
  var label = holder.dataset;
  var percent = window.lotrinhNumbers.percent;  // "24,6%" on a Vietnamese page
  // SVG: the labels are text in the page (selectable, read by tests), not pixels.
  var chart = echarts.init(holder, null, { renderer: "svg" });
  chart.setOption({
    animation: false,
    tooltip: { trigger: "axis", formatter: window.lotrinhNumbers.axisTooltip(function (v) { return percent(v); }) },
    legend: { bottom: 0 },
    grid: { left: 48, right: 16, top: 16, bottom: 48 },
    xAxis: { type: "category", data: data.years.map(String) },
    yAxis: { type: "value", min: 0, max: 100, axisLabel: { formatter: function (v) { return percent(v, 0); } } },
    series: [
      { name: label.labelReporting, type: "bar", data: data.reporting, itemStyle: { color: "#0b5cab" } },
      { name: label.labelTimeliness, type: "bar", data: data.timeliness, itemStyle: { color: "#1d7a3a" } },
    ],
  });
  holder.dataset.ready = "1";
  window.addEventListener("resize", function () { chart.resize(); });
});
