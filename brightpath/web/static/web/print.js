// The printable sheets' Print button (a static file: the CSP runs no inline handlers).
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    if (event.target.closest("[data-print]")) window.print();
  });
})();
