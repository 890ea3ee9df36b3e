// marsad web: progressive enhancement only (every page works without it).
// Loaded from /static (the CSP forbids inline script).
(function () {
  "use strict";
  function text(el, s) { el.textContent = s; return el; }

  // Article marks: a click (or Enter) shows what the mark stands for below the text.
  var info = document.getElementById("markinfo");
  if (info) {
    var current = null;
    function show(mark) {
      if (current) current.classList.remove("sel");
      current = mark;
      mark.classList.add("sel");
      info.replaceChildren();
      info.appendChild(text(document.createElement("span"), mark.getAttribute("title") || ""));
      var href = mark.getAttribute("data-href");
      if (href && href.charAt(0) === "/") {  // only our own entity pages
        info.appendChild(document.createTextNode(" — "));
        var a = text(document.createElement("a"), mark.getAttribute("data-entity") || "");
        a.setAttribute("href", href);
        info.appendChild(a);
      }
      info.hidden = false;
    }
    document.querySelectorAll(".body .m").forEach(function (mark) {
      mark.addEventListener("click", function (ev) { ev.stopPropagation(); show(mark); });
      mark.addEventListener("keydown", function (ev) { if (ev.key === "Enter") show(mark); });
    });
  }

  // Ingest: show progress while the upload and the extraction run.
  var form = document.getElementById("ingestform");
  if (form) {
    form.addEventListener("submit", function () {
      ["progress", "progress-text"].forEach(function (id) {
        var el = document.getElementById(id);
        if (el) el.hidden = false;
      });
    });
  }
})();
