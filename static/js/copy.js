// A button marked data-copy="<input id>" copies that input's text and says so in the
// nearby [data-copy-status] live region (no inline handlers: the Content-Security-Policy
// allows scripts from this site's files only). Without a clipboard, the text is selected
// for the person to copy.
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-copy]");
    if (!button) {
      return;
    }
    var input = document.getElementById(button.getAttribute("data-copy"));
    var status = document.querySelector("[data-copy-status]");
    if (!input) {
      return;
    }
    input.focus();
    input.select();
    if (!navigator.clipboard) {
      return;
    }
    navigator.clipboard.writeText(input.value).then(function () {
      if (status) {
        status.textContent = button.getAttribute("data-copied") || "";
      }
    });
  });
})();
