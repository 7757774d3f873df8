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

// Uploads: a file over the server's limit is said beside its input before anything is sent (the server
// would refuse it after the whole upload).
function checkUploadSizes() {
  var limit = parseInt(document.body.getAttribute("data-upload-limit") || "0", 10);
  if (!limit) { return; }
  function mb(bytes) {  // as the server says it (docgen.web.services.uploads.megabytes)
    return bytes < 1048576 ? (bytes / 1024).toFixed(1) + " KB" : (bytes / 1048576).toFixed(1) + " MB";
  }
  function tooLarge(input) {
    var big = Array.prototype.filter.call(input.files || [], function (f) { return f.size > limit; });
    var note = input.parentElement.querySelector(".upload-size-error");
    if (!big.length) {
      if (note) { note.remove(); }
      input.removeAttribute("aria-invalid");
      return false;
    }
    if (!note) {
      note = document.createElement("p");
      note.className = "field-error upload-size-error";
      note.setAttribute("role", "alert");
      input.insertAdjacentElement("afterend", note);
    }
    note.textContent = big[0].name + " is " + mb(big[0].size) + "; files up to " + mb(limit) +
      " are accepted. Choose a smaller file (split a long PDF into parts).";
    input.setAttribute("aria-invalid", "true");
    return true;
  }
  document.querySelectorAll('input[type="file"]').forEach(function (input) {
    input.addEventListener("change", function () { tooLarge(input); });
    if (input.form) {
      input.form.addEventListener("submit", function (event) {
        if (tooLarge(input)) { event.preventDefault(); input.focus(); }
      });
    }
  });
}

// Review desk: a field OCR left empty, unsure, shows what it read; "Use this reading" puts it in the input for
// the person to confirm (save) or correct. Without the script the input offers it as a suggestion (datalist).
function setupCandidates() {
  document.querySelectorAll("button[data-fill]").forEach(function (button) {
    var input = document.getElementById(button.getAttribute("data-fill"));
    if (!input) { return; }
    button.hidden = false;
    button.addEventListener("click", function () {
      input.value = button.getAttribute("data-value");
      input.focus();
    });
  });
}

window.addEventListener("load", loadPageImages);

document.addEventListener("DOMContentLoaded", function () {
  setupRowFilter();
  checkUploadSizes();
  setupCandidates();
  revealTarget();
  pollJob();
});
window.addEventListener("hashchange", revealTarget);
