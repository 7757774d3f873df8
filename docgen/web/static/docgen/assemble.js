// The packet page: drag the rows into order (HTML5 drag and drop); Up and Down move them here too.
// Without this script the same buttons post the form and the server moves the row. The order posted is the
// order of the rows' hidden "item" inputs, so whatever moved the rows, Build gets it.
"use strict";

(function () {
  function rowsOf(list) { return Array.prototype.slice.call(list.querySelectorAll(":scope > li.row")); }

  function refreshButtons(list) {
    var rows = rowsOf(list);
    rows.forEach(function (row, i) {
      var up = row.querySelector("button[name=move][value^='up:']");
      var down = row.querySelector("button[name=move][value^='down:']");
      if (up) { up.disabled = i === 0; }
      if (down) { down.disabled = i === rows.length - 1; }
    });
  }

  function setup(list) {
    var dragged = null;
    list.addEventListener("dragstart", function (event) {
      var row = event.target.closest && event.target.closest("li.row");
      if (!row || row.parentElement !== list) { return; }
      dragged = row;
      row.classList.add("dragging");
      event.dataTransfer.effectAllowed = "move";
      event.dataTransfer.setData("text/plain", row.getAttribute("data-key"));
    });
    function clearMarks() {
      rowsOf(list).forEach(function (r) { r.classList.remove("drop-before", "drop-after"); });
    }
    function placeFor(event) {
      var row = event.target.closest && event.target.closest("li.row");
      if (!row || row === dragged || row.parentElement !== list) { return null; }
      var box = row.getBoundingClientRect();
      return { row: row, after: event.clientY > box.top + box.height / 2 };
    }
    list.addEventListener("dragover", function (event) {
      if (!dragged) { return; }
      event.preventDefault();
      event.dataTransfer.dropEffect = "move";
      clearMarks();
      var place = placeFor(event);
      if (place) { place.row.classList.add(place.after ? "drop-after" : "drop-before"); }
    });
    list.addEventListener("drop", function (event) {
      if (!dragged) { return; }
      event.preventDefault();
      var place = placeFor(event);
      if (place) { list.insertBefore(dragged, place.after ? place.row.nextSibling : place.row); }
      clearMarks();
      refreshButtons(list);
    });
    list.addEventListener("dragend", function () {
      if (dragged) { dragged.classList.remove("dragging"); }
      dragged = null;
      clearMarks();
    });
    list.addEventListener("click", function (event) {
      var button = event.target.closest && event.target.closest("button[name=move]");
      if (!button) { return; }
      var row = button.closest("li.row");
      event.preventDefault();
      if (button.value.indexOf("up:") === 0 && row.previousElementSibling) {
        list.insertBefore(row, row.previousElementSibling);
      } else if (button.value.indexOf("down:") === 0 && row.nextElementSibling) {
        list.insertBefore(row.nextElementSibling, row);
      }
      refreshButtons(list);
      button.focus();
    });
    list.addEventListener("change", function (event) {
      if (event.target.type === "checkbox") {
        event.target.closest("li.row").classList.toggle("on", event.target.checked);
      }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("ol.sortable").forEach(setup);
  });
}());
