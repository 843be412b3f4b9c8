// Workshop pages' only script: poll a run's progress and update caseloads as FTEs change.
// Every action works without it (forms post; the team page has a reload link).
(function () {
  "use strict";
  var box = document.getElementById("progress");
  if (box) {
    var text = document.getElementById("progress-text");
    var bar = document.getElementById("progress-bar");
    var poll = function () {
      fetch("/team/status.json", {credentials: "same-origin", cache: "no-store"})
        .then(function (r) { return r.json(); })
        .then(function (s) {
          if (s.total) { bar.max = s.total; bar.value = s.done; text.textContent = s.done + "/" + s.total; }
          if (s.state === "done" || s.state === "failed" || s.state === "none") { window.location.reload(); }
          else { window.setTimeout(poll, 700); }
        })
        .catch(function () { window.setTimeout(poll, 2000); });
    };
    window.setTimeout(poll, 500);
  }
  var form = document.getElementById("design-form");
  if (form) {
    var citizens = parseFloat(form.dataset.citizens);
    var update = function () {
      var cells = form.querySelectorAll("[data-caseload]");
      for (var i = 0; i < cells.length; i++) {
        var role = cells[i].dataset.caseload;
        var input = document.getElementById("fte-" + role);
        var fte = parseFloat((input.value || "0").replace(",", "."));
        var load = fte > 0 ? (citizens / fte).toFixed(1) : "–";
        // the page's language decides the decimal mark (Danish pages write 72,7)
        cells[i].textContent = document.documentElement.lang === "da" ? load.replace(".", ",") : load;
      }
    };
    form.addEventListener("input", update);
  }
})();
