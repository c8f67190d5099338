// The report page: warn before leaving with unsaved changes, count what is unsaved,
// and fill a field when "take theirs" / "keep mine" is chosen in a conflict.
// Saving works without this file (the page is one form posted to "save all").
(function () {
  "use strict";

  function changed(el) {
    if (el.type === "hidden" || el.type === "submit" || el.type === "button" || el.name === "") {
      return false;
    }
    if (el.type === "radio" && el.name.indexOf("take-") !== -1) {
      return false; // merge choices are not content
    }
    if (el.type === "file") {
      return el.files && el.files.length > 0;
    }
    if (el.type === "checkbox" || el.type === "radio") {
      return el.checked !== el.defaultChecked;
    }
    if (el.tagName === "SELECT") {
      return Array.prototype.some.call(el.options, function (o) {
        return o.selected !== o.defaultSelected;
      });
    }
    return el.value !== el.defaultValue;
  }

  function unit(el) {
    return el.closest(".entry-form, [data-unit]");
  }

  function dirtyUnits(form) {
    var units = new Set();
    Array.prototype.forEach.call(form.elements, function (el) {
      if (changed(el)) {
        units.add(unit(el) || form);
      }
    });
    form.querySelectorAll(".unsaved").forEach(function (el) {
      units.add(el);
    });
    return units.size;
  }

  function init() {
    var form = document.getElementById("report-form");
    if (!form) {
      return;
    }
    var submitting = false;
    var counter = document.getElementById("dirty-count");
    var template = counter ? counter.getAttribute("data-template") || "" : "";

    function refresh() {
      var n = dirtyUnits(form);
      if (counter) {
        counter.textContent = n > 0 ? template.replace("{n}", String(n)) : "";
      }
      return n;
    }

    form.addEventListener("input", refresh);
    form.addEventListener("change", function (event) {
      var el = event.target;
      if (el.type === "radio" && el.getAttribute("data-target")) {
        var target = form.elements.namedItem(el.getAttribute("data-target"));
        if (target && !(target instanceof RadioNodeList)) {
          target.value = el.getAttribute("data-value") || "";
        }
      }
      refresh();
    });
    form.addEventListener("submit", function () {
      submitting = true;
    });
    document.body.addEventListener("htmx:afterSwap", refresh);
    window.addEventListener("beforeunload", function (event) {
      if (!submitting && refresh() > 0) {
        event.preventDefault();
        event.returnValue = form.getAttribute("data-unsaved-warning") || "";
        return event.returnValue;
      }
      return undefined;
    });
    refresh();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
