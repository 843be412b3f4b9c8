// Workshop pages' only script: poll a run's progress, show the caseloads, the budget counter
// and the changes from the start as a team types, and keep the facilitator's table of teams
// current. Every action works without it (forms post;
// the team page and the facilitator's page have a reload link). It writes no number itself:
// every figure it shows comes from the server as text, in the page's language.
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
          if (s.total) { bar.max = s.total; bar.value = s.done; text.textContent = s.text; }
          var place = document.getElementById("queue-place");
          if (place && place.textContent !== (s.queue || "")) { place.textContent = s.queue || ""; }
          if (s.state === "done" || s.state === "failed" || s.state === "none") { window.location.reload(); }
          else { window.setTimeout(poll, 700); }
        })
        .catch(function () { window.setTimeout(poll, 2000); });
    };
    window.setTimeout(poll, 500);
  }
  // A team page without a run in progress: poll the round every few seconds and, when it
  // was locked, revealed or a new one opened, say so (the server's sentence) with a reload
  // link; never reload under a team's typing.
  var watch = document.getElementById("round-watch");
  if (watch && !box) {
    var look = function () {
      fetch("/team/status.json", {credentials: "same-origin", cache: "no-store"})
        .then(function (r) { return r.json(); })
        .then(function (s) {
          if (s.round_key && s.round_key !== watch.dataset.round) {
            document.getElementById("round-watch-text").textContent = s.round_text;
            watch.hidden = false;
          } else { window.setTimeout(look, 4000); }
        })
        .catch(function () { window.setTimeout(look, 8000); });
    };
    window.setTimeout(look, 4000);
  }
  var board = document.getElementById("teams-board");
  if (board) {
    // The facilitator's table: poll /facilitator/status.json every few seconds and change
    // only the cells whose text changed; reload the page (new rows, a round that moved on)
    // only when nobody is in a field and no form is on its way, so nothing typed or clicked
    // is lost (views/facilitator.py, facilitator_status, says why not a meta refresh).
    var every = 3000;
    var sending = false;
    document.addEventListener("submit", function () { sending = true; });
    var busy = function () {
      var a = document.activeElement;
      return sending || (a !== null && /^(INPUT|TEXTAREA|SELECT)$/.test(a.tagName));
    };
    var show = function (s) {
      if (s.shape !== board.dataset.shape) {
        if (!busy()) { window.location.reload(); }
        return;
      }
      s.teams.forEach(function (team) {
        var row = board.querySelector('tr[data-team="' + team.id + '"]');
        ["design", "prediction", "run", "miss"].forEach(function (key) {
          var cell = row && row.querySelector('[data-cell="' + key + '"]');
          if (cell && cell.textContent !== team[key]) { cell.textContent = team[key]; }
        });
      });
    };
    var tick = function () {
      if (document.hidden) { window.setTimeout(tick, every); return; }
      fetch("/facilitator/status.json", {credentials: "same-origin", cache: "no-store"})
        .then(function (r) {
          if (r.status === 403) { window.location.reload(); return null; }  // to the key form
          return r.json();
        })
        .then(function (s) { if (s) { show(s); window.setTimeout(tick, every); } })
        .catch(function () { window.setTimeout(tick, 2 * every); });  // app restarting
    };
    window.setTimeout(tick, every);
  }
  var form = document.getElementById("design-form");
  if (form) {
    // What the design form shows beside the values being typed, all written by the server
    // (/team/caseloads.json, views/team.py) so it reads exactly as the page's own text: the
    // caseloads, the budget counter over every FTE field, the "changed from the start"
    // marks and each step's count of them. A late answer to an earlier keystroke is dropped.
    var asked = 0;
    var timer = null;
    var update = function () {
      var cells = form.querySelectorAll("[data-caseload]");
      var query = new URLSearchParams();
      new FormData(form).forEach(function (value, name) {
        if (name !== "csrf" && name !== "team" && name !== "version") { query.set(name, value); }
      });
      var mine = ++asked;
      fetch("/team/caseloads.json?" + query.toString(), {credentials: "same-origin", cache: "no-store"})
        .then(function (r) { return r.json(); })
        .then(function (s) {
          if (mine !== asked || !s.caseloads) { return; }
          for (var j = 0; j < cells.length; j++) {
            var text = s.caseloads[cells[j].dataset.caseload];
            if (text !== undefined) { cells[j].textContent = text; }
          }
          var used = document.getElementById("fte-used");
          if (used && s.used && used.textContent !== s.used) { used.textContent = s.used; }
          if (s.changed) {
            var marks = form.querySelectorAll("[data-changed]");
            for (var k = 0; k < marks.length; k++) {
              marks[k].hidden = s.changed.indexOf(marks[k].dataset.changed) < 0;
            }
            var counts = form.querySelectorAll("[data-step-changed]");
            for (var m = 0; m < counts.length; m++) {
              var said = s.steps[counts[m].dataset.stepChanged] || "";
              if (counts[m].textContent !== said) { counts[m].textContent = said; }
            }
          }
        })
        .catch(function () { /* the text shown stays; the form still posts */ });
    };
    var later = function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(update, 150);
    };
    form.addEventListener("input", later);
    form.addEventListener("change", later);  // a radio choice, in browsers without input
  }
})();
