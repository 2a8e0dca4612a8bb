// The alumni import's page: while an import runs, fetch its status every two seconds and
// update it in place. Without JavaScript the page has a Refresh link instead.
(function () {
  "use strict";
  function poll() {
    var section = document.getElementById("import-progress");
    if (!section || !section.dataset.poll) {
      return;
    }
    fetch(section.dataset.poll, { credentials: "same-origin" })
      .then(function (response) {
        return response.ok ? response.text() : Promise.reject(response.status);
      })
      .then(function (html) {
        var fresh = new DOMParser().parseFromString(html, "text/html").getElementById("import-progress");
        if (!fresh) {
          return;
        }
        section.querySelector("h2").textContent = fresh.querySelector("h2").textContent;
        section.querySelector("[aria-live]").innerHTML = fresh.querySelector("[aria-live]").innerHTML;
        if (fresh.dataset.poll) {
          window.setTimeout(poll, 2000);
        } else {
          delete section.dataset.poll;
        }
      })
      .catch(function () {
        window.setTimeout(poll, 5000);
      });
  }
  document.addEventListener("DOMContentLoaded", function () {
    window.setTimeout(poll, 2000);
  });
})();
