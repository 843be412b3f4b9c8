/* Keyboard and screen-reader fix for Dash's dropdowns (WCAG 2.1, issue 24 §7).
 *
 * Why: Dash 4 puts a hidden, focusable <input aria-hidden="true"> before each dropdown's
 * button (a Safari work-around) and takes the button itself out of the Tab order. A screen
 * reader then lands on an element it was told to ignore. Here the button, which carries the
 * dropdown's name and value, takes the Tab stop and the hidden input leaves it. Dash redraws
 * parts of the page, so every new dropdown is fixed as it appears.
 */
(function () {
  "use strict";
  function fix(root) {
    root.querySelectorAll("input.dash-dropdown-focus-target").forEach(function (input) {
      if (input.getAttribute("tabindex") !== "-1") input.setAttribute("tabindex", "-1");
      var button = input.nextElementSibling;
      if (button && button.tagName === "BUTTON" && !button.disabled &&
          button.getAttribute("tabindex") !== "0") {
        button.setAttribute("tabindex", "0");
      }
    });
  }
  function start() {
    fix(document);
    new MutationObserver(function () { fix(document); })
      .observe(document.body, {childList: true, subtree: true, attributes: true,
                               attributeFilter: ["tabindex", "disabled"]});
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
