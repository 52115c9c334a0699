// Sources filter: an enhancement. Without this script every source is listed, by publisher.
(() => {
  const form = document.getElementById("source-filters");
  const status = document.getElementById("source-status");
  if (!form) return;
  const groups = [...document.querySelectorAll("section.publisher")];
  const total = document.querySelectorAll("section.publisher li").length;

  function apply() {
    const publisher = form.elements.publisher.value;
    const page = form.elements.page.value;
    let shown = 0;
    for (const group of groups) {
      let inGroup = 0;
      for (const item of group.querySelectorAll("li")) {
        const on = (!publisher || group.dataset.publisher === publisher)
          && (!page || item.dataset.cited.split(" ").includes(page));
        item.hidden = !on;
        if (on) inGroup += 1;
      }
      group.hidden = inGroup === 0;
      shown += inGroup;
    }
    status.textContent = shown === total ? `Showing all ${total} sources.` : `Showing ${shown} of ${total} sources.`;
  }

  form.hidden = false;
  form.addEventListener("change", apply);
  form.addEventListener("submit", (e) => e.preventDefault());
  apply();
})();
