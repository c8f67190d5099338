// Numbers in charts as the page's language writes them (ECharts prints "4.5" and "1,234"
// whatever the page): Vietnamese "1.234,5", English "1,234.5"; the minus sign for a
// negative figure. The rules of lotrinh.core.locale.format_number, read from <html lang>.
// Every chart prints its numbers (axis labels, tooltips, data labels) through these.
(function () {
  function language() {
    return (document.documentElement.lang || "vi").slice(0, 2) === "en" ? "en" : "vi";
  }
  // `value` with at most `digits` decimals (default 2); "—" for none.
  function number(value, digits) {
    if (value === null || value === undefined || value === "") return "\u2014";
    var n = Number(value);
    if (!isFinite(n)) return "\u2014";
    var text = Math.abs(n).toFixed(digits === undefined ? 2 : digits);
    if (text.indexOf(".") >= 0) text = text.replace(/0+$/, "").replace(/\.$/, "");
    var parts = text.split(".");
    var vi = language() === "vi";
    var whole = parts[0].replace(/\B(?=(\d{3})+(?!\d))/g, vi ? "." : ",");
    var result = whole + (parts[1] ? (vi ? "," : ".") + parts[1] : "");
    return (n < 0 && /[1-9]/.test(result) ? "\u2212" : "") + result;
  }
  // A percentage: "24,6%" / "24.6%" (one decimal by default), as format_percent.
  function percent(value, digits) {
    var text = number(value, digits === undefined ? 1 : digits);
    return text === "\u2014" ? text : text + "%";
  }
  function escape(text) {
    return String(text === null || text === undefined ? "" : text).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }
  // An axis tooltip written without inline styles: the page's CSP (style-src 'self')
  // refuses ECharts' own markup, which then ran name and value together ("Tỷ lệ báo
  // cáo21%"). The axis value, then "series: value" a line each, every text escaped;
  // `format` gets the value alone (ECharts' valueFormatter also passes the data index,
  // which `percent` took for its digits: "21%" for 21.1). A chart of one unnamed series
  // passes `named` false: its value alone (ECharts would call it "series0").
  function axisTooltip(format, named) {
    return function (params) {
      var list = [].concat(params || []);
      var head = list.length ? '<div class="chart-tip-head">' + escape(list[0].axisValueLabel) + "</div>" : "";
      return head + list.map(function (p) {
        var v = Array.isArray(p.value) ? p.value[p.value.length - 1] : p.value;
        var name = named === false ? "" : escape(p.seriesName) + ": ";
        return '<div class="chart-tip-row">' + name + "<b>" + escape(format(v)) + "</b></div>";
      }).join("");
    };
  }
  window.lotrinhNumbers = { number: number, percent: percent, language: language, escape: escape, axisTooltip: axisTooltip };
})();
