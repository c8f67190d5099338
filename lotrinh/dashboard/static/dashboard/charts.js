// Overview charts (ECharts): one horizontal bar chart per holder; the numbers are also in
// the table beside each chart. Data from the page's JSON block (no inline script: CSP).
document.addEventListener("DOMContentLoaded", function () {
  var source = document.getElementById("dashboard-data");
  if (!source || typeof echarts === "undefined" || !window.lotrinhNumbers) return;
  var number = window.lotrinhNumbers.number;  // "1.234" on a Vietnamese page
  var data = JSON.parse(source.textContent);
  var charts = [];
  document.querySelectorAll(".dash-chart").forEach(function (holder) {
    var kind = holder.dataset.chart;
    var rows = kind === "cycle" ? (data.cycles[Number(holder.dataset.index)] || {}).rows : data[kind];
    if (!rows || !rows.length) { holder.dataset.ready = "empty"; return; }  // nothing to draw: the table says so
    var chart = echarts.init(holder, null, { renderer: "canvas" });
    chart.setOption({
      animation: false,
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" }, formatter: window.lotrinhNumbers.axisTooltip(function (v) { return number(v); }, false) },
      grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
      xAxis: { type: "value", minInterval: 1, axisLabel: { formatter: function (v) { return number(v); } } },
      yAxis: { type: "category", inverse: true, data: rows.map(function (r) { return r[0]; }), axisLabel: { width: 150, overflow: "break" } },
      series: [{ type: "bar", data: rows.map(function (r) { return r[1]; }), itemStyle: { color: "#0b5cab" }, label: { show: true, position: "right", formatter: function (p) { return number(p.value); } } }],
    });
    holder.dataset.ready = "1";
    charts.push(chart);
  });
  window.addEventListener("resize", function () { charts.forEach(function (c) { c.resize(); }); });
});
