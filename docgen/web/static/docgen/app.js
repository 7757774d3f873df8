// A little progressive enhancement: the pages work without it.
"use strict";

// Case list: filter the rows as you type (nothing is sent anywhere).
function setupRowFilter() {
  document.querySelectorAll("input[data-filter-rows]").forEach(function (input) {
    var body = document.getElementById(input.getAttribute("data-filter-rows"));
    if (!body) { return; }
    input.addEventListener("input", function () {
      var words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
      body.querySelectorAll("tr[data-search]").forEach(function (row) {
        var text = row.getAttribute("data-search");
        row.hidden = !words.every(function (w) { return text.indexOf(w) !== -1; });
      });
    });
  });
}

// Case form: a link to an input (from "Still to answer" or an error) opens the sections around it.
function revealTarget() {
  if (!location.hash) { return; }
  var target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
  if (!target) { return; }
  for (var node = target; node; node = node.parentElement) {
    if (node.tagName === "DETAILS") { node.open = true; }
  }
  (target.closest(".field") || target).scrollIntoView({ block: "center" });
  if (typeof target.focus === "function") { target.focus(); }
}

// Job page: ask for the job's progress; the server answers when it changes (it holds the request until then),
// so the end is shown at once. Then reload to show the results.
function pollJob() {
  var box = document.getElementById("job");
  if (!box) { return; }
  var status = box.getAttribute("data-status");
  if (status !== "queued" && status !== "running") { return; }
  var url = box.getAttribute("data-status-url");
  var seen = "";
  function tick() {
    fetch(url + (seen === "" ? "" : "?seen=" + seen), { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (r) { return r.json(); })
      .then(function (data) {
        var bar = document.getElementById("job-progress");
        if (bar) { bar.value = data.percent; bar.textContent = data.percent + "%"; }
        var count = document.getElementById("job-count");
        if (count) { count.textContent = data.done + " of " + data.total; }
        var message = document.getElementById("job-message");
        if (message) { message.textContent = data.message; }
        if (data.status === "done" || data.status === "failed") { location.reload(); return; }
        seen = String(data.version);
        tick();
      })
      .catch(function () { setTimeout(tick, 2000); });
  }
  tick();
}

// Job page: page images are drawn once the page (and its download link) is ready, one at a time, nearest
// first: the server renders one page while the person downloads the PDF, never seven at once in front of it.
function loadPageImages() {
  var waiting = Array.prototype.slice.call(document.querySelectorAll("img[data-src]"));
  if (!waiting.length) { return; }
  var busy = false;
  var visible = [];
  function next() {
    if (busy) { return; }
    var img = visible.shift() || null;
    if (!img) { return; }
    busy = true;
    function done() { busy = false; next(); }
    img.addEventListener("load", done, { once: true });
    img.addEventListener("error", done, { once: true });
    img.src = img.getAttribute("data-src");
    img.removeAttribute("data-src");
  }
  function want(img) { if (visible.indexOf(img) === -1 && img.hasAttribute("data-src")) { visible.push(img); } }
  if (!("IntersectionObserver" in window)) { waiting.forEach(want); next(); return; }
  var observer = new IntersectionObserver(function (entries) {
    entries.forEach(function (entry) {
      if (entry.isIntersecting) { want(entry.target); observer.unobserve(entry.target); }
    });
    visible.sort(function (a, b) { return waiting.indexOf(a) - waiting.indexOf(b); });
    next();
  }, { rootMargin: "600px" });
  waiting.forEach(function (img) { observer.observe(img); });
}

window.addEventListener("load", loadPageImages);

document.addEventListener("DOMContentLoaded", function () {
  setupRowFilter();
  revealTarget();
  pollJob();
});
window.addEventListener("hashchange", revealTarget);
