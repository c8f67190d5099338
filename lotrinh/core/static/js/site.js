// Lộ trình: the site menu on narrow screens, and the current page marked in the menu.
// A static file (the Content-Security-Policy allows no inline script). Without it the
// menu simply stays open.
(function () {
  "use strict";
  var header = document.querySelector(".topbar");
  var toggle = header && header.querySelector(".menu-toggle");
  var menu = document.getElementById("site-menu");
  if (header && toggle && menu) {
    var setOpen = function (open) {
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
      header.classList.toggle("menu-open", open);
    };
    header.classList.add("menu-ready");
    setOpen(false);
    toggle.addEventListener("click", function () {
      setOpen(toggle.getAttribute("aria-expanded") !== "true");
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && header.classList.contains("menu-open")) {
        setOpen(false);
        toggle.focus();
      }
    });
  }
  // Tables as cards on phones (site.css): each cell without its own data-label takes its
  // column's heading, so no template has to repeat them. Run again on content htmx swaps
  // in (a filtered list).
  var labelCards = function (root) {
    root.querySelectorAll("main table, table.cards").forEach(function (table) {
      var headings = [];
      table.querySelectorAll(":scope > thead > tr:last-child > th").forEach(function (th) {
        var span = parseInt(th.getAttribute("colspan") || "1", 10);
        for (var i = 0; i < span; i++) {
          headings.push(th.textContent.replace(/\s+/g, " ").trim());
        }
      });
      table.querySelectorAll(":scope > tbody > tr").forEach(function (row) {
        var column = 0;
        Array.prototype.forEach.call(row.children, function (cell) {
          var single = !cell.hasAttribute("colspan") || cell.getAttribute("colspan") === "1";
          if (cell.tagName === "TD" && single && !cell.hasAttribute("data-label") && headings[column]) {
            cell.setAttribute("data-label", headings[column]);
          }
          column += parseInt(cell.getAttribute("colspan") || "1", 10);
        });
      });
    });
  };
  labelCards(document);
  document.body.addEventListener("htmx:afterSettle", function (event) {
    labelCards(event.target.parentElement || document);
  });
  // aria-current on the menu link of the section the page belongs to (longest prefix).
  var best = null;
  var path = window.location.pathname;
  document.querySelectorAll(".mainnav a[href]").forEach(function (link) {
    var href = link.getAttribute("href");
    var match = href === "/" ? path === "/" : path.indexOf(href) === 0;
    if (match && (!best || href.length > best.getAttribute("href").length)) {
      best = link;
    }
  });
  if (best) {
    best.setAttribute("aria-current", "page");
  }
})();
