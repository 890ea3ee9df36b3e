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

  // Ingest: upload with a real progress bar (XHR upload progress), then show the
  // server's own per-file report (the same HTML as without JavaScript) in place.
  var form = document.getElementById("ingestform");
  if (form && window.XMLHttpRequest && window.FormData && window.DOMParser) {
    var bar = document.getElementById("progress");
    var status = document.getElementById("progress-text");
    var result = document.getElementById("upload-result");
    var button = form.querySelector("button[type=submit]");
    function say(s) { status.hidden = false; text(status, s); }
    function mb(n) { return (n / 1048576).toFixed(1) + " MB"; }
    function showFrom(doc, ok) {
      var part = doc && (doc.getElementById("report") || doc.querySelector("section.error"));
      result.replaceChildren();
      if (part) result.appendChild(document.importNode(part, true));
      say(ok ? form.dataset.done : form.dataset.failed);
    }
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      var xhr = new XMLHttpRequest();
      xhr.open("POST", form.getAttribute("action"));
      xhr.setRequestHeader("Accept", "text/html");
      var csrf = form.querySelector("input[name=csrf]");
      if (csrf) xhr.setRequestHeader("X-CSRF-Token", csrf.value);
      bar.hidden = false;
      bar.value = 0;
      bar.removeAttribute("data-uploaded");
      button.disabled = true;
      form.setAttribute("aria-busy", "true");
      say(form.dataset.sending + " 0%");
      xhr.upload.addEventListener("progress", function (e) {
        if (!e.lengthComputable) return;
        var pct = Math.floor(100 * e.loaded / e.total);
        bar.value = pct;
        bar.setAttribute("data-uploaded", String(e.loaded));
        bar.setAttribute("data-total", String(e.total));
        say(form.dataset.sending + " " + pct + "% (" + mb(e.loaded) + " / " + mb(e.total) + ")");
      });
      xhr.upload.addEventListener("load", function () {
        bar.removeAttribute("value");  // indeterminate while the server extracts
        say(form.dataset.extracting);
      });
      xhr.addEventListener("load", function () {
        var doc = new DOMParser().parseFromString(xhr.responseText || "", "text/html");
        showFrom(doc, xhr.status >= 200 && xhr.status < 300);
      });
      xhr.addEventListener("error", function () { say(form.dataset.network); });
      xhr.addEventListener("loadend", function () {
        bar.hidden = true;
        button.disabled = false;
        form.removeAttribute("aria-busy");
      });
      xhr.send(new FormData(form));
    });
  }
})();
