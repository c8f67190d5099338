// Public portal: a stacked bar chart of tasks by public status (the table below holds the same figures).
document.addEventListener("DOMContentLoaded", function () {
  var holder = document.getElementById("portal-chart");
  var source = document.getElementById("portal-chart-data");
  if (!holder || !source || typeof echarts === "undefined" || !window.lotrinhNumbers) return;
  var number = window.lotrinhNumbers.number;  // "1.234" on a Vietnamese page
  var data = JSON.parse(source.textContent);
  var rows = data.categories.length;
  // A name is wrapped, never cut: on a phone "Ministry of Nat…" was Natural Resources
  // and National Defence alike. There rows are taller to hold three lines.
  var narrow = holder.clientWidth < 600;
  if (rows > 8) holder.style.height = Math.min(60 + rows * (narrow ? 46 : 28), 3600) + "px";
  // SVG: the labels are text in the page (selectable, read by tests), not pixels.
  var chart = echarts.init(holder, null, { renderer: "svg" });
  chart.setOption({
    animation: false,
    tooltip: { trigger: "axis", axisPointer: { type: "shadow" }, formatter: window.lotrinhNumbers.axisTooltip(function (v) { return number(v); }) },
    legend: { bottom: 0, type: "scroll" },
    grid: { left: 8, right: 16, top: 8, bottom: 40, containLabel: true },
    xAxis: { type: "value", minInterval: 1, axisLabel: { formatter: function (v) { return number(v); } } },
    yAxis: {
      type: "category",
      inverse: true,
      data: data.categories,
      axisLabel: narrow
        ? { width: 130, overflow: "break", lineHeight: 13, fontSize: 11 }
        : { width: 260, overflow: "break", lineHeight: 13 },
    },
    series: data.series.map(function (s) {
      return { name: s.name, type: "bar", stack: "tasks", data: s.data, itemStyle: { color: s.color } };
    }),
  });
  // A name shown in Vietnamese on an English page (no English name yet) is marked as
  // Vietnamese, line by line, as the table below marks it; again after each render.
  var vietnamese = data.categories.filter(function (name, i) { return data.vietnamese && data.vietnamese[i]; });
  function markLanguage() {
    if (!vietnamese.length) return;
    holder.querySelectorAll("svg text").forEach(function (text) {
      var line = (text.textContent || "").trim();
      if (line && vietnamese.some(function (name) { return name.indexOf(line) >= 0; })) text.setAttribute("lang", "vi");
    });
  }
  markLanguage();
  chart.on("finished", markLanguage);
  holder.dataset.ready = "1";
  window.addEventListener("resize", function () { chart.resize(); });
});
