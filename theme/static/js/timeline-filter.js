// Timeline topic filters: an enhancement. Without this script every event is listed.
(function () {
  "use strict";
  var form = document.getElementById("timeline-filters");
  var status = document.getElementById("timeline-status");
  if (!form) return;
  var events = Array.prototype.slice.call(document.querySelectorAll(".event[data-topic]"));
  var years = Array.prototype.slice.call(document.querySelectorAll("[data-year]"));
  var yearLinks = Array.prototype.slice.call(document.querySelectorAll(".year-nav li"));

  function apply() {
    var shown = {};
    Array.prototype.forEach.call(form.elements.topic, function (box) { shown[box.value] = box.checked; });
    var visible = 0;
    events.forEach(function (item) {
      var on = shown[item.getAttribute("data-topic")] !== false;
      item.hidden = !on;
      if (on) visible += 1;
    });
    years.forEach(function (section, index) {
      var any = section.querySelector(".event:not([hidden])") !== null;
      section.hidden = !any;
      if (yearLinks[index]) yearLinks[index].hidden = !any;
    });
    // The words are the site's (content/data/labels.yaml), in the status line's data-all
    // and data-some; the numbers are filled in here.
    var words = visible === events.length ? status.dataset.all : status.dataset.some;
    status.textContent = words.replace("{total}", events.length).replace("{shown}", visible);
  }

  form.hidden = false;
  apply();
  form.addEventListener("change", apply);
  form.addEventListener("submit", function (event) { event.preventDefault(); });
})();
