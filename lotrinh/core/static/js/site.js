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
  // htmx requests that fail say so. Errors a view answers with its own fragment (400, 409,
  // 422: the form with its messages) are swapped by the `htmx-config` in core/frame.py;
  // everything else (a 413 from the server or a proxy, an expired session, a 5xx, a full
  // page where a fragment was expected, a network error) leaves the page as it is, with
  // what was typed, and puts a message next to what was clicked. The words come from the
  // body's data-fail-* attributes, written in the page's language by core/frame.py.
  var words = document.body.dataset;
  var fill = function (text, values) {
    return (text || "").replace(/\{(\w+)\}/g, function (all, key) {
      return values && values[key] !== undefined ? values[key] : all;
    });
  };
  var megabytes = function (size) {
    var lang = document.documentElement.lang || "vi";
    return (size / 1048576).toLocaleString(lang, { maximumFractionDigits: 1 }) + " MB";
  };
  var clearFailure = function (elt) {
    var next = elt && elt.nextElementSibling;
    if (next && next.classList.contains("htmx-failure")) {
      next.remove();
    }
  };
  var showFailure = function (elt, text, withLogin) {
    var anchor = elt && document.body.contains(elt) ? elt : document.getElementById("main");
    if (!anchor) {
      return;
    }
    clearFailure(anchor);
    var box = document.createElement("div");
    box.className = "msg msg-error htmx-failure";
    box.setAttribute("role", "alert");
    var p = document.createElement("p");
    p.textContent = text;
    box.appendChild(p);
    if (withLogin && words.loginUrl) {
      var link = document.createElement("a");
      link.href = words.loginUrl + "?next=" + encodeURIComponent(window.location.pathname);
      link.target = "_blank";
      link.rel = "noopener";
      link.textContent = words.loginText;
      var line = document.createElement("p");
      line.appendChild(link);
      box.appendChild(line);
    }
    if (anchor.id === "main") {
      anchor.insertBefore(box, anchor.firstChild);
    } else {
      anchor.insertAdjacentElement("afterend", box);
    }
  };
  var isPage = function (text) {
    return /^\s*(<!doctype|<html[\s>])/i.test(String(text || "").slice(0, 500));
  };
  var toLogin = function (xhr) {
    var url = xhr.responseURL || "";
    return !!words.loginUrl && url.indexOf(words.loginUrl) >= 0;
  };
  var failureOf = function (xhr) {
    var status = xhr.status;
    if (toLogin(xhr)) {
      return [words.failSession, true];
    }
    if (status === 413) {
      return [words.failTooLarge, false];
    }
    if (status === 403) {
      // Django's CSRF refusal: the session (and its token) is gone.
      var csrf = /CSRF/.test(String(xhr.responseText || ""));
      return [csrf ? words.failSession : words.failForbidden, true];
    }
    if (status >= 500) {
      return [fill(words.failServer, { status: status }), false];
    }
    return [fill(words.failOther, { status: status }), false];
  };
  // A file over its input's limit (data-max-bytes) is refused before it is sent.
  var oversized = function (root) {
    var found = null;
    root.querySelectorAll("input[type=file][data-max-bytes]").forEach(function (input) {
      var max = parseInt(input.getAttribute("data-max-bytes"), 10);
      Array.prototype.forEach.call(input.files || [], function (file) {
        if (!found && max && file.size > max) {
          found = { input: input, file: file, max: max };
        }
      });
    });
    return found;
  };
  var refuseFile = function (found) {
    showFailure(
      found.input,
      fill(words.failFile, {
        name: found.file.name,
        size: megabytes(found.file.size),
        limit: megabytes(found.max),
      }),
      false,
    );
  };
  var currentToken = function () {
    var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : "";
  };
  document.body.addEventListener("htmx:configRequest", function (event) {
    var elt = event.detail.elt;
    var root = elt.closest("form") || elt;
    var found = oversized(root);
    if (found) {
      event.preventDefault();
      refuseFile(found);
      return;
    }
    // The files are within the limit now: an earlier refusal of a file no longer holds.
    root.querySelectorAll("input[type=file]").forEach(clearFailure);
    // The token of the session as it is now: after signing in again in another tab, the
    // page's own token (from the old session) would be refused. Django reads the form's
    // field before the header, so both are set.
    var token = currentToken();
    if (token) {
      event.detail.headers["X-CSRFToken"] = token;
      if (event.detail.parameters.csrfmiddlewaretoken !== undefined) {
        event.detail.parameters.csrfmiddlewaretoken = token;
      }
    }
  });
  document.addEventListener(
    "submit",
    function (event) {
      var found = event.target instanceof HTMLFormElement ? oversized(event.target) : null;
      if (found) {
        event.preventDefault();
        refuseFile(found);
        return;
      }
      var token = currentToken();
      var field = event.target.querySelector && event.target.querySelector("input[name=csrfmiddlewaretoken]");
      if (token && field) {
        field.value = token;
      }
    },
    true,
  );
  document.body.addEventListener("htmx:beforeSwap", function (event) {
    var xhr = event.detail.xhr;
    // Every htmx answer of this site is a fragment: a whole page (the sign-in page after
    // a redirect, a server's error page) would replace the form and what was typed.
    if (event.detail.shouldSwap && (isPage(xhr.responseText) || toLogin(xhr))) {
      event.detail.shouldSwap = false;
      event.detail.isError = true;
    }
  });
  document.body.addEventListener("htmx:responseError", function (event) {
    var failure = failureOf(event.detail.xhr);
    showFailure(event.detail.elt, failure[0], failure[1]);
  });
  var offline = function (event) {
    showFailure(event.detail.elt, words.failNetwork, false);
  };
  document.body.addEventListener("htmx:sendError", offline);
  document.body.addEventListener("htmx:timeout", offline);
  document.body.addEventListener("htmx:afterRequest", function (event) {
    if (event.detail.successful) {
      clearFailure(event.detail.elt);
    }
  });
  // Dates are typed as dd/mm/yyyy in text inputs (core/dates.py), whatever the browser's
  // language. A button beside each opens the browser's calendar through a hidden
  // type=date and writes the chosen day back as dd/mm/yyyy. Without this script, or in a
  // browser that cannot open its picker from a script, the date is simply typed.
  var pad = function (n) {
    return (n < 10 ? "0" : "") + n;
  };
  var isoOf = function (text) {
    var m = /^\s*(\d{1,2})\s*([\/.-])\s*(\d{1,2})\s*\2\s*(\d{4})\s*$/.exec(text || "");
    if (m) {
      return m[4] + "-" + pad(+m[3]) + "-" + pad(+m[1]);
    }
    m = /^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$/.exec(text || "");
    return m ? m[1] + "-" + pad(+m[2]) + "-" + pad(+m[3]) : "";
  };
  var shownOf = function (iso) {
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || "");
    return m ? m[3] + "/" + m[2] + "/" + m[1] : "";
  };
  var calendarIcon = function () {
    var ns = "http://www.w3.org/2000/svg";
    var svg = document.createElementNS(ns, "svg");
    svg.setAttribute("viewBox", "0 0 16 16");
    svg.setAttribute("width", "16");
    svg.setAttribute("height", "16");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("focusable", "false");
    var path = document.createElementNS(ns, "path");
    path.setAttribute(
      "d",
      "M4 1v2H2.5A1.5 1.5 0 0 0 1 4.5v9A1.5 1.5 0 0 0 2.5 15h11a1.5 1.5 0 0 0 1.5-1.5v-9A1.5 1.5 0 0 0 13.5 3H12V1h-1.5v2h-5V1H4zM2.5 6.5h11v7h-11v-7zM4 8v1.5h1.5V8H4zm3.25 0v1.5h1.5V8h-1.5zm3.25 0v1.5H12V8h-1.5zM4 11v1.5h1.5V11H4zm3.25 0v1.5h1.5V11h-1.5z",
    );
    path.setAttribute("fill", "currentColor");
    svg.appendChild(path);
    return svg;
  };
  // Beside each date, the day as it is read, in words with its weekday ("= Thursday
  // 1 Oct 2026", "= thứ Năm, ngày 01/10/2026"), said politely to screen readers: 10/1/2026
  // typed month first shows 10 January, and the swap is seen before the form is sent.
  // The words come from the field's data-reading-* attributes (core/dates.py, the page's
  // language); what is read is what parse_day reads.
  var monthOf = function (name) {
    var months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
    var short = name.toLowerCase().slice(0, 3);
    var full = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];
    var index = months.indexOf(short);
    var lower = name.toLowerCase();
    if (index < 0 || (lower !== short && lower !== full[index] && lower !== "sept")) {
      return 0;
    }
    return index + 1;
  };
  var dayOf = function (text) {
    var iso = isoOf(text);
    var m = iso ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso) : null;
    var parts = m ? [+m[1], +m[2], +m[3]] : null;
    if (!parts) {
      m = /^\s*(\d{1,2})\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})\s*$/.exec(text || "");
      if (m && monthOf(m[2])) {
        parts = [+m[3], monthOf(m[2]), +m[1]];
      }
    }
    if (!parts) {
      m = /^\s*(?:ngày\s+)?(\d{1,2})\s+tháng\s+(\d{1,2}),?\s+năm\s+(\d{4})\s*$/i.exec(text || "");
      parts = m ? [+m[3], +m[2], +m[1]] : null;
    }
    if (!parts || parts[0] < 1) {
      return null;
    }
    var day = new Date(Date.UTC(2000, parts[1] - 1, parts[2]));
    day.setUTCFullYear(parts[0]);
    if (day.getUTCFullYear() !== parts[0] || day.getUTCMonth() !== parts[1] - 1 || day.getUTCDate() !== parts[2]) {
      return null; // 31/02, month 13
    }
    return day;
  };
  var readingOf = function (box, text) {
    if (!(text || "").trim()) {
      return "";
    }
    var day = dayOf(text);
    if (!day) {
      // Typed but no day (31/02, month 13, a two-digit year): said now, politely, as a
      // day read is; the server says why when the form is sent.
      return box.dataset.readingInvalid || "";
    }
    var weekdays = (box.dataset.readingWeekdays || "").split("|");
    var months = (box.dataset.readingMonths || "").split("|");
    var year = String(day.getUTCFullYear());
    while (year.length < 4) {
      year = "0" + year;
    }
    return fill(box.dataset.reading, {
      weekday: weekdays[day.getUTCDay()] || "",
      d: day.getUTCDate(),
      dd: pad(day.getUTCDate()),
      mm: pad(day.getUTCMonth() + 1),
      mon: months[day.getUTCMonth()] || "",
      yyyy: year,
    });
  };
  var dayReadings = function (root) {
    root.querySelectorAll(".day-field[data-reading]:not(.day-read)").forEach(function (box) {
      var text = box.querySelector("input");
      if (!text || !text.id) {
        return;
      }
      box.classList.add("day-read");
      var out = document.createElement("span");
      out.className = "day-reading small muted";
      out.id = text.id + "_reading";
      out.setAttribute("role", "status");
      out.setAttribute("aria-live", "polite");
      out.setAttribute("aria-atomic", "true");
      out.textContent = readingOf(box, text.value);
      box.insertAdjacentElement("afterend", out);
      var update = function () {
        var shown = readingOf(box, text.value);
        if (out.textContent !== shown) {
          out.textContent = shown;
        }
      };
      text.addEventListener("input", update);
      text.addEventListener("change", update);
    });
  };
  var dayFields = function (root) {
    dayReadings(root);
    if (!("showPicker" in HTMLInputElement.prototype)) {
      return;
    }
    root.querySelectorAll(".day-field:not(.day-ready)").forEach(function (box) {
      var text = box.querySelector("input");
      if (!text || text.disabled || text.readOnly) {
        return;
      }
      box.classList.add("day-ready");
      var picker = document.createElement("input");
      picker.type = "date";
      picker.className = "day-native";
      picker.tabIndex = -1;
      picker.setAttribute("aria-hidden", "true");
      if (text.dataset.min) {
        picker.min = text.dataset.min;
      }
      if (text.dataset.max) {
        picker.max = text.dataset.max;
      }
      var button = document.createElement("button");
      button.type = "button";
      button.className = "btn day-button";
      var label = text.labels && text.labels[0] ? text.labels[0].textContent.replace(/[\s*]+$/, "").replace(/\s+/g, " ").trim() : "";
      button.setAttribute("aria-label", box.dataset.pickerLabel + (label ? ": " + label : ""));
      button.title = box.dataset.pickerLabel;
      button.appendChild(calendarIcon());
      button.addEventListener("click", function () {
        picker.value = isoOf(text.value);
        try {
          picker.showPicker();
        } catch (error) {
          text.focus();
        }
      });
      picker.addEventListener("change", function () {
        if (!picker.value) {
          return;
        }
        text.value = shownOf(picker.value);
        text.dispatchEvent(new Event("input", { bubbles: true }));
        text.dispatchEvent(new Event("change", { bubbles: true }));
        text.focus();
      });
      box.appendChild(picker);
      box.appendChild(button);
    });
  };
  dayFields(document);
  document.body.addEventListener("htmx:afterSettle", function (event) {
    dayFields(event.target.parentElement || document);
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
