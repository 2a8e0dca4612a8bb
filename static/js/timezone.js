// Preselect the browser's time zone in a <select data-browser-time-zone> until the
// person has chosen one; the server marks the select only while that is so.
(function () {
  "use strict";
  function fill() {
    var zone;
    try {
      zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    } catch (error) {
      return;
    }
    if (!zone) {
      return;
    }
    document.querySelectorAll("select[data-browser-time-zone]").forEach(function (select) {
      var option = Array.prototype.find.call(select.options, function (o) {
        return o.value === zone;
      });
      if (option) {
        select.value = zone;
      }
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", fill);
  } else {
    fill();
  }
})();
