// The kiosk's ticket page: print the receipt (80 mm print stylesheet), and go back to the start after a
// while so the next person finds the choice of business, not someone else's ticket.
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-print]").forEach(function (b) {
      b.addEventListener("click", function () { window.print(); });
    });
    var main = document.querySelector("[data-return]");
    if (main) {
      var seconds = Number(main.dataset.returnAfter || 60);
      window.setTimeout(function () { window.location.assign(main.dataset.return); }, seconds * 1000);
    }
  });
})();
