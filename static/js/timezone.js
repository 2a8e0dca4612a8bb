// Preselect the browser's time zone in a <select data-browser-time-zone> until the
// person has chosen one; the server marks the select only while that is so.
(function () {
  "use strict";
  // The name Intl gives a zone. Browsers differ on aliases: Chrome says Asia/Calcutta
  // where the list has Asia/Kolkata, but canonicalizes both names the same way.
  function resolved(zone) {
    try {
      return new Intl.DateTimeFormat("en-US", { timeZone: zone }).resolvedOptions().timeZone;
    } catch (error) {
      return "";
    }
  }
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
      var options = Array.prototype.slice.call(select.options);
      var option = options.find(function (o) {
        return o.value === zone;
      });
      var wanted = option ? "" : resolved(zone);
      if (wanted) {
        option = options.find(function (o) {
          return o.value && resolved(o.value) === wanted;
        });
      }
      if (option) {
        select.value = option.value;
      }
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", fill);
  } else {
    fill();
  }
})();
