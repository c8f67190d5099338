// Public portal: a stacked bar chart of tasks by public status (the table below holds the same figures).
document.addEventListener("DOMContentLoaded", function () {
  var holder = document.getElementById("portal-chart");
  var source = document.getElementById("portal-chart-data");
  if (!holder || !source || typeof echarts === "undefined" || !window.lotrinhNumbers) return;
  var number = window.lotrinhNumbers.number;  // "1.234" on a Vietnamese page
  var data = JSON.parse(source.textContent);
  var rows = data.categories.length;
  // A name is wrapped, never cut: on a phone "Ministry of Nat…" was Natural Resources
  // and National Defence alike. On a phone (a holder under 600 px) the chart is sized
  // for what it holds: each row as tall as its longest name wrapped (a five-line name
  // overlapped the next row), and the legend one status a line below the axis, every
  // status named (a scrolling legend showed two of five behind a "1/5" pager); one bar
  // of all tasks is a short chart, not 520 px of it.
  var narrow = holder.clientWidth < 600;
  var labelWidth = narrow ? 130 : 260;
  var lineHeight = 13;
  var fontSize = narrow ? 11 : 12;
  // Lines a name takes wrapped at labelWidth, words kept whole as ECharts' "break" does.
  var measure = document.createElement("canvas").getContext("2d");
  measure.font = fontSize + "px sans-serif";
  function lines(name) {
    var count = 1, line = "";
    String(name).split(/\s+/).forEach(function (word) {
      var next = line ? line + " " + word : word;
      if (line && measure.measureText(next).width > labelWidth) { count += 1; line = word; } else { line = next; }
    });
    return count;
  }
  var single = rows === 1;
  var legend = { bottom: 0, type: "scroll" };
  var grid = { left: 8, right: 16, top: 8, bottom: 40, containLabel: true };
  if (narrow) {
    var legendHeight = data.series.length * 20;
    legend = { type: "plain", orient: "vertical", left: 8, bottom: 0, itemGap: 6, itemHeight: 14 };
    grid.bottom = legendHeight + 12;
    var tallest = single ? 1 : Math.max.apply(null, data.categories.map(lines));
    var band = Math.max(36, tallest * lineHeight + 14);
    holder.style.height = Math.min(grid.top + rows * band + 28 + grid.bottom, 4800) + "px";
  } else if (rows > 8) {
    holder.style.height = Math.min(60 + rows * 28, 3600) + "px";
  }
  // SVG: the labels are text in the page (selectable, read by tests), not pixels.
  var chart = echarts.init(holder, null, { renderer: "svg" });
  chart.setOption({
    animation: false,
    tooltip: { trigger: "axis", axisPointer: { type: "shadow" }, formatter: window.lotrinhNumbers.axisTooltip(function (v) { return number(v); }) },
    legend: legend,
    grid: grid,
    xAxis: { type: "value", minInterval: 1, axisLabel: { formatter: function (v) { return number(v); } } },
    yAxis: {
      type: "category",
      inverse: true,
      data: data.categories,
      // One bar of all the tasks on a phone: the heading above names it, and its label
      // would take a third of the width from the bar.
      axisLabel: narrow
        ? { show: !single, width: labelWidth, overflow: "break", lineHeight: lineHeight, fontSize: fontSize }
        : { width: labelWidth, overflow: "break", lineHeight: lineHeight },
    },
    series: data.series.map(function (s) {
      return { name: s.name, type: "bar", stack: "tasks", data: s.data, itemStyle: { color: s.color }, barMaxWidth: narrow ? 28 : undefined };
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
