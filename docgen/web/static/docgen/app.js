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

// Job page: poll the status until the job is done, then reload to show the results.
function pollJob() {
  var box = document.getElementById("job");
  if (!box) { return; }
  var status = box.getAttribute("data-status");
  if (status !== "queued" && status !== "running") { return; }
  var url = box.getAttribute("data-status-url");
  function tick() {
    fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (r) { return r.json(); })
      .then(function (data) {
        var bar = document.getElementById("job-progress");
        if (bar) { bar.value = data.percent; bar.textContent = data.percent + "%"; }
        var count = document.getElementById("job-count");
        if (count) { count.textContent = data.done + " of " + data.total; }
        var message = document.getElementById("job-message");
        if (message) { message.textContent = data.message; }
        if (data.status === "done" || data.status === "failed") { location.reload(); }
        else { setTimeout(tick, 700); }
      })
      .catch(function () { setTimeout(tick, 2000); });
  }
  setTimeout(tick, 500);
}

// Job page: page images are drawn once the page (and its download link) is ready, nearest first, so the
// server renders them after the PDF is in hand, not while the person waits for the link.
function loadPageImages() {
  var images = Array.prototype.slice.call(document.querySelectorAll("img[data-src]"));
  if (!images.length) { return; }
  var observer = "IntersectionObserver" in window ? new IntersectionObserver(function (entries) {
    entries.forEach(function (entry) {
      if (entry.isIntersecting) { show(entry.target); observer.unobserve(entry.target); }
    });
  }, { rootMargin: "600px" }) : null;
  function show(img) { img.src = img.getAttribute("data-src"); img.removeAttribute("data-src"); }
  images.forEach(function (img) { if (observer) { observer.observe(img); } else { show(img); } });
}

window.addEventListener("load", loadPageImages);

document.addEventListener("DOMContentLoaded", function () {
  setupRowFilter();
  revealTarget();
  pollJob();
});
window.addEventListener("hashchange", revealTarget);
